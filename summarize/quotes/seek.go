package quotes

// The attribution rules read the words around a quotation: back to the cue before it,
// forward to the next comma, over the adverbs before a verb. Done token by token, every
// quotation of a long sentence would read that sentence again, and a sentence of
// thousands of quotations would cost its length times their number. Instead each such
// search is a seeker: it remembers, for every token it has passed, the answer from that
// token, so that each token is examined once per seeker, however many quotations search
// across it. The counts of words and commas before each token (prefixCounts) answer the
// rules that only count.

// A seekerID names one search: a predicate over tokens and a direction.
type seekerID uint8

const (
	seekCueOrEndBack        seekerID = iota // a cue, or the end of a clause
	seekWordOrStopFwd                       // a word, the end of a clause, or a quotation
	seekWordOrBigStopFwd                    // a word, the end of a clause, or a quotation of more than three words
	seekWordFwd                             // a word outside quotations
	seekWordBack                            //
	seekNonWordFwd                          // anything but a word outside quotations
	seekOuterCueFwd                         // a quotation, or a cue that is no participle
	seekThatBack                            // the word "that"
	seekCommaOrRegionBack                   // a comma or a quotation
	seekCommaOrRegionFwd                    //
	seekUnskippableBack                     // anything but a word that may stand between a subject and its verb
	seekUnpassiveBack                       // the same, or a form of "be"
	seekClauseStopBack                      // a quotation of more than three words, a semicolon or a colon
	seekCommaFwd                            // a comma
	seekLaterStopBack                       // a quotation, the end of a clause, or a conjunction that opens a later clause
	seekUnskippableSinceFwd                 // anything but a skippable word or the "since" of "has since"
	seekOwnerStopFwd                        // a cue, a quotation, or the end of a clause
	seekNotDayBack                          // anything but the word "day"
	numSeekers
)

// seekers holds the predicate and the direction of each seekerID.
var seekers = [numSeekers]struct {
	pred func(ds *docState, k int) bool
	back bool
}{
	seekCueOrEndBack: {func(ds *docState, k int) bool {
		if ds.endsClause(k) {
			return true
		}
		_, ok := ds.cueAt(k)
		return ok
	}, true},
	seekWordOrStopFwd: {func(ds *docState, k int) bool {
		return ds.isWord(k) || ds.toks[k].region >= 0 || ds.endsClause(k)
	}, false},
	seekWordOrBigStopFwd: {func(ds *docState, k int) bool {
		return ds.isWord(k) || ds.bigRegion(k) || ds.endsClause(k)
	}, false},
	seekWordFwd:    {(*docState).isWord, false},
	seekWordBack:   {(*docState).isWord, true},
	seekNonWordFwd: {func(ds *docState, k int) bool { return !ds.isWord(k) }, false},
	seekOuterCueFwd: {func(ds *docState, k int) bool {
		if ds.toks[k].region >= 0 {
			return true
		}
		_, ok := ds.cueAt(k)
		return ok && !ds.isParticiple(k)
	}, false},
	seekThatBack: {func(ds *docState, k int) bool { return ds.isWord(k) && ds.toks[k].lower == "that" }, true},
	seekCommaOrRegionBack: {func(ds *docState, k int) bool {
		return ds.toks[k].region >= 0 || ds.isPunct(k, ",")
	}, true},
	seekCommaOrRegionFwd: {func(ds *docState, k int) bool {
		return ds.toks[k].region >= 0 || ds.isPunct(k, ",")
	}, false},
	seekUnskippableBack: {func(ds *docState, k int) bool { return !ds.isWord(k) || !ds.skippable(k) }, true},
	seekUnpassiveBack: {func(ds *docState, k int) bool {
		return !ds.isWord(k) || !ds.skippable(k) || beForms[ds.toks[k].lower]
	}, true},
	seekClauseStopBack: {func(ds *docState, k int) bool {
		return ds.bigRegion(k) || ds.isPunct(k, ";") || ds.isPunct(k, ":")
	}, true},
	seekCommaFwd: {func(ds *docState, k int) bool { return ds.isPunct(k, ",") }, false},
	seekLaterStopBack: {func(ds *docState, k int) bool {
		return ds.toks[k].region >= 0 || ds.endsClause(k) || ds.laterClause(k)
	}, true},
	seekUnskippableSinceFwd: {func(ds *docState, k int) bool {
		return !ds.isWord(k) || !(ds.skippable(k) || ds.toks[k].lower == "since" && k > 0 && ds.toks[k-1].lower == "has")
	}, false},
	seekOwnerStopFwd: {func(ds *docState, k int) bool {
		if ds.toks[k].region >= 0 || ds.endsClause(k) {
			return true
		}
		_, ok := ds.cueAt(k)
		return ok
	}, false},
	seekNotDayBack: {func(ds *docState, k int) bool { return !ds.isWord(k) || ds.toks[k].lower != "day" }, true},
}

