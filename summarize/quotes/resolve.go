package quotes

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
	// "said the bureau's director, James B. Comey, on Monday": the name in apposition to
	// the description speaks.
	if a2, b2, ok := ds.apposedName(b, at.cue); ok && !ds.namesSomeone(a, b) {
		at.a, at.b, at.kind = a, b2, mentionName
		return ds.resolveName(a2, b2), false
	}
	return ds.resolveNominalWith(a, b, nil), true
}

// apposedName returns the name that follows a description ending at token b (exclusive)
// in apposition: a comma, then a name that another comma, the end of the sentence or
// the cue at token cue closes. It reports false when none does.
func (ds *docState) apposedName(b, cue int) (int, int, bool) {
	if !ds.isPunct(b, ",") {
		return 0, 0, false
	}
	_, hi := ds.sentRange(ds.toks[b].sent)
	a2, b2, k := ds.phraseRight(b+1, hi)
	if k != mentionName || b2 >= hi || ds.toks[a2].poss || !ds.namesSomeone(a2, b2) {
		return 0, 0, false
	}
	if !ds.isPunct(b2, ",") && !ds.endsClause(b2) && b2 != cue {
		return 0, 0, false
	}
	return a2, b2, true
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
	rest := -1 // after a comma: "Her campaign manager, Robby Mook"
	for k := a; k < b; k++ {
		if ds.isPunct(k, "(") || ds.isPunct(k, ",") {
			if ds.isPunct(k, ",") {
				rest = k + 1
			}
			end := b
			b = k
			if rest >= 0 && !ds.namesSomeone(a, b) {
				return ds.resolveName(rest, end)
			}
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

// namesSomeone reports whether the phrase of tokens [a, b) holds a name: a capitalised
// word that is no title, no determiner, no word that only opens a sentence, and no
// possessive (in "Apple's chief executive" Apple is whose executive).
func (ds *docState) namesSomeone(a, b int) bool {
	for k := a; k < b; k++ {
		t := &ds.toks[k]
		if ds.isWord(k) && t.cap && !t.poss && !titles[t.lower] && !isTitleCompound(t.lower) && !determiners[t.lower] && !notNames[t.lower] {
			return true
		}
	}
	return false
}
