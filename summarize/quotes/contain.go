package quotes

import (
	"cmp"
	"slices"
	"strings"
)

// containers returns, for each quotation i of all, the quotation it lies inside: the
// longest quotation of the same speaker whose words hold the words of i in a row (the
// first of them in all when several are as long, lengths counted in bytes of their word
// keys), or -1 when there is none or i has fewer than three words.
//
// Comparing every quotation with every other that shares its words would be quadratic
// in their number. Instead the quotations of each speaker are the patterns of an
// Aho-Corasick automaton over their words, and each quotation, the longest first, is
// read through it once: a pattern takes as its container the first quotation in which it
// is found. Each node of the automaton is followed along its output links once, so the
// cost is linear in the words of the quotations.
func containers(all []keyed) []int {
	into := make([]int, len(all))
	for i := range into {
		into[i] = -1
	}
	bySpeaker := map[string][]int{}
	var speakers []string
	for i, k := range all {
		if _, ok := bySpeaker[k.speaker]; !ok {
			speakers = append(speakers, k.speaker)
		}
		bySpeaker[k.speaker] = append(bySpeaker[k.speaker], i)
	}
	t := &trie{ids: map[string]int32{}, next: map[uint64]int32{}}
	for _, s := range speakers {
		if members := bySpeaker[s]; len(members) > 1 {
			t.contain(all, members, into)
		}
	}
	return into
}

// A trie is the Aho-Corasick automaton over the word sequences of one speaker's
// quotations, reused from speaker to speaker. Node 0 is the root.
type trie struct {
	ids    map[string]int32 // word → its number, across speakers
	next   map[uint64]int32 // node<<32 | word → child
	parent []int32
	word   []int32 // the word of the edge from the parent
	depth  []int32
	fail   []int32 // the longest proper suffix that is a node
	out    []int32 // the nearest node on the fail chain, itself excluded, where a pattern ends; 0 if none
	end    []int32 // the first pattern (an index into all) that ends at the node, or -1
	more   map[int32][]int32
	seen   []bool // the patterns of the node and of its output chain have their container
	words  []int32
	starts []int
}

func (t *trie) reset() {
	clear(t.next)
	clear(t.more)
	t.parent, t.word, t.depth = append(t.parent[:0], 0), append(t.word[:0], -1), append(t.depth[:0], 0)
	t.fail, t.out, t.end = append(t.fail[:0], 0), append(t.out[:0], 0), append(t.end[:0], -1)
	t.words, t.starts = t.words[:0], t.starts[:0]
}

func (t *trie) key(n, w int32) uint64 { return uint64(uint32(n))<<32 | uint64(uint32(w)) }

// add returns the child of node n on word w, making it when there is none.
func (t *trie) add(n, w int32) int32 {
	if c, ok := t.next[t.key(n, w)]; ok {
		return c
	}
	c := int32(len(t.parent))
	t.next[t.key(n, w)] = c
	t.parent, t.word, t.depth = append(t.parent, n), append(t.word, w), append(t.depth, t.depth[n]+1)
	t.fail, t.out, t.end = append(t.fail, 0), append(t.out, 0), append(t.end, -1)
	return c
}

// step follows word w from node n, through the fail links when n has no such child.
func (t *trie) step(n, w int32) int32 {
	for {
		if c, ok := t.next[t.key(n, w)]; ok {
			return c
		}
		if n == 0 {
			return 0
		}
		n = t.fail[n]
	}
}

// byDepth returns the nodes but the root in order of depth: a counting sort.
func (t *trie) byDepth() []int32 {
	var count []int
	for _, d := range t.depth[1:] {
		for int(d) >= len(count) {
			count = append(count, 0)
		}
		count[d]++
	}
	at := 0
	for d, n := range count {
		count[d] = at
		at += n
	}
	order := make([]int32, len(t.depth)-1)
	for c := 1; c < len(t.depth); c++ {
		d := t.depth[c]
		order[count[d]] = int32(c)
		count[d]++
	}
	return order
}

// contain sets into for the quotations members of all, which share one speaker.
func (t *trie) contain(all []keyed, members []int, into []int) {
	t.reset()
	for _, i := range members {
		t.starts = append(t.starts, len(t.words))
		for _, s := range strings.Fields(all[i].words) {
			id, ok := t.ids[s]
			if !ok {
				id = int32(len(t.ids))
				t.ids[s] = id
			}
			t.words = append(t.words, id)
		}
	}
	t.starts = append(t.starts, len(t.words))
	wordsOf := func(m int) []int32 { return t.words[t.starts[m]:t.starts[m+1]] }
	for m, i := range members {
		w := wordsOf(m)
		if len(w) < 3 {
			continue // too short to lie inside another quotation
		}
		n := int32(0)
		for _, id := range w {
			n = t.add(n, id)
		}
		if t.end[n] < 0 {
			t.end[n] = int32(i)
		} else {
			if t.more == nil {
				t.more = map[int32][]int32{}
			}
			t.more[n] = append(t.more[n], int32(i))
		}
	}
	// The fail and output links, node by node in order of depth.
	for _, c := range t.byDepth() {
		f := int32(0)
		if p := t.parent[c]; p != 0 {
			f = t.step(t.fail[p], t.word[c])
		}
		t.fail[c] = f
		if t.end[f] >= 0 {
			t.out[c] = f
		} else {
			t.out[c] = t.out[f]
		}
	}
	t.seen = slices.Grow(t.seen[:0], len(t.parent))[:len(t.parent)]
	clear(t.seen)
	// The longest quotations first, then in order: the first that holds a pattern is its
	// container.
	byLength := make([]int, len(members))
	for m := range byLength {
		byLength[m] = m
	}
	slices.SortStableFunc(byLength, func(a, b int) int {
		return cmp.Compare(len(all[members[b]].words), len(all[members[a]].words))
	})
	for _, m := range byLength {
		j := members[m]
		n := int32(0)
		for _, w := range wordsOf(m) {
			n = t.step(n, w)
			u := n
			if t.end[u] < 0 {
				u = t.out[u]
			}
			for ; u > 0 && !t.seen[u]; u = t.out[u] {
				t.seen[u] = true
				t.assign(all, t.end[u], j, into)
				for _, p := range t.more[u] {
					t.assign(all, p, j, into)
				}
			}
		}
	}
}

// assign makes quotation j the container of pattern p, unless p has one: only a longer
// quotation contains p (one as long is p itself), and every longer one was read before j.
func (t *trie) assign(all []keyed, p int32, j int, into []int) {
	if int(p) != j && into[p] < 0 && len(all[p].words) < len(all[j].words) {
		into[p] = j
	}
}