// shortSeek is how far a seeker looks before it remembers: in the sentences of news,
// the answer is nearly always this close, and nothing needs remembering.
const shortSeek = 32

// seek returns the token nearest to token i, i itself included, in the direction of
// seeker id, that satisfies its predicate, or -1 when no token of the document does.
// It looks shortSeek tokens ahead; beyond, it remembers: memo[k] is 0 for a token not
// passed yet and the answer from k plus 2 otherwise, a search stops at the first token
// whose answer is known, and records its answer for every token it passed.
func (ds *docState) seek(id seekerID, i int) int {
	if i < 0 || i >= len(ds.toks) {
		return -1
	}
	s := &seekers[id]
	step, stop := 1, len(ds.toks)
	if s.back {
		step, stop = -1, -1
	}
	memo := ds.memo[id]
	for k, n := i, 0; n < shortSeek; k, n = k+step, n+1 {
		if k == stop {
			return -1
		}
		if memo != nil && memo[k] != 0 {
			return int(memo[k]) - 2
		}
		if s.pred(ds, k) {
			return k
		}
	}
	if memo == nil {
		memo = make([]int32, len(ds.toks))
		ds.memo[id] = memo
	}
	found := -1
	k := i
	for ; k != stop; k += step {
		if m := memo[k]; m != 0 {
			found = int(m) - 2
			break
		}
		if s.pred(ds, k) {
			found = k
			break
		}
	}
	for j := i; j != k; j += step {
		memo[j] = int32(found + 2)
	}
	if k != stop {
		memo[k] = int32(found + 2)
	}
	return found
}

// seekBack returns the nearest token in [lo, i] that satisfies the backward seeker id,
// or -1.
func (ds *docState) seekBack(id seekerID, i, lo int) int {
	if i < lo {
		return -1
	}
	if j := ds.seek(id, i); j >= lo {
		return j
	}
	return -1
}

// seekFwd returns the nearest token in [i, hi) that satisfies the forward seeker id, or
// -1.
func (ds *docState) seekFwd(id seekerID, i, hi int) int {
	if i >= hi {
		return -1
	}
	if j := ds.seek(id, i); j >= 0 && j < hi {
		return j
	}
	return -1
}

// bigRegion reports whether token k lies in a quotation of more than three words: one
// that is no nickname or title inside a phrase.
func (ds *docState) bigRegion(k int) bool {
	r := ds.toks[k].region
	return r >= 0 && ds.regions[r].words > 3
}

// prefixCounts holds, for each token index i, the number of tokens before it of a kind:
// counts[i] for i in [0, len(toks)]. They are counted on first use, for a range longer
// than shortSeek.
type prefixCounts struct {
	outWords []int32 // words outside quotations
	allWords []int32 // words, in quotations or not
	commas   []int32 // commas outside quotations
}

// countTokens fills ds.counts.
func (ds *docState) countTokens() {
	if ds.counts.outWords != nil {
		return
	}
	n := len(ds.toks)
	c := prefixCounts{make([]int32, n+1), make([]int32, n+1), make([]int32, n+1)}
	var o, a, m int32
	for i := range ds.toks {
		c.outWords[i], c.allWords[i], c.commas[i] = o, a, m
		if ds.toks[i].kind == tokWord {
			a++
			if ds.toks[i].region < 0 {
				o++
			}
		}
		if ds.isPunct(i, ",") {
			m++
		}
	}
	c.outWords[n], c.allWords[n], c.commas[n] = o, a, m
	ds.counts = c
}

// wordsBetween returns the number of words outside quotations among tokens [lo, hi).
func (ds *docState) wordsBetween(lo, hi int) int {
	if lo >= hi {
		return 0
	}
	if hi-lo <= shortSeek {
		n := 0
		for i := lo; i < hi; i++ {
			if ds.isWord(i) {
				n++
			}
		}
		return n
	}
	ds.countTokens()
	return int(ds.counts.outWords[hi] - ds.counts.outWords[lo])
}

// wordsAndCommas returns the number of words, in quotations or not, and of commas
// outside quotations among tokens [lo, hi).
func (ds *docState) wordsAndCommas(lo, hi int) (words, commas int) {
	if lo >= hi {
		return 0, 0
	}
	if hi-lo <= shortSeek {
		for i := lo; i < hi; i++ {
			if ds.toks[i].kind == tokWord {
				words++
			}
			if ds.isPunct(i, ",") {
				commas++
			}
		}
		return words, commas
	}
	ds.countTokens()
	c := &ds.counts
	return int(c.allWords[hi] - c.allWords[lo]), int(c.commas[hi] - c.commas[lo])
}
