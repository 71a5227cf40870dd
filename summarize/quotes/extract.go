package quotes

import (
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
)

// A docQuote is a quotation found in one document, before quotations are merged across
// documents.
type docQuote struct {
	regions   []int
	spans     []Span
	at        attribution
	sp        speaker
	firstSent int
	lastSent  int
	cueSent   int
	mention   Span
	// nominal: resolve read the mention as a description ("the Russian leader"), which
	// Extract tries again with the titles that every article gives.
	nominal bool
}

// minUnattributedWords is the length below which a quotation with no speech verb near it
// is taken for a scare quote, a title or a nickname and left out.
const minUnattributedWords = 5

// extractDoc finds the quotations of one document and their speakers, in five phases:
//
//  1. newDocState pairs the quotation marks of each paragraph into regions and
//     tokenizes the sentences (marks.go, tokens.go, document.go);
//  2. buildEntities makes the table of the people and organisations the document names
//     (entities.go, lookup.go);
//  3. attributeRegions finds a cue and a speaker mention for each region (attribute.go
//     and the rule files it calls);
//  4. groupRegions joins the regions of one quotation (group.go);
//  5. quotations makes a docQuote of each group: it inherits or resolves the speaker
//     (resolve.go, pronouns.go, nominals.go) and drops what is no quotation.
//
// When st stops, it returns no quotations.
func extractDoc(d *summarize.Document, st *stopper) (*docState, []docQuote) {
	ds := newDocState(d, st)
	if len(ds.regions) == 0 {
		return ds, nil
	}
	ds.buildEntities()
	if st.now() {
		return ds, nil
	}
	ats, ok := ds.attributeRegions(st)
	if !ok {
		return ds, nil
	}
	groups := ds.groupRegions(ats)
	out, ok := ds.quotations(groups, ats, st)
	if !ok {
		return ds, nil
	}
	return ds, out
}

// attributeRegions returns the attribution of every region: markup is marked as such,
// the rest is attributed by the words around it, then by the transcript lines. It
// reports false when st stops.
func (ds *docState) attributeRegions(st *stopper) ([]attribution, bool) {
	ats := make([]attribution, len(ds.regions))
	for ri := range ds.regions {
		if st.stop() {
			return nil, false
		}
		if ds.markup(ri) {
			ats[ri] = attribution{cue: cueMarkup, from: -1}
			continue
		}
		ats[ri] = ds.attribute(ri)
	}
	ds.transcripts(ats)
	return ats, true
}

// groupRegions returns the regions of each quotation, in order: a region joins the
// quotation before when it continues it.
func (ds *docState) groupRegions(ats []attribution) [][]int {
	var groups [][]int
	for ri := range ds.regions {
		if ats[ri].cue == cueMarkup {
			continue
		}
		if len(groups) > 0 {
			g := groups[len(groups)-1]
			rp := g[len(g)-1]
			if ds.continues(rp, ri, ats) {
				groups[len(groups)-1] = append(g, ri)
				continue
			}
		}
		groups = append(groups, []int{ri})
	}
	return groups
}

// quotations makes the quotations of the groups: each takes the strongest attribution
// of its regions, or floats on the quotation before, and resolves its speaker; what is
// left unattributed and too short, or a title, is dropped. It reports false when st
// stops.
func (ds *docState) quotations(groups [][]int, ats []attribution, st *stopper) ([]docQuote, bool) {
	var out []docQuote
	var history []spoken
	var prev *docQuote
	for _, g := range groups {
		if st.stop() {
			return nil, false
		}
		q, ok := ds.quotation(g, ats, prev)
		if !ok {
			continue
		}
		ds.speak(&q, prev, &history)
		for _, ri := range g {
			r := ds.regions[ri]
			lo, hi := r.lo, trimTrailingComma(ds.text, r.lo, r.hi)
			if lo < hi {
				q.spans = append(q.spans, Span{lo, hi})
			}
		}
		if len(q.spans) == 0 {
			continue
		}
		out = append(out, q)
		prev = &out[len(out)-1]
	}
	return out, true
}

// quotation returns the quotation of group g with its attribution and sentences, before
// its speaker is known; false when g is no quotation.
func (ds *docState) quotation(g []int, ats []attribution, prev *docQuote) (docQuote, bool) {
	q := docQuote{regions: g, at: attribution{cue: -1, from: -1}}
	for _, ri := range g {
		if ats[ri].found() && (!q.at.found() || q.at.weak && !ats[ri].weak) {
			q.at = ats[ri]
		}
	}
	// A title that only a verb other than a speech verb links to its subject ("Ruiz
	// appeared on “Morning Edition”") is no quotation.
	if q.at.weak && len(g) == 1 && titleLike(ds.text[ds.regions[g[0]].lo:ds.regions[g[0]].hi]) {
		return q, false
	}
	if !q.at.found() && prev != nil && ds.floats(prev, g) {
		q.at = prev.at
		q.at.from = prev.regions[0]
	}
	if !q.at.found() && !ds.standsAlone(g) {
		return q, false
	}
	q.firstSent = ds.toks[ds.regTok[g[0]][0]].sent
	q.lastSent = ds.toks[ds.regTok[g[len(g)-1]][1]-1].sent
	q.cueSent = q.firstSent
	if q.at.cue >= 0 {
		q.cueSent = ds.toks[q.at.cue].sent
	}
	return q, true
}

// speak gives q its speaker: the one of the quotation before for an inherited
// attribution, else the resolved mention; and records who spoke in history.
func (ds *docState) speak(q *docQuote, prev *docQuote, history *[]spoken) {
	switch {
	case q.at.from >= 0 && prev != nil:
		q.sp = prev.sp
		q.mention = prev.mention
	case q.at.found():
		q.sp, q.nominal = ds.resolve(&q.at, *history)
		if q.at.a < q.at.b {
			q.mention = Span{ds.toks[q.at.a].start, ds.toks[q.at.b-1].end}
		}
	default:
		q.sp = speaker{ent: -1}
	}
	if q.at.found() && q.at.a < q.at.b {
		*history = ds.spokeAt(*history, q.at.a, q.sp.ent)
	}
}

// trimTrailingComma drops a comma (and white space) that ends the quoted words: in
// "“…,” he said" it belongs to the sentence around the quotation.
func trimTrailingComma(text string, lo, hi int) int {
	for hi > lo {
		r, n := utf8.DecodeLastRuneInString(text[lo:hi])
		if r != ',' && !unicode.IsSpace(r) {
			break
		}
		hi -= n
	}
	return hi
}
