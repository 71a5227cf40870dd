package summarize

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/ccojocar/zxcvbn-go/data"
)

// Scraping artifacts: a web page that loses the space at the edge of a link or an
// emphasis glues two words into one ("hehad", "agrowing", "previouslydemanding"). A word
// is split where the corpus and a word list agree: the word list knows both halves and
// not the whole; the corpus uses the whole at most twice (a real word it uses more
// often, however new, is kept); the whole is in lower case (names are never split); and
// one half is a function word that cannot form a compound ("the", "and", "he", "had")
// or the left half is an adverb in -ly. Particles that do form compounds ("on" in
// "online", "down" in "lockdown") split nothing.

// The word list is the frequency lists of the zxcvbn password estimator (some 30,000
// English words of film and television subtitles, and common names and passwords, which
// it keeps apart), read once, on first use.
var (
	wordListOnce sync.Once
	wordList     map[string]bool
	englishWords map[string]bool // the English list alone, without names and passwords
)

// knownWords returns the word list, or an empty one if it cannot be read.
func knownWords() map[string]bool {
	wordListOnce.Do(func() {
		wordList, englishWords = map[string]bool{}, map[string]bool{}
		// The lists share out their words: a word is in one of them only.
		for _, name := range []string{"English", "Passwords", "Surnames", "MaleNames", "FemaleNames"} {
			raw, err := data.Asset("data/" + name + ".json")
			if err != nil {
				continue
			}
			words, ok := listWords(raw)
			if !ok {
				var l struct{ List []string }
				if json.Unmarshal(raw, &l) != nil {
					continue
				}
				words = l.List
			}
			for _, w := range words {
				wordList[w] = true
				if name == "English" {
					englishWords[w] = true
				}
			}
		}
	})
	return wordList
}

// listWords reads the words of a list file, {"List":["a","b",…]}, faster than
// encoding/json does; ok is false when the file holds escapes, which it then leaves to
// encoding/json.
func listWords(raw []byte) ([]string, bool) {
	text := string(raw)
	if strings.IndexByte(text, '\\') >= 0 {
		return nil, false
	}
	open := strings.IndexByte(text, '[')
	end := strings.LastIndexByte(text, ']')
	if open < 0 || end < open {
		return nil, false
	}
	var out []string
	for rest := text[open+1 : end]; ; {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			return out, true
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			return nil, false
		}
		out = append(out, rest[i+1:i+1+j])
		rest = rest[i+j+2:]
	}
}

// glueWords are the function words that a lost space leaves at the edge of a glued
// word: articles, determiners, pronouns, auxiliaries, conjunctions and prepositions that
// form no compounds.
var glueWords = set("the", "and", "that", "this", "these", "their", "his", "he", "she", "they",
	"had", "has", "have", "was", "were", "been", "would", "could", "should", "will", "with", "from",
	"when", "which", "who", "than", "not")

// minGlued is the length of the shortest word that may be two glued words.
const minGlued = 5

// known reports whether list knows w, or the word w inflects ("emphasizing": "emphasize").
func known(list map[string]bool, w string) bool {
	if list[w] {
		return true
	}
	for _, suf := range []string{"ing", "ed", "es", "s", "ly", "er", "ers"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 && (list[stem] || list[stem+"e"]) {
			return true
		}
	}
	for _, suf := range []string{"ily", "ies", "ied", "ier"} { // "heartily": "hearty"
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 && list[stem+"y"] {
			return true
		}
	}
	return false
}

// gluedSplit returns w split into the two words it glues, or "" when w is a word or no
// one split of it is two known words (by the list, or by corpus when it is not nil) at
// a function word or an adverb.
func gluedSplit(list map[string]bool, w string, corpus func(string) bool) string {
	if len(w) < minGlued || len(w) > maxWordBytes || known(list, w) {
		return ""
	}
	isWord := func(x string) bool { return known(list, x) || corpus != nil && corpus(x) }
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return ""
		}
	}
	found := ""
	for i := 1; i < len(w); i++ {
		a, b := w[:i], w[i:]
		if len(b) < 3 || len(a) < 2 && a != "a" {
			continue
		}
		// "a" glues only to a participle ("agrowing"): "a" and a noun make words
		// ("amend", "anode").
		glue := glueWords[a] || glueWords[b] || a == "a" && strings.HasSuffix(b, "ing") || adverb(a)
		if !glue || !isWord(a) || !isWord(b) {
			continue
		}
		if found != "" {
			return "" // two ways to read it: leave it
		}
		found = a + " " + b
	}
	return found
}

// adverb reports whether w is an adverb in -ly of an English word ("previously"), not a
// name that ends so ("Kimberly").
func adverb(w string) bool {
	stem, ok := strings.CutSuffix(w, "ly")
	return ok && len(stem) >= 5 && englishWords[w] && englishWords[stem]
}

// noteGlued counts the lower-case word w (local term t) among the glued words of the
// article being read when it may be one. The verdict is taken once per term: words
// repeat from article to article, and the list's verdict on a word does not change.
func (lx *lexicon) noteGlued(t int32, w []byte) {
	v := lx.glueOf[t]
	if v == "" {
		v = notGlued
		if list := knownWords(); !known(list, string(w)) && mayGlue(string(w)) {
			v = unsplit
			if split := gluedSplit(list, string(w), nil); split != "" {
				v = split
			}
		}
		lx.glueOf[t] = v
	}
	if v == notGlued {
		return
	}
	if lx.found == nil {
		lx.found = make(map[string]glued)
	}
	g, ok := lx.found[string(w)]
	if !ok {
		g.split = v
		if v == unsplit {
			g.split = ""
		}
	}
	g.count++
	lx.found[string(w)] = g
}

// mayGlue reports whether w has a place where gluedSplit could split it: a function
// word at one end, an adverb in -ly or "a" before a participle at the start.
func mayGlue(w string) bool {
	for i := 1; i < len(w); i++ {
		if glueWords[w[:i]] || glueWords[w[i:]] {
			return true
		}
		if strings.HasSuffix(w[:i], "ly") && i >= 7 {
			return true
		}
	}
	return w[0] == 'a' && strings.HasSuffix(w, "ing")
}

// takeGlued returns the glued words noted since the last call, and forgets them.
func (lx *lexicon) takeGlued() map[string]glued {
	g := lx.found
	lx.found = nil
	return g
}

// The verdicts of noteGlued that are no split: no glued word, and a word the list does
// not know, which the list cannot split but the corpus may.
const (
	notGlued = "\x00"
	unsplit  = "\x01"
)

// standalone reports whether the run of letters text[i:j] is a word of its own: not
// inside a non-ASCII word, an address, a handle or a hashtag.
func standalone(text string, i, j int) bool {
	prevOK := i == 0 || text[i-1] < 0x80 && !strings.ContainsRune("@/._#-", rune(text[i-1]))
	nextOK := j == len(text) || text[j] < 0x80 && !strings.ContainsRune("@/_#-", rune(text[j])) &&
		!(text[j] == '.' && j+1 < len(text) && isASCIILetter(text[j+1]))
	return prevOK && nextOK
}

// A glued word's split, and how often it occurs.
type glued struct {
	split string
	count int
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// unglue returns s with the words of splits split.
func unglue(s string, splits map[string]string) string {
	if len(splits) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if sp, ok := splits[s[i:j]]; ok && standalone(s, i, j) {
			b.WriteString(s[prev:i])
			b.WriteString(sp)
			prev = j
		}
		i = j
	}
	if prev == 0 {
		return s
	}
	b.WriteString(s[prev:])
	return b.String()
}
