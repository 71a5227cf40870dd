package quotes

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Errors of WhoSaid: the term cannot be looked for.
var (
	// ErrEmptyTerm means the term holds no letter or digit: it is empty or punctuation.
	ErrEmptyTerm = errors.New("quotes: the term holds no letter or digit")
	// ErrLongTerm means the term (or a speaker's name) is longer than MaxTermRunes
	// characters; the error that wraps it says so in TermTooLong's words.
	ErrLongTerm = errors.New("quotes: too long")
)

// MaxTermRunes is the longest a term or a speaker's name may be, in characters: a word
// or a phrase, not a paragraph. It is the one limit of /who-said, wherever it is typed.
const MaxTermRunes = 100

// TermTooLong says what is wrong with a term or a speaker's name (what names it: "term",
// "speaker's name") longer than MaxTermRunes characters, or returns "" when it is not.
func TermTooLong(s, what string) string {
	if n := utf8.RuneCountInString(s); n > MaxTermRunes {
		return fmt.Sprintf("the %s is %d characters long; the limit is %d", what, n, MaxTermRunes)
	}
	return ""
}

// Scope says where WhoSaid looks for the term.
type Scope uint8

const (
	// InQuote matches the quoted words only.
	InQuote Scope = iota
	// InContext also matches the sentence around the quotation, so that a quotation
	// about a subject is found even when its words do not name it.
	InContext
)

// Options control WhoSaid. The zero value matches the quoted words only, of every
// speaker.
type Options struct {
	// In says where the term is looked for: InQuote (the default) or InContext.
	In Scope
	// From, when not empty, keeps the quotations of the speakers it names, as
	// SpeakersNamed finds them ("Putin", "Zelenskyy", "the Ukrainian president"). With
	// From the term may be empty: then every quotation of those speakers matches.
	From string
}

// SpeakerQuotes are the quotations of one speaker that match a term.
type SpeakerQuotes struct {
	// Speaker is the canonical name, a description, or "" for quotations whose speaker
	// is unknown (listed last).
	Speaker string
	// Quotations are the speaker's quotations that match, those with most reports first,
	// then in order of appearance. They belong to the Index: callers must not change them.
	Quotations []*Quotation
}

// WhoSaid returns the quotations that mention term, grouped by speaker, the speakers with
// most quotations first (then by name), each speaker's quotations in order of their
// number of reports (an article that carries a quotation twice counts twice), then of
// appearance. Unknown speakers come last.
//
// Matching ignores case, diacritics, punctuation and quotation marks, and compares stems,
// so "ceasefire" finds "ceasefires", "cease-fire" and "cease fire", and "root causes"
// finds "root cause". It returns an error wrapping ErrEmptyTerm or ErrLongTerm for a term
// it cannot look for, and an empty result when nothing matches. Its cost is linear in
// the words of the index. With opt.From, only the quotations of the speakers it names
// count, and an empty term matches all of them. It is WhoSaidContext without a deadline.
func (x *Index) WhoSaid(term string, opt Options) ([]SpeakerQuotes, error) {
	return x.WhoSaidContext(context.Background(), term, opt)
}

// WhoSaidContext is WhoSaid under ctx: it looks at ctx every thousand or so quotations
// and words, and when ctx is done it stops and returns a nil result and an error
// wrapping ctx.Err(). A term it cannot look for is reported first, as by WhoSaid.
func (x *Index) WhoSaidContext(ctx context.Context, term string, opt Options) ([]SpeakerQuotes, error) {
	from, err := x.speakerSet(opt.From)
	if err != nil {
		return nil, err
	}
	var m *matcher
	if from == nil || strings.TrimSpace(term) != "" {
		if m, err = newMatcher(term); err != nil {
			return nil, err
		}
	}
	st := newStopper(ctx)
	if st.now() {
		return nil, fmt.Errorf("quotes: looking for %q: %w", term, ctx.Err())
	}
	qy := &query{m: m, x: x, in: opt.In, st: st}
	bySpeaker := map[string]*SpeakerQuotes{}
	var order []string
	for _, q := range x.quotes {
		if st.stop() {
			break
		}
		if from != nil && !from[q.Speaker] || m != nil && !qy.matchQuotation(q) {
			continue
		}
		sq := bySpeaker[q.Speaker]
		if sq == nil {
			sq = &SpeakerQuotes{Speaker: q.Speaker}
			bySpeaker[q.Speaker] = sq
			order = append(order, q.Speaker)
		}
		sq.Quotations = append(sq.Quotations, q)
	}
	if st.now() {
		return nil, fmt.Errorf("quotes: looking for %q: %w", term, ctx.Err())
	}
	out := make([]SpeakerQuotes, 0, len(order))
	for _, s := range order {
		sq := bySpeaker[s]
		sort.SliceStable(sq.Quotations, func(i, j int) bool {
			return len(sq.Quotations[i].Reports) > len(sq.Quotations[j].Reports)
		})
		out = append(out, *sq)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if (a.Speaker == "") != (b.Speaker == "") {
			return b.Speaker == ""
		}
		if len(a.Quotations) != len(b.Quotations) {
			return len(a.Quotations) > len(b.Quotations)
		}
		return a.Speaker < b.Speaker
	})
	return out, nil
}

