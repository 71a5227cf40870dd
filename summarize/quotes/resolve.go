package quotes

import (
	"strings"
)

// A speaker is who a document says spoke: a person or organisation it names (ent >= 0), or
// a description it gives ("a White House official").
type speaker struct {
	name   string // as displayed
	ent    int    // the entity in the document's table, or -1
	person bool
}

// spoken records an attributed speaker: who spoke at which token.
type spoken struct {
	tok int
	ent int
}

// resolve turns the mention of an attribution into a speaker: names go to the document's
// entity with that surname, pronouns to the person last named as a subject (or the last
// speaker) of matching gender, descriptions ("the Russian leader") to the person whose
// titles match. What cannot be resolved keeps its own words when they describe someone,
// and is left empty when they do not ("they", "I"). nominal reports that the mention was
// read as a description, which the titles that other articles give may still resolve.
func (ds *docState) resolve(at *attribution, history []spoken) (sp speaker, nominal bool) {
	none := speaker{ent: -1}
	if at.a >= at.b {
		return none, false
	}
	toks := ds.toks
	switch at.kind {
	case mentionPronoun:
		w := toks[at.a].lower
		switch w {
		case "his":
			w = "he"
		case "her":
			w = "she"
		}
		switch w {
		case "he", "she":
			g := male
			if w == "she" {
				g = female
			}
			if ei := ds.antecedent(at.a, g, history); ei >= 0 {
				ds.ents.ents[ei].votes[g] += 2 // what the pronoun says of its person
				return ds.entitySpeaker(ei), false
			}
		case "who":
			// The phrase before ", who".
			j := at.a - 1
			if ds.isPunct(j, ",") {
				j--
			}
			lo, _ := ds.sentRange(toks[at.a].sent)
			if a, b, k := ds.phraseLeft(j, lo); k != mentionNone && k != mentionPronoun {
				sub := attribution{a: a, b: b, kind: k}
				sp, _ := ds.resolve(&sub, history)
				return sp, false
			}
		case "it":
			if ei := ds.antecedentOrg(at.a, history); ei >= 0 {
				return ds.entitySpeaker(ei), false
			}
		}
		return none, false
	}
	// A name, or a description with or without capitals: the last word decides.
	a, b := at.a, at.b
	for b > a && !ds.isWord(b-1) {
		b--
	}
	if b <= a {
		return none, false
	}
	last := &toks[b-1]
	if last.cap && !titles[last.lower] && (!notNames[last.lower] || !ds.opensSentence(b-1) && !timeWords[last.lower]) {
		return ds.resolveName(a, b), false
	}
	return ds.resolveNominalWith(a, b, nil), true
}

// entitySpeaker returns the speaker for entity ei.
func (ds *docState) entitySpeaker(ei int) speaker {
	e := ds.ents.ents[ei]
	return speaker{name: e.display(), ent: ei, person: e.person || !e.org}
}

// resolveName resolves the name phrase of tokens [a, b).
func (ds *docState) resolveName(a, b int) speaker {
	toks := ds.toks
	// "Rep. G.K. Butterfield (D-N.C.)", "Mr. Morgan of the Sierra Club": the name ends
	// before a bracket, and before "of" after a name.
	for k := a; k < b; k++ {
		if ds.isPunct(k, "(") || ds.isPunct(k, ",") {
			b = k
			break
		}
		if k > a && ds.isWord(k) && toks[k].lower == "of" && toks[k-1].cap && !titles[toks[k-1].lower] {
			b = k
			break
		}
	}
	for b > a && !ds.isWord(b-1) {
		b--
	}
	if b <= a {
		return speaker{ent: -1}
	}
	start := a
	for k := a; k < b; k++ {
		if titles[toks[k].lower] || isTitleCompound(toks[k].lower) || determiners[toks[k].lower] {
			start = k + 1
		}
	}
	// A name starts with a capital: "farmer Tomas Berg".
	for start < b-1 && !toks[start].cap {
		start++
	}
	// "Al Jazeera’s Yulia Shapovalova": the name follows the possessive.
	for k := start; k < b-1; k++ {
		if toks[k].poss {
			start = k + 1
		}
	}
	// Skip words that only open the sentence.
	for start < b && notNames[toks[start].lower] {
		start++
	}
	if start >= b {
		return speaker{ent: -1}
	}
	end := b
	for end-1 > start && (nameSuffixes[nameKey(toks[end-1].lower)] || !toks[end-1].cap) {
		end--
	}
	surname := nameKey(toks[end-1].lower)
	first := ""
	if end-1 > start {
		first = nameKey(toks[start].lower)
	}
	et := ds.ents
	if ei := et.find(surname, first); ei >= 0 {
		// Several people share the surname: the one named last before the mention.
		if len(et.byKey[surname]) > 1 && first == "" {
			if ej := ds.lastNamed(a, surname); ej >= 0 {
				ei = ej
			}
		}
		return ds.entitySpeaker(ei)
	}
	if first == "" {
		// A first name alone: "Hillary".
		if ids := et.byFirst[surname]; len(ids) > 0 {
			return ds.entitySpeaker(ids[0])
		}
	}
	lastTok := toks[b-1]
	endByte := lastTok.end
	return speaker{name: normalizeCaps(ds.text[toks[start].start:endByte]), ent: -1, person: first != ""}
}

