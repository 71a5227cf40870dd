package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

func whoSaidCommand() *command {
	return &command{
		name:    "who-said",
		args:    "TERM [FILE|DIR...]",
		summary: "list the quotations that mention a term, grouped by speaker",
		help: `Who-said finds the quotations that mention TERM in the seeds or in the given articles
and lists them by speaker, the speakers with most quotations first. Each quotation shows
the quoted words, the outlets that carry it and the sentence it came from; the same
words in several articles are one quotation. Speakers are canonical: "he", "the Russian
leader" and "Putin" are all Vladimir Putin when the article says so, and spellings such
as Zelensky and Zelenskyy are one person.

Matching ignores case, punctuation and quotation-mark style and compares word stems:
"ceasefire" also finds "ceasefires", "cease-fire" and "cease fire", and a TERM may be
several words ("root causes"). With --in context, a quotation also matches when the
sentence around it mentions the term.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			format := fs.String("format", "text", "output `format`: text, markdown or json")
			in := fs.String("in", "quote", "`where` the term must occur: quote (the quoted words) or context (also the sentence around them)")
			return func(ctx context.Context, e *env, args []string) error {
				if !slices.Contains([]string{"text", "markdown", "json"}, *format) {
					return usagef("bad --format %q: want text, markdown or json", *format)
				}
				var opt quotes.Options
				switch *in {
				case "quote":
				case "context":
					opt.In = quotes.InContext
				default:
					return usagef("bad --in %q: want quote or context", *in)
				}
				if len(args) == 0 {
					return usagef("missing TERM: what should the quotations mention?")
				}
				term := args[0]
				x, err := quoteIndex(ctx, e, args[1:])
				if err != nil {
					return err
				}
				found, err := x.WhoSaid(term, opt)
				if err != nil {
					if errors.Is(err, quotes.ErrEmptyTerm) || errors.Is(err, quotes.ErrLongTerm) {
						return usagef("bad TERM: %v", strings.TrimPrefix(err.Error(), "quotes: "))
					}
					return fmt.Errorf("looking for %q: %w", term, err)
				}
				r := whoSaidResult{term: term, in: *in, x: x, found: found}
				switch *format {
				case "markdown":
					return r.writeMarkdown(e)
				case "json":
					return r.writeJSON(e)
				}
				return r.writeText(e)
			}
		},
	}
}

func quotesCommand() *command {
	return &command{
		name:    "quotes",
		args:    "[FILE|DIR...]",
		summary: "print every quotation with its speaker, one JSON object a line (for evaluation tools)",
		help: `Quotes prints every quotation found in the seeds or in the given articles, one JSON
object a line: the article's file name (doc), the byte offsets of the quoted words in the
file as read (spans), the words (text), the canonical speaker (speaker, "" when unknown),
the words that name the speaker in the article (mention, e.g. "he") and the cue ("said").
This is the form that ../shared/tools/quote-eval scores. Offsets are into the text as
briefbot reads it, which is the file itself when it is UTF-8 without a byte order mark.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			fs.Bool("json", true, "print JSON Lines (the only format)")
			return func(ctx context.Context, e *env, args []string) error {
				x, err := quoteIndex(ctx, e, args)
				if err != nil {
					return err
				}
				return writeQuotesJSON(e, x)
			}
		},
	}
}

// quoteIndex reads the articles named by args (the seeds when there are none) and
// extracts their quotations.
func quoteIndex(ctx context.Context, e *env, args []string) (*quotes.Index, error) {
	debug.SetGCPercent(400) // a one-shot command: fewer collections, more memory
	src, err := articleSource(args, e)
	if err != nil {
		return nil, err
	}
	articles, err := src.Articles(ctx)
	if err != nil {
		return nil, err
	}
	return quotes.Extract(summarize.NewCorpus(articles)), nil
}

// quoteLine is one line of `briefbot quotes`: the prediction contract of quote-eval.
type quoteLine struct {
	Doc     string       `json:"doc"`
	Spans   [][2]int     `json:"spans"`
	Text    string       `json:"text"`
	Speaker string       `json:"speaker"`
	Mention *mentionJSON `json:"mention,omitempty"`
	Cue     string       `json:"cue,omitempty"`
}

type mentionJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// writeQuotesJSON prints one line per report of every quotation, in article order.
func writeQuotesJSON(e *env, x *quotes.Index) error {
	c := x.Corpus()
	var lines []struct {
		doc, start int
		line       quoteLine
	}
	for _, q := range x.Quotations() {
		for _, r := range q.Reports {
			d := c.Docs[r.Doc]
			l := quoteLine{Doc: d.ID, Text: r.Text, Speaker: q.Speaker, Cue: r.Cue}
			for _, s := range r.Spans {
				l.Spans = append(l.Spans, [2]int{s.Start, s.End})
			}
			if r.Mention.End > r.Mention.Start {
				l.Mention = &mentionJSON{r.Mention.Start, r.Mention.End, d.Article.Text[r.Mention.Start:r.Mention.End]}
			}
			lines = append(lines, struct {
				doc, start int
				line       quoteLine
			}{r.Doc, r.Spans[0].Start, l})
		}
	}
	slices.SortStableFunc(lines, func(a, b struct {
		doc, start int
		line       quoteLine
	}) int {
		if a.doc != b.doc {
			return a.doc - b.doc
		}
		return a.start - b.start
	})
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	for _, l := range lines {
		if err := enc.Encode(l.line); err != nil {
			return fmt.Errorf("writing quotations: %w", err)
		}
	}
	_, err := fmt.Fprint(e.stdout, sb.String())
	return err
}

// whoSaidResult is the answer of who-said, ready to print.
type whoSaidResult struct {
	term, in string
	x        *quotes.Index
	found    []quotes.SpeakerQuotes
}