// A matcher finds a term in text: the term's words joined and stemmed must equal the
// stem of some run of consecutive words of the text, joined.
type matcher struct {
	joined string // the term's words, folded and joined without spaces
	stem   string
	prefix string // what every matching run starts with
	run    []byte // the run of words being compared, reused
}

func newMatcher(term string) (*matcher, error) {
	if problem := TermTooLong(term, "term"); problem != "" {
		return nil, fmt.Errorf("%w: %s", ErrLongTerm, problem)
	}
	words := splitWords(term)
	if len(words) == 0 {
		return nil, fmt.Errorf("%w: %q", ErrEmptyTerm, term)
	}
	m := &matcher{joined: strings.Join(words, "")}
	m.stem = stemJoined(m.joined)
	n := len(m.stem) - 2
	if n > len(m.joined) {
		n = len(m.joined)
	}
	n = max(1, min(n, len(m.stem)))
	m.prefix = m.stem[:n]
	if !strings.HasPrefix(m.joined, m.prefix) {
		m.prefix = ""
	}
	return m, nil
}

// stemJoined stems a run of words joined without spaces.
func stemJoined(s string) string {
	if len(s) < 3 {
		return s
	}
	return english.Stem(s, true)
}

// splitWords returns the folded words of s: runs of letters and digits. A possessive or
// a clitic after an apostrophe ("Putin’s", "don’t") stays with its word.
func splitWords(s string) []string {
	f := fold(s)
	// Words start where a letter or digit follows anything else: count them to size out.
	n, prev := 0, false
	for _, r := range f {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !prev {
			n++
		}
		prev = w || prev && (r == '\'' || r == '’')
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	start := -1
	apos := false // the word holds an apostrophe, for cleanWord to drop
	word := func(w string) string {
		if apos {
			return cleanWord(w)
		}
		return w
	}
	for i, r := range f {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inWord && (r == '\'' || r == '’') && start >= 0 {
			apos = true
			continue
		}
		if inWord && start < 0 {
			start = i
		}
		if !inWord && start >= 0 {
			out = append(out, word(f[start:i]))
			start, apos = -1, false
		}
	}
	if start >= 0 {
		out = append(out, word(f[start:]))
	}
	return out
}

// cleanWord drops apostrophes from a word and the possessive "s" after one.
func cleanWord(w string) string {
	for _, suf := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, suf)
	}
	w = strings.ReplaceAll(w, "'", "")
	return strings.ReplaceAll(w, "’", "")
}

// match reports whether the term occurs in a text whose words, as splitWords gives them,
// are words.
func (m *matcher) match(words []string) bool {
	for i, w := range words {
		if m.mayStart(w) && m.end(words, i) >= 0 {
			return true
		}
	}
	return false
}

// maxRun returns the most words that a run matching the term can have: a run grows
// while it is shorter than the term and six bytes, and no word is empty.
func (m *matcher) maxRun() int { return len(m.joined) + 6 }

// end returns the index of the last word of the shortest run of words starting at word i
// that matches the term, or -1 when none does.
func (m *matcher) end(words []string, i int) int {
	if !m.mayStart(words[i]) {
		return -1
	}
	run, end := m.run[:0], -1
	for j := i; j < len(words) && len(run) < len(m.joined)+6; j++ {
		run = append(run, words[j]...)
		if m.prefix != "" && !hasPrefix(run, m.prefix) && !isPrefix(run, m.prefix) {
			break
		}
		if len(run)+4 < len(m.stem) {
			continue
		}
		if string(run) == m.joined || stemJoined(string(run)) == m.stem {
			end = j
			break
		}
	}
	m.run = run[:0]
	return end
}

