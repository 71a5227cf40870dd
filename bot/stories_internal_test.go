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
	ctx := context.Background()
	sts, err := snap.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	own := make([]summarize.Referents, len(sts))
	for k, st := range sts {
		// Without the snapshot's index: each story's own.
		if own[k], err = snap.storyReferents(ctx, st.Docs, snap.Corpus.Sub(st.Docs)); err != nil {
			t.Fatal(err)
		}
		sub := snap.Corpus.Sub(st.Docs)
		if want := referents(sub, quotes.Extract(sub)); !maps.Equal(own[k], want) {
			t.Errorf("story %q: referents %v, want those of its own index %v", st.Headline, own[k], want)
		}
	}
	if _, err := snap.Summary(ctx, summarize.Options{}); err != nil { // builds the snapshot's index
		t.Fatal(err)
	}
	if _, ok := snap.built(indexKey{}); !ok {
		t.Fatal("the summary did not build the quotation index")
	}
	checked := 0
	for k, st := range sts {
		got, err := snap.storyReferents(ctx, st.Docs, snap.Corpus.Sub(st.Docs))
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, own[k]) {
			t.Errorf("story %q: the snapshot's referents mapped onto it\n%v\nwant those of its own index\n%v", st.Headline, got, own[k])
		}
		checked += len(got)
	}
	if checked == 0 {
		t.Fatal("no story has a referent: the test checks nothing")
	}
}
