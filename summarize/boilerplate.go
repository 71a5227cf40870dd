package summarize

import (
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
)

// boilerplate lists patterns of sentences that never belong in a briefing, with the reason
// each one gives. They are matched against the whole sentence, case-insensitively.
var boilerplate = []struct {
	re     *regexp.Regexp
	reason string
}{
	{regexp.MustCompile(`^(?:By|BY)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*)*(\s*(,|and|&)\s*\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*)*)*\s*[,|–—-]?\s*[\p{L} .]*$`), SkipByline},
	{regexp.MustCompile(`(?i)contributed (reporting )?to (this|the) (report|story|article)|^\(?(additional )?reporting by\b|^\(?(writing|editing|edited|compiled|produced) by\b|\bcontributed reporting\b|^[\p{L}’' ]{0,40} staff writer$`), SkipCredit},
	{regexp.MustCompile(`(?i)\b(this|the) (story|article|report|post|headline and story|headline) (has|have) been updated\b|\b(story|article) (was|is being) updated\b|^(updated|last updated|first published|published)\b.{0,40}\d|^(correction|clarification|editor['’]?s note)\b|^an earlier version of this\b|^this is a (developing|breaking) (story|news)`), SkipUpdate},
	{regexp.MustCompile(`(?i)©|\(c\) ?\d{4}|\bcopyright\b|all rights reserved|™|^the-[a-z]+-wire$`), SkipCopyright},
	{regexp.MustCompile(`(?i)^(photo|image|picture|video|file photo|credit|caption|pictured)s?\s*[:|]|\b(getty images|via getty|ap photo|afp photo|reuters/|/ ?reuters$)\b|^\(?(photo|image|video) (by|courtesy)\b`), SkipCaption},
	{regexp.MustCompile(`(?i)^(read more|also read|related( stories| articles| coverage)?\s*[:|]|see also|sign up|subscribe|click here|follow us|download (the|our)|watch\s*:|listen\s*:|advertisement|share this|more\s*:|read\s*:|recommended|most read|trending)\b|\b(sign up|subscribe)\b.{0,40}\b(newsletter|alerts|updates)\b`), SkipPromo},
}

// skipReason returns why the sentence s (Kind k) is not summary material, or "".
func skipReason(s string, k Kind) string {
	switch k {
	case KindLine:
		return SkipLine
	case KindListItem:
		return SkipListItem
	}
	for _, b := range boilerplate {
		if b.re.MatchString(s) {
			return b.reason
		}
	}
	if strings.HasSuffix(s, ":") {
		return SkipColon
	}
	if titleCase(s) {
		return SkipHeadline
	}
	return ""
}

// minorWords stay lower case in a title-case headline.
var minorWords = set("a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to",
	"for", "with", "by", "as", "from", "into", "over", "after", "vs")

// titleCase reports whether s reads as a headline in title case ("Trump Says Talks Will
// Begin"): at least four words, nearly all capitalised.
func titleCase(s string) bool {
	words := strings.Fields(s)
	if len(words) < 4 || len(words) > 16 {
		return false
	}
	upper, counted := 0, 0
	for _, w := range words {
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || unicode.IsDigit(r) || minorWords[strings.ToLower(w)] {
			continue
		}
		counted++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return counted >= 4 && upper*10 >= counted*9
}

// datelineEnd returns the length of a dateline that opens the paragraph text s, or 0.
func datelineEnd(s string) int {
	if m := datelineRE.FindStringIndex(s); m != nil {
		return m[1]
	}
	return 0
}

// connectiveRE matches a discourse connective that opens a sentence ("But", "However,").
// Out of its article the connective points at a sentence the reader has not seen, so a
// summary leaves it out.
var connectiveRE = regexp.MustCompile(`^(?:But|And|Yet|So|Still|However|Meanwhile|Also|Moreover|Furthermore|Nevertheless|Nonetheless|Instead|Indeed|Separately|Similarly|Likewise|Thus|Therefore|Besides|Crucially|In addition|In contrast|By contrast|On the other hand|At the same time|In fact|Of course|As a result|After all|Even so)(?:,\s*|\s+)`)

// connectiveEnd returns the length of a connective that opens sentence s, or 0. It keeps
// the connective when what follows it does not start like a sentence.
func connectiveEnd(s string) int {
	m := connectiveRE.FindStringIndex(s)
	if m == nil || m[1] >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[m[1]:])
	if !unicode.IsLetter(r) && !isOpener(r) && !unicode.IsDigit(r) {
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

// cleanText returns s as it should read in a summary: white space collapsed, TeX-style
// quotation marks (“like this”) made typographic, and spaced dashes (" -- ", " _ ")
// written as em dashes.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
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
			// " _ " or " -- ": an em dash, closed up as in most house styles.
			for n < len(s)-i && (s[i+n] == '-' || s[i+n] == ' ') {
				n++
			}
			space = false
			b.WriteRune('—')
		default:
			flush(&b, &space)
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
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
