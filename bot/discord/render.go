package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// A Style is how the bot renders its answers in a channel.
type Style string

// The styles.
const (
	// StyleEmbeds renders briefings, who-said answers and help as rich embeds: one
	// story an embed, with its outlets and links.
	StyleEmbeds Style = "embeds"
	// StylePlain renders everything as message text, with link previews off, for
	// people who turned embeds off in Discord (they see nothing of an embed).
	StylePlain Style = "plain"
)

// message is one Discord message of an answer: content, embeds and flags, all within
// Discord's limits, and every text from an article escaped (see escape).
type message struct {
	Content string                    `json:"content,omitempty"`
	Embeds  []*discordgo.MessageEmbed `json:"embeds,omitempty"`
	Flags   discordgo.MessageFlags    `json:"flags,omitempty"`
}

// Layout bounds of our own, within Discord's limits.
const (
	// maxPointLine bounds one point of a briefing with its outlets, and maxQuoteLine a
	// quotation with its outlets, so that a few always fit in a description or a field.
	maxPointLine = 1500
	maxQuoteLine = 600
	// maxPlainLine bounds a line of the plain style, which must fit in a message's 2000
	// characters beside the footer and the note of what was left out.
	maxPlainLine = 1200
	// maxFooterShown bounds the footer of an answer, which the last message carries.
	maxFooterShown = 500
	// moreRoom is the room kept for "…and 12 more points" and its separator.
	moreRoom = 40
	// embedColor is the colour of the bot's embeds.
	embedColor = 0x2B6CB0
)

// renderer renders each kind of reply as Discord messages, in the embeds or the plain
// style. hint, if set, is the note under a /who-said answer that only its user sees
// (the interaction's share hint); a reply to a mention has its own, or none in a DM.
// reserve is the room, in characters, that every message keeps free for a line the
// poster adds after rendering (a keyed post's slot line: see withSlotLine).
type renderer struct {
	plain   bool
	hint    func(w *bot.WhoSaid) string
	reserve int
}

// render renders a reply: one message, or a few when it is long (at most MaxMessages).
func (r renderer) render(reply bot.Reply) []message { return bot.Render[[]message](reply, r) }

// part is an embed of an answer and how many units (points, speakers) it holds.
type part struct {
	embed *discordgo.MessageEmbed
	units int
}

func newEmbed() *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: embedColor}
}

// Briefing renders a briefing. Embeds: the headline in the content, then one embed a
// story (its points in the description; when there are several stories, its headline
// as the title and its outlets in a field), a story too long for one continuing in the
// next, and the footer (the articles, outlets and dates) under the last.
func (r renderer) Briefing(b *bot.Briefing) []message {
	if r.plain {
		return plainBriefing(b, r.reserve)
	}
	several := len(b.Stories) > 1
	var parts []part
	for _, st := range b.Stories {
		lines := make([]string, len(st.Items))
		for i, it := range st.Items {
			lines[i] = pointLine(it, maxPointLine, false)
		}
		groups := groupLines(lines, MaxEmbedDescription-moreRoom)
		if len(groups) == 0 {
			groups = []group{{text: "No points to report."}}
		}
		outlets := fit(escape(strings.Join(st.Outlets, ", ")), MaxFieldValue)
		for i, g := range groups {
			e := newEmbed()
			e.Description = g.text
			if several {
				e.Title = fit(escape(st.Headline), MaxEmbedTitle)
				if i > 0 {
					const cont = " (continued)"
					e.Title = fit(escape(st.Headline), MaxEmbedTitle-textLen(cont)) + cont
				}
			}
			if several && i == 0 && outlets != "" {
				e.Fields = []*discordgo.MessageEmbedField{{Name: "Outlets", Value: outlets}}
			}
			parts = append(parts, part{embed: e, units: g.n})
		}
	}
	content := "**" + fit(escape(b.Headline), MaxContent-4) + "**"
	if b.Headline == "" {
		content = ""
	}
	return packParts(content, parts, 0, b.Footer(), "point", "points", r.reserve)
}

