package quotes

// The rules in this file find the person a pronoun stands for.

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
		if sent-ds.toks[mm.tok].sent > pronounSentences {
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
		if sent-ds.toks[s.tok].sent > pronounSentences {
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
		if sent-ds.toks[mm.tok].sent > pronounNamedSentences {
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
		if sent-ds.toks[mm.tok].sent > itSentences {
			break
		}
		if mm.subject && et.ents[mm.ent].org {
			return mm.ent
		}
	}
	return -1
}
