package summarize

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A FactKind tells what a Fact is.
type FactKind uint8

// The kinds of facts that two reports of one point must agree on.
const (
	// FactNumber is a figure: "12", "twelve", "1,500", "3.5".
	FactNumber FactKind = iota + 1
	// FactDate is a day or a month: "Monday", "May".
	FactDate
	// FactName is a named person, place or organisation: "John Smith", "Kyiv", "NATO".
	FactName
	// FactNegation is a negated phrase, or its affirmative counterpart: "had not failed",
	// "had failed".
	FactNegation
)

// String returns the kind's name as JSON and test data spell it.
func (k FactKind) String() string {
	switch k {
	case FactNumber:
		return "number"
	case FactDate:
		return "date"
	case FactName:
		return "name"
	case FactNegation:
		return "negation"
	}
	return "unknown"
}

// A Fact is a figure, a date, a name or a negation that a sentence states, as the
// sentence writes it.
type Fact struct {
	Kind FactKind
	Text string
}

// A factWord is one word of a sentence, as the fact reader sees it.
type factWord struct {
	text  string // as written, without surrounding punctuation
	lower string // lower-cased, without a possessive "'s"
	start int    // byte offset in the sentence
	upper bool   // starts with a capital letter
	first bool   // opens the sentence, a quotation or a clause after a colon
	quote bool   // lies inside quotation marks
}

// sentenceFacts are the facts of one sentence.
type sentenceFacts struct {
	words    []factWord
	numbers  []fact   // figures, by value
	dates    []fact   // days and months, lower-cased
	entities []entity // runs of names
	names    map[string]bool
	negation []int // indexes in words of the negators
	quoted   []string
	plain    map[string]bool // plainStems, once read
}

// A fact is one figure or date: its value for comparison, its text for showing.
type fact struct{ key, text string }

// An entity is a run of capitalised words: "US President Donald Trump". It is known by
// its last word, the surname of a person.
type entity struct {
	key  string // the last word, folded
	text string // the run as written
}

// readFacts reads the facts of a sentence. isName says whether a capitalised word that
// opens the sentence is a name (the corpus capitalises it inside sentences).
func readFacts(s string, isName func(lower string) bool) *sentenceFacts {
	f := &sentenceFacts{words: factWords(s), names: make(map[string]bool)}
	var run []factWord
	flush := func() {
		if len(run) > 0 {
			parts := make([]string, len(run))
			for i, w := range run {
				parts[i] = w.text
			}
			last := run[len(run)-1]
			f.entities = append(f.entities, entity{key: foldName(last.lower), text: strings.Join(parts, " ")})
			run = run[:0]
		}
	}
	ws := f.words
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.quote && len(w.lower) > 3 && !stopWord(w.lower) {
			f.quoted = append(f.quoted, w.lower)
		}
		if n, width, ok := numberAt(ws, i); ok {
			flush()
			text := ws[i].text
			for k := i + 1; k < i+width; k++ {
				text += " " + ws[k].text
			}
			f.numbers = append(f.numbers, fact{n, text})
			i += width - 1
			continue
		}
		if dateWord(ws, i) {
			flush()
			f.dates = append(f.dates, fact{w.lower, w.text})
			continue
		}
		if negator(w.lower) {
			f.negation = append(f.negation, i)
		}
		// A capital inside a quotation may be emphasis ("an END to the War"): there only
		// words the corpus capitalises are names.
		if w.upper && w.lower != "i" && (!w.first && !w.quote || isName(w.lower)) {
			f.names[foldName(w.lower)] = true
			run = append(run, w)
			continue
		}
		if w.upper {
			f.names[foldName(w.lower)] = true // a capitalised opener may still match a name
		}
		flush()
	}
	flush()
	return f
}

