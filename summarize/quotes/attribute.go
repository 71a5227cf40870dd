package quotes

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// mentionKind tells how a speaker is named.
type mentionKind uint8

const (
	mentionNone    mentionKind = iota
	mentionName                // "Vladimir Putin", "Mr. Obama", "PolitiFact"
	mentionPronoun             // "he", "she", "they", "who"
	mentionNominal             // "the Russian leader", "a White House official"
)

// An attribution links a quotation region to a cue and a speaker mention.
type attribution struct {
	// cue is the token of the cue: a verb, ":", "according", a noun that names the words,
	// or for a signature the first word of its name. It is -1 when nothing attributes the
	// region, and cueMarkup for a region that is no quotation; an inherited attribution
	// keeps the cue of the one it comes from.
	cue     int
	cueText string // the cue as Report.Cue gives it
	a, b    int    // token range of the speaker mention; a == b when none was found
	kind    mentionKind
	from    int  // for an inherited attribution, the region it comes from; else -1
	weak    bool // the cue is no speech verb: the verb of the sentence's subject, or a noun
}

// cueMarkup is the cue of a region that is no quotation: an attribute value in markup,
// or marks around no letters.
const cueMarkup = -2

func (at *attribution) found() bool { return at.cue >= 0 || at.from >= 0 }

// isWord reports whether token i is a word outside every quotation.
func (ds *docState) isWord(i int) bool {
	return i >= 0 && i < len(ds.toks) && ds.toks[i].kind == tokWord && ds.toks[i].region < 0
}

func (ds *docState) isPunct(i int, p string) bool {
	return i >= 0 && i < len(ds.toks) && ds.toks[i].region < 0 && ds.toks[i].is(ds.text, p)
}

// endsClause reports whether token i ends a sentence or clause for the search of cues:
// sentence punctuation or a semicolon outside quotations.
func (ds *docState) endsClause(i int) bool {
	t := &ds.toks[i]
	if t.kind != tokPunct || t.region >= 0 {
		return false
	}
	switch ds.text[t.start:t.end] {
	case ";":
		return true
	case ".", "?", "!", "...", "…":
		// The segmenter decided where sentences end: a period inside one belongs to an
		// abbreviation ("(D-Mo.)").
		return i+1 >= len(ds.toks) || ds.toks[i+1].sent != t.sent
	}
	return false
}

// cueAt returns the lemma of the speech verb at token i, if it is one: a word outside
// quotations that is not used as a noun ("the call", "his remarks").
func (ds *docState) cueAt(i int) (string, bool) {
	if !ds.isWord(i) {
		return "", false
	}
	t := &ds.toks[i]
	if t.lower == "according" && ds.isWord(i+1) && ds.toks[i+1].lower == "to" {
		return "according to", true
	}
	lemma, ok := cueLemma(t.lower)
	if !ok || t.poss {
		return "", false
	}
	// "points out", "put it": only with their particle.
	switch lemma {
	case "point":
		if !ds.isWord(i+1) || ds.toks[i+1].lower != "out" {
			return "", false
		}
	case "put":
		if !ds.isWord(i+1) || ds.toks[i+1].lower != "it" {
			return "", false
		}
	case "go":
		if !ds.isWord(i+1) || ds.toks[i+1].lower != "on" {
			return "", false
		}
	case "shoot", "fire", "hit":
		if !ds.isWord(i+1) || ds.toks[i+1].lower != "back" {
			return "", false
		}
	case "weigh", "chime":
		if !ds.isWord(i+1) || ds.toks[i+1].lower != "in" {
			return "", false
		}
	}
	// Forms that are nouns as often as verbs ("tweets", "claims", "calls") are verbs only
	// right after a subject: a name or a pronoun.
	if nounForms[t.lower] {
		if !ds.isWord(i - 1) {
			return "", false
		}
		p := &ds.toks[i-1]
		if _, isPro := pronouns[p.lower]; !isPro && !(p.cap && !notNames[p.lower] && !titles[p.lower]) {
			return "", false
		}
	}
	if t.cap && !t.first {
		return "", false // "Truth Social Post", "Tell-All"
	}
	// A determiner or a possessive before it makes it a noun: "a call", "his claims".
	if ds.isWord(i-1) && !ds.bareSubject(i-1) {
		p := &ds.toks[i-1]
		if determiners[p.lower] || p.poss || p.lower == "phone" || p.lower == "conference" ||
			p.lower == "news" || p.lower == "press" || p.lower == "to" && !strings.HasSuffix(t.lower, "ed") && lemma != "say" && lemma != "tell" {
			if !strings.HasSuffix(t.lower, "ed") || determiners[p.lower] {
				return "", false
			}
		}
	}
	// "said" as an adjective: "the said letter" is caught above; "is said to" is not a cue.
	if t.lower == "said" && ds.isWord(i+1) && ds.toks[i+1].lower == "to" && ds.isWord(i-1) &&
		(ds.toks[i-1].lower == "is" || ds.toks[i-1].lower == "was" || ds.toks[i-1].lower == "are" || ds.toks[i-1].lower == "were") {
		return "", false
	}
	return lemma, true
}

