package feeds

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://Example.COM:443/News/Story/?utm_source=x&b=2&a=1#top", "https://example.com/News/Story?a=1&b=2"},
		{"http://example.com:80", "http://example.com/"},
		{"http://example.com/", "http://example.com/"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=rss&CMPID=5&UTM_medium=m", "https://example.com/a"},
		{"https://example.com/a?z=1&a=2&a=1", "https://example.com/a?a=2&a=1&z=1"},
		{"https://user:pw@example.com/a", "https://example.com/a"},
		{"https://example.com/a%2Fb/", "https://example.com/a%2Fb"},
		{"https://example.com//", "https://example.com/"},
		{"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
		{"  https://example.com/x?  ", "https://example.com/x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Canonical(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Canonical(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"ftp://example.com/", "mailto:a@b.c", "/relative", "http://", "http://%zz", ""} {
		t.Run(bad, func(t *testing.T) {
			if got, err := Canonical(bad); err == nil {
				t.Errorf("Canonical(%q) = %q, want an error", bad, got)
			} else {
				wantSkip(t, err, ReasonBadURL, false)
			}
		})
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"https://Example.com:443/a/?utm_x=1&b=2#f", "http://[::1]:80/", "http://a/%2F/?a&&b=", "https://x/a;b?c=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Canonical(s)
		if err != nil {
			return
		}
		if _, err := url.Parse(c); err != nil {
			t.Fatalf("Canonical(%q) = %q does not parse: %v", s, c, err)
		}
		c2, err := Canonical(c)
		if err != nil || c2 != c {
			t.Fatalf("not idempotent: %q → %q → %q, %v", s, c, c2, err)
		}
	})
}

// BenchmarkCanonicalHostile canonicalises a URL of 50,000 query parameters, most of
// them tracking ones, in reverse order.
func BenchmarkCanonicalHostile(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("https://example.com/a/?")
	for i := 50000; i > 0; i-- {
		fmt.Fprintf(&sb, "utm_%d=x&k%d=v&", i, i)
	}
	u := sb.String()
	b.SetBytes(int64(len(u)))
	for b.Loop() {
		if _, err := Canonical(u); err != nil {
			b.Fatal(err)
		}
	}
}
