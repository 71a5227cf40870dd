package quotes

import (
	"fmt"
	"slices"
	"strings"
)

// The names of the speakers, for "what did X say": every canonical speaker with the
// names and the descriptions under which the articles know them.

// speakerNames are the names under which the articles know one canonical speaker: the
// skeletons of the words of each name ("Volodymyr Zelensky", "Zelenskyy") and of each
// description that an article names them by ("the Ukrainian president").
type speakerNames struct {
	names [][]string
	descs [][]string
}

// add records the words of one name, once.
func addWords(list [][]string, words []string) [][]string {
	if len(words) == 0 || slices.ContainsFunc(list, func(w []string) bool { return slices.Equal(w, words) }) {
		return list
	}
	return append(list, words)
}

// nameWords returns the skeletons of the words of a name or a description, without the
// determiners that open it ("the Ukrainian president" → ukrainian, president): the form
// in which names are compared, so that case, diacritics, punctuation and the spellings
// that skeleton makes one do not count.
func nameWords(s string) []string {
	return skeletons(splitWords(s), false)
}

// skeletons returns the skeletons of words, without the determiners that open them and,
// with untitled, without the titles and nationalities that open them too ("President
// Putin" → putin).
func skeletons(words []string, untitled bool) []string {
	var out []string
	for _, w := range words {
		if len(out) == 0 && (determiners[w] || untitled && (titles[w] || isTitleCompound(w) || nationalities[w] != "")) {
			continue
		}
		if k := skeleton(w); k != "" {
			out = append(out, k)
		} else {
			out = append(out, w) // digits: "Jeff Bezos 2"
		}
	}
	return out
}

// indexNames records, for every canonical speaker, the names its entities have in each
// article and the descriptions its mentions give.
func (x *Index) indexNames(results []docResult, names *nameMerger, st *stopper) bool {
	x.speakers = map[string]*speakerNames{}
	seen := map[*entity]bool{} // entities whose names are recorded already
	for d := range results {
		r := &results[d]
		for i := range r.quotes {
			if st.stop() {
				return false
			}
			dq := &r.quotes[i]
			spk := names.canonical(r.ds, &dq.sp)
			if spk == "" {
				continue
			}
			sn := x.speakers[spk]
			if sn == nil {
				sn = &speakerNames{}
				sn.names = addWords(sn.names, nameWords(spk))
				x.speakers[spk] = sn
			}
			if dq.sp.ent >= 0 && !seen[r.ds.ents.ents[dq.sp.ent]] {
				e := r.ds.ents.ents[dq.sp.ent]
				seen[e] = true
				for n := range e.names {
					sn.names = addWords(sn.names, nameWords(n))
				}
			}
			if (dq.nominal || dq.at.kind == mentionNominal) && dq.mention.Start < dq.mention.End {
				sn.descs = addWords(sn.descs, nameWords(r.ds.text[dq.mention.Start:dq.mention.End]))
			}
		}
	}
	// The names of one speaker are few, but their order depends on map iteration:
	// sort them, so that the index is the same on every run.
	for _, sn := range x.speakers {
		slices.SortFunc(sn.names, slices.Compare)
		slices.SortFunc(sn.descs, slices.Compare)
	}
	return true
}

// SpeakersNamed returns the canonical speakers that name stands for, sorted: those with
// a name that holds the words of name in a row, titles before it aside ("Putin",
// "Vladimir Putin" and "President Putin" find Vladimir Putin; "Zelenskiy" finds
// Volodymyr Zelensky, whose articles spell him Zelensky and Zelenskyy), and those that
// an article names by the description name is ("the Ukrainian president" finds Zelensky
// where an article calls him so). Case,
// diacritics, punctuation and an opening determiner do not count. It returns an error
// wrapping ErrEmptyTerm or ErrLongTerm for a name it cannot look for, as WhoSaid does for
// a term, and no speaker when none matches. Its cost is linear in the names of the index.
func (x *Index) SpeakersNamed(name string) ([]string, error) {
	words, err := checkName(name)
	if err != nil {
		return nil, err
	}
	// "President Putin": the articles name him "Vladimir Putin" and call him "the Russian
	// president", but no article need write the title before the name.
	core := skeletons(splitWords(name), true)
	var out []string
	for spk, sn := range x.speakers {
		if sn.matches(words) || len(core) > 0 && len(core) < len(words) && sn.named(core) {
			out = append(out, spk)
		}
	}
	slices.Sort(out)
	return out, nil
}

// checkName returns the words of a speaker's name as nameWords gives them, or an error
// when the name is too long or has no words.
func checkName(name string) ([]string, error) {
	if problem := TermTooLong(name, "speaker's name"); problem != "" {
		return nil, fmt.Errorf("%w: %s", ErrLongTerm, problem)
	}
	words := nameWords(name)
	if len(words) == 0 {
		return nil, fmt.Errorf("%w: the speaker's name %q", ErrEmptyTerm, name)
	}
	return words, nil
}

// matches reports whether the words of a name stand for the speaker: some name of the
// speaker holds them in a row, or some description is them.
func (sn *speakerNames) matches(words []string) bool {
	if sn.named(words) {
		return true
	}
	for _, d := range sn.descs {
		if slices.Equal(d, words) {
			return true
		}
	}
	return false
}

// named reports whether some name of the speaker holds words in a row.
func (sn *speakerNames) named(words []string) bool {
	for _, n := range sn.names {
		if containsRun(n, words) {
			return true
		}
	}
	return false
}

// containsRun reports whether words occur in a row in name.
func containsRun(name, words []string) bool {
	for i := 0; i+len(words) <= len(name); i++ {
		if slices.Equal(name[i:i+len(words)], words) {
			return true
		}
	}
	return false
}

// speakerSet returns the speakers that opt.From names as a set, or nil when opt.From is
// empty (every speaker).
func (x *Index) speakerSet(from string) (map[string]bool, error) {
	if strings.TrimSpace(from) == "" {
		return nil, nil
	}
	list, err := x.SpeakersNamed(from)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(list))
	for _, s := range list {
		set[s] = true
	}
	return set, nil
}