// bareSubject reports whether the determiner at token j stands alone as the subject of
// the verb after it: it opens its clause ("Another said", "“…,” one wrote; some
// argued"), and the verb is no form that is as often a noun ("Some claims").
func (ds *docState) bareSubject(j int) bool {
	t := &ds.toks[j]
	if !bareSubjects[t.lower] || nounForms[ds.toks[j+1].lower] {
		return false
	}
	return t.first || j > 0 && ds.toks[j-1].region < 0 && ds.toks[j-1].kind == tokPunct || j > 0 && ds.toks[j-1].kind == tokMark
}

// isParticiple reports whether the cue at token i is an -ing form ("saying", "adding").
func (ds *docState) isParticiple(i int) bool {
	return strings.HasSuffix(ds.toks[i].lower, "ing")
}

// attribute finds the cue and the speaker of region ri from the words around it in its
// sentence (or sentences, when the quotation spans several).
func (ds *docState) attribute(ri int) attribution {
	none := attribution{cue: -1, from: -1}
	ra, rb := ds.regTok[ri][0], ds.regTok[ri][1]
	if ra >= rb {
		return none
	}
	lo, _ := ds.sentRange(ds.toks[ra].sent)
	_, hi := ds.sentRange(ds.toks[rb-1].sent)
	atStart := ds.opensClause(lo, ra)

	post := ds.cueAfter(rb, hi)
	pre := ds.cueBefore(ra-1, lo)
	// An attribution right after the quotation ("…,” Trump said.") is the quotation's own,
	// even when the sentence began with another speech verb.
	if post >= 0 && !atStart && !ds.attributionClose(rb, post) {
		post = -1
	}
	order := []int{pre, post}
	if atStart || post >= 0 {
		order = []int{post, pre}
	}
	if at, ok := ds.dashCue(rb, hi); ok {
		return at
	}
	if at, ok := ds.signatureCue(ri); ok {
		return at
	}
	for _, v := range order {
		if v < 0 {
			continue
		}
		if v == pre {
			if at, ok := ds.outerCue(pre, lo, hi, ra); ok {
				return at
			}
		}
		if at, ok := ds.speakerOf(v, lo, hi, ra); ok {
			if v == pre {
				at = ds.clauseOwner(at, lo)
			}
			return at
		}
	}
	// "Zelensky: “…”" and "He added: “…”" in the sentence before.
	if at, ok := ds.colonCue(ra, lo); ok {
		return at
	}
	// "…, the quoted words …, Rendell added.": an attribution that closes the sentence
	// covers every quotation in it.
	if at, ok := ds.finalCue(rb, hi, ra); ok {
		return at
	}
	// "“…” Trump said." cut into two sentences by the period inside the marks.
	if at, ok := ds.nextSentenceCue(rb, hi, ra); ok {
		return at
	}
	if atStart {
		if at, ok := ds.introCue(ra); ok {
			return at
		}
	}
	// "Trump likened the refugees to a “vicious snake”": no speech verb, but the sentence's
	// subject acts on the quoted words.
	if !atStart {
		if at, ok := ds.subjectCue(lo, ra); ok {
			return at
		}
	}
	// "his call for “a total and complete ban”", "her remark that “…”".
	if at, ok := ds.possessiveCue(ra, lo); ok {
		return at
	}
	return none
}

// possessiveCue attributes a quotation to the owner of the words that introduce it: "his
// call for “…”", "Trump’s claim that “…”", "her March comment that, “…”".
func (ds *docState) possessiveCue(ra, lo int) (attribution, bool) {
	for k := ra - 1; k >= lo && k >= ra-5; k-- {
		if !ds.isWord(k) {
			if ds.isPunct(k, ",") {
				continue
			}
			return attribution{}, false
		}
		t := &ds.toks[k]
		if !wordNouns[t.lower] {
			continue
		}
		// The owner: a possessive pronoun or name, possibly with a month or an adjective
		// between ("her March comment").
		for j := k - 1; j >= lo && j >= k-3; j-- {
			if !ds.isWord(j) {
				break
			}
			p := &ds.toks[j]
			switch {
			case p.lower == "his" || p.lower == "her":
				return attribution{cue: k, cueText: ds.text[t.start:t.end], a: j, b: j + 1, kind: mentionPronoun, from: -1, weak: true}, true
			case p.poss && p.cap && !notNames[p.lower]:
				a, b, kind := ds.phraseLeft(j, lo)
				if kind != mentionName {
					a, b = j, j+1
				}
				return attribution{cue: k, cueText: ds.text[t.start:t.end], a: a, b: b, kind: mentionName, from: -1, weak: true}, true
			}
		}
		return attribution{}, false
	}
	return attribution{}, false
}

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

