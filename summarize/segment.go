package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind tells what sort of unit a Span is.
type Kind uint8

const (
	// KindSentence is prose that ends in sentence punctuation.
	KindSentence Kind = iota
	// KindLine is a line with no final punctuation: a headline, a caption, a label.
	KindLine
	// KindListItem is a unit of a line that starts with a list marker ("- ", "• ", "1. ").
	KindListItem
)

// String returns the kind's name as used in test data.
func (k Kind) String() string {
	switch k {
	case KindSentence:
		return "sentence"
	case KindLine:
		return "line"
	case KindListItem:
		return "item"
	}
	return "unknown"
}

// A Span is one sentence-like unit of a text: the bytes text[Start:End], with no surrounding
// white space. Para counts the paragraphs of the text from 0; units of one paragraph share it.
type Span struct {
	Start, End int
	Para       int
	Kind       Kind
}

// maxQuoteWords bounds the quotations whose inner sentence ends are ignored: a quotation of
// up to this many words stays in one unit, so that "“A. B,” she said." is one sentence; a
// longer one is split like any other text.
const maxQuoteWords = 70

// Segment splits text into sentences and other units (headlines, captions, list items) in
// reading order. It never fails: any input, including invalid UTF-8, yields spans that lie
// inside text, do not overlap and hold no leading or trailing white space.
//
// Line breaks end units, except in hard-wrapped text (fixed-width lines inside paragraphs
// separated by blank lines), where single line breaks are spaces, and where a line plainly
// runs on into a next line that starts in lower case. Inside a paragraph a unit ends at
// '.', '?', '!' or an ellipsis followed by white space and the start of a new sentence;
// closing quotation marks and brackets after the punctuation stay with the sentence.
// Abbreviations (Mr., Sen., Jan.), initials (J. D. Vance), dotted acronyms (U.S.) and
// decimals do not end a sentence unless a typical sentence opener follows. A short
// quotation keeps its inner sentences together, as does a quotation followed by its
// attribution ("“Why?” Trump asked.").
func Segment(text string) []Span {
	var out []Span
	para := 0
	for _, b := range blocks(text) {
		out = segmentBlock(text, b.start, b.end, para, out)
		para++
	}
	return out
}

type block struct{ start, end int }

// blocks splits text into paragraphs: byte ranges trimmed of white space.
func blocks(text string) []block {
	var lines []block // trimmed; start == end for a blank line
	for pos := 0; pos <= len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpace(text, pos, end)
		lines = append(lines, block{s, e})
		if nl < 0 {
			break
		}
		pos = end + 1
	}
	wrapped := isHardWrapped(text, lines)
	var out []block
	cur := block{-1, -1}
	for i, l := range lines {
		if l.start == l.end {
			if cur.start >= 0 {
				out = append(out, cur)
				cur = block{-1, -1}
			}
			continue
		}
		if cur.start >= 0 {
			prev := lines[i-1]
			if wrapped || runsOn(text, prev.start, prev.end, l.start) {
				cur.end = l.end
				continue
			}
			out = append(out, cur)
		}
		cur = block{l.start, l.end}
	}
	if cur.start >= 0 {
		out = append(out, cur)
	}
	return out
}

// isHardWrapped reports whether the text looks wrapped at a fixed width: paragraphs separated
// by blank lines, lines no longer than 100 bytes, and most lines that continue a paragraph
// ending without sentence punctuation.
func isHardWrapped(text string, lines []block) bool {
	blank, inner, open := 0, 0, 0
	for i, l := range lines {
		n := l.end - l.start
		if n == 0 {
			blank++
			continue
		}
		if n > 100 {
			return false
		}
		if i+1 < len(lines) && lines[i+1].end > lines[i+1].start {
			inner++
			if !endsSentence(text[l.start:l.end]) {
				open++
			}
		}
	}
	return blank > 0 && inner >= 4 && open*10 >= inner*6
}

// runsOn reports whether a line ending without punctuation continues on the next line,
// which starts with a lower-case letter.
func runsOn(text string, start, end, next int) bool {
	if end-start < 30 || endsSentence(text[start:end]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[next:])
	return unicode.IsLower(r)
}

