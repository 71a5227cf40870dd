package quotes

import (
	"strings"
	"unicode/utf8"
)

// possessiveCue attributes a quotation to the owner of the words that introduce it: "his
// call for “…”", "Trump’s claim that “…”", "her March comment that, “…”".
func (ds *docState) possessiveCue(ra, lo int) (attribution, bool) {
	for k := ra - 1; k >= lo && k >= ra-possessiveTokens; k-- {
		if !ds.isWord(k) {
			if ds.isPunct(k, ",") {
				continue
			}
			return attribution{}, false
		}
		t := &ds.toks[k]
		if !wordNouns[t.lower] {
			continue
		}
		// The owner: a possessive pronoun or name, possibly with a month or an adjective
		// between ("her March comment").
		for j := k - 1; j >= lo && j >= k-possessiveOwner; j-- {
			if !ds.isWord(j) {
				break
			}
			p := &ds.toks[j]
			switch {
			case p.lower == "his" || p.lower == "her":
				return attribution{cue: k, cueText: ds.text[t.start:t.end], a: j, b: j + 1, kind: mentionPronoun, from: -1, weak: true}, true
			case p.poss && p.cap && !notNames[p.lower]:
				a, b, kind := ds.phraseLeft(j, lo)
				if kind != mentionName {
					a, b = j, j+1
				}
				return attribution{cue: k, cueText: ds.text[t.start:t.end], a: a, b: b, kind: mentionName, from: -1, weak: true}, true
			}
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// subjectCue attributes a quotation to the subject of its sentence when a verb follows
// the subject: the weakest link, for verbs that are not speech verbs ("likened",
// "defended … as").
func (ds *docState) subjectCue(lo, ra int) (attribution, bool) {
	a, b, k := ds.sentenceSubject(lo, ra)
	if k == mentionNone || b >= ra {
		return attribution{}, false
	}
	if a2, b2, k2 := ds.laterSubject(b, ra); k2 != mentionNone {
		a, b, k = a2, b2, k2 // "Clinton endorsed the deal, although she made it clear that “…”"
	}
	v := b
	// An apposition after the subject: "Dottie Deans, the chairwoman of …, is …".
	if ds.isPunct(v, ",") {
		n := 0
		for v++; v < ra && n < 20 && !ds.isPunct(v, ","); v, n = v+1, n+1 {
		}
		if v >= ra || !ds.isPunct(v, ",") {
			return attribution{}, false
		}
		v++
	}
	if v == b && v < ra && ds.isWord(v) && ds.skippable(v) {
		v++ // "since" counts only after the subject's first word
	}
	if v > b {
		if k := ds.seekFwd(seekUnskippableSinceFwd, v, ra); k >= 0 {
			v = k
		} else {
			v = max(v, ra)
		}
	}
	if v < ra && ds.isWord(v) && !ds.toks[v].cap && !npBreaks[ds.toks[v].lower] && !determiners[ds.toks[v].lower] {
		return attribution{cue: v, cueText: ds.text[ds.toks[v].start:ds.toks[v].end], a: a, b: b, kind: k, from: -1, weak: true}, true
	}
	return attribution{}, false
}

// finalCue looks for an attribution at the end of the sentence, after its last comma:
// "…, Rendell added." or "…, said Mr. Burman."
func (ds *docState) finalCue(rb, hi, ra int) (attribution, bool) {
	end := rb
	if w := ds.seekBack(seekWordBack, hi-1, rb); w >= 0 {
		end = w + 1
	}
	c := end - 1
	commas := 0
	var cands []int
	for c >= rb && c > end-finalCueTokens && commas < finalCueCommas {
		if ds.toks[c].region >= 0 {
			break
		}
		if ds.isPunct(c, ",") {
			commas++
			cands = append(cands, c)
		}
		c--
	}
	for _, c := range cands {
		if at, ok := ds.finalCueAfter(c, end, hi, ra); ok {
			return at, true
		}
	}
	return attribution{}, false
}

// finalCueAfter reads "…, NP said." or "…, said NP, …" after the comma at token c.
func (ds *docState) finalCueAfter(c, end, hi, ra int) (attribution, bool) {
	for v := c + 1; v < end && v < c+finalCueVerb; v++ {
		if _, ok := ds.cueAt(v); ok {
			lo, _ := ds.sentRange(ds.toks[v].sent)
			if at, ok := ds.speakerOf(v, max(lo, c+1), hi, ra); ok {
				return at, true
			}
			return attribution{}, false
		}
	}
	return attribution{}, false
}

// nextSentenceCue reads the attribution of a quotation in the next sentence: a short
// sentence that is only an attribution ("Trump said."), or one that opens with it.
func (ds *docState) nextSentenceCue(rb, hi, ra int) (attribution, bool) {
	if hi >= len(ds.toks) || hi != rb && !(hi == rb+1 && ds.toks[rb].kind == tokPunct) {
		return attribution{}, false
	}
	if ds.paraOfTok(hi) != ds.paraOfTok(rb-1) {
		return attribution{}, false
	}
	lo2, hi2 := ds.sentRange(ds.toks[hi].sent)
	if hi2-lo2 <= nextSentenceTokens {
		for v := lo2; v < hi2 && v < lo2+nextSentenceVerb; v++ {
			if ds.toks[v].region >= 0 {
				return attribution{}, false
			}
			if _, ok := ds.cueAt(v); ok {
				return ds.speakerOf(v, lo2, hi2, ra)
			}
		}
	}
	// "…How do we win Loudoun?’” Will Estrada, the chairman for …, said of the
	// encounter": a question or an exclamation ends the sentence inside the marks, and
	// the attribution after it, in a sentence of its own, is as close as in one.
	if v := ds.cueAfter(lo2, hi2); v >= 0 && ds.attributionClose(rb, v) {
		return ds.speakerOf(v, lo2, hi2, ra)
	}
	return attribution{}, false
}

// attributionClose reports whether the cue at token v follows the quotation ending at
// token rb (exclusive) within a few words, after a comma or the closing mark.
func (ds *docState) attributionClose(rb, v int) bool {
	if rb >= len(ds.toks) {
		return false
	}
	// The quotation ends with a comma, a question or an exclamation mark, inside or just
	// outside its marks, or a dash follows it.
	end := ds.text[ds.regions[ds.toks[rb-1].region].lo:ds.regions[ds.toks[rb-1].region].hi]
	end = strings.TrimRight(end, "'’ ")
	if !(strings.HasSuffix(end, ",") || strings.HasSuffix(end, "?") || strings.HasSuffix(end, "!") ||
		strings.HasSuffix(end, "—") || ds.isPunct(rb, ",") || ds.isPunct(rb, "—") || ds.isPunct(rb, "–")) {
		return false
	}
	words, commas := ds.wordsAndCommas(rb, v)
	if !(words <= closeCueWords || commas >= 1 && words <= closeCueWordsComma) {
		return false
	}
	// Only the speaker stands between: the cue comes first ("said Trump"), or its subject
	// starts right after the quotation ("Trump said", "Fred Kagan, director of …, said").
	first := ds.seekFwd(seekWordFwd, rb, v)
	if first < 0 {
		first = v
	}
	if first == v {
		return true
	}
	if ds.isWord(first) && ds.toks[first].lower == "as" {
		first++ // "…,” as Cruz said on Monday"
	}
	lo, _ := ds.sentRange(ds.toks[v].sent)
	a, _, k := ds.subjectLeft(v, max(lo, rb))
	return k != mentionNone && a == first
}

// dashCue handles a quotation signed with a dash: "“…” ― Esther Tapia".
func (ds *docState) dashCue(rb, hi int) (attribution, bool) {
	at := attribution{cue: -1, from: -1}
	i := rb
	if i < len(ds.toks) && ds.isPunct(i, ",") {
		i++
	}
	if i >= len(ds.toks) || ds.toks[i].region >= 0 || ds.toks[i].kind != tokPunct {
		return at, false
	}
	if !isDash(ds.text[ds.toks[i].start:ds.toks[i].end]) {
		return at, false
	}
	end := min(len(ds.toks), ds.paraTokEnd(ds.paraOfTok(i)))
	a, b, k := ds.phraseRight(i+1, end)
	if k != mentionName {
		return at, false
	}
	// Only the name ends the paragraph (a period may follow).
	for j := b; j < end; j++ {
		if !ds.isPunct(j, ".") {
			return at, false
		}
	}
	at.cue, at.cueText, at.a, at.b, at.kind = i, ds.text[ds.toks[i].start:ds.toks[i].end], a, b, k
	return at, true
}

// signatureCue handles a quotation that fills its paragraph and is signed in the next
// one, a line that a dash opens and a name fills: "“…”" then "- Carla Diaz." or
// "—Carla Diaz, Eastbrook.".
func (ds *docState) signatureCue(ri int) (attribution, bool) {
	at := attribution{cue: -1, from: -1}
	r := ds.regions[ri]
	p := r.para
	if p+1 >= len(ds.paras) || ds.regTok[ri][0] != ds.paras[p].tok {
		return at, false // the quotation fills its paragraph
	}
	for j := ds.regTok[ri][1]; j < ds.paraTokEnd(p); j++ {
		if ds.toks[j].kind != tokPunct {
			return at, false
		}
	}
	next := ds.paras[p+1]
	i, end := next.tok, ds.paraTokEnd(p+1)
	// The dash opens the line, as a token or just before the first sentence (a list
	// item's marker, which the sentence leaves out).
	dash := ""
	if i < end && ds.toks[i].kind == tokPunct && isDash(ds.text[ds.toks[i].start:ds.toks[i].end]) {
		dash = ds.text[ds.toks[i].start:ds.toks[i].end]
		i++
	} else if next.start > r.close {
		gap := strings.TrimRight(ds.text[r.close:next.start], " \t")
		c, n := utf8.DecodeLastRuneInString(gap)
		before := gap[:len(gap)-n]
		if n > 0 && isDash(string(c)) && strings.Contains(before, "\n") && strings.Trim(before, " \t\r\n.") == "" {
			dash = string(c)
		}
	}
	if dash == "" {
		return at, false
	}
	a, b, k := ds.phraseRight(i, end)
	if k != mentionName {
		return at, false
	}
	// Only the name, or the name and a short description, fill the line.
	rest := 0
	for j := b; j < end; j++ {
		if ds.toks[j].kind == tokMark {
			return at, false
		}
		if ds.toks[j].kind == tokWord {
			if !ds.isPunct(b, ",") {
				return at, false
			}
			rest++
		}
	}
	if rest > 8 {
		return at, false
	}
	// The signature has no speech verb: its dash is the cue, and its name stands for the
	// cue's token.
	at.cue, at.cueText, at.a, at.b, at.kind = a, dash, a, b, k
	return at, true
}

// isDash reports whether s is a dash.
func isDash(s string) bool {
	switch s {
	case "―", "—", "–", "-":
		return true
	}
	return false
}

// colonCue handles a quotation introduced by a colon: "Zelensky: “…”", "He added:" at the
// end of the sentence or paragraph before.
func (ds *docState) colonCue(ra, lo int) (attribution, bool) {
	at := attribution{cue: -1, from: -1}
	j := ra - 1
	if j >= 0 && ds.isPunct(j, ":") {
		// "NAME: “…”" or "S said: “…”" handled by the cue search; here only a bare phrase.
		if a, b, k := ds.phraseLeft(j-1, lo); k == mentionName || k == mentionPronoun {
			at.cue, at.cueText, at.a, at.b, at.kind = j, ":", a, b, k
			return at, true
		}
	}
	// The previous sentence ends in a colon after a cue.
	if ra != lo {
		return at, false
	}
	prev := lo - 1
	if prev < 0 || !ds.isPunct(prev, ":") {
		return at, false
	}
	plo, _ := ds.sentRange(ds.toks[prev].sent)
	if v := ds.cueBefore(prev-1, plo); v >= 0 {
		if r, ok := ds.speakerOf(v, plo, prev, prev); ok {
			return r, true
		}
	}
	if a, b, k := ds.phraseLeft(prev-1, plo); k == mentionName && a == plo {
		at.cue, at.cueText, at.a, at.b, at.kind = prev, ":", a, b, k
		return at, true
	}
	// "Trump issued the following statement:" — the subject of the sentence.
	if at, ok := ds.subjectCue(plo, prev); ok {
		return at, true
	}
	return at, false
}

// introCue attributes a quotation that opens its paragraph to the sentence that ends the
// paragraph before, when that sentence introduces it with a speech verb ("Howard
// continued his scathing remarks.").
func (ds *docState) introCue(ra int) (attribution, bool) {
	p := ds.paraOfTok(ra)
	lo, _ := ds.sentRange(ds.toks[ra].sent)
	if ds.paras[p].tok != ra && lo != ra || lo == 0 {
		return attribution{}, false
	}
	prev := lo - 1
	if prev < 0 || ds.toks[prev].region >= 0 {
		return attribution{}, false
	}
	plo, phi := ds.sentRange(ds.toks[prev].sent)
	for v := plo; v < phi; v++ {
		if ds.toks[v].region >= 0 {
			return attribution{}, false
		}
	}
	for v := plo; v < phi; v++ {
		if _, ok := ds.cueAt(v); ok && !ds.isParticiple(v) {
			return ds.speakerOf(v, plo, phi, v+1)
		}
	}
	return attribution{}, false
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
