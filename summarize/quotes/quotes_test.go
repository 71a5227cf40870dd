package quotes

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
)

// A quoteCase is one case of testdata/quotes.json: articles, the quotations they must
// yield with their speakers, and words that must not come out as quotations.
type quoteCase struct {
	Name     string   `json:"name"`
	Articles []string `json:"articles"`
	Outlets  []string `json:"outlets"`
	Want     []struct {
		Text    string `json:"text"`    // the quotation's words, as Quotation.Text has them
		Speaker string `json:"speaker"` // the canonical speaker, "" for none
		Mention string `json:"mention"` // if set, a report names the speaker so
		Cue     string `json:"cue"`     // if set, a report has this cue
		Parts   int    `json:"parts"`   // if set, the number of spans of a report
		Reports int    `json:"reports"` // if set, the number of reports
	} `json:"want"`
	Absent []string `json:"absent"` // no quotation holds these words
	None   bool     `json:"none"`   // no quotation at all
}

func corpusOf(texts, outlets []string) *summarize.Corpus {
	articles := make([]summarize.Article, len(texts))
	for i, t := range texts {
		articles[i] = summarize.Article{ID: fmt.Sprintf("%c.txt", 'a'+i), Text: t}
		if i < len(outlets) {
			articles[i].Outlet = outlets[i]
		}
	}
	return summarize.NewCorpus(articles)
}

