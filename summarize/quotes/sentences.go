package quotes

// A wordRange is a range of the words of one document in an Index: words[lo:hi].
type wordRange struct{ lo, hi int32 }

// contextWords are the folded words of the sentences that a document's quotations come
// from, each sentence's once however many quotations share it: what WhoSaid matches with
// InContext.
type contextWords struct {
	words []string
	at    []wordRange // sentence index → its words; empty for a sentence no quotation uses
}

// contextWords splits the words of the sentences that the quotations qs come from and
// that attribute them.
func (ds *docState) contextWords(qs []docQuote) *contextWords {
	if len(qs) == 0 {
		return nil
	}
	n := len(ds.doc.Sentences)
	used := make([]bool, n)
	for i := range qs {
		q := &qs[i]
		// Quotations do not overlap: these loops pass over each sentence about once.
		for s := q.firstSent; s <= q.lastSent && s < n; s++ {
			used[s] = true
		}
		if q.cueSent >= 0 && q.cueSent < n {
			used[q.cueSent] = true
		}
	}
	cw := &contextWords{at: make([]wordRange, n)}
	for s, u := range used {
		lo := int32(len(cw.words))
		if sn := &ds.doc.Sentences[s]; u && sn.Start >= 0 && sn.Start <= sn.End && sn.End <= len(ds.text) {
			cw.words = append(cw.words, splitWords(ds.text[sn.Start:sn.End])...)
		}
		cw.at[s] = wordRange{lo, int32(len(cw.words))}
	}
	return cw
}

// pairSlack is what the sentence pairs of one document's reports may add to its length
// (sentencePair): far more than any news article needs.
const pairSlack = 64 << 10

// sentenceOf returns the Sentence of a report of dq: its first sentence, and the
// attribution's before or after it when that is another. Every report of a sentence
// shares one string, and so does every report of a pair of sentences; a document whose
// pairs of sentences come to more than its own length and pairSlack gets its first
// sentences alone beyond that, so that a long sentence is not copied once per quotation
// that a far attribution names.
func (ds *docState) sentenceOf(dq *docQuote) string {
	n := len(ds.doc.Sentences)
	in := func(s int) bool { return s >= 0 && s < n }
	var ss [2]int
	k := 0
	if dq.cueSent < dq.firstSent && in(dq.cueSent) {
		ss[k] = dq.cueSent
		k++
	}
	if in(dq.firstSent) {
		ss[k] = dq.firstSent
		k++
	}
	if dq.cueSent > dq.firstSent && in(dq.cueSent) {
		ss[k] = dq.cueSent
		k++
	}
	switch k {
	case 0:
		return ""
	case 1:
		return ds.sentText(ss[0])
	}
	if s, ok := ds.pairs[ss]; ok {
		return s
	}
	a, b := ds.sentText(ss[0]), ds.sentText(ss[1])
	if ds.pairBytes+len(a)+1+len(b) > len(ds.text)+pairSlack {
		return ds.sentText(dq.firstSent)
	}
	s := a + " " + b
	if ds.pairs == nil {
		ds.pairs = map[[2]int]string{}
	}
	ds.pairs[ss] = s
	ds.pairBytes += len(s)
	return s
}

// sentText returns the text of sentence s as a briefing reads it, made once.
func (ds *docState) sentText(s int) string {
	if t, ok := ds.texts[s]; ok {
		return t
	}
	if ds.texts == nil {
		ds.texts = map[int]string{}
	}
	t := ds.doc.Text(s)
	ds.texts[s] = t
	return t
}