// prepositions take a noun phrase as their object: a phrase right after one is no
// subject.
var prepositions = set("in", "on", "at", "with", "by", "from", "into", "about", "over",
	"under", "through", "during", "without", "against", "between", "among", "upon", "via",
	"despite", "amid", "toward", "towards", "across", "around", "behind", "beyond", "near",
	"inside", "outside", "along", "past", "throughout", "onto", "to")

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

// subjectCue attributes a quotation to the subject of its sentence when a verb follows
// the subject: the weakest link, for verbs that are not speech verbs ("likened",
// "defended … as").
func (ds *docState) subjectCue(lo, ra int) (attribution, bool) {
	a, b, k := ds.sentenceSubject(lo, ra)
	if k == mentionNone || b >= ra {
		return attribution{}, false
	}
	if a2, b2, k2 := ds.laterSubject(b, ra); k2 != mentionNone {
		a, b, k = a2, b2, k2 // "Clinton endorsed the deal, although she made it clear that “…”"
	}
	v := b
	// An apposition after the subject: "Dottie Deans, the chairwoman of …, is …".
	if ds.isPunct(v, ",") {
		n := 0
		for v++; v < ra && n < 20 && !ds.isPunct(v, ","); v, n = v+1, n+1 {
		}
		if v >= ra || !ds.isPunct(v, ",") {
			return attribution{}, false
		}
		v++
	}
	if v == b && v < ra && ds.isWord(v) && ds.skippable(v) {
		v++ // "since" counts only after the subject's first word
	}
	if v > b {
		if k := ds.seekFwd(seekUnskippableSinceFwd, v, ra); k >= 0 {
			v = k
		} else {
			v = max(v, ra)
		}
	}
	if v < ra && ds.isWord(v) && !ds.toks[v].cap && !npBreaks[ds.toks[v].lower] && !determiners[ds.toks[v].lower] {
		return attribution{cue: v, cueText: ds.text[ds.toks[v].start:ds.toks[v].end], a: a, b: b, kind: k, from: -1, weak: true}, true
	}
	return attribution{}, false
}

// finalCue looks for an attribution at the end of the sentence, after its last comma:
// "…, Rendell added." or "…, said Mr. Burman."
func (ds *docState) finalCue(rb, hi, ra int) (attribution, bool) {
	end := rb
	if w := ds.seekBack(seekWordBack, hi-1, rb); w >= 0 {
		end = w + 1
	}
	c := end - 1
	commas := 0
	var cands []int
	for c >= rb && c > end-30 && commas < 3 {
		if ds.toks[c].region >= 0 {
			break
		}
		if ds.isPunct(c, ",") {
			commas++
			cands = append(cands, c)
		}
		c--
	}
	for _, c := range cands {
		if at, ok := ds.finalCueAfter(c, end, hi, ra); ok {
			return at, true
		}
	}
	return attribution{}, false
}

// finalCueAfter reads "…, NP said." or "…, said NP, …" after the comma at token c.
func (ds *docState) finalCueAfter(c, end, hi, ra int) (attribution, bool) {
	for v := c + 1; v < end && v < c+6; v++ {
		if _, ok := ds.cueAt(v); ok {
			lo, _ := ds.sentRange(ds.toks[v].sent)
			if at, ok := ds.speakerOf(v, max(lo, c+1), hi, ra); ok {
				return at, true
			}
			return attribution{}, false
		}
	}
	return attribution{}, false
}

// nextSentenceCue reads a short next sentence that is only an attribution: "Trump said."
func (ds *docState) nextSentenceCue(rb, hi, ra int) (attribution, bool) {
	if hi >= len(ds.toks) || hi != rb && !(hi == rb+1 && ds.toks[rb].kind == tokPunct) {
		return attribution{}, false
	}
	if ds.paraOfTok(hi) != ds.paraOfTok(rb-1) {
		return attribution{}, false
	}
	lo2, hi2 := ds.sentRange(ds.toks[hi].sent)
	if hi2-lo2 > 16 {
		return attribution{}, false
	}
	for v := lo2; v < hi2 && v < lo2+6; v++ {
		if ds.toks[v].region >= 0 {
			return attribution{}, false
		}
		if _, ok := ds.cueAt(v); ok {
			return ds.speakerOf(v, lo2, hi2, ra)
		}
	}
	return attribution{}, false
}

