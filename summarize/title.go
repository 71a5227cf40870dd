package summarize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleLines is how many of an article's first lines may hold its title: web pages put
// captions, credits, share buttons and dates before or around the headline.
const titleLines = 5

// articleTitle returns the line of text that reads best as its headline, or "": the
// first of its first titleLines lines that reads as a headline (no final punctuation,
// 2 to 30 words) and is no furniture: a caption, a credit, a byline, a date, a share or
// navigation bar, embed text. It stops at the first line of prose (a sentence, a
// quotation), which a headline precedes.
func articleTitle(text string) string {
	for i := 0; i < titleLines && text != ""; {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		i++
		if endsSentence(line) || startsQuote(line) {
			return "" // the body has begun
		}
		if headlineLike(line) && wordCount(line) >= 2 && !titleFurniture(line) {
			return line
		}
	}
	return ""
}

// titleJunkStarts are the first words of lines that sit where a headline does and are
// none: story furniture, share bars, media labels, credits, update notes, bylines.
var titleJunkStarts = set("story", "share", "tweet", "email", "print", "comment", "comments", "advertisement",
	"related", "feature", "features", "trending", "top", "skip", "jump", "menu", "search", "close", "image",
	"images", "media", "photo", "photos", "video", "videos", "watch", "listen", "credit", "credits", "updated",
	"posted", "published", "by", "warning", "copyright")

// titleJunkPhrases are the two-word openers among titleJunkStarts that are junk only
// as a pair; the other starts are junk alone.
var titleJunkPhrases = map[string]string{"story": "highlights", "top": "stories", "skip": "to", "jump": "to"}

// titleJunkInside are the pieces of a line that make it a caption or a label wherever
// they stand.
var titleJunkInside = []string{"|", " credit ", "credit:", "photo:", "photos:", "updated", "(ap)", "(afp)",
	"(reuters)", "(getty", "(associated press", "(ap photo", "getty images"}

// dateLineRE matches a line that starts with a date or a time: "April 10th, 2016",
// "Tuesday, May 20, 2025", "05/20/2025", "08:37 PM".
var dateLineRE = regexp.MustCompile(`(?i)^((mon|tues|wednes|thurs|fri|satur|sun)day,? )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|^\d{1,2}:\d{2}\b`)

// monthStarts are the first three letters of the months.
var monthStarts = set("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

// titleJunk reports whether a headline-like line is furniture by its words: a label
// of story furniture, a caption ending in a credit, a date.
func titleJunk(line string) bool {
	lower := strings.ToLower(line)
	first, rest, _ := strings.Cut(lower, " ")
	first = strings.Trim(first, ":|,.")
	if titleJunkStarts[first] {
		if pair, ok := titleJunkPhrases[first]; !ok || strings.HasPrefix(rest, pair) {
			return true
		}
	}
	for _, p := range titleJunkInside {
		if strings.Contains(lower, p) {
			return true
		}
	}
	// A caption that ends in a credit in parentheses ("… (Jane Doe/Getty)").
	if strings.HasSuffix(lower, ")") {
		if open := strings.LastIndexByte(lower, '('); open >= 0 {
			credit := lower[open:]
			if strings.Contains(credit, "/") || strings.Contains(credit, "photo") || strings.Contains(credit, "image") {
				return true
			}
		}
	}
	if strings.HasSuffix(lower, " ago") || strings.HasSuffix(lower, ",") || strings.HasSuffix(lower, ";") {
		return true
	}
	if c := lower[0]; '0' <= c && c <= '9' || len(first) >= 3 && (monthStarts[first[:3]] || weekdayNames[strings.TrimRight(first, ",")]) {
		return dateLineRE.MatchString(line)
	}
	return false
}

// titleFurniture reports whether a headline-like line is furniture rather than the
// article's headline.
func titleFurniture(line string) bool {
	if titleJunk(line) {
		return true
	}
	words := 0 // words with a letter
	for f := range strings.FieldsSeq(line) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			words++
		}
	}
	if words < 2 {
		return true
	}
	switch skipReason(line, KindSentence) {
	case "", SkipHeadline, SkipColon:
	default:
		return true
	}
	// A line of button labels ("share tweet pin email").
	for f := range strings.FieldsSeq(line) {
		if len(f) > 16 || !buttonWords[strings.ToLower(strings.Trim(f, ",.:·|"))] {
			return false
		}
	}
	return true
}

// buttonWords label the share and navigation buttons of web pages.
var buttonWords = set("share", "tweet", "pin", "email", "e-mail", "print", "facebook", "twitter",
	"linkedin", "whatsapp", "reddit", "comment", "comments", "save", "copy", "link", "more", "sms",
	"messenger", "google+", "flipboard", "pinterest", "text", "mail", "")

// shortSource shortens a sentence to name an article that has neither outlet nor
// title: its first words, cut at a word, with an ellipsis.
func shortSource(s string) string {
	const words = 8
	fields := strings.Fields(s)
	if len(fields) <= words {
		return strings.TrimRight(s, ".!?")
	}
	out := strings.Join(fields[:words], " ")
	out = strings.TrimRightFunc(out, func(r rune) bool { return unicode.IsPunct(r) && r != '”' && r != '’' })
	return out + "…"
}

// copyrightRE matches the holder of a copyright line: "Copyright 2016 The Associated
// Press. All rights reserved." (group 1).
var copyrightRE = regexp.MustCompile(`(?i)(?:©|\bcopyright)\s*(?:\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?),?\s+(\p{Lu}[\p{L}&.'’ -]{1,40}?)\s*(?:[.,;:|]|\ball rights\b|$)`)

// copyrightOutlet returns the outlet that a copyright line of text names, or "": a
// name of at most five words.
func copyrightOutlet(text string) string {
	lower := strings.ToLower(text)
	for off := 0; off < len(text); {
		i := strings.Index(lower[off:], "copyright")
		j := strings.Index(lower[off:], "©")
		if i < 0 || (j >= 0 && j < i) {
			i = j
		}
		if i < 0 {
			return ""
		}
		start := off + i
		line := text[start:]
		if nl := strings.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		if m := copyrightRE.FindStringSubmatch(line[:min(len(line), 120)]); m != nil {
			if name := strings.TrimSpace(m[1]); wordCount(name) <= 5 && !strings.EqualFold(name, "all") {
				return name
			}
		}
		_, n := utf8.DecodeRuneInString(text[start:])
		off = start + n
	}
	return ""
}
