package slack

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// Slack's limits on a message (https://docs.slack.dev/reference/block-kit/blocks), and
// ours on its fallback text. Lengths count UTF-16 code units, which is never less than
// the count of characters Slack documents, so a text within our count is within theirs.
const (
	MaxBlocks      = 50
	MaxSectionText = 3000
	MaxHeaderText  = 150
	// MaxContextElements bounds the elements of a context block.
	MaxContextElements = 10
	// MaxFallbackText bounds the top-level text that notifications and screen readers
	// use; Slack truncates at 40,000 characters, we keep it to a screenful.
	MaxFallbackText = 3000
)

// message is a reply rendered for Slack: blocks and the fallback text every message
// carries. Both are escaped: no text from an article can make a mention or a link.
type message struct {
	Text   string
	Blocks []slackgo.Block
}

// render renders a reply within Slack's limits.
func render(r bot.Reply) message { return bot.Render[message](r, renderer{}) }

// renderer renders each kind of reply as Slack blocks and fallback text.
type renderer struct{}

func (renderer) Briefing(b *bot.Briefing) message                 { return renderBriefing(b) }
func (renderer) WhoSaid(w *bot.WhoSaid, v bot.Visibility) message { return renderWhoSaid(w, v) }
func (renderer) Help(h *bot.Help) message                         { return renderHelp(h) }

func (renderer) Notice(text string) message {
	text = escape(text)
	return message{Text: fit(text, MaxFallbackText), Blocks: []slackgo.Block{section(fit(text, MaxSectionText))}}
}

func renderBriefing(b *bot.Briefing) message {
	blocks := []slackgo.Block{header(b.Headline)}
	// One section per point while they fit, leaving room for the header and the footer;
	// beyond that, points share sections, and what still does not fit is counted. A
	// briefing of several stories opens each with its headline, in bold.
	room := MaxBlocks - 2
	var lines []string
	for _, st := range b.Stories {
		if len(b.Stories) > 1 {
			lines = append(lines, "*"+fit(escape(st.Headline), MaxSectionText-2)+"*")
		}
		for _, it := range st.Items {
			lines = append(lines, itemLine(it.Text, it.Sources, it.Note(), MaxSectionText))
		}
	}
	blocks = append(blocks, packLines(lines, room, "point")...)
	blocks = append(blocks, contextBlock(escape(b.Footer())))

	var fb strings.Builder
	fb.WriteString(escape(b.Headline))
	for _, st := range b.Stories {
		if len(b.Stories) > 1 && fb.Len() <= maxEscapeInput {
			fb.WriteString("\n" + escape(st.Headline))
		}
		for _, it := range st.Items {
			if fb.Len() > maxEscapeInput {
				break // more than fit will keep
			}
			fb.WriteString("\n• ")
			fb.WriteString(escape(it.Text))
			fb.WriteString(" — ")
			fb.WriteString(escape(it.Outlets()))
			if note := it.Note(); note != "" {
				fb.WriteString("; " + escape(note))
			}
		}
	}
	return message{Text: fit(fb.String(), MaxFallbackText), Blocks: blocks}
}

// packLines puts lines into at most room section blocks (see bot.Pack).
func packLines(lines []string, room int, noun string) []slackgo.Block {
	groups := bot.Pack(lines, room, MaxSectionText, textLen, func(n int) string { return "_" + bot.More(n, noun, noun+"s") + "_" })
	blocks := make([]slackgo.Block, len(groups))
	for i, g := range groups {
		blocks[i] = section(g)
	}
	return blocks
}

// itemLine renders one point of a briefing: "• text — outlets", then what other
// outlets report otherwise ("; AP reports 40"), within limit. The outlets link to
// their articles where the URL is a web address; when they would take more than half
// the room, they are plain names. The note of other accounts takes at most a quarter.
func itemLine(text string, sources []bot.Citation, note string, limit int) string {
	cites := citations(sources, true)
	if textLen(cites) > limit/2 {
		cites = fit(citations(sources, false), limit/2)
	}
	if note != "" {
		cites += fit("; "+escape(note), limit/4)
	}
	const bullet, sep = "• ", " — "
	room := limit - textLen(bullet) - textLen(sep) - textLen(cites)
	return bullet + fit(escape(text), room) + sep + cites
}

