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
	seq     int             // the cluster's place among those of its surname
	total   int             // the sum of the weights of names
	again   map[*entity]int // entities whose names were added more than once: the extra times
}

// The clusters of one surname skeleton, and indexes of them by first name: placing a
// speaker compares it with a few clusters, not with every one of its surname.
type surnameClusters struct {
	all       []*nameCluster
	byFirst   map[string]*nameCluster // by first name (no two clusters share one)
	byInitial map[byte][]*nameCluster // by the initial of the first name
	short     map[byte]*nameCluster   // by the initial, among first names of one or two letters
	noFirst   []*nameCluster
}

// nameMerger gives the speakers of all documents their canonical names.
type nameMerger struct {
	bySurname map[string]*surnameClusters
	pending   []pendingName
	assigned  map[pendingKey]*nameCluster
	added     map[*nameCluster]map[*entity]bool
	weight    map[*entity]int // the sum of the weights of an entity's names
	seen      int
}

type pendingKey struct {
	surname, first string
}

type pendingName struct {
	key   pendingKey
	names map[string]int
	ent   *entity // whose names they are; nil for a speaker no entity stands for
}

func newNameMerger() *nameMerger {
	return &nameMerger{bySurname: map[string]*surnameClusters{}, assigned: map[pendingKey]*nameCluster{},
		added: map[*nameCluster]map[*entity]bool{}, weight: map[*entity]int{}}
}

// personKey returns the cross-article key of a speaker who is a named person, with its
// names and its entity, and false for descriptions and organisations, which keep their
// own words.
func personKey(ds *docState, sp *speaker) (pendingKey, map[string]int, *entity, bool) {
	if sp.ent >= 0 {
		e := ds.ents.ents[sp.ent]
		if e.org && !e.person {
			return pendingKey{}, nil, nil, false
		}
		return pendingKey{e.skel, skeleton(e.first)}, e.names, e, true
	}
	if !sp.person || sp.name == "" {
		return pendingKey{}, nil, nil, false
	}
	w := strings.Fields(sp.name)
	k := pendingKey{surname: skeleton(w[len(w)-1])}
	if len(w) > 1 {
		k.first = skeleton(w[0])
	}
	return k, map[string]int{sp.name: 1}, nil, true
}

// add records a speaker of a document.
func (m *nameMerger) add(ds *docState, sp *speaker) {
	k, names, e, ok := personKey(ds, sp)
	if !ok || k.surname == "" {
		return
	}
	m.pending = append(m.pending, pendingName{k, names, e})
}

// best returns the cluster of surname clusters sc that a speaker with the first name
// first joins: of those whose first names agree with it, the one of most weight, the
// first made among equals; nil when none agrees.
func (sc *surnameClusters) best(first string) *nameCluster {
	var best *nameCluster
	consider := func(c *nameCluster) {
		if c != nil && (best == nil || c.total > best.total || c.total == best.total && c.seq < best.seq) {
			best = c
		}
	}
	// The clusters with no first name agree with any; they are made last, by speakers
	// with no first name, who agree with every cluster.
	for _, c := range sc.noFirst {
		consider(c)
	}
	switch {
	case first == "":
		for _, c := range sc.all {
			consider(c)
		}
	case len(first) <= 2:
		for _, c := range sc.byInitial[first[0]] {
			consider(c) // an initial agrees with every first name it begins
		}
	default:
		consider(sc.byFirst[first])
		consider(sc.short[first[0]])
	}
	return best
}

// newCluster makes a cluster of surname clusters sc with the first name first.
func (sc *surnameClusters) newCluster(first string) *nameCluster {
	c := &nameCluster{first: first, names: map[string]int{}, order: map[string]int{}, seq: len(sc.all)}
	sc.all = append(sc.all, c)
	if first == "" {
		sc.noFirst = append(sc.noFirst, c)
		return c
	}
	sc.byFirst[first] = c
	sc.byInitial[first[0]] = append(sc.byInitial[first[0]], c)
	if len(first) <= 2 {
		sc.short[first[0]] = c
	}
	return c
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
			sc := m.bySurname[p.key.surname]
			if sc == nil {
				sc = &surnameClusters{byFirst: map[string]*nameCluster{}, byInitial: map[byte][]*nameCluster{}, short: map[byte]*nameCluster{}}
				m.bySurname[p.key.surname] = sc
			}
			c = sc.best(p.key.first)
			if c == nil {
				c = sc.newCluster(p.key.first)
			}
			m.assigned[p.key] = c
		}
		m.addNames(c, p)
	}
	for _, p := range m.pending {
		place(p, true)
	}
	for _, p := range m.pending {
		place(p, false)
	}
	for _, sc := range m.bySurname {
		for _, c := range sc.all {
			for e, n := range c.again {
				for name, w := range e.names {
					c.names[name] += n * w
				}
			}
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

// addNames adds the names of a speaker to cluster c. The names of an entity already
// added are counted, and added up once settled: a speaker quoted a thousand times does
// not add its names a thousand times.
func (m *nameMerger) addNames(c *nameCluster, p pendingName) {
	if e := p.ent; e != nil {
		w, ok := m.weight[e]
		if !ok {
			for _, n := range e.names {
				w += n
			}
			m.weight[e] = w
		}
		if m.added[c][e] {
			if c.again == nil {
				c.again = map[*entity]int{}
			}
			c.again[e]++
			c.total += w
			return
		}
		if m.added[c] == nil {
			m.added[c] = map[*entity]bool{}
		}
		m.added[c][e] = true
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
		c.total += p.names[n]
	}
}

// canonical returns the canonical name of a speaker of a document.
func (m *nameMerger) canonical(ds *docState, sp *speaker) string {
	k, _, _, ok := personKey(ds, sp)
	if !ok {
		return sp.name
	}
	if c := m.assigned[k]; c != nil && c.display != "" {
		return c.display
	}
	return sp.name
}
