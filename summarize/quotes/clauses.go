package quotes

import "strings"

// The rules in this file decide whose clause a quotation is in: reported speech that
// belongs to the first speaker of a sentence, clauses with a subject of their own, and
// the relative clauses that name something for the subject.

// outerCue returns the attribution of the first speech verb of the sentence before the
// quotation, when its subject opens the clause: quoted words inside reported speech
// ("Obama said he expected that Americans will say “no”") belong to the outer speaker.
func (ds *docState) outerCue(pre, lo, hi, ra int) (attribution, bool) {
	// The first quotation of the sentence or its first cue decides.
	if v := ds.seekFwd(seekOuterCueFwd, lo, pre); v >= 0 && ds.toks[v].region < 0 {
		at, ok := ds.speakerOf(v, lo, hi, ra)
		sub := ok && ds.isWord(at.a-1) && subordinators[ds.toks[at.a-1].lower] && (at.a-1 == lo || ds.isPunct(at.a-2, ","))
		opens := ok && (at.a == lo || ds.opensClause(lo, at.a) || ds.isPunct(at.a-1, ",") && ds.leadingAdverbial(at.a-1) || sub)
		if !opens || at.kind == mentionNominal || ds.toks[at.a].lower == "who" {
			return attribution{}, false
		}
		// The nearer verb has a subject of its own that is no part of what the first verb
		// reports: a relative clause ("praised Graham, who vowed “…”"), or the main clause
		// after the first verb's clause ("When Clinton noted that …, Trump boasted, “…”",
		// "…, but he said that the footage “…”").
		if in, ok := ds.speakerOf(pre, lo, hi, ra); ok && in.a > v {
			if ds.relativeAfter(v, in.a) || ds.newClause(v, in.a, sub) {
				return attribution{}, false
			}
		}
		return at, true
	}
	return attribution{}, false
}

// newClause reports whether the subject at token a, after the verb at token v, opens a
// clause of its own rather than one that the verb reports: it follows ", and", ", but" or
// a semicolon, or a comma that closes a clause opened by "and" or "but" ("…, and when
// pressed, the mother replied"); when the verb's own clause is subordinate (sub: "When
// Clinton noted that …,"), any comma before the subject ends that clause.
func (ds *docState) newClause(v, a int, sub bool) bool {
	k := a - 1
	if ds.isWord(k) && coordinators[ds.toks[k].lower] {
		return ds.isPunct(k-1, ",") || ds.isPunct(k-1, ";")
	}
	if ds.laterClause(k) {
		return true // "Netanyahu said …, although he tweeted that …"
	}
	if ds.isPunct(k, ";") {
		return true
	}
	if !ds.isPunct(k, ",") || k <= v {
		return false
	}
	if sub {
		return true
	}
	s := ds.seekBack(seekCommaOrRegionBack, k-1, v+1)
	return s > v && ds.isPunct(s, ",") && ds.isWord(s+1) && coordinators[ds.toks[s+1].lower]
}

// relativeAfter reports whether the subject at token a is the "who" of a relative clause
// set off by a comma, with no "that" between the verb at token v and it: the relative
// clause tells of someone the verb's clause names ("Swanson praised Graham, who vowed
// …"), not of what the verb reports ("recalled that his listeners, who wondered …").
func (ds *docState) relativeAfter(v, a int) bool {
	if ds.toks[a].lower != "who" || !ds.isPunct(a-1, ",") {
		return false
	}
	return ds.seekBack(seekThatBack, a-1, v+1) < 0
}

// relativePronoun reports whether the pronoun at token a is the subject of a relative
// clause: "which he called", "whom she described as".
func (ds *docState) relativePronoun(a int) bool {
	if _, ok := pronouns[ds.toks[a].lower]; !ok || !ds.isWord(a-1) {
		return false
	}
	switch ds.toks[a-1].lower {
	case "which", "whom", "what":
		return true
	}
	return false
}

// naming reports whether the cue at token v gives something a name: "calls", "described
// as", "dubbed" (but not "called for").
func (ds *docState) naming(v int) bool {
	lemma, _ := ds.cueAt(v)
	switch lemma {
	case "call":
		return !ds.isWord(v+1) || ds.toks[v+1].lower != "for" && ds.toks[v+1].lower != "on"
	case "describe", "term", "label", "dub", "brand", "characterize":
		return true
	}
	return false
}