// endsSentence reports whether s ends in sentence punctuation, possibly followed by closing
// quotation marks or brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		switch {
		case isCloser(r):
			s = s[:len(s)-n]
		case isTerminal(r) || r == ':' || r == ';':
			return true
		default:
			return false
		}
	}
	return false
}

func trimSpace(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

func isTerminal(r rune) bool { return r == '.' || r == '?' || r == '!' || r == '…' }

// isCloser reports whether r closes a quotation or a bracket.
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', ')', ']', '»', '›':
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation or a bracket.
func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '"', '\'', '(', '[', '«', '‹', '„', '`':
		return true
	}
	return false
}

// listMarker returns the length of a list marker at the start of s ("- ", "• ", "12. "), or 0.
func listMarker(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '–', '—', '•', '*', '·', '▪', '◦', '●':
		if n < len(s) && (s[n] == ' ' || s[n] == '\t') {
			return n + 1
		}
		return 0
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return i + 2
	}
	return 0
}

// quoteRegion is a double quotation closed inside its paragraph: text[start:end] includes
// both marks.
type quoteRegion struct{ start, end, words int }

// quoteRegions pairs the double quotation marks of text[start:end]: curly marks by direction,
// straight ones and TeX-style “...” by position. An opening mark that is never closed is
// dropped, so one stray mark does not affect the rest of the paragraph.
func quoteRegions(text string, start, end int) []quoteRegion {
	var out []quoteRegion
	open := -1
	words := 0
	prevSpace := true
	for i := start; i < end; {
		if open < 0 && !mayQuote(text, i, end) {
			i++ // outside a quotation only an opening mark matters
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		opening, closing := false, false
		switch r {
		case '“', '„', '«':
			opening = true
		case '”', '»':
			closing = true
		case '`':
			if i+1 < end && text[i+1] == '`' {
				opening, n = true, 2
			}
		case '\'':
			if i+1 < end && text[i+1] == '\'' {
				closing, n = true, 2
			}
		case '"':
			if prevSpace || open < 0 {
				opening = true
			} else {
				closing = true
			}
		}
		switch {
		case opening:
			open, words = i, 0
		case closing && open >= 0:
			out = append(out, quoteRegion{open, i + n, words})
			open = -1
		}
		space := isSpace(r)
		if space && !prevSpace {
			words++
		}
		prevSpace = space || isOpener(r) || r == '—' || r == '–'
		i += n
	}
	return out
}

// mayQuote reports whether text[i] may start a double quotation mark; it is false for
// most bytes, which lets quoteRegions skip the text between quotations cheaply.
func mayQuote(text string, i, end int) bool {
	switch text[i] {
	case '"', '`', '\'':
		return true
	case 0xE2: // “ ” „ are E2 80 9C-9E
		return i+2 < end && text[i+1] == 0x80 && text[i+2] >= 0x9C && text[i+2] <= 0x9E
	case 0xC2: // « » are C2 AB and C2 BB
		return i+1 < end && (text[i+1] == 0xAB || text[i+1] == 0xBB)
	}
	return false
}

// segmentBlock appends the units of the paragraph text[start:end] to out.
func segmentBlock(text string, start, end, para int, out []Span) []Span {
	kind := KindSentence
	if m := listMarker(text[start:end]); m > 0 {
		kind = KindListItem
		start, _ = trimSpace(text, start+m, end)
		if start >= end {
			return out
		}
	}
	regions := quoteRegions(text, start, end)
	emit := func(s, e int) {
		s, e = trimSpace(text, s, e)
		if s >= e {
			return
		}
		k := kind
		if k == KindSentence && !endsSentence(text[s:e]) {
			k = KindLine
		}
		out = append(out, Span{Start: s, End: e, Para: para, Kind: k})
	}
	sent := start
	for i := start; i < end; {
		c := text[i]
		if c != '.' && c != '?' && c != '!' && !(c == 0xE2 && strings.HasPrefix(text[i:end], "…")) {
			i++
			continue
		}
		// The run of sentence punctuation, with spaced ellipses (". . .").
		runStart := i
		dots, last := 0, byte(0)
		for i < end {
			switch {
			case text[i] == '.' || text[i] == '?' || text[i] == '!':
				if text[i] == '.' {
					dots++
				}
				last = text[i]
				i++
				continue
			case strings.HasPrefix(text[i:end], "…"):
				dots += 3
				last = '.'
				i += len("…")
				continue
			case text[i] == ' ' && i+1 < end && text[i+1] == '.' && dots > 0 && last == '.' &&
				(i+2 >= end || text[i+2] == ' ' || text[i+2] == '.'):
				i++
				continue
			}
			break
		}
		// Closing quotation marks and brackets.
		quoteCloser := false
		for i < end {
			if strings.HasPrefix(text[i:end], "''") {
				quoteCloser = true
				i += 2
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:end])
			if !isCloser(r) {
				break
			}
			if r != ')' && r != ']' {
				quoteCloser = true
			}
			i += n
		}
		if i >= end {
			break // the paragraph ends here anyway
		}
		r, _ := utf8.DecodeRuneInString(text[i:end])
		if !isSpace(r) {
			continue // "3.5", "U.S.-led", "example.com", "?!”,"
		}
		next := i
		for next < end {
			r, n := utf8.DecodeRuneInString(text[next:end])
			if !isSpace(r) {
				break
			}
			next += n
		}
		if insideQuote(&regions, i) || !isBoundary(text, sent, runStart, i, next, end, dots, last, quoteCloser) {
			continue
		}
		emit(sent, i)
		sent = next
	}
	emit(sent, end)
	return out
}

