package summarize

// Accessors for analyses outside the summarizer (summarize/stories): the terms of the
// corpus, read-only, and sub-corpora.

// Terms returns the number of distinct terms (stems) of the corpus: term numbers run
// from 0 to Terms()-1.
func (c *Corpus) Terms() int { return c.vocab.size() }

// Stem returns the stem of term t.
func (c *Corpus) Stem(t int32) string { return c.vocab.stems[t] }

// IsStop reports whether term t is a stop word.
func (c *Corpus) IsStop(t int32) bool { return c.vocab.stop[t] }

// CapShare returns the share of the mid-sentence occurrences of term t that were
// capitalised, over the whole corpus: near 1 for names ("Zelensky", "Geneva"), near 0
// for common words.
func (c *Corpus) CapShare(t int32) float64 { return c.vocab.capShare(t) }

// TitleTerms returns the terms of document d's title, in order. The caller must not
// change them.
func (c *Corpus) TitleTerms(d int) []int32 { return c.titles[d] }

// SentenceTerms returns the terms of sentence i of document d, in order: the terms of
// Docs[d].Sentences[i] as the summarizer reads it (without its dateline or opening
// connective). The caller must not change them.
func (c *Corpus) SentenceTerms(d, i int) []int32 { return c.tokens(int(c.first[d]) + i) }

// Sub returns the corpus of the documents docs of c, in that order: document k of the
// result is c.Docs[docs[k]]. It reuses the analysis of c (sentences, terms, titles, the
// vocabulary with its counts of capitals, the split of glued words) without reading any
// text again, so that a part of a corpus (one story of many) can be summarized on its
// own. Documents are shared with c, not copied; both stay safe for concurrent use. The
// indices must be valid for c.Docs (Sub panics otherwise, as an index out of range does);
// Referents.Sub maps the referents of c onto the result.
//
// The vocabulary is c's: the share of capitals of a word (what makes it a name) is
// counted over all of c, which is more evidence than the part alone holds.
func (c *Corpus) Sub(docs []int) *Corpus {
	sub := &Corpus{
		Docs:   make([]*Document, len(docs)),
		vocab:  c.vocab,
		first:  make([]int32, len(docs)+1),
		titles: make([][]int32, len(docs)),
	}
	nUnits, nTerms := 0, 0
	for _, d := range docs {
		lo, hi := c.first[d], c.first[d+1]
		nUnits += int(hi - lo)
		if hi > lo {
			nTerms += int(c.units[hi-1].hi - c.units[lo].lo)
		}
	}
	sub.units = make([]unit, 0, nUnits)
	sub.terms = make([]int32, 0, nTerms)
	for k, d := range docs {
		sub.Docs[k] = c.Docs[d]
		sub.titles[k] = c.titles[d]
		sub.first[k] = int32(len(sub.units))
		for i := c.first[d]; i < c.first[d+1]; i++ {
			u := c.units[i]
			lo := int32(len(sub.terms))
			sub.terms = append(sub.terms, c.terms[u.lo:u.hi]...)
			u.doc, u.lo, u.hi = int32(k), lo, int32(len(sub.terms))
			sub.units = append(sub.units, u)
		}
	}
	sub.first[len(docs)] = int32(len(sub.units))
	return sub
}

// Sub returns the referents of refs that belong to the documents docs, keyed by their
// place in docs: the referents of the corpus that Corpus.Sub(docs) returns. A document
// that docs holds twice gets its referents at both places.
func (refs Referents) Sub(docs []int) Referents {
	if len(refs) == 0 {
		return nil
	}
	at := make(map[int][]int, len(docs))
	for k, d := range docs {
		at[d] = append(at[d], k)
	}
	out := make(Referents)
	for ref, r := range refs {
		for _, k := range at[ref.Doc] {
			out[Ref{Doc: k, Sentence: ref.Sentence}] = r
		}
	}
	return out
}
