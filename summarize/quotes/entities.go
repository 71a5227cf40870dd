package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// gender is what a pronoun tells of its antecedent.
type gender uint8

const (
	unknown gender = iota
	male
	female
	plural
	neuter
)

// An entity is a person or an organisation that a document names.
type entity struct {
	names   map[string]int // full surface names ("Vladimir Putin") and how often each is used
	first   string         // folded first name, "" when only a surname was seen
	surname string         // folded surname: the key
	skel    string         // skeleton(surname): the key across documents
	desc    map[string]bool
	nation  string // the nationality its titles give, if any ("russia")
	person  bool   // a title, a first name or a gendered pronoun says it is a person
	org     bool
	votes   [5]int // pronoun votes by gender
	name    string // display, once shown
	shown   bool
}

// display returns the entity's fullest and most frequent name. It is read once the
// table is complete, and made once.
func (e *entity) display() string {
	if !e.shown {
		e.name, e.shown = e.fullest(), true
	}
	return e.name
}

// fullest returns the entity's fullest and most frequent name.
func (e *entity) fullest() string {
	best, bestN, bestW := "", -1, 0
	for n, c := range e.names {
		w := len(strings.Fields(n))
		if w > 3 {
			w = 3
		}
		if w > bestW || w == bestW && (c > bestN || c == bestN && n < best) {
			best, bestN, bestW = n, c, w
		}
	}
	return best
}

func (e *entity) gender() gender {
	m, f := e.votes[male], e.votes[female]
	switch {
	case m > f:
		return male
	case f > m:
		return female
	}
	return unknown
}

// A nameMention is one place where a document names an entity.
type nameMention struct {
	tok     int // first token of the name
	ent     int
	subject bool // it opens its sentence, or is the subject of a speech verb
	poss    bool
}

// entityTable holds the entities of one document and where they are named, in order.
type entityTable struct {
	ents     []*entity
	byKey    map[string][]int // surname → entities
	byFirst  map[string][]int // first name → entities
	mentions []nameMention
	index    entityIndex
}

// nameKey returns the key of a name token: folded, without periods.
func nameKey(w string) string {
	return fold(strings.ReplaceAll(w, ".", ""))
}

var nameSuffixes = set("jr", "sr", "ii", "iii", "iv")

// personalTitle reports whether a title word is held by people only.
func personalTitle(w string) bool {
	switch w {
	case "press", "state", "former", "house", "white", "member", "head", "chief":
		return false
	}
	return titles[w]
}

func titleGender(w string) gender {
	switch w {
	case "mr", "sir", "king", "prince", "lord", "congressman", "spokesman", "chairman",
		"businessman", "councilman", "actor", "father", "fr", "rabbi", "pope":
		return male
	case "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "congresswoman",
		"spokeswoman", "chairwoman", "businesswoman", "councilwoman", "actress", "sister":
		return female
	}
	return unknown
}

// buildEntities finds the names of the document outside quotations: runs of capitalised
// words, split into titles and descriptions ("Russian President") and the name itself
// ("Vladimir Putin").
func (ds *docState) buildEntities() {
	et := &entityTable{byKey: map[string][]int{}, byFirst: map[string][]int{}}
	ds.ents = et
	toks := ds.toks
	for i := 0; i < len(toks); {
		if ds.stop.stop() {
			return // extractDoc drops the document
		}
		if !ds.isWord(i) || !toks[i].cap {
			i++
			continue
		}
		j := i
		for j < len(toks) && ds.isWord(j) && toks[j].sent == toks[i].sent {
			t := &toks[j]
			if t.cap {
				if t.poss {
					j++
					break
				}
				j++
				continue
			}
			if nameParticles[t.lower] && j+1 < len(toks) && ds.isWord(j+1) && toks[j+1].cap && toks[j+1].sent == t.sent {
				j++
				continue
			}
			break
		}
		ds.addName(i, j)
		i = j
	}
	ds.voteGenders()
}

var nameParticles = set("de", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "da", "di", "del", "of", "ibn", "el", "dos", "das", "y")

