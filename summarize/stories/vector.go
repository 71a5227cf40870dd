package stories

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/briefbot/briefbot/summarize"
)

// The weights of a term's occurrences, by where they are and what the term is.
const (
	titleWeight = 3.0 // an occurrence in the title
	leadWeight  = 2.0 // an occurrence in one of the first leadSentences usable sentences
	nameWeight  = 2.0 // the term is a name: capitalised mid-sentence most of the time
	// leadSentences are the sentences of an article that say what it is about.
	leadSentences = 3
	// nameShare is the share of capitalised mid-sentence occurrences that makes a name.
	nameShare = 0.5
	// bigramWeight weighs a pair of adjacent content terms ("balanced budget") against
	// its words: pairs tell apart stories on one subject that share their words.
	bigramWeight = 0.5
	// vectorTerms bounds an article's vector to its heaviest features: the rest is noise
	// that only makes unrelated articles look alike.
	vectorTerms = 150
)

// A vector is the weighted, normalised bag of an article's features (content terms and
// pairs of them), sorted by feature, and the heads through which it meets others.
type vector struct {
	terms   []int32
	weights []float32
	heads   []int32 // the candidateTerms heaviest features that other articles share
}

// An entry is a feature of an article and its weighted frequency, or its weight.
type entry struct {
	t  int32
	tf float32
}

// counts holds an article's weighted frequencies of features, reused across articles. A
// feature is a term (numbered as the corpus numbers it) or a pair of adjacent content
// terms (numbered from base on, in the order they are first met).
type counts struct {
	tf    []float64        // by feature
	seen  []int32          // the features with tf > 0
	pairs map[uint64]int32 // the feature of each pair of terms met so far
	base  int32            // the number of terms: the first feature of a pair
	// content tells, for each term, whether it may tell stories apart: not a stop word,
	// a lone letter or a number (see contentStem).
	content []bool
}

// bump adds w to the frequency of feature f.
func (cs *counts) bump(f int32, w float64) {
	for int(f) >= len(cs.tf) {
		cs.tf = append(cs.tf, 0)
	}
	if cs.tf[f] == 0 {
		cs.seen = append(cs.seen, f)
	}
	cs.tf[f] += w
}

// add counts the content terms of terms, and their adjacent pairs, with weight w.
func (cs *counts) add(terms []int32, w float64) {
	prev := int32(-1)
	for _, t := range terms {
		if !cs.content[t] {
			prev = -1
			continue
		}
		cs.bump(t, w)
		if prev >= 0 {
			key := uint64(prev)<<32 | uint64(t)
			id, ok := cs.pairs[key]
			if !ok {
				id = cs.base + int32(len(cs.pairs))
				cs.pairs[key] = id
			}
			cs.bump(id, w*bigramWeight)
		}
		prev = t
	}
}

// contentStem reports whether a stem can tell stories apart: not a lone letter or digit,
// not a number alone (years, counts), which every story has.
func contentStem(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return true
		}
	}
	return false
}

// docTerms counts the content terms of document d: its title and its usable sentences,
// those of the lead weighing more.
func docTerms(c *summarize.Corpus, d int, cs *counts) {
	cs.add(c.TitleTerms(d), titleWeight)
	pos := 0
	for i, s := range c.Docs[d].Sentences {
		if s.Skip != "" {
			continue
		}
		w := 1.0
		if pos < leadSentences {
			w = leadWeight
		}
		pos++
		cs.add(c.SentenceTerms(d, i), w)
	}
}

// vectors builds the vectors of every document of c: sublinear frequency times inverse
// document frequency of each feature, names weighing more, cut to the vectorTerms
// heaviest.
// It returns the vectors and the number of features.
func vectors(c *summarize.Corpus) ([]vector, int) {
	n := len(c.Docs)
	cs := counts{tf: make([]float64, c.Terms()), pairs: map[uint64]int32{}, base: int32(c.Terms()), content: make([]bool, c.Terms())}
	for t := range cs.content {
		cs.content[t] = !c.IsStop(int32(t)) && contentStem(c.Stem(int32(t)))
	}
	docs := make([][]entry, n)
	var df []int32
	for d := range n {
		cs.seen = cs.seen[:0]
		docTerms(c, d, &cs)
		es := make([]entry, len(cs.seen))
		for k, t := range cs.seen {
			es[k] = entry{t, float32(cs.tf[t])}
			cs.tf[t] = 0
			for int(t) >= len(df) {
				df = append(df, 0)
			}
			df[t]++
		}
		docs[d] = es
	}
	// The weight of each feature but its frequency: log(1 + n/df) rather than
	// log(n/df), so that in a corpus of one story the words every article shares still
	// weigh something; names weigh more.
	weight := make([]float64, len(df))
	for t := range weight {
		if df[t] == 0 {
			continue
		}
		weight[t] = math.Log1p(float64(n) / float64(df[t]))
		if t < c.Terms() && c.CapShare(int32(t)) > nameShare {
			weight[t] *= nameWeight
		}
	}
	out := make([]vector, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/500))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var keys []uint64
			for d := w; d < n; d += workers {
				out[d] = finish(docs[d], weight, df, &keys)
			}
		})
	}
	wg.Wait()
	return out, len(df)
}

// finish weighs the features es of an article (their frequencies in es[i].tf) and
// returns its vector: the vectorTerms heaviest, normalised, and its heads. keys is
// scratch space.
func finish(es []entry, weight []float64, df []int32, keys *[]uint64) vector {
	// Heaviest first, then by feature: the weight's bits (a positive float32 orders as
	// its bits do) above the feature, complemented, sort as one number.
	ks := (*keys)[:0]
	for _, e := range es {
		w := float32((1 + math.Log(float64(e.tf))) * weight[e.t])
		ks = append(ks, ^(uint64(math.Float32bits(w))<<32 | uint64(^uint32(e.t))))
	}
	slices.Sort(ks)
	*keys = ks
	es = es[:min(len(es), vectorTerms)]
	for k := range es {
		key := ^ks[k]
		es[k] = entry{t: int32(^uint32(key)), tf: math.Float32frombits(uint32(key >> 32))}
	}
	// The heads: the heaviest features that another article has too. A feature of one
	// article alone links it to none, however heavy it is (in a small corpus the
	// heaviest are all of that kind).
	var heads []int32
	for _, e := range es {
		if len(heads) == candidateTerms {
			break
		}
		if df[e.t] > 1 {
			heads = append(heads, e.t)
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.t, b.t) })
	var norm float64
	for _, e := range es {
		norm += float64(e.tf) * float64(e.tf)
	}
	norm = math.Sqrt(norm)
	v := vector{terms: make([]int32, len(es)), weights: make([]float32, len(es)), heads: heads}
	for k, e := range es {
		v.terms[k] = e.t
		if norm > 0 {
			v.weights[k] = float32(float64(e.tf) / norm)
		}
	}
	return v
}
