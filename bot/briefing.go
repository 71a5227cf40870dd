package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// A Citation names an article that carries a point of a briefing.
type Citation struct {
	Outlet    string    `json:"outlet"`
	Title     string    `json:"title,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
}

// Citations are the sources of a point of an answer, one per outlet.
type Citations []Citation

// Outlets returns the names of the outlets, joined with commas.
func (cs Citations) Outlets() string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Outlet
	}
	return strings.Join(names, ", ")
}

// citations returns the citations of the documents docs of c, one per outlet, in the
// order of the documents. Its cost is linear in len(docs), however many outlets they have.
func citations(c *summarize.Corpus, docs []int) Citations {
	// The documents of the outlets first, then the citations, allocated once.
	seen := make(map[string]bool, len(docs))
	firsts := make([]int, 0, min(len(docs), 16))
	for _, d := range docs {
		if name := c.Docs[d].Source(); !seen[name] {
			seen[name] = true
			firsts = append(firsts, d)
		}
	}
	if len(firsts) == 0 {
		return nil
	}
	cs := make(Citations, len(firsts))
	for i, d := range firsts {
		doc := c.Docs[d]
		cs[i] = Citation{Outlet: doc.Source(), Title: doc.Title, URL: doc.URL, Published: doc.Published}
	}
	return cs
}

// An Item is one point of a briefing: a sentence and the sources that report it.
type Item struct {
	Text string `json:"text"`
	// Sources lists one source per outlet, the sentence's own article first.
	Sources Citations `json:"sources"`
}

// Outlets returns the names of the item's outlets, joined with commas.
func (it *Item) Outlets() string { return it.Sources.Outlets() }

// A Briefing is a platform-neutral summary of a set of articles: a headline and a few
// points, each citing its outlets. Adapters render it for their platform.
type Briefing struct {
	Headline string `json:"headline"`
	// From and To span the publication dates of the articles; zero when unknown.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
	// Articles counts the articles summarized, Outlets names their outlets.
	Articles int      `json:"articles"`
	Outlets  []string `json:"outlets"`
	Items    []Item   `json:"items"`
}

// NewBriefing builds the briefing of a summary of corpus c.
func NewBriefing(c *summarize.Corpus, s *summarize.Summary) *Briefing {
	b := &Briefing{Headline: s.Headline, Articles: len(c.Docs)}
	if b.Headline == "" {
		b.Headline = fmt.Sprintf("Briefing of %d %s", len(c.Docs), plural(len(c.Docs), "article", "articles"))
	}
	seen := make(map[string]bool, len(c.Docs))
	for _, d := range c.Docs {
		if name := d.Source(); !seen[name] {
			seen[name] = true
			b.Outlets = append(b.Outlets, name)
		}
		if t := d.Published; !t.IsZero() {
			if b.From.IsZero() || t.Before(b.From) {
				b.From = t
			}
			if t.After(b.To) {
				b.To = t
			}
		}
	}
	for _, p := range s.Sentences {
		b.Items = append(b.Items, Item{Text: p.Text, Sources: citations(c, p.Docs())})
	}
	return b
}

// Dates describes the span of the articles' dates, such as "19–20 May 2025", or returns
// "" when no article has a date.
func (b *Briefing) Dates() string {
	switch {
	case b.From.IsZero():
		return ""
	case b.From.Format(time.DateOnly) == b.To.Format(time.DateOnly):
		return b.From.Format("2 January 2006")
	case b.From.Year() == b.To.Year() && b.From.Month() == b.To.Month():
		return fmt.Sprintf("%d–%s", b.From.Day(), b.To.Format("2 January 2006"))
	case b.From.Year() == b.To.Year():
		return fmt.Sprintf("%s – %s", b.From.Format("2 January"), b.To.Format("2 January 2006"))
	}
	return fmt.Sprintf("%s – %s", b.From.Format("2 January 2006"), b.To.Format("2 January 2006"))
}

// Footer describes what the briefing summarizes: "5 articles from CNN, Reuters · 19 May 2025".
func (b *Briefing) Footer() string {
	s := fmt.Sprintf("%d %s from %s", b.Articles, plural(b.Articles, "article", "articles"), strings.Join(b.Outlets, ", "))
	if d := b.Dates(); d != "" {
		s += " · " + d
	}
	return s
}

// WriteText writes the briefing as plain text: the headline, one line per point followed
// by its outlets, and a footer.
func (b *Briefing) WriteText(w io.Writer) error {
	var sb strings.Builder
	sb.WriteString(b.Headline)
	sb.WriteString("\n\n")
	for _, it := range b.Items {
		fmt.Fprintf(&sb, "• %s — %s\n", it.Text, it.Outlets())
	}
	fmt.Fprintf(&sb, "\n%s\n", b.Footer())
	_, err := io.WriteString(w, sb.String())
	return err
}

// WriteMarkdown writes the briefing as Markdown, with outlets linked where their URL is
// known and article text escaped so that it cannot add formatting or links.
func (b *Briefing) WriteMarkdown(w io.Writer) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "## %s\n\n", markdownEscape(b.Headline))
	for _, it := range b.Items {
		var cites []string
		for _, s := range it.Sources {
			name := markdownEscape(s.Outlet)
			if u := LinkURL(s.URL); u != "" {
				name = fmt.Sprintf("[%s](<%s>)", name, urlReplacer.Replace(u))
			}
			cites = append(cites, name)
		}
		fmt.Fprintf(&sb, "- %s *(%s)*\n", markdownEscape(it.Text), strings.Join(cites, ", "))
	}
	fmt.Fprintf(&sb, "\n_%s_\n", markdownEscape(b.Footer()))
	_, err := io.WriteString(w, sb.String())
	return err
}

// WriteJSON writes the briefing as one indented JSON object.
func (b *Briefing) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// urlReplacer keeps a URL inside Markdown's <…> link destination.
var urlReplacer = strings.NewReplacer("<", "%3C", ">", "%3E")

var markdownReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`,
)

// markdownEscape makes s inert in Markdown: it shows as written.
func markdownEscape(s string) string { return markdownReplacer.Replace(s) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