// addName records the name phrase of tokens [a, b).
func (ds *docState) addName(a, b int) {
	toks := ds.toks
	// Leading words capitalised only because they open the sentence.
	for a < b && (notNames[toks[a].lower] && !titles[toks[a].lower] || toks[a].lower == "the") {
		a++
	}
	if a >= b {
		return
	}
	// The name starts after the last title.
	desc := map[string]bool{}
	g := unknown
	personal := false
	start := a
	for k := a; k < b; k++ {
		w := toks[k].lower
		if titles[w] || isTitleCompound(w) {
			start = k + 1
		}
	}
	for k := a; k < start; k++ {
		w := toks[k].lower
		addDesc(desc, w)
		if personalTitle(w) {
			personal = true
		}
		if tg := titleGender(w); tg != unknown {
			g = tg
		}
	}
	// Lower-case roles and capitalised words before the run: "Kremlin spokesman Dmitry
	// Peskov", "the US vice-president JD Vance".
	for k := a - 1; k >= 0 && k >= a-6 && ds.isWord(k) && toks[k].sent == toks[a].sent; k-- {
		w := toks[k].lower
		if titles[w] || isTitleCompound(w) || toks[k].cap && !notNames[w] || nationalities[w] != "" {
			addDesc(desc, w)
			if personalTitle(w) || isTitleCompound(w) {
				personal = true
			}
			if tg := titleGender(w); tg != unknown {
				g = tg
			}
			continue
		}
		break
	}
	name := toks[start:b]
	for len(name) > 0 && (timeWords[name[len(name)-1].lower] || notNames[name[len(name)-1].lower] && name[len(name)-1].first || nameParticles[name[len(name)-1].lower]) && !name[len(name)-1].poss {
		name = name[:len(name)-1]
	}
	if len(name) == 0 {
		return
	}
	last := len(name) - 1
	for last > 0 && nameSuffixes[nameKey(name[last].lower)] {
		last--
	}
	surname := nameKey(name[last].lower)
	if surname == "" || len(name) > 5 {
		return
	}
	first := ""
	if last > 0 {
		first = nameKey(name[0].lower)
	}
	// The surface form, without a possessive.
	lastTok := name[len(name)-1]
	end := lastTok.end
	if lastTok.poss {
		end = lastTok.start + len(strings.TrimSuffix(strings.TrimSuffix(ds.text[lastTok.start:lastTok.end], "’s"), "'s"))
	}
	surface := normalizeCaps(ds.text[name[0].start:end])
	// Apposition after the name: "Zelensky, Ukraine’s president," / "Sanders, the
	// Vermont senator,".
	if b < len(toks) && ds.isPunct(b, ",") {
		k := b + 1
		if ds.isWord(k) && (determiners[toks[k].lower] || toks[k].poss) {
			for n := 0; k < len(toks) && n < 8 && ds.isWord(k) && !npBreaks[toks[k].lower]; k, n = k+1, n+1 {
				addDesc(desc, toks[k].lower)
				if personalTitle(toks[k].lower) {
					personal = true
				}
			}
		}
	}
	if a >= 2 && ds.isPunct(a-1, ",") && ds.isWord(a-2) && titles[toks[a-2].lower] {
		k := a - 2
		for n := 0; k >= 0 && n < 6 && ds.isWord(k) && !npBreaks[toks[k].lower]; k, n = k-1, n+1 {
			if determiners[toks[k].lower] || toks[k].poss {
				for j := k + 1; j < a-1; j++ {
					addDesc(desc, toks[j].lower)
				}
				break
			}
		}
	}
	et := ds.ents
	ei := et.find(surname, first)
	if ei < 0 {
		ei = len(et.ents)
		et.ents = append(et.ents, &entity{names: map[string]int{}, surname: surname, skel: skeleton(surname), desc: map[string]bool{}})
		et.byKey[surname] = append(et.byKey[surname], ei)
		if first != "" {
			et.setFirst(ei, first)
			et.byFirst[first] = append(et.byFirst[first], ei)
		}
	}
	e := et.ents[ei]
	if e.first == "" && first != "" {
		et.setFirst(ei, first)
		et.byFirst[first] = append(et.byFirst[first], ei)
	}
	e.names[surface]++
	for d := range desc {
		e.desc[d] = true
		if n := nationalities[d]; n != "" && e.nation == "" {
			e.nation = n
		}
	}
	if g != unknown {
		e.votes[g] += 3
	}
	lastLower := name[last].lower
	switch {
	case orgHeads[lastLower] || nationalities[lastLower] != "" || isAcronym(ds.text[name[last].start:name[last].end]):
		e.org = true
	case personal || first != "":
		e.person = true
	}
	subject := toks[a].first || ds.cueFollows(b)
	if !subject && a > 0 {
		// After a leading connective or time phrase: "But Putin", "On Monday, Putin".
		k := a - 1
		if ds.isPunct(k, ",") && ds.leadingAdverbial(k) || ds.isWord(k) && notNames[toks[k].lower] && toks[k].first {
			subject = true
		}
	}
	et.mentions = append(et.mentions, nameMention{tok: start, ent: ei, subject: subject, poss: lastTok.poss})
}

