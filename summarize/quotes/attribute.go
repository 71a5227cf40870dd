package quotes

import (
	"strings"
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
	cue     int // token of the cue verb (or ":" or "according"), -1 when inherited
	cueText string
	a, b    int // token range of the speaker mention; a == b when none was found
	kind    mentionKind
	from    int // for an inherited attribution, the region it comes from; else -1
}

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
	case ".", "?", "!", ";", "...", "…":
		return true
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
	if t.cap && !t.first {
		return "", false // "Truth Social Post", "Tell-All"
	}
	// A determiner or a possessive before it makes it a noun: "a call", "his claims".
	if ds.isWord(i - 1) {
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
	var order []int
	if atStart {
		order = []int{post, pre}
	} else {
		order = []int{pre, post}
	}
	for _, v := range order {
		if v < 0 {
			continue
		}
		if at, ok := ds.speakerOf(v, lo, hi, ra); ok {
			return at
		}
	}
	// "Zelensky: “…”" and "He added: “…”" in the sentence before.
	if at, ok := ds.colonCue(ra, lo); ok {
		return at
	}
	return none
}

// opensClause reports whether nothing but punctuation and other quotations stands
// between the start of the sentence (token lo) and token ra.
func (ds *docState) opensClause(lo, ra int) bool {
	for i := lo; i < ra; i++ {
		if ds.isWord(i) {
			return false
		}
	}
	return true
}

// cueAfter returns the first cue after token rb in the same clause, close enough to be
// the quotation's attribution ("…,” he said", "…,” said the spokesman, a former aide"),
// or -1.
func (ds *docState) cueAfter(rb, hi int) int {
	words := 0
	for i := rb; i < hi; i++ {
		t := &ds.toks[i]
		if t.region >= 0 {
			return -1 // the next quotation
		}
		if ds.endsClause(i) {
			return -1
		}
		if t.kind != tokWord {
			continue
		}
		if _, ok := ds.cueAt(i); ok {
			return i
		}
		words++
		if words > 12 {
			return -1
		}
	}
	return -1
}

