package summarize

import (
	"container/heap"
	"math"
)

// params are the constants of the Coverage algorithm, tuned once on the DUC 2004 dev topics
// (docs/quality.md) and used for every input.
type params struct {
	unigram  float64 // weight of a content word relative to a word pair
	posScale float64 // position prior: an occurrence in usable sentence p weighs 1 + posBoost·posScale/(posScale+p)
	posBoost float64
	repeat   float64 // weight of each further occurrence of a concept in one document
	minDF    int     // in corpora of 3 or more documents, concepts in fewer documents weigh nothing
	lenExp   float64 // a sentence's gain is divided by its length to this power
	lead     float64 // bonus factor for a sentence by its position: 1 + lead·posScale/(posScale+p)
}

var defaultParams = params{
	unigram:  0.2,
	posScale: 3,
	posBoost: 0.5,
	repeat:   0.0,
	minDF:    2,
	lenExp:   0.6,
	lead:     0.1,
}

// weights holds the concepts of a corpus and what each is worth.
type weights struct {
	ids    map[uint64]int32 // concept key → concept
	weight []float64        // concept → weight
}

// conceptKey numbers a word pair (a, b) or, with b < 0, a single word.
func conceptKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b+1)) }

// forConcepts calls fn with each concept of unit i: every pair of adjacent terms that are
// not both stop words, and every content word.
func (c *Corpus) forConcepts(i int, fn func(key uint64, unigram bool)) {
	toks := c.tokens(i)
	stop := c.vocab.stop
	for k, t := range toks {
		if !stop[t] {
			fn(conceptKey(t, -1), true)
		}
		if k > 0 && !(stop[t] && stop[toks[k-1]]) {
			fn(conceptKey(toks[k-1], t), false)
		}
	}
}

// conceptWeights weighs every concept of the usable sentences: a concept is worth the sum,
// over the documents that mention it, of a position prior at its first mention there.
func (c *Corpus) conceptWeights(p params) *weights {
	w := &weights{ids: make(map[uint64]int32, len(c.terms))}
	var df []int32
	seen := make(map[int32]int32) // concept → last document that counted it
	for d := range c.Docs {
		clear(seen)
		for i := c.first[d]; i < c.first[d+1]; i++ {
			u := &c.units[i]
			if !u.usable() {
				continue
			}
			prior := 1 + p.posBoost*p.posScale/(p.posScale+float64(u.pos))
			c.forConcepts(int(i), func(key uint64, unigram bool) {
				id, ok := w.ids[key]
				if !ok {
					id = int32(len(w.weight))
					w.ids[key] = id
					w.weight = append(w.weight, 0)
					df = append(df, 0)
				}
				scale := 1.0
				if unigram {
					scale = p.unigram
				}
				if _, counted := seen[id]; counted {
					w.weight[id] += p.repeat * scale
					return
				}
				seen[id] = int32(d)
				df[id]++
				w.weight[id] += prior * scale
			})
		}
	}
	if len(c.Docs) >= 3 {
		for id := range w.weight {
			if int(df[id]) < p.minDF {
				w.weight[id] = 0
			}
		}
	}
	return w
}

// coverage chooses sentences greedily by the weight of the concepts they add per word,
// under the budget: the classic greedy for budgeted maximum coverage, made lazy since a
// sentence's gain can only shrink as concepts get covered.
func (c *Corpus) coverage(cands []int, w *weights, opt Options, p params) ([]int, []float64) {
	concepts := make([][]int32, len(cands))
	stamp := make([]int32, len(w.weight)) // stamp[id] == k+1: concept id already listed for candidate k
	for k, i := range cands {
		var list []int32
		c.forConcepts(i, func(key uint64, _ bool) {
			if id, ok := w.ids[key]; ok && w.weight[id] > 0 && stamp[id] != int32(k+1) {
				stamp[id] = int32(k + 1)
				list = append(list, id)
			}
		})
		concepts[k] = list
	}
	covered := make([]bool, len(w.weight))
	score := func(k int) float64 {
		g := 0.0
		for _, id := range concepts[k] {
			if !covered[id] {
				g += w.weight[id]
			}
		}
		u := &c.units[cands[k]]
		lead := 1 + p.lead*p.posScale/(p.posScale+float64(u.pos))
		return g * lead / math.Pow(float64(u.words), p.lenExp)
	}
	h := make(gainHeap, 0, len(cands))
	for k := range cands {
		if s := score(k); s > 0 {
			h = append(h, gainItem{k, s})
		}
	}
	heap.Init(&h)
	b := budget{words: opt.Words, sentences: opt.Sentences}
	var picked []int
	var scores []float64
	for h.Len() > 0 && !b.full() {
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
		b.add(int(u.words))
		picked = append(picked, cands[top.k])
		scores = append(scores, s)
		for _, id := range concepts[top.k] {
			covered[id] = true
		}
	}
	return picked, scores
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
