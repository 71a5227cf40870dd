package stories

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// The grouping.
const (
	// candidateTerms are the heaviest features of an article, among those another
	// article has too, through which it meets the articles it may share a story with.
	candidateTerms = 12
	// maxPosting bounds the articles that one term makes candidates of each other: a
	// term that heads more articles than that names no single story, and pairing them
	// all would cost the square of their number.
	maxPosting = 200
	// minLink is the cosine below which two articles are not linked at all.
	minLink = 0.05
	// threshold is the average similarity, over every pair of their articles, at which
	// two groups are one story.
	threshold = 0.15
)

// An edge is the similarity of two articles, a < b.
type edge struct {
	a, b int32
	sim  float64
}

// edges returns the pairs of articles that share one of their candidate terms and the
// similarity of each, when it reaches minLink, ordered by (a, b). Its cost is linear in
// the number of articles, times maxPosting; the work is shared out over the available
// processors, and the result does not depend on how.
func edges(ctx context.Context, vs []vector, features int) ([]edge, error) {
	postings := make(map[int32][]int32)
	for d, v := range vs {
		for _, t := range v.heads {
			postings[t] = append(postings[t], int32(d))
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(vs)/500))
	found := make([][]edge, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			stamp := make([]int32, len(vs))
			dense := make([]float32, features) // the weights of article d, by feature
			var out []edge
			for d := w; d < len(vs); d += workers {
				if d%checkEvery < workers && ctx.Err() != nil {
					return
				}
				v := vs[d]
				for k, t := range v.terms {
					dense[t] = v.weights[k]
				}
				for _, t := range v.heads {
					p := postings[t]
					if len(p) > maxPosting {
						continue
					}
					// p is in increasing order: the articles after d.
					i, _ := slices.BinarySearch(p, int32(d)+1)
					for _, e := range p[i:] {
						if stamp[e] == int32(d)+1 {
							continue
						}
						stamp[e] = int32(d) + 1
						if s := dot(dense, vs[e]); s >= minLink {
							out = append(out, edge{int32(d), e, s})
						}
					}
				}
				for _, t := range v.terms {
					dense[t] = 0
				}
			}
			found[w] = out
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("stories: pairing %d articles: %w", len(vs), ctx.Err())
	}
	var out []edge
	for _, f := range found {
		out = append(out, f...)
	}
	slices.SortFunc(out, func(x, y edge) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return out, nil
}

// dot returns the dot product of the dense weights of one vector with the vector v.
func dot(dense []float32, v vector) float64 {
	var s float64
	for k, t := range v.terms {
		s += float64(dense[t]) * float64(v.weights[k])
	}
	return s
}

// checkEvery is how many articles pass between two looks at the context.
const checkEvery = 256

// averageLink groups n articles by average-link agglomeration over the sparse
// similarities es (a missing pair counts as 0): it merges the two groups with the highest
// average similarity between their articles while it reaches threshold. Average link,
// unlike single link, does not chain: an article like one article of a group but none of
// the others does not join it. It returns the group of each article, numbered by the
// article of the group that comes first.
func averageLink(n int, es []edge) []int {
	sums := make([]map[int32]float64, n) // sums[g][h]: the total similarity of groups g and h
	size := make([]int, n)
	version := make([]int, n)
	for i := range size {
		size[i] = 1
	}
	h := &pairHeap{}
	for _, e := range es {
		if sums[e.a] == nil {
			sums[e.a] = make(map[int32]float64)
		}
		if sums[e.b] == nil {
			sums[e.b] = make(map[int32]float64)
		}
		sums[e.a][e.b] += e.sim
		sums[e.b][e.a] += e.sim
		if e.sim >= threshold {
			h.items = append(h.items, pair{avg: e.sim, a: e.a, b: e.b})
		}
	}
	heap.Init(h)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	for h.Len() > 0 {
		p := heap.Pop(h).(pair)
		if parent[p.a] != p.a || parent[p.b] != p.b || version[p.a] != p.va || version[p.b] != p.vb {
			continue // a group that has changed since
		}
		a, b := p.a, p.b
		if size[b] > size[a] || (size[b] == size[a] && b < a) {
			a, b = b, a
		}
		// b joins a.
		parent[b] = a
		size[a] += size[b]
		version[a]++
		delete(sums[a], b)
		for g, s := range sums[b] {
			if g == a {
				continue
			}
			sums[a][g] += s
			delete(sums[g], b)
			sums[g][a] += s
		}
		sums[b] = nil
		for g, s := range sums[a] {
			if avg := s / float64(size[a]*size[g]); avg >= threshold {
				x, y := a, g
				if y < x {
					x, y = y, x
				}
				heap.Push(h, pair{avg: avg, a: x, b: y, va: version[x], vb: version[y]})
			}
		}
	}
	root := func(i int32) int32 {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	// Number each group by its first article.
	label := make([]int, n)
	first := make(map[int32]int)
	for i := range n {
		r := root(int32(i))
		f, ok := first[r]
		if !ok {
			f = i
			first[r] = i
		}
		label[i] = f
	}
	return label
}

// A pair is two groups that may merge, with their average similarity and the versions
// of the groups it was computed for.
type pair struct {
	avg    float64
	a, b   int32
	va, vb int
}

// pairHeap orders pairs by average similarity, the highest first, then by group.
type pairHeap struct{ items []pair }

func (h *pairHeap) Len() int { return len(h.items) }
func (h *pairHeap) Less(i, j int) bool {
	x, y := h.items[i], h.items[j]
	if x.avg != y.avg {
		return x.avg > y.avg
	}
	if x.a != y.a {
		return x.a < y.a
	}
	return x.b < y.b
}
func (h *pairHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *pairHeap) Push(x any)    { h.items = append(h.items, x.(pair)) }
func (h *pairHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
