package summarize

import (
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// maxWordBytes bounds the words that become terms; longer runs are URLs, hashes or noise.
const maxWordBytes = 40

// A lexicon turns words into term numbers. Each worker of NewCorpus has its own, so that
// tokenizing needs no locks; merge maps them onto one vocabulary afterwards.
type lexicon struct {
	ids   map[string]int32 // lower-case word → local term
	stems []string         // local term → stem
	stop  []bool           // local term → the word is a stop word
	// caps counts, for each local term, its occurrences inside sentences (not first
	// words) and how many of those were capitalised: names are capitalised mid-sentence.
	caps []capCount
	// glueOf holds, for each local term that has been a lower-case word of five letters
	// or more, whether it may be two glued words and their split by the word list
	// (glue.go); found counts those of the article being read.
	glueOf []string
	found  map[string]glued
}

// capCount counts occurrences of a term after the first word of a sentence, and how many
// of them started with a capital letter.
type capCount struct{ seen, upper int32 }

func newLexicon() *lexicon {
	return &lexicon{ids: make(map[string]int32, 4096)}
}

// tokenize appends the terms of the words of s to dst. Words are runs of letters and
// digits, lower-cased and stemmed; the "s" of "Putin’s" and the "t" of "don’t" are dropped.
// With prose set, s is running text whose capitals count towards the terms' capShare.
func (lx *lexicon) tokenize(dst []int32, s string, prose bool) []int32 {
	var buf [maxWordBytes + utf8.UTFMax]byte
	w := buf[:0]
	long := false   // the current word is too long to keep
	apos := false   // the current word follows an apostrophe inside a word
	inWord := false // the previous rune belongs to a word
	upper := false  // the current word starts with a capital letter
	first := true   // the current word is the sentence's first
	plain := true   // the current word is lower-case ASCII
	start := 0      // where the current word starts in s
	for i := 0; i <= len(s); {
		r, n := rune(0), 1
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
		}
		switch {
		case i < len(s) && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			if !inWord {
				start = i
			}
			plain = plain && r >= 'a'
			w = append(w, byte(r))
		case i < len(s) && 'A' <= r && r <= 'Z':
			upper = upper || !inWord
			plain = false
			w = append(w, byte(r+'a'-'A'))
		case i < len(s) && r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			upper = upper || (!inWord && unicode.IsUpper(r))
			plain = false
			w = utf8.AppendRune(w, unicode.ToLower(r))
		default:
			if len(w) > 0 && !long && !(apos && isClitic(w)) {
				t := lx.term(w)
				dst = append(dst, t)
				if prose && plain && len(w) >= minGlued && !apos && standalone(s, start, i) {
					lx.noteGlued(t, w)
				}
				if prose && !first {
					lx.caps[t].seen++
					if upper {
						lx.caps[t].upper++
					}
				}
				first = false
			}
			apos = inWord && (r == '\'' || r == '’') && i+n < len(s) && isWordByte(s[i+n])
			w, long, inWord, upper, plain = w[:0], false, false, false, true
			i += n
			continue
		}
		inWord = true
		if len(w) > maxWordBytes {
			long, w = true, w[:0]
		}
		i += n
	}
	return dst
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= utf8.RuneSelf
}

// isClitic reports whether w, which follows an apostrophe, is a clitic ("s", "t", "ll").
func isClitic(w []byte) bool {
	switch string(w) {
	case "s", "t", "d", "m", "ll", "re", "ve":
		return true
	}
	return false
}

// term returns the local term of the lower-case word w, stemming it on first sight.
func (lx *lexicon) term(w []byte) int32 {
	if id, ok := lx.ids[string(w)]; ok {
		return id
	}
	word := string(w)
	stem, stop := stemOf(word)
	id := int32(len(lx.stems))
	lx.ids[word] = id
	lx.stems = append(lx.stems, stem)
	lx.stop = append(lx.stop, stop)
	lx.caps = append(lx.caps, capCount{})
	lx.glueOf = append(lx.glueOf, "")
	return id
}

// stems caches stemOf across corpora: a bot builds many briefings in its lifetime, from a
// vocabulary that grows slowly. It holds at most maxCachedStems words.
var (
	stems       sync.Map // word → stemmed
	stemsCached atomic.Int64
)

const maxCachedStems = 1 << 20

type stemmed struct {
	stem string
	stop bool
}

// stemOf returns the stem of a lower-case word and whether it is a stop word; stop words
// are their own stems.
func stemOf(word string) (string, bool) {
	if v, ok := stems.Load(word); ok {
		s := v.(stemmed)
		return s.stem, s.stop
	}
	s := stemmed{stem: word, stop: english.IsStopWord(word)}
	if !s.stop {
		s.stem = english.Stem(word, true)
	}
	if stemsCached.Load() < maxCachedStems {
		if _, loaded := stems.LoadOrStore(word, s); !loaded {
			stemsCached.Add(1)
		}
	}
	return s.stem, s.stop
}

// A vocabulary numbers the stems of a whole corpus.
type vocabulary struct {
	ids   map[string]int32
	stems []string
	stop  []bool
	caps  []capCount
}

// merge adds the terms of lx to v and returns the mapping from lx's terms to v's.
func (v *vocabulary) merge(lx *lexicon) []int32 {
	if v.ids == nil {
		v.ids = make(map[string]int32, len(lx.stems))
	}
	remap := make([]int32, len(lx.stems))
	for local, stem := range lx.stems {
		id, ok := v.ids[stem]
		if !ok {
			id = int32(len(v.stems))
			v.ids[stem] = id
			v.stems = append(v.stems, stem)
			// A stem can be both a stop word and the stem of other words ("most",
			// "mostly"); deciding by the stem itself, not by whichever word a worker met
			// first, keeps the corpus the same however its articles were shared out.
			v.stop = append(v.stop, english.IsStopWord(stem))
			v.caps = append(v.caps, capCount{})
		}
		v.caps[id].seen += lx.caps[local].seen
		v.caps[id].upper += lx.caps[local].upper
		remap[local] = id
	}
	return remap
}

// size returns the number of terms.
func (v *vocabulary) size() int { return len(v.stems) }

// capShare returns the share of a term's mid-sentence occurrences that were capitalised.
func (v *vocabulary) capShare(t int32) float64 {
	c := v.caps[t]
	if c.seen == 0 {
		return 0
	}
	return float64(c.upper) / float64(c.seen)
}
