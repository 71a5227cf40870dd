package quotes

import (
	"strings"
)

// The rules in this file find the person a description stands for ("the Russian
// leader"), within an article and, failing that, with what every article says.

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
