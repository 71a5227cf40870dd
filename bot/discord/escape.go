package discord

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
)

// Discord's limits on a message
// (https://discord.com/developers/docs/resources/message#embed-object-embed-limits), in
// characters (bot.RuneLen), as Discord counts them.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	// MaxEmbedsTotal bounds the characters of every title, description, field name and
	// value, footer and author name of a message's embeds together.
	MaxEmbedsTotal = 6000
	// MaxMessages bounds the messages of one answer: an answer longer than one message
	// continues in follow-ups, up to this many in all, and what still does not fit is
	// counted ("…and 12 more points").
	MaxMessages = 5
)

// markdownEscaper puts a backslash before each character Discord's markdown reads as
// formatting, so that it shows as it is: emphasis, underline and strike (* _ ~), code
// (`), spoilers (|), quotes (>), headings (#), masked links ([ ]), and the < that opens
// mentions (<@…>, <@&…>, <#…>), emoji, timestamps and autolinks; a backslash itself is
// doubled. A "://" gets a backslash too, so that no bare URL becomes a link (or a link
// preview).
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`, "#", `\#`,
	"[", `\[`, "]", `\]`, "<", `\<`, "://", `\://`,
)

// wordJoiner (U+2060) after the @ of @everyone and @here keeps them text in every
// client; allowed_mentions already keeps them from pinging.
const wordJoiner = "\u2060"

// broadcasts are the words that, after an @, would notify a whole channel.
var broadcasts = []string{"everyone", "here"}

// maxEscapeInput bounds the text escape reads: every text it produces is cut to at most
// MaxEmbedDescription characters, and this many bytes always hold more than that (a
// character takes at most 4 bytes).
const maxEscapeInput = 4*MaxEmbedDescription + 16

// escape makes text inert in Discord's markdown, on one line: it shows as written, with
// no formatting, link, mention, heading or list that the text did not mean as words.
// White space, new lines included, becomes single spaces; control characters and
// invalid UTF-8 go (see clean); a - or + that starts the text, or the dot of a number
// that starts it ("1."), gets a backslash, since a list could start there.
func escape(s string) string {
	s = clean(s)
	if s == "" {
		return ""
	}
	s = markdownEscaper.Replace(s)
	switch {
	case s[0] == '-' || s[0] == '+':
		s = `\` + s
	case s[0] >= '0' && s[0] <= '9':
		i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if i > 0 && s[i] == '.' {
			s = s[:i] + `\` + s[i:]
		}
	}
	return guardBroadcasts(s)
}

// escapePlain readies text for the fields Discord shows without markdown (footers,
// author names): clean, on one line, the broadcasts guarded, no backslashes.
func escapePlain(s string) string { return guardBroadcasts(clean(s)) }

// clean returns s on one line, cut to maxEscapeInput bytes: valid UTF-8, without control
// characters or the characters that reorder text (bot.PlainText), every run of white
// space a single space, trimmed.
func clean(s string) string {
	s = bot.PlainText(clipBytes(s, maxEscapeInput))
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) &&
		!strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s // single spaces already: most text
	}
	return strings.Join(strings.Fields(s), " ")
}

// guardBroadcasts puts a word joiner after each @ that starts @everyone or @here.
func guardBroadcasts(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] != '@' {
			continue
		}
		for _, w := range broadcasts {
			if len(s)-i-1 >= len(w) && strings.EqualFold(s[i+1:i+1+len(w)], w) {
				b.WriteString(wordJoiner)
				break
			}
		}
	}
	return b.String()
}

// clipBytes cuts s to at most n bytes, at the start of a character.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// textLen is the length of s as Discord counts it: characters.
func textLen(s string) int { return bot.RuneLen(s) }

// fit cuts escaped text to at most limit characters (bot.Cut), never inside an escape.
func fit(s string, limit int) string { return bot.Cut(s, limit, textLen, keepEscapes) }

// keepEscapes mends the end of escaped text that was cut: a backslash left without the
// character it escaped is dropped.
func keepEscapes(out string) string {
	n := len(out) - len(strings.TrimRight(out, `\`))
	if n%2 == 1 {
		out = out[:len(out)-1]
	}
	return out
}

// linkEscaper keeps a URL inside a masked link's (…) or <…>.
var linkEscaper = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", `\`, "%5C", "|", "%7C", " ", "%20")

// link returns a masked link to u with the escaped text name, or name alone when u is
// not a link any output may carry (bot.LinkURL). A link inside <…> makes no preview.
func link(name, u string, noPreview bool) string {
	if u = bot.LinkURL(u); u == "" {
		return name
	}
	u = linkEscaper.Replace(u)
	if noPreview {
		u = "<" + u + ">"
	}
	return "[" + name + "](" + u + ")"
}

// citations renders the outlets of a point or a quotation, linked to their articles when
// link is set and the URL is a web address.
func citations(sources []bot.Citation, linked, noPreview bool) string {
	names := make([]string, len(sources))
	for i, s := range sources {
		name := escape(s.Outlet)
		if name == "" {
			name = "source"
		}
		if linked {
			name = link(fit(name, 100), s.URL, noPreview)
		}
		names[i] = name
	}
	return strings.Join(names, ", ")
}
