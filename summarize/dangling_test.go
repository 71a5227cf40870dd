package summarize

import "testing"

func TestDanglingNeed(t *testing.T) {
	for _, tc := range []struct {
		s      string
		want   need
		at, to int
	}{
		{"He added that the talks would go on.", needPerson, 0, 2},
		{"Her call was not returned by the ministry.", needPerson, 0, 3},
		{"They said the bridge would reopen in May.", needPerson, 0, 4},
		{"It said the plant would close next year.", needPerson, 0, 2},
		{"It was not immediately clear who fired first.", needNothing, 0, 0},
		{"That included three rounds of talks in Istanbul.", needAntecedent, 0, 0},
		{"These demands include a new border.", needAntecedent, 0, 0},
		{"This week the council meets again.", needNothing, 0, 0},
		{"The move angered the opposition.", needAntecedent, 0, 0},
		{"The council approved the budget.", needNothing, 0, 0},
		{"“We will not give up,” he said.", needPerson, 27, 29},
		{"“We will not give up,” Zelensky said.", needNothing, 0, 0},
		{"“I said when are we going to end this bloodshed, this bloodbath?”", needSpeaker, 0, 0},
		{"“No one will withdraw our troops,” the minister told reporters.", needNothing, 0, 0},
		{"Hermes shares rose on Monday.", needNothing, 0, 0},
		{"He's been the subject of a search since Tuesday.", needPerson, 0, 2},
		{"That’s life in the family, the mayor said.", needAntecedent, 0, 0},
		{"She'd walked around the country for a year.", needPerson, 0, 3},
		{"On the summit, he said, “It's difficult for me.”", needPerson, 15, 17},
		{"On the summit, Habibie said, “It's difficult for me.”", needNothing, 0, 0},
		{"", needNothing, 0, 0},
		{"“", needNothing, 0, 0},
	} {
		t.Run(tc.s, func(t *testing.T) {
			what, at, n := danglingNeed(tc.s)
			if what != tc.want || (what == needPerson && (at != tc.at || at+n != tc.to)) {
				t.Errorf("danglingNeed(%q) = %d, %d–%d; want %d, %d–%d", tc.s, what, at, at+n, tc.want, tc.at, tc.to)
			}
		})
	}
}
