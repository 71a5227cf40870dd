package feeds

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Ferries stop.", "Ferries stop."},
		{"paragraphs", "<p>One &amp; two.</p><p>Three.</p>", "One & two.\nThree."},
		{"breaks and inline", "a<br>b <b>c</b>", "a\nb c"},
		{"script dropped", "<p>x</p><script>alert(1)</script><style>p{}</style><p>y</p>", "x\ny"},
		{"unclosed", "<p>x<div>y", "x\ny"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLText(tt.in); got != tt.want {
				t.Errorf("HTMLText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseFeed(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette &amp; Co</title>
<entry><id>urn:1</id><link href="/a/1?utm_medium=x"/><title type="html">&lt;b&gt;Ferries&lt;/b&gt; stop</title><updated>2026-12-01T10:00:00Z</updated><content type="html">&lt;p&gt;Text.&lt;/p&gt;</content></entry>
<entry><link href="https://example.com/b"/><title>No id</title></entry>
<entry><id>urn:1</id><title>Repeated</title></entry>
<entry><title>Nothing</title></entry></feed>`
	f, err := parseFeed([]byte(atom), "https://example.com/feed")
	if err != nil {
		t.Fatal(err)
	}
	if f.title != "Gazette & Co" || len(f.items) != 2 || f.noKey != 1 {
		t.Fatalf("feed %q with %d items (%d without key), want Gazette & Co, 2, 1", f.title, len(f.items), f.noKey)
	}
	if it := f.items[0]; it.key != "urn:1" || it.title != "Ferries stop" || it.text != "Text." || it.published.IsZero() || !strings.HasPrefix(it.link, "https://example.com/a/1") {
		t.Errorf("first item %+v", it)
	}
	if it := f.items[1]; it.key != "https://example.com/b" {
		t.Errorf("an item without an id is keyed %q, want its link", it.key)
	}
	for _, body := range []string{"", "<html><body>hi</body></html>", "<rss><channel><item>", "\x00\x01\x02"} {
		if _, err := parseFeed([]byte(body), ""); ReasonOf(err) != ReasonNotFeed {
			t.Errorf("parseFeed(%q): %v, want a not_a_feed skip", body, err)
		}
	}
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><title>T</title><item><guid>1</guid><link>http://x/a</link><description>&lt;p&gt;hi&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><content type="html">&lt;script&gt;x</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := parseFeed(body, "https://example.com/feed")
		if err != nil {
			if ReasonOf(err) != ReasonNotFeed {
				t.Fatalf("error %v is no not_a_feed skip", err)
			}
			return
		}
		if len(feed.items) > MaxItems {
			t.Fatalf("%d items, over MaxItems", len(feed.items))
		}
		keys := map[string]bool{}
		for _, it := range feed.items {
			if it.key == "" || keys[it.key] {
				t.Fatalf("item key %q empty or repeated", it.key)
			}
			keys[it.key] = true
			for _, s := range []string{it.key, it.title, it.text, it.link} {
				if !utf8.ValidString(s) && s != it.key {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
			if strings.Contains(it.title, "\n") {
				t.Fatalf("title %q on several lines", it.title)
			}
		}
	})
}

// BenchmarkHostileHTMLText times the text of hostile fragments: deep nesting, one huge
// text, many tiny paragraphs, an unclosed script.
func BenchmarkHostileHTMLText(b *testing.B) {
	const n = 1 << 20
	cases := map[string]string{
		"nested":    strings.Repeat("<div><span>", n/11) + "x",
		"huge-text": strings.Repeat("word ", n/5),
		"tiny-p":    strings.Repeat("<p>a</p>", n/8),
		"script":    "<script>" + strings.Repeat("<p>x</p>", n/8),
	}
	for name, s := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				HTMLText(s)
			}
		})
	}
}

// BenchmarkHostileFeed times a feed of many items, each with a long description.
func BenchmarkHostileFeed(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<rss version="2.0"><channel><title>T</title>`)
	for i := range 5000 {
		sb.WriteString("<item><guid>")
		sb.WriteString(strings.Repeat("g", i%50+1))
		sb.WriteString("</guid><description>")
		sb.WriteString(strings.Repeat("&lt;p&gt;word&lt;/p&gt; ", 40))
		sb.WriteString("</description></item>")
	}
	sb.WriteString("</channel></rss>")
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := parseFeed(body, ""); err != nil {
			b.Fatal(err)
		}
	}
}
