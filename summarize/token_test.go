package summarize

import "testing"

// TestVocabularyStopWords checks that whether a term is a stop word does not depend on the
// order in which the workers' lexicons are merged: "mostly" stems to "most", a stop word.
func TestVocabularyStopWords(t *testing.T) {
	for _, order := range [][]string{{"mostly", "most"}, {"most", "mostly"}, {"mostly"}} {
		var v vocabulary
		for _, text := range order {
			lx := newLexicon()
			lx.tokenize(nil, text, true)
			v.merge(lx)
		}
		id, ok := v.ids["most"]
		if !ok {
			t.Fatalf("%q: no term \"most\"", order)
		}
		if !v.stop[id] {
			t.Errorf("%q: the term \"most\" is not a stop word", order)
		}
	}
}
