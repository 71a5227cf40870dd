package bot

import (
	"context"
	"errors"
	"strings"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// UnknownSpeaker is the name shown for quotations whose speaker the articles do not say.
const UnknownSpeaker = "Speaker unknown"

// NewQuoter returns the Quoter built on the quotation extractor (package
// summarize/quotes): it extracts the quotations of a snapshot once, on first use, keeps
// the index in the snapshot, and answers every term from it. opt says where a term must
// occur.
func NewQuoter(opt quotes.Options) Quoter {
	return extractor{opt: opt}
}

// extractor is the Quoter of NewQuoter.
type extractor struct {
	opt quotes.Options
}

// indexKey is the key of the quotation index among what a snapshot derives.
type indexKey struct{}

// WhoSaid finds who is quoted in snap saying q.Term, or what the speakers q.From names
// are quoted saying (quotes.Index.SpeakersNamed: "Zelenskyy" and "the Ukrainian
// president" find Volodymyr Zelensky where the articles say so). A term or a name the
// extractor cannot look for (empty, only punctuation, too long) is a *UsageError. The
// extraction and the search stop when ctx ends.
func (e extractor) WhoSaid(ctx context.Context, snap *Snapshot, q Query) (*WhoSaid, error) {
	v, err := snap.Derived(ctx, indexKey{}, func(ctx context.Context) (any, error) {
		return quotes.ExtractContext(ctx, snap.Corpus)
	})
	if err != nil {
		return nil, err
	}
	opt := e.opt
	opt.From = q.From
	found, err := v.(*quotes.Index).WhoSaidContext(ctx, q.Term, opt)
	if errors.Is(err, quotes.ErrEmptyTerm) || errors.Is(err, quotes.ErrLongTerm) {
		return nil, &UsageError{Command: CommandWhoSaid, Problem: usageProblem(err)}
	}
	if err != nil {
		return nil, err
	}
	return NewWhoSaid(snap.Corpus, q, found), nil
}

// NewWhoSaid builds the answer to /who-said q from the speakers the quotation index of c
// found, keeping their order: one Citation per outlet of each quotation, and the
// sentence of the report that quotes it in full.
func NewWhoSaid(c *summarize.Corpus, q Query, found []quotes.SpeakerQuotes) *WhoSaid {
	w := &WhoSaid{Term: q.Term, From: q.From, Articles: len(c.Docs), Speakers: []Speaker{}}
	for _, sq := range found {
		s := Speaker{Name: sq.Speaker}
		if s.Name == "" {
			s.Name = UnknownSpeaker
		}
		for _, qn := range sq.Quotations {
			docs := make([]int, len(qn.Reports))
			for i, r := range qn.Reports {
				docs[i] = r.Doc
			}
			qt := Quotation{Text: qn.Text, Sentence: sentenceOf(qn), Sources: citations(c, docs)}
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

// usageProblem returns the clause of a term error of the quotation index that the user
// reads, such as "the term is 120 characters long; the limit is 100".
func usageProblem(err error) string {
	if errors.Is(err, quotes.ErrEmptyTerm) {
		return strings.TrimPrefix(quotes.ErrEmptyTerm.Error(), "quotes: ")
	}
	return strings.TrimPrefix(err.Error(), quotes.ErrLongTerm.Error()+": ")
}
