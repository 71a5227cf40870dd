package summarize

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Compression leaves out of a summary what carries no fact of the point, so that more
// points fit in its words: an attribution tail to an unnamed source (", officials
// said."), and a short parenthetical without figures ("(R-Texas)"). A sentence that
// quotes keeps all its words: a quotation needs its speaker, and the quotation index
// reads the same sentences.

// A cut is a byte range of a sentence that a summary leaves out.
type cut struct{ lo, hi int }

// tailRE matches an attribution that closes a sentence: ", officials said.", ", a
// spokesman told reporters on Monday.", ", according to the ministry." Group 1 is its
// source, group 2 the final punctuation.
var tailRE = regexp.MustCompile(`, (?:according to )?([\p{L}\p{N}'’. -]{2,60}?) (?:said|say|says|told reporters|told the \p{L}+|announced|reported|added|noted|stated|confirmed|explained)(?: on \p{L}+day| in a statement| late \p{L}+day| \p{L}+day)?([.!?])$|, according to ([\p{L}\p{N}'’. -]{2,60}?)([.!?])$`)

// innerRE matches an attribution between commas inside a sentence: "The bridge,
// officials said, will close". Group 1 is its source.
var innerRE = regexp.MustCompile(`, ([\p{L}'’ -]{2,40}?) (?:said|says|say|added|noted)(?: on \p{L}+day| \p{L}+day)?, `)

// parenRE matches a short parenthetical inside a sentence.
var parenRE = regexp.MustCompile(` \(([^()]{1,40})\)`)

// tailWindow bounds the attribution tails compressCuts looks for: a source of at most
// 60 bytes, a verb and a day.
const tailWindow = 120

// attributionVerbs are the words of which one must be in an attribution.
var attributionVerbs = []string{"said", "say", "told", "announced", "reported", "added", "noted", "stated", "confirmed", "explained"}

// mayAttributeTail reports whether the end of a sentence may hold an attribution: its
// verb stands in the last 40 bytes (the verb and a day), or "according to" does in s.
func mayAttributeTail(s string) bool {
	end := s[max(0, len(s)-40):]
	if strings.IndexByte(s, ',') < 0 {
		return false
	}
	for _, v := range attributionVerbs {
		if strings.Contains(end, v) {
			return true
		}
	}
	return strings.Contains(s, "according to")
}

// mayAttributeInside reports whether s may hold an attribution between commas.
func mayAttributeInside(s string) bool {
	i := strings.Index(s, ", ")
	return i >= 0 && (strings.Contains(s[i:], " said, ") || strings.Contains(s[i:], " says, ") || strings.Contains(s[i:], " added, "))
}

// minCutWords is the fewest words a sentence keeps once compressed.
const minCutWords = 8

// compressCuts returns what a summary leaves out of sentence s, in order.
func compressCuts(s string) []cut {
	if startsQuote(s) || strings.HasPrefix(s, "``") {
		return nil // the attribution names the quotation's speaker
	}
	var cuts []cut
	if strings.IndexByte(s, '(') >= 0 {
		for _, m := range parenRE.FindAllStringSubmatchIndex(s, -1) {
			inner := s[m[2]:m[3]]
			if m[0] == 0 || strings.IndexFunc(inner, unicode.IsDigit) >= 0 || wordCount(inner) > 6 {
				continue
			}
			cuts = append(cuts, cut{m[0], m[1]})
		}
	}
	if mayAttributeInside(s) {
		for _, m := range innerRE.FindAllStringSubmatchIndex(s, -1) {
			if genericSource(s[m[2]:m[3]]) && !overlaps(cuts, m[0]) && !closesQuote(s[:m[0]]) {
				cuts = append(cuts, cut{m[0], m[1] - 1}) // keep the space after
			}
		}
	}
	// The tail is read in the last tailWindow bytes only: the expression is anchored at
	// the end, and would otherwise be tried from every comma of a long sentence.
	off := max(0, len(s)-tailWindow)
	if mayAttributeTail(s[off:]) {
		if m := tailRE.FindStringSubmatchIndex(s[off:]); m != nil {
			src, end := m[2], m[3]
			if src < 0 {
				src, end = m[6], m[7]
			}
			at := off + m[0]
			if genericSource(s[off+src:off+end]) && !overlaps(cuts, at) && !closesQuote(s[:at]) {
				cuts = append(cuts, cut{at, len(s) - 1}) // keep the final punctuation
			}
		}
	}
	slices.SortFunc(cuts, func(a, b cut) int { return a.lo - b.lo })
	kept := wordCount(s)
	for _, c := range cuts {
		kept -= wordCount(s[c.lo:c.hi])
	}
	if kept < minCutWords {
		return nil
	}
	return cuts
}

// genericSource reports whether the source of an attribution names no one: at most six
// words, none capitalised ("officials", "a senior police officer").
func genericSource(src string) bool {
	if wordCount(src) > 6 {
		return false
	}
	for _, r := range src {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// overlaps reports whether a cut from at would overlap one of cuts.
func overlaps(cuts []cut, at int) bool {
	for _, c := range cuts {
		if c.hi > at && c.lo <= at+1 {
			return true
		}
	}
	return false
}

// applyCuts returns s without its cuts.
func applyCuts(s string, cuts []cut) string {
	if len(cuts) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for _, c := range cuts {
		b.WriteString(s[prev:c.lo])
		prev = c.hi
	}
	b.WriteString(s[prev:])
	return b.String()
}

// closesQuote reports whether s ends with a closing quotation mark: an attribution after
// it names the quotation's speaker.
func closesQuote(s string) bool {
	s = strings.TrimRight(s, ",.!? ")
	return strings.HasSuffix(s, "”") || strings.HasSuffix(s, "\"") || strings.HasSuffix(s, "''") || strings.HasSuffix(s, "»")
}

// timeOpenerRE matches a time phrase that opens a sentence and names no date: "Earlier
// this week,", "Last year,", "At the time,". Dates ("On Monday,", "In 1998,") are facts
// and stay.
var timeOpenerRE = regexp.MustCompile(`^(?:(?:Earlier|Later|Last|This|Next|Late|Early)(?: this| last| next| in the)? (?:week|month|year|weekend|summer|spring|fall|autumn|winter|morning|evening|night|day|decade)|Earlier|Later|At the time|In recent (?:years|months|weeks|days)|For (?:years|months|weeks|decades)|Since then|Until now|Days later|Weeks later|Months later|Years later),\s+`)

// timeOpenerEnd returns the length of a time phrase without a date that opens sentence
// s, or 0: a sentence of at least minCutWords words must follow.
func timeOpenerEnd(s string) int {
	if len(s) < 6 || !isCapital(s[0]) {
		return 0
	}
	m := timeOpenerRE.FindStringIndex(s)
	if m == nil || m[1] >= len(s) || !unicode.IsLetter(rune(s[m[1]])) || wordCount(s[m[1]:]) < minCutWords {
		return 0
	}
	return m[1]
}
