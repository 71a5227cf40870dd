package quotes

import (
	"errors"
	"strings"
	"testing"
)

func TestTermMatches(t *testing.T) {
	for _, tc := range []struct {
		term, text string
		want       bool
	}{
		{"ceasefire", "Talks on a Cease-fire resumed.", true},
		{"ceasefire", "Both sides broke earlier ceasefires.", true},
		{"ceasefire", "They agreed to cease fire at dawn.", true},
		{"Cease-Fire", "the ceasefire held", true},
		{"root causes", "the root cause of the war", true},
		{"budget", "The council passed two budgets.", true},
		{"zelenskyy", "ZELENSKYY said", true},
		{"lazar", "Lazăr spoke", true},
		{"budget", "The council met on roads.", false},
		{"tax", "She took a taxi.", false},
		{"school", "", false},
		{"new york", "York is new to him", false},
	} {
		t.Run(tc.term+" in "+tc.text, func(t *testing.T) {
			term, err := NewTerm(tc.term)
			if err != nil {
				t.Fatal(err)
			}
			if got := term.Matches(tc.text); got != tc.want {
				t.Errorf("NewTerm(%q).Matches(%q) = %v, want %v", tc.term, tc.text, got, tc.want)
			}
			if term.String() != tc.term {
				t.Errorf("String() = %q", term.String())
			}
		})
	}
}

func TestNewTermRefuses(t *testing.T) {
	for _, tc := range []struct {
		term string
		want error
	}{
		{"", ErrEmptyTerm},
		{" -- ", ErrEmptyTerm},
		{strings.Repeat("word ", MaxTermRunes/5+1), ErrLongTerm},
		{strings.Repeat("é", MaxTermRunes+1), ErrLongTerm},
	} {
		if _, err := NewTerm(tc.term); !errors.Is(err, tc.want) {
			t.Errorf("NewTerm(%q): %v, want %v", tc.term, err, tc.want)
		}
	}
}

// BenchmarkTermHostile looks for terms in hostile text: one huge word, a run of
// hyphens between letters, and words that all share the term's first letters.
func BenchmarkTermHostile(b *testing.B) {
	texts := map[string]string{
		"one word":     strings.Repeat("a", 1<<20),
		"hyphens":      strings.Repeat("a-", 1<<19),
		"prefixes":     strings.Repeat("cease ceas cea ", 1<<16),
		"invalid utf8": strings.Repeat("\xff\xfe cease", 1<<16),
	}
	term, err := NewTerm("ceasefire agreement")
	if err != nil {
		b.Fatal(err)
	}
	for name, text := range texts {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				term.Matches(text)
			}
		})
	}
}
