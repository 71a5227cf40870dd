package quotes

import (
	"sort"
	"strings"
)

// A nameCluster is one speaker across articles: every entity whose surname has the same
// skeleton and whose first names agree.
type nameCluster struct {
	first   string         // skeleton of the first name; "" until one is known
	names   map[string]int // surface names and their weight
	order   map[string]int // first appearance of each surface name
	display string
}

// nameMerger gives the speakers of all documents their canonical names.
type nameMerger struct {
	bySurname map[string][]*nameCluster
	pending   []pendingName
	assigned  map[pendingKey]*nameCluster
	seen      int
}

type pendingKey struct {
	surname, first string
}

type pendingName struct {
	key   pendingKey
	names map[string]int
}

func newNameMerger() *nameMerger {
	return &nameMerger{bySurname: map[string][]*nameCluster{}, assigned: map[pendingKey]*nameCluster{}}
}

// personKey returns the cross-article key of a speaker who is a named person, and false
// for descriptions and organisations, which keep their own words.
func personKey(ds *docState, sp *speaker) (pendingKey, map[string]int, bool) {
	if sp.ent >= 0 {
		e := ds.ents.ents[sp.ent]
		if e.org && !e.person {
			return pendingKey{}, nil, false
		}
		return pendingKey{e.skel, skeleton(e.first)}, e.names, true
	}
	if !sp.person || sp.name == "" {
		return pendingKey{}, nil, false
	}
	w := strings.Fields(sp.name)
	k := pendingKey{surname: skeleton(w[len(w)-1])}
	if len(w) > 1 {
		k.first = skeleton(w[0])
	}
	return k, map[string]int{sp.name: 1}, true
}

// add records a speaker of a document.
func (m *nameMerger) add(ds *docState, sp *speaker) {
	k, names, ok := personKey(ds, sp)
	if !ok || k.surname == "" {
		return
	}
	m.pending = append(m.pending, pendingName{k, names})
}

// settle forms the clusters: people with a first name first, so that a bare surname
// joins the most named person who has it.
func (m *nameMerger) settle() {
	place := func(p pendingName, withFirst bool) {
		if (p.key.first != "") != withFirst {
			return
		}
		c := m.assigned[p.key]
		if c == nil {
			var best *nameCluster
			bestW := -1
			for _, cand := range m.bySurname[p.key.surname] {
				if p.key.first != "" && cand.first != "" && cand.first != p.key.first && !sameInitial(cand.first, p.key.first) {
					continue
				}
				w := 0
				for _, n := range cand.names {
					w += n
				}
				if w > bestW {
					best, bestW = cand, w
				}
			}
			if best == nil {
				best = &nameCluster{first: p.key.first, names: map[string]int{}, order: map[string]int{}}
				m.bySurname[p.key.surname] = append(m.bySurname[p.key.surname], best)
			}
			if best.first == "" {
				best.first = p.key.first
			}
			c = best
			m.assigned[p.key] = c
		}
		// In a fixed order, so that ties between names break the same way on every run.
		names := make([]string, 0, len(p.names))
		for n := range p.names {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if _, ok := c.order[n]; !ok {
				c.order[n] = m.seen
				m.seen++
			}
			c.names[n] += p.names[n]
		}
	}
	for _, p := range m.pending {
		place(p, true)
	}
	for _, p := range m.pending {
		place(p, false)
	}
	for _, cs := range m.bySurname {
		for _, c := range cs {
			best, bestN, bestW, bestO := "", -1, 0, 0
			for n, cnt := range c.names {
				w := min(len(strings.Fields(n)), 3)
				o := c.order[n]
				if w > bestW || w == bestW && (cnt > bestN || cnt == bestN && o < bestO) {
					best, bestN, bestW, bestO = n, cnt, w, o
				}
			}
			c.display = best
		}
	}
}

// canonical returns the canonical name of a speaker of a document.
func (m *nameMerger) canonical(ds *docState, sp *speaker) string {
	k, _, ok := personKey(ds, sp)
	if !ok {
		return sp.name
	}
	if c := m.assigned[k]; c != nil && c.display != "" {
		return c.display
	}
	return sp.name
}
