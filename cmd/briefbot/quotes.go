package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize/quotes"
)

func whoSaidCommand() *command {
	return &command{
		name:    "who-said",
		oneShot: true,
		args:    "[--from NAME] TERM [FILE|DIR...]",
		summary: "list the quotations that mention a term, grouped by speaker, or what one speaker said",
		help: `Who-said finds the quotations that mention TERM in the seeds or in the given articles
and lists them by speaker, the speakers with most quotations first. Each quotation shows
the quoted words, the outlets that carry it and the sentence it came from; the same
words in several articles are one quotation. Speakers are canonical: "he", "the Russian
leader" and "Putin" are all Vladimir Putin when the article says so, and spellings such
as Zelensky and Zelenskyy are one person.

Matching ignores case, punctuation and quotation-mark style and compares word stems:
"ceasefire" also finds "ceasefires", "cease-fire" and "cease fire", and a TERM may be
several words ("root causes"). With --in context, a quotation also matches when the
sentence around it mentions the term.

With --from NAME, it lists what that speaker said instead ("What Zelensky said"): NAME
is a canonical name or any name the articles give them (Zelensky, Zelenskyy, Zelenskiy,
Volodymyr Zelensky), or a description an article names them by ("the Ukrainian
president"). TERM is then optional and narrows the list ("What Putin said about
“ceasefire”"); an argument that names an existing file or directory is read as
articles, not as the term.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			format := formatFlag(fs)
			articles := articleFlags(fs)
			in := fs.String("in", "quote", "`where` the term must occur: quote (the quoted words) or context (also the sentence around them)")
			from := fs.String("from", "", "list what the speaker `NAME` said (a name, a spelling of it, or a description the articles give)")
			return func(ctx context.Context, e *env, args []string) error {
				if err := format.check(); err != nil {
					return err
				}
				var opt quotes.Options
				switch *in {
				case "quote":
				case "context":
					opt.In = quotes.InContext
				default:
					return usagef("bad --in %q: want quote or context", *in)
				}
				q, paths, err := whoSaidArgs(strings.TrimSpace(*from), args)
				if err != nil {
					return err
				}
				b, err := articles.bot(e, paths, func(bo *bot.Options) { bo.Quoter = bot.NewQuoter(opt) })
				if err != nil {
					return err
				}
				w, err := b.WhoSaid(ctx, q)
				var ue *bot.UsageError
				if errors.As(err, &ue) {
					return usagef("bad %s: %s", whatOf(q), ue.Problem)
				}
				if err != nil {
					return fmt.Errorf("looking for %q: %w", q.String(), err)
				}
				if err := format.write(e.stdout, w); err != nil {
					return err
				}
				if *format.name == "text" && len(w.Speakers) == 0 && opt.In == quotes.InQuote && q.Term != "" {
					_, err = fmt.Fprintln(e.stdout, "Try --in context to search the sentences around the quotations too.")
				}
				return err
			}
		},
	}
}

// whoSaidArgs reads the query and the article paths of who-said: the term is the first
// argument, except with --from, where it is optional and an argument that names an
// existing file or directory is an article path.
func whoSaidArgs(from string, args []string) (bot.Query, []string, error) {
	q := bot.Query{From: from}
	if from == "" {
		if len(args) == 0 {
			return q, nil, usagef("missing TERM: what should the quotations mention? (or --from NAME: whose quotations?)")
		}
		q.Term = args[0]
		return q, args[1:], nil
	}
	if len(args) > 0 {
		if _, err := os.Stat(args[0]); err != nil {
			q.Term = args[0]
			args = args[1:]
		}
	}
	return q, args, nil
}

// whatOf names the part of a query a usage error is about.
func whatOf(q bot.Query) string {
	if q.From != "" && q.Term == "" {
		return "--from NAME"
	}
	return "TERM"
}

func quotesCommand() *command {
	return &command{
		name:    "quotes",
		oneShot: true,
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
			in := articleFlags(fs)
			return func(ctx context.Context, e *env, args []string) error {
				b, err := in.bot(e, args, nil)
				if err != nil {
					return err
				}
				snap, err := b.Snapshot(ctx)
				if err != nil {
					return err
				}
				return writeQuotesJSON(e, quotes.Extract(snap.Corpus))
			}
		},
	}
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
	type entry struct {
		doc, start int
		line       quoteLine
	}
	var entries []entry
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
			entries = append(entries, entry{r.Doc, r.Spans[0].Start, l})
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.start, b.start))
	})
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	for _, en := range entries {
		if err := enc.Encode(en.line); err != nil {
			return fmt.Errorf("writing quotations: %w", err)
		}
	}
	_, err := fmt.Fprint(e.stdout, sb.String())
	return err
}
