package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// quoted are two reports that quote the mayor in the same words, and an unattributed
// quotation.
var quoted = []summarize.Article{
	{ID: "a", Outlet: "Star", Text: "Mayor Ann Lee said the budget was “a promise kept to every family.”\n" +
		"“Nothing about the budget is settled,” a sign at the rally read.\n"},
	{ID: "b", Outlet: "Post", Text: "“A promise kept to every family,” Mayor Ann Lee said of the budget on Monday.\n"},
}

func quotedCorpus() *summarize.Corpus { return summarize.NewCorpus(quoted) }

// snapshotOf returns the snapshot of articles.
func snapshotOf(t *testing.T, articles []summarize.Article) *bot.Snapshot {
	t.Helper()
	snap, err := bot.NewSnapshot(context.Background(), articles)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func TestQuoterWhoSaid(t *testing.T) {
	q := bot.NewQuoter(quotes.Options{})
	c := snapshotOf(t, quoted)
	w, err := q.WhoSaid(context.Background(), c, "promise")
	if err != nil {
		t.Fatal(err)
	}
	if w.Term != "promise" || w.Articles != 2 {
		t.Errorf("term %q, %d articles", w.Term, w.Articles)
	}
	if len(w.Speakers) != 1 || w.Speakers[0].Name != "Ann Lee" {
		t.Fatalf("speakers %+v, want Ann Lee alone", w.Speakers)
	}
	qs := w.Speakers[0].Quotes
	if len(qs) != 1 {
		t.Fatalf("%d quotations, want the same words from both outlets as one: %+v", len(qs), qs)
	}
	if got := qs[0].Outlets(); got != "Star, Post" {
		t.Errorf("outlets %q, want Star, Post", got)
	}
	if qs[0].Sentence == "" {
		t.Error("the quotation has no sentence")
	}

	none, err := q.WhoSaid(context.Background(), c, "zebra")
	if err != nil || len(none.Speakers) != 0 {
		t.Errorf("a term nobody said: %+v, %v", none, err)
	}
}

func TestQuoterBadTerms(t *testing.T) {
	q := bot.NewQuoter(quotes.Options{})
	c := snapshotOf(t, quoted)
	for _, term := range []string{"", "  ", "?!…", strings.Repeat("word ", 30)} {
		_, err := q.WhoSaid(context.Background(), c, term)
		var ue *bot.UsageError
		if !errors.As(err, &ue) || ue.Command != bot.CommandWhoSaid {
			t.Errorf("WhoSaid(%q) = %v, want a usage error of /who-said", term, err)
		}
		if msg := bot.UserMessage(err); !strings.Contains(msg, "/who-said") {
			t.Errorf("the user reads %q", msg)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := q.WhoSaid(ctx, c, "promise"); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled search returned %v", err)
	}
}

func TestNewWhoSaidUnknownSpeaker(t *testing.T) {
	c := quotedCorpus()
	found, err := quotes.Extract(c).WhoSaid("settled", quotes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := bot.NewWhoSaid(c, "settled", found)
	if len(w.Speakers) != 1 || w.Speakers[0].Name != bot.UnknownSpeaker {
		t.Errorf("speakers %+v, want one named %q", w.Speakers, bot.UnknownSpeaker)
	}
}

// TestQuoterKeepsItsIndexInTheSnapshot checks that each snapshot is searched with its
// own index, built once.
func TestQuoterKeepsItsIndexInTheSnapshot(t *testing.T) {
	q := bot.NewQuoter(quotes.Options{})
	first := snapshotOf(t, quoted)
	if _, err := q.WhoSaid(context.Background(), first, "promise"); err != nil {
		t.Fatal(err)
	}
	other := snapshotOf(t, []summarize.Article{{ID: "c", Outlet: "Herald",
		Text: "“The bridge will open in May,” Governor Ben Ortiz told reporters.\n"}})
	w, err := q.WhoSaid(context.Background(), other, "bridge")
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Speakers) != 1 || w.Speakers[0].Name != "Ben Ortiz" || w.Articles != 1 {
		t.Errorf("after new articles: %+v", w)
	}
	again, err := q.WhoSaid(context.Background(), first, "promise")
	if err != nil || len(again.Speakers) != 1 {
		t.Errorf("the first snapshot again: %+v, %v", again, err)
	}
}

// TestWhoSaidStopsAtItsDeadline runs /who-said over a text whose quotations take long
// to extract, with a short reply timeout: the command ends with the timeout's apology
// soon after its deadline, not when the extraction would have finished.
func TestWhoSaidStopsAtItsDeadline(t *testing.T) {
	var sb strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&sb, "“Point %d,” Mayor Ann Lee said, and ", i)
	}
	sb.WriteString("the meeting ended.\n")
	b := newBot(t, func(o *bot.Options) {
		o.Source = bottest.Articles(summarize.Article{ID: "long", Text: sb.String()})
		o.Quoter = bot.NewQuoter(quotes.Options{})
		o.ReplyTimeout = 200 * time.Millisecond
	})
	rec := &bottest.Recorder{}
	start := time.Now()
	if err := b.Start(bot.Request{Command: bot.ParseCommand("/who-said", "point")}, rec); err != nil {
		t.Fatal(err)
	}
	got := waitReplies(t, rec, 1)
	if took := time.Since(start); got[0].Text != bot.UserMessage(context.DeadlineExceeded) || took > 5*time.Second {
		t.Errorf("after %s: %+v, want the timeout's apology soon after 200ms", took, got[0])
	}
}
