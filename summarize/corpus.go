package summarize

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// A Sentence is one unit of a Document: its Span in the article's text, and why it is not
// summary material, if it is not.
type Sentence struct {
	Span
	// Skip is empty for a sentence a summary may use, or else says why it may not: one of
	// the Skip* reasons.
	Skip string
	// Trim is the length of what a summary leaves out at the start of the sentence: a
	// dateline ("(CNN) —") or a connective ("But", "However,").
	Trim int
	// cuts are what a summary leaves out inside the sentence, after Trim (compress.go).
	cuts []cut
}

// A Document is an Article cut into sentences.
type Document struct {
	Article
	Sentences []Sentence
	lead      int                    // the first sentence a summary may use, or -1
	glued     map[string]glued       // the words of the article that may be two glued words
	splits    map[string]string      // those the corpus splits (glue.go), with their split
	source    atomic.Pointer[string] // Source when the article has neither outlet nor title, once worked out
}

// Source returns the name under which the document is cited: its outlet, or else its
// title (as the article gives it, or the line of its text that reads as its headline),
// or else the first words of its first sentence fit for a summary ("Mona Lisa and Kip
// Harding are just your average…"): never a file name, unless the document has no
// sentence at all.
func (d *Document) Source() string {
	if d.Outlet != "" || d.Title != "" || d.lead < 0 {
		return d.Article.Source()
	}
	if p := d.source.Load(); p != nil {
		return *p
	}
	src := shortSource(d.Text(d.lead))
	d.source.Store(&src)
	return src
}

// Text returns the text of the document's i-th sentence as it should read in a summary:
// without a leading dateline, with white space collapsed and typographic quotation marks.
func (d *Document) Text(i int) string {
	s := d.Sentences[i]
	text := unglue(cleanText(applyCuts(d.Article.Text[s.Start+s.Trim:s.End], s.cuts)), d.splits)
	if s.Trim > 0 {
		text = capitalize(text)
	}
	return text
}

// A Corpus is a set of articles analysed once for summaries and quotations: segmented into
// sentences, cleared of boilerplate and tokenized into stemmed terms. It is safe for
// concurrent use once built.
type Corpus struct {
	// Docs holds one Document per article, in the order of the articles.
	Docs []*Document

	vocab  vocabulary
	units  []unit    // every sentence of every document, document by document
	terms  []int32   // the terms of all units; units[i] has terms[units[i].lo:units[i].hi]
	first  []int32   // first[d] is the index in units of document d's first sentence
	titles [][]int32 // titles[d] holds the terms of document d's title
}

// A unit is the analysis of one sentence.
type unit struct {
	doc, sent int32 // document index, sentence index in the document
	pos       int32 // position among the document's usable sentences; -1 for skipped ones
	words     int32 // words of the sentence as it reads in a summary
	commas    int32 // commas in the sentence: many of them make a list
	lo, hi    int32 // its terms in Corpus.terms
	need      need  // what the sentence lacks to stand on its own in a briefing
	mention   int32 // for needPerson, the offset in Article.Text of the pronoun
}

// usable reports whether the unit may be used in a summary.
func (u *unit) usable() bool { return u.pos >= 0 }

// NewCorpus analyses articles; see NewCorpusContext.
func NewCorpus(articles []Article) *Corpus {
	c, _ := NewCorpusContext(context.Background(), articles) // fails only when ctx is done
	return c
}

