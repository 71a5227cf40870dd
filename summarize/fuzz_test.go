package summarize

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
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

// FuzzManifest reads a manifest of arbitrary bytes. Nothing may panic; a manifest that
// is not exactly one JSON object must be refused; an accepted one must give each file
// what its first entry says, and report every entry it leaves out or reads without its
// date.
func FuzzManifest(f *testing.F) {
	for _, s := range []string{
		`{"articles": [{"file": "a.txt", "title": "Storm", "outlet": "Courier", "date": "2025-05-19", "url": "https://example.com/a"}]}`,
		`{"articles": [{"file": "a.txt", "date": "2025-05-20T08:30:00+02:00"}, {"file": "a.txt"}, {"title": "no file"}]}`,
		`{"articles": [{"file": "a.txt", "date": "19/05/2025"}]} `, `{"articles": null}`, `null`, `[]`, `{}`, `{"articles": []} x`,
		`{"articles": [], "articles": [{"file": "a.txt"}]}`, "\ufeff{\"articles\": []}", `{"articles": [{"file": "a.txt", "author": "x"}]}`, "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, problems, err := readManifest(fstest.MapFS{"news/manifest.json": {Data: data}}, "news")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "summarize: reading news/manifest.json: ") {
				t.Fatalf("error %q does not name the manifest", err)
			}
			return
		}
		body := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
		if !json.Valid(body) || len(body) == 0 || body[0] != '{' {
			t.Fatalf("accepted a manifest that is not one JSON object: %q", data)
		}
		var want struct {
			Articles []*struct{ File, Title, Outlet, URL, Date string }
		}
		if err := json.Unmarshal(body, &want); err != nil {
			t.Fatalf("accepted %q, which encoding/json refuses: %v", data, err)
		}
		left := 0
		for i, e := range want.Articles {
			if e == nil || e.File == "" || slices.IndexFunc(want.Articles[:i], func(p *struct{ File, Title, Outlet, URL, Date string }) bool { return p != nil && p.File == e.File }) >= 0 {
				left++
				continue
			}
			got, ok := m[e.File]
			if !ok || got.Title != e.Title || got.Outlet != e.Outlet || got.URL != e.URL || got.Date != e.Date {
				t.Fatalf("entry for %q is %+v, want %+v", e.File, got, e)
			}
			if e.Date == "" {
				continue
			}
			_, bad := parseDate(e.Date)
			if (bad == nil) == got.published.IsZero() {
				t.Fatalf("date %q read as %v", e.Date, got.published)
			}
			if bad != nil {
				left++ // reported; the file is read without a date
			}
		}
		if len(problems) != left {
			t.Fatalf("%d problems %+v, want %d", len(problems), problems, left)
		}
		for _, p := range problems {
			if p.Name != "news/manifest.json" || p.Skipped || !strings.HasPrefix(p.Reason, "article ") {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}
