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

// An Item is one point of a briefing: a sentence, the sources that report it with the
// same facts, and the accounts of outlets that report it with other facts.
type Item struct {
	Text string `json:"text"`
	// Sources lists one source per outlet that carries the sentence with every one of
	// its figures, dates, names and negation, the sentence's own article first.
	Sources Citations `json:"sources"`
	// Facts are the facts of Text that other outlets report otherwise ("12"); empty
	// when none does.
	Facts []Fact `json:"facts,omitempty"`
	// Disputes lists the accounts of the point that differ from Text in their facts
	// ("40" against "12"), one per set of facts, in the order of their first article.
	// Renderers show them after the sources, in the words of Note.
	Disputes []Dispute `json:"disputes,omitempty"`
}

// A Fact is a figure, a date, a name or a negated phrase, as a sentence writes it.
type Fact struct {
	// Kind is "number", "date", "name" or "negation".
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// A Dispute is an account of an item's point that differs from the item's text in
// its facts.
type Dispute struct {
	// Facts are the account's own facts where it differs from the item ("40").
	Facts []Fact `json:"facts"`
	// Text is the account's sentence, as its first article writes it.
	Text string `json:"text"`
	// Sources lists one source per outlet that gives the account.
	Sources Citations `json:"sources"`
}

// Outlets returns the names of the item's outlets, joined with commas.
func (it *Item) Outlets() string { return it.Sources.Outlets() }

// Note says what the other accounts of the item report, for showing after its
// sources: "AP reports 40", "AP, CNN report 40; BBC reports 35", "Wire Two reports
// “had not failed”"; "" when every outlet agrees.
func (it *Item) Note() string {
	parts := make([]string, 0, len(it.Disputes))
	for _, d := range it.Disputes {
		verb := "reports"
		if len(d.Sources) > 1 {
			verb = "report"
		}
		facts := make([]string, len(d.Facts))
		for i, f := range d.Facts {
			facts[i] = f.Text
			if f.Kind == summarize.FactNegation.String() {
				facts[i] = "“" + f.Text + "”"
			}
		}
		parts = append(parts, d.Sources.Outlets()+" "+verb+" "+strings.Join(facts, ", "))
	}
	return strings.Join(parts, "; ")
}

// An account gathers the variants of a pick that report the same facts: the facts, the
// first variant's sentence, and the documents.
type account struct {
	facts []Fact
	ref   summarize.Ref
	docs  []int
}

// newItem builds the item of pick p of corpus c: its citations, and one Dispute per
// set of facts that its variants report.
func newItem(c *summarize.Corpus, p *summarize.Pick) Item {
	it := Item{Text: p.Text, Sources: citations(c, p.Docs())}
	var keys []string
	groups := map[string]*account{}
	seen := map[string]bool{}
	for _, v := range p.Variants {
		facts := make([]Fact, len(v.Facts))
		texts := make([]string, len(v.Facts))
		for i, f := range v.Facts {
			facts[i] = Fact{Kind: f.Kind.String(), Text: f.Text}
			texts[i] = strings.ToLower(f.Text)
		}
		key := strings.Join(texts, "\x00")
		g := groups[key]
		if g == nil {
			g = &account{facts: facts, ref: v.Ref}
			groups[key] = g
			keys = append(keys, key)
		}
		g.docs = append(g.docs, v.Doc)
		for _, f := range v.Instead {
			if k := f.Kind.String() + "\x00" + strings.ToLower(f.Text); !seen[k] {
				seen[k] = true
				it.Facts = append(it.Facts, Fact{Kind: f.Kind.String(), Text: f.Text})
			}
		}
	}
	for _, k := range keys {
		g := groups[k]
		it.Disputes = append(it.Disputes, Dispute{Facts: g.facts, Text: c.Docs[g.ref.Doc].Text(g.ref.Sentence), Sources: citations(c, g.docs)})
	}
	return it
}

// A Briefing is a platform-neutral summary of a set of articles: a headline, and the
// stories the articles tell, each with a few points that cite their outlets. Adapters
// render it for their platform.
type Briefing struct {
	// Headline names the briefing: its story's headline when it has one story.
	Headline string `json:"headline"`
	// From and To span the publication dates of the articles; zero when unknown.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
	// Articles counts the articles summarized, Outlets names their outlets.
	Articles int      `json:"articles"`
	Outlets  []string `json:"outlets"`
	// Stories are the stories of the briefing, the most important first.
	Stories []Story `json:"stories"`
}

// A Story is one story of a briefing: its headline and its points.
type Story struct {
	Headline string `json:"headline"`
	// Articles counts the story's articles, Outlets names their outlets.
	Articles int      `json:"articles"`
	Outlets  []string `json:"outlets"`
	Items    []Item   `json:"items"`
}

// NewBriefing builds the briefing of a summary of corpus c: one story, of every article.
func NewBriefing(c *summarize.Corpus, s *summarize.Summary) *Briefing {
	all := make([]int, len(c.Docs))
	for d := range all {
		all[d] = d
	}
	st := newStory(c, s, all)
	b := &Briefing{Headline: st.Headline, Articles: st.Articles, Outlets: st.Outlets, Stories: []Story{st}}
	b.From, b.To = dateSpan(c, all)
	return b
}

// newStory builds the story that summary s tells of the documents docs of c.
func newStory(c *summarize.Corpus, s *summarize.Summary, docs []int) Story {
	st := Story{Headline: s.Headline, Articles: len(docs)}
	if st.Headline == "" {
		st.Headline = fmt.Sprintf("Briefing of %d %s", len(docs), plural(len(docs), "article", "articles"))
	}
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		// Only publishers: an article known by its title or its lead is cited so in
		// its points, but a list of leads names no outlet.
		if name := c.Docs[d].Outlet; name != "" && !seen[name] {
			seen[name] = true
			st.Outlets = append(st.Outlets, name)
		}
	}
	for i := range s.Sentences {
		st.Items = append(st.Items, newItem(c, &s.Sentences[i]))
	}
	return st
}