// mayStart reports whether a matching run can start with the word w: it starts with the
// prefix of every match, or the prefix starts with it.
func (m *matcher) mayStart(w string) bool {
	if m.prefix == "" {
		return true
	}
	if w != "" && w[0] != m.prefix[0] {
		return false // the common case, decided by one byte
	}
	return strings.HasPrefix(w, m.prefix) || strings.HasPrefix(m.prefix, w)
}

// hasPrefix reports whether b starts with p.
func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// isPrefix reports whether b is a prefix of p.
func isPrefix(b []byte, p string) bool { return len(b) <= len(p) && p[:len(b)] == string(b) }

// A query is one call of WhoSaid: the matcher, and what it learnt of each document's
// context words.
type query struct {
	m  *matcher
	x  *Index
	in Scope
	st *stopper
	// ends[d][p] is the smallest index of the last word of a matching run that starts at
	// word p of document d or after it (math.MaxInt32 when none does); nil until needed.
	ends  [][]int32
	cross map[[5]int32]bool // the runs across a quotation and a far attribution
	buf   []string
}

// matchQuotation reports whether the term occurs in the quotation's words, or, with
// InContext, in the sentences of any report.
func (qy *query) matchQuotation(q *Quotation) bool {
	m := qy.m
	if m.match(q.words) {
		return true
	}
	for i := range q.Reports {
		r := &q.Reports[i]
		if r.Text != q.Text && m.match(r.words) {
			return true
		}
		if qy.in == InContext && qy.matchContext(r) {
			return true
		}
	}
	return false
}

// matchContext reports whether the term occurs in the words of the report's sentences:
// its own sentences, then the attribution's, read as one text.
func (qy *query) matchContext(r *Report) bool {
	if qy.inRange(r.Doc, r.context) || qy.inRange(r.Doc, r.cueContext) {
		return true
	}
	a, c := r.context, r.cueContext
	if a.lo >= a.hi || c.lo >= c.hi {
		return false
	}
	// A run that starts in the quotation's sentences and ends in the attribution's has at
	// most maxRun words on either side.
	k := int32(qy.m.maxRun())
	key := [5]int32{int32(r.Doc), max(a.lo, a.hi-k), a.hi, c.lo, min(c.hi, c.lo+k)}
	w := qy.x.words[r.Doc]
	starts := false
	for _, s := range w[key[1]:key[2]] {
		if starts = qy.m.mayStart(s); starts {
			break
		}
	}
	if !starts {
		return false // no run can start on this side
	}
	if found, ok := qy.cross[key]; ok {
		return found
	}
	qy.buf = append(append(qy.buf[:0], w[key[1]:key[2]]...), w[key[3]:key[4]]...)
	found := qy.m.match(qy.buf)
	if qy.cross == nil {
		qy.cross = map[[5]int32]bool{}
	}
	qy.cross[key] = found
	return found
}

// inRange reports whether the term occurs in words[w.lo:w.hi] of document d.
func (qy *query) inRange(d int, w wordRange) bool {
	if w.lo >= w.hi || d >= len(qy.x.words) {
		return false
	}
	return qy.endsOf(d)[w.lo] < w.hi
}

// endsOf returns ends[d], computing it on first use: each word of the document is the
// start of a run once per query, however many reports share its sentence.
func (qy *query) endsOf(d int) []int32 {
	if qy.ends == nil {
		qy.ends = make([][]int32, len(qy.x.words))
	}
	if e := qy.ends[d]; e != nil {
		return e
	}
	w := qy.x.words[d]
	e := make([]int32, len(w)+1)
	e[len(w)] = math.MaxInt32
	m := qy.m
	for p := len(w) - 1; p >= 0; p-- {
		e[p] = e[p+1]
		if !m.mayStart(w[p]) || p%256 == 0 && qy.st.stop() {
			continue // when stopped, WhoSaidContext returns the error
		}
		if j := m.end(w, p); j >= 0 {
			e[p] = min(e[p], int32(j))
		}
	}
	qy.ends[d] = e
	return e
}