// leadingAdverbial reports whether the comma at token k closes a short phrase that opens
// its sentence without naming anyone ("On Monday,", "In a statement,").
func (ds *docState) leadingAdverbial(k int) bool {
	lo, _ := ds.sentRange(ds.toks[k].sent)
	if k-lo > 6 {
		return false
	}
	for i := lo; i < k; i++ {
		t := &ds.toks[i]
		if t.kind != tokWord || t.cap && !notNames[t.lower] && i > lo {
			return false
		}
	}
	return true
}

// personLike reports whether entity ei may be what "he" or "she" points at: a person by
// its titles or first name, or one that pronouns have followed.
func (et *entityTable) personLike(ei int) bool {
	e := et.ents[ei]
	return e.person || e.votes[male]+e.votes[female] > 0 && !e.org
}

// cueFollows reports whether a speech verb follows token b closely ("Putin said").
func (ds *docState) cueFollows(b int) bool {
	for k := b; k < len(ds.toks) && k < b+3; k++ {
		if _, ok := ds.cueAt(k); ok {
			return true
		}
		if !ds.isWord(k) || !ds.skippable(k) {
			return false
		}
	}
	return false
}

func isTitleCompound(w string) bool {
	if !strings.ContainsRune(w, '-') {
		return false
	}
	for _, p := range strings.Split(w, "-") {
		if titles[p] {
			return true
		}
	}
	return false
}

func addDesc(desc map[string]bool, w string) {
	desc[w] = true
	if strings.ContainsRune(w, '-') {
		parts := strings.Split(w, "-")
		if subordinate[parts[0]] {
			desc[parts[0]] = true // a vice-president is no president
			return
		}
		for _, p := range parts {
			if p != "" {
				desc[p] = true
			}
		}
	}
}

// subordinate are the words that make a title someone else's rank: "vice-president",
// "deputy minister", "ex-president".
var subordinate = set("vice", "deputy", "ex", "former", "assistant", "acting", "co", "under", "lieutenant")

// isAcronym reports whether w is written in capitals and is short: "CNN", "FBI".
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
		n++
	}
	return n >= 2 && n <= 5
}

// normalizeCaps writes a name typed in capitals ("PENCE", "DONALD TRUMP") in title case.
func normalizeCaps(s string) string {
	letters, upper := 0, 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			upper++
			letters++
		} else if r >= 'a' && r <= 'z' {
			letters++
		}
	}
	if letters < 6 || upper < letters {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		// The first letter, not the first byte: "ÉMILE" is "Émile".
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

func sameInitial(a, b string) bool {
	// "J.D." and "JD" and "James" share their initial, but only a one- or two-letter form
	// is an initial.
	if len(a) > 2 && len(b) > 2 {
		return false
	}
	return a != "" && b != "" && a[0] == b[0]
}

// lastMentionBefore returns the index in et.mentions of the last mention that starts
// before token pos.
func (et *entityTable) lastMentionBefore(pos int) int {
	lo, hi := 0, len(et.mentions)
	for lo < hi {
		m := (lo + hi) / 2
		if et.mentions[m].tok < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}
