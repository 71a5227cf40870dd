package summarize

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons a sentence is not material for a summary. They are the values of Sentence.Skip.
const (
	SkipTitle     = "title"
	SkipLine      = "no final punctuation: headline, caption or label"
	SkipListItem  = "list item"
	SkipByline    = "byline"
	SkipCredit    = "credit line"
	SkipUpdate    = "update note"
	SkipCopyright = "copyright or wire line"
	SkipCaption   = "photo caption"
	SkipPromo     = "promotion or navigation"
	SkipHeadline  = "headline of another story"
	SkipColon     = "introduces what follows"
	SkipEmbed     = "embedded post, script, link or archive note"
)

// A rule recognises one kind of boilerplate sentence. Its expressions are costly next to
// the rest of the analysis, so each runs only when a cheap test says it might match: start
// (anchored at the sentence start) when the sentence's first word is in first, anywhere
// when the lower-cased sentence holds one of the substrings in has.
type rule struct {
	reason   string
	first    map[string]bool
	start    *regexp.Regexp
	has      []string
	anywhere *regexp.Regexp
}

// boilerplate lists the rules for sentences that never belong in a briefing.
var boilerplate = []rule{
	{
		reason: SkipByline,
		first:  set("by"),
		start:  regexp.MustCompile(`^(?:By|BY)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*)*(\s*(,|and|&)\s*\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*)*)*` + bylineTail + `$`),
	},
	{
		reason:   SkipCredit,
		first:    set("additional", "reporting", "writing", "editing", "edited", "compiled", "produced"),
		start:    regexp.MustCompile(`(?i)^\(?(additional )?reporting by\b|^\(?(writing|editing|edited|compiled|produced) by\b`),
		has:      []string{"contributed", "staff writer"},
		anywhere: regexp.MustCompile(`(?i)contributed (reporting )?to (this|the) (report|story|article)|\bcontributed reporting\b|^[\p{L}’' ]{0,40} staff writer$`),
	},
	{
		reason:   SkipUpdate,
		first:    set("updated", "last", "first", "published", "correction", "clarification", "editor's", "editor’s", "editors", "an", "this"),
		start:    regexp.MustCompile(`(?i)^(updated|last updated|first published|published)(\s*:|\s+(on|at)\s|\s+\d).{0,40}\d|^(correction|clarification|editor['’]?s note)\b|^an earlier version of this\b|^this is a (developing|breaking) (story|news)`),
		has:      []string{"updated"},
		anywhere: regexp.MustCompile(`(?i)\b(this|the) (story|article|report|post|headline and story|headline) (has|have) been updated\b|\b(story|article) (was|is being) updated\b`),
	},
	{
		reason:   SkipCopyright,
		has:      []string{"©", "(c)", "copyright", "rights reserved", "™", "-wire"},
		anywhere: regexp.MustCompile(`(?i)©|\(c\) ?\d{4}|\bcopyright\s+(?:\(c\)\s*)?\d{4}|all rights reserved|™|^the-[a-z]+-wire$`),
	},
	{
		reason:   SkipCaption,
		first:    set("photo", "photos", "image", "images", "picture", "pictures", "video", "videos", "file", "credit", "credits", "caption", "captions", "pictured", "in", "media", "close"),
		start:    regexp.MustCompile(`(?i)^(photo|image|picture|video|file photo|credit|caption|pictured)s?\s*[:|]|^\(?(photo|image|video) (by|courtesy)\b|^FILE\s*[-–—]|^in this .{0,60}\b(file )?(photo|image|picture)\b|^image (copyright|caption)\b|^media (playback|caption)\b|^CLOSE\s+\p{Lu}`),
		has:      []string{"getty", "ap photo", "afp photo", "reuters", "associated press)", "file"},
		anywhere: regexp.MustCompile(`(?i)\b(getty images|via getty|ap photo|afp photo|reuters/|/ ?reuters$)\b|\(associated press\)|\bFILE\s[-–—]\s+in this\b`),
	},
	{
		reason:   SkipPromo,
		first:    set("read", "also", "related", "see", "sign", "subscribe", "click", "follow", "download", "watch", "listen", "advertisement", "share", "more", "recommended", "most", "trending"),
		start:    regexp.MustCompile(`(?i)^(read more|also read|related( stories| articles| coverage)?\s*[:|]|related\s+['‘“"]|see also|sign up|subscribe|click here|follow us|download (the|our)|watch\s*:|listen\s*:|advertisement|share this|more\s*:|read\s*:|recommended|most read|trending)\b`),
		has:      []string{"sign up", "subscribe", "click here"},
		anywhere: regexp.MustCompile(`(?i)\b(sign up|subscribe)\b.{0,40}\b(newsletter|alerts|updates)\b|\bclick here\b`),
	},
	{
		// Twitter's embed text and signatures, scripts, addresses and the notes of web
		// archives: what a saved page carries besides its article.
		reason: SkipEmbed,
		has:    []string{"tweet", "pic.twitter", "(@", "window.", "_taboola", "function(", "crawl", "warc", "wayback", "seedlist", "{"},
		anywhere: regexp.MustCompile(`(?i)\byour tweets\b|\btweet with a location\b|\badd this tweet\b|pic\.twitter\.com|\(@\w{1,15}\) \p{L}+\.? \d|` +
			`\bwindow\._|_taboola|\bfunction\s*\(|\{\s*\*|\bcrawl (data|start)|\bthis crawl\b|\bwarc files\b|\bwayback machine\b|\bseedlist\b|\bcrawler configuration\b`),
	},
}

