package summarize

import (
	"container/heap"
	"context"
	"math"
	"slices"
	"sync"
)

// params are the constants of the Coverage algorithm, fitted and tuned once
// (docs/quality.md) and used for every input.
type params struct {
	// model is a logistic model of the chance that a human summary uses a concept:
	// an intercept, then one coefficient per feature (see features).
	model    [nFeatures + 1]float64
	unigram  float64 // weight of a single word relative to a word pair
	posScale float64 // scale of the sentence position prior
	// A score is multiplied by 1 + lead·posScale/(posScale+p) + leadOne/n³·exp(−p/leadDecay)
	// for a sentence at position p of its article, among n articles: a small bonus for
	// early sentences, and one that only a story of one to three articles feels, whose
	// own order is the best sign of what matters in it.
	lead      float64
	leadOne   float64
	leadDecay float64
	lenExp    float64 // a sentence's gain is divided by its length to this power
	minWords  int     // length limits of candidate sentences, in words
	maxWords  int
	overshoot float64 // the last sentence may run past the budget by this share of its length
	listShare float64 // a sentence with at least 5 commas, and more than this many per word, is a list, not a candidate
}

var defaultParams = params{
	// Fitted on the Multi-News validation sample (docs/quality.md).
	//          bias    share  logdf  logtf  lead    inv    best   bigram stop  caps   num    title
	model:     [nFeatures + 1]float64{-5.106, 0.843, 1.230, 1.032, -1.668, 2.363, 0.953, 0.000, 0.081, 0.061, 0.139, 0.944},
	unigram:   0.2,
	posScale:  3,
	lead:      0.1,
	leadOne:   100,
	leadDecay: 2,
	lenExp:    1,
	minWords:  6,
	maxWords:  60,
	overshoot: 1,
	listShare: 0.3,
}

// leadFactor returns what a sentence at position pos of its article is worth, among n
// articles, next to a sentence at the end: the fewer the articles, the more their own
// order says what matters, since a single article has nothing else to say it.
func (p *params) leadFactor(pos, n int) float64 {
	fn := float64(max(n, 1))
	return 1 + p.lead*p.posScale/(p.posScale+float64(pos)) + p.leadOne/(fn*fn*fn)*math.Exp(-float64(pos)/p.leadDecay)
}

// weights holds the concepts of a corpus and what each is worth.
type weights struct {
	*conceptIndex
	weight []float64 // by concept id
}

// A conceptStat summarises where a concept occurs in a corpus.
type conceptStat struct {
	df, tf int32   // documents and usable sentences that hold it
	lead   int32   // documents that hold it in one of their first two usable sentences
	last   int32   // 1 + the last document counted in df
	unit   int32   // 1 + the last unit counted in tf
	inv    float32 // sum over documents of 1/(1+p), p the position of its first usable sentence there
	best   float32 // the largest of those terms
	title  bool    // some title holds it
}

// Features of a concept, in the order of params.model after its intercept.
const (
	featShare  = iota // df / documents
	featLogDF         // log(1+df)
	featLogTF         // log(1+tf)
	featLead          // lead / documents
	featInv           // inv / documents
	featBest          // best
	featBigram        // 1 for a word pair
	featStop          // 1 for a word pair with a stop word
	featCaps          // share of capitalised mid-sentence occurrences (mean over the words)
	featNumber        // 1 if a word is a number
	featTitle         // 1 if a title holds it
	nFeatures
)

// features describes concept key with stat st in a corpus of n documents.
func (c *Corpus) features(key uint64, st *conceptStat, n int) [nFeatures]float64 {
	var x [nFeatures]float64
	fn := float64(n)
	x[featShare] = float64(st.df) / fn
	x[featLogDF] = math.Log1p(float64(st.df))
	x[featLogTF] = math.Log1p(float64(st.tf))
	x[featLead] = float64(st.lead) / fn
	x[featInv] = float64(st.inv) / fn
	x[featBest] = float64(st.best)
	a, b := int32(key>>32), int32(uint32(key))-1
	words := []int32{a}
	if b >= 0 {
		words = append(words, b)
		x[featBigram] = 1
		if c.vocab.stop[a] || c.vocab.stop[b] {
			x[featStop] = 1
		}
	}
	for _, t := range words {
		x[featCaps] += c.vocab.capShare(t) / float64(len(words))
		if stem := c.vocab.stems[t]; stem != "" && stem[0] >= '0' && stem[0] <= '9' {
			x[featNumber] = 1
		}
	}
	if st.title {
		x[featTitle] = 1
	}
	return x
}

