package summarize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSummarize feeds arbitrary text through the whole pipeline: reading, analysis and
// both algorithms. Nothing may panic; every pick must point at a usable sentence inside
// the text; word counts must agree with the text a summary shows.
func FuzzSummarize(f *testing.F) {
	for _, s := range []string{
		"", "   ", "\x00\x01", "\xff\xfe\xfd", "No punctuation at all in this line",
		"Headline\nBy A Writer\n(CNN) — The council met on Monday. It voted to raise taxes. “We had no choice,” the mayor said.\n© 2025 CNN",
		"“Unbalanced quote. And more text follows here. Then the end.\nNext paragraph starts.",
		"A suit _ this time -- that. ``Quoted'' words. But the last one stands.",
		strings.Repeat("Word after word after word. ", 50),
	} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if got, want := summaryWords(s), wordCount(cleanText(s)); got != want {
				t.Fatalf("summaryWords(%q) = %d, but the cleaned text has %d words", s, got, want)
			}
		}
		c := NewCorpus([]Article{{ID: "a", Text: a}, {ID: "b", Title: "A title", Text: b}})
		for _, alg := range Algorithms {
			s, err := c.Summarize(Options{Words: 40, Algorithm: alg})
			if err != nil {
				if err != ErrNoSentences {
					t.Fatalf("%s: unexpected error %v", alg, err)
				}
				continue
			}
			for _, p := range s.Sentences {
				d := c.Docs[p.Doc]
				sent := d.Sentences[p.Sentence]
				if sent.Skip != "" || sent.Start < 0 || sent.End > len(d.Article.Text) || sent.Start+sent.Trim > sent.End {
					t.Fatalf("%s: pick %+v points at %+v", alg, p, sent)
				}
				if p.Text == "" || !utf8.ValidString(p.Text) {
					t.Fatalf("%s: pick text %q", alg, p.Text)
				}
			}
		}
	})
}