// antecedent returns the person a "he" or "she" at token pos points at, or -1: the
// latest person of compatible gender that opened a sentence or spoke, within the last
// few sentences; failing that, the latest person named at all.
func (ds *docState) antecedent(pos int, g gender, history []spoken) int {
	et := ds.ents
	sent := ds.toks[pos].sent
	compatible := func(ei int) bool {
		e := et.ents[ei]
		if e.org && !e.person || !et.personLike(ei) && !ds.spokeBefore(ei, pos) {
			return false
		}
		eg := e.gender()
		return eg == unknown || eg == g
	}
	best, bestTok := -1, -1
	// A person named earlier in the same sentence, outside any quotation: "the war
	// Trump is facing, which he described as …".
	possessive := ds.toks[pos].lower == "his" || ds.toks[pos].lower == "her"
	if possessive || pos > 0 && ds.isWord(pos-1) && relativeWords[ds.toks[pos-1].lower] {
		// "He …, when he …": the same pronoun as the sentence's subject stands for the
		// same person.
		lo, _ := ds.sentRange(sent)
		if a, _, k := ds.sentenceSubject(lo, pos); k == mentionPronoun && a < pos && samePronoun(ds.toks[a].lower, ds.toks[pos].lower) {
			return ds.antecedent(a, g, history)
		}
		first := -1
		for m, n := et.lastMentionBefore(pos), 0; m >= 0 && n < maxLookBack; m, n = m-1, n+1 {
			mm := &et.mentions[m]
			if ds.toks[mm.tok].sent != sent {
				break
			}
			if !mm.poss && compatible(mm.ent) && et.personLike(mm.ent) {
				first = mm.ent // the earliest: the subject rather than an object
			}
		}
		if first >= 0 {
			return first
		}
	}
	for m, n := et.lastMentionBefore(pos), 0; m >= 0 && n < maxLookBack; m, n = m-1, n+1 {
		mm := &et.mentions[m]
		if sent-ds.toks[mm.tok].sent > 8 {
			break
		}
		if mm.subject && !mm.poss && compatible(mm.ent) {
			best, bestTok = mm.ent, mm.tok
			break
		}
	}
	for h, n := len(history)-1, 0; h >= 0 && n < maxLookBack; h, n = h-1, n+1 {
		s := history[h]
		if s.tok >= pos || s.ent < 0 {
			continue
		}
		if sent-ds.toks[s.tok].sent > 8 {
			break
		}
		if compatible(s.ent) {
			if s.tok > bestTok {
				best = s.ent
			}
			break
		}
	}
	if best >= 0 {
		return best
	}
	for m, n := et.lastMentionBefore(pos), 0; m >= 0 && n < maxLookBack; m, n = m-1, n+1 {
		mm := &et.mentions[m]
		if sent-ds.toks[mm.tok].sent > 3 {
			break
		}
		if compatible(mm.ent) && et.ents[mm.ent].person {
			return mm.ent
		}
	}
	return -1
}

// samePronoun reports whether the subject pronoun a and the pronoun b, a subject or a
// possessive, point at a person of one gender: "he" and "his", "she" and "her".
func samePronoun(a, b string) bool {
	switch a {
	case "he":
		return b == "he" || b == "his"
	case "she":
		return b == "she" || b == "her"
	}
	return false
}

// relativeWords open a clause inside a sentence, where "he" is most often the person the
// sentence already named: "the war Trump faces, which he called …".
var relativeWords = set("which", "that", "as", "where", "when", "what", "how", "while", "because", "after", "before", "since", "until", "whom")

// maxLookBack is the most names, or earlier speakers, that a pronoun looks back over
// for its antecedent, besides the limit in sentences: in a sentence of thousands of
// names, each pronoun would otherwise read them all.
const maxLookBack = 64

// spokeBefore reports whether entity ei was attributed a quotation before token pos.
func (ds *docState) spokeBefore(ei, pos int) bool {
	tok, ok := ds.spoke[ei]
	return ok && tok < pos
}

// spokeAt records that entity ei (or no entity, -1) was attributed a quotation at token
// tok.
func (ds *docState) spokeAt(history []spoken, tok, ei int) []spoken {
	if ei >= 0 {
		if t, ok := ds.spoke[ei]; !ok || tok < t {
			if ds.spoke == nil {
				ds.spoke = map[int]int{}
			}
			ds.spoke[ei] = tok
		}
	}
	return append(history, spoken{tok: tok, ent: ei})
}