func (r *whoSaidResult) counts() (quotations int) {
	for _, s := range r.found {
		quotations += len(s.Quotations)
	}
	return quotations
}

// speakerName is how a speaker group is titled.
func speakerName(s string) string {
	if s == "" {
		return "Speaker unknown"
	}
	return s
}

// sentenceOf returns the sentence of the report that quotes the quotation in full.
func sentenceOf(q *quotes.Quotation) string {
	for _, r := range q.Reports {
		if r.Text == q.Text {
			return r.Sentence
		}
	}
	if len(q.Reports) == 0 {
		return ""
	}
	return q.Reports[0].Sentence
}

func (r *whoSaidResult) articles() int { return len(r.x.Corpus().Docs) }

func (r *whoSaidResult) writeText(e *env) error {
	var sb strings.Builder
	n := r.counts()
	if n == 0 {
		fmt.Fprintf(&sb, "No quotation mentions “%s” in %d %s.\n", r.term, r.articles(), plural(r.articles(), "article", "articles"))
		if r.in == "quote" {
			sb.WriteString("Try --in context to search the sentences around the quotations too.\n")
		}
		_, err := fmt.Fprint(e.stdout, sb.String())
		return err
	}
	fmt.Fprintf(&sb, "Who said “%s”: %d %s from %d %s in %d %s\n", r.term, n, plural(n, "quotation", "quotations"),
		len(r.found), plural(len(r.found), "speaker", "speakers"), r.articles(), plural(r.articles(), "article", "articles"))
	c := r.x.Corpus()
	for _, s := range r.found {
		fmt.Fprintf(&sb, "\n%s (%d)\n", speakerName(s.Speaker), len(s.Quotations))
		for _, q := range s.Quotations {
			fmt.Fprintf(&sb, "• “%s”\n", q.Text)
			fmt.Fprintf(&sb, "  reported by %s\n", strings.Join(q.Outlets(c), ", "))
			fmt.Fprintf(&sb, "  from: %s\n", sentenceOf(q))
		}
	}
	_, err := fmt.Fprint(e.stdout, sb.String())
	return err
}

func (r *whoSaidResult) writeMarkdown(e *env) error {
	var sb strings.Builder
	n := r.counts()
	fmt.Fprintf(&sb, "## Who said “%s”\n\n", mdEscape(r.term))
	if n == 0 {
		fmt.Fprintf(&sb, "No quotation mentions “%s” in %d %s.\n", mdEscape(r.term), r.articles(), plural(r.articles(), "article", "articles"))
		_, err := fmt.Fprint(e.stdout, sb.String())
		return err
	}
	c := r.x.Corpus()
	for _, s := range r.found {
		fmt.Fprintf(&sb, "**%s** (%d)\n\n", mdEscape(speakerName(s.Speaker)), len(s.Quotations))
		for _, q := range s.Quotations {
			fmt.Fprintf(&sb, "- “%s” *(%s)*\n  > %s\n", mdEscape(q.Text), mdEscape(strings.Join(q.Outlets(c), ", ")), mdEscape(sentenceOf(q)))
		}
		sb.WriteString("\n")
	}
	fmt.Fprintf(&sb, "_%d %s from %d %s in %d %s_\n", n, plural(n, "quotation", "quotations"), len(r.found),
		plural(len(r.found), "speaker", "speakers"), r.articles(), plural(r.articles(), "article", "articles"))
	_, err := fmt.Fprint(e.stdout, sb.String())
	return err
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`,
)

// mdEscape makes s inert in Markdown.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

// JSON form of who-said.
type (
	whoSaidJSON struct {
		Term     string        `json:"term"`
		In       string        `json:"in"`
		Articles int           `json:"articles"`
		Speakers []speakerJSON `json:"speakers"`
	}
	speakerJSON struct {
		Speaker    string          `json:"speaker"`
		Quotations []quotationJSON `json:"quotations"`
	}
	quotationJSON struct {
		Text    string       `json:"text"`
		Outlets []string     `json:"outlets"`
		Reports []reportJSON `json:"reports"`
	}
	reportJSON struct {
		Outlet   string       `json:"outlet"`
		Doc      string       `json:"doc"`
		URL      string       `json:"url,omitempty"`
		Text     string       `json:"text"`
		Sentence string       `json:"sentence"`
		Cue      string       `json:"cue,omitempty"`
		Mention  *mentionJSON `json:"mention,omitempty"`
		Spans    [][2]int     `json:"spans"`
	}
)

func (r *whoSaidResult) writeJSON(e *env) error {
	c := r.x.Corpus()
	out := whoSaidJSON{Term: r.term, In: r.in, Articles: r.articles(), Speakers: []speakerJSON{}}
	for _, s := range r.found {
		sj := speakerJSON{Speaker: s.Speaker}
		for _, q := range s.Quotations {
			qj := quotationJSON{Text: q.Text, Outlets: q.Outlets(c)}
			for _, rep := range q.Reports {
				d := c.Docs[rep.Doc]
				rj := reportJSON{Outlet: d.Source(), Doc: d.ID, URL: d.URL, Text: rep.Text, Sentence: rep.Sentence, Cue: rep.Cue}
				if rep.Mention.End > rep.Mention.Start {
					rj.Mention = &mentionJSON{rep.Mention.Start, rep.Mention.End, d.Article.Text[rep.Mention.Start:rep.Mention.End]}
				}
				for _, sp := range rep.Spans {
					rj.Spans = append(rj.Spans, [2]int{sp.Start, sp.End})
				}
				qj.Reports = append(qj.Reports, rj)
			}
			sj.Quotations = append(sj.Quotations, qj)
		}
		out.Speakers = append(out.Speakers, sj)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
