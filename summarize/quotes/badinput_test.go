package quotes

import (
	"errors"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// TestBadInput feeds the extractor what real files hold at their worst: each gives a
// correct answer (often none) and never a panic.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		quote string // a quotation that must be found, if any
		none  bool   // no quotation at all
	}{
		{name: "unbalanced opening mark", text: "“This never closes, said nobody.\nThe council met.\n“But this does,” Ana Ruiz said.", quote: "But this does"},
		{name: "unbalanced closing mark", text: "Nothing opened here” at all.\n“Still found,” Ruiz said.", quote: "Still found"},
		{name: "quotation marks only", text: "“”“” \"\" ” “\n„ »«", none: true},
		{name: "nested quotations", text: "“She said “no” and left, then ‘maybe’ came later,” Ruiz said.", quote: "She said “no” and left, then ‘maybe’ came later"},
		{name: "apostrophes", text: "Ruiz’s dogs’ bowls aren’t full; the ’80s and rock ’n’ roll are over.", none: true},
		{name: "invalid UTF-8", text: "Caf\xe9 owner Ana Ruiz said prices \x93would rise\x94 soon: \xff“Prices will rise by a tenth,” she said.", quote: "Prices will rise by a tenth"},
		{name: "mark at the very end", text: "Ruiz said: “", none: true},
		{name: "empty", text: "", none: true},
		{name: "one long paragraph of marks and words", text: strings.Repeat("“a b” c ", 5000), none: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: tc.text}})
			x := Extract(c)
			checkIndex(t, c, x)
			if tc.none && len(x.Quotations()) > 0 {
				t.Errorf("got %d quotations, want none; first %q", len(x.Quotations()), x.Quotations()[0].Text)
			}
			if tc.quote != "" {
				found := false
				for _, q := range x.Quotations() {
					found = found || q.Text == tc.quote
				}
				if !found {
					t.Errorf("quotation %q not found", tc.quote)
				}
			}
		})
	}
}

// TestLargeText extracts from an article far larger than any news report (ReadFS refuses
// files over summarize.MaxArticleBytes; the library itself takes what it is given).
func TestLargeText(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	para := "“We will rebuild the bridge before the winter,” Mayor Ana Ruiz said on Monday. The council met for an hour.\n"
	text := strings.Repeat(para, (8<<20)/len(para))
	c := summarize.NewCorpus([]summarize.Article{{ID: "big.txt", Text: text}})
	x := Extract(c)
	qs := x.Quotations()
	if len(qs) != 1 || qs[0].Speaker != "Ana Ruiz" || len(qs[0].Reports) != strings.Count(text, "\n") {
		t.Fatalf("got %d quotations, want the one repeated quotation with a report per paragraph", len(qs))
	}
}

func TestNilAndEmptyCorpus(t *testing.T) {
	for _, c := range []*summarize.Corpus{nil, summarize.NewCorpus(nil)} {
		x := Extract(c)
		if len(x.Quotations()) != 0 {
			t.Errorf("quotations in an empty corpus")
		}
		got, err := x.WhoSaid("anything", Options{})
		if err != nil || len(got) != 0 {
			t.Errorf("WhoSaid on an empty corpus: %v, %v", got, err)
		}
		if _, err := x.WhoSaid("", Options{}); !errors.Is(err, ErrEmptyTerm) {
			t.Errorf("empty term: %v, want ErrEmptyTerm", err)
		}
	}
}