// citations renders the outlets of a point or a quotation, in italics, linked when link
// is set and the URL is an http(s) address.
func citations(sources []bot.Citation, link bool) string {
	names := make([]string, len(sources))
	for i, s := range sources {
		name := escape(strings.TrimSpace(s.Outlet))
		if name == "" {
			name = "source"
		}
		if u := linkURL(s.URL); link && u != "" {
			name = "<" + u + "|" + name + ">"
		}
		names[i] = name
	}
	return "_" + strings.Join(names, ", ") + "_"
}

// linkURL returns u made safe inside Slack's <url|text> markup, or "" when u is not a
// link any output may carry (bot.LinkURL).
func linkURL(u string) string {
	if u = bot.LinkURL(u); u == "" {
		return ""
	}
	return linkEscaper.Replace(u)
}

func renderWhoSaid(w *bot.WhoSaid, v bot.Visibility) message {
	blocks := []slackgo.Block{header(w.Title())}
	var fb strings.Builder
	fb.WriteString(escape(w.Title()))
	if len(w.Speakers) == 0 {
		blocks = append(blocks, section(fit(escape(w.Empty()), MaxSectionText)))
		fb.WriteString("\n" + escape(w.Empty()))
	}
	shown, left := w.ShownSpeakers()
	for _, s := range shown {
		blocks = append(blocks, section(speakerText(s)))
		if fb.Len() > maxEscapeInput {
			continue // the fallback already holds more than fit will keep
		}
		fb.WriteString("\n" + escape(s.Name) + ":")
		for _, q := range s.Quotes {
			fb.WriteString(" “" + escape(q.Text) + "” (" + escape(q.Outlets()) + ")")
		}
	}
	if left > 0 {
		blocks = append(blocks, contextBlock(escape(bot.More(left, "speaker", "speakers"))))
	}
	footer := escape(w.Footer())
	if len(w.Speakers) == 0 {
		footer = ""
	}
	if v == bot.Ephemeral {
		if footer != "" {
			footer += " · "
		}
		footer += escape(w.ShareHint(w.ShareCommand()))
	}
	if footer != "" {
		blocks = append(blocks, contextBlock(footer))
	}
	return message{Text: fit(fb.String(), MaxFallbackText), Blocks: blocks}
}

// speakerText renders a speaker and their quotations as one section's text: the name,
// then one line a quotation with its outlets, as many as fit (see bot.Fill).
func speakerText(s bot.Speaker) string {
	lines := make([]string, 0, min(len(s.Quotes), bot.MaxQuotesShown))
	for _, q := range s.Quotes[:min(len(s.Quotes), bot.MaxQuotesShown)] {
		lines = append(lines, quoteLine(q, 1500))
	}
	head := "*" + fit(escape(s.Name), 200) + "*"
	more := func(n int) string { return "_…and " + strconv.Itoa(n) + " more_" }
	return bot.Fill(head, lines, len(s.Quotes), MaxSectionText, textLen, more)
}

// quoteLine renders a quotation as a quote line with its outlets, within limit.
func quoteLine(q bot.Quotation, limit int) string {
	cites := citations(q.Sources, true)
	if textLen(cites) > limit*2/3 {
		cites = fit(citations(q.Sources, false), limit*2/3)
	}
	const open, close, sep = ">“", "”", " — "
	room := limit - textLen(open) - textLen(close) - textLen(sep) - textLen(cites)
	return open + fit(escape(q.Text), room) + close + sep + cites
}

func renderHelp(h *bot.Help) message {
	var sb strings.Builder
	for _, c := range h.Commands {
		fmt.Fprintf(&sb, "`%s` — %s\n", escape(c.Usage), escape(c.Summary))
	}
	list := strings.TrimSuffix(sb.String(), "\n")
	blocks := []slackgo.Block{
		section(fit(escape(h.Intro), MaxSectionText)),
		section(fit(list, MaxSectionText)),
	}
	return message{Text: fit(escape(h.Intro)+"\n"+list, MaxFallbackText), Blocks: blocks}
}

// header returns a header block of plain text, escaped (Slack decodes &amp;, &lt; and
// &gt; for display) but for mrkdwn's formatting characters, which plain text shows as
// they are, cut to MaxHeaderText.
func header(text string) slackgo.Block {
	text = strings.Join(strings.Fields(escapePlain(text)), " ")
	if text == "" {
		text = "briefbot"
	}
	return slackgo.NewHeaderBlock(slackgo.NewTextBlockObject(slackgo.PlainTextType, fit(text, MaxHeaderText), false, false))
}

// section returns a section of mrkdwn text, escaped by the caller. Verbatim stops Slack
// from turning bare URLs and channel names into links or mentions.
func section(text string) slackgo.Block {
	return slackgo.NewSectionBlock(slackgo.NewTextBlockObject(slackgo.MarkdownType, text, false, true), nil, nil)
}

