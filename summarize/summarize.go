package summarize

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Errors returned by Summarize.
var (
	// ErrNoArticles means there was nothing to summarize.
	ErrNoArticles = errors.New("summarize: no articles")
	// ErrNoSentences means the articles hold no sentence fit for a summary: they are
	// empty, all boilerplate, or text without sentence punctuation.
	ErrNoSentences = errors.New("summarize: no sentences fit for a summary")
)

// An Algorithm is a way of choosing sentences.
type Algorithm string

// The algorithms. Both see the same sentences, obey the same budget and merge
// near-duplicates the same way; they differ in how they choose.
const (
	// Coverage, the default, picks the sentences that together cover the most weighted
	// concepts (word pairs and words), where a concept weighs more the more articles
	// report it and the earlier they do. A concept counts once, however many chosen
	// sentences carry it, so the summary does not repeat itself.
	Coverage Algorithm = "coverage"
	// LexRank is the classic baseline (Erkan and Radev, 2004): continuous LexRank
	// centrality over TF-IDF cosine similarity, computed by power iteration, then the
	// most central sentences that are not too similar to one already chosen.
	LexRank Algorithm = "lexrank"
)

// Algorithms lists the algorithms, the default first.
var Algorithms = []Algorithm{Coverage, LexRank}

// DefaultWords is the budget when Options.Words is 0.
const DefaultWords = 100

// Options control a summary. The zero value asks for about DefaultWords words chosen by
// Coverage.
type Options struct {
	// Words is the length budget in words. The summary stops once it reaches it; its last
	// sentence, added while the summary was still short of the budget, may run past it
	// (with LexRank, by less than half of its own length).
	Words int
	// Sentences, if positive, caps the number of sentences.
	Sentences int
	// Algorithm chooses the sentences; empty means Coverage.
	Algorithm Algorithm
}

// A Summary is a set of sentences chosen from a corpus, in reading order.
type Summary struct {
	Sentences []Pick
	// Headline is the title that best names what the summary is about; empty when no
	// article has a title. HeadlineDoc is the document it belongs to, or -1.
	Headline    string
	HeadlineDoc int
}

// A Pick is a sentence chosen for a summary.
type Pick struct {
	// Doc and Sentence locate the sentence: Corpus.Docs[Doc].Sentences[Sentence].
	Doc, Sentence int
	// Text is the sentence as it reads in the summary.
	Text string
	// Also lists the sentences of other documents that say the same thing with the same
	// facts (every figure, date and name of the pick, and its negation), so that the
	// summary can cite every outlet that reports it. It is ordered by document.
	Also []Ref
	// Variants lists the sentences of other documents that report the same point with
	// other facts: another figure, date or name, or the opposite negation ("40 people
	// died" against the pick's "12 people died"). It is ordered by document.
	Variants []Variant
	// Score is the value the algorithm gave the sentence when it chose it; higher is
	// better, and scores are comparable only within one summary.
	Score float64
}

// A Ref locates a sentence: Corpus.Docs[Doc].Sentences[Sentence].
type Ref struct{ Doc, Sentence int }

// A Variant is another document's account of a pick's point that differs from the pick
// in its facts.
type Variant struct {
	Ref
	// Facts are the variant's own facts where it differs, as it writes them ("40"), and
	// Instead the pick's facts that they replace ("12").
	Facts, Instead []Fact
}

// Docs returns the documents that carry the pick: its own first, then those of Also, each
// once. Its cost is linear in len(Also).
func (p *Pick) Docs() []int {
	docs := make([]int, 1, 1+len(p.Also))
	docs[0] = p.Doc
	sorted := slices.IsSortedFunc(p.Also, func(a, b Ref) int { return cmp.Compare(a.Doc, b.Doc) })
	var seen map[int]bool // for an Also out of document order, which Summarize never makes
	if !sorted {
		seen = map[int]bool{p.Doc: true}
	}
	for _, r := range p.Also {
		switch {
		case sorted && (r.Doc == p.Doc || r.Doc == docs[len(docs)-1]):
		case sorted:
			docs = append(docs, r.Doc)
		case !seen[r.Doc]:
			seen[r.Doc] = true
			docs = append(docs, r.Doc)
		}
	}
	return docs
}

// Summarize analyses articles and summarizes them; see Corpus.Summarize.
func Summarize(articles []Article, opt Options) (*Summary, error) {
	if len(articles) == 0 {
		return nil, ErrNoArticles
	}
	return NewCorpus(articles).Summarize(opt)
}

