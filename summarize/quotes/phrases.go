package quotes

import (
	"sort"
	"strings"
)

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
	for a-1 >= lo && j-a < phraseLeftTokens {
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
	for b < hi && b-i < phraseRightTokens {
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
			// "said the bureau's director, James B. Comey": the noun the possessive owns,
			// before a comma.
			if det && b+1 < hi && ds.isWord(b) && !ds.toks[b].cap && titles[ds.toks[b].lower] && ds.isPunct(b+1, ",") {
				return i, b + 1, mentionNominal
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
