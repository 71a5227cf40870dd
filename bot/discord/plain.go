package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// line is a line of a plain answer and how many units (points, speakers) it holds.
type line struct {
	text  string
	units int
}

// plainBriefing renders a briefing as text: the headline in bold; for each story, its
// headline in bold when there are several, and a line a point with its outlets linked
// (no previews); the footer in italics.
func plainBriefing(b *bot.Briefing, reserve int) []message {
	lines := []line{{text: "**" + fit(escape(b.Headline), maxPlainLine-4) + "**"}}
	several := len(b.Stories) > 1
	for _, st := range b.Stories {
		if several {
			lines = append(lines, line{}, line{text: "**" + fit(escape(st.Headline), maxPlainLine-4) + "**"})
		}
		for _, it := range st.Items {
			lines = append(lines, line{text: pointLine(it, maxPlainLine, true), units: 1})
		}
	}
	return packLines(lines, 0, b.Footer(), "point", "points", reserve)
}

// plainWhoSaid renders a /who-said answer as text: the title in bold, each speaker in
// bold with the number of quotations, and their quotations as quote lines; the footer
// in italics.
func plainWhoSaid(w *bot.WhoSaid, footer string, reserve int) []message {
	lines := []line{{text: "**" + fit(escape(w.Title()), maxPlainLine-4) + "**"}}
	if len(w.Speakers) == 0 {
		lines = append(lines, line{text: fit(escape(w.Empty()), maxPlainLine)})
	}
	shown, left := w.ShownSpeakers()
	for _, s := range shown {
		count := fmt.Sprintf(" (%d)", len(s.Quotes))
		head := "**" + fit(escape(s.Name), 200) + "**" + count
		lines = append(lines, line{text: head + "\n" + quotesText(s, maxPlainLine-textLen(head)-1, true), units: 1})
	}
	return packLines(lines, left, footer, "speaker", "speakers", reserve)
}

// plainHelp renders the help as text.
func plainHelp(h *bot.Help, reserve int) []message {
	lines := []line{{text: fit(escape(h.Intro), maxPlainLine)}}
	for _, c := range h.Commands {
		lines = append(lines, line{text: fit("**"+fit(escape(c.Usage), 200)+"** — "+escape(c.Summary), maxPlainLine)})
	}
	return packLines(lines, 0, "", "command", "commands", reserve)
}

// packLines puts lines into messages of at most MaxContent characters (less reserve),
// as many lines a message as fit, at most MaxMessages messages; the last ends with the footer, in
// italics, after a note of the units left out (hidden more were left out before). Room
// for the note is kept in every message; room for the footer only when the last message
// would not have it otherwise. Each line must be within maxPlainLine. Link previews are
// off (SUPPRESS_EMBEDS).
func packLines(lines []line, hidden int, footer, one, many string, reserve int) []message {
	footer = fit(escape(footer), maxFooterShown)
	const marks = 3 // the new line and the asterisks around the footer
	budget := MaxContent - moreRoom - marks - reserve
	groups, left, ok := layLines(lines, hidden, budget, textLen(footer))
	if !ok {
		groups, left, _ = layLines(lines, hidden, budget-textLen(footer), 0)
	}
	if left > 0 {
		footer = strings.TrimSuffix(bot.More(left, one, many)+" · "+footer, " · ")
	}
	if footer != "" {
		last := &groups[len(groups)-1]
		*last = append(*last, "*"+footer+"*")
	}
	msgs := make([]message, len(groups))
	for i, g := range groups {
		msgs[i] = plainMessage(g)
	}
	return msgs
}

// layLines lays lines out in messages within budget characters each, and reports how
// many units were left out and whether the last message has room for footer more.
func layLines(lines []line, hidden, budget, footer int) ([][]string, int, bool) {
	var groups [][]string
	var cur []string
	n, left := 0, hidden
	for i, l := range lines {
		if len(cur) == 0 && l.text == "" {
			continue // no message starts with a blank line
		}
		if len(cur) > 0 && n+1+textLen(l.text) > budget {
			if len(groups) == MaxMessages-1 {
				for _, rest := range lines[i:] {
					left += rest.units
				}
				break
			}
			groups = append(groups, cur)
			cur, n = nil, 0
		}
		if len(cur) > 0 {
			n++
		}
		cur = append(cur, l.text)
		n += textLen(l.text)
	}
	return append(groups, cur), left, n+footer <= budget
}

func plainMessage(lines []string) message {
	return message{Content: strings.Join(lines, "\n"), Flags: discordgo.MessageFlagsSuppressEmbeds}
}
