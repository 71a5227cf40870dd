package feeds

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestExtract(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(page, "https://gazette.example/p?id=1")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"title", a.Title, "Night buses extended | Harbour Gazette"},
		{"outlet", a.Outlet, "Harbour Gazette"},
		{"url", a.URL, "https://gazette.example/news/night-buses"},
		{"published", a.Published.UTC().Format(time.RFC3339), "2026-11-30T08:15:00Z"},
		{"first line", strings.SplitN(a.Text, "\n", 2)[0], "The city council voted on Tuesday to extend the night bus service to the harbour district, after months of complaints from shift workers who said the last buses left too early."},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
	t.Run("no boilerplate", func(t *testing.T) {
		if strings.Contains(a.Text, "Copyright") || strings.Contains(a.Text, "Sport") {
			t.Errorf("text has boilerplate: %q", a.Text)
		}
		if n := strings.Count(a.Text, "\n") + 1; n < 4 {
			t.Errorf("%d lines, want a paragraph a line", n)
		}
	})
}

func TestExtractNoText(t *testing.T) {
	tests := []struct{ name, page string }{
		{"empty", ""},
		{"short", "<html><body><p>Just a few words here.</p></body></html>"},
		{"deep", strings.Repeat("<div>", 2000) + strings.Repeat("word ", 100)},
		{"not html", "\x00\x01\x02\xff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract([]byte(tt.page), "https://example.com/a")
			wantSkip(t, err, ReasonNoText, false)
		})
	}
}

func TestExtractLatin1AndTime(t *testing.T) {
	body := "<html><head><meta charset=\"iso-8859-1\"></head><body><article><time datetime=\"2026-01-02\">2 Jan</time><p>" +
		strings.Repeat("Le caf\xe9 du port ouvre ses portes chaque matin avant l'aube. ", 12) + "</p></article></body></html>"
	a, err := Extract([]byte(body), "file:///tmp/x.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "café") || !utf8.ValidString(a.Text) {
		t.Errorf("text %q", a.Text)
	}
	if a.URL != "file:///tmp/x.html" {
		t.Errorf("url %q", a.URL)
	}
	if got := a.Published.Format("2006-01-02"); got != "2026-01-02" {
		t.Errorf("published %s", got)
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"one two  three", 3}, {"", 0}, {"日本語の文章です", 5}}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := wordCount(tt.in); got != tt.want {
				t.Errorf("wordCount(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	if page, err := os.ReadFile("testdata/article.html"); err == nil {
		f.Add(page)
	}
	f.Add([]byte("<p>" + strings.Repeat("a b c d e f g h ", 10) + "</p>"))
	f.Add([]byte("<meta charset=x-bad><p>\xff\xfe" + strings.Repeat("word ", 50)))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := Extract(page, "https://example.com/a")
		if err != nil {
			return
		}
		for _, s := range []string{a.Text, a.Title, a.Outlet, a.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 out: %q", s)
			}
		}
	})
}

// hostilePages are pages built to make extraction slow.
func hostilePages() map[string][]byte {
	return map[string][]byte{
		"deep nesting":     []byte(strings.Repeat("<div><span>", 100000) + "text"),
		"huge attribute":   []byte(`<p class="` + strings.Repeat("a", 4<<20) + `">` + strings.Repeat("word ", 60) + "</p>"),
		"tiny paragraphs":  []byte(strings.Repeat("<p>a b</p>", 150000)),
		"misnested format": []byte(strings.Repeat("<b><i><p>x</b></i>", 20000)),
	}
}

func BenchmarkExtractHostile(b *testing.B) {
	for name, page := range hostilePages() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				_, _ = Extract(page, "https://example.com/a")
			}
		})
	}
}

func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, _ = Extract(page, "https://example.com/a")
	}
}