// attributionClose reports whether the cue at token v follows the quotation ending at
// token rb (exclusive) within a few words, after a comma or the closing mark.
func (ds *docState) attributionClose(rb, v int) bool {
	if rb >= len(ds.toks) {
		return false
	}
	// The quotation ends with a comma, a question or an exclamation mark, inside or just
	// outside its marks, or a dash follows it.
	end := ds.text[ds.regions[ds.toks[rb-1].region].lo:ds.regions[ds.toks[rb-1].region].hi]
	end = strings.TrimRight(end, "'’ ")
	if !(strings.HasSuffix(end, ",") || strings.HasSuffix(end, "?") || strings.HasSuffix(end, "!") ||
		strings.HasSuffix(end, "—") || ds.isPunct(rb, ",") || ds.isPunct(rb, "—") || ds.isPunct(rb, "–")) {
		return false
	}
	words, commas := ds.wordsAndCommas(rb, v)
	if !(words <= 6 || commas >= 1 && words <= 24) {
		return false
	}
	// Only the speaker stands between: the cue comes first ("said Trump"), or its subject
	// starts right after the quotation ("Trump said", "Fred Kagan, director of …, said").
	first := ds.seekFwd(seekWordFwd, rb, v)
	if first < 0 {
		first = v
	}
	if first == v {
		return true
	}
	if ds.isWord(first) && ds.toks[first].lower == "as" {
		first++ // "…,” as Cruz said on Monday"
	}
	lo, _ := ds.sentRange(ds.toks[v].sent)
	a, _, k := ds.subjectLeft(v, max(lo, rb))
	return k != mentionNone && a == first
}

// dashCue handles a quotation signed with a dash: "“…” ― Esther Tapia".
func (ds *docState) dashCue(rb, hi int) (attribution, bool) {
	at := attribution{cue: -1, from: -1}
	i := rb
	if i < len(ds.toks) && ds.isPunct(i, ",") {
		i++
	}
	if i >= len(ds.toks) || ds.toks[i].region >= 0 || ds.toks[i].kind != tokPunct {
		return at, false
	}
	if !isDash(ds.text[ds.toks[i].start:ds.toks[i].end]) {
		return at, false
	}
	end := min(len(ds.toks), ds.paraTokEnd(ds.paraOfTok(i)))
	a, b, k := ds.phraseRight(i+1, end)
	if k != mentionName {
		return at, false
	}
	// Only the name ends the paragraph (a period may follow).
	for j := b; j < end; j++ {
		if !ds.isPunct(j, ".") {
			return at, false
		}
	}
	at.cue, at.cueText, at.a, at.b, at.kind = i, ds.text[ds.toks[i].start:ds.toks[i].end], a, b, k
	return at, true
}

// signatureCue handles a quotation that fills its paragraph and is signed in the next
// one, a line that a dash opens and a name fills: "“…”" then "- Carla Diaz." or
// "—Carla Diaz, Eastbrook.".
func (ds *docState) signatureCue(ri int) (attribution, bool) {
	at := attribution{cue: -1, from: -1}
	r := ds.regions[ri]
	p := r.para
	if p+1 >= len(ds.paras) || ds.regTok[ri][0] != ds.paras[p].tok {
		return at, false // the quotation fills its paragraph
	}
	for j := ds.regTok[ri][1]; j < ds.paraTokEnd(p); j++ {
		if ds.toks[j].kind != tokPunct {
			return at, false
		}
	}
	next := ds.paras[p+1]
	i, end := next.tok, ds.paraTokEnd(p+1)
	// The dash opens the line, as a token or just before the first sentence (a list
	// item's marker, which the sentence leaves out).
	dash := ""
	if i < end && ds.toks[i].kind == tokPunct && isDash(ds.text[ds.toks[i].start:ds.toks[i].end]) {
		dash = ds.text[ds.toks[i].start:ds.toks[i].end]
		i++
	} else if next.start > r.close {
		gap := strings.TrimRight(ds.text[r.close:next.start], " \t")
		c, n := utf8.DecodeLastRuneInString(gap)
		before := gap[:len(gap)-n]
		if n > 0 && isDash(string(c)) && strings.Contains(before, "\n") && strings.Trim(before, " \t\r\n.") == "" {
			dash = string(c)
		}
	}
	if dash == "" {
		return at, false
	}
	a, b, k := ds.phraseRight(i, end)
	if k != mentionName {
		return at, false
	}
	// Only the name, or the name and a short description, fill the line.
	rest := 0
	for j := b; j < end; j++ {
		if ds.toks[j].kind == tokMark {
			return at, false
		}
		if ds.toks[j].kind == tokWord {
			if !ds.isPunct(b, ",") {
				return at, false
			}
			rest++
		}
	}
	if rest > 8 {
		return at, false
	}
	// The signature has no speech verb: its dash is the cue, and its name stands for the
	// cue's token.
	at.cue, at.cueText, at.a, at.b, at.kind = a, dash, a, b, k
	return at, true
}

// isDash reports whether s is a dash.
func isDash(s string) bool {
	switch s {
	case "―", "—", "–", "-":
		return true
	}
	return false
}

// opensClause reports whether nothing but punctuation and other quotations stands
// between the start of the sentence (token lo) and token ra.
func (ds *docState) opensClause(lo, ra int) bool {
	return ds.wordsBetween(lo, ra) == 0
}

