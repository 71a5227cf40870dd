package quotes

import (
	"strings"
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

// extractDoc finds the quotations of one document and their speakers. When st stops, it
// returns no quotations.
func extractDoc(d *summarize.Document, st *stopper) (*docState, []docQuote) {
	ds := newDocState(d, st)
	if len(ds.regions) == 0 {
		return ds, nil
	}
	ds.buildEntities()
	if st.now() {
		return ds, nil
	}
	n := len(ds.regions)
	ats := make([]attribution, n)
	for ri := range ds.regions {
		if st.stop() {
			return ds, nil
		}
		if ds.markup(ri) {
			ats[ri] = attribution{cue: cueMarkup, from: -1}
			continue
		}
		ats[ri] = ds.attribute(ri)
	}
	ds.transcripts(ats)

	// Group regions into quotations.
	var groups [][]int
	for ri := 0; ri < n; ri++ {
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

	var out []docQuote
	var history []spoken
	var prev *docQuote
	for _, g := range groups {
		if st.stop() {
			return ds, nil
		}
		q := docQuote{regions: g, at: attribution{cue: -1, from: -1}}
		for _, ri := range g {
			if ats[ri].found() && (!q.at.found() || q.at.weak && !ats[ri].weak) {
				q.at = ats[ri]
			}
		}
		// A title that only a verb other than a speech verb links to its subject ("Ruiz
		// appeared on “Morning Edition”") is no quotation.
		if q.at.weak && len(g) == 1 && titleLike(ds.text[ds.regions[g[0]].lo:ds.regions[g[0]].hi]) {
			continue
		}
		if !q.at.found() && prev != nil && ds.floats(prev, g) {
			q.at = prev.at
			q.at.from = prev.regions[0]
		}
		if !q.at.found() && !ds.standsAlone(g) {
			continue
		}
		q.firstSent = ds.toks[ds.regTok[g[0]][0]].sent
		q.lastSent = ds.toks[ds.regTok[g[len(g)-1]][1]-1].sent
		q.cueSent = q.firstSent
		if q.at.cue >= 0 {
			q.cueSent = ds.toks[q.at.cue].sent
		}
		switch {
		case q.at.from >= 0 && prev != nil:
			q.sp = prev.sp
			q.mention = prev.mention
		case q.at.found():
			q.sp, q.nominal = ds.resolve(&q.at, history)
			if q.at.a < q.at.b {
				q.mention = Span{ds.toks[q.at.a].start, ds.toks[q.at.b-1].end}
			}
		default:
			q.sp = speaker{ent: -1}
		}
		if q.at.found() && q.at.a < q.at.b {
			history = ds.spokeAt(history, q.at.a, q.sp.ent)
		}
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
	return ds, out
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

// markup reports whether region ri is an attribute value in markup (author="@x") or holds
// no letters at all.
func (ds *docState) markup(ri int) bool {
	r := ds.regions[ri]
	if r.open > 0 && ds.text[r.open-1] == '=' {
		return true
	}
	for _, c := range ds.text[r.lo:r.hi] {
		if unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// continues reports whether region ri belongs to the same quotation as region rp: the
// next paragraph of a quotation left open ("“…" then "“…”"), or the other part of a
// quotation split by its attribution ("“…,” he said. “…”").
func (ds *docState) continues(rp, ri int, ats []attribution) bool {
	p, r := ds.regions[rp], ds.regions[ri]
	if !p.closed && r.para == p.para+1 && r.open == ds.paras[r.para].start {
		return true // a quotation continued in the next paragraph
	}
	if r.para != p.para {
		return false
	}
	a, b := &ats[rp], &ats[ri]
	switch {
	case a.found() && b.found():
		return a.cue == b.cue
	case b.found():
		// An unattributed quotation joins the attributed one that follows in its sentence.
		return ds.toks[ds.regTok[rp][0]].sent == ds.toks[ds.regTok[ri][0]].sent
	case a.found():
		// "“…,” he said. “…”": the next quotation of the paragraph goes on, unless a
		// sentence with a subject of its own comes between.
		ra := ds.regTok[ri][0]
		if ds.toks[ds.regTok[rp][1]-1].sent == ds.toks[ra].sent {
			return true
		}
		lo, _ := ds.sentRange(ds.toks[ra].sent)
		return ds.opensClause(lo, ra)
	}
	return false
}

// floats reports whether the unattributed quotation g continues the speaker of the
// quotation before it: it opens its paragraph, does not lead into an attribution of its
// own, and the quotation before ends the paragraph just before.
func (ds *docState) floats(prev *docQuote, g []int) bool {
	r := ds.regions[g[0]]
	if r.open != ds.paras[r.para].start {
		return false
	}
	// A quotation that ends with a comma goes on to an attribution of its own, one that
	// no rule recognised ("“…,” a sign at the rally read."): it is not the speaker
	// before's.
	if last := ds.regions[g[len(g)-1]]; last.closed && strings.HasSuffix(strings.TrimSpace(ds.text[last.lo:last.hi]), ",") {
		return false
	}
	last := prev.regions[len(prev.regions)-1]
	pr := ds.regions[last]
	if pr.para != r.para-1 {
		return false
	}
	// Nothing but the attribution after the quotation before: it ends its paragraph.
	if ds.paras[pr.para].last-prev.lastSent <= 0 || ds.paras[pr.para].last == prev.cueSent {
		return true
	}
	// Or the speaker goes on as the subject of the paragraph's last sentence: "“…,” Trump
	// added. He then had a question for the crowd."
	if ds.paras[pr.para].last != prev.lastSent+1 || prev.at.kind == mentionNone {
		return false
	}
	lo, hi := ds.sentRange(ds.paras[pr.para].last)
	if lo >= hi || !ds.isWord(lo) {
		return false
	}
	w := ds.toks[lo].lower
	return w == "he" || w == "she" || prev.at.a < prev.at.b && w == ds.toks[prev.at.b-1].lower
}

// standsAlone reports whether an unattributed quotation is still worth keeping: long
// enough not to be a scare quote, a title or a nickname.
func (ds *docState) standsAlone(g []int) bool {
	words := 0
	for _, ri := range g {
		words += ds.regions[ri].words
	}
	if words < minUnattributedWords {
		return false
	}
	if len(g) == 1 && titleLike(ds.text[ds.regions[g[0]].lo:ds.regions[g[0]].hi]) {
		return false
	}
	return true
}

// titleLike reports whether s reads as the title of a work: a few words, nearly all
// capitalised.
func titleLike(s string) bool {
	words := strings.Fields(s)
	if len(words) > 8 {
		return false
	}
	caps, n := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if len(w) <= 3 && unicode.IsLower(r) {
			continue // "of", "the", "and"
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return n > 0 && caps == n
}

// transcripts attributes the quotations of a paragraph that opens with a speaker's name
// and a colon ("PENCE: Well, look, …"), as transcripts do.
func (ds *docState) transcripts(ats []attribution) {
	for ri := range ds.regions {
		if ats[ri].found() || ats[ri].cue == cueMarkup {
			continue
		}
		p := ds.paras[ds.regions[ri].para]
		i := p.tok
		end := ds.paraTokEnd(ds.regions[ri].para)
		inside := false
		if i < end && ds.toks[i].kind == tokMark && ds.toks[i].region == ri {
			// "\"PENCE: Well, …" — a transcript line inside quotation marks.
			i++
			inside = true
		}
		k := i
		for k < end && k < i+4 && ds.toks[k].kind == tokWord && ds.toks[k].cap && (!inside || isAcronym(ds.text[ds.toks[k].start:ds.toks[k].end]) || len(ds.toks[k].lower) > 5 && strings.ToUpper(ds.text[ds.toks[k].start:ds.toks[k].end]) == ds.text[ds.toks[k].start:ds.toks[k].end]) {
			k++
		}
		if k == i || k >= end || ds.toks[k].kind != tokPunct || ds.text[ds.toks[k].start:ds.toks[k].end] != ":" {
			continue
		}
		if !inside && ds.toks[k].start >= ds.regions[ri].open {
			continue
		}
		ats[ri] = attribution{cue: k, cueText: ":", a: i, b: k, kind: mentionName, from: -1}
	}
}
