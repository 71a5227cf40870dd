package quotes

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/briefbot/briefbot/summarize"
)

// A Span is a byte range of an article's text: Text[Start:End].
type Span struct {
	Start, End int
}

// A Quotation is what one speaker said in the same words, in one article or several.
type Quotation struct {
	// Text is the quoted words, without quotation marks; the parts of a quotation split
	// by its attribution or continued over paragraphs are joined by " … ". When articles
	// quote different lengths of the same words, it is the longest.
	Text string
	// Speaker is the canonical name of who said it ("Vladimir Putin"), a description when
	// the articles name no one ("a White House official"), or "" when nothing in the
	// articles says who spoke.
	Speaker string
	// Reports lists where the articles carry the quotation, one report per occurrence, in
	// corpus order.
	Reports []Report

	words []string // the folded words of Text, which WhoSaid matches
}

// A Report is one article's account of a quotation.
type Report struct {
	// Doc is the article: an index into the Corpus's Docs.
	Doc int
	// Spans locate the quoted words in the article's Text, in reading order.
	Spans []Span
	// Text is the quoted words as this article has them.
	Text string
	// Mention locates the words that name the speaker in the article ("he", "the Russian
	// leader", "Putin"); it is the zero Span when the article names no one.
	Mention Span
	// Cue is what introduces the quotation, as written: a speech verb ("said", "told",
	// "saying"), ":", "according to", the dash that signs a quotation ("—" in "“…” —
	// Carla Diaz"), a noun that names the words ("claim" in "his claim that “…”"), or,
	// for a weak attribution, the verb that links the sentence's subject to the quoted
	// words ("likened"). It is "" when the speaker carries over from the quotation before
	// and when nothing attributes the quotation.
	Cue string
	// Sentence is the sentence the quotation came from, as it reads in a briefing; a
	// quotation that runs over several sentences gives the first and the one with the
	// attribution (unless the article is made of such pairs beyond any news article's
	// length: then the first alone).
	Sentence string
	// The folded words of Text when they differ from the quotation's: what WhoSaid
	// matches.
	words []string
	// Where the folded words of the sentences around the quotation lie in the index's
	// words of the article: its own sentences, and the attribution's when it lies
	// outside them.
	context, cueContext wordRange
}

