package bot_test

import (
	"bytes"
	"fmt"
	"slices"
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
	b := &bot.Briefing{Headline: "h", Stories: []bot.Story{{Items: []bot.Item{{Text: "t", Sources: bot.Citations{
		{Outlet: "Evil", URL: "javascript:alert(document.cookie)"},
		{Outlet: "Good", URL: "https://example.com/a"},
	}}}}}}
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
	for _, tc := range []struct{ in, want string }{
		{"nothing secret here", "nothing secret here"},
		{"the council met on Monday.", "the council met on Monday."},
		{"https://user:pass@proxy.example/api/", "https://redacted@proxy.example/api/"},
		{`Post "https://u:p@ss@proxy/api/auth.test": dial tcp`, `Post "https://redacted@proxy/api/auth.test": dial tcp`},
		{"http://token@host and mail me@example.com", "http://redacted@host and mail me@example.com"},
		{"https://host/path?q=a@b", "https://host/path?q=a@b"},
		{"bad token xoxb-1234-5678-abcdEFGH", "bad token xoxb-redacted"},
		{"xoxp-1-2 xapp-1-A0-123-abc xoxe.xoxp-1-abc xoxe-1-xyz", "xoxp-redacted xapp-redacted xoxe.xoxp-redacted xoxe-redacted"},
		{"Bearer=xoxa-2-secret,", "Bearer=xoxa-redacted,"},
		{"Authorization: Basic dXNlcjpwYXNz, next", "Authorization: Basic redacted, next"},
		{"bearer abc.DEF-123", "bearer redacted"},
		{"Authorization: Bot MTA5ODc2NTQzMjEwOTg3NjU0", "Authorization: Bot redacted"},
		{"https://hooks.slack.com/commands/T1/123/abcDEF", "https://hooks.slack.com/redacted"},
		{"https://hooks.slack-gov.com/services/T/B/x end", "https://hooks.slack-gov.com/redacted end"},
		{"token MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123 refused", "token [redacted] refused"},
		{"signature with s3cr3t-value failed", "signature with [redacted] failed"},
		{"a short secret abc stays", "a short secret abc stays"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := bot.Redact(tc.in, "s3cr3t-value", "abc"); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		limit int
		m     bot.Measure
		want  string
	}{
		{"fits", "short text", 10, bot.RuneLen, "short text"},
		{"at a word", "the quick brown fox jumps", 18, bot.RuneLen, "the quick brown…"},
		{"no space near", strings.Repeat("x", 50), 10, bot.RuneLen, strings.Repeat("x", 9) + "…"},
		{"runes", "ééééé ééééé", 8, bot.RuneLen, "ééééé…"},
		{"utf-16 counts a surrogate pair twice", "😀😀😀😀", 5, bot.UTF16Len, "😀😀…"},
		{"no room", "abc", 0, bot.RuneLen, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := bot.Cut(tc.in, tc.limit, tc.m, nil)
			if got != tc.want {
				t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
			}
			if tc.m(got) > tc.limit {
				t.Errorf("Cut(%q, %d) is %d long", tc.in, tc.limit, tc.m(got))
			}
		})
	}
	trimAmp := func(s string) string { return strings.TrimSuffix(s, "&") }
	if got := bot.Cut("Tom&amp;Jerry", 5, bot.RuneLen, trimAmp); got != "Tom…" {
		t.Errorf("Cut with a trim = %q, want %q", got, "Tom…")
	}
}

func TestPack(t *testing.T) {
	more := func(n int) string { return bot.More(n, "point", "points") }
	lines := []string{"aaaa", "bbbb", "cccc", "dddd", "eeee"}
	if got := bot.Pack(lines, 5, 100, bot.RuneLen, more); len(got) != 5 {
		t.Errorf("Pack of lines that fit one a group: %q", got)
	}
	if got, want := bot.Pack(lines, 3, 9, bot.RuneLen, more), []string{"aaaa\nbbbb", "cccc\ndddd", "eeee"}; !slices.Equal(got, want) {
		t.Errorf("Pack by two = %q, want %q", got, want)
	}
	if got, want := bot.Pack(lines, 2, 9, bot.RuneLen, more), []string{"aaaa\nbbbb", "…and 3 more points"}; !slices.Equal(got, want) {
		t.Errorf("Pack with too few groups = %q, want %q", got, want)
	}
}

func TestFill(t *testing.T) {
	more := func(n int) string { return fmt.Sprintf("+%d", n) }
	if got := bot.Fill("H", []string{"a", "b"}, 2, 100, bot.RuneLen, more); got != "H\na\nb" {
		t.Errorf("all fit: %q", got)
	}
	if got := bot.Fill("H", []string{"a", "b"}, 7, 100, bot.RuneLen, more); got != "H\na\nb\n+5" {
		t.Errorf("more than shown: %q", got)
	}
	if got := bot.Fill("H", []string{"aaaa", "bbbb", "cccc"}, 3, 12, bot.RuneLen, more); got != "H\naaaa\n+2" {
		t.Errorf("some do not fit: %q", got)
	}
}
