package quotes

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// Errors of WhoSaid: the term cannot be looked for.
var (
	// ErrEmptyTerm means the term holds no letter or digit: it is empty or punctuation.
	ErrEmptyTerm = errors.New("quotes: the term has no words")
	// ErrLongTerm means the term is longer than MaxTermWords words or MaxTermBytes bytes.
	ErrLongTerm = errors.New("quotes: the term is too long")
)

// Limits on a term: a term is a word or a phrase, not a paragraph.
const (
	// MaxTermWords is the most words a term may have, counted as WhoSaid splits them
	// (runs of letters and digits).
	MaxTermWords = 10
	// MaxTermBytes is the longest a term may be, in bytes.
	MaxTermBytes = 200
)

// Scope says where WhoSaid looks for the term.
type Scope uint8

const (
	// InQuote matches the quoted words only.
	InQuote Scope = iota
	// InContext also matches the sentence around the quotation, so that a quotation
	// about a subject is found even when its words do not name it.
	InContext
)

// Options control WhoSaid. The zero value matches the quoted words only.
type Options struct {
	// In says where the term is looked for: InQuote (the default) or InContext.
	In Scope
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
// it cannot look for, and an empty result when nothing matches.
func (x *Index) WhoSaid(term string, opt Options) ([]SpeakerQuotes, error) {
	m, err := newMatcher(term)
	if err != nil {
		return nil, err
	}
	bySpeaker := map[string]*SpeakerQuotes{}
	var order []string
	for _, q := range x.quotes {
		if !m.matchQuotation(q, opt.In) {
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
}

func newMatcher(term string) (*matcher, error) {
	if len(term) > MaxTermBytes {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrLongTerm, len(term), MaxTermBytes)
	}
	words := splitWords(term)
	if len(words) == 0 {
		return nil, fmt.Errorf("%w: %q", ErrEmptyTerm, term)
	}
	if len(words) > MaxTermWords {
		return nil, fmt.Errorf("%w: %d words, at most %d", ErrLongTerm, len(words), MaxTermWords)
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
		if strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
		}
	}
	w = strings.ReplaceAll(w, "'", "")
	return strings.ReplaceAll(w, "’", "")
}

// match reports whether the term occurs in a text whose words, as splitWords gives them,
// are words.
func (m *matcher) match(words []string) bool {
	for i := range words {
		if m.prefix != "" && !strings.HasPrefix(words[i], m.prefix) && !strings.HasPrefix(m.prefix, words[i]) {
			continue
		}
		run := ""
		for j := i; j < len(words) && len(run) < len(m.joined)+6; j++ {
			run += words[j]
			if m.prefix != "" && !strings.HasPrefix(run, m.prefix) && !strings.HasPrefix(m.prefix, run) {
				break
			}
			if len(run)+4 < len(m.stem) {
				continue
			}
			if run == m.joined || stemJoined(run) == m.stem {
				return true
			}
		}
	}
	return false
}

// matchQuotation reports whether the term occurs in the quotation's words, or, with
// InContext, in the sentences of any report.
func (m *matcher) matchQuotation(q *Quotation, in Scope) bool {
	if m.match(q.words) {
		return true
	}
	for i := range q.Reports {
		r := &q.Reports[i]
		if r.Text != q.Text && m.match(r.words) {
			return true
		}
		if in == InContext && m.match(r.context) {
			return true
		}
	}
	return false
}