// cueAfter returns the first cue after token rb in the same clause, close enough to be
// the quotation's attribution ("…,” he said", "…,” said the spokesman, a former aide"),
// or -1.
func (ds *docState) cueAfter(rb, hi int) int {
	// Punctuation is read past. Before the first word, another quotation ends the search;
	// after it, a short quotation inside the attribution ("Bill Eastland, wearing “Ted
	// Cruz” pins, said") is read past, and only a longer one is the next quotation.
	i := ds.seekFwd(seekWordOrStopFwd, rb, hi)
	for words := 0; i >= 0 && ds.isWord(i); {
		if _, ok := ds.cueAt(i); ok {
			return i
		}
		words++
		if words > 24 {
			return -1
		}
		i = ds.seekFwd(seekWordOrBigStopFwd, i+1, hi)
	}
	return -1
}

// cueBefore returns the nearest cue before token i in the sentence starting at token lo,
// or -1. It reads across earlier quotations of the sentence ("said the call “went well”
// and that “…”").
func (ds *docState) cueBefore(i, lo int) int {
	j := ds.seekBack(seekCueOrEndBack, i, lo)
	if j < 0 || ds.endsClause(j) {
		return -1
	}
	return j
}

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
		if a2, b2, k2 := ds.sentenceSubject(lo, a-1); k2 != mentionNone && b2 < a {
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
		for k >= lo && n < 30 && !ds.isPunct(k, ",") && !ds.isPunct(k, "—") && !ds.isPunct(k, "–") &&
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
	return ds.phraseLeft(j, lo)
}

