package quotes

import (
	"strings"
)

// prepositions take a noun phrase as their object: a phrase right after one is no
// subject.
var prepositions = set("in", "on", "at", "with", "by", "from", "into", "about", "over",
	"under", "through", "during", "without", "against", "between", "among", "upon", "via",
	"despite", "amid", "toward", "towards", "across", "around", "behind", "beyond", "near",
	"inside", "outside", "along", "past", "throughout", "onto", "to")

// passive reports whether the speech verb at token v is a passive participle: after a
// form of "be" ("was asked by") or right after a noun ("measures added by").
func (ds *docState) passive(v int) bool {
	j := ds.seekBack(seekUnpassiveBack, v-1, 0)
	if !ds.isWord(j) {
		return false
	}
	w := ds.toks[j].lower
	if beForms[w] {
		return true
	}
	_, pro := pronouns[w]
	return !ds.toks[j].cap && !pro && !npBreaks[w] && !determiners[w]
}

// pastVerbs are common verbs in the past that do not end in -ed: they end a description
// ("Her campaign sent …").
var pastVerbs = set("sent", "made", "gave", "took", "held", "met", "won", "lost", "ran", "kept",
	"left", "brought", "began", "found", "got", "thought", "felt", "led", "paid", "spent",
	"built", "bought", "became", "came", "saw", "sought", "taught", "fought", "drew", "grew",
	"knew", "threw", "chose", "rose", "fell", "struck", "stood", "sat")

// beForms are the forms of "be" that make a passive.
var beForms = set("is", "was", "were", "are", "be", "been", "being")

// mediumNouns are the ways words travel: "said by phone" names no agent.
var mediumNouns = set("phone", "telephone", "way", "mail", "hand", "video", "text", "satellite",
	"radio", "television", "videoconference", "teleconference", "message")

// coordinators join two main clauses: "…, but he said".
var coordinators = set("and", "but", "yet", "so")

