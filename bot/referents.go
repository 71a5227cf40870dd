package bot

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// referents returns what the quotation index x of corpus c knows of whom sentences
// mean where they do not say it: for each sentence that carries a quotation of a named
// speaker, the speaker, for the pronoun that names them in the sentence ("He added: …",
// "“…,” she said."), or for the whole sentence when it names no one (a quotation that
// another sentence attributes). Descriptions ("a White House official") are no names
// and are left out.
func referents(c *summarize.Corpus, x *quotes.Index) summarize.Referents {
	refs := make(summarize.Referents)
	for _, q := range x.Quotations() {
		if r, _ := utf8.DecodeRuneInString(q.Speaker); !unicode.IsUpper(r) {
			continue
		}
		for _, rep := range q.Reports {
			if rep.Doc < 0 || rep.Doc >= len(c.Docs) || len(rep.Spans) == 0 {
				continue
			}
			d := c.Docs[rep.Doc]
			i := sentenceAt(d, rep.Spans[0].Start)
			if i < 0 {
				continue
			}
			ref := summarize.Ref{Doc: rep.Doc, Sentence: i}
			s := d.Sentences[i]
			m := rep.Mention
			switch {
			case m.End > m.Start && m.Start >= s.Start && m.End <= s.End:
				refs[ref] = summarize.Referent{Name: q.Speaker, Start: m.Start, End: m.End}
			case !hasReferent(refs, ref):
				refs[ref] = summarize.Referent{Name: q.Speaker}
			}
		}
	}
	return refs
}

// hasReferent reports whether refs already names someone for ref.
func hasReferent(refs summarize.Referents, ref summarize.Ref) bool {
	_, ok := refs[ref]
	return ok
}

// sentenceAt returns the index of the sentence of d that holds the byte offset off, or -1.
func sentenceAt(d *summarize.Document, off int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return i
	}
	return -1
}
