package bot

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// UnknownSpeaker is the name shown for quotations whose speaker the articles do not say.
const UnknownSpeaker = "Speaker unknown"

// NewQuoter returns the Quoter built on the quotation extractor (package
// summarize/quotes): it extracts the quotations of a corpus once, then answers every term
// from that index until it is given another corpus. opt says where a term must occur.
func NewQuoter(opt quotes.Options) Quoter {
	return &extractor{opt: opt}
}

// extractor is the Quoter of NewQuoter. It keeps the index of the last corpus it saw:
// the bot passes the same corpus until its articles change.
type extractor struct {
	opt   quotes.Options
	mu    sync.Mutex
	index *quotes.Index
}

// WhoSaid finds who is quoted in c saying term. A term the extractor cannot look for
// (empty, only punctuation, too long) is a *UsageError.
func (e *extractor) WhoSaid(ctx context.Context, c *summarize.Corpus, term string) (*WhoSaid, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	x := e.indexOf(c)
	found, err := x.WhoSaid(term, e.opt)
	if errors.Is(err, quotes.ErrEmptyTerm) || errors.Is(err, quotes.ErrLongTerm) {
		return nil, &UsageError{Command: CommandWhoSaid, Problem: strings.TrimPrefix(err.Error(), "quotes: ")}
	}
	if err != nil {
		return nil, err
	}
	return NewWhoSaid(c, term, found), nil
}

func (e *extractor) indexOf(c *summarize.Corpus) *quotes.Index {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.index == nil || e.index.Corpus() != c {
		e.index = quotes.Extract(c)
	}
	return e.index
}

// NewWhoSaid builds the answer to /who-said term from the speakers the quotation index of
// c found, keeping their order: one Citation per outlet of each quotation, and the
// sentence of the report that quotes it in full.
func NewWhoSaid(c *summarize.Corpus, term string, found []quotes.SpeakerQuotes) *WhoSaid {
	w := &WhoSaid{Term: term, Articles: len(c.Docs), Speakers: []Speaker{}}
	for _, sq := range found {
		s := Speaker{Name: sq.Speaker}
		if s.Name == "" {
			s.Name = UnknownSpeaker
		}
		for _, q := range sq.Quotations {
			docs := make([]int, len(q.Reports))
			for i, r := range q.Reports {
				docs[i] = r.Doc
			}
			qt := Quotation{Text: q.Text, Sentence: sentenceOf(q), Sources: citations(c, docs)}
			s.Quotes = append(s.Quotes, qt)
		}
		w.Speakers = append(w.Speakers, s)
	}
	return w
}

// sentenceOf returns the sentence of the report that quotes q in full, or of the first.
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