// bylineTail is what may follow the names of a byline: a separator and an outlet or a job
// title ("By Jane Doe, CNN", "By Jane Doe, staff writer", "By Jane Doe for The Courier"),
// but nothing that reads as the rest of a sentence ("By Monday, the water had receded.").
const bylineTail = `(?:(?:\s*[,|–—-]\s*|\s+(?:for|of|in)\s+)` + bylineWord +
	`(?:\s+(?:(?:of|the|for|at|in|and|to|de)\s+)*` + bylineWord + `)*)?\s*`

// bylineWord is a word of the outlet or job title in a byline.
const bylineWord = `(?:\p{Lu}[\p{L}.'’&-]*|staff|writers?|reporters?|correspondents?|editors?|columnist|contributor)`

// skipReason returns why the sentence s (Kind k) is not summary material, or "".
func skipReason(s string, k Kind) string {
	switch k {
	case KindLine:
		return SkipLine
	case KindListItem:
		return SkipListItem
	}
	var buf [512]byte
	lower := lowerASCII(buf[:0], s)
	first := bytes.TrimLeft(lower, "(")
	if i := bytes.IndexAny(first, " :|,.;"); i >= 0 {
		first = first[:i]
	}
	hits := triggered(lower)
	for i := range boilerplate {
		r := &boilerplate[i]
		if r.start != nil && r.first[string(first)] && r.start.MatchString(s) {
			return r.reason
		}
		if r.anywhere != nil && hits&(1<<i) != 0 && r.anywhere.MatchString(s) {
			return r.reason
		}
	}
	if urlDump(s) {
		return SkipEmbed
	}
	if strings.HasSuffix(s, ":") {
		return SkipColon
	}
	if titleCase(s) {
		return SkipHeadline
	}
	return ""
}

// urlDump reports whether web addresses make a quarter or more of the words of s: a
// list of links or a tracking address, not prose that mentions a site.
func urlDump(s string) bool {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return false
	}
	urls, words := 0, 0
	for f := range strings.FieldsSeq(s) {
		words++
		if strings.Contains(f, "://") || strings.HasPrefix(strings.TrimLeft(f, "(<\"'“"), "www.") {
			urls++
		}
	}
	return urls*4 >= words
}

// A trigger is a substring that may be part of a match of a rule's anywhere expression.
type trigger struct {
	text string
	rule int // index in boilerplate
}

// triggers lists the triggers of the rules by their first byte.
var triggers = func() [256][]trigger {
	var t [256][]trigger
	for i, r := range boilerplate {
		for _, h := range r.has {
			t[h[0]] = append(t[h[0]], trigger{h, i})
		}
	}
	return t
}()

// triggered returns the set of rules (bit i for boilerplate[i]) with a trigger in the
// lower-cased sentence. Triggers that are words are looked for only where words start;
// the others (©, ™, "(c)", "-wire") everywhere.
func triggered(lower []byte) uint64 {
	var hits uint64
	wordStart := true
	for i, c := range lower {
		letter := 'a' <= c && c <= 'z'
		if (!letter || wordStart) && triggers[c] != nil {
			for _, t := range triggers[c] {
				if bytes.HasPrefix(lower[i:], []byte(t.text)) {
					hits |= 1 << t.rule
				}
			}
		}
		wordStart = !letter && !('0' <= c && c <= '9')
	}
	return hits
}