// NewCorpusContext analyses articles. The work is spread over the available processors;
// the result depends only on the articles. It checks ctx before each article and returns
// an error wrapping ctx.Err() once ctx is done, keeping nothing of the analysis.
//
// It does not check the size of its input: callers that take articles from elsewhere
// than ReadFS check them with Limits.Check first.
func NewCorpusContext(ctx context.Context, articles []Article) (*Corpus, error) {
	c := &Corpus{Docs: make([]*Document, len(articles))}
	type parsed struct {
		units  []unit
		terms  []int32
		title  []int32
		worker int
	}
	results := make([]parsed, len(articles))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(articles)/4))
	lexicons := make([]*lexicon, workers)
	// Worker w reads articles w, w+workers, w+2·workers…: a fixed share, so that the terms
	// each lexicon meets, and so the numbering of the vocabulary, never depend on timing.
	var wg sync.WaitGroup
	for w := range workers {
		lexicons[w] = newLexicon()
		wg.Go(func() {
			lx := lexicons[w]
			for i := w; i < len(articles); i += workers {
				if ctx.Err() != nil {
					return
				}
				doc, units, terms := analyse(&articles[i], lx)
				c.Docs[i] = doc
				title := lx.tokenize(nil, doc.Title, false)
				results[i] = parsed{units, terms, title, w}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("summarize: analysing %d articles: %w", len(articles), err)
	}

	remaps := make([][]int32, workers)
	for w, lx := range lexicons {
		remaps[w] = c.vocab.merge(lx)
	}
	nUnits, nTerms := 0, 0
	for _, r := range results {
		nUnits += len(r.units)
		nTerms += len(r.terms)
	}
	c.units = make([]unit, 0, nUnits)
	c.terms = make([]int32, 0, nTerms)
	c.first = make([]int32, len(articles)+1)
	c.titles = make([][]int32, len(articles))
	for d, r := range results {
		c.first[d] = int32(len(c.units))
		remap := remaps[r.worker]
		for k, t := range r.title {
			r.title[k] = remap[t]
		}
		c.titles[d] = r.title
		base := int32(len(c.terms))
		for _, t := range r.terms {
			c.terms = append(c.terms, remap[t])
		}
		for _, u := range r.units {
			u.doc = int32(d)
			u.lo += base
			u.hi += base
			c.units = append(c.units, u)
		}
	}
	c.first[len(articles)] = int32(len(c.units))
	c.splitGlued()
	return c, nil
}

// splitGlued decides which glued words the corpus splits: those it uses at most twice
// in all, since a word it uses more often is one of its words, however new; their
// halves may be words that the corpus uses though the word list lacks them
// ("ceasefireand").
func (c *Corpus) splitGlued() {
	count := make(map[string]int)
	for _, d := range c.Docs {
		for w, g := range d.glued {
			count[w] += g.count
		}
	}
	list := knownWords()
	corpus := func(w string) bool {
		stem, _ := stemOf(w)
		id, ok := c.vocab.ids[stem]
		return ok && c.vocab.caps[id].seen >= 2
	}
	for _, d := range c.Docs {
		for w, g := range d.glued {
			if count[w] <= 2 && g.split == "" {
				g.split = gluedSplit(list, w, corpus)
			}
			if count[w] <= 2 && g.split != "" {
				if d.splits == nil {
					d.splits = make(map[string]string)
				}
				d.splits[w] = g.split
			}
		}
		d.glued = nil
	}
}

// analyse segments one article, marks its boilerplate and tokenizes its sentences with lx.
func analyse(a *Article, lx *lexicon) (*Document, []unit, []int32) {
	spans := Segment(a.Text)
	doc := &Document{Article: *a, Sentences: make([]Sentence, len(spans)), lead: -1}
	if doc.Title == "" {
		doc.Title = articleTitle(a.Text) // as ReadFS would have it
	}
	titlePara := -1
	for i := 0; i < len(spans) && spans[i].Para < titleLines && doc.Title != ""; {
		j := i // the spans of paragraph spans[i].Para are spans[i:j]
		for j < len(spans) && spans[j].Para == spans[i].Para {
			j++
		}
		if sameText(a.Text[spans[i].Start:spans[j-1].End], doc.Title) {
			titlePara = spans[i].Para
			break
		}
		i = j
	}
	units := make([]unit, len(spans))
	terms := make([]int32, 0, len(a.Text)/6)
	pos := int32(0)
	prevPara := -1
	for i, sp := range spans {
		text := a.Text[sp.Start:sp.End]
		trim := 0
		if sp.Para != prevPara {
			// A dateline that opens a paragraph is not part of its first sentence.
			if n := datelineEnd(text); n < len(text) {
				trim = n
			}
			prevPara = sp.Para
		}
		trim += connectiveEnd(text[trim:])
		trim += timeOpenerEnd(text[trim:])
		text = text[trim:]
		skip := SkipTitle
		if sp.Para != titlePara {
			skip = skipReason(text, sp.Kind)
		}
		var cuts []cut
		if skip == "" {
			cuts = compressCuts(text)
			text = applyCuts(text, cuts)
		}
		doc.Sentences[i] = Sentence{Span: sp, Skip: skip, Trim: trim, cuts: cuts}
		u := unit{sent: int32(i), pos: -1, lo: int32(len(terms))}
		terms = lx.tokenize(terms, text, skip == "")
		u.hi = int32(len(terms))
		u.words = int32(summaryWords(text))
		u.commas = int32(strings.Count(text, ","))
		if skip == "" {
			if pos == 0 {
				doc.lead = i
			}
			u.pos = pos
			pos++
			var at int
			u.need, at, _ = danglingNeed(text)
			u.mention = int32(sp.Start + trim + at)
		}
		units[i] = u
	}
	doc.glued = lx.takeGlued()
	return doc, units, terms
}

// tokens returns the terms of unit i.
func (c *Corpus) tokens(i int) []int32 {
	u := &c.units[i]
	return c.terms[u.lo:u.hi]
}