// Summarize chooses sentences from the corpus; see SummarizeContext.
func (c *Corpus) Summarize(opt Options) (*Summary, error) {
	return c.summarize(context.Background(), opt, defaultParams, nil)
}

// SummarizeContext chooses sentences from the corpus. The same corpus and options always
// give the same summary. It checks ctx as it goes (per document or per batch of sentences
// in every long loop) and returns an error wrapping ctx.Err() once ctx is done.
//
// A sentence that opens with a pronoun ("He added …") or a bare reference ("That
// included …", "The move …"), or that quotes someone it does not name ("“…,” he
// said.", a quotation alone), is never chosen: out of its article it points at nothing.
// SummarizeResolved lets the summary use those whose referent is known.
func (c *Corpus) SummarizeContext(ctx context.Context, opt Options) (*Summary, error) {
	return c.summarize(ctx, opt, defaultParams, nil)
}

// SummarizeResolved is SummarizeContext with the referents that a resolver found: a
// sentence with a pronoun for a person may be chosen when refs names the person for
// that pronoun, and reads with the name in brackets in its place ("[Vladimir Putin]
// added …"); a quotation that names no speaker may be chosen when refs names one, and
// reads after the name ("Donald Trump: “…”"). Bare references are never chosen.
func (c *Corpus) SummarizeResolved(ctx context.Context, opt Options, refs Referents) (*Summary, error) {
	return c.summarize(ctx, opt, defaultParams, refs)
}

// checkEvery is how many iterations of a long loop run between two looks at the context.
const checkEvery = 1024

// canceled wraps the error of a done context with what was being done.
func canceled(ctx context.Context, doing string) error {
	return fmt.Errorf("summarize: %s: %w", doing, ctx.Err())
}

func (c *Corpus) summarize(ctx context.Context, opt Options, p params, refs Referents) (*Summary, error) {
	if len(c.Docs) == 0 {
		return nil, ErrNoArticles
	}
	if opt.Words < 0 || opt.Sentences < 0 {
		return nil, fmt.Errorf("summarize: budget of %d words and %d sentences: must not be negative", opt.Words, opt.Sentences)
	}
	if opt.Words == 0 {
		opt.Words = DefaultWords
	}
	if ctx.Err() != nil {
		return nil, canceled(ctx, "summarizing")
	}
	cands := c.candidates(p, refs)
	if len(cands) == 0 {
		// Articles whose every sentence is too short or too long still have a summary:
		// any sentence fit for one, of any length.
		loose := p
		loose.minWords, loose.maxWords, loose.listShare = 1, math.MaxInt32, math.Inf(1)
		cands = c.candidates(loose, refs)
	}
	if len(cands) == 0 {
		return nil, ErrNoSentences
	}
	var (
		picked []int
		scores []float64
		w      *weights
		err    error
	)
	switch opt.Algorithm {
	case Coverage, "":
		if w, err = c.conceptWeights(ctx, p); err != nil {
			return nil, err
		}
		picked, scores, err = c.coverage(ctx, cands, w, opt, p, refs)
	case LexRank:
		picked, scores, err = c.lexRank(ctx, cands, opt, refs)
	default:
		return nil, fmt.Errorf("summarize: unknown algorithm %q (want %v)", opt.Algorithm, Algorithms)
	}
	if err != nil {
		return nil, err
	}
	if len(picked) == 0 {
		return nil, ErrNoSentences
	}
	s := &Summary{HeadlineDoc: -1}
	scoreOf := make(map[int]float64, len(picked))
	for i, u := range picked {
		scoreOf[u] = scores[i]
	}
	c.orderUnits(picked)
	picked = c.keepFollowers(picked, refs)
	dups, err := c.duplicates(ctx, picked)
	if err != nil {
		return nil, err
	}
	for i, u := range picked {
		un := &c.units[u]
		text := c.Docs[un.doc].Text(int(un.sent))
		if r := c.referent(un, refs); r.Name != "" {
			text = c.Docs[un.doc].resolvedText(int(un.sent), r)
		}
		s.Sentences = append(s.Sentences, Pick{
			Doc:      int(un.doc),
			Sentence: int(un.sent),
			Text:     text,
			Also:     dups[i].also,
			Variants: dups[i].variants,
			Score:    scoreOf[u],
		})
	}
	if w == nil {
		if w, err = c.conceptWeights(ctx, p); err != nil {
			return nil, err
		}
	}
	s.HeadlineDoc, s.Headline = c.headline(s.Sentences, w)
	return s, nil
}