// Outlets returns the distinct sources (outlets, else titles or IDs) of the articles in
// c that carry the quotation, in the order of its reports.
func (q *Quotation) Outlets(c *summarize.Corpus) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range q.Reports {
		if r.Doc < 0 || r.Doc >= len(c.Docs) {
			continue
		}
		if name := c.Docs[r.Doc].Source(); !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// An Index holds every quotation of a corpus with its canonical speaker. Extract builds
// it once per corpus; it is read-only afterwards and safe for concurrent use.
type Index struct {
	corpus *summarize.Corpus
	quotes []*Quotation
	// words[d] holds the folded words of the sentences that the reports of document d
	// come from, sentence after sentence, for WhoSaid's InContext.
	words [][]string
	// speakers holds the names of each canonical speaker, for SpeakersNamed.
	speakers map[string]*speakerNames
}

// Corpus returns the corpus the index was built from.
func (x *Index) Corpus() *summarize.Corpus { return x.corpus }

// Quotations returns every quotation, in order of first appearance. The slice and the
// quotations belong to the index: callers must not change them.
func (x *Index) Quotations() []*Quotation { return x.quotes }

// A docResult is the extraction of one document, with the speakers it names and the
// words of the sentences its quotations come from.
type docResult struct {
	ds     *docState
	quotes []docQuote
	words  *contextWords
}

// Extract finds the quotations of every document of c, attributes them to speakers,
// resolves pronouns and descriptions to the people the articles name, and merges the
// same speaker and the same words across articles. The documents are read in parallel;
// the result depends only on c. It is ExtractContext without a deadline.
func Extract(c *summarize.Corpus) *Index {
	x, _ := ExtractContext(context.Background(), c) // only a done context stops it
	return x
}

// ExtractContext is Extract under ctx: it looks at ctx before each document and inside
// the long loops of each (every thousand or so steps), and when ctx is done it stops,
// keeps nothing of what it built, and returns a nil Index and an error wrapping
// ctx.Err(). Its cost is linear in the text of the corpus.
//
// It runs in phases: the quotations of each document with their speakers (extractDocs,
// in parallel; extractDoc has the phases of one document), the descriptions resolved
// again with what every article says (resolveAcross), one canonical name per speaker
// across articles (mergeSpeakers) and the names each is known by (indexNames, for
// SpeakersNamed), the same words of one speaker made one Quotation
// (mergeWords, then mergeInside for words inside a longer quotation), and the words
// that WhoSaid matches (indexWords).
func ExtractContext(ctx context.Context, c *summarize.Corpus) (*Index, error) {
	if err := ctx.Err(); err != nil {
		return nil, stopped(err)
	}
	x := &Index{corpus: c}
	if c == nil {
		return x, nil
	}
	results := extractDocs(ctx, c)
	if err := ctx.Err(); err != nil {
		return nil, stopped(err)
	}
	st := newStopper(ctx)
	resolveAcross(results, st)
	names := mergeSpeakers(results)
	if !x.indexNames(results, names, st) {
		return nil, stopped(ctx.Err())
	}
	all := mergeWords(results, names, st)
	if st.now() {
		return nil, stopped(ctx.Err())
	}
	x.quotes = mergeInside(all)
	if !x.indexWords(results, st) {
		return nil, stopped(ctx.Err())
	}
	return x, nil
}

// extractDocs extracts the quotations of every document of c, on as many workers as
// there are processors (one per four documents at least). When ctx is done, the
// documents not yet read are left empty.
func extractDocs(ctx context.Context, c *summarize.Corpus) []docResult {
	results := make([]docResult, len(c.Docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.Docs)/4))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			st := newStopper(ctx)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(c.Docs) || st.now() {
					return
				}
				ds, qs := extractDoc(c.Docs[i], st)
				results[i] = docResult{ds, qs, ds.contextWords(qs)}
			}
		})
	}
	wg.Wait()
	return results
}

// mergeSpeakers gives every speaker of the results one canonical name across the
// articles (merge.go).
func mergeSpeakers(results []docResult) *nameMerger {
	names := newNameMerger()
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			names.add(r.ds, &r.quotes[i].sp)
		}
	}
	names.settle()
	return names
}

// indexWords splits and folds, once here rather than on every query, the words that
// WhoSaid matches: those of each quotation, of its reports, and of the sentences around
// them. It reports false when st stops.
func (x *Index) indexWords(results []docResult, st *stopper) bool {
	for _, q := range x.quotes {
		if st.stop() {
			return false
		}
		q.words = splitWords(q.Text)
		for i := range q.Reports {
			if r := &q.Reports[i]; r.Text != q.Text {
				r.words = splitWords(r.Text)
			}
		}
	}
	x.words = make([][]string, len(results))
	for d := range results {
		if w := results[d].words; w != nil {
			x.words[d] = w.words
		}
	}
	return true
}

// stopped is the error of an extraction that its context stopped.
func stopped(err error) error {
	return fmt.Errorf("quotes: extracting quotations: %w", err)
}

// resolveAcross gives the descriptions that an article alone could not resolve ("the US
// leader") a second chance with what every article says of its people.
func resolveAcross(results []docResult, st *stopper) {
	global := globalDesc{}
	for d := range results {
		global.add(results[d].ds)
	}
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			q := &r.quotes[i]
			if !q.nominal || st.stop() {
				continue
			}
			if sp := r.ds.resolveNominalWith(q.at.a, q.at.b, global); sp.ent >= 0 {
				q.sp = sp
			}
		}
	}
}

// A keyed quotation is a Quotation with its word key and canonical speaker, while
// Extract merges them.
type keyed struct {
	q       *Quotation
	words   string
	speaker string
}