// conceptWeights weighs every concept of the usable sentences by the model of p: the
// estimated chance that a human summary of the corpus would use it.
func (c *Corpus) conceptWeights(ctx context.Context, p params) (*weights, error) {
	index, stats, err := c.conceptStats(ctx)
	if err != nil {
		return nil, err
	}
	w := &weights{conceptIndex: index, weight: make([]float64, len(stats))}
	n := len(c.Docs)
	var wg sync.WaitGroup
	for s, t := range index.shards {
		wg.Go(func() {
			for local, key := range t.keys {
				id := index.offset[s] + int32(local)
				x := c.features(key, &stats[id], n)
				z := p.model[0]
				for f, v := range x {
					z += p.model[f+1] * v
				}
				w.weight[id] = 1 / (1 + math.Exp(-z))
				if isUnigram(key) {
					w.weight[id] *= p.unigram
				}
			}
		})
	}
	wg.Wait()
	return w, nil
}

// coverage chooses sentences greedily by the weight of the concepts they add per word,
// under the budget: the classic greedy for budgeted maximum coverage, made lazy since a
// sentence's gain can only shrink as concepts get covered.
func (c *Corpus) coverage(ctx context.Context, cands []int, w *weights, opt Options, p params, refs Referents) ([]int, []float64, error) {
	picked, scores, err := c.cover(ctx, cands, w, opt, p, refs, true)
	if err == nil && len(picked) == 0 {
		// Every sentence says what the headline says: then one of them may say it.
		return c.cover(ctx, cands, w, opt, p, refs, false)
	}
	return picked, scores, err
}

// cover is coverage, told the headline first when withHeadline is set.
func (c *Corpus) cover(ctx context.Context, cands []int, w *weights, opt Options, p params, refs Referents, withHeadline bool) ([]int, []float64, error) {
	// Each candidate's distinct concepts, in one array.
	offsets := make([]int, len(cands)+1)
	for k, i := range cands {
		offsets[k+1] = offsets[k] + w.unitSize(i)
	}
	flat := make([]int32, offsets[len(cands)])
	concepts := make([][]int32, len(cands))
	parallel(len(cands), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			concepts[k] = w.unitConcepts(cands[k], flat[offsets[k]:offsets[k]:offsets[k+1]])
		}
	})
	covered := make([]bool, len(w.weight))
	// The headline is read first: what it says, no point needs to say again.
	var head *told
	if hd, title := c.headline(nil, w); hd >= 0 && withHeadline {
		c.forTermConcepts(c.titles[hd], func(key uint64) {
			if id, ok := w.id(key); ok {
				covered[id] = true
			}
		})
		head = &told{set: sortedContent(c, c.titles[hd]), facts: readFacts(title, c.capitalised)}
	}
	score := func(k int) float64 {
		g := 0.0
		for _, id := range concepts[k] {
			if !covered[id] {
				g += w.weight[id]
			}
		}
		u := &c.units[cands[k]]
		return g * p.leadFactor(int(u.pos), len(c.Docs)) / math.Pow(float64(u.words), p.lenExp)
	}
	first := make([]float64, len(cands))
	parallel(len(cands), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			first[k] = score(k)
		}
	})
	if ctx.Err() != nil {
		return nil, nil, canceled(ctx, "choosing sentences")
	}
	h := make(gainHeap, 0, len(cands))
	for k, s := range first {
		if s > 0 {
			h = append(h, gainItem{k, s})
		}
	}
	heap.Init(&h)
	b := budget{words: opt.Words, sentences: opt.Sentences, overshoot: p.overshoot}
	var picked []int
	var scores []float64
	var sets [][]int32             // the content terms of the chosen sentences
	chosen := make(map[int]bool)   // the chosen units
	waiting := make(map[int][]int) // unit → the candidates that may follow only it
	for steps := 0; h.Len() > 0 && !b.full(); steps++ {
		if steps%checkEvery == 0 && ctx.Err() != nil {
			return nil, nil, canceled(ctx, "choosing sentences")
		}
		top := h[0]
		s := score(top.k)
		if s <= 0 {
			heap.Pop(&h)
			continue
		}
		if s < top.score && h.Len() > 1 {
			// Stale: re-queue with the current value.
			h[0].score = s
			heap.Fix(&h, 0)
			continue
		}
		heap.Pop(&h)
		u := &c.units[cands[top.k]]
		if !b.fits(int(u.words)) {
			continue
		}
		if c.follower(cands[top.k], refs) && !chosen[c.predecessor(cands[top.k])] {
			pred := c.predecessor(cands[top.k])
			waiting[pred] = append(waiting[pred], top.k)
			continue
		}
		set := c.termSet(cands[top.k])
		if c.restates(cands[top.k], set, picked, sets) || head.restatedBy(c, cands[top.k], set) {
			continue // the same point as a chosen sentence, in other words or figures
		}
		sets = append(sets, set)
		b.add(int(u.words))
		picked = append(picked, cands[top.k])
		scores = append(scores, s)
		for _, id := range concepts[top.k] {
			covered[id] = true
		}
		chosen[cands[top.k]] = true
		for _, k := range waiting[cands[top.k]] {
			heap.Push(&h, gainItem{k, score(k)})
		}
		delete(waiting, cands[top.k])
	}
	return picked, scores, nil
}

