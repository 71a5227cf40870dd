package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// A Quoter answers /who-said: it finds the quotations in a snapshot's articles that
// mention a term and the speakers they are attributed to. NewQuoter provides one built on
// the quotation extractor; a bot without one answers that /who-said is not available yet.
type Quoter interface {
	// WhoSaid returns who is quoted in snap saying q.Term, or what the speakers q.From
	// names are quoted saying (about q.Term, when set), speakers in the order the answer
	// should show them. An answer with no speaker means nobody is quoted saying it; an
	// error means the search failed. An implementation keeps what it builds of a
	// snapshot (an index) in the snapshot itself, with Snapshot.Derived. It may be called
	// concurrently, and stops when ctx ends.
	WhoSaid(ctx context.Context, snap *Snapshot, q Query) (*WhoSaid, error)
}

// QuoterFunc adapts a function to a Quoter.
type QuoterFunc func(ctx context.Context, snap *Snapshot, q Query) (*WhoSaid, error)

// WhoSaid calls f(ctx, snap, q).
func (f QuoterFunc) WhoSaid(ctx context.Context, snap *Snapshot, q Query) (*WhoSaid, error) {
	return f(ctx, snap, q)
}

// A Query is what /who-said asks for: the quotations that mention Term, those of the
// speaker From names, or those of that speaker that mention Term. One of them is set.
type Query struct {
	Term string
	From string
}

// String returns the query as a user types it after /who-said: "ceasefire",
// "from:Putin ceasefire", "from:“Keir Starmer”".
func (q Query) String() string {
	if q.From == "" {
		return q.Term
	}
	from := FromPrefix + q.From
	if strings.ContainsFunc(q.From, unicode.IsSpace) {
		from = FromPrefix + "“" + q.From + "”"
	}
	if q.Term == "" {
		return from
	}
	return from + " " + q.Term
}

// WhoSaid is the platform-neutral answer to /who-said: the speakers quoted saying the
// term (or the speaker that From names), each with their quotations and the outlets that
// carry them.
type WhoSaid struct {
	// Term is the term looked for; empty when the answer lists all that a speaker said.
	Term string `json:"term"`
	// From is the speaker asked for, as the user named them; empty for any speaker.
	From string `json:"from,omitempty"`
	// Articles counts the articles searched.
	Articles int       `json:"articles"`
	Speakers []Speaker `json:"speakers"`
}

// A Speaker is a person (or body) quoted, with what they are quoted saying.
type Speaker struct {
	// Name is the name to show, such as "Vladimir Putin".
	Name   string      `json:"name"`
	Quotes []Quotation `json:"quotes"`
}

// A Quotation is one thing a speaker is quoted saying.
type Quotation struct {
	// Text is the quoted words, without quotation marks.
	Text string `json:"text"`
	// Sentence is the sentence that holds the quotation, as it reads in the article.
	Sentence string `json:"sentence,omitempty"`
	// Sources lists one source per outlet that carries the quotation.
	Sources Citations `json:"sources"`
}

// Outlets returns the names of the quotation's outlets, joined with commas.
func (q *Quotation) Outlets() string { return q.Sources.Outlets() }

// Query returns what the answer answers.
func (w *WhoSaid) Query() Query { return Query{Term: w.Term, From: w.From} }

// Title is the heading of the answer: Who said “TERM”, What NAME said, or What NAME
// said about “TERM”.
func (w *WhoSaid) Title() string {
	switch {
	case w.From == "":
		return "Who said “" + w.Term + "”"
	case w.Term == "":
		return "What " + w.From + " said"
	}
	return "What " + w.From + " said about “" + w.Term + "”"
}

// Empty returns the sentence that answers a search with no speaker.
func (w *WhoSaid) Empty() string {
	articles := fmt.Sprintf("%d %s", w.Articles, plural(w.Articles, "article", "articles"))
	switch {
	case w.From == "":
		return fmt.Sprintf("No one in the %s is quoted saying “%s”.", articles, w.Term)
	case w.Term == "":
		return fmt.Sprintf("No one called “%s” is quoted in the %s.", w.From, articles)
	}
	return fmt.Sprintf("No one called “%s” is quoted saying “%s” in the %s.", w.From, w.Term, articles)
}

// Quotations counts the quotations of all speakers.
func (w *WhoSaid) Quotations() int {
	n := 0
	for _, s := range w.Speakers {
		n += len(s.Quotes)
	}
	return n
}

// Footer describes the answer: "8 quotations from 5 speakers, searched in 5 articles".
func (w *WhoSaid) Footer() string {
	quotes := w.Quotations()
	return fmt.Sprintf("%d %s from %d %s, searched in %d %s",
		quotes, plural(quotes, "quotation", "quotations"),
		len(w.Speakers), plural(len(w.Speakers), "speaker", "speakers"),
		w.Articles, plural(w.Articles, "article", "articles"))
}

// WriteText writes the answer as plain text: a title, then each speaker with the number
// of their quotations, and for each quotation the quoted words, the outlets that report
// it and the sentence it came from; then a footer.
func (w *WhoSaid) WriteText(out io.Writer) error {
	var sb strings.Builder
	sb.WriteString(w.Title())
	sb.WriteString("\n")
	if len(w.Speakers) == 0 {
		sb.WriteString("\n")
		sb.WriteString(w.Empty())
		sb.WriteByte('\n')
	}
	for _, s := range w.Speakers {
		fmt.Fprintf(&sb, "\n%s (%d)\n", s.Name, len(s.Quotes))
		for _, q := range s.Quotes {
			fmt.Fprintf(&sb, "• “%s”\n  reported by %s\n", q.Text, q.Outlets())
			if q.Sentence != "" {
				fmt.Fprintf(&sb, "  from: %s\n", q.Sentence)
			}
		}
	}
	if len(w.Speakers) > 0 {
		fmt.Fprintf(&sb, "\n%s\n", w.Footer())
	}
	_, err := io.WriteString(out, sb.String())
	return err
}

// WriteMarkdown writes the answer as Markdown, with article text escaped so that it
// cannot add formatting or links.
func (w *WhoSaid) WriteMarkdown(out io.Writer) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "## %s\n\n", markdownEscape(w.Title()))
	if len(w.Speakers) == 0 {
		fmt.Fprintf(&sb, "%s\n", markdownEscape(w.Empty()))
	}
	for _, s := range w.Speakers {
		fmt.Fprintf(&sb, "**%s** (%d)\n\n", markdownEscape(s.Name), len(s.Quotes))
		for _, q := range s.Quotes {
			fmt.Fprintf(&sb, "- “%s” *(%s)*\n", markdownEscape(q.Text), markdownEscape(q.Outlets()))
			if q.Sentence != "" {
				fmt.Fprintf(&sb, "  > %s\n", markdownEscape(q.Sentence))
			}
		}
		sb.WriteString("\n")
	}
	if len(w.Speakers) > 0 {
		fmt.Fprintf(&sb, "_%s_\n", markdownEscape(w.Footer()))
	}
	_, err := io.WriteString(out, sb.String())
	return err
}

// WriteJSON writes the answer as one indented JSON object.
func (w *WhoSaid) WriteJSON(out io.Writer) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(w)
}
