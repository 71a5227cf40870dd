package summarize

import "testing"

func TestCompressCuts(t *testing.T) {
	for _, tc := range []struct{ s, want string }{
		{"The bridge over the river will close for repairs next month, officials said.", "The bridge over the river will close for repairs next month."},
		{"The bridge over the river will close for repairs next month, a senior police officer told reporters on Monday.", "The bridge over the river will close for repairs next month."},
		{"The bridge over the river will close for repairs next month, according to the ministry.", "The bridge over the river will close for repairs next month."},
		{"The bridge over the river will close for repairs next month, Mayor Ana Ruiz said.", "The bridge over the river will close for repairs next month, Mayor Ana Ruiz said."},
		{"Sen. Jane Doe (R-Texas) voted against the bill in the committee on Tuesday.", "Sen. Jane Doe voted against the bill in the committee on Tuesday."},
		{"The plan (about $40 million) was approved by the council on Tuesday.", "The plan (about $40 million) was approved by the council on Tuesday."},
		{"“The bridge will close for repairs next month,” officials said.", "“The bridge will close for repairs next month,” officials said."},
		{"The minister called the plan “a disgrace to the whole town”, he said.", "The minister called the plan “a disgrace to the whole town”, he said."},
		{"The bridge will close, officials said.", "The bridge will close, officials said."},
		{"The bridge over the river, officials said, will close for repairs next month.", "The bridge over the river will close for repairs next month."},
		{"The bridge over the river, Ruiz said, will close for repairs next month.", "The bridge over the river, Ruiz said, will close for repairs next month."},
		{"Sen. Jane Doe (R-Texas), aides said, will vote against the bill in the committee, officials said.", "Sen. Jane Doe will vote against the bill in the committee."},
		{"", ""},
	} {
		if got := applyCuts(tc.s, compressCuts(tc.s)); got != tc.want {
			t.Errorf("compressed %q to %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestResolvedTextKeepsCuts(t *testing.T) {
	text := "He said the bridge over the river will close for repairs next month, officials said.\n"
	d := NewCorpus([]Article{{ID: "a", Text: text}}).Docs[0]
	got := d.resolvedText(0, Referent{Name: "Ana Ruiz", Start: 0, End: 2})
	if want := "[Ana Ruiz] said the bridge over the river will close for repairs next month."; got != want {
		t.Errorf("resolvedText = %q, want %q", got, want)
	}
}

func TestTimeOpenerEnd(t *testing.T) {
	for _, tc := range []struct{ s, rest string }{
		{"Earlier this week, the council voted to close the old bridge for repairs.", "the council voted to close the old bridge for repairs."},
		{"This year, Voinovich is running again for the Senate seat held by Glenn.", "Voinovich is running again for the Senate seat held by Glenn."},
		{"On Monday, the council voted to close the old bridge for repairs.", "On Monday, the council voted to close the old bridge for repairs."},
		{"Last year, it closed.", "Last year, it closed."},
		{"Later", "Later"},
	} {
		if got := tc.s[timeOpenerEnd(tc.s):]; got != tc.rest {
			t.Errorf("%q without its time opener: %q, want %q", tc.s, got, tc.rest)
		}
	}
}

// TestLeadFactor checks that the order of a single article weighs much more than that
// of an article among ten, where agreement across articles says what matters.
func TestLeadFactor(t *testing.T) {
	p := defaultParams
	one := p.leadFactor(0, 1) / p.leadFactor(4, 1)
	ten := p.leadFactor(0, 10) / p.leadFactor(4, 10)
	if one < 5 || ten > 1.2 || ten < 1 {
		t.Errorf("lead sentence against the fifth: %.2f times with one article, %.2f with ten; want over 5 and 1 to 1.2", one, ten)
	}
	for pos := range 50 {
		if p.leadFactor(pos+1, 3) > p.leadFactor(pos, 3) {
			t.Fatalf("a later sentence (%d) is worth more than an earlier one", pos+1)
		}
	}
}