type gainItem struct {
	k     int
	score float64
}

// gainHeap is a max-heap of candidate scores; ties go to the earlier candidate, so that
// results do not depend on the heap's layout.
type gainHeap []gainItem

func (h gainHeap) Len() int { return len(h) }
func (h gainHeap) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score > h[j].score
	}
	return h[i].k < h[j].k
}
func (h gainHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *gainHeap) Push(x any)   { *h = append(*h, x.(gainItem)) }
func (h *gainHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// termSet returns the distinct content terms of unit u, sorted.
func (c *Corpus) termSet(u int) []int32 { return sortedContent(c, c.tokens(u)) }

// restates reports whether unit u, whose content terms are set, makes the point of one
// of the chosen units (whose terms are sets): their words are as close as those of
// sentences that cite each other (cosine similarity duplicateSim or more), and they are
// of different articles, which then report one point with the same facts or with
// others (a variant of the chosen one), or of one article and agree on the facts. Two
// sentences of one article that differ in a figure, a date, a name or a negation make
// two points ("Report number 5 says …", "Report number 6 says …").
func (c *Corpus) restates(u int, set []int32, chosen []int, sets [][]int32) bool {
	var q *sentenceFacts
	for k, o := range sets {
		if !similarSets(set, o, duplicateSim) {
			if cosineSets(set, o) < factRestateSim {
				continue
			}
			// Fewer words in common, but nothing new: every name, figure and date of u
			// is one of the chosen sentence's.
			if q == nil {
				q = c.factsOf(u)
			}
			if q.within(c.factsOf(chosen[k])) {
				return true
			}
			continue
		}
		if c.units[u].doc != c.units[chosen[k]].doc {
			return true
		}
		p, q := c.factsOf(chosen[k]), c.factsOf(u)
		if how, _, _ := compare(p, q, plainSim(p, q)); how != contradict {
			return true
		}
	}
	return false
}

// factRestateSim is the cosine similarity above which a sentence whose facts are all
// those of a chosen sentence says nothing new.
const factRestateSim = 0.3

// similarSets reports whether two sorted sets of terms have a cosine similarity of
// min or more.
func similarSets(set, o []int32, min float64) bool { return cosineSets(set, o) >= min }

// cosineSets returns the cosine similarity of two sorted sets of terms.
func cosineSets(set, o []int32) float64 {
	if len(set) == 0 || len(o) == 0 {
		return 0
	}
	return float64(sharedTerms(set, o)) / math.Sqrt(float64(len(set)*len(o)))
}

// sharedTerms counts the terms two sorted sets have in common.
func sharedTerms(set, o []int32) int {
	shared := 0
	for i, j := 0, 0; i < len(set) && j < len(o); {
		switch {
		case set[i] < o[j]:
			i++
		case set[i] > o[j]:
			j++
		default:
			shared++
			i++
			j++
		}
	}
	return shared
}

// told is what the headline of a summary says: its content terms and its facts.
type told struct {
	set   []int32
	facts *sentenceFacts
}

// restatedBy reports whether unit u, of content terms set, says what the headline
// says: nearly all its words are the headline's, or most are and it names nothing
// new. A headline is short, so a lead that adds to it ("approved a new budget for
// schools and roads on Monday night" under "Council passes the city budget") shares a
// good part of the headline's words and is still news.
func (t *told) restatedBy(c *Corpus, u int, set []int32) bool {
	if t == nil {
		return false
	}
	share := containedIn(set, t.set)
	return share >= headlineCopyShare || share >= headlineRestateShare && c.factsOf(u).within(t.facts)
}

// A sentence whose content terms are, for a share of headlineCopyShare or more, the
// headline's is the headline again; one of headlineRestateShare or more that names
// nothing new repeats it. Cosine similarity would not do: with a headline of four
// content words, any lead sharing three of them scores 0.5 or more.
const (
	headlineCopyShare    = 0.8
	headlineRestateShare = 0.6
)

// containedIn returns the share of the sorted set found in the sorted set o.
func containedIn(set, o []int32) float64 {
	if len(set) == 0 {
		return 0
	}
	return float64(sharedTerms(set, o)) / float64(len(set))
}

// sortedContent returns the distinct content terms of toks, sorted.
func sortedContent(c *Corpus, toks []int32) []int32 {
	var set []int32
	for _, t := range toks {
		if !c.vocab.stop[t] {
			set = append(set, t)
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}
