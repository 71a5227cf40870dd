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
	w, err := q.WhoSaid(context.Background(), c, bot.Query{Term: "promise"})
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

	none, err := q.WhoSaid(context.Background(), c, bot.Query{Term: "zebra"})
	if err != nil || len(none.Speakers) != 0 {
		t.Errorf("a term nobody said: %+v, %v", none, err)
	}
}

func TestQuoterBadTerms(t *testing.T) {
	q := bot.NewQuoter(quotes.Options{})
	c := snapshotOf(t, quoted)
	for _, term := range []string{"", "  ", "?!…", strings.Repeat("word ", 30)} {
		_, err := q.WhoSaid(context.Background(), c, bot.Query{Term: term})
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
	if _, err := q.WhoSaid(ctx, c, bot.Query{Term: "promise"}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled search returned %v", err)
	}
}

func TestNewWhoSaidUnknownSpeaker(t *testing.T) {
	c := quotedCorpus()
	found, err := quotes.Extract(c).WhoSaid("settled", quotes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := bot.NewWhoSaid(c, bot.Query{Term: "settled"}, found)
	if len(w.Speakers) != 1 || w.Speakers[0].Name != bot.UnknownSpeaker {
		t.Errorf("speakers %+v, want one named %q", w.Speakers, bot.UnknownSpeaker)
	}
}

// TestQuoterKeepsItsIndexInTheSnapshot checks that each snapshot is searched with its
// own index, built once.
func TestQuoterKeepsItsIndexInTheSnapshot(t *testing.T) {
	q := bot.NewQuoter(quotes.Options{})
	first := snapshotOf(t, quoted)
	if _, err := q.WhoSaid(context.Background(), first, bot.Query{Term: "promise"}); err != nil {
		t.Fatal(err)
	}
	other := snapshotOf(t, []summarize.Article{{ID: "c", Outlet: "Herald",
		Text: "“The bridge will open in May,” Governor Ben Ortiz told reporters.\n"}})
	w, err := q.WhoSaid(context.Background(), other, bot.Query{Term: "bridge"})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Speakers) != 1 || w.Speakers[0].Name != "Ben Ortiz" || w.Articles != 1 {
		t.Errorf("after new articles: %+v", w)
	}
	again, err := q.WhoSaid(context.Background(), first, bot.Query{Term: "promise"})
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

// TestHandleWhoSaidFrom asks the seeds what a speaker said, through the bot and the
// built-in Quoter: the spellings and descriptions of a name, a term that narrows, the
// share flag, and a name nobody has.
func TestHandleWhoSaidFrom(t *testing.T) {
	b := bottest.MustNewBot(t, func(o *bot.Options) { o.Quoter = bot.NewQuoter(quotes.Options{}) })
	for _, tc := range []struct {
		name, text string
		title      string
		speakers   []string
		visibility bot.Visibility
		share      string
	}{
		{"a spelling", "from:Zelenskyy", "What Zelenskyy said", []string{"Volodymyr Zelensky"}, bot.Ephemeral, "/who-said --share from:Zelenskyy"},
		{"a description", `from:"the Ukrainian leader"`, "What the Ukrainian leader said", []string{"Volodymyr Zelensky"}, bot.Ephemeral, "/who-said --share from:“the Ukrainian leader”"},
		{"with a term, shared", "from:Putin peace --share", "What Putin said about “peace”", []string{"Vladimir Putin"}, bot.InChannel, "/who-said --share from:Putin peace"},
		{"nobody of that name", "from:Lagarde", "What Lagarde said", nil, bot.Ephemeral, "/who-said --share from:Lagarde"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := b.Handle(context.Background(), bot.Request{Platform: "test", Command: bot.ParseCommand("/who-said", tc.text)})
			if r.WhoSaid == nil || r.Outcome != bot.OutcomeOK || r.Visibility != tc.visibility {
				t.Fatalf("reply %+v, want an answer seen %v", r, tc.visibility)
			}
			w := r.WhoSaid
			var names []string
			for _, s := range w.Speakers {
				names = append(names, s.Name)
			}
			if w.Title() != tc.title || fmt.Sprint(names) != fmt.Sprint(tc.speakers) || w.ShareCommand() != tc.share {
				t.Errorf("title %q, speakers %q, share %q; want %q, %q, %q", w.Title(), names, w.ShareCommand(), tc.title, tc.speakers, tc.share)
			}
			var sb strings.Builder
			if err := w.WriteText(&sb); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(sb.String(), tc.title+"\n") {
				t.Errorf("text answer starts %q", sb.String()[:min(80, sb.Len())])
			}
			if len(tc.speakers) == 0 && !strings.Contains(sb.String(), "No one called “Lagarde” is quoted in the 5 articles.") {
				t.Errorf("empty answer %q", sb.String())
			}
		})
	}
}

func TestWhoSaidTitles(t *testing.T) {
	for _, tc := range []struct {
		w            bot.WhoSaid
		title, empty string
	}{
		{bot.WhoSaid{Term: "ceasefire", Articles: 5}, "Who said “ceasefire”", "No one in the 5 articles is quoted saying “ceasefire”."},
		{bot.WhoSaid{From: "Zelensky", Articles: 1}, "What Zelensky said", "No one called “Zelensky” is quoted in the 1 article."},
		{bot.WhoSaid{From: "Putin", Term: "ceasefire", Articles: 2}, "What Putin said about “ceasefire”", "No one called “Putin” is quoted saying “ceasefire” in the 2 articles."},
	} {
		t.Run(tc.title, func(t *testing.T) {
			if got := tc.w.Title(); got != tc.title {
				t.Errorf("Title() = %q, want %q", got, tc.title)
			}
			if got := tc.w.Empty(); got != tc.empty {
				t.Errorf("Empty() = %q, want %q", got, tc.empty)
			}
		})
	}
	// A name is article text's equal in Markdown: it cannot add formatting.
	w := bot.WhoSaid{From: "*Putin* [x](http://evil)", Articles: 1}
	var sb strings.Builder
	if err := w.WriteMarkdown(&sb); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sb.String(), "*Putin*") || strings.Contains(sb.String(), "[x](") {
		t.Errorf("markdown lets the name format: %q", sb.String())
	}
}