// factWords splits s into words: runs of letters, digits and the marks inside them
// ("1,500", "3.5", "don't", "U.S.", "Jean-Paul").
func factWords(s string) []factWord {
	var out []factWord
	first, quote := true, false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch r {
			case '“', '”', '"', '«', '»':
				quote = !quote && r != '”' && r != '»'
				if r == '“' || r == '«' || (r == '"' && quote) {
					first = true
				}
			case ':', '—', '–':
				first = true
			}
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				j += n
				continue
			}
			// Marks inside a word: a digit group, a decimal point, an apostrophe, a
			// hyphen, the dots of an acronym.
			if (r == ',' || r == '.' || r == '\'' || r == '’' || r == '-') && j+n < len(s) {
				next, _ := utf8.DecodeRuneInString(s[j+n:])
				if unicode.IsLetter(next) || unicode.IsDigit(next) {
					j += n
					continue
				}
			}
			break
		}
		text := strings.TrimRight(s[i:j], ".")
		lower := strings.ToLower(text)
		for _, p := range []string{"'s", "’s"} {
			lower = strings.TrimSuffix(lower, p)
		}
		out = append(out, factWord{text: text, lower: lower, start: i, upper: unicode.IsUpper(r), first: first, quote: quote})
		first = false
		i = j
	}
	return out
}

// numberWords are the figures written as words. "One" is left out: it is more often a
// pronoun ("one of them") than a figure.
var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}

// numberAt reads a figure at words[i]: digits ("1,500", "3.5", "11th"), or number words
// ("twenty-five"); a scale word after it ("40 million") belongs to it. It returns the
// figure's value as text and how many words it takes.
func numberAt(ws []factWord, i int) (string, int, bool) {
	w := ws[i].lower
	value := ""
	if c := w[0]; '0' <= c && c <= '9' {
		digits := strings.ReplaceAll(w, ",", "")
		digits = strings.TrimRight(digits, "stndrh") // 1st, 2nd, 3rd, 11th
		if _, err := strconv.ParseFloat(digits, 64); err != nil {
			return "", 0, false
		}
		value = digits
	} else if n, ok := wordNumber(w); ok {
		value = strconv.Itoa(n)
	} else {
		return "", 0, false
	}
	width := 1
	for i+width < len(ws) {
		scale, ok := numberWords[ws[i+width].lower]
		if !ok || scale < 100 {
			break
		}
		value += "×" + strconv.Itoa(scale)
		width++
	}
	return value, width, true
}

// wordNumber reads a figure written in words: "nine", "forty", "twenty-five".
func wordNumber(w string) (int, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	tens, units, ok := strings.Cut(w, "-")
	if !ok {
		return 0, false
	}
	t, ok1 := numberWords[tens]
	u, ok2 := numberWords[units]
	if !ok1 || !ok2 || t < 20 || t > 90 || u > 9 {
		return 0, false
	}
	return t + u, true
}

var weekdayNames = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

var monthNames = set("january", "february", "march", "april", "june", "july", "august",
	"september", "october", "november", "december")

// dateWord reports whether words[i] names a day or a month: a weekday, a month ("May"
// only before a figure: otherwise it is the verb).
func dateWord(ws []factWord, i int) bool {
	w := ws[i]
	if !w.upper {
		return false
	}
	switch {
	case weekdayNames[w.lower], monthNames[w.lower]:
		return true
	case w.lower == "may":
		return i+1 < len(ws) && ws[i+1].lower != "" && '0' <= ws[i+1].lower[0] && ws[i+1].lower[0] <= '9'
	}
	return false
}

// negator reports whether w negates what it stands in.
func negator(w string) bool {
	switch w {
	case "not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot", "without":
		return true
	}
	return strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t")
}

func stopWord(w string) bool {
	_, stop := stemOf(w)
	return stop
}

