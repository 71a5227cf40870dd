package quotes

import (
	"github.com/briefbot/briefbot/summarize"
)

// A paragraph of a document: the sentences first..last (inclusive) that the extractor
// reads, and their byte range.
type paragraph struct {
	start, end  int
	first, last int // sentence indexes
	tok         int // index of its first token in docState.toks
}

// docState is the analysis of one document: its paragraphs, tokens, quotation regions
// and the people it names. It lives only while Extract runs.
type docState struct {
	doc     *summarize.Document
	text    string
	paras   []paragraph
	toks    []token
	sentTok [][2]int // sentence index → its token range; {0, 0} for a sentence not read
	regions []region
	regTok  [][2]int // region → token range of its marks and words (inclusive, exclusive)
	ents    *entityTable

	counts    prefixCounts        // words and commas before each token
	firstWord []int32             // sentence index → its first word token, in quotations or not
	memo      [numSeekers][]int32 // the seekers' answers (seek.go)
	stop      *stopper            // cancellation, checked in the long loops

	// The texts of sentences and of pairs of sentences that reports give (sentences.go).
	texts     map[int]string
	pairs     map[[2]int]string
	pairBytes int
	spoke     map[int]int // entity → the first token at which it was attributed a quotation
}

// readable reports whether the extractor reads a sentence: not the title, and not
// boilerplate that never holds a quotation (bylines, credits, captions, promotions,
// update notes, copyright lines).
func readable(s *summarize.Sentence) bool {
	switch s.Skip {
	case summarize.SkipTitle, summarize.SkipByline, summarize.SkipCredit, summarize.SkipCopyright,
		summarize.SkipCaption, summarize.SkipPromo, summarize.SkipUpdate:
		return false
	}
	return true
}

// newDocState reads the document's sentences into paragraphs, pairs the quotation marks
// of each paragraph and, when there are quotations, tokenizes the paragraphs. A document
// without quotations gets no tokens: nothing reads them. When st stops, the document has
// no regions.
func newDocState(d *summarize.Document, st *stopper) *docState {
	ds := &docState{doc: d, text: d.Article.Text, stop: st}
	text := ds.text
	prevPara := -1
	for i := range d.Sentences {
		s := &d.Sentences[i]
		if !readable(s) || s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			prevPara = -1
			continue
		}
		if s.Para != prevPara || len(ds.paras) == 0 {
			ds.paras = append(ds.paras, paragraph{start: s.Start, end: s.End, first: i, last: i})
			prevPara = s.Para
		}
		p := &ds.paras[len(ds.paras)-1]
		p.end, p.last = s.End, i
	}
	// Pairing needs only the paragraphs' text.
	for pi, p := range ds.paras {
		if st.stop() {
			ds.regions = nil
			return ds
		}
		ds.regions = pairMarks(text, p.start, p.end, pi, ds.regions)
	}
	if len(ds.regions) == 0 {
		return ds
	}
	// The sentences of a paragraph, first..last, are all read: one that is not ends the
	// paragraph.
	ds.toks = make([]token, 0, len(text)/5)
	ds.sentTok = make([][2]int, len(d.Sentences))
	for pi := range ds.paras {
		p := &ds.paras[pi]
		p.tok = len(ds.toks)
		for i := p.first; i <= p.last; i++ {
			if st.stop() {
				ds.regions = nil
				return ds
			}
			s := &d.Sentences[i]
			lo := len(ds.toks)
			ds.toks = tokenize(text, s.Start, s.End, i, ds.toks)
			ds.sentTok[i] = [2]int{lo, len(ds.toks)}
		}
	}
	// Mark the tokens inside each region.
	ds.regTok = make([][2]int, len(ds.regions))
	k := 0
	for ri, r := range ds.regions {
		for k < len(ds.toks) && ds.toks[k].start < r.open {
			k++
		}
		lo := k
		for k < len(ds.toks) && ds.toks[k].start < r.close {
			ds.toks[k].region = ri
			k++
		}
		ds.regTok[ri] = [2]int{lo, k}
	}
	ds.firstWord = make([]int32, len(d.Sentences))
	for s, r := range ds.sentTok {
		ds.firstWord[s] = int32(r[1])
		for i := r[0]; i < r[1]; i++ {
			if ds.toks[i].kind == tokWord {
				ds.firstWord[s] = int32(i)
				break
			}
		}
	}
	return ds
}

// sentRange returns the token range of sentence s.
func (ds *docState) sentRange(s int) (int, int) {
	r := ds.sentTok[s]
	return r[0], r[1]
}

// paraOfTok returns the paragraph index of token i.
func (ds *docState) paraOfTok(i int) int {
	lo, hi := 0, len(ds.paras)
	for lo+1 < hi {
		m := (lo + hi) / 2
		if ds.paras[m].tok <= i {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// paraTokEnd returns the end of the token range of paragraph p.
func (ds *docState) paraTokEnd(p int) int {
	if p+1 < len(ds.paras) {
		return ds.paras[p+1].tok
	}
	return len(ds.toks)
}
