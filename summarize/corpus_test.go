package summarize

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
)

// TestCorpusDeterministic builds the same corpus many times with several workers: the
// numbering of terms, and so every later tie, must not depend on which worker ran first.
func TestCorpusDeterministic(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two processors to have two workers")
	}
	var articles []Article
	for i := range 16 {
		articles = append(articles, Article{ID: fmt.Sprint(i), Text: fmt.Sprintf(
			"Report %d: the harbour board voted to dredge channel %d before the %s season. "+
				"Fishermen said the work was overdue, and the mayor agreed.\n", i, i%3, []string{"winter", "spring", "summer"}[i%3])})
	}
	first := NewCorpus(articles)
	if len(first.vocab.stems) == 0 {
		t.Fatal("no vocabulary")
	}
	for range 30 {
		c := NewCorpus(articles)
		if !slices.Equal(c.vocab.stems, first.vocab.stems) || !slices.Equal(c.terms, first.terms) {
			t.Fatal("two analyses of the same articles number their terms differently")
		}
	}
}