// A wordGroup holds the quotations that have the same words: the first, and those of
// the other speakers, by speaker.
type wordGroup struct {
	first  int
	others map[string]int
}

// mergeWords makes the Reports of every document's quotations and merges the reports of
// the same words by the same speaker (or by one speaker and an unknown one) into one
// Quotation, in corpus order.
func mergeWords(results []docResult, names *nameMerger, st *stopper) []keyed {
	byWords := map[string]*wordGroup{}
	var all []keyed
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			if st.stop() {
				return nil
			}
			dq := &r.quotes[i]
			rep := r.ds.report(d, dq, r.words)
			spk := names.canonical(r.ds, &dq.sp)
			words := wordKey(rep.Text)
			g := byWords[words]
			k := -1
			switch {
			case g == nil:
			case all[g.first].speaker == spk || all[g.first].speaker == "" || spk == "":
				k = g.first
			default:
				if j, ok := g.others[spk]; ok {
					k = j
				}
			}
			if k < 0 {
				q := &Quotation{Text: rep.Text, Speaker: spk, Reports: []Report{rep}}
				if g == nil {
					byWords[words] = &wordGroup{first: len(all)}
				} else {
					if g.others == nil {
						g.others = map[string]int{}
					}
					g.others[spk] = len(all)
				}
				all = append(all, keyed{q, words, spk})
				continue
			}
			q := all[k].q
			q.Reports = append(q.Reports, rep)
			if q.Speaker == "" {
				q.Speaker = spk
				all[k].speaker = spk
			}
		}
	}
	return all
}

// mergeInside merges a quotation whose words lie inside a longer one of the same speaker
// into that one (the same quotation, quoted shorter), and returns the quotations left,
// each with its reports in corpus order.
func mergeInside(all []keyed) []*Quotation {
	into := containers(all)
	// The quotation each one ends in, following into to its end once.
	root := make([]int, len(all))
	for i := range root {
		root[i] = -1
		if into[i] < 0 {
			root[i] = i
		}
	}
	var path []int
	for i := range all {
		j := i
		for root[j] < 0 {
			path = append(path, j)
			j = into[j]
		}
		for _, p := range path {
			root[p] = root[j]
		}
		path = path[:0]
	}
	for i := range all {
		if j := root[i]; j != i {
			q := all[j].q
			q.Reports = append(q.Reports, all[i].q.Reports...)
		}
	}
	var out []*Quotation
	for i, k := range all {
		if into[i] >= 0 {
			continue
		}
		sort.SliceStable(k.q.Reports, func(a, b int) bool { return k.q.Reports[a].Doc < k.q.Reports[b].Doc })
		out = append(out, k.q)
	}
	return out
}

// report builds the Report of quotation dq of document d; cw holds the words of its
// sentences.
func (ds *docState) report(d int, dq *docQuote, cw *contextWords) Report {
	rep := Report{Doc: d, Spans: dq.spans, Mention: dq.mention}
	parts := make([]string, len(dq.spans))
	for i, s := range dq.spans {
		parts[i] = summarize.CleanText(ds.text[s.Start:s.End])
	}
	rep.Text = strings.Join(parts, " … ")
	if dq.at.cue >= 0 && dq.at.from < 0 {
		rep.Cue = dq.at.cueText
	}
	rep.Sentence = ds.sentenceOf(dq)
	// The context: the quotation's sentences, and the attribution's when it lies outside
	// them.
	n := len(ds.doc.Sentences)
	if dq.firstSent < n && dq.firstSent <= dq.lastSent {
		rep.context = wordRange{cw.at[dq.firstSent].lo, cw.at[min(dq.lastSent, n-1)].hi}
	}
	if (dq.cueSent < dq.firstSent || dq.cueSent > dq.lastSent) && dq.cueSent >= 0 && dq.cueSent < n {
		rep.cueContext = cw.at[dq.cueSent]
	}
	return rep
}

// wordKey returns the words of s, folded and joined by single spaces: the same words
// under any quotation marks, punctuation or case give the same key.
func wordKey(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