// contextBlock returns a context block with one verbatim mrkdwn element.
func contextBlock(text string) slackgo.Block {
	return slackgo.NewContextBlock("", slackgo.NewTextBlockObject(slackgo.MarkdownType, fit(text, MaxSectionText), false, true))
}

// plainEscaper escapes the three characters Slack reserves, in any text.
var plainEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// mrkdwnEscaper also makes mrkdwn's formatting characters (*bold*, _italic_, ~strike~,
// `code`) inert: Slack has no escape for them, and formats a pair only where the first
// starts a word and the second ends one, so a zero-width space on both sides of each
// makes it a character inside a word, shown as it is but never paired (as the _ in
// snake_case). A > that starts a line would start a block quote; a zero-width space
// before it keeps it text.
var mrkdwnEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "\n>", "\n"+zeroWidthSpace+"&gt;",
	"*", zwspFlanked("*"), "_", zwspFlanked("_"), "~", zwspFlanked("~"), "`", zwspFlanked("`"),
)

// zeroWidthSpace (U+200B) separates a formatting character from its neighbours.
const zeroWidthSpace = "\u200B"

func zwspFlanked(m string) string { return zeroWidthSpace + m + zeroWidthSpace }

// linkEscaper makes a URL safe inside a <url|text> link.
var linkEscaper = strings.NewReplacer("&", "&amp;", "<", "%3C", ">", "%3E", "|", "%7C")

// broadcasts are the words that, after an @, notify a whole channel or workspace.
var broadcasts = []string{"channel", "here", "everyone"}

// escape makes text inert in Slack's mrkdwn: it escapes &, < and > (so that no
// <!channel>, <@U…> or <url|link> can be formed), makes the formatting characters and a
// > at the start of a line show as they are (see mrkdwnEscaper), and puts a word joiner
// after an @ that starts @channel, @here or @everyone, which Slack would otherwise be free
// to read as a mention in a client that links names.
func escape(s string) string {
	s = mrkdwnEscaper.Replace(clean(clip(s)))
	if strings.HasPrefix(s, "&gt;") {
		s = zeroWidthSpace + s
	}
	return guardBroadcasts(s)
}

// escapePlain escapes text for a plain_text object: &, <, > and the broadcasts, as
// escape does, but not the formatting characters, which plain text does not format.
func escapePlain(s string) string {
	return guardBroadcasts(plainEscaper.Replace(clean(clip(s))))
}

// guardBroadcasts puts a word joiner after each @ that starts @channel, @here or
// @everyone.
func guardBroadcasts(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] != '@' {
			continue
		}
		for _, w := range broadcasts {
			if len(s)-i-1 >= len(w) && strings.EqualFold(s[i+1:i+1+len(w)], w) {
				b.WriteString("\u2060")
				break
			}
		}
	}
	return b.String()
}

// maxEscapeInput bounds the text escape reads: every text it produces is cut to
// MaxSectionText or MaxFallbackText UTF-16 units at most, and this many bytes always
// hold more characters than that (a character takes at most 4 bytes).
const maxEscapeInput = 4*max(MaxSectionText, MaxFallbackText) + 16

// clip cuts s to maxEscapeInput bytes, at the start of a character.
func clip(s string) string { return clipBytes(s, maxEscapeInput) }

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

// clean makes s valid UTF-8 without control characters other than new lines.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r == '\t' || r == '\r' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// textLen returns the length of s as Slack counts it, or more: UTF-16 code units.
func textLen(s string) int { return bot.UTF16Len(s) }

// fit cuts escaped text s to at most limit UTF-16 code units (bot.Cut), never inside an
// escape such as &amp;.
func fit(s string, limit int) string { return bot.Cut(s, limit, textLen, keepEscapes) }

// keepEscapes mends the end of escaped text that was cut: it drops a trailing '&' not
// closed by ';', and a formatting character cut from the zero-width space after it,
// which the "…" would let close a pair.
func keepEscapes(out string) string {
	if amp := strings.LastIndexByte(out, '&'); amp >= 0 && !strings.Contains(out[amp:], ";") {
		out = out[:amp]
	}
	if n := len(out); n > 0 && strings.IndexByte("*_~`", out[n-1]) >= 0 && strings.HasSuffix(out[:n-1], zeroWidthSpace) {
		out = out[:n-1-len(zeroWidthSpace)]
	}
	return out
}