// cueBefore returns the nearest cue before token i in the sentence starting at token lo,
// or -1. It reads across earlier quotations of the sentence ("said the call “went well”
// and that “…”").
func (ds *docState) cueBefore(i, lo int) int {
	for ; i >= lo; i-- {
		if ds.endsClause(i) {
			return -1
		}
		if _, ok := ds.cueAt(i); ok {
			return i
		}
	}
	return -1
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
	if weakCues[lemma] && !ds.near(v, ra, 6) {
		return at, false
	}
	// "…,” said Sen. Smith" and "…,” says the spokesman": inversion right after a quotation.
	if j := v - 1; j >= lo && (ds.toks[j].region >= 0 || ds.isPunct(j, ",")) && !ds.isWord(j) && !ds.isParticiple(v) {
		if a, b, k := ds.phraseRight(v+1, hi); k == mentionName || k == mentionNominal {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	a, b, k := ds.subjectLeft(v, lo)
	if k != mentionNone {
		at.a, at.b, at.kind = a, b, k
		return at, true
	}
	// A participle after a comma ("…, saying “…”") or a verb whose subject is elsewhere:
	// the subject of the sentence.
	if ds.isParticiple(v) || ds.isPunct(v-1, ",") {
		if a, b, k := ds.sentenceSubject(lo, v); k != mentionNone {
			at.a, at.b, at.kind = a, b, k
			return at, true
		}
	}
	if a, b, k := ds.phraseRight(v+1, hi); k == mentionName || k == mentionNominal {
		at.a, at.b, at.kind = a, b, k
		return at, true
	}
	return at, false
}

// near reports whether the cue at v is within n words of the quotation opening at ra.
func (ds *docState) near(v, ra, n int) bool {
	lo, hi := v, ra
	if lo > hi {
		lo, hi = hi, lo
	}
	words := 0
	for i := lo + 1; i < hi; i++ {
		if ds.toks[i].region >= 0 {
			continue
		}
		if ds.toks[i].kind == tokWord {
			words++
		}
	}
	return words <= n
}

// subjectLeft reads the subject of the verb at token v leftwards, down to token lo:
// "Trump said", "he also said", "the Florida senator has repeatedly said", "Sanders, the
// Vermont senator, said", "Trump, who …, said".
func (ds *docState) subjectLeft(v, lo int) (int, int, mentionKind) {
	j := v - 1
	for j >= lo && ds.isWord(j) && ds.skippable(j) {
		j--
	}
	if j < lo {
		return 0, 0, mentionNone
	}
	// An apposition or a relative clause between commas.
	if ds.isPunct(j, ",") || ds.isPunct(j, "—") || ds.isPunct(j, "–") || ds.isPunct(j, ")") {
		k := j - 1
		n := 0
		for k >= lo && n < 30 && !ds.isPunct(k, ",") && !ds.isPunct(k, "—") && !ds.isPunct(k, "–") &&
			!ds.isPunct(k, "(") && !ds.endsClause(k) && ds.toks[k].kind != tokMark {
			k--
			n++
		}
		if k >= lo+1 && k < j-1 && (ds.isPunct(k, ",") || ds.isPunct(k, "—") || ds.isPunct(k, "–") || ds.isPunct(k, "(")) {
			inner := k + 1
			if ds.isWord(inner) && ds.toks[inner].lower == "who" {
				// "Trump, who …, said": the mention is the name before the comma.
				if a, b, kind := ds.phraseLeft(k-1, lo); kind != mentionNone {
					return a, b, kind
				}
			}
			if a, b, kind := ds.phraseLeft(k-1, lo); kind == mentionName || kind == mentionNominal || kind == mentionPronoun {
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

// skippable reports whether the word at token j may stand between a subject and its verb.
func (ds *docState) skippable(j int) bool {
	t := &ds.toks[j]
	if t.cap {
		return false
	}
	if skipBeforeVerb[t.lower] {
		// "in", "on", "last": only as part of a time phrase ("on Monday", "last week")
		switch t.lower {
		case "in", "on", "but", "and", "last":
			return false
		}
		return true
	}
	return strings.HasSuffix(t.lower, "ly") && len(t.lower) > 4 && !determiners[t.lower] && t.lower != "only"
}

// phraseLeft reads a speaker phrase that ends at token j: a pronoun, a name with its
// titles ("Russian President Vladimir Putin"), or a nominal ("the Florida senator", "a
// spokesman for the campaign").
func (ds *docState) phraseLeft(j, lo int) (int, int, mentionKind) {
	for j >= lo && ds.isWord(j) && ds.toks[j].lower == "day" {
		j-- // "on Monday" style time phrases were skipped already; nothing else to do
	}
	if j < lo || !ds.isWord(j) {
		// "(R-Texas)" after a name
		if ds.isPunct(j, ")") {
			k := j - 1
			for k >= lo && k > j-8 && !ds.isPunct(k, "(") {
				k--
			}
			if k > lo && ds.isPunct(k, "(") {
				return ds.phraseLeft(k-1, lo)
			}
		}
		return 0, 0, mentionNone
	}
	t := &ds.toks[j]
	if t.poss {
		return 0, 0, mentionNone
	}
	if _, ok := pronouns[t.lower]; ok && t.lower != "who" {
		return j, j + 1, mentionPronoun
	}
	if npBreaks[t.lower] || determiners[t.lower] {
		return 0, 0, mentionNone
	}
	if _, isCue := cueLemma(t.lower); isCue && !t.cap {
		return 0, 0, mentionNone
	}
	a := j
	hasName := t.cap && !notNames[t.lower]
	for a-1 >= lo && j-a < 9 {
		p := &ds.toks[a-1]
		if p.kind != tokWord || p.region >= 0 {
			break
		}
		if determiners[p.lower] {
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
		if npBreaks[p.lower] {
			break
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
	det := determiners[t.lower] && t.lower != "that" && t.lower != "this"
	if det {
		b++
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
		if npBreaks[p.lower] && !(b > i && (p.lower == "the")) {
			break
		}
		if !det && !p.cap && !titles[p.lower] {
			break
		}
		if p.cap && !notNames[p.lower] {
			hasName = true
		}
		if p.poss {
			b++
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

// sentenceSubject finds the subject of the sentence whose tokens start at lo, reading up to
// token v: the first name, pronoun or nominal that a verb could follow.
func (ds *docState) sentenceSubject(lo, v int) (int, int, mentionKind) {
	// Scan for the last cue before v whose subject is found: "He called the plan …,
	// saying …" takes "He" through "called"? No: take the first phrase of the clause.
	for i := lo; i < v; i++ {
		if !ds.isWord(i) {
			if ds.toks[i].region >= 0 {
				return 0, 0, mentionNone
			}
			continue
		}
		t := &ds.toks[i]
		if _, ok := pronouns[t.lower]; ok && t.lower != "who" && t.lower != "you" {
			return i, i + 1, mentionPronoun
		}
		if t.cap && !notNames[t.lower] || determiners[t.lower] && t.lower != "that" {
			a, b, k := ds.phraseRight(i, v)
			if k != mentionNone && !ds.toks[b-1].poss {
				return a, b, k
			}
			if k != mentionNone {
				return 0, 0, mentionNone
			}
		}
		// Leading adverbials ("On Monday,", "In a statement,") are skipped up to a comma.
		if !t.cap || notNames[t.lower] {
			continue
		}
	}
	return 0, 0, mentionNone
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
	return at, false
}