// clauseSubject finds, for a verb preceded by an apposition ending at token j, the phrase
// that opens the clause (after the start of the sentence, a quotation, or a leading
// adverbial and its comma) and is followed by a comma, a dash or a bracket.
func (ds *docState) clauseSubject(j, lo int) (int, int, mentionKind) {
	cs := ds.clauseStart(j, lo)
	starts := []int{cs}
	for k := cs; len(starts) < 4; {
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

// maxNameBrackets is the most brackets phraseLeft reads past after a name ("Ted Cruz
// (R-Texas)"): a run of brackets longer than any name has would otherwise be read again
// for every cue after it.
const maxNameBrackets = 4

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

// phraseLeft reads a speaker phrase that ends at token j: a pronoun, a name with its
// titles ("Russian President Vladimir Putin"), or a nominal ("the Florida senator", "a
// spokesman for the campaign").
func (ds *docState) phraseLeft(j, lo int) (int, int, mentionKind) {
	for brackets := 0; ; brackets++ {
		// "on Monday" style time phrases were skipped already; nothing else to do
		j = ds.skipBack(seekNotDayBack, j, lo)
		if j >= lo && ds.isWord(j) {
			break
		}
		// "(R-Texas)" after a name; a few brackets, not any number.
		if !ds.isPunct(j, ")") || brackets == maxNameBrackets {
			return 0, 0, mentionNone
		}
		k := j - 1
		for k >= lo && k > j-8 && !ds.isPunct(k, "(") {
			k--
		}
		if k <= lo || !ds.isPunct(k, "(") {
			return 0, 0, mentionNone
		}
		j = k - 1
	}
	t := &ds.toks[j]
	if t.poss {
		return 0, 0, mentionNone
	}
	if _, ok := pronouns[t.lower]; ok && t.lower != "who" {
		return j, j + 1, mentionPronoun
	}
	forcedName := false
	if t.cap && (npBreaks[t.lower] || notNames[t.lower]) && !titles[t.lower] && !ds.opensSentence(j) && j+1 < len(ds.toks) {
		if _, ok := ds.cueAt(j + 1); ok {
			forcedName = true // "“…,” From said.", "Omar Said said"
		}
	}
	if determiners[t.lower] && bareSubjects[t.lower] {
		return j, j + 1, mentionNominal // "Another said", "Some argued"
	}
	if (npBreaks[t.lower] || determiners[t.lower]) && !forcedName {
		return 0, 0, mentionNone
	}
	if _, isCue := cueLemma(t.lower); isCue && !t.cap {
		return 0, 0, mentionNone
	}
	a := j
	hasName := t.cap && !notNames[t.lower] || forcedName
	for a-1 >= lo && j-a < 9 {
		p := &ds.toks[a-1]
		if p.kind != tokWord || p.region >= 0 {
			break
		}
		if determiners[p.lower] {
			// "Jeffrey Lewis of the James Martin Center": go on through "of the".
			if p.lower == "the" && a-3 >= lo && ds.isWord(a-2) && (ds.toks[a-2].lower == "of" || ds.toks[a-2].lower == "at") &&
				ds.isWord(a-3) && ds.toks[a-3].cap && !notNames[ds.toks[a-3].lower] {
				a -= 2
				continue
			}
			if !p.cap || !hasName || p.lower == "the" || p.lower == "a" {
				a--
			}
			break
		}
		if p.lower == "of" || p.lower == "for" {
			// "Secretary of State John Kerry", "a spokesman for the campaign"
			if a-2 >= lo && ds.isWord(a-2) && (titles[ds.toks[a-2].lower] || ds.toks[a-2].cap) {
				a--
				continue
			}
			break
		}
		if npBreaks[p.lower] && !isAcronym(ds.text[p.start:p.end]) {
			break // but "the US leader" is no "us"
		}
		if _, isCue := cueLemma(p.lower); isCue && !p.cap && !titles[p.lower] {
			break
		}
		if p.cap && p.first && notNames[p.lower] {
			break
		}
		if p.cap && !notNames[p.lower] {
			hasName = true
		}
		a--
	}
	kind := mentionNominal
	if hasName {
		kind = mentionName
	}
	if kind == mentionNominal && !ds.nominalHead(j) {
		return 0, 0, mentionNone
	}
	return a, j + 1, kind
}

// opensSentence reports whether token j is the first word of its sentence.
func (ds *docState) opensSentence(j int) bool {
	return int(ds.firstWord[ds.toks[j].sent]) >= j
}

// nominalHead reports whether the lower-case word at token j can head a speaker phrase:
// a noun, as far as a word list can tell (not an adjective in -ly, not a number).
func (ds *docState) nominalHead(j int) bool {
	w := ds.toks[j].lower
	if len(w) < 2 || skipBeforeVerb[w] {
		return false
	}
	c := w[0]
	return c >= 'a' && c <= 'z' || c >= 0x80
}

// phraseRight reads a speaker phrase that starts at token i: after an inverted verb ("said
// Sen. Ted Cruz") or after "according to".
func (ds *docState) phraseRight(i, hi int) (int, int, mentionKind) {
	if i >= hi || !ds.isWord(i) {
		return 0, 0, mentionNone
	}
	t := &ds.toks[i]
	if k, ok := pronouns[t.lower]; ok && k != unknown || t.lower == "he" || t.lower == "she" {
		return i, i + 1, mentionPronoun
	}
	b := i
	hasName := false
	det := determiners[t.lower] && t.lower != "that" && t.lower != "this" || numberWord(t.lower) && !t.cap && ds.isWord(i+1)
	if det && bareSubjects[t.lower] && (i+1 >= hi || ds.toks[i+1].kind != tokWord) {
		return i, i + 1, mentionNominal // "“…,” wrote another."
	}
	if det {
		b++
	} else if !t.cap {
		// "retired Army Lt. Gen. Mick Bednarek", "former Vermont governor Howard Dean",
		// "conservative talk radio host Rush Limbaugh", "9/11 widow Terry Strada"
		k := i
		for k < hi && k < i+6 && (ds.isWord(k) && !ds.toks[k].cap && !npBreaks[ds.toks[k].lower] && !ds.ofPhrase(k) || ds.isPunct(k, "/") || ds.isPunct(k, "-")) {
			if _, isCue := cueLemma(ds.toks[k].lower); isCue && ds.isWord(k) && !titles[ds.toks[k].lower] {
				break
			}
			k++
		}
		if k == i || k >= hi || !ds.isWord(k) || !ds.toks[k].cap {
			return 0, 0, mentionNone
		}
		b = k
	}
	for b < hi && b-i < 10 {
		p := &ds.toks[b]
		if p.kind != tokWord || p.region >= 0 {
			// "(R-Texas)" belongs to the name
			if ds.isPunct(b, "(") && hasName {
				k := b + 1
				for k < hi && k < b+8 && !ds.isPunct(k, ")") {
					k++
				}
				if k < hi && ds.isPunct(k, ")") {
					b = k + 1
				}
			}
			break
		}
		if p.lower == "of" || p.lower == "for" {
			if b+1 < hi && ds.isWord(b+1) && (ds.toks[b+1].cap || ds.toks[b+1].lower == "the") && b > i {
				b++
				continue
			}
			break
		}
		if npBreaks[p.lower] && !(b > i && (p.lower == "the")) && !(p.cap && !ds.opensSentence(b)) {
			break // but "Will Estrada" is a name
		}
		if det && b > i+1 && !p.cap && (strings.HasSuffix(p.lower, "ed") && !strings.Contains(p.lower, "-") && !titles[p.lower] || pastVerbs[p.lower]) {
			break // a verb in the past after the noun: "200 parents gathered", "The campaign sent"
		}
		if _, isCue := cueLemma(p.lower); isCue && !p.cap && !titles[p.lower] && b > i {
			break // "my mother mentioned …"
		}
		if !det && !p.cap && !titles[p.lower] {
			// Lower-case role words between names: "Montclair State University political
			// scientist Brigid Harrison", "Ronald Reagan's former education secretary …".
			if k := ds.capAhead(b, hi); k > b {
				b = k
				continue
			}
			break
		}
		if p.cap && !notNames[p.lower] {
			hasName = true
		}
		if p.poss {
			if k := ds.capAhead(b+1, hi); k > b+1 || b+1 < hi && ds.isWord(b+1) && ds.toks[b+1].cap {
				b++
				continue
			}
			b++
			// "Ryan’s campaign shrugged": one lower-case noun after the possessive.
			if b+1 < hi && ds.isWord(b) && ds.isWord(b+1) && !ds.toks[b].cap && !npBreaks[ds.toks[b].lower] &&
				!determiners[ds.toks[b].lower] && !ds.skippable(b) && !ds.toks[b+1].cap {
				if _, isCue := cueLemma(ds.toks[b].lower); !isCue {
					return i, b + 1, mentionNominal
				}
			}
			break
		}
		b++
	}
	if b == i || (det && b == i+1) {
		return 0, 0, mentionNone
	}
	if hasName {
		return i, b, mentionName
	}
	if det {
		return i, b, mentionNominal
	}
	return 0, 0, mentionNone
}

// ofPhrase reports whether token k is an "of" that opens a phrase of its own ("said of
// Cruz", "of the Clintons") rather than joining a role ("master of ceremonies").
func (ds *docState) ofPhrase(k int) bool {
	return ds.toks[k].lower == "of" && ds.isWord(k+1) && (ds.toks[k+1].cap || determiners[ds.toks[k+1].lower])
}

// capAhead returns the index of a capitalised word that follows token b after one to
// three lower-case words that may modify a name, or b when there is none.
func (ds *docState) capAhead(b, hi int) int {
	k := b
	for k < hi && k < b+3 && ds.isWord(k) && !ds.toks[k].cap && !npBreaks[ds.toks[k].lower] && !determiners[ds.toks[k].lower] {
		if _, isCue := cueLemma(ds.toks[k].lower); isCue && !titles[ds.toks[k].lower] {
			return b
		}
		if w := ds.toks[k].lower; strings.HasSuffix(w, "ed") && !strings.Contains(w, "-") && !titles[w] {
			return b // a verb in the past: "Sanders credited Clinton’s victory"
		}
		k++
	}
	if k > b && k < hi && ds.isWord(k) && ds.toks[k].cap && !notNames[ds.toks[k].lower] {
		return k
	}
	return b
}

// sentenceSubject finds the subject of the sentence whose tokens start at lo, reading up to
// token v: the first pronoun, name or nominal outside quotations, after any leading
// adverbial ("On Monday,").
func (ds *docState) sentenceSubject(lo, v int) (int, int, mentionKind) {
	if lo < v {
		// Not the dateline ("WASHINGTON —") the corpus trims from the sentence.
		s := &ds.doc.Sentences[ds.toks[lo].sent]
		from, limit := lo, s.Start+s.Trim
		lo += sort.Search(v-from, func(k int) bool { return ds.toks[from+k].start >= limit })
	}
	for i, steps := lo, 0; i < v; i++ {
		if !ds.isWord(i) {
			if i = ds.seekFwd(seekWordFwd, i, v); i < 0 {
				break
			}
		}
		if steps++; steps > maxSubjectSteps {
			break
		}
		t := &ds.toks[i]
		if _, ok := pronouns[t.lower]; ok && t.lower != "who" && t.lower != "you" {
			return i, i + 1, mentionPronoun
		}
		if leadingWords[t.lower] {
			continue // "And then Trump went …"
		}
		if subordinators[t.lower] && t.lower != "as" {
			// "When my mother mentioned it, I laughed and said …": the main clause
			// follows the comma; without one, "When he returned he began …".
			if j := ds.seekFwd(seekCommaOrRegionFwd, i+1, v); j >= 0 && ds.isPunct(j, ",") {
				i = j
			}
			continue
		}
		if j := ds.timeAdverbial(i, v); j > i {
			i = j // "Hours later, Trump …", "Shortly after the vote, …"
			continue
		}
		_, isCue := cueLemma(t.lower)
		leadingVerb := i == lo && (isCue || strings.HasSuffix(t.lower, "ing") || strings.HasSuffix(t.lower, "ed"))
		if q := ds.quantity(i, v); q > i {
			// "About 200 protesters", "more than 50 lawmakers", "12 senators"
			if _, b, k := ds.phraseRight(q, v); k == mentionNominal {
				return i, b, k
			}
			return 0, 0, mentionNone
		}
		if !leadingVerb && (t.cap && (!notNames[t.lower] || titles[t.lower]) || determiners[t.lower] && t.lower != "that" && t.lower != "this") {
			a, b, k := ds.phraseRight(i, v)
			if k == mentionNominal && ds.isPunct(b, ",") {
				// "Another critic, Laurence H. Tribe, likened …"
				if _, b2, k2 := ds.phraseRight(b+1, v); k2 == mentionName && b2 < v && ds.isPunct(b2, ",") {
					return a, b2, mentionName
				}
			}
			if k != mentionNone && !ds.toks[b-1].poss {
				return a, b, k
			}
			return 0, 0, mentionNone
		}
		// Leading adverbials are skipped up to their comma.
		j := ds.seekFwd(seekNonWordFwd, i, v)
		if j < 0 || !ds.isPunct(j, ",") {
			return 0, 0, mentionNone
		}
		i = j
	}
	return 0, 0, mentionNone
}

// maxSubjectSteps is the most words and phrases that sentenceSubject reads past before
// the subject (leading conjunctions, adverbials, subordinate clauses): more than any
// sentence has, and a bound on its cost in a sentence of any length, which it reads once
// per quotation.
const maxSubjectSteps = 64

// timeAdverbial returns the comma that closes a time phrase starting at token i, before
// token v: "Hours later,", "A month later,", "Eight years ago,", "Shortly after the vote
// ended,"; or i when there is none.
func (ds *docState) timeAdverbial(i, v int) int {
	for k := i; k < v && k < i+6 && ds.isWord(k); k++ {
		switch w := ds.toks[k].lower; {
		case (w == "later" || w == "earlier" || w == "ago") && ds.isPunct(k+1, ","):
			return k + 1
		case (w == "after" || w == "before" || w == "since") && k > i && k <= i+2:
			for j := i; j < k; j++ {
				if u := ds.toks[j].lower; !timeUnits[u] && !numberWord(u) && !(strings.HasSuffix(u, "ly") && !ds.toks[j].cap) && !(j == i && strings.HasSuffix(u, "ly")) {
					return i
				}
			}
			for c := k + 1; c < v && c < k+20 && ds.toks[c].region < 0; c++ {
				if ds.isPunct(c, ",") {
					return c
				}
			}
			return i
		}
	}
	return i
}

// timeUnits measure time in phrases that open a sentence: "Minutes after the vote", "Soon
// after", "Just before".
var timeUnits = set("moments", "minutes", "hours", "days", "weeks", "months", "years",
	"minute", "hour", "day", "week", "month", "year", "soon", "just", "right", "long", "not",
	"a", "an", "few", "several", "two", "three")

// quantity returns the token of the number that opens a phrase at token i ("200
// protesters", "about 200 protesters", "more than 50 lawmakers"), or i when it opens with
// none.
func (ds *docState) quantity(i, v int) int {
	k := i
	switch ds.toks[i].lower {
	case "about", "nearly", "almost", "roughly", "around", "over", "only", "just", "some":
		k = i + 1
	case "more", "fewer", "less":
		if ds.isWord(i+1) && ds.toks[i+1].lower == "than" {
			k = i + 2
		}
	}
	if k < v && ds.isWord(k) && numberWord(ds.toks[k].lower) && ds.isWord(k+1) && !ds.toks[k+1].cap {
		return k
	}
	return i
}

// numberWord reports whether w is a number, in digits or in words up to twenty.
func numberWord(w string) bool {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return true
	}
	switch w {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
		"eighteen", "nineteen", "twenty":
		return true
	}
	return false
}

// colonCue handles a quotation introduced by a colon: "Zelensky: “…”", "He added:" at the
// end of the sentence or paragraph before.
func (ds *docState) colonCue(ra, lo int) (attribution, bool) {
	at := attribution{cue: -1, from: -1}
	j := ra - 1
	if j >= 0 && ds.isPunct(j, ":") {
		// "NAME: “…”" or "S said: “…”" handled by the cue search; here only a bare phrase.
		if a, b, k := ds.phraseLeft(j-1, lo); k == mentionName || k == mentionPronoun {
			at.cue, at.cueText, at.a, at.b, at.kind = j, ":", a, b, k
			return at, true
		}
	}
	// The previous sentence ends in a colon after a cue.
	if ra != lo {
		return at, false
	}
	prev := lo - 1
	if prev < 0 || !ds.isPunct(prev, ":") {
		return at, false
	}
	plo, _ := ds.sentRange(ds.toks[prev].sent)
	if v := ds.cueBefore(prev-1, plo); v >= 0 {
		if r, ok := ds.speakerOf(v, plo, prev, prev); ok {
			return r, true
		}
	}
	if a, b, k := ds.phraseLeft(prev-1, plo); k == mentionName && a == plo {
		at.cue, at.cueText, at.a, at.b, at.kind = prev, ":", a, b, k
		return at, true
	}
	// "Trump issued the following statement:" — the subject of the sentence.
	if at, ok := ds.subjectCue(plo, prev); ok {
		return at, true
	}
	return at, false
}

// introCue attributes a quotation that opens its paragraph to the sentence that ends the
// paragraph before, when that sentence introduces it with a speech verb ("Howard
// continued his scathing remarks.").
func (ds *docState) introCue(ra int) (attribution, bool) {
	p := ds.paraOfTok(ra)
	lo, _ := ds.sentRange(ds.toks[ra].sent)
	if ds.paras[p].tok != ra && lo != ra || lo == 0 {
		return attribution{}, false
	}
	prev := lo - 1
	if prev < 0 || ds.toks[prev].region >= 0 {
		return attribution{}, false
	}
	plo, phi := ds.sentRange(ds.toks[prev].sent)
	for v := plo; v < phi; v++ {
		if ds.toks[v].region >= 0 {
			return attribution{}, false
		}
	}
	for v := plo; v < phi; v++ {
		if _, ok := ds.cueAt(v); ok && !ds.isParticiple(v) {
			return ds.speakerOf(v, plo, phi, v+1)
		}
	}
	return attribution{}, false
}