// dateSpan returns the earliest and the latest publication dates of the documents docs
// of c; zero when none is known.
func dateSpan(c *summarize.Corpus, docs []int) (from, to time.Time) {
	for _, d := range docs {
		if t := c.Docs[d].Published; !t.IsZero() {
			if from.IsZero() || t.Before(from) {
				from = t
			}
			if t.After(to) {
				to = t
			}
		}
	}
	return from, to
}

// In returns a copy of the briefing whose dates (From, To, and those of the citations)
// are in loc, so that Dates and Footer show the days of a channel's time zone; nil means
// UTC. A time at midnight UTC is taken for a date without a time of day (what a
// manifest's YYYY-MM-DD gives) and kept as it is, since moving it to a zone west of UTC
// would name the day before. The briefing b is left as it is.
func (b *Briefing) In(loc *time.Location) *Briefing {
	if loc == nil {
		loc = time.UTC
	}
	out := *b
	out.From, out.To = inZone(b.From, loc), inZone(b.To, loc)
	out.Stories = make([]Story, len(b.Stories))
	for i, st := range b.Stories {
		st.Items = make([]Item, len(b.Stories[i].Items))
		for j, it := range b.Stories[i].Items {
			if it.Sources != nil {
				it.Sources = make(Citations, len(b.Stories[i].Items[j].Sources))
				for k, c := range b.Stories[i].Items[j].Sources {
					c.Published = inZone(c.Published, loc)
					it.Sources[k] = c
				}
			}
			st.Items[j] = it
		}
		out.Stories[i] = st
	}
	return &out
}

// inZone returns t in loc, unless t is zero or a date alone (midnight UTC).
func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() || (t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour))) {
		return t
	}
	return t.In(loc)
}

// Items returns the points of every story, in order.
func (b *Briefing) Items() []Item {
	var out []Item
	for _, st := range b.Stories {
		out = append(out, st.Items...)
	}
	return out
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

// maxFooterOutlets is the most outlets a footer names; beyond it, it counts the rest.
const maxFooterOutlets = 6

// Footer describes what the briefing summarizes: "5 articles from CNN, Reuters · 19 May
// 2025", naming at most maxFooterOutlets outlets ("… and 7 more outlets"), and none
// when no article names its outlet ("38 articles · 1–3 March 1998").
func (b *Briefing) Footer() string {
	s := fmt.Sprintf("%d %s", b.Articles, plural(b.Articles, "article", "articles"))
	switch n := len(b.Outlets); {
	case n > maxFooterOutlets:
		more := n - maxFooterOutlets + 1
		s += fmt.Sprintf(" from %s and %d more outlets", strings.Join(b.Outlets[:maxFooterOutlets-1], ", "), more)
	case n > 0:
		s += " from " + strings.Join(b.Outlets, ", ")
	}
	if d := b.Dates(); d != "" {
		s += " · " + d
	}
	return s
}

// WriteText writes the briefing as plain text: the headline; for each story, its
// headline when there are several, and one line per point followed by its outlets; then
// a footer.
func (b *Briefing) WriteText(w io.Writer) error {
	var sb strings.Builder
	sb.WriteString(b.Headline)
	sb.WriteString("\n")
	for _, st := range b.Stories {
		sb.WriteString("\n")
		if len(b.Stories) > 1 {
			sb.WriteString(st.Headline)
			sb.WriteString("\n")
		}
		for _, it := range st.Items {
			fmt.Fprintf(&sb, "• %s — %s", it.Text, it.Outlets())
			if note := it.Note(); note != "" {
				sb.WriteString("; " + note)
			}
			sb.WriteString("\n")
		}
	}
	fmt.Fprintf(&sb, "\n%s\n", b.Footer())
	_, err := io.WriteString(w, sb.String())
	return err
}

// WriteMarkdown writes the briefing as Markdown, with outlets linked where their URL is
// a web address and article text escaped so that it cannot add formatting or links.
func (b *Briefing) WriteMarkdown(w io.Writer) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "## %s\n\n", markdownEscape(b.Headline))
	for i, st := range b.Stories {
		if len(b.Stories) > 1 {
			fmt.Fprintf(&sb, "### %s\n\n", markdownEscape(st.Headline))
		}
		for _, it := range st.Items {
			var cites []string
			for _, s := range it.Sources {
				name := markdownEscape(s.Outlet)
				if u := LinkURL(s.URL); u != "" {
					name = fmt.Sprintf("[%s](<%s>)", name, urlReplacer.Replace(u))
				}
				cites = append(cites, name)
			}
			note := ""
			if n := it.Note(); n != "" {
				note = "; " + markdownEscape(n)
			}
			fmt.Fprintf(&sb, "- %s *(%s%s)*\n", markdownEscape(it.Text), strings.Join(cites, ", "), note)
		}
		if len(b.Stories) > 1 && i < len(b.Stories)-1 {
			sb.WriteString("\n")
		}
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