// pointLine renders a point of a briefing, "• text — outlets", within limit. The
// outlets link to their articles where the URL is a web address; when they would take
// more than half the room, they are plain names.
func pointLine(it bot.Item, limit int, noPreview bool) string {
	text, sources := it.Text, it.Sources
	note := ""
	if n := it.Note(); n != "" {
		note = "; " + escape(n) // the outlets that report the point with other facts
	}
	cites := citations(sources, true, noPreview) + note
	if textLen(cites) > limit/2 {
		cites = fit(citations(sources, false, false)+note, limit/2)
	}
	const bullet, sep = "• ", " — "
	room := limit - textLen(bullet) - textLen(sep) - textLen(cites)
	return bullet + fit(escape(text), room) + sep + cites
}

// group is lines joined by new lines, and how many lines it holds.
type group struct {
	text string
	n    int
}

// groupLines joins lines into groups of at most limit characters, in order, as many
// lines a group as fit. Each line must be within limit already.
func groupLines(lines []string, limit int) []group {
	var out []group
	var cur []string
	n := 0
	for _, l := range lines {
		if len(cur) > 0 && n+1+textLen(l) > limit {
			out = append(out, group{strings.Join(cur, "\n"), len(cur)})
			cur, n = nil, 0
		}
		if len(cur) > 0 {
			n++
		}
		cur = append(cur, l)
		n += textLen(l)
	}
	if len(cur) > 0 {
		out = append(out, group{strings.Join(cur, "\n"), len(cur)})
	}
	return out
}

// embedChars counts what an embed adds to a message's MaxEmbedsTotal.
func embedChars(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	return n
}

// packParts puts embeds into messages: as many a message as Discord takes (MaxEmbeds,
// MaxEmbedsTotal, less reserve), at most MaxMessages messages; content goes into the
// first. The footer goes under the last embed, after a note of the units left out, if
// any (hidden more of them were left out before). Room for the note is kept in every
// message; room for the footer only when the last message would not have it otherwise.
func packParts(content string, parts []part, hidden int, footer, one, many string, reserve int) []message {
	footer = fit(escapePlain(footer), maxFooterShown)
	budget := MaxEmbedsTotal - moreRoom - reserve
	msgs, left, ok := layParts(content, parts, hidden, budget, textLen(footer))
	if !ok {
		msgs, left, _ = layParts(content, parts, hidden, budget-textLen(footer), 0)
	}
	if left > 0 {
		footer = strings.TrimSuffix(bot.More(left, one, many)+" · "+footer, " · ")
	}
	last := msgs[len(msgs)-1].Embeds
	if footer != "" && len(last) > 0 {
		last[len(last)-1].Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return msgs
}

// layParts lays embeds out in messages within budget characters each, and reports how
// many units were left out and whether the last message has room for footer more.
func layParts(content string, parts []part, hidden, budget, footer int) ([]message, int, bool) {
	var msgs []message
	cur := message{Content: content}
	chars, left := 0, hidden
	for i, p := range parts {
		c := embedChars(p.embed)
		if len(cur.Embeds) > 0 && (len(cur.Embeds) == MaxEmbeds || chars+c > budget) {
			if len(msgs) == MaxMessages-1 {
				for _, rest := range parts[i:] {
					left += rest.units
				}
				break
			}
			msgs = append(msgs, cur)
			cur, chars = message{}, 0
		}
		cur.Embeds = append(cur.Embeds, copyEmbed(p.embed))
		chars += c
	}
	return append(msgs, cur), left, chars+footer <= budget
}

// copyEmbed returns a copy of e that a footer can be set on.
func copyEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	c := *e
	return &c
}

