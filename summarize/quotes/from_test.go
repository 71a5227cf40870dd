package quotes

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// fromArticles name two leaders, one under three spellings and a description.
var fromArticles = []string{
	"Ukrainian President Volodymyr Zelensky spoke in Kyiv on Monday.\n“We will not give up a single village,” Zelensky said.\nRussian President Vladimir Putin answered from Moscow. “A ceasefire is possible if our terms are met,” Putin said.",
	"Zelenskyy arrived in Brussels on Tuesday.\n“Europe has been with us from the first day,” Zelenskyy told reporters.\n“The ceasefire must hold everywhere at once,” the Ukrainian president added.",
	"Volodymyr Zelenskiy met the prime minister.\n“We need air defence before winter,” Zelenskiy said.\nA Kremlin aide said the talks were “a waste of time for everyone involved”.",
}

func TestSpeakersNamed(t *testing.T) {
	x := Extract(corpusOf(fromArticles, nil))
	zel := speakerLike(t, x, "Zelensk")
	put := speakerLike(t, x, "Putin")
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"Zelensky", []string{zel}},
		{"zelenskiy", []string{zel}},
		{"ZELENSKYY", []string{zel}},
		{"Volodymyr Zelenskyy", []string{zel}},
		{"Volodymyr", []string{zel}},
		{"the Ukrainian president", []string{zel}},
		{"Ukrainian President", []string{zel}},
		{"“Putin”", []string{put}},
		{"President Putin", []string{put}},
		{"Russian President Vladimir Putin", []string{put}},
		{"President", nil},
		{"Vladimir Putin", []string{put}},
		{"Putin Vladimir", nil},
		{"president", nil},
		{"Merz", nil},
		{"Kremlin aide", []string{"a Kremlin aide"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := x.SpeakersNamed(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("SpeakersNamed(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}

func TestSpeakersNamedRefuses(t *testing.T) {
	x := Extract(corpusOf(fromArticles, nil))
	for _, tc := range []struct {
		name string
		want error
	}{
		{"", ErrEmptyTerm},
		{"the", ErrEmptyTerm},
		{"…!", ErrEmptyTerm},
		{strings.Repeat("word ", MaxTermRunes/5+1), ErrLongTerm},
		{strings.Repeat("é", MaxTermRunes+1), ErrLongTerm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := x.SpeakersNamed(tc.name); !errors.Is(err, tc.want) {
				t.Errorf("SpeakersNamed(%q) error %v, want %v", tc.name, err, tc.want)
			}
		})
	}
}

func TestWhoSaidFrom(t *testing.T) {
	x := Extract(corpusOf(fromArticles, nil))
	zel := speakerLike(t, x, "Zelensk")
	put := speakerLike(t, x, "Putin")
	for _, tc := range []struct {
		name, term, from string
		want             map[string]int // quotations by speaker
	}{
		{"a speaker alone", "", "Zelenskyy", map[string]int{zel: 4}},
		{"a speaker and a term", "ceasefire", "Putin", map[string]int{put: 1}},
		{"a description and a term", "ceasefire", "the Ukrainian president", map[string]int{zel: 1}},
		{"a term alone", "ceasefire", "", map[string]int{zel: 1, put: 1}},
		{"nobody of that name", "", "Merz", map[string]int{}},
		{"a term the speaker never said", "village", "Putin", map[string]int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found, err := x.WhoSaid(tc.term, Options{From: tc.from})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, sq := range found {
				got[sq.Speaker] = len(sq.Quotations)
			}
			if len(got) != len(tc.want) {
				t.Errorf("speakers %v, want %v", got, tc.want)
			}
			for s, n := range tc.want {
				if got[s] != n {
					t.Errorf("%s: %d quotations, want %d (all: %v)", s, got[s], n, got)
				}
			}
		})
	}
	if _, err := x.WhoSaid("", Options{}); !errors.Is(err, ErrEmptyTerm) {
		t.Errorf("no term and no speaker: error %v, want ErrEmptyTerm", err)
	}
	if _, err := x.WhoSaid("", Options{From: "?!"}); !errors.Is(err, ErrEmptyTerm) {
		t.Errorf("a wordless speaker: error %v, want ErrEmptyTerm", err)
	}
}

// speakerLike returns the one canonical speaker of x whose name holds part.
func speakerLike(t *testing.T, x *Index, part string) string {
	t.Helper()
	found := ""
	for _, q := range x.Quotations() {
		if strings.Contains(q.Speaker, part) {
			if found != "" && found != q.Speaker {
				t.Fatalf("two speakers hold %q: %q and %q", part, found, q.Speaker)
			}
			found = q.Speaker
		}
	}
	if found == "" {
		t.Fatalf("no speaker holds %q", part)
	}
	return found
}
