package bot

import (
	"context"
	"maps"
	"testing"

	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

// TestStoryReferents checks that the referents of the whole corpus, mapped onto a
// story's sub-corpus, are those the story's own quotation index gives: the pronouns of
// a story resolve to the same speakers, at the documents' new places.
func TestStoryReferents(t *testing.T) {
	arts, _, err := summarize.ReadFS(seeds.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	mixed, _ := storiestest.Mixed()
	// The seeds after other articles, so that their places change in the sub-corpus.
	all := append(mixed[:4:4], arts...)
	all = append(all, mixed[4:]...)
	snap, err := NewSnapshot(context.Background(), all)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := snap.referents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sts, err := snap.Stories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, st := range sts {
		sub := snap.Corpus.Sub(st.Docs)
		got := refs.Sub(st.Docs)
		want := referents(sub, quotes.Extract(sub))
		if !maps.Equal(got, want) {
			t.Errorf("story %q: mapped referents\n%v\nwant those of its own index\n%v", st.Headline, got, want)
		}
		checked += len(want)
	}
	if checked == 0 {
		t.Fatal("no story has a referent: the test checks nothing")
	}
}