// minorWords stay lower case in a title-case headline.
var minorWords = set("a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to",
	"for", "with", "by", "as", "from", "into", "over", "after", "vs")

// titleCase reports whether s reads as a headline in title case ("Trump Says Talks Will
// Begin"): four to sixteen words, nearly all of those that count capitalised.
func titleCase(s string) bool {
	words, upper, counted, lower := 0, 0, 0, 0
	for f := range strings.FieldsSeq(s) {
		if words++; words > 16 {
			return false
		}
		w := strings.TrimLeftFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || unicode.IsDigit(r) {
			continue
		}
		var buf [8]byte
		if len(w) <= len(buf) && minorWords[string(lowerASCII(buf[:0], w))] {
			continue
		}
		counted++
		if unicode.IsUpper(r) {
			upper++
		} else if lower++; lower > 1 {
			return false // two lower-case words: at most 16 words, so under 90% capitalised
		}
	}
	return words >= 4 && counted >= 4 && upper*10 >= counted*9
}

// placeDatelineRE matches a dateline that names no outlet: "WASHINGTON —",
// "KYIV, Ukraine, May 19 —".
var placeDatelineRE = regexp.MustCompile(`^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,[A-Za-z0-9.' ]{1,30}){0,2} (?:—|–|--|_) *`)

// updatePrefixRE matches the mark of an updated story that opens a paragraph before its
// first sentence: "Updated | When …".
var updatePrefixRE = regexp.MustCompile(`^(?:UPDATED|Updated|UPDATE|Update)\s*\|\s*`)

// datelineEnd returns the length of a dateline that opens the paragraph text s, or 0.
func datelineEnd(s string) int {
	head := s[:min(len(s), 80)]
	if m := updatePrefixRE.FindStringIndex(head); m != nil {
		return m[1]
	}
	if strings.IndexByte(head, '(') >= 0 {
		if m := datelineRE.FindStringIndex(s); m != nil {
			return m[1]
		}
		if m := outletOpenerRE.FindStringSubmatchIndex(s); m != nil {
			end := m[3] + 1 // after ")"
			for end < len(s) && s[end] == ' ' {
				end++
			}
			return end
		}
	}
	// Only a place in capitals, at least three letters of them, can open the other kind.
	if len(head) >= 3 && isCapital(head[0]) && isCapital(head[1]) && isCapital(head[2]) {
		if m := placeDatelineRE.FindStringIndex(s); m != nil && m[1] < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[m[1]:]); unicode.IsUpper(r) || isOpener(r) {
				return m[1]
			}
		}
	}
	return 0
}

func isCapital(c byte) bool { return 'A' <= c && c <= 'Z' }

// connectiveRE matches a discourse connective that opens a sentence ("But", "However,").
// Out of its article the connective points at a sentence the reader has not seen, so a
// summary leaves it out. Conjunctions and "however" and "meanwhile" stand with or without
// a comma; the other adverbs only with one, since without it they may belong to the
// sentence ("Also known as", "Still waters").
var connectiveRE = regexp.MustCompile(`^(?:(?:But|And|Yet|So|However|Meanwhile)(?:,\s*|\s+)|(?:Still|Also|Moreover|Furthermore|Nevertheless|Nonetheless|Instead|Indeed|Separately|Similarly|Likewise|Thus|Therefore|Besides|Crucially|In addition|In contrast|By contrast|On the other hand|At the same time|In fact|Of course|As a result|After all|Even so),\s*)`)

// phraseRE matches phrases that open with a connective's words but are not connectives,
// which connectiveEnd leaves alone: "So far, no one has been charged", "Instead of
// waiting", "After all the votes were in".
var phraseRE = regexp.MustCompile(`^(?:(?:So (?:far|much|many|long|few|little|too|often)|However (?:much|many|long|often|far)|Thus far|Yet another|Instead of|As a result of|In addition to|(?:In|By) contrast (?:to|with)|At the same time as)\b|(?:After all|Besides)\s)`)