// candidates returns the units a summary may use: usable sentences of a sensible length
// (shorter ones carry too little, longer ones are usually run-on text or missed sentence
// ends) that are not lists (at least 5 commas and more than listShare of them per word)
// and that stand on their own, or whose referent refs gives.
func (c *Corpus) candidates(p params, refs Referents) []int {
	var out []int
	for i := range c.units {
		u := &c.units[i]
		if u.usable() && int(u.words) >= p.minWords && int(u.words) <= p.maxWords && u.hi > u.lo &&
			(u.commas < 5 || float64(u.commas) <= p.listShare*float64(u.words)) &&
			(u.need == needNothing || c.referent(u, refs).Name != "" || c.predecessor(i) >= 0) {
			out = append(out, i)
		}
	}
	return out
}

// predecessor returns the unit that unit i needs before it in a summary, or -1: for a
// sentence that lacks its referent, the sentence before it in its article, which may
// explain it ("He added …" after the sentence that names him) when the summary reads
// them one after the other.
func (c *Corpus) predecessor(i int) int {
	u := &c.units[i]
	if u.need == needNothing || i == 0 || c.units[i-1].doc != u.doc || !c.units[i-1].usable() {
		return -1
	}
	return i - 1
}

// follower reports whether unit i may stand in a summary only right after its
// predecessor: it lacks a referent, and refs does not give it.
func (c *Corpus) follower(i int, refs Referents) bool {
	u := &c.units[i]
	return u.need != needNothing && c.referent(u, refs).Name == ""
}

// referent returns the referent of unit u that refs gives for what u lacks: the person
// its pronoun stands for, or the speaker of its quotation; the zero Referent when refs
// has none, and always for a bare reference.
func (c *Corpus) referent(u *unit, refs Referents) Referent {
	r, ok := refs[Ref{Doc: int(u.doc), Sentence: int(u.sent)}]
	switch {
	case !ok || r.Name == "":
	case u.need == needPerson && r.Start == int(u.mention) && r.End > r.Start:
		return r
	case u.need == needSpeaker:
		return Referent{Name: r.Name}
	}
	return Referent{}
}

// budget tracks the length of a summary being built.
type budget struct {
	words, sentences int     // limits
	overshoot        float64 // the share of a last sentence that may fall past the word limit
	used, count      int
}

// fits reports whether a sentence of n words may still be added: no more than the
// overshoot share of it may fall past the word budget.
func (b *budget) fits(n int) bool {
	if b.full() {
		return false
	}
	return float64(b.used+n) <= float64(b.words)+b.overshoot*float64(n)
}

func (b *budget) add(n int) { b.used += n; b.count++ }

func (b *budget) full() bool {
	return b.used >= b.words || (b.sentences > 0 && b.count >= b.sentences)
}

// orderUnits sorts units for reading: lead material first (by the sentence's relative
// position in its article), then older articles first, then by document and position.
func (c *Corpus) orderUnits(units []int) {
	usable := make(map[int32]int) // per document of the units
	for _, i := range units {
		if d := c.units[i].doc; usable[d] == 0 {
			usable[d] = max(c.usableCount(int(d)), 1)
		}
	}
	rel := func(i int) float64 {
		u := &c.units[i]
		return float64(u.pos) / float64(usable[u.doc])
	}
	slices.SortStableFunc(units, func(a, b int) int {
		if ra, rb := rel(a), rel(b); ra != rb {
			return cmp.Compare(ra, rb)
		}
		da, db := c.units[a].doc, c.units[b].doc
		if ta, tb := c.Docs[da].Published, c.Docs[db].Published; !ta.Equal(tb) {
			return ta.Compare(tb)
		}
		return cmp.Compare(a, b)
	})
}

// keepFollowers moves every picked unit that may only follow its predecessor right
// after it, keeping the order of the others.
func (c *Corpus) keepFollowers(picked []int, refs Referents) []int {
	after := make(map[int][]int) // predecessor → its followers
	var lead []int
	for _, u := range picked {
		if c.follower(u, refs) {
			after[c.predecessor(u)] = append(after[c.predecessor(u)], u)
		} else {
			lead = append(lead, u)
		}
	}
	if len(after) == 0 {
		return picked
	}
	out := make([]int, 0, len(picked))
	var put func(u int)
	put = func(u int) {
		out = append(out, u)
		for _, f := range after[u] {
			put(f)
		}
	}
	for _, u := range lead {
		put(u)
	}
	return out
}

