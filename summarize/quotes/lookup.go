package quotes

import "sort"

// The lookups in a document's table of entities that the resolution of every quotation
// makes. Each is a hash lookup or a binary search, never a walk over all the names or
// mentions of the document, so that resolving the speakers of a document of thousands
// of quotations and names stays linear in its length.

type firstNameKey struct{ surname, first string }

type initialKey struct {
	surname string
	initial byte
}

// An entityIndex finds the entities of a table by name, and their mentions.
type entityIndex struct {
	byFirst   map[firstNameKey]int // the first entity with the surname and the first name
	byInitial map[initialKey]int   // the first entity with the surname and a first name of that initial
	byShort   map[initialKey]int   // the same among first names of one or two letters
	// Built on first use, once the table is complete.
	entMentions map[int][]int32      // entity → the indexes of its mentions, in order
	surMentions map[string][]int32   // surname → the indexes of the mentions of its entities
	candidates  map[nominalKey][]int // the entities a description could stand for
}

type nominalKey struct {
	head   string
	global bool
}

// setFirst gives entity ei the first name first (folded, not empty).
func (et *entityTable) setFirst(ei int, first string) {
	e := et.ents[ei]
	e.first = first
	ix := &et.index
	if ix.byFirst == nil {
		ix.byFirst, ix.byInitial, ix.byShort = map[firstNameKey]int{}, map[initialKey]int{}, map[initialKey]int{}
	}
	least := func(v int, ok bool) bool { return !ok || ei < v }
	fk := firstNameKey{e.surname, first}
	if v, ok := ix.byFirst[fk]; least(v, ok) {
		ix.byFirst[fk] = ei
	}
	ik := initialKey{e.surname, first[0]}
	if v, ok := ix.byInitial[ik]; least(v, ok) {
		ix.byInitial[ik] = ei
	}
	if len(first) <= 2 {
		if v, ok := ix.byShort[ik]; least(v, ok) {
			ix.byShort[ik] = ei
		}
	}
}

// find returns the entity with the surname and a compatible first name, or -1: the first
// of the surname whose first name is unknown, the same, or shares its initial with an
// initial ("J." and "James").
func (et *entityTable) find(surname, first string) int {
	ids := et.byKey[surname]
	if len(ids) == 0 {
		return -1
	}
	if e := et.ents[ids[0]]; first == "" || e.first == "" || e.first == first || sameInitial(e.first, first) {
		return ids[0]
	}
	// Only the first entity of a surname can lack a first name: any other found it.
	ix := &et.index
	best := -1
	take := func(v int, ok bool) {
		if ok && (best < 0 || v < best) {
			best = v
		}
	}
	ik := initialKey{surname, first[0]}
	if len(first) <= 2 {
		v, ok := ix.byInitial[ik] // an initial matches every first name it begins
		take(v, ok)
	} else {
		v, ok := ix.byFirst[firstNameKey{surname, first}]
		take(v, ok)
		v, ok = ix.byShort[ik]
		take(v, ok)
	}
	return best
}

// voteGenders gives every "he" or "she" outside quotations a vote for the gender of the
// one person named in its sentence or the one before, when there is exactly one.
func (ds *docState) voteGenders() {
	et := ds.ents
	toks := ds.toks
	personal := func(k int) bool {
		e := et.ents[et.mentions[k].ent]
		return !e.org || e.person
	}
	// latest[k] is the last mention of a person up to mention k, and other[k], for such a
	// mention, the last one before it of another person; -1 when there is none.
	latest := make([]int, len(et.mentions))
	other := make([]int, len(et.mentions))
	p1, p2 := -1, -1 // the last person's mention, and the last of another person
	for k := range et.mentions {
		other[k] = -1
		if personal(k) {
			if p1 >= 0 && et.mentions[p1].ent != et.mentions[k].ent {
				other[k] = p1
				p2 = p1
			} else {
				other[k] = p2
			}
			p1 = k
		}
		latest[k] = p1
	}
	m := 0
	for i := range toks {
		if !ds.isWord(i) {
			continue
		}
		var g gender
		switch toks[i].lower {
		case "he", "him", "his", "himself":
			g = male
		case "she", "her", "hers", "herself":
			g = female
		default:
			continue
		}
		for m < len(et.mentions) && et.mentions[m].tok < i {
			m++
		}
		if m == 0 {
			continue
		}
		near := func(k int) bool { return k >= 0 && toks[i].sent-toks[et.mentions[k].tok].sent <= 1 }
		if k := latest[m-1]; near(k) && !near(other[k]) {
			et.ents[et.mentions[k].ent].votes[g]++
		}
	}
}

// lastNamed returns the entity with the surname named last before token pos, or -1.
func (ds *docState) lastNamed(pos int, surname string) int {
	et := ds.ents
	ix := &et.index
	if ix.surMentions == nil {
		ix.surMentions = map[string][]int32{}
		for k, mm := range et.mentions {
			s := et.ents[mm.ent].surname
			ix.surMentions[s] = append(ix.surMentions[s], int32(k))
		}
	}
	if k := lastAtMost(ix.surMentions[surname], et.lastMentionBefore(pos)); k >= 0 {
		return et.mentions[k].ent
	}
	return -1
}

// lastTokBefore returns the token of the last mention of entity ei among the mentions up
// to index m, or -1 when there is none.
func (et *entityTable) lastTokBefore(ei, m int) int {
	ix := &et.index
	if ix.entMentions == nil {
		ix.entMentions = map[int][]int32{}
		for k, mm := range et.mentions {
			ix.entMentions[mm.ent] = append(ix.entMentions[mm.ent], int32(k))
		}
	}
	if k := lastAtMost(ix.entMentions[ei], m); k >= 0 {
		return et.mentions[k].tok
	}
	return -1
}

// lastAtMost returns the last element of the ascending list that is at most m, or -1.
func lastAtMost(list []int32, m int) int {
	i := sort.Search(len(list), func(i int) bool { return int(list[i]) > m })
	if i == 0 {
		return -1
	}
	return int(list[i-1])
}

// maxCandidates is the most people a description may fit in one article: "the senator"
// among more than that many senators stands for none of them.
const maxCandidates = 64

// nominalCandidates returns the entities that a description with the head word head can
// stand for, in order, by their own titles and, with global, those other articles give
// them: the people who hold the title (any head of state's for "leader" and "chief").
// It returns nil when there are more than maxCandidates.
func (ds *docState) nominalCandidates(head string, global globalDesc) []int {
	et := ds.ents
	ix := &et.index
	key := nominalKey{head, global != nil}
	if c, ok := ix.candidates[key]; ok {
		return c
	}
	var out []int
	for ei, e := range et.ents {
		if e.org && !e.person {
			continue
		}
		var ge *entity
		if global != nil {
			ge = global[e.skel]
		}
		has := func(d string) bool { return e.desc[d] || ge != nil && ge.desc[d] }
		ok := has(head)
		if !ok && (head == "leader" || head == "chief") {
			for t := range leaderTitles {
				if ok = has(t); ok {
					break
				}
			}
		}
		if ok {
			out = append(out, ei)
		}
	}
	if len(out) > maxCandidates {
		out = nil
	}
	if ix.candidates == nil {
		ix.candidates = map[nominalKey][]int{}
	}
	ix.candidates[key] = out
	return out
}