// connectiveStarts are the first words of the connectives of connectiveRE.
var connectiveStarts = set("But", "And", "Yet", "So", "Still", "However", "Meanwhile", "Also",
	"Moreover", "Furthermore", "Nevertheless", "Nonetheless", "Instead", "Indeed", "Separately",
	"Similarly", "Likewise", "Thus", "Therefore", "Besides", "Crucially", "In", "By", "On", "At",
	"Of", "As", "After", "Even")

// connectiveEnd returns the length of a connective that opens sentence s, or 0. It keeps
// the connective when what follows it does not start like a sentence.
func connectiveEnd(s string) int {
	w := wordAt(s, 0, min(len(s), 16))
	if w == "" || !connectiveStarts[w] {
		return 0
	}
	m := connectiveRE.FindStringIndex(s)
	if m == nil || m[1] >= len(s) || phraseRE.MatchString(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[m[1]:])
	if !unicode.IsLetter(r) && !isOpener(r) && !unicode.IsDigit(r) || wordCount(s[m[1]:]) < 2 {
		return 0
	}
	return m[1]
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// CleanText returns s as it reads in a briefing: white space collapsed, TeX-style quotation
// marks made typographic, spaced dashes written as em dashes, and a space put back where a
// web page lost it before a capitalised word. Document.Text applies it to sentences; it
// serves any other excerpt of an article's text, such as the words of a quotation.
func CleanText(s string) string { return cleanText(s) }

// cleanText returns s as it should read in a summary: white space collapsed, TeX-style
// quotation marks (“like this”) made typographic, spaced dashes (" -- ", " _ ") written
// as spaced em dashes, and a space put back where a web page lost it before a capitalised word
// ("withUkraine").
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			flush(&b, &space)
			b.WriteRune('\ufffd')
		case isSpace(r):
			space = true
		case r == '`' && strings.HasPrefix(s[i:], "``"):
			flush(&b, &space)
			b.WriteRune('“')
			n = 2
		case r == '\'' && strings.HasPrefix(s[i:], "''"):
			flush(&b, &space)
			b.WriteRune('”')
			n = 2
		case space && (r == '_' || strings.HasPrefix(s[i:], "--")) && i+n < len(s) && isDashEnd(s[i:]):
			// " _ " or " -- ": an em dash, spaced as news style has it.
			for n < len(s)-i && s[i+n] == '-' {
				n++
			}
			flush(&b, &space)
			b.WriteRune('—')
		default:
			flush(&b, &space)
			if 'A' <= r && r <= 'Z' && joinedWord(b.String()) {
				b.WriteByte(' ') // "withUkraine": a space lost when a link was stripped
			}
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// summaryWords counts the words of s as cleanText(s) would have them, without building
// that string in the common case: cleanText keeps white-space separated words as they
// are, except where it puts back a lost space ("withUkraine").
func summaryWords(s string) int {
	n, in := 0, false
	lower := false // the previous byte is a lower-case ASCII letter
	for i := 0; i < len(s); {
		var space bool
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			if lower && 'A' <= c && c <= 'Z' {
				// cleanText may put a space back here; count what it makes.
				return wordCount(cleanText(s))
			}
			lower = 'a' <= c && c <= 'z'
			space = asciiSpace[c]
		} else {
			lower = false
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
		}
		if space {
			in = false
		} else if !in {
			in = true
			n++
		}
		i += size
	}
	return n
}

// gluedWords are the short words after which a capital letter means a lost space.
var gluedWords = set("with", "the", "and", "of", "to", "in", "for", "on", "at", "by", "from", "as", "into", "over")

// joinedWord reports whether text ends with one of gluedWords standing as a word.
func joinedWord(text string) bool {
	i := len(text)
	for i > 0 && 'a' <= text[i-1] && text[i-1] <= 'z' {
		i--
	}
	if i == len(text) || len(text)-i > 4 || (i > 0 && text[i-1] != ' ' && text[i-1] != '(') {
		return false
	}
	return gluedWords[text[i:]]
}

// isDashEnd reports whether s starts with "_ " or "-- " (a spaced dash).
func isDashEnd(s string) bool {
	return strings.HasPrefix(s, "_ ") || strings.HasPrefix(s, "-- ") || strings.HasPrefix(s, "--- ")
}

func flush(b *strings.Builder, space *bool) {
	if *space && b.Len() > 0 {
		b.WriteByte(' ')
	}
	*space = false
}