// clauseOwner gives the name that a relative clause puts on something ("what he calls
// the “Washington cartel”") to the subject of the sentence when the clause's pronoun
// stands for that subject and no speech verb comes between: in "Cruz has railed against
// what he calls …" the naming is part of what Cruz does, and "Cruz" names him.
func (ds *docState) clauseOwner(at attribution, lo int) attribution {
	if at.kind != mentionPronoun || !ds.relativePronoun(at.a) || !ds.naming(at.cue) {
		return at
	}
	a, b, k := ds.sentenceSubject(lo, at.a-1)
	if k == mentionNone || b >= at.a-1 {
		return at
	}
	if ds.seekFwd(seekOwnerStopFwd, b, at.a) >= 0 {
		return at // a cue, a quotation or the end of a clause comes between
	}
	if !ds.standsFor(a, b, k, ds.toks[at.a].lower) {
		return at
	}
	at.a, at.b, at.kind = a, b, k
	return at
}

// standsFor reports whether the pronoun p can stand for the phrase of tokens [a, b): the
// same pronoun, a person of no other gender for "he" and "she", a description or an
// organisation for "they" and "it".
func (ds *docState) standsFor(a, b int, k mentionKind, p string) bool {
	switch k {
	case mentionPronoun:
		return ds.toks[a].lower == p
	case mentionNominal:
		return titles[ds.toks[b-1].lower] || p == "they" || p == "it"
	}
	sp := ds.resolveName(a, b)
	if sp.ent < 0 {
		return false
	}
	e := ds.ents.ents[sp.ent]
	switch p {
	case "he", "she":
		g := male
		if p == "she" {
			g = female
		}
		return ds.ents.personLike(sp.ent) && (e.gender() == unknown || e.gender() == g)
	case "they", "it":
		return e.org
	}
	return false
}

// opensClause reports whether nothing but punctuation and other quotations stands
// between the start of the sentence (token lo) and token ra.
func (ds *docState) opensClause(lo, ra int) bool {
	return ds.wordsBetween(lo, ra) == 0
}

// laterClause reports whether the word at token k is a conjunction that opens a
// subordinate clause after a comma or a dash, late in its sentence: "…, although",
// "…, even as", "— because".
func (ds *docState) laterClause(k int) bool {
	if !ds.isWord(k) || !subordinators[ds.toks[k].lower] || coordinators[ds.toks[k].lower] {
		return false
	}
	j := k - 1
	if ds.isWord(j) && (ds.toks[j].lower == "even" || ds.toks[j].lower == "just" || ds.toks[j].lower == "only") {
		j--
	}
	// "…, hours after", "…, shortly before", "…, two days after"
	for n := 0; n < 2 && ds.isWord(j) && (timeUnits[ds.toks[j].lower] || numberWord(ds.toks[j].lower) || strings.HasSuffix(ds.toks[j].lower, "ly")); n++ {
		j--
	}
	// But not "said that, because …": a clause inside what the verb reports.
	return (ds.isPunct(j, ",") || ds.isPunct(j, "—") || ds.isPunct(j, "–")) && !(ds.isWord(j-1) && ds.toks[j-1].lower == "that")
}

// laterSubject returns the subject of the last subordinate clause that opens after a
// comma between tokens b and e ("…, although she made it clear", "…, even as he
// defended"): a pronoun or a name followed by a verb. Kind is mentionNone when there is
// none.
func (ds *docState) laterSubject(b, e int) (int, int, mentionKind) {
	// The nearest conjunction before e, unless a quotation or the end of a clause comes
	// first.
	if k := ds.seekBack(seekLaterStopBack, e-1, b+1); k >= 0 && ds.toks[k].region < 0 && !ds.endsClause(k) {
		t := k + 1
		var a2, b2 int
		var k2 mentionKind
		if p, ok := pronouns[ds.toks[t].lower]; ok && ds.isWord(t) && ds.toks[t].lower != "who" && ds.toks[t].lower != "you" && p != unknown || ds.toks[t].lower == "i" {
			a2, b2, k2 = t, t+1, mentionPronoun
		} else {
			a2, b2, k2 = ds.phraseRight(t, e)
		}
		if (k2 == mentionPronoun || k2 == mentionName) && b2 < e && ds.isWord(b2) && !ds.toks[b2].cap && !npBreaks[ds.toks[b2].lower] || k2 == mentionPronoun && b2 < e && ds.isWord(b2) && ds.skippable(b2) {
			return a2, b2, k2
		}
		return 0, 0, mentionNone
	}
	return 0, 0, mentionNone
}
