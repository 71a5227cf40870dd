package stories_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

// FuzzGroup groups three fuzzed articles with two fixtures: every article lands in one
// story, the ranking holds, and every story has outlets and a headline from its own
// articles.
func FuzzGroup(f *testing.F) {
	f.Add("Portvale harbour bridge opens.", "", "\xff\xfe")
	f.Add(storiestest.Bridge[0].Text, storiestest.Bridge[1].Text, "@everyone <b>x</b>")
	f.Add(strings.Repeat("word ", 300), "A. B. C.", "“Quote,” he said.")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		arts := []summarize.Article{
			{ID: "a", Text: a}, storiestest.Vote[0], {ID: "b", Text: b}, storiestest.Drought[0], {ID: "c", Text: c},
		}
		corpus := summarize.NewCorpus(arts)
		sts := stories.Group(corpus)
		var all []int
		for k, st := range sts {
			if len(st.Docs) == 0 || len(st.Outlets) == 0 || !slices.IsSorted(st.Docs) || !slices.Contains(st.Docs, st.HeadlineDoc) {
				t.Fatalf("story %d is malformed: %+v", k, st)
			}
			if k > 0 && len(sts[k-1].Outlets) < len(st.Outlets) {
				t.Fatalf("story %d has more outlets than the one before it", k)
			}
			all = append(all, st.Docs...)
		}
		slices.Sort(all)
		if !slices.Equal(all, []int{0, 1, 2, 3, 4}) {
			t.Fatalf("the stories hold the articles %v, want each of the 5 once", all)
		}
	})
}
