package quotes

// A Term is a word or a phrase to look for in any text, matched as WhoSaid matches
// its term: case, diacritics, punctuation and hyphens do not count, and stems are
// compared, so "ceasefire" is found in "Cease-fires" and "cease fire", and "root
// causes" in "root cause". Filters of articles by keyword use it, so that they match
// as /who-said does. A Term is safe for concurrent use.
type Term struct {
	term string
	m    *matcher
}

// NewTerm returns the Term for term. It returns an error wrapping ErrEmptyTerm or
// ErrLongTerm for a term that cannot be looked for.
func NewTerm(term string) (*Term, error) {
	m, err := newMatcher(term)
	if err != nil {
		return nil, err
	}
	return &Term{term: term, m: m}, nil
}

// String returns the term as it was given.
func (t *Term) String() string { return t.term }

// Words is a text split into the words terms are matched against; Split it once to
// look for several terms in it.
type Words struct{ w []string }

// Split returns the words of text, in a time linear in its length.
func Split(text string) Words { return Words{splitWords(text)} }

// In reports whether the term occurs in the words. Its cost is linear in the number
// of words, times the length of the term.
func (t *Term) In(w Words) bool { return t.m.match(w.w) }

// Matches reports whether the term occurs in text.
func (t *Term) Matches(text string) bool { return t.In(Split(text)) }
