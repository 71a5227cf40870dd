package feeds_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/feeds"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://Example.COM/World/Story/?utm_source=rss&utm_medium=feed#comments", "https://example.com/World/Story"},
		{"http://example.com:80/a?b=2&a=1&fbclid=x", "http://example.com/a?a=1&b=2"},
		{"https://example.com:443/", "https://example.com/"},
		{"https://example.com", "https://example.com"},
		{"https://user:pw@example.com:8443/a//", "https://example.com:8443/a"},
		{"HTTPS://[2001:DB8::1]:443/x?ref=home&id=7", "https://[2001:db8::1]/x?id=7"},
		{"  https://example.com/a%20b/  ", "https://example.com/a%20b"},
		{"https://example.com/?", "https://example.com/"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := feeds.Canonical(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Canonical(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "ftp://example.com/a", "javascript:alert(1)", "/relative/path", "mailto:a@b.c", "https://", "http://exa mple.com/", "https://" + strings.Repeat("a", 9000) + ".com/"} {
		if got, err := feeds.Canonical(bad); err == nil || feeds.ReasonOf(err) != feeds.ReasonBadURL {
			t.Errorf("Canonical(%q) = %q, %v; want a bad_url skip", bad, got, err)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"https://example.com/a/?utm_source=x#y", "http://EXAMPLE.com:80//", "https://[::1]:443/?b=1&a=2&a=1", "https://example.com/%zz", "http://a/b?c=%ff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := feeds.Canonical(raw)
		if err != nil {
			if feeds.ReasonOf(err) != feeds.ReasonBadURL {
				t.Fatalf("error %v is no bad_url skip", err)
			}
			return
		}
		u, err := url.Parse(c)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("Canonical(%q) = %q: not a clean absolute URL (%v)", raw, c, err)
		}
		again, err := feeds.Canonical(c)
		if err != nil || again != c {
			t.Fatalf("Canonical is not idempotent: %q -> %q -> %q (%v)", raw, c, again, err)
		}
	})
}
