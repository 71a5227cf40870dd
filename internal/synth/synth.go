// Package synth generates synthetic news articles for benchmarks: deterministic, of news
// length and shape (a headline, a byline, a dateline, paragraphs of one to three
// sentences, quotations, abbreviations, numbers, a copyright line), grouped into stories
// of about ten articles that share names and phrases, with a Zipf-distributed vocabulary.
// The text is not English, but it exercises every stage of the summarizer as real news
// does.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// An Article is one generated article.
type Article struct {
	Name string // a file name, unique in its corpus
	Text string
}

// Generator makes articles; the same seed gives the same articles.
type Generator struct {
	rng     *rand.Rand
	vocab   []string
	zipf    *rand.Zipf
	stories []story
}

type story struct {
	names  []string // people and places, capitalised
	phrase []string // content words this story repeats
}

var (
	syllables = []string{"ba", "ko", "ren", "ta", "mi", "lo", "sar", "ve", "du", "pin", "gal",
		"tor", "es", "an", "ul", "mer", "fo", "ni", "cra", "de", "vos", "tel", "ju", "ra"}
	suffixes  = []string{"", "", "", "s", "ed", "ing", "tion", "ly", "er", "ment"}
	function  = []string{"the", "of", "to", "in", "and", "a", "for", "on", "that", "with", "was", "is", "by", "as", "at", "from", "its", "has", "were", "will"}
	verbs     = []string{"said", "told reporters", "added", "wrote", "insisted"}
	outlets   = []string{"Reuters", "AP", "CNN", "AFP"}
	abbrevs   = []string{"Mr.", "Dr.", "Sen.", "Gov.", "Gen."}
	openers   = []string{"However,", "Meanwhile,", "On Monday,", "In a statement,", "Earlier,"}
	acronyms  = []string{"U.S.", "U.N.", "E.U."}
	monthAbbr = []string{"Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}
)

// maxVocab bounds the vocabulary of a generator.
const maxVocab = 80000

// New returns a generator of corpora with about articles/10 stories.
func New(seed uint64, articles int) *Generator {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
	// Words of one to three syllables and a suffix come in about 115,000 spellings: the
	// vocabulary stops well short of that, however many articles are asked for.
	size := min(5000+articles*3, maxVocab)
	seen := make(map[string]bool, size)
	for len(g.vocab) < size {
		w := g.word()
		if !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	g.zipf = rand.NewZipf(g.rng, 1.1, 2, uint64(len(g.vocab)-1))
	for range max(1, articles/10) {
		var s story
		for range 12 {
			s.names = append(s.names, capitalize(g.word()))
		}
		for range 30 {
			s.phrase = append(s.phrase, g.vocab[g.zipf.Uint64()%uint64(len(g.vocab)/4)])
		}
		g.stories = append(g.stories, s)
	}
	return g
}

func (g *Generator) word() string {
	var b strings.Builder
	for range 1 + g.rng.IntN(3) {
		b.WriteString(syllables[g.rng.IntN(len(syllables))])
	}
	b.WriteString(suffixes[g.rng.IntN(len(suffixes))])
	return b.String()
}

func capitalize(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// Corpus returns n articles; article i belongs to story i/10, so stories come in runs of
// ten, like the topics of DUC.
func (g *Generator) Corpus(n int) []Article {
	out := make([]Article, n)
	for i := range out {
		out[i] = Article{Name: fmt.Sprintf("a%05d.txt", i), Text: g.Article(i / 10 % len(g.stories))}
	}
	return out
}

// Tiny returns n tiny articles, one or two sentences each, with no headline, byline or
// dateline, like a folder of notes or wire snippets without a manifest: every article is
// its own outlet, cited by its file name. Article i belongs to story i/10, so that stories
// still share names and phrases and their sentences merge as near-duplicates.
func (g *Generator) Tiny(n int) []Article {
	out := make([]Article, n)
	for i := range out {
		st := &g.stories[i/10%len(g.stories)]
		var b strings.Builder
		for k := range 1 + g.rng.IntN(2) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(g.sentence(st, 8+g.rng.IntN(14), true, false))
		}
		b.WriteByte('\n')
		out[i] = Article{Name: fmt.Sprintf("t%05d.txt", i), Text: b.String()}
	}
	return out
}

// Article returns one article of about 650 words about story s.
func (g *Generator) Article(s int) string {
	st := &g.stories[s%len(g.stories)]
	var b strings.Builder
	b.WriteString(g.sentence(st, 6+g.rng.IntN(5), false, false)) // the headline
	b.WriteString("\n")
	fmt.Fprintf(&b, "By %s %s\n", capitalize(g.word()), capitalize(g.word()))
	outlet := outlets[g.rng.IntN(len(outlets))]
	words := 0
	for p := 0; words < 620; p++ {
		if p == 0 {
			fmt.Fprintf(&b, "%s (%s) — ", strings.ToUpper(st.names[0]), outlet)
		}
		for k := range 1 + g.rng.IntN(3) {
			if k > 0 {
				b.WriteByte(' ')
			}
			n := 8 + g.rng.IntN(28)
			words += n
			b.WriteString(g.sentence(st, n, true, g.rng.IntN(6) == 0))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "© 2025 %s. All rights reserved.\n", outlet)
	return b.String()
}

// sentence returns a sentence of about n words; with punct it ends in a period, and with
// quote it is a quotation with its attribution.
func (g *Generator) sentence(st *story, n int, punct, quote bool) string {
	words := make([]string, 0, n+4)
	if punct && g.rng.IntN(8) == 0 {
		words = append(words, openers[g.rng.IntN(len(openers))])
	}
	for len(words) < n {
		switch r := g.rng.IntN(100); {
		case r < 42:
			words = append(words, function[g.rng.IntN(len(function))])
		case r < 52:
			words = append(words, st.names[g.rng.IntN(len(st.names))])
		case r < 64:
			words = append(words, st.phrase[g.rng.IntN(len(st.phrase))])
		case r < 66:
			words = append(words, abbrevs[g.rng.IntN(len(abbrevs))], st.names[g.rng.IntN(len(st.names))])
		case r < 67:
			words = append(words, acronyms[g.rng.IntN(len(acronyms))])
		case r < 68:
			words = append(words, fmt.Sprintf("%s %d", monthAbbr[g.rng.IntN(len(monthAbbr))], 1+g.rng.IntN(28)))
		case r < 70:
			words = append(words, fmt.Sprintf("%d.%d", g.rng.IntN(100), g.rng.IntN(10)))
		default:
			words = append(words, g.vocab[g.zipf.Uint64()])
		}
		if len(words) > 3 && g.rng.IntN(9) == 0 {
			words[len(words)-1] += ","
		}
	}
	words[0] = capitalize(words[0])
	s := strings.TrimRight(strings.Join(words, " "), ",")
	switch {
	case quote:
		return fmt.Sprintf("“%s,” %s %s.", s, st.names[g.rng.IntN(len(st.names))], verbs[g.rng.IntN(len(verbs))])
	case punct:
		return s + "."
	}
	return s
}