// antecedentOrg returns the organisation an "it" at token pos points at, or -1: the
// latest organisation that spoke or opened a sentence in the last two sentences.
func (ds *docState) antecedentOrg(pos int, history []spoken) int {
	et := ds.ents
	sent := ds.toks[pos].sent
	for m, n := et.lastMentionBefore(pos), 0; m >= 0 && n < maxLookBack; m, n = m-1, n+1 {
		mm := &et.mentions[m]
		if sent-ds.toks[mm.tok].sent > 2 {
			break
		}
		if mm.subject && et.ents[mm.ent].org {
			return mm.ent
		}
	}
	return -1
}

// globalDesc holds what all the articles of a corpus say of each person: titles and
// nationality, by the skeleton of the surname.
type globalDesc map[string]*entity

// add records the people of a document.
func (g globalDesc) add(ds *docState) {
	if ds.ents == nil {
		return
	}
	for _, e := range ds.ents.ents {
		if e.org && !e.person {
			continue
		}
		ge := g[e.skel]
		if ge == nil {
			ge = &entity{desc: map[string]bool{}}
			g[e.skel] = ge
		}
		for d := range e.desc {
			ge.desc[d] = true
		}
		if ge.nation == "" {
			ge.nation = e.nation
		}
	}
}

// resolveNominalWith resolves a description such as "the Russian leader" or "White House
// press secretary" to the person whose titles match it: the same head title (any head of
// state's title for "leader"), no conflicting nationality, and no "vice" the description
// lacks. With global, the titles that other articles give each person count too: "the US
// leader" in an article that never calls Trump president still finds him when another
// article does. A description that matches no one keeps its own words.
func (ds *docState) resolveNominalWith(a, b int, global globalDesc) speaker {
	toks := ds.toks
	var words []string
	for k := a; k < b; k++ {
		if ds.isWord(k) {
			words = append(words, toks[k].lower)
		}
	}
	for len(words) > 0 && determiners[words[0]] {
		words = words[1:]
	}
	if len(words) == 0 {
		return speaker{ent: -1}
	}
	desc := ds.describe(a, b)
	head := words[len(words)-1]
	if parts := strings.Split(head, "-"); len(parts) > 1 {
		head = parts[len(parts)-1]
	}
	if !titles[head] && !isTitleCompound(head) {
		return speaker{name: desc, ent: -1}
	}
	nation := ""
	mods := words[:len(words)-1]
	for i, w := range mods {
		if n := nationalities[w]; n != "" {
			nation = n
		}
		if i+1 < len(mods) {
			if n := nationalities[w+" "+mods[i+1]]; n != "" {
				nation = n
			}
		}
	}
	et := ds.ents
	best, bestScore, bestTok := -1, 0, -1
	before := et.lastMentionBefore(a)
	for _, ei := range ds.nominalCandidates(head, global) {
		e := et.ents[ei]
		// The entity's titles, and with global those the other articles give it too.
		var ge *entity
		if global != nil {
			ge = global[e.skel]
		}
		has := func(d string) bool { return e.desc[d] || ge != nil && ge.desc[d] }
		nat := e.nation
		if nat == "" && ge != nil {
			nat = ge.nation
		}
		// "Vice President J.D. Vance" is not "the president".
		if has("vice") || has("deputy") || has("assistant") {
			sub := false
			for _, w := range mods {
				sub = sub || subordinate[w]
			}
			if !sub && !strings.Contains(head, "-") {
				continue
			}
		}
		score := 0
		switch {
		case has(head):
			score = 3
		case head == "leader" || head == "chief":
			for t := range leaderTitles {
				if has(t) {
					score = 2
					break
				}
			}
		}
		if score == 0 {
			continue
		}
		if nation != "" {
			switch nat {
			case nation:
				score += 2
			case "":
			default:
				continue
			}
		}
		for _, w := range mods {
			if has(w) && nationalities[w] == "" {
				score++
			}
		}
		tok := et.lastTokBefore(ei, before)
		if tok < 0 {
			score-- // named only after the description
		}
		if score > bestScore || score == bestScore && tok > bestTok {
			best, bestScore, bestTok = ei, score, tok
		}
	}
	if best >= 0 && bestScore >= 2 {
		return ds.entitySpeaker(best)
	}
	return speaker{name: desc, ent: -1}
}

// describe returns the words of a description as a speaker's name: "a White House
// official", "the Florida senator".
func (ds *docState) describe(a, b int) string {
	s := ds.text[ds.toks[a].start:ds.toks[b-1].end]
	s = strings.Join(strings.Fields(s), " ")
	if ds.toks[a].cap && determiners[ds.toks[a].lower] {
		s = strings.ToLower(s[:1]) + s[1:]
	}
	return s
}
