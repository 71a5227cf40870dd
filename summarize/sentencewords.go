package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words around a possible sentence end that decide whether it is one: the word
// before a period (an abbreviation?), the word after it (one that opens sentences?),
// and an attribution that follows a quotation.

// wordAt returns the word (letters, digits, apostrophes) that starts at text[i].
func wordAt(text string, i, end int) string {
	j := i
	for j < end {
		r, n := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' {
			break
		}
		j += n
	}
	return text[i:j]
}

// wordBefore returns the white-space delimited token that ends at text[end], without
// leading opening marks and without the final period.
func wordBefore(text string, start, end int) string {
	i := end
	for i > start {
		r, n := utf8.DecodeLastRuneInString(text[start:i])
		if isSpace(r) || isOpener(r) || r == '—' || r == '–' || r == '/' {
			break
		}
		i -= n
	}
	return text[i:end]
}

// capitalizedBefore reports whether the word that ends just before text[end] (after one
// space) is capitalised.
func capitalizedBefore(text string, start, end int) bool {
	if end-1 <= start || text[end-1] != ' ' {
		return false
	}
	w := wordBefore(text, start, end-1)
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

type abbrev uint8

const (
	abbrevNone  abbrev = iota
	abbrevTitle        // precedes a name: never ends a sentence
	abbrevOther        // may end a sentence when a sentence opener follows
)

// abbreviationKind classifies the word before a period.
func abbreviationKind(w string) abbrev {
	if w == "" {
		return abbrevNone
	}
	var buf [16]byte
	if len(w) <= len(buf) {
		lw := lowerASCII(buf[:0], w)
		if titleAbbrevs[string(lw)] {
			return abbrevTitle
		}
		if otherAbbrevs[string(lw)] {
			return abbrevOther
		}
	}
	// A single letter (an initial) or a dotted acronym ("U.S", "p.m", "J.D").
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsLetter(r) {
		return abbrevOther
	}
	if strings.IndexByte(w, '.') > 0 {
		letters := 0
		for _, r := range w {
			if r != '.' && !unicode.IsLetter(r) {
				return abbrevNone
			}
			if r != '.' {
				letters++
			}
		}
		if letters <= 5 {
			return abbrevOther
		}
	}
	return abbrevNone
}

// lowerASCII appends w to dst with ASCII letters lowered.
func lowerASCII(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// isOpenerWord reports whether w typically opens a sentence (a capitalised function word).
func isOpenerWord(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	return sentenceOpeners[string(lowerASCII(buf[:0], w))]
}

// attributionFollows reports whether text[i:end] starts with an attribution such as
// "Trump said" or "Vice President JD Vance told": up to four capitalised words and a speech
// verb. After a closing quotation mark it means the quotation's sentence goes on.
func attributionFollows(text string, i, end int) bool {
	for k := 0; k < 5 && i < end; k++ {
		w := wordAt(text, i, end)
		if w == "" {
			return false
		}
		var buf [16]byte
		if len(w) <= len(buf) && speechVerbs[string(lowerASCII(buf[:0], w))] {
			return k > 0
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		i += len(w)
		for i < end && (text[i] == ' ' || text[i] == '.') {
			i++
		}
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// titleAbbrevs precede names and so never end a sentence.
var titleAbbrevs = set("mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt",
	"col", "sgt", "capt", "adm", "cmdr", "rev", "hon", "pres", "supt", "insp", "det", "maj",
	"amb", "fr", "msgr", "reps", "sens", "gens", "cpl", "pvt", "pfc", "spc", "cmndr", "brig",
	"cdr", "atty", "cllr", "const", "ch", "supr")

// otherAbbrevs end in a period but may also end a sentence.
var otherAbbrevs = set("st", "mt", "ft", "ext", "jr", "sr", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "vs",
	"etc", "no", "nos", "vol", "approx", "est", "dept", "univ", "assn", "ave", "blvd", "rd",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"tue", "tues", "thu", "thur", "thurs", "fri",
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ind", "kan",
	"ky", "la", "md", "mich", "minn", "mo", "mont", "neb", "nev", "okla",
	"ore", "pa", "tenn", "tex", "va", "vt", "wis", "wyo", "mass", "wash", "miss", "ill", "me", "e.g", "i.e", "cf", "al",
	"ph", "op", "fig", "pp", "pct", "mln", "bln", "yr", "yrs", "hr", "hrs", "mins")

// numberAbbrevs are abbreviations only before a number ("No. 5"); elsewhere the word
// ends a sentence ("Voters said no.").
var numberAbbrevs = set("no", "nos")

// timeAbbrevs follow a time of day, which a weekday may follow ("9 a.m. Tuesday").
var timeAbbrevs = set("a.m", "p.m")

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// sentenceOpeners are capitalised words that usually start a sentence; after an
// abbreviation they signal a sentence end.
var sentenceOpeners = set("a", "an", "the", "he", "she", "it", "they", "we", "i", "you",
	"his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those",
	"there", "here", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "from",
	"with", "by", "as", "after", "before", "when", "while", "if", "although", "though",
	"because", "since", "during", "despite", "however", "meanwhile", "still", "also",
	"then", "now", "some", "many", "most", "all", "no", "not", "one", "both", "each",
	"other", "others", "what", "who", "why", "how", "where", "which", "officials", "mr",
	"mrs", "ms", "dr", "until", "under", "over", "according", "earlier", "later", "last",
	"next", "to", "among", "about", "instead", "even", "only", "unlike", "like", "asked",
	"speaking", "separately", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday")

// speechVerbs mark an attribution after a quotation.
var speechVerbs = set("said", "says", "told", "added", "asked", "recounted", "wrote",
	"writes", "tweeted", "posted", "replied", "continued", "explained", "noted", "insisted",
	"stated", "declared", "responded", "argued", "warned", "answered", "shouted", "urged",
	"announced", "claimed", "countered", "conceded", "acknowledged", "remarked", "quipped",
	"recalled", "observed", "cautioned", "stressed", "pleaded")
