package feeds

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPageUTF8(t *testing.T) {
	tests := []struct {
		name, ct, body, want string
	}{
		{"header latin1", "text/html; charset=iso-8859-1", "caf\xe9", "café"},
		{"meta windows-1252", "text/html", "<meta charset=\"windows-1252\"><p>caf\xe9 \x93q\x94", "<meta charset=\"windows-1252\"><p>café “q”"},
		{"utf-8 with invalid bytes", "text/html; charset=utf-8", "ok\xff\xfe", "ok\uFFFD\uFFFD"},
		{"bom", "", "\xef\xbb\xbfhé", "hé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pageUTF8([]byte(tt.body), tt.ct)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || !utf8.Valid(got) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFeedUTF8(t *testing.T) {
	latin := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>caf\xe9</rss>"
	tests := []struct {
		name, ct, body, want, reason string
	}{
		{"declared encoding kept raw", "application/xml", latin, latin, ""},
		{"declared utf-8 cleaned", "", "<?xml version='1.0' encoding='utf-8'?><rss>\xff</rss>", "<?xml version='1.0' encoding='utf-8'?><rss>\uFFFD</rss>", ""},
		{"header charset decoded", "text/xml; charset=windows-1252", "<rss>caf\xe9</rss>", "<rss>café</rss>", ""},
		{"unknown declared", "", `<?xml version="1.0" encoding="x-martian"?><rss/>`, "", ReasonCharset},
		{"unknown header", "text/xml; charset=x-martian", `<rss/>`, "", ReasonCharset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := feedUTF8([]byte(tt.body), tt.ct)
			if tt.reason != "" {
				wantSkip(t, err, tt.reason, false)
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("got %q %v, want %q", got, err, tt.want)
			}
		})
	}
}

// BenchmarkCharsetHostile converts bodies built against the charset pass: an XML
// declaration padded to defeat its pattern, and 8 MiB of invalid UTF-8.
func BenchmarkCharsetHostile(b *testing.B) {
	decl := []byte("<?xml " + strings.Repeat(" version='1.0'", 20000) + " encoding='latin1'?><rss/>")
	invalid := bytes.Repeat([]byte{0xff, 'a'}, 4<<20)
	b.Run("xml declaration", func(b *testing.B) {
		for b.Loop() {
			_, _ = feedUTF8(decl, "")
		}
	})
	b.Run("invalid utf-8 feed", func(b *testing.B) {
		b.SetBytes(int64(len(invalid)))
		for b.Loop() {
			_, _ = feedUTF8(invalid, "text/xml")
		}
	})
	b.Run("invalid utf-8 page", func(b *testing.B) {
		b.SetBytes(int64(len(invalid)))
		for b.Loop() {
			_, _ = pageUTF8(invalid, "text/html; charset=utf-8")
		}
	})
}
