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
		if words > maxCueAfterWords {
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