// WhoSaid renders a /who-said answer. Embeds: the title, then a field a speaker (the
// name and the number of quotations; the quotations with their outlets), as many
// fields an embed as fit, and a footer with the counts and, for an answer only its user
// sees, the renderer's hint.
func (r renderer) WhoSaid(w *bot.WhoSaid, v bot.Visibility) []message {
	footer := ""
	if len(w.Speakers) > 0 {
		footer = w.Footer()
	}
	if v == bot.Ephemeral && r.hint != nil {
		if h := r.hint(w); h != "" {
			footer = strings.TrimPrefix(footer+" · "+h, " · ")
		}
	}
	if r.plain {
		return plainWhoSaid(w, footer, r.reserve)
	}
	title := fit(escape(w.Title()), MaxEmbedTitle)
	if len(w.Speakers) == 0 {
		e := newEmbed()
		e.Title, e.Description = title, fit(escape(w.Empty()), MaxEmbedDescription)
		return packParts("", []part{{embed: e}}, 0, footer, "speaker", "speakers", r.reserve)
	}
	shown, left := w.ShownSpeakers()
	budget := MaxEmbedsTotal - maxFooterShown - moreRoom - r.reserve
	var parts []part
	e := newEmbed()
	e.Title = title
	chars := textLen(title)
	for _, s := range shown {
		f := speakerField(s)
		c := textLen(f.Name) + textLen(f.Value)
		if len(e.Fields) == MaxEmbedFields || chars+c > budget {
			parts = append(parts, part{embed: e, units: len(e.Fields)})
			e, chars = newEmbed(), 0
		}
		e.Fields = append(e.Fields, f)
		chars += c
	}
	parts = append(parts, part{embed: e, units: len(e.Fields)})
	// The speakers ShownSpeakers leaves out are counted with those that do not fit.
	return packParts("", parts, left, footer, "speaker", "speakers", r.reserve)
}

// speakerField renders a speaker as an embed field: the name and the number of
// quotations, then a quotation a line with its outlets, as many as fit (bot.Fill).
func speakerField(s bot.Speaker) *discordgo.MessageEmbedField {
	count := fmt.Sprintf(" (%d)", len(s.Quotes))
	name := fit(escape(s.Name), MaxFieldName-textLen(count))
	if name == "" {
		name = "Someone"
	}
	return &discordgo.MessageEmbedField{Name: name + count, Value: quotesText(s, MaxFieldValue, false)}
}

// quotesText renders the quotations of a speaker, one line each, within limit.
func quotesText(s bot.Speaker, limit int, noPreview bool) string {
	shown := s.Quotes[:min(len(s.Quotes), bot.MaxQuotesShown)]
	if len(shown) == 0 {
		return "No quotation."
	}
	lines := make([]string, len(shown))
	for i, q := range shown {
		lines[i] = quoteLine(q, min(maxQuoteLine, limit-moreRoom), noPreview)
	}
	more := func(n int) string { return "*" + bot.More(n, "quotation", "quotations") + "*" }
	return bot.Fill(lines[0], lines[1:], len(s.Quotes)-1, limit, textLen, more)
}

// quoteLine renders a quotation as a quote line with its outlets, within limit.
func quoteLine(q bot.Quotation, limit int, noPreview bool) string {
	cites := citations(q.Sources, true, noPreview)
	if textLen(cites) > limit/2 {
		cites = fit(citations(q.Sources, false, false), limit/2)
	}
	const open, close, sep = "> “", "”", " — "
	room := limit - textLen(open) - textLen(close) - textLen(sep) - textLen(cites)
	return open + fit(escape(q.Text), room) + close + sep + cites
}

// Help renders the help: the intro, and a field a command.
func (r renderer) Help(h *bot.Help) []message {
	if r.plain {
		return plainHelp(h, r.reserve)
	}
	e := newEmbed()
	e.Title = "briefbot"
	e.Description = fit(escape(h.Intro), MaxEmbedDescription)
	for _, c := range h.Commands[:min(len(h.Commands), MaxEmbedFields)] {
		name, value := fit(escape(c.Usage), MaxFieldName), fit(escape(c.Summary), MaxFieldValue)
		if name == "" || value == "" {
			continue
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
	}
	return packParts("", []part{{embed: e}}, 0, "", "command", "commands", r.reserve)
}

// Notice renders a short message (a usage line, an apology) as text, in both styles.
func (r renderer) Notice(text string) []message {
	content := fit(escape(text), MaxContent-r.reserve)
	if content == "" {
		content = "…"
	}
	return []message{{Content: content, Flags: discordgo.MessageFlagsSuppressEmbeds}}
}
