package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules in this file group the attributed regions into quotations: the paragraphs
// of one quotation, the parts its attribution splits, the paragraph that goes on with
// the speaker before, and which unattributed quotations are kept.

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
