package quotes

import (
	"runtime"
	"sort"
	"strings"
	"sync"
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
	// attribution.
	Sentence string
	// The folded words of Text when they differ from the quotation's, and of the
	// sentences around the quotation: what WhoSaid matches.
	words, context []string
}

// Outlets returns the distinct sources (outlets, else titles or IDs) of the articles in
// c that carry the quotation, in the order of its reports.
func (q *Quotation) Outlets(c *summarize.Corpus) []string {
	var out []string
	for _, r := range q.Reports {
		if r.Doc < 0 || r.Doc >= len(c.Docs) {
			continue
		}
		name := c.Docs[r.Doc].Source()
		found := false
		for _, o := range out {
			if o == name {
				found = true
				break
			}
		}
		if !found {
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
}

// Corpus returns the corpus the index was built from.
func (x *Index) Corpus() *summarize.Corpus { return x.corpus }

// Quotations returns every quotation, in order of first appearance. The slice and the
// quotations belong to the index: callers must not change them.
func (x *Index) Quotations() []*Quotation { return x.quotes }

// A docResult is the extraction of one document, with the speakers it names.
type docResult struct {
	ds     *docState
	quotes []docQuote
}

// Extract finds the quotations of every document of c, attributes them to speakers,
// resolves pronouns and descriptions to the people the articles name, and merges the
// same speaker and the same words across articles. The documents are read in parallel;
// the result depends only on c.
func Extract(c *summarize.Corpus) *Index {
	x := &Index{corpus: c}
	if c == nil {
		return x
	}
	results := make([]docResult, len(c.Docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.Docs)/4))
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Go(func() {
			for i := range next {
				ds, qs := extractDoc(c.Docs[i])
				results[i] = docResult{ds, qs}
			}
		})
	}
	for i := range c.Docs {
		next <- i
	}
	close(next)
	wg.Wait()

	// Descriptions that the article alone could not resolve ("the US leader") get a
	// second chance with what every article says of its people.
	global := globalDesc{}
	for d := range results {
		global.add(results[d].ds)
	}
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			q := &r.quotes[i]
			if !q.nominal {
				continue
			}
			if sp := r.ds.resolveNominalWith(q.at.a, q.at.b, global); sp.ent >= 0 {
				q.sp = sp
			}
		}
	}
	names := newNameMerger()
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			names.add(r.ds, &r.quotes[i].sp)
		}
	}
	names.settle()

	type keyed struct {
		q       *Quotation
		words   string
		speaker string
	}
	byWords := map[string][]int{}
	var all []keyed
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			dq := &r.quotes[i]
			rep := r.ds.report(d, dq)
			spk := names.canonical(r.ds, &dq.sp)
			words := wordKey(rep.Text)
			merged := false
			for _, k := range byWords[words] {
				if all[k].speaker == spk || all[k].speaker == "" || spk == "" {
					q := all[k].q
					q.Reports = append(q.Reports, rep)
					if q.Speaker == "" {
						q.Speaker = spk
						all[k].speaker = spk
					}
					merged = true
					break
				}
			}
			if merged {
				continue
			}
			q := &Quotation{Text: rep.Text, Speaker: spk, Reports: []Report{rep}}
			byWords[words] = append(byWords[words], len(all))
			all = append(all, keyed{q, words, spk})
		}
	}
	// A quotation whose words lie inside a longer one of the same speaker is the same
	// quotation, quoted shorter.
	into := make([]int, len(all))
	for i := range into {
		into[i] = -1
	}
	grams := map[string][]int{}
	for i, k := range all {
		w := strings.Fields(k.words)
		for j := 0; j+3 <= len(w); j++ {
			g := strings.Join(w[j:j+3], " ")
			if l := grams[g]; len(l) == 0 || l[len(l)-1] != i {
				grams[g] = append(l, i)
			}
		}
	}
	for i, k := range all {
		w := strings.Fields(k.words)
		if len(w) < 3 {
			continue
		}
		g := strings.Join(w[:3], " ")
		best := -1
		for _, j := range grams[g] {
			if j == i || len(all[j].words) <= len(k.words) || all[j].speaker != k.speaker {
				continue
			}
			if strings.Contains(" "+all[j].words+" ", " "+k.words+" ") && (best < 0 || len(all[j].words) > len(all[best].words)) {
				best = j
			}
		}
		into[i] = best
	}
	for i := range all {
		j := i
		for steps := 0; into[j] >= 0 && steps < len(all); steps++ {
			j = into[j]
		}
		if j != i {
			q := all[j].q
			q.Reports = append(q.Reports, all[i].q.Reports...)
		}
	}
	for i, k := range all {
		if into[i] >= 0 {
			continue
		}
		sort.SliceStable(k.q.Reports, func(a, b int) bool { return k.q.Reports[a].Doc < k.q.Reports[b].Doc })
		x.quotes = append(x.quotes, k.q)
	}
	// The words WhoSaid matches, split and folded once here rather than on every query.
	for _, q := range x.quotes {
		q.words = splitWords(q.Text)
		for i := range q.Reports {
			if r := &q.Reports[i]; r.Text != q.Text {
				r.words = splitWords(r.Text)
			}
		}
	}
	return x
}

// report builds the Report of quotation dq of document d.
func (ds *docState) report(d int, dq *docQuote) Report {
	rep := Report{Doc: d, Spans: dq.spans, Mention: dq.mention}
	parts := make([]string, len(dq.spans))
	for i, s := range dq.spans {
		parts[i] = summarize.CleanText(ds.text[s.Start:s.End])
	}
	rep.Text = strings.Join(parts, " … ")
	if dq.at.cue >= 0 && dq.at.from < 0 {
		rep.Cue = dq.at.cueText
	}
	sentences := ds.doc.Sentences
	inDoc := func(s int) bool { return s >= 0 && s < len(sentences) }
	raw := func(s int) string { return ds.text[sentences[s].Start:sentences[s].End] }
	// The quotation's first sentence and, when it is another, the attribution's, in
	// reading order.
	var sents []string
	if dq.cueSent < dq.firstSent && inDoc(dq.cueSent) {
		sents = append(sents, ds.doc.Text(dq.cueSent))
	}
	if inDoc(dq.firstSent) {
		sents = append(sents, ds.doc.Text(dq.firstSent))
	}
	if dq.cueSent > dq.firstSent && inDoc(dq.cueSent) {
		sents = append(sents, ds.doc.Text(dq.cueSent))
	}
	// The context: the quotation's sentences, and the attribution's when it lies outside
	// them.
	var ctx []string
	for s := dq.firstSent; s <= dq.lastSent && s < len(sentences); s++ {
		ctx = append(ctx, raw(s))
	}
	if (dq.cueSent < dq.firstSent || dq.cueSent > dq.lastSent) && inDoc(dq.cueSent) {
		ctx = append(ctx, raw(dq.cueSent))
	}
	rep.Sentence = strings.Join(sents, " ")
	rep.context = splitWords(strings.Join(ctx, " "))
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
