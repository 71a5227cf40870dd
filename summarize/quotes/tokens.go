package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind tells what a token is.
type tokKind uint8

const (
	tokWord  tokKind = iota
	tokPunct         // one punctuation rune, or a run of dots
	tokMark          // a double quotation mark
)

// A token is a word or a punctuation mark of a paragraph, with its byte offsets in the
// article's text.
type token struct {
	start, end int
	kind       tokKind
	region     int    // the quotation region that holds it, or -1
	sent       int    // the sentence that holds it, an index into Document.Sentences
	lower      string // the word as lowerWord gives it; "" for punctuation and marks
	cap        bool   // the word starts with a capital letter
	poss       bool   // the word ends in a possessive ’s or 's
	first      bool   // the first token of its sentence
}

// is reports whether the token is the punctuation mark p.
func (t *token) is(doc string, p string) bool {
	return t.kind == tokPunct && doc[t.start:t.end] == p
}

// tokenize appends the tokens of text[start:end] to out. Words are runs of letters and
// digits with inner apostrophes, hyphens and periods ("O’Brien", "U.S.", "Jean-Claude"),
// keeping the period of a known abbreviation or an initial ("Sen.", "J."). Every other
// non-space rune is a token of its own.
func tokenize(text string, start, end, sent int, out []token) []token {
	firstTok := true
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			i += n
			continue
		case isWordRune(r):
			j := i + n
			apos := false // the word holds an apostrophe
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// Inner apostrophes, hyphens and periods, when a letter or digit follows.
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == '&' {
					if j+n2 < end {
						r3, _ := utf8.DecodeRuneInString(text[j+n2 : end])
						if isWordRune(r3) {
							apos = apos || r2 == '\'' || r2 == '’'
							j += n2
							continue
						}
					}
				}
				break
			}
			w := text[i:j]
			// Keep the period of an abbreviation, an initial or a dotted acronym.
			if j < end && text[j] == '.' && keepsPeriod(w) {
				j++
				w = text[i:j]
			}
			t := token{start: i, end: j, kind: tokWord, region: -1, sent: sent, first: firstTok}
			t.lower, t.poss = lowerWord(w, apos)
			first, _ := utf8.DecodeRuneInString(w)
			t.cap = unicode.IsUpper(first)
			out = append(out, t)
			i = j
		default:
			k, m := markAt(text, i)
			if k != notMark && i+m <= end {
				out = append(out, token{start: i, end: i + m, kind: tokMark, region: -1, sent: sent, first: firstTok})
				i += m
				firstTok = false
				continue
			}
			j := i + n
			if r == '.' {
				for j < end && text[j] == '.' {
					j++
				}
			}
			out = append(out, token{start: i, end: j, kind: tokPunct, region: -1, sent: sent, first: firstTok})
			i = j
		}
		firstTok = false
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// keepsPeriod reports whether the word w, followed by a period, is an abbreviation that
// owns it.
func keepsPeriod(w string) bool {
	if strings.Contains(w, ".") {
		return true // "U.S" + ".", "J.D" + "."
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	return abbreviations[strings.ToLower(w)]
}

var abbreviations = set("mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov",
	"gen", "lt", "col", "sgt", "capt", "adm", "cmdr", "rev", "hon", "pres", "supt", "insp",
	"det", "maj", "amb", "fr", "msgr", "st", "jr", "sr", "sec", "atty", "gens", "mt", "ft",
	"no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "calif", "fla", "ind", "mass", "mich", "minn", "pa",
	"tenn", "tex", "va", "wis", "ariz", "ark", "colo", "conn", "del", "ga", "ill", "kan",
	"ky", "la", "md", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "vt", "wash",
	"wyo", "ala", "d", "r", "i")

// lowerWord returns w lower-cased without a final possessive ’s or 's, and whether there
// was one; a pronoun with a clitic ("he’d") is the pronoun; a final period goes when it
// is the word's only one ("Sen." is "sen", "U.S." stays "u.s."). A possessive s’ is no
// part of a word: tokenize keeps only inner apostrophes. apos tells whether w holds an
// apostrophe: without one it has neither a clitic nor a possessive, and lowerWord looks
// for none.
func lowerWord(w string, apos bool) (string, bool) {
	poss := false
	if apos {
		// "he’d", "she’s", "they’re": a pronoun with a clitic is the pronoun.
		if i := strings.IndexAny(w, "'’"); i > 0 {
			if _, ok := pronouns[strings.ToLower(w[:i])]; ok {
				return strings.ToLower(w[:i]), false
			}
		}
		for _, suf := range []string{"’s", "'s", "’S", "'S"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf) {
				w, poss = w[:len(w)-len(suf)], true
				break
			}
		}
	}
	l := strings.ToLower(w)
	if strings.HasSuffix(l, ".") && !strings.Contains(l[:len(l)-1], ".") {
		l = l[:len(l)-1]
	}
	return l, poss
}
