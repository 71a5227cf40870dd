package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/summarize"
)

// countingSource is a Source that serves Articles and counts its reads.
type countingSource struct {
	mu       sync.Mutex
	Articles []summarize.Article
	Err      error
	reads    int
}

func (s *countingSource) set(a []summarize.Article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Articles = a
}

func (s *countingSource) readCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads
}

func (s *countingSource) articles(context.Context) ([]summarize.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	return append([]summarize.Article(nil), s.Articles...), s.Err
}

type sourceFunc func(context.Context) ([]summarize.Article, error)

func (f sourceFunc) Articles(ctx context.Context, _ bot.Window) ([]summarize.Article, error) {
	return f(ctx)
}

var council = []summarize.Article{{
	ID: "council.txt", Outlet: "Daily Star", Title: "Council passes budget",
	Text: "Council passes budget\nThe city council approved a new budget for schools and roads on Monday night. " +
		"The vote was seven to two after a long debate about bus routes.\n",
}}

func quiet() *slog.Logger { return bottest.Quiet() }

// newBot returns a bot over the seeds without a Quoter, with options changed by opt.
func newBot(t *testing.T, opt func(*bot.Options)) *bot.Bot {
	t.Helper()
	return bottest.MustNewBot(t, func(o *bot.Options) {
		o.Quoter = nil
		if opt != nil {
			opt(o)
		}
	})
}

// fakeQuoter answers every term with one speaker, or with none for "nobody".
var fakeQuoter = bot.QuoterFunc(func(_ context.Context, snap *bot.Snapshot, query bot.Query) (*bot.WhoSaid, error) {
	term := query.Term
	if term == "nobody" {
		return &bot.WhoSaid{Term: term}, nil
	}
	if term == "fail" {
		return nil, errors.New("index broken")
	}
	return &bot.WhoSaid{Term: term, Articles: len(snap.Corpus.Docs), Speakers: []bot.Speaker{{
		Name:   "Vladimir Putin",
		Quotes: []bot.Quotation{{Text: "We are for a " + term, Sources: []bot.Citation{{Outlet: "Reuters"}, {Outlet: "CNN"}}}},
	}}}, nil
})

func TestHandle(t *testing.T) {
	plain := newBot(t, nil)
	quoting := newBot(t, func(o *bot.Options) { o.Quoter = fakeQuoter })
	for _, tc := range []struct {
		name       string
		b          *bot.Bot
		command    string
		text       string
		wantCmd    string
		outcome    bot.Outcome
		visibility bot.Visibility
		kind       string // briefing, whosaid, help or text
		contains   string // in the text, for kind text
	}{
		{"brief", plain, "/brief", "", "brief", bot.OutcomeOK, bot.InChannel, "briefing", ""},
		{"brief upper case", plain, "/BRIEF", "", "brief", bot.OutcomeOK, bot.InChannel, "briefing", ""},
		{"brief about a topic", plain, "/brief", "ceasefire", "brief", bot.OutcomeOK, bot.InChannel, "briefing", ""},
		{"brief about a missing topic", plain, "/brief", "today please", "brief", bot.OutcomeOK, bot.Ephemeral, "text", "No story in the 5 articles is about “today please”."},
		{"brief about a wordless topic", plain, "/brief", "***", "brief", bot.OutcomeUsage, bot.Ephemeral, "text", "The topic holds no letter or digit. Usage: /brief"},
		{"who-said unavailable", plain, "/who-said", "ceasefire", "who-said", bot.OutcomeUnavailable, bot.Ephemeral, "text", "/who-said is not available yet"},
		{"who-said without a term", plain, "/who-said", "  ", "who-said", bot.OutcomeUsage, bot.Ephemeral, "text", "Usage: /who-said TERM"},
		{"who-said", quoting, "/who-said", "ceasefire", "who-said", bot.OutcomeOK, bot.Ephemeral, "whosaid", ""},
		{"who-said shared", quoting, "/who-said", "--share ceasefire", "who-said", bot.OutcomeOK, bot.InChannel, "whosaid", ""},
		{"who-said shared after", quoting, "who-said", "ceasefire —share", "who-said", bot.OutcomeOK, bot.InChannel, "whosaid", ""},
		{"who-said fails", quoting, "/who-said", "fail", "who-said", bot.OutcomeError, bot.Ephemeral, "text", "Sorry, something went wrong"},
		{"help", plain, "/help", "", "help", bot.OutcomeOK, bot.Ephemeral, "help", ""},
		{"help with prefix", plain, "/briefbot-help", "", "help", bot.OutcomeOK, bot.Ephemeral, "help", ""},
		{"unknown", plain, "/weather", "", "unknown", bot.OutcomeUsage, bot.Ephemeral, "text", bot.Usage},
		{"free text", plain, "hello", "there", "unknown", bot.OutcomeUsage, bot.Ephemeral, "text", bot.Usage},
		{"empty", plain, "", "", "unknown", bot.OutcomeUsage, bot.Ephemeral, "text", bot.Usage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.b.Handle(context.Background(), bot.Request{Platform: "test", Command: bot.ParseCommand(tc.command, tc.text)})
			if r.Command != tc.wantCmd || r.Outcome != tc.outcome || r.Visibility != tc.visibility {
				t.Errorf("got command %q outcome %q visibility %v, want %q %q %v", r.Command, r.Outcome, r.Visibility, tc.wantCmd, tc.outcome, tc.visibility)
			}
			kinds := map[string]bool{"briefing": r.Briefing != nil, "whosaid": r.WhoSaid != nil, "help": r.Help != nil, "text": r.Text != ""}
			n := 0
			for _, set := range kinds {
				if set {
					n++
				}
			}
			if n != 1 || !kinds[tc.kind] {
				t.Fatalf("reply sets %v, want only %s", kinds, tc.kind)
			}
			if !strings.Contains(r.Text, tc.contains) {
				t.Errorf("text %q lacks %q", r.Text, tc.contains)
			}
		})
	}
}

