package summarize

import (
	"context"
	"runtime"
	"sync"
)

// A concept is a unit of content that a summary covers: a content word, or a pair of
// adjacent words that are not both stop words. Concepts are numbered by a conceptIndex.
//
// A large corpus has millions of distinct concepts, so the index is a hash table of its
// own rather than a Go map (it stores keys inline and probes linearly), and it is split
// into shards by key hash so that each processor counts the concepts of one shard.

// conceptKey numbers a word pair (a, b) or, with b < 0, a single word.
func conceptKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b+1)) }

// isUnigram reports whether key numbers a single word.
func isUnigram(key uint64) bool { return uint32(key) == 0 }

// mix scrambles a key (the finaliser of SplitMix64) so that its bits spread evenly over
// shards and slots.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// conceptTable numbers the keys of one shard: ids are dense, in order of insertion.
type conceptTable struct {
	slots []int32  // 0 for an empty slot, else id+1
	keys  []uint64 // by id
	shift uint     // 64 - log2(len(slots))
}

func newConceptTable(hint int) *conceptTable {
	bits := uint(10)
	for 1<<bits < hint*2 {
		bits++
	}
	return &conceptTable{slots: make([]int32, 1<<bits), shift: 64 - bits, keys: make([]uint64, 0, hint)}
}

// find returns the id of key (whose mix is h), if present.
func (t *conceptTable) find(key, h uint64) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if t.keys[s-1] == key {
			return s - 1, true
		}
	}
}

// insert returns the id of key (whose mix is h), adding it if needed.
func (t *conceptTable) insert(key, h uint64) (id int32, added bool) {
	mask := uint64(len(t.slots) - 1)
	i := h >> t.shift
	for ; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			break
		}
		if t.keys[s-1] == key {
			return s - 1, false
		}
	}
	id = int32(len(t.keys))
	t.keys = append(t.keys, key)
	t.slots[i] = id + 1
	if len(t.keys)*4 > len(t.slots)*3 {
		t.grow()
	}
	return id, true
}

func (t *conceptTable) grow() {
	t.slots = make([]int32, len(t.slots)*2)
	t.shift--
	mask := uint64(len(t.slots) - 1)
	for id, key := range t.keys {
		i := mix(key) >> t.shift
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(id) + 1
	}
}

// A conceptIndex numbers the concepts of a corpus: concept ids are dense over all shards,
// shard s holding ids offset[s] to offset[s]+len(shards[s].keys)-1. It also lists the
// distinct concepts of every usable sentence: those of shard s for unit i are
// lists[s][starts[s][i]:starts[s][i+1]], numbered within the shard.
type conceptIndex struct {
	shards []*conceptTable
	offset []int32
	lists  [][]int32
	starts [][]int32
}

// unitSize returns the number of distinct concepts of unit i.
func (x *conceptIndex) unitSize(i int) int {
	n := 0
	for s := range x.shards {
		n += int(x.starts[s][i+1] - x.starts[s][i])
	}
	return n
}

// unitConcepts appends to dst the ids of the distinct concepts of unit i.
func (x *conceptIndex) unitConcepts(i int, dst []int32) []int32 {
	for s := range x.shards {
		for _, id := range x.lists[s][x.starts[s][i]:x.starts[s][i+1]] {
			dst = append(dst, x.offset[s]+id)
		}
	}
	return dst
}

// id returns the id of the concept key, if the corpus has it.
func (x *conceptIndex) id(key uint64) (int32, bool) {
	h := mix(key)
	s := h % uint64(len(x.shards))
	id, ok := x.shards[s].find(key, h)
	return x.offset[s] + id, ok
}

// conceptStats gathers the concepts of the usable sentences and where they occur: one
// goroutine per shard scans the whole corpus and counts the concepts of its shard.
func (c *Corpus) conceptStats(ctx context.Context) (*conceptIndex, []conceptStat, error) {
	n := max(1, min(runtime.GOMAXPROCS(0), len(c.units)/2000))
	x := &conceptIndex{shards: make([]*conceptTable, n), offset: make([]int32, n),
		lists: make([][]int32, n), starts: make([][]int32, n)}
	stats := make([][]conceptStat, n)
	hint := len(c.terms)/n + 1024
	var wg sync.WaitGroup
	for s := range n {
		wg.Go(func() {
			t := newConceptTable(hint)
			st := make([]conceptStat, 0, hint)
			list := make([]int32, 0, len(c.terms)/n)
			starts := make([]int32, len(c.units)+1)
			for d := range c.Docs {
				if ctx.Err() != nil {
					return
				}
				for i := c.first[d]; i < c.first[d+1]; i++ {
					starts[i] = int32(len(list))
					u := &c.units[i]
					if !u.usable() {
						continue
					}
					inv := 1 / (1 + float32(u.pos))
					c.forConcepts(int(i), func(key uint64) {
						h := mix(key)
						if h%uint64(n) != uint64(s) {
							return
						}
						id, added := t.insert(key, h)
						if added {
							st = append(st, conceptStat{})
						}
						cs := &st[id]
						if cs.unit != i+1 {
							cs.unit = i + 1
							cs.tf++
							list = append(list, id)
						}
						if cs.last == int32(d+1) {
							return
						}
						cs.last = int32(d + 1)
						cs.df++
						cs.inv += inv
						cs.best = max(cs.best, inv)
						if u.pos < 2 {
							cs.lead++
						}
					})
				}
			}
			for _, title := range c.titles {
				c.forTermConcepts(title, func(key uint64) {
					h := mix(key)
					if h%uint64(n) == uint64(s) {
						if id, ok := t.find(key, h); ok {
							st[id].title = true
						}
					}
				})
			}
			starts[len(c.units)] = int32(len(list))
			x.shards[s], stats[s], x.lists[s], x.starts[s] = t, st, list, starts
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, nil, canceled(ctx, "counting concepts")
	}
	total := 0
	for s := range n {
		x.offset[s] = int32(total)
		total += len(stats[s])
	}
	all := make([]conceptStat, 0, total)
	for _, st := range stats {
		all = append(all, st...)
	}
	return x, all, nil
}

// forConcepts calls fn with each concept of unit i.
func (c *Corpus) forConcepts(i int, fn func(key uint64)) {
	c.forTermConcepts(c.tokens(i), fn)
}

// forTermConcepts calls fn with each concept of a run of terms: every content word, and
// every pair of adjacent terms that are not both stop words.
func (c *Corpus) forTermConcepts(toks []int32, fn func(key uint64)) {
	stop := c.vocab.stop
	for k, t := range toks {
		if !stop[t] {
			fn(conceptKey(t, -1))
		}
		if k > 0 && !(stop[t] && stop[toks[k-1]]) {
			fn(conceptKey(toks[k-1], t))
		}
	}
}

// parallel calls fn(lo, hi) for consecutive ranges that split [0, n), one per processor.
func parallel(n int, fn func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/1000))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