func TestExtractCases(t *testing.T) {
	data, err := os.ReadFile("testdata/quotes.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []quoteCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("testdata/quotes.json: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			c := corpusOf(tc.Articles, tc.Outlets)
			x := Extract(c)
			checkIndex(t, c, x)
			all := x.Quotations()
			list := func() string {
				var sb strings.Builder
				for _, q := range all {
					fmt.Fprintf(&sb, "\n  %q by %q", q.Text, q.Speaker)
				}
				return sb.String()
			}
			if tc.None && len(all) > 0 {
				t.Errorf("got quotations, want none:%s", list())
			}
			for _, w := range tc.Want {
				var q *Quotation
				for _, cand := range all {
					if cand.Text == w.Text {
						q = cand
					}
				}
				if q == nil {
					t.Errorf("no quotation %q; got:%s", w.Text, list())
					continue
				}
				if q.Speaker != w.Speaker {
					t.Errorf("%q: speaker %q, want %q", w.Text, q.Speaker, w.Speaker)
				}
				if w.Reports > 0 && len(q.Reports) != w.Reports {
					t.Errorf("%q: %d reports, want %d", w.Text, len(q.Reports), w.Reports)
				}
				var mentions, cues []string
				parts := 0
				for _, r := range q.Reports {
					mentions = append(mentions, c.Docs[r.Doc].Article.Text[r.Mention.Start:r.Mention.End])
					cues = append(cues, r.Cue)
					parts = max(parts, len(r.Spans))
				}
				if w.Mention != "" && !contains(mentions, w.Mention) {
					t.Errorf("%q: mentions %q, want %q", w.Text, mentions, w.Mention)
				}
				if w.Cue != "" && !contains(cues, w.Cue) {
					t.Errorf("%q: cues %q, want %q", w.Text, cues, w.Cue)
				}
				if w.Parts > 0 && parts != w.Parts {
					t.Errorf("%q: %d parts, want %d", w.Text, parts, w.Parts)
				}
			}
			for _, a := range tc.Absent {
				for _, q := range all {
					if strings.Contains(q.Text, a) {
						t.Errorf("%q is a quotation (%q by %q), want none", a, q.Text, q.Speaker)
					}
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// checkIndex checks what every index must satisfy, whatever the input: spans and
// mentions inside the text on character boundaries, spans of a report in order and
// apart, reports in corpus order, and a text that reads as its spans.
func checkIndex(t *testing.T, c *summarize.Corpus, x *Index) {
	t.Helper()
	for _, q := range x.Quotations() {
		if len(q.Reports) == 0 {
			t.Errorf("quotation %q has no report", q.Text)
		}
		prevDoc := -1
		for _, r := range q.Reports {
			if r.Doc < 0 || r.Doc >= len(c.Docs) {
				t.Fatalf("report of %q in document %d of %d", q.Text, r.Doc, len(c.Docs))
			}
			if r.Doc < prevDoc {
				t.Errorf("reports of %q out of corpus order", q.Text)
			}
			prevDoc = r.Doc
			text := c.Docs[r.Doc].Article.Text
			if len(r.Spans) == 0 {
				t.Errorf("report of %q has no span", q.Text)
			}
			end := 0
			var parts []string
			for _, s := range r.Spans {
				if s.Start < end || s.End <= s.Start || s.End > len(text) {
					t.Fatalf("span %v of %q: out of order or out of the text (%d bytes)", s, q.Text, len(text))
				}
				if !boundary(text, s.Start) || !boundary(text, s.End) {
					t.Errorf("span %v of %q splits a character", s, q.Text)
				}
				end = s.End
				parts = append(parts, summarize.CleanText(text[s.Start:s.End]))
			}
			if got := strings.Join(parts, " … "); got != r.Text {
				t.Errorf("report text %q, spans read %q", r.Text, got)
			}
			m := r.Mention
			if m.Start < 0 || m.End < m.Start || m.End > len(text) || !boundary(text, m.Start) || !boundary(text, m.End) {
				t.Errorf("mention %v of %q is not a span of the text", m, q.Text)
			}
		}
	}
}

// boundary reports whether i falls between two characters of s, as Go decodes it: an
// invalid byte is a character of its own.
func boundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	if i < 0 || i > len(s) {
		return false
	}
	// Back up to the start of the character that holds byte i-1.
	j := i - 1
	for j > 0 && i-j < utf8.UTFMax && !utf8.RuneStart(s[j]) {
		j--
	}
	_, n := utf8.DecodeRuneInString(s[j:])
	for j+n < i {
		j += n
		_, n = utf8.DecodeRuneInString(s[j:])
	}
	return j+n == i
}

func TestWhoSaidTerms(t *testing.T) {
	c := corpusOf([]string{
		"Minister Lars Holm said the cease-fire was “fragile but holding.”\n" +
			"“We want the ceasefires to last,” Holm added.\n" +
			"Envoy Karin Berg said: “Talks on a cease fire will resume on Monday.”\n" +
			"Berg said the “root cause” of the war had not gone away.\n" +
			"“The deal is still far off,” Berg said of the Zelensky’s plan.",
	}, nil)
	x := Extract(c)
	for _, tc := range []struct {
		term string
		in   Scope
		want []string // speaker: first words of each quotation, in order
		err  error
	}{
		{term: "ceasefire", want: []string{"Karin Berg: Talks on", "Lars Holm: We want"}},
		{term: "Ceasefires", want: []string{"Karin Berg: Talks on", "Lars Holm: We want"}},
		{term: "cease-fire", want: []string{"Karin Berg: Talks on", "Lars Holm: We want"}},
		{term: "cease fire", want: []string{"Karin Berg: Talks on", "Lars Holm: We want"}},
		{term: "CEASE FIRE", in: InContext, want: []string{"Lars Holm: fragile but", "Lars Holm: We want", "Karin Berg: Talks on"}},
		{term: "root causes", want: []string{"Karin Berg: root cause"}},
		{term: "“root cause”", want: []string{"Karin Berg: root cause"}},
		{term: "deal", want: []string{"Karin Berg: The deal"}},
		{term: "Zelensky", in: InContext, want: []string{"Karin Berg: The deal"}},
		{term: "Zelensky", want: nil},
		{term: "peace", want: nil},
		{term: "", err: ErrEmptyTerm},
		{term: "  ", err: ErrEmptyTerm},
		{term: "?!…“”", err: ErrEmptyTerm},
		{term: strings.Repeat("word ", 21), err: ErrLongTerm},
		{term: strings.Repeat("é", MaxTermRunes+1), err: ErrLongTerm},
	} {
		t.Run(tc.term, func(t *testing.T) {
			got, err := x.WhoSaid(tc.term, Options{In: tc.in})
			if tc.err != nil {
				if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(tc.err.Error(), "quotes: ")) {
					t.Fatalf("error %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, s := range got {
				for _, q := range s.Quotations {
					words := strings.Fields(q.Text)
					first := strings.Join(words[:min(2, len(words))], " ")
					lines = append(lines, s.Speaker+": "+strings.TrimRight(first, ".,"))
				}
			}
			if strings.Join(lines, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestConcurrentReads runs WhoSaid from several goroutines on one index, as a chat bot
// does; go test -race checks that the index is read-only after Extract.
func TestConcurrentReads(t *testing.T) {
	c := corpusOf([]string{
		"“The ceasefire must hold,” Minister Lars Holm said. He called the talks “long and difficult.”",
		"Envoy Karin Berg said a cease-fire was “close.”",
	}, nil)
	x := Extract(c)
	done := make(chan int)
	for i := range 4 {
		go func() {
			n := 0
			for range 50 {
				got, err := x.WhoSaid([]string{"ceasefire", "talks", "close"}[i%3], Options{In: InContext})
				if err != nil {
					t.Error(err)
				}
				n += len(got)
			}
			done <- n
		}()
	}
	for range 4 {
		if n := <-done; n == 0 {
			t.Error("a reader found nothing")
		}
	}
}

// TestCanonicalNameStable extracts the same corpus many times: two spellings of one name
// used as often as each other must give the same canonical name on every run.
func TestCanonicalNameStable(t *testing.T) {
	texts := []string{
		"Mayor Ana Ruíz opened the bridge. Mayor Ana Ruiz said the bridge was “ready for the first winter storms.”",
	}
	var first string
	for i := range 40 {
		x := Extract(corpusOf(texts, nil))
		qs := x.Quotations()
		if len(qs) != 1 {
			t.Fatalf("got %d quotations, want 1", len(qs))
		}
		if i == 0 {
			first = qs[0].Speaker
			continue
		}
		if qs[0].Speaker != first {
			t.Fatalf("run %d: speaker %q, run 0: %q", i, qs[0].Speaker, first)
		}
	}
}

func TestNormalizeCaps(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"DONALD TRUMP", "Donald Trump"},
		{"ÉMILE ZOLA", "Émile Zola"},
		{"ÉLODIE ØSTBY", "Élodie Østby"},
		{"PENCE", "PENCE"}, // too short to tell a name in capitals from an acronym
		{"Ana Ruiz", "Ana Ruiz"},
	} {
		got := normalizeCaps(tc.in)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("normalizeCaps(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFieldCount(t *testing.T) {
	for _, s := range []string{"", " ", "one", " two  words ", "tab\tand\nnewline", "no\u00a0break\u2003em space",
		"\u0085next line", "Caf\xe9 \xff", "“quoted,” he said", "\v\f\r"} {
		if got, want := fieldCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("fieldCount(%q) = %d, want %d", s, got, want)
		}
	}
}
