package summarize

import (
	"cmp"
	"context"
	"math"
	"slices"
)

// LexRank constants: the damping of the random walk (the chance of a jump to a random
// sentence), the convergence tolerance, and the redundancy threshold of the selection.
const (
	lexDamping   = 0.15
	lexTolerance = 1e-7
	lexMaxIter   = 200
	lexRedundant = 0.5
	// In corpora of more than lexDense candidates the graph keeps each sentence's
	// lexNeighbours most similar sentences, and terms found in more than lexMaxPosting
	// sentences are left out of the similarity (their IDF is near zero anyway), so that
	// the cost stays near linear.
	lexDense      = 4000
	lexNeighbours = 32
	lexMaxPosting = 256
)

// tfidfVec is a sparse sentence vector, sorted by term.
type tfidfVec struct {
	terms []int32
	vals  []float64
	norm  float64
}

// lexRank scores the candidates by continuous LexRank and picks the most central ones that
// are not near repeats of a sentence already picked.
func (c *Corpus) lexRank(ctx context.Context, cands []int, opt Options, refs Referents) ([]int, []float64, error) {
	n := len(cands)
	vecs, postings, err := c.tfidf(ctx, cands)
	if err != nil {
		return nil, nil, err
	}
	graph, err := lexGraph(ctx, vecs, postings, n)
	if err != nil {
		return nil, nil, err
	}
	rank, err := powerIterate(ctx, graph, n)
	if err != nil {
		return nil, nil, err
	}

	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rank[b], rank[a]) })
	b := budget{words: opt.Words, sentences: opt.Sentences, overshoot: 0.5}
	var picked []int
	var scores []float64
	var chosen []int
	for _, k := range order {
		if b.full() {
			break
		}
		u := &c.units[cands[k]]
		if !b.fits(int(u.words)) {
			continue
		}
		if c.follower(cands[k], refs) && !slices.Contains(picked, c.predecessor(cands[k])) {
			continue // its referent is not in the summary
		}
		redundant := false
		for _, j := range chosen {
			if cosine(&vecs[k], &vecs[j]) > lexRedundant {
				redundant = true
				break
			}
		}
		if redundant {
			continue
		}
		b.add(int(u.words))
		chosen = append(chosen, k)
		picked = append(picked, cands[k])
		scores = append(scores, rank[k])
	}
	return picked, scores, nil
}

// tfidf builds the TF-IDF vectors of the candidates over content terms, with IDF from the
// candidates' sentence frequencies, and the postings (term → candidates) of each term.
func (c *Corpus) tfidf(ctx context.Context, cands []int) ([]tfidfVec, map[int32][]int32, error) {
	n := len(cands)
	sf := make([]int32, c.vocab.size())
	counts := make(map[int32]int)
	tfs := make([]map[int32]int, n)
	for k, i := range cands {
		if k%checkEvery == 0 && ctx.Err() != nil {
			return nil, nil, canceled(ctx, "weighing terms")
		}
		clear(counts)
		for _, t := range c.tokens(i) {
			if !c.vocab.stop[t] {
				counts[t]++
			}
		}
		tf := make(map[int32]int, len(counts))
		for t, m := range counts {
			tf[t] = m
			sf[t]++
		}
		tfs[k] = tf
	}
	vecs := make([]tfidfVec, n)
	postings := make(map[int32][]int32)
	for k, tf := range tfs {
		v := tfidfVec{terms: make([]int32, 0, len(tf))}
		for t := range tf {
			v.terms = append(v.terms, t)
		}
		slices.Sort(v.terms)
		v.vals = make([]float64, len(v.terms))
		for j, t := range v.terms {
			idf := math.Log(float64(n+1) / float64(sf[t]))
			v.vals[j] = float64(tf[t]) * idf
			v.norm += v.vals[j] * v.vals[j]
			postings[t] = append(postings[t], int32(k))
		}
		v.norm = math.Sqrt(v.norm)
		vecs[k] = v
	}
	return vecs, postings, nil
}

func cosine(a, b *tfidfVec) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	dot := 0.0
	for i, j := 0, 0; i < len(a.terms) && j < len(b.terms); {
		switch {
		case a.terms[i] < b.terms[j]:
			i++
		case a.terms[i] > b.terms[j]:
			j++
		default:
			dot += a.vals[i] * b.vals[j]
			i++
			j++
		}
	}
	return dot / (a.norm * b.norm)
}

// edge is a weighted link of the similarity graph.
type edge struct {
	to  int32
	sim float64
}

// lexGraph returns each candidate's similar candidates (itself included), found through
// the postings so that pairs with no term in common cost nothing.
func lexGraph(ctx context.Context, vecs []tfidfVec, postings map[int32][]int32, n int) ([][]edge, error) {
	graph := make([][]edge, n)
	acc := make([]float64, n)
	var touched []int32
	for k := range vecs {
		if k%(checkEvery/8) == 0 && ctx.Err() != nil {
			return nil, canceled(ctx, "building the similarity graph")
		}
		v := &vecs[k]
		if v.norm == 0 {
			graph[k] = []edge{{int32(k), 1}}
			continue
		}
		for i, t := range v.terms {
			list := postings[t]
			if n > lexDense && len(list) > lexMaxPosting {
				continue
			}
			for _, j := range list {
				w := vecs[j].weight(t)
				if acc[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += v.vals[i] * w
			}
		}
		edges := make([]edge, 0, len(touched)+1)
		self := false
		for _, j := range touched {
			s := acc[j] / (v.norm * vecs[j].norm)
			acc[j] = 0
			if s > 0 {
				edges = append(edges, edge{j, s})
				self = self || int(j) == k
			}
		}
		touched = touched[:0]
		if !self {
			edges = append(edges, edge{int32(k), 1})
		}
		if n > lexDense && len(edges) > lexNeighbours {
			slices.SortFunc(edges, func(a, b edge) int {
				return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.to, b.to))
			})
			edges = edges[:lexNeighbours]
		}
		slices.SortFunc(edges, func(a, b edge) int { return cmp.Compare(a.to, b.to) })
		graph[k] = edges
	}
	return graph, nil
}

// weight returns the vector's value for term t, found by binary search.
func (v *tfidfVec) weight(t int32) float64 {
	if i, ok := slices.BinarySearch(v.terms, t); ok {
		return v.vals[i]
	}
	return 0
}

// powerIterate computes the stationary distribution of the random walk that follows the
// graph's links in proportion to their similarity and jumps anywhere with lexDamping.
func powerIterate(ctx context.Context, graph [][]edge, n int) ([]float64, error) {
	out := make([]float64, n) // each row's total similarity
	for k, edges := range graph {
		for _, e := range edges {
			out[k] += e.sim
		}
	}
	p := make([]float64, n)
	next := make([]float64, n)
	for k := range p {
		p[k] = 1 / float64(n)
	}
	for range lexMaxIter {
		if ctx.Err() != nil {
			return nil, canceled(ctx, "ranking sentences")
		}
		for k := range next {
			next[k] = lexDamping / float64(n)
		}
		for k, edges := range graph {
			share := (1 - lexDamping) * p[k] / out[k]
			for _, e := range edges {
				next[e.to] += share * e.sim
			}
		}
		delta := 0.0
		for k := range p {
			delta += math.Abs(next[k] - p[k])
		}
		p, next = next, p
		if delta < lexTolerance {
			break
		}
	}
	return p, nil
}
