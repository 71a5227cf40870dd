package bot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestLinkURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a?b=1#c", "https://example.com/a?b=1#c"},
		{"http://example.com", "http://example.com"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"file:///etc/passwd", ""},
		{"vbscript:msgbox", ""},
		{"//example.com/no-scheme", ""},
		{"/relative/path", ""},
		{"https://user:secret@example.com/", ""},
		{"https://exa mple.com/", ""},
		{"https://example.com/\nx", ""},
		{"https://example.com/" + strings.Repeat("a", bot.MaxURLBytes), ""},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := bot.LinkURL(tc.in); got != tc.want {
				t.Errorf("LinkURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Putin said “no”.\n\tNext line", "Putin said “no”.\n\tNext line"},
		{"csi", "a\x1b[2Jb", "a[2Jb"},
		{"osc retitle", "a\x1b]0;pwned\x07b", "a]0;pwnedb"},
		{"c1 csi", "a\u009b31mb", "a31mb"},
		{"raw c1 byte", "a\x9b31mb", "a\ufffd31mb"},
		{"carriage return", "safe\roverwritten", "safeoverwritten"},
		{"bidi override", "abc\u202edcba", "abcdcba"},
		{"line separator", "a\u2028b", "ab"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bot.PlainText(tc.in); got != tc.want {
				t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWriteMarkdownLinksOnlyWebAddresses(t *testing.T) {
	b := &bot.Briefing{Headline: "h", Items: []bot.Item{{Text: "t", Sources: bot.Citations{
		{Outlet: "Evil", URL: "javascript:alert(document.cookie)"},
		{Outlet: "Good", URL: "https://example.com/a"},
	}}}}
	var buf bytes.Buffer
	if err := b.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if strings.Contains(md, "javascript") {
		t.Errorf("markdown links a javascript: URL:\n%s", md)
	}
	if !strings.Contains(md, "[Good](<https://example.com/a>)") {
		t.Errorf("markdown lacks the https link:\n%s", md)
	}
}

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"url password", "get https://bob:hunter2@proxy.example.com/api/auth.test: refused", "get https://[redacted]@proxy.example.com/api/auth.test: refused"},
		{"url user only", `"http://token@host/"`, `"http://[redacted]@host/"`},
		{"email is not a url", "write to ops@example.com", "write to ops@example.com"},
		{"slack bot token", "token xoxb-1234-5678-abcdEFGH rejected", "token [redacted] rejected"},
		{"slack app token", "xapp-1-A111-222-abc", "[redacted]"},
		{"discord token", "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123", "[redacted]"},
		{"bearer", "Authorization: Bearer abcdefghijklmnop1234", "Authorization: Bearer [redacted]"},
		{"known secret", "signature with s3cr3t-value failed", "signature with [redacted] failed"},
		{"plain", "the council met on Monday.", "the council met on Monday."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bot.Redact(tc.in, "s3cr3t-value", "abc"); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