func TestHandleWhoSaidFillsTheAnswer(t *testing.T) {
	b := newBot(t, func(o *bot.Options) { o.Quoter = fakeQuoter })
	r := b.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("/who-said", "“nobody”")})
	if r.WhoSaid == nil {
		t.Fatalf("no answer: %+v", r)
	}
	if r.WhoSaid.Term != "nobody" || r.WhoSaid.Articles != 5 || len(r.WhoSaid.Speakers) != 0 {
		t.Errorf("got %+v, want term nobody, 5 articles, no speaker", r.WhoSaid)
	}
}

func TestHelpSaysWhetherWhoSaidIsAvailable(t *testing.T) {
	for _, tc := range []struct {
		name   string
		quoter bot.Quoter
		want   string
	}{
		{"without a quoter", nil, "not available yet"},
		{"with a quoter", fakeQuoter, "--share"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBot(t, func(o *bot.Options) { o.Quoter = tc.quoter })
			var buf bytes.Buffer
			if err := b.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("help", "")}).Help.WriteText(&buf); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tc.want) || !strings.Contains(buf.String(), "/brief") {
				t.Errorf("help lacks %q or /brief:\n%s", tc.want, buf.String())
			}
		})
	}
}

func TestCorpusIsCachedUntilArticlesChange(t *testing.T) {
	src := &countingSource{Articles: council}
	now := time.Date(2026, 11, 21, 7, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	b, err := bot.New(bot.Options{Source: sourceFunc(src.articles), Logger: quiet(), Now: clock, Reload: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c1, err := b.Corpus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := b.Briefing(ctx)
	c2, _ := b.Corpus(ctx)
	if c1 != c2 || src.readCount() != 1 {
		t.Errorf("within Reload: same corpus %v, %d reads; want the same corpus and 1 read", c1 == c2, src.readCount())
	}
	now = now.Add(2 * time.Minute) // past Reload, same articles: read again, same corpus
	c3, _ := b.Corpus(ctx)
	b3, _ := b.Briefing(ctx)
	if c3 != c1 || b3 != b1 || src.readCount() != 2 {
		t.Errorf("unchanged articles: same corpus %v, same briefing %v, %d reads; want true, true, 2", c3 == c1, b3 == b1, src.readCount())
	}
	changed := append([]summarize.Article(nil), council...)
	changed[0].Text += "The mayor said the plan would be put to a vote next week.\n"
	src.set(changed)
	now = now.Add(2 * time.Minute)
	c4, _ := b.Corpus(ctx)
	if c4 == c1 {
		t.Error("changed articles: the corpus was not rebuilt")
	}
	src.mu.Lock()
	src.Err = fmt.Errorf("reading: %w", bot.ErrNoArticles)
	src.mu.Unlock()
	now = now.Add(2 * time.Minute)
	r := b.Handle(ctx, bot.Request{Command: bot.ParseCommand("brief", "")})
	if r.Outcome != bot.OutcomeError || !strings.Contains(r.Text, "no articles") {
		t.Errorf("a failing source gave %+v", r)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	src := sourceFunc(func(context.Context) ([]summarize.Article, error) { return council, nil })
	for _, tc := range []struct {
		name string
		o    bot.Options
	}{
		{"no source", bot.Options{}},
		{"negative words", bot.Options{Source: src, Summary: summarize.Options{Words: -1}}},
		{"unknown algorithm", bot.Options{Source: src, Summary: summarize.Options{Algorithm: "magic"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := bot.New(tc.o); err == nil {
				t.Error("New accepted bad options")
			}
		})
	}
}

func TestServeApologizesWhenDeliveryFails(t *testing.T) {
	var logs bytes.Buffer
	m := &bottest.Metrics{}
	b := newBot(t, func(o *bot.Options) { o.Logger = slog.New(slog.NewTextHandler(&logs, nil)); o.Metrics = m })
	var got []bot.Reply
	resp := bot.ResponderFunc(func(_ context.Context, r bot.Reply) error {
		got = append(got, r)
		if len(got) == 1 {
			return errors.New("slack: posting in channel C1: channel_is_archived")
		}
		return nil
	})
	b.Serve(context.Background(), bot.Request{Platform: "test", Command: bot.ParseCommand("/brief", ""), ChannelID: "C1"}, resp)
	if len(got) != 2 || got[0].Briefing == nil || got[1].Text == "" || got[1].Visibility != bot.Ephemeral {
		t.Fatalf("got %d replies %+v; want the briefing, then an ephemeral apology", len(got), got)
	}
	if !strings.HasPrefix(got[1].Text, "Sorry") {
		t.Errorf("apology %q", got[1].Text)
	}
	for _, want := range []string{"component=bot", "command=brief", "channel_id=C1", "channel_is_archived"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
		}
	}
	if m.Count("command test brief undelivered") != 1 || m.Count("failed test reply") != 1 {
		t.Errorf("metrics:\n%s", m)
	}
}

func TestStartAndDrain(t *testing.T) {
	for _, tc := range []struct {
		name     string
		release  time.Duration // when the slow quoter returns; 0: only when cancelled
		bound    time.Duration
		wantErr  bool
		wantText string
	}{
		{name: "finishes within the bound", release: 50 * time.Millisecond, bound: 5 * time.Second, wantText: ""},
		{name: "abandoned at the bound", bound: 100 * time.Millisecond, wantErr: true, wantText: "briefbot is restarting"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			started := make(chan struct{})
			slow := bot.QuoterFunc(func(ctx context.Context, snap *bot.Snapshot, query bot.Query) (*bot.WhoSaid, error) {
				term := query.Term
				close(started)
				var after <-chan time.Time
				if tc.release > 0 {
					after = time.After(tc.release)
				}
				select {
				case <-after:
					return &bot.WhoSaid{Term: term}, nil
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			})
			b := newBot(t, func(o *bot.Options) { o.Quoter = slow })
			rec := &bottest.Recorder{}
			if err := b.Start(bot.Request{Command: bot.ParseCommand("/who-said", "peace")}, rec); err != nil {
				t.Fatal(err)
			}
			waitStarted(t, started)
			ctx, cancel := context.WithTimeout(context.Background(), tc.bound)
			defer cancel()
			err := b.Drain(ctx)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Drain: %v, want error %v", err, tc.wantErr)
			}
			replies := rec.Replies()
			if len(replies) != 1 {
				t.Fatalf("%d replies, want 1", len(replies))
			}
			if tc.wantText == "" && replies[0].WhoSaid == nil {
				t.Errorf("reply %+v, want the answer", replies[0])
			}
			if !strings.Contains(replies[0].Text, tc.wantText) {
				t.Errorf("reply %q lacks %q", replies[0].Text, tc.wantText)
			}
			if !b.Draining() {
				t.Error("Draining() is false after Drain")
			}
			if err := b.Start(bot.Request{Command: bot.ParseCommand("/help", "")}, rec); !errors.Is(err, bot.ErrShuttingDown) {
				t.Errorf("Start after Drain: %v, want ErrShuttingDown", err)
			}
		})
	}
}

func TestStartBoundsConcurrency(t *testing.T) {
	var running, most atomic.Int32
	release := make(chan struct{})
	q := bot.QuoterFunc(func(ctx context.Context, snap *bot.Snapshot, query bot.Query) (*bot.WhoSaid, error) {
		term := query.Term
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		<-release
		return &bot.WhoSaid{Term: term}, nil
	})
	b := newBot(t, func(o *bot.Options) { o.Quoter = q; o.MaxConcurrent = 2 })
	rec := &bottest.Recorder{}
	for range 6 {
		if err := b.Start(bot.Request{Command: bot.ParseCommand("who-said", "x1")}, rec); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; running.Load() < 2; i++ { // wait until the two slots are taken
		if i > 1000 {
			t.Fatal("the commands did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // and give a third the chance to start, wrongly
	close(release)
	if err := b.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := most.Load(); got != 2 {
		t.Errorf("at most %d commands ran at once, want 2", got)
	}
	if n := len(rec.Replies()); n != 6 {
		t.Errorf("%d replies, want 6", n)
	}
}

func TestUserMessage(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"no articles", fmt.Errorf("reading: %w", bot.ErrNoArticles), "There are no articles to brief on yet."},
		{"no sentences", fmt.Errorf("x: %w", summarize.ErrNoSentences), "The articles hold no sentences fit for a briefing."},
		{"usage", &bot.UsageError{Command: "who-said", Problem: "give a word"}, "Give a word. Usage: /who-said TERM"},
		{"unknown command", &bot.UsageError{Command: "unknown"}, bot.Usage},
		{"unavailable", &bot.UnavailableError{Command: "who-said", Reason: "quotations are still being built"}, "/who-said is not available yet: quotations are still being built."},
		{"shutting down", bot.ErrShuttingDown, "briefbot is restarting"},
		{"timeout", fmt.Errorf("x: %w", context.DeadlineExceeded), "Sorry, that took too long."},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), "briefbot is restarting"},
		{"anything else", errors.New("dial tcp: connection refused"), "Sorry, something went wrong. The error has been logged."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bot.UserMessage(tc.err); !strings.HasPrefix(got, tc.want) {
				t.Errorf("UserMessage(%v) = %q, want it to start with %q", tc.err, got, tc.want)
			}
		})
	}
}

func ExampleBot_Handle() {
	b, err := bot.New(bot.Options{
		Source:  sourceFunc(func(context.Context) ([]summarize.Article, error) { return council, nil }),
		Summary: summarize.Options{Words: 40},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := b.Handle(context.Background(), bot.Request{Platform: "example", Command: bot.ParseCommand("/brief", "")})
	fmt.Println(r.Command, r.Outcome, r.Visibility)
	r.Briefing.WriteText(os.Stdout)
	r = b.Handle(context.Background(), bot.Request{Platform: "example", Command: bot.ParseCommand("/who-said", "budget")})
	fmt.Println(r.Outcome, r.Text)
	// Output:
	// brief ok in_channel
	// Council passes budget
	//
	// • The city council approved a new budget for schools and roads on Monday night. — Daily Star
	// • The vote was seven to two after a long debate about bus routes. — Daily Star
	//
	// 1 article from Daily Star
	// unavailable /who-said is not available yet: quotations are still being built.
}

func ExampleWhoSaid_WriteText() {
	w := &bot.WhoSaid{Term: "ceasefire", Articles: 5, Speakers: []bot.Speaker{
		{Name: "Vladimir Putin", Quotes: []bot.Quotation{
			{Text: "We are ready to work with Ukraine on a memorandum", Sources: []bot.Citation{{Outlet: "Reuters"}, {Outlet: "CNN"}}},
		}},
		{Name: "Donald Trump", Quotes: []bot.Quotation{
			{Text: "The conditions for that will be negotiated between the two parties", Sources: []bot.Citation{{Outlet: "The Guardian"}}},
		}},
	}}
	w.WriteText(os.Stdout)
	// Output:
	// Who said “ceasefire”
	//
	// Vladimir Putin (1)
	// • “We are ready to work with Ukraine on a memorandum”
	//   reported by Reuters, CNN
	//
	// Donald Trump (1)
	// • “The conditions for that will be negotiated between the two parties”
	//   reported by The Guardian
	//
	// 2 quotations from 2 speakers, searched in 5 articles
}
