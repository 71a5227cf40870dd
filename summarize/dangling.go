package summarize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Referent names whom a sentence means where the sentence does not say it, as a
// resolver outside the summarizer found it (bot takes them from the quotation index of
// summarize/quotes, which knows who "he" is).
type Referent struct {
	// Name is the person's name as a briefing shows it: "Vladimir Putin".
	Name string
	// Start and End locate, in Article.Text, the pronoun that Name stands for ("He" in
	// "He added: …", "he" in "“…,” he said."). When Start == End the sentence names no
	// one: it is a quotation whose speaker another sentence gives, and a summary shows
	// "Name: " before it.
	Start, End int
}

// Referents are the referents a resolver found, by sentence.
type Referents map[Ref]Referent

// A need says what a sentence lacks to stand on its own in a briefing.
type need uint8

const (
	needNothing    need = iota
	needPerson          // a pronoun ("He added …", "“…,” she said"): a Referent's name can stand in for it
	needSpeaker         // a quotation and nothing that says who spoke: a Referent's name can open it
	needAntecedent      // a bare reference ("That included …", "The move …"): only the sentence before can explain it
)

// personalPronouns open a sentence about someone the sentence does not name.
var personalPronouns = set("he", "she", "they", "his", "her", "their", "him", "them", "its")

// possessivePronouns become the name's possessive when a name stands in for them.
var possessivePronouns = set("his", "her", "their", "its")

// demonstratives open a sentence that points back at the one before it, unless a time
// word follows ("This week").
var demonstratives = set("this", "that", "these", "those", "such")

var timeWords = set("week", "year", "month", "morning", "afternoon", "evening", "night",
	"weekend", "time", "spring", "summer", "fall", "autumn", "winter", "season", "day")

// referenceNouns, after "The", name what the sentence before reported: "The move …",
// "The decision …".
var referenceNouns = set("move", "decision", "announcement", "remarks", "comments", "statement",
	"step", "development", "measure", "incident", "latter", "former", "news")

// danglingNeed says what sentence s (as a summary would read it, without its dateline
// or opening connective) lacks to stand on its own, and where the pronoun to replace
// lies in s: s[at:at+n]. A sentence that opens with a pronoun or a bare reference, or
// a quotation with no speaker or a pronoun for one, points at a sentence that the
// reader of a briefing may not have read.
func danglingNeed(s string) (what need, at, n int) {
	w := wordAt(s, 0, min(len(s), 24))
	var buf [16]byte
	lw := ""
	if len(w) <= len(buf) {
		lw = string(lowerASCII(buf[:0], w))
	}
	if base, _, ok := cutClitic(lw); ok {
		lw, w = base, w[:len(base)] // "He's", "That's", "She'd"
	}
	switch {
	case lw == "":
	case personalPronouns[lw], lw == "it" && speechVerbAfter(s[len(w):]):
		return needPerson, 0, len(w)
	case demonstratives[lw]:
		next := wordAt(s, skipSpace(s, len(w)), min(len(s), len(w)+24))
		if !timeWords[strings.ToLower(next)] {
			return needAntecedent, 0, 0
		}
	case lw == "the":
		next := wordAt(s, skipSpace(s, len(w)), min(len(s), len(w)+24))
		if referenceNouns[strings.ToLower(next)] {
			return needAntecedent, 0, 0
		}
	}
	if r, _ := utf8.DecodeRuneInString(s); r == '“' || r == '"' || strings.HasPrefix(s, "``") {
		return quotationNeed(s)
	}
	if pronounCue(s) && (strings.IndexByte(s, '"') >= 0 || strings.Contains(s, "“") || strings.Contains(s, "``")) {
		// "On the summit, he said, “It's difficult for me.”": the speaker is a pronoun.
		if m := pronounCueRE.FindStringSubmatchIndex(s); m != nil {
			return needPerson, m[2], m[3] - m[2]
		}
	}
	return needNothing, 0, 0
}

// pronounCue reports whether s may hold a pronoun that speaks: ", he said".
func pronounCue(s string) bool {
	return strings.Contains(s, " he ") || strings.Contains(s, " she ") || strings.Contains(s, " they ")
}

// pronounCueRE matches a pronoun that speaks inside a sentence: ", he said".
var pronounCueRE = regexp.MustCompile(`[,:] (he|she|they) (?:said|added|says|told|wrote|asked|replied|explained|insisted|declared)\b`)

// quotationNeed is danglingNeed for a sentence that opens with a quotation: nothing
// after it, or "he said" after it, leaves the speaker unsaid.
func quotationNeed(s string) (need, int, int) {
	regions := quoteRegions(s, 0, len(s))
	if len(regions) == 0 || regions[0].start != 0 {
		return needNothing, 0, 0
	}
	rest := regions[0].end
	i := rest
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) && !unicode.IsPunct(r) {
			break
		}
		i += size
	}
	if i >= len(s) {
		return needSpeaker, 0, 0
	}
	w := wordAt(s, i, min(len(s), i+16))
	if lw := strings.ToLower(w); (lw == "he" || lw == "she" || lw == "they") && speechVerbAfter(s[i+len(w):]) {
		return needPerson, i, len(w)
	}
	return needNothing, 0, 0
}

// cutClitic splits a contraction of a pronoun ("he's", "that’s", "they'd") into the
// pronoun and the clitic.
func cutClitic(w string) (base, clitic string, ok bool) {
	for _, apos := range []string{"'", "’"} {
		if i := strings.LastIndex(w, apos); i > 0 {
			switch w[i+len(apos):] {
			case "s", "d", "ll", "re", "ve":
				return w[:i], w[i+len(apos):], true
			}
		}
	}
	return w, "", false
}

// speechVerbAfter reports whether s, after white space, starts with a speech verb.
func speechVerbAfter(s string) bool {
	i := skipSpace(s, 0)
	w := wordAt(s, i, min(len(s), i+16))
	return w != "" && (speechVerbs[strings.ToLower(w)] || strings.EqualFold(w, "also"))
}

// skipSpace returns the offset of the first byte of s at or after i that is no space.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// resolvedText returns the text of sentence i of d with its referent r: the name in
// brackets in place of the pronoun ("[Vladimir Putin] added …", "[Putin’s] call"), or
// before a quotation that names no speaker ("Donald Trump: “…”").
func (d *Document) resolvedText(i int, r Referent) string {
	sent := d.Sentences[i]
	lo, hi := sent.Start+sent.Trim, sent.End
	if r.Start == r.End {
		return cleanText(r.Name) + ": " + d.Text(i)
	}
	if r.Start < lo || r.End > hi || r.Start > r.End {
		return d.Text(i)
	}
	name := cleanText(r.Name)
	if possessivePronouns[strings.ToLower(d.Article.Text[r.Start:r.End])] {
		name += "’s"
	}
	raw := d.Article.Text[lo:hi]
	a, b := r.Start-lo, r.End-lo
	var before, after []cut
	for _, c := range sent.cuts {
		switch {
		case c.hi <= a:
			before = append(before, c)
		case c.lo >= b:
			after = append(after, cut{c.lo - b, c.hi - b})
		}
	}
	text := unglue(cleanText(applyCuts(raw[:a], before)+"["+name+"]"+applyCuts(raw[b:], after)), d.splits)
	if sent.Trim > 0 {
		text = capitalize(text)
	}
	return text
}