// usableCount returns how many sentences of document d a summary may use.
func (c *Corpus) usableCount(d int) int {
	n := 0
	for i := c.first[d]; i < c.first[d+1]; i++ {
		if c.units[i].usable() {
			n++
		}
	}
	return n
}

// duplicateSim is the cosine similarity (of content-term sets) above which sentences of two
// documents count as saying the same thing.
const duplicateSim = 0.5

// duplicates finds, for each picked unit, the usable sentences of other documents that say
// nearly the same thing. One pass over the corpus compares every sentence with up to 64
// picks at once (mask[t] has bit i set when pick i holds term t); longer summaries take a
// pass per 64 picks.
func (c *Corpus) duplicates(ctx context.Context, picked []int) ([]sameness, error) {
	out := make([]sameness, 0, len(picked))
	all := picked
	picks := make(map[Ref]bool, len(picked))
	for _, u := range picked {
		picks[Ref{int(c.units[u].doc), int(c.units[u].sent)}] = true
	}
	for len(picked) > 0 {
		n := min(len(picked), 64)
		dups, err := c.duplicatesOf(ctx, picked[:n])
		if err != nil {
			return nil, err
		}
		out = append(out, dups...)
		picked = picked[n:]
	}
	// A variant is another account of a pick's point only from an article that does not
	// report the point with the pick's facts, and when it is not itself the same point
	// as another pick: "Report 6 says …" is no variant of "Report 5 says …" in an article
	// that also has "Report 5 says …".
	agreeing := make(map[Ref]bool)
	for _, d := range out {
		for _, r := range d.also {
			agreeing[r] = true
		}
	}
	for i := range out {
		d := &out[i]
		if len(d.variants) == 0 {
			continue
		}
		docs := map[int]bool{int(c.units[all[i]].doc): true}
		for _, r := range d.also {
			docs[r.Doc] = true
		}
		kept := d.variants[:0]
		for _, v := range d.variants {
			if !agreeing[v.Ref] && !docs[v.Doc] && !picks[v.Ref] {
				kept = append(kept, v)
			}
		}
		d.variants = kept
	}
	return out, nil
}

// sameness lists the sentences that report the point of a pick: with its facts, and
// with others.
type sameness struct {
	also     []Ref
	variants []Variant
}

// duplicatesOf is duplicates for at most 64 picks.
func (c *Corpus) duplicatesOf(ctx context.Context, picked []int) ([]sameness, error) {
	out := make([]sameness, len(picked))
	pickFacts := make([]*sentenceFacts, len(picked))
	cache := factCache{}
	verdicts := verdictCache{}
	mask := make([]uint64, c.vocab.size())
	sizes := make([]int, len(picked))
	for i, u := range picked {
		for _, t := range c.tokens(u) {
			if !c.vocab.stop[t] && mask[t]&(1<<i) == 0 {
				mask[t] |= 1 << i
				sizes[i]++
			}
		}
	}
	seen := make([]int32, c.vocab.size()) // seen[t] == j+1: term t already counted for unit j
	var shared [64]int
	for j := range c.units {
		if j%checkEvery == 0 && ctx.Err() != nil {
			return nil, canceled(ctx, "finding near-duplicates")
		}
		uj := &c.units[j]
		if !uj.usable() {
			continue
		}
		clear(shared[:len(picked)])
		size, any := 0, false
		for _, t := range c.tokens(j) {
			if c.vocab.stop[t] || seen[t] == int32(j+1) {
				continue
			}
			seen[t] = int32(j + 1)
			size++
			if m := mask[t]; m != 0 {
				any = true
				for i := range picked {
					if m&(1<<i) != 0 {
						shared[i]++
					}
				}
			}
		}
		if !any {
			continue
		}
		for i, u := range picked {
			pu := &c.units[u]
			if u == j || pu.doc == uj.doc || sizes[i] == 0 {
				continue
			}
			if float64(shared[i])/math.Sqrt(float64(sizes[i]*size)) < duplicateSim {
				continue
			}
			if pickFacts[i] == nil {
				pickFacts[i] = c.factsOf(u)
			}
			ref := Ref{Doc: int(uj.doc), Sentence: int(uj.sent)}
			switch how, facts, instead := verdicts.compare(c, i, pickFacts[i], j, cache); how {
			case agrees:
				out[i].also = append(out[i].also, ref)
			case contradict:
				out[i].variants = append(out[i].variants, Variant{Ref: ref, Facts: facts, Instead: instead})
			}
		}
	}
	return out, nil
}