// speakerOf finds the speaker of the cue at token v, inside the sentence tokens [lo, hi);
// ra is the opening mark of the quotation.
func (ds *docState) speakerOf(v, lo, hi, ra int) (attribution, bool) {
	lemma, _ := ds.cueAt(v)
	at := attribution{cue: v, cueText: ds.text[ds.toks[v].start:ds.toks[v].end], from: -1}
	if lemma == "according to" {
		at.cueText = "according to"
		a, b, k := ds.phraseRight(v+2, hi)
		if k == mentionNone {
			return at, false
		}
		at.a, at.b, at.kind = a, b, k
		return at, true
	}
	// "Sanders was asked by host Bill Maher", "measures added by Republicans": the agent
	// of a passive speech verb spoke.
	if ds.isWord(v+1) && ds.toks[v+1].lower == "by" && ds.passive(v) && ds.isWord(v+2) && !strings.HasSuffix(ds.toks[v+2].lower, "ing") {
		if a, b, k := ds.phraseRight(v+2, hi); k == mentionName || k == mentionNominal && !mediumNouns[ds.toks[b-1].lower] && !docNouns[ds.toks[b-1].lower] {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	if weakCues[lemma] && !ds.near(v, ra, 6) {
		return at, false
	}
	// "The paradox, says Carl Anthony, historian at …, is that …": a parenthetical
	// inverted attribution.
	if ds.isPunct(v-1, ",") && !ds.isParticiple(v) && invertible[lemma] && lemma != "tell" && ds.isWord(v+1) && !determiners[ds.toks[v+1].lower] {
		if a, b, k := ds.phraseRight(v+1, hi); k == mentionName && (ds.isPunct(b, ",") || ds.isPunct(b, ".")) {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	// "…,” said Sen. Smith" and "…,” says the spokesman": inversion right after a quotation.
	if ds.afterQuote(v, lo) && !ds.isParticiple(v) && invertible[lemma] {
		if a, b, k := ds.phraseRight(v+1, hi); k == mentionName || k == mentionNominal || k == mentionPronoun {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	pv := ds.skipLeft(v-1, lo) // "…, recently telling"
	if ds.isParticiple(v) && (ds.isPunct(pv, ",") || !ds.isWord(pv) || npBreaks[ds.toks[pv].lower]) {
		// "Trump told a rally, saying …": the subject of the verb the participle hangs on.
		if u := ds.cueBefore(pv, lo); u >= 0 && !ds.isParticiple(u) {
			// Not the verb of a relative clause: "… an architect who said he was
			// stiffed, saying “…”" hangs on the sentence's subject.
			if a, b, k := ds.subjectLeft(u, lo); (k == mentionName || k == mentionPronoun) && (ds.toks[a].lower != "who" || v > ra) {
				at.a, at.b, at.kind = a, b, k
				return at, true
			}
		}
		if a, b, k := ds.sentenceSubject(lo, v); k != mentionNone {
			if a2, b2, k2 := ds.laterSubject(b, v); k2 != mentionNone {
				a, b, k = a2, b2, k2 // "…, even as he defended the speech, saying “…”"
			}
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
		return at, false
	}
	a, b, k := ds.subjectLeft(v, lo)
	// "Protesters marching through the streets chanted": a description after a
	// preposition is its object; the subject opens the sentence.
	if k == mentionNominal && ds.isWord(a-1) && prepositions[ds.toks[a-1].lower] {
		if a2, b2, ok := ds.subjectBeforePhrase(a-1, lo); ok {
			// "when Trump in his announcement speech called …": the name right before
			// the phrase, where a clause opens.
			a, b, k = a2, b2, mentionName
		} else if a2, b2, k2 := ds.sentenceSubject(lo, a-1); k2 != mentionNone && b2 < a {
			a, b, k = a2, b2, k2
		}
	}
	// "Trump issued a statement saying …", "The town released a statement Wednesday
	// saying …": the statement speaks for whoever issued it.
	if k == mentionNominal && ds.isParticiple(v) && docNouns[ds.toks[b-1].lower] {
		if a2, b2, k2 := ds.sentenceSubject(lo, a); k2 != mentionNone && b2 <= a && !docNouns[ds.toks[b2-1].lower] {
			a, b, k = a2, b2, k2
		}
	}
	if k != mentionNone {
		at.a, at.b, at.kind = a, b, k
		return at, true
	}
	if ds.isPunct(v-1, ",") || ds.isWord(v-1) && (ds.toks[v-1].lower == "and" || ds.toks[v-1].lower == "but") {
		if a, b, k := ds.sentenceSubject(lo, v); k != mentionNone {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	// "Said Trump: …" at the start of the clause.
	if ds.opensClause(lo, v) {
		if a, b, k := ds.phraseRight(v+1, hi); k == mentionName || k == mentionNominal {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	return at, false
}

// afterQuote reports whether the cue at token v directly follows a quotation: "“…,”
// said", "“…”, said".
func (ds *docState) afterQuote(v, lo int) bool {
	j := v - 1
	if j >= lo && ds.isPunct(j, ",") {
		j--
	}
	return j >= lo && ds.toks[j].region >= 0
}

// near reports whether the cue at v is within n words of the quotation opening at ra.
func (ds *docState) near(v, ra, n int) bool {
	lo, hi := v, ra
	if lo > hi {
		lo, hi = hi, lo
	}
	return ds.wordsBetween(lo+1, hi) <= n
}

// subjectLeft reads the subject of the verb at token v leftwards, down to token lo:
// "Trump said", "he also said", "the Florida senator has repeatedly said", "Sanders, the
// Vermont senator, said", "Trump, who …, said".
func (ds *docState) subjectLeft(v, lo int) (int, int, mentionKind) {
	j := ds.skipLeft(v-1, lo)
	if j < lo {
		return 0, 0, mentionNone
	}
	// An apposition or a relative clause between commas, dashes or brackets: the
	// subject is the phrase that opens the clause and that the first comma follows.
	if ds.isPunct(j, ",") || ds.isPunct(j, "—") || ds.isPunct(j, "–") || ds.isPunct(j, ")") {
		if a, b, k := ds.clauseSubject(j, lo); k != mentionNone {
			return a, b, k
		}
		// The nearest comma-delimited phrase: "Trump, however, said".
		k := j - 1
		n := 0
		for k >= lo && n < appositionTokens && !ds.isPunct(k, ",") && !ds.isPunct(k, "—") && !ds.isPunct(k, "–") &&
			!ds.isPunct(k, "(") && !ds.endsClause(k) && ds.toks[k].kind != tokMark {
			k--
			n++
		}
		if k >= lo+1 && k < j-1 && (ds.isPunct(k, ",") || ds.isPunct(k, "—") || ds.isPunct(k, "–") || ds.isPunct(k, "(")) {
			if a, b, kind := ds.phraseLeft(k-1, lo); kind != mentionNone {
				return a, b, kind
			}
		}
		return 0, 0, mentionNone
	}
	if ds.isWord(j) && ds.toks[j].lower == "who" {
		return j, j + 1, mentionPronoun
	}
	a, b, k := ds.phraseLeft(j, lo)
	if k == mentionName || k == mentionNominal {
		if a2, b2, ok := ds.unclosedApposition(a, lo); ok {
			return a2, b2, mentionName
		}
	}
	return a, b, k
}

// unclosedApposition returns the name that opens the clause before the phrase at token
// a when a comma sets it off and no second comma closes the description after it: in
// "Sam Lau, the communications director for the Iowa Democratic Party said" the phrase
// before the verb is the end of an apposition to Sam Lau, who speaks. The description
// opens with a determiner or a title, and the name is a person's.
func (ds *docState) unclosedApposition(a, lo int) (int, int, bool) {
	c := -1
	for k := a - 1; k >= lo && k >= a-appositionTokens; k-- {
		if ds.toks[k].region >= 0 || ds.endsClause(k) {
			return 0, 0, false
		}
		if ds.isPunct(k, ",") {
			c = k
			break
		}
	}
	if c < 0 || !ds.isWord(c+1) || !determiners[ds.toks[c+1].lower] && !titles[ds.toks[c+1].lower] {
		return 0, 0, false
	}
	cs := ds.clauseStart(c, lo)
	a2, b2, k := ds.phraseRight(cs, c+1)
	if k != mentionName || b2 != c {
		return 0, 0, false
	}
	sp := ds.resolveName(a2, b2)
	if sp.ent < 0 || !ds.ents.personLike(sp.ent) {
		return 0, 0, false
	}
	return a2, b2, true
}

// clauseSubject finds, for a verb preceded by an apposition ending at token j, the phrase
// that opens the clause (after the start of the sentence, a quotation, or a leading
// adverbial and its comma) and is followed by a comma, a dash or a bracket.
func (ds *docState) clauseSubject(j, lo int) (int, int, mentionKind) {
	cs := ds.clauseStart(j, lo)
	starts := []int{cs}
	for k := cs; len(starts) <= clauseCommas; {
		c := ds.seekFwd(seekCommaFwd, k, j)
		if c < 0 {
			break
		}
		starts = append(starts, c+1)
		k = c + 1
	}
	for _, s := range starts {
		if s >= j || !ds.isWord(s) {
			continue
		}
		t := &ds.toks[s]
		if _, ok := pronouns[t.lower]; ok && t.lower != "who" {
			if s+1 < j && (ds.isPunct(s+1, ",") || ds.isPunct(s+1, "—")) {
				return s, s + 1, mentionPronoun
			}
			continue
		}
		a, b, k := ds.phraseRight(s, j)
		if k != mentionName && k != mentionNominal || b >= j || ds.toks[b-1].poss {
			continue
		}
		if ds.isPunct(b, ",") || ds.isPunct(b, "—") || ds.isPunct(b, "–") || ds.isPunct(b, "(") {
			// "Her campaign manager, Robby Mook, said": the name in apposition.
			if k == mentionNominal && ds.isPunct(b, ",") {
				if _, b2, k2 := ds.phraseRight(b+1, j); k2 == mentionName && b2 <= j && (ds.isPunct(b2, ",") || b2 == j) {
					return a, b2, mentionName
				}
			}
			return a, b, k
		}
	}
	return 0, 0, mentionNone
}

// clauseStart returns where the clause that holds token j starts, reading back to token
// lo: after the last quotation, semicolon or colon before j. A short quotation is part
// of the clause (a nickname inside a phrase: "Marcia “Cia” Price"), except one that ends
// right at lo.
func (ds *docState) clauseStart(j, lo int) int {
	if j-1 < lo {
		return lo
	}
	if k := ds.seekBack(seekClauseStopBack, j-1, lo); k >= 0 {
		return k + 1
	}
	if r := ds.toks[lo].region; r >= 0 && min(ds.regTok[r][1]-1, j-1) == lo {
		return lo + 1
	}
	return lo
}

// skipLeft returns the nearest token at or before j, down to lo, that is not a word that
// may stand between a subject and its verb ("also", "on Monday"), or lo-1 when all are;
// j itself when j < lo.
func (ds *docState) skipLeft(j, lo int) int {
	return ds.skipBack(seekUnskippableBack, j, lo)
}

// skipBack returns the nearest token at or before j, down to lo, that satisfies the
// backward seeker id, or lo-1 when none does; j itself when j < lo.
func (ds *docState) skipBack(id seekerID, j, lo int) int {
	if j < lo {
		return j
	}
	if k := ds.seekBack(id, j, lo); k >= 0 {
		return k
	}
	return lo - 1
}

// skippable reports whether the word at token j may stand between a subject and its verb.
func (ds *docState) skippable(j int) bool {
	t := &ds.toks[j]
	if timeWords[t.lower] {
		return true // "Putin on Monday said", "Trump last week told"
	}
	if t.cap {
		return false
	}
	if skipBeforeVerb[t.lower] {
		// "in", "on", "last": only as part of a time phrase ("on Monday", "last week")
		switch t.lower {
		case "in", "on", "last", "this", "next", "early", "late":
			return ds.isWord(j+1) && timeWords[ds.toks[j+1].lower]
		case "but", "and":
			return false
		}
		return true
	}
	if strings.HasSuffix(t.lower, "n't") || strings.HasSuffix(t.lower, "n’t") {
		return true // "He didn't say"
	}
	return strings.HasSuffix(t.lower, "ly") && len(t.lower) > 4 && !determiners[t.lower] && t.lower != "only"
}

// subjectBeforePhrase returns the name of someone the article names that ends right
// before the preposition at token p and opens a clause: after the start of the sentence, a comma, a quotation or a word
// that opens a clause ("when", "that").
func (ds *docState) subjectBeforePhrase(p, lo int) (int, int, bool) {
	a, b, k := ds.phraseLeft(p-1, lo)
	if k != mentionName || b != p || !ds.toks[b-1].cap || ds.resolveName(a, b).ent < 0 {
		return 0, 0, false
	}
	if a > lo && ds.isWord(a-1) && !relativeWords[ds.toks[a-1].lower] && !subordinators[ds.toks[a-1].lower] {
		return 0, 0, false
	}
	return a, b, true
}
