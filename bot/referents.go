package bot

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// referents returns what the quotation index x of corpus c knows of whom sentences
// mean where they do not say it: for each sentence that carries a quotation of a named
// speaker, the speaker, for the pronoun that names them in the sentence ("He added: …",
// "“…,” she said."), or for the whole sentence when it names no one (a quotation that
// another sentence attributes). Only speakers that read as names count (personName).
func referents(c *summarize.Corpus, x *quotes.Index) summarize.Referents {
	refs := make(summarize.Referents)
	for _, q := range x.Quotations() {
		if !personName(q.Speaker) {
			continue
		}
		for _, rep := range q.Reports {
			if rep.Doc < 0 || rep.Doc >= len(c.Docs) || len(rep.Spans) == 0 {
				continue
			}
			d := c.Docs[rep.Doc]
			// Every sentence the quotation runs over: a quotation split by its
			// attribution ("“…,” Ruiz said. “…”") leaves its second part without one.
			for _, sp := range rep.Spans {
				i := sentenceAt(d, sp.Start)
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
	}
	return refs
}

// personName reports whether a speaker reads as a person's name: two words or more,
// each capitalised ("Ana Ruiz", "Vladimir Putin"). A single capitalised word may be
// something the quotation index took for a person ("Ferries"), and a description ("a
// White House official") names no one.
func personName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
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
