package quotes

import (
	"unicode"
	"unicode/utf8"
)

// A region is a stretch of text between paired double quotation marks.
type region struct {
	open, close int // the byte offsets of the marks: text[open:close] includes both
	// lo and hi bound the quoted words: text[lo:hi], without the marks and the white
	// space inside them.
	lo, hi int
	words  int  // the number of words in text[lo:hi], as strings.Fields counts them
	para   int  // the paragraph, an index into the document's paragraph list
	closed bool // false when the paragraph ended before a closing mark
}

// markKind classifies a quotation mark.
type markKind uint8

const (
	notMark markKind = iota
	markOpen
	markClose
	markStraight
)

// markAt classifies the rune at text[i] and returns its length. Curly marks, guillemets
// and TeX-style pairs (two backquotes to open, two apostrophes to close) have a
// direction; straight marks are judged by position. Single quotation marks are not marks
// here: apostrophes look the same, so they only ever nest inside a double quotation.
func markAt(text string, i int) (markKind, int) {
	switch c := text[i]; c {
	case '"':
		return markStraight, 1
	case '`':
		if i+1 < len(text) && text[i+1] == '`' {
			return markOpen, 2
		}
	case '\'':
		if i+1 < len(text) && text[i+1] == '\'' {
			return markClose, 2
		}
	case 0xE2: // “ ” „ ‟ are E2 80 9C..9F
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x9C, 0x9E, 0x9F:
				return markOpen, 3
			case 0x9D:
				return markClose, 3
			}
		}
	case 0xC2: // « » are C2 AB and C2 BB
		if i+1 < len(text) {
			switch text[i+1] {
			case 0xAB:
				return markOpen, 2
			case 0xBB:
				return markClose, 2
			}
		}
	}
	return notMark, 1
}

// looksOpening reports whether a mark at text[i:j] stands where a quotation opens: after
// white space, an opening bracket or a dash, and before a non-space.
func looksOpening(text string, i, j int) bool {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	if j < len(text) {
		after, _ = utf8.DecodeRuneInString(text[j:])
	}
	openCtx := unicode.IsSpace(before) || before == '(' || before == '[' || before == '{' ||
		before == '—' || before == '–' || before == '-' || before == '/' || before == '“' || before == '‘'
	return openCtx && !unicode.IsSpace(after)
}

// looksClosing reports whether a mark at text[i:j] stands where a quotation closes: after
// a non-space, and before white space or punctuation.
func looksClosing(text string, i, j int) bool {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	if j < len(text) {
		after, _ = utf8.DecodeRuneInString(text[j:])
	}
	if unicode.IsSpace(before) {
		return false
	}
	if unicode.IsSpace(after) {
		return true
	}
	switch after {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '”', '’', '\'', '"', '…':
		return true
	}
	return false
}

// pairMarks finds the double quotations of the paragraph text[start:end] and appends them
// to out. Curly marks pair by direction and nest; a straight mark closes an open straight
// one and otherwise opens, unless its shape says otherwise (a stray closing-shaped mark
// with nothing to close is ignored). A quotation still open at the end of the paragraph
// ends there, unclosed: the next paragraph starts afresh, so one unbalanced mark never
// swallows the rest of an article.
func pairMarks(text string, start, end, para int, out []region) []region {
	type open struct {
		kind markKind
		at   int
	}
	var stack [8]open
	depth := 0
	outer := -1 // offset of the outermost open mark
	emit := func(closeEnd, markLen int, closed bool) {
		r := region{open: outer, close: closeEnd, para: para, closed: closed}
		_, n := markAt(text, outer)
		r.lo = outer + n
		r.hi = closeEnd - markLen
		r.lo, r.hi = trimSpace(text, r.lo, r.hi)
		if r.lo < r.hi {
			r.words = fieldCount(text[r.lo:r.hi])
			out = append(out, r)
		}
		depth, outer = 0, -1
	}
	push := func(k markKind, at int) {
		if depth == 0 {
			outer = at
		}
		if depth < len(stack) {
			stack[depth] = open{k, at}
		}
		depth++
	}
	pop := func(at, n int) {
		depth--
		if depth == 0 {
			emit(at+n, n, true)
		}
	}
	top := func() markKind {
		if depth == 0 {
			return notMark
		}
		return stack[min(depth, len(stack))-1].kind
	}
	for i := start; i < end; {
		c := text[i]
		if c != '"' && c != '`' && c != '\'' && c != 0xE2 && c != 0xC2 {
			i++
			continue
		}
		k, n := markAt(text, i)
		if i+n > end {
			break
		}
		switch k {
		case markOpen:
			// A typo'd opening mark in closing position closes an open curly quotation.
			if top() == markOpen && looksClosing(text, i, i+n) && !looksOpening(text, i, i+n) {
				pop(i, n)
			} else {
				push(markOpen, i)
			}
		case markClose:
			switch {
			case depth > 0:
				pop(i, n)
			case looksOpening(text, i, i+n) && !looksClosing(text, i, i+n):
				push(markOpen, i) // a closing mark typed for an opening one
			}
		case markStraight:
			lo, lc := looksOpening(text, i, i+n), looksClosing(text, i, i+n)
			switch {
			case top() == markStraight:
				if lo && !lc && depth == 1 {
					outer = i // a fresh opening: the earlier mark was stray
					stack[0].at = i
				} else {
					pop(i, n)
				}
			case lc && !lo:
				if depth > 0 {
					pop(i, n)
				}
			default:
				push(markStraight, i)
			}
		}
		i += n
	}
	if depth > 0 {
		emit(end, 0, false)
	}
	return out
}

// fieldCount returns len(strings.Fields(s)) without building the slice: the number of
// runs of runes that are not white space.
func fieldCount(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

func trimSpace(text string, lo, hi int) (int, int) {
	for lo < hi {
		r, n := utf8.DecodeRuneInString(text[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		lo += n
	}
	for hi > lo {
		r, n := utf8.DecodeLastRuneInString(text[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		hi -= n
	}
	return lo, hi
}