// insideQuote reports whether pos lies strictly inside a short closed quotation. The
// regions are in order and do not overlap, and pos grows from call to call, so it drops
// from *regions those that end before pos: the work stays linear in the paragraph.
func insideQuote(regions *[]quoteRegion, pos int) bool {
	rs := *regions
	for len(rs) > 0 && rs[0].end <= pos {
		rs = rs[1:]
	}
	*regions = rs
	return len(rs) > 0 && rs[0].start < pos && rs[0].words <= maxQuoteWords
}

// isBoundary decides whether the punctuation text[run:after] ends a sentence. The next
// sentence would start at text[next:end].
func isBoundary(text string, sent, run, after, next, end, dots int, last byte, quoteCloser bool) bool {
	// "The question — “Why now?” — went unanswered": a dash or a comma after a question or
	// an exclamation goes on with the sentence.
	if last != '.' {
		switch r, _ := utf8.DecodeRuneInString(text[next:end]); r {
		case '—', '–', ',', ';', ':':
			return false
		}
	}
	// What follows: optional opening marks, then a word.
	j := next
	opened := false
	for j < end {
		if strings.HasPrefix(text[j:end], "``") {
			opened, j = true, j+2
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:end])
		if !isOpener(r) {
			break
		}
		opened = true
		j += n
	}
	r, _ := utf8.DecodeRuneInString(text[j:end])
	if unicode.IsLower(r) {
		return false
	}
	nextWord := wordAt(text, j, end)
	if quoteCloser && !opened && last != '.' && attributionFollows(text, j, end) {
		return false
	}
	switch {
	case dots >= 2: // an ellipsis
		return isOpenerWord(nextWord)
	case last != '.' || dots != 1 || quoteCloser:
		return true
	}
	prev := wordBefore(text, sent, run)
	kind := abbreviationKind(prev)
	if kind == abbrevTitle && capitalizedBefore(text, sent, run-len(prev)) {
		// "Hun Sen.": a name that looks like a title.
		kind = abbrevOther
	}
	switch kind {
	case abbrevTitle:
		return false
	case abbrevOther:
		var buf [16]byte
		lw := ""
		if len(prev) <= len(buf) {
			lw = string(lowerASCII(buf[:0], prev))
		}
		switch {
		case numberAbbrevs[lw]:
			// "No. 5", but "Voters said no. Critics ..."
			r, _ := utf8.DecodeRuneInString(nextWord)
			return !unicode.IsDigit(r)
		case timeAbbrevs[lw] && weekdays[strings.ToLower(nextWord)]:
			// "at 9 a.m. Tuesday"
			return false
		}
		return isOpenerWord(nextWord) || opened && !bracketOpens(text, next, end)
	}
	return true
}

// bracketOpens reports whether text[next:end] opens with a bracket: after an
// abbreviation, "(AP)" or "(R-Texas)" goes on with the sentence ("PORTVALE, Fla. (AP) —").
func bracketOpens(text string, next, end int) bool {
	return next < end && (text[next] == '(' || text[next] == '[')
}
