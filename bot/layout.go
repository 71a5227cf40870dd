package bot

import (
	"net/url"
	"strings"
	"unicode"
)

// MaxURLBytes bounds a link the bot renders; a longer URL is shown as no link.
const MaxURLBytes = 2000

// LinkURL returns u as a link target when it is an absolute http or https URL without
// white space or credentials, and "" otherwise: article metadata may hold javascript:,
// data: or file: URLs, and none of them may become a link in any output.
func LinkURL(u string) string {
	if u == "" || len(u) > MaxURLBytes || strings.ContainsFunc(u, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.User != nil {
		return ""
	}
	return p.String()
}

// PlainText drops from s what a terminal or a log viewer would act on rather than show:
// control characters other than new lines and tabs (escape sequences that move the
// cursor, retitle the window or ring the bell start with one), the Unicode line and
// paragraph separators, and the bidirectional overrides that reorder what follows them.
// Invalid UTF-8 becomes U+FFFD.
func PlainText(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) && strings.ToValidUTF8(s, "") == s {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	case '\u202a' <= r && r <= '\u202e', '\u2066' <= r && r <= '\u2069': // bidi embeddings, overrides, isolates
		return true
	}
	return false
}