// foldName makes spellings of one name equal: doubled letters single ("Zelenskyy",
// "Zelensky").
func foldName(w string) string {
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// The relations between a pick and a sentence that says nearly the same thing.
type agreement uint8

const (
	agrees     agreement = iota // it carries every fact of the pick: the same point, co-cited
	partial                     // it lacks some of the pick's facts but contradicts none
	contradict                  // it reports the point with other figures, names or negation
)

// compare tells how sentence o, of another article, stands to pick p, whose words are
// nearly the same. sim is the cosine similarity of their words that are not facts. It
// returns the facts by which o differs from p and the facts of p they replace.
func compare(p, o *sentenceFacts, sim float64) (agreement, []Fact, []Fact) {
	var mine, theirs []Fact
	// Figures and dates: values of p missing in o, and of o missing in p.
	mine = append(missingFacts(p.numbers, o.numbers), missingFacts(p.dates, o.dates)...)
	theirs = append(missingFacts(o.numbers, p.numbers), missingFacts(o.dates, p.dates)...)
	// Names: every entity of p must be named in o.
	var missingNames, extraNames []Fact
	for _, e := range p.entities {
		if !o.names[e.key] {
			missingNames = append(missingNames, Fact{FactName, e.text})
		}
	}
	for _, e := range o.entities {
		if !p.names[e.key] {
			extraNames = append(extraNames, Fact{FactName, e.text})
		}
	}
	quotedMissing := false
	for _, w := range p.quoted {
		if !slices.ContainsFunc(o.words, func(x factWord) bool { return x.lower == w }) {
			quotedMissing = true
			break
		}
	}
	negDiffers := (len(p.negation) > 0) != (len(o.negation) > 0)

	// A contradiction: a figure or a date replaced by another, a name replaced by another
	// in a sentence that is otherwise the same, or the same sentence negated.
	var diff, inst []Fact
	if len(mine) > 0 && len(theirs) > 0 {
		diff = append(diff, theirs...)
		inst = append(inst, mine...)
	}
	if len(missingNames) > 0 && len(extraNames) > 0 && sim >= nameConflictSim {
		diff = append(diff, extraNames...)
		inst = append(inst, missingNames...)
	}
	if negDiffers && sim >= negationConflictSim {
		d, i := negationPhrases(p, o)
		diff = append(diff, d)
		inst = append(inst, i)
	}
	if len(diff) > 0 {
		return contradict, diff, inst
	}
	if len(mine) > 0 || len(missingNames) > 0 || quotedMissing || negDiffers {
		return partial, nil, nil
	}
	return agrees, nil, nil
}

// Similarities of the words that are not facts above which two sentences that differ
// by a name, or by a negation, report one point in two ways rather than two points.
const (
	nameConflictSim     = 0.6
	negationConflictSim = 0.6
)

// missingFacts returns the facts of a whose values b lacks, as Facts of kind number or
// date.
func missingFacts(a, b []fact) []Fact {
	var out []Fact
	for _, f := range a {
		if !slices.ContainsFunc(b, func(g fact) bool { return g.key == f.key }) {
			kind := FactNumber
			if weekdayNames[f.key] || monthNames[f.key] || f.key == "may" {
				kind = FactDate
			}
			out = append(out, Fact{kind, f.text})
		}
	}
	return out
}

// negationPhrases returns the negated phrase of the one sentence of p and o that negates
// and its affirmative counterpart in the other, as o has it and as p has it: "had not
// failed" and "had failed".
func negationPhrases(p, o *sentenceFacts) (theirs, mine Fact) {
	neg, aff := p, o
	if len(o.negation) > 0 {
		neg, aff = o, p
	}
	k := neg.negation[0]
	var before, after string
	if k > 0 {
		before = neg.words[k-1].text
	}
	if k+1 < len(neg.words) {
		after = neg.words[k+1].text
	}
	negated := strings.TrimSpace(before + " " + neg.words[k].text + " " + after)
	affirmed := strings.TrimSpace(before + " " + after)
	// The affirmative sentence's own words, where it has the pair.
	for i := 0; i+1 < len(aff.words); i++ {
		if strings.EqualFold(aff.words[i].text, before) && strings.EqualFold(aff.words[i+1].text, after) {
			affirmed = aff.words[i].text + " " + aff.words[i+1].text
			break
		}
	}
	if neg == o {
		return Fact{FactNegation, negated}, Fact{FactNegation, affirmed}
	}
	return Fact{FactNegation, affirmed}, Fact{FactNegation, negated}
}

// plainSim returns the cosine similarity of the content words of p and o that are not
// facts (figures, dates, names, negators), by stem.
func plainSim(p, o *sentenceFacts) float64 {
	a, b := p.plainStems(), o.plainStems()
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	for s := range a {
		if b[s] {
			shared++
		}
	}
	return float64(shared) / math.Sqrt(float64(len(a)*len(b)))
}

// plainStems returns the stems of the sentence's content words that are not facts.
func (f *sentenceFacts) plainStems() map[string]bool {
	if f.plain != nil {
		return f.plain
	}
	out := make(map[string]bool, len(f.words))
	defer func() { f.plain = out }()
	for _, w := range f.words {
		if w.upper && !w.first || negator(w.lower) || w.lower == "" || '0' <= w.lower[0] && w.lower[0] <= '9' {
			continue
		}
		if _, ok := numberWords[w.lower]; ok {
			continue
		}
		if stem, stop := stemOf(w.lower); !stop {
			out[stem] = true
		}
	}
	return out
}

// factsOf reads the facts of unit u as its sentence reads in a summary.
func (c *Corpus) factsOf(u int) *sentenceFacts {
	un := &c.units[u]
	return readFacts(c.Docs[un.doc].Text(int(un.sent)), c.capitalised)
}

// capitalised reports whether the corpus writes the lower-case word w with a capital
// inside sentences more often than not: a name.
func (c *Corpus) capitalised(w string) bool {
	stem, stop := stemOf(w)
	if stop {
		return false
	}
	id, ok := c.vocab.ids[stem]
	return ok && c.vocab.capShare(id) > 0.5
}

// within reports whether every name, figure and date of f is one of g's, and f has one.
func (f *sentenceFacts) within(g *sentenceFacts) bool {
	if len(f.entities)+len(f.numbers)+len(f.dates) == 0 {
		return false
	}
	for _, e := range f.entities {
		if !g.names[e.key] {
			return false
		}
	}
	return len(missingFacts(f.numbers, g.numbers)) == 0 && len(missingFacts(f.dates, g.dates)) == 0
}

// A factCache keeps the facts of sentences by their text, so that many articles that
// carry one sentence cost one reading of it.
type factCache map[string]*sentenceFacts

// factsOf returns the facts of unit u, read once per distinct text.
func (fc factCache) factsOf(c *Corpus, u int) *sentenceFacts {
	un := &c.units[u]
	d := c.Docs[un.doc]
	if len(d.splits) > 0 || len(fc) >= maxCachedFacts {
		return c.factsOf(u)
	}
	s := d.Sentences[un.sent]
	key := d.Article.Text[s.Start:s.End]
	if f, ok := fc[key]; ok {
		return f
	}
	f := c.factsOf(u)
	fc[key] = f
	return f
}

// maxCachedFacts bounds a factCache.
const maxCachedFacts = 4096

// A verdictCache keeps how sentences stand to a pick, by pick and text: many articles
// that carry one sentence are compared with a pick once.
type verdictCache map[verdictKey]verdict

type verdictKey struct {
	pick int
	text string
}

type verdict struct {
	how            agreement
	facts, instead []Fact
}

// compare is compare for pick i (whose facts are p) and unit u, by way of the cache.
func (vc verdictCache) compare(c *Corpus, i int, p *sentenceFacts, u int, fc factCache) (agreement, []Fact, []Fact) {
	un := &c.units[u]
	d := c.Docs[un.doc]
	s := d.Sentences[un.sent]
	key := verdictKey{i, d.Article.Text[s.Start:s.End]}
	cacheable := len(d.splits) == 0 && len(vc) < maxCachedFacts
	if v, ok := vc[key]; ok && cacheable {
		return v.how, v.facts, v.instead
	}
	o := fc.factsOf(c, u)
	how, facts, instead := compare(p, o, plainSim(p, o))
	if cacheable {
		vc[key] = verdict{how, facts, instead}
	}
	return how, facts, instead
}
