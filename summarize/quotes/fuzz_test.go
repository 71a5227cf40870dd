package quotes

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
)

// FuzzQuotes runs the pairing of quotation marks and the whole extraction on any text:
// nothing panics, regions lie inside their paragraph in order and apart, and every
// quotation satisfies checkIndex. The seeds include a small text of every adversarial
// shape (adversarial_test.go).
func FuzzQuotes(f *testing.F) {
	for _, sh := range adversarialShapes {
		// Small: the fuzzer minimizes every input that finds new code, and minimizing a
		// long one takes the whole of -fuzzminimizetime.
		f.Add(sh.make(600))
	}
	for _, s := range []string{
		"“Hello,” she said. “Goodbye.”",
		"\"Unclosed quote\n\"Next paragraph\" he said.",
		"“Nested ‘single’ and \"straight\" marks,” said Ana Ruiz.",
		"” backwards “ marks ” everywhere “",
		"``TeX style,'' said the author. '' stray",
		"«Guillemets» — said Mr. Holm: «yes».",
		"PENCE: Well, “Shark Tank.” ― Carla Diaz",
		"\"\"\"\"\"\"",
		"Caf\xe9 \x93quoted\x94 bytes \xff\xfe “",
		"He said: “",
		"according to",
		"“a” “b” “c” “d”, he said, “e”.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// The pairing alone, on the text as one paragraph.
		regions := pairMarks(text, 0, len(text), 0, nil)
		prev := 0
		for _, r := range regions {
			if r.open < prev || r.lo < r.open || r.hi < r.lo || r.close < r.hi || r.close > len(text) {
				t.Fatalf("region %+v out of order or out of the text (%d bytes)", r, len(text))
			}
			if !boundary(text, r.open) || !boundary(text, r.lo) || !boundary(text, r.hi) || !boundary(text, r.close) {
				t.Fatalf("region %+v starts inside a character", r)
			}
			prev = r.close
		}
		// The whole extraction, on the text and on two articles that share it.
		c := summarize.NewCorpus([]summarize.Article{{ID: "a", Text: text}, {ID: "b", Text: "“" + text + "”, he said."}})
		x := Extract(c)
		checkIndex(t, c, x)
		for _, q := range x.Quotations() {
			if strings.TrimSpace(q.Text) == "" {
				t.Fatalf("empty quotation %+v", q)
			}
		}
		if _, err := x.WhoSaid(text, Options{In: InContext}); err != nil && utf8.RuneCountInString(text) <= MaxTermRunes && len(splitWords(text)) > 0 {
			t.Fatalf("WhoSaid(%q): %v", text, err)
		}
		// Words of the text as terms, in both scopes.
		for _, w := range strings.Fields(text)[:min(3, len(strings.Fields(text)))] {
			if _, err := x.WhoSaid(w, Options{In: InContext}); err != nil && !errors.Is(err, ErrEmptyTerm) && !errors.Is(err, ErrLongTerm) {
				t.Fatalf("WhoSaid(%q): %v", w, err)
			}
		}
		// Every speaker is found by its own name, and words of the text as names find
		// speakers or nothing.
		for _, q := range x.Quotations() {
			if q.Speaker == "" || len(nameWords(q.Speaker)) == 0 || utf8.RuneCountInString(q.Speaker) > MaxTermRunes {
				continue
			}
			found, err := x.SpeakersNamed(q.Speaker)
			if err != nil || !slices.Contains(found, q.Speaker) {
				t.Fatalf("SpeakersNamed(%q) = %q, %v; want the speaker itself", q.Speaker, found, err)
			}
		}
		for _, w := range strings.Fields(text)[:min(3, len(strings.Fields(text)))] {
			if _, err := x.WhoSaid("", Options{From: w}); err != nil && !errors.Is(err, ErrEmptyTerm) && !errors.Is(err, ErrLongTerm) {
				t.Fatalf("WhoSaid from %q: %v", w, err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if y, err := ExtractContext(ctx, c); y != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("ExtractContext under a cancelled context = %v, %v", y, err)
		}
	})
}
