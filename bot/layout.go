package bot

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
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

// A Measure counts the length of a text the way a platform limits it: UTF16Len for
// Slack, RuneLen for Discord. Limits in this file are in its units.
type Measure func(string) int

// UTF16Len counts UTF-16 code units, never fewer than the characters Slack counts.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// RuneLen counts characters (runes), as Discord does.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Ellipsis ends a text that was cut.
const Ellipsis = "…"

// Cut returns s cut to at most limit by m: at a word boundary when one is near the end,
// and ending in Ellipsis. trim, if set, mends the end of what is kept before the
// ellipsis goes on (an adapter drops an escape cut in half there). A text within the
// limit comes back as it is.
func Cut(s string, limit int, m Measure, trim func(string) string) string {
	if m(s) <= limit {
		return s
	}
	room := limit - m(Ellipsis)
	if room <= 0 {
		return ""
	}
	n, cut := 0, 0
	for i, r := range s {
		w := m(string(r))
		if n+w > room {
			break
		}
		n += w
		cut = i + utf8.RuneLen(r)
	}
	out := s[:cut]
	if trim != nil {
		out = trim(out)
	}
	if sp := strings.LastIndexAny(out, " \n"); sp > 0 && len(out)-sp < nearWordEnd {
		out = out[:sp]
	}
	return strings.TrimRight(out, " \n") + Ellipsis
}

// nearWordEnd is how far back from a cut Cut looks for the end of a word.
const nearWordEnd = 30

// More says how many of something were left out: "…and 3 more points".
func More(n int, one, many string) string {
	return fmt.Sprintf("…and %d more %s", n, plural(n, one, many))
}

// Pack puts lines into at most maxGroups groups whose text (the lines joined by new
// lines) stays within limit: one line a group when they all fit, else as many lines a
// group as the limit allows, and when even that is too many, a last group that says how
// many lines were left out (more(n)). Each line must be within limit already.
func Pack(lines []string, maxGroups, limit int, m Measure, more func(n int) string) []string {
	if len(lines) <= maxGroups {
		return append([]string(nil), lines...)
	}
	var groups, cur []string
	curLen := 0
	for i, l := range lines {
		n := m(l)
		if len(cur) > 0 && curLen+1+n > limit {
			if len(groups) == maxGroups-1 {
				return append(groups, more(len(lines)-i+len(cur)))
			}
			groups = append(groups, strings.Join(cur, "\n"))
			cur, curLen = nil, 0
		}
		if len(cur) > 0 {
			curLen++
		}
		cur = append(cur, l)
		curLen += n
	}
	return append(groups, strings.Join(cur, "\n"))
}

// Fill returns head followed by as many of lines as fit within limit, joined by new
// lines. total is how many lines there are in all (lines may hold only the first of
// them); when some are left out, a last line (more(n)) says how many, and room is kept
// for it.
func Fill(head string, lines []string, total, limit int, m Measure, more func(n int) string) string {
	out := []string{head}
	n := m(head)
	for i, l := range lines {
		reserve := 0
		if i < total-1 {
			reserve = 1 + m(more(total-i))
		}
		if n+1+m(l)+reserve > limit {
			return strings.Join(append(out, more(total-i)), "\n")
		}
		out = append(out, l)
		n += 1 + m(l)
	}
	if total > len(lines) {
		out = append(out, more(total-len(lines)))
	}
	return strings.Join(out, "\n")
}

// How much of a who-said answer any platform shows, for readability.
const (
	MaxSpeakersShown = 20
	MaxQuotesShown   = 5
)

// ShownSpeakers returns the speakers a rendering shows, at most MaxSpeakersShown, and
// how many it leaves out.
func (w *WhoSaid) ShownSpeakers() ([]Speaker, int) {
	if len(w.Speakers) <= MaxSpeakersShown {
		return w.Speakers, 0
	}
	return w.Speakers[:MaxSpeakersShown], len(w.Speakers) - MaxSpeakersShown
}

// ShareHint tells the user of a private answer how to share it: shareCommand is how the
// platform spells it, such as ShareCommand's "/who-said --share TERM".
func (w *WhoSaid) ShareHint(shareCommand string) string {
	return "Only you can see this; " + shareCommand + " posts it in the channel."
}

// ShareCommand is the command that shares the answer, as typed: "/who-said --share
// TERM", "/who-said --share from:NAME TERM".
func (w *WhoSaid) ShareCommand() string {
	return "/who-said " + ShareFlag + " " + w.Query().String()
}

// A Renderer renders every kind of reply for one platform or format; M is what it makes
// (Slack blocks, Discord messages, text).
type Renderer[M any] interface {
	Briefing(b *Briefing) M
	WhoSaid(w *WhoSaid, v Visibility) M
	Help(h *Help) M
	// Notice renders a short message: a usage line, an apology, a notice. It is never
	// empty.
	Notice(text string) M
}

// Render renders r with to: the one place that tells the kinds of reply apart.
func Render[M any](r Reply, to Renderer[M]) M {
	switch {
	case r.Briefing != nil:
		return to.Briefing(r.Briefing)
	case r.WhoSaid != nil:
		return to.WhoSaid(r.WhoSaid, r.Visibility)
	case r.Help != nil:
		return to.Help(r.Help)
	}
	text := strings.TrimSpace(PlainText(r.Text))
	if text == "" {
		text = UserMessage(errors.New("empty reply"))
	}
	return to.Notice(text)
}
