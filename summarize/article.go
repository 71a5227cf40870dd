package summarize

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// An Article is one news report: its text and what is known of where it came from. Every
// source (the embedded seeds, local folders, feeds) produces Articles.
type Article struct {
	// ID identifies the article within its source: a file name, a URL or a feed GUID.
	ID string
	// Origin names the source that supplied the article: a folder, a feed. With ID it
	// identifies the article among all sources (see Key).
	Origin string
	// Title is the headline; empty when unknown.
	Title string
	// Outlet names the publisher ("CNN", "The Guardian"); empty when unknown.
	Outlet string
	// URL is the article's address; empty when unknown.
	URL string
	// Published is the publication time; the zero Time when unknown.
	Published time.Time
	// Text is the whole text as read, in UTF-8, one paragraph a line. Offsets of sentences
	// and quotations are byte offsets into Text.
	Text string
}

// Key identifies the article among all sources: its Origin and its ID.
func (a *Article) Key() string { return a.Origin + "\x00" + a.ID }

// Source returns the name under which the article is cited: its outlet, or else its title,
// or else its ID.
func (a *Article) Source() string {
	switch {
	case a.Outlet != "":
		return a.Outlet
	case a.Title != "":
		return a.Title
	}
	return a.ID
}

// headlineLike reports whether a first line reads as a headline rather than as the first
// paragraph: short, and not ending in sentence punctuation.
func headlineLike(line string) bool {
	if line == "" || endsSentence(line) {
		return false
	}
	return wordCount(line) <= 30
}

// wordCount counts white-space separated chunks, as ROUGE and most readers count words.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// sameText reports whether a and b are equal when white space and case are ignored.
func sameText(a, b string) bool {
	next := func(s string) (rune, string) {
		for s != "" {
			r, n := utf8.DecodeRuneInString(s)
			s = s[n:]
			if !isSpace(r) {
				return unicode.ToLower(r), s
			}
		}
		return -1, ""
	}
	for {
		var ra, rb rune
		ra, a = next(a)
		rb, b = next(b)
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
	}
}

// datelineRE matches a news dateline at the start of a paragraph: the place in capitals
// (or one capitalised word), then the outlet in parentheses and a dash: "(CNN) —",
// "WASHINGTON (Reuters) -", "KYIV, Ukraine, May 19 (AP) —". The outlet is group 1.
var datelineRE = regexp.MustCompile(`^(?:(?:[A-Z][A-Z.'’ -]{0,40}|[A-Z][a-z]+)(?:,[A-Za-z0-9.' ]{1,30}){0,2} ?)?\(([A-Z][A-Za-z&.' -]{0,30})\) ?(?:—|–|-{1,2}|_)\s*`)

// outletOpenerRE matches an outlet in parentheses that opens a paragraph without a dash
// ("(CNN) The storm hit", "(CNN)The storm hit"): the outlet is group 1. The outlet is
// one word of capitals, as wire and network names are, and a capital letter follows.
var outletOpenerRE = regexp.MustCompile(`^\(([A-Z][A-Z&.]{1,10})\) ?(?:\p{Lu}|[“"‘])`)

// datelineOutlet returns the outlet named by a dateline in the first paragraphs of text.
func datelineOutlet(text string) string {
	for i, line := range strings.SplitN(text, "\n", 8) {
		if i == 7 {
			break
		}
		line = strings.TrimSpace(line)
		if m := datelineRE.FindStringSubmatch(line); m != nil {
			return m[1]
		}
		if m := outletOpenerRE.FindStringSubmatch(line); m != nil {
			return m[1]
		}
	}
	return ""
}
