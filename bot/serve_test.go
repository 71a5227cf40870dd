package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

// blockingQuoter holds every /who-said until release is closed (or its context ends),
// and closes started when the first one begins.
func blockingQuoter(started chan<- struct{}, release <-chan struct{}) bot.Quoter {
	var once sync.Once
	return bot.QuoterFunc(func(ctx context.Context, snap *bot.Snapshot, query bot.Query) (*bot.WhoSaid, error) {
		term := query.Term
		once.Do(func() { close(started) })
		select {
		case <-release:
			return &bot.WhoSaid{Term: term}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
}

// waitReplies waits until rec holds n replies, or fails the test after a while.
func waitReplies(t *testing.T, rec *bottest.Recorder, n int) []bot.Reply {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := rec.Replies()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d replies after 10s, want %d: %+v", len(got), n, got)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestStartAnswersCheapCommandsWithoutASlot(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	b := newBot(t, func(o *bot.Options) { o.Quoter = blockingQuoter(started, release); o.MaxConcurrent = 1 })
	rec := &bottest.Recorder{}
	if err := b.Start(bot.Request{Command: bot.ParseCommand("/who-said", "peace")}, rec); err != nil {
		t.Fatal(err)
	}
	waitStarted(t, started) // the only slot is taken
	for _, req := range []bot.Request{{Command: bot.ParseCommand("/help", "")}, {Command: bot.ParseCommand("/brief", "***")}, {Command: bot.ParseCommand("/nonsense", "")}, {Command: bot.ParseCommand("/who-said", "")}} {
		if err := b.Start(req, rec); err != nil {
			t.Fatal(err)
		}
	}
	got := waitReplies(t, rec, 4)
	for _, r := range got {
		if r.Command == bot.CommandWhoSaid && r.Outcome == bot.OutcomeOK {
			t.Errorf("the blocked command was answered first: %+v", r)
		}
	}
}

func TestStartApologizesWhenNoSlotFreesInTime(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	stubborn := bot.QuoterFunc(func(context.Context, *bot.Snapshot, bot.Query) (*bot.WhoSaid, error) {
		close(started)
		<-release // holds the only slot past every deadline
		return &bot.WhoSaid{}, nil
	})
	m := &bottest.Metrics{}
	b := newBot(t, func(o *bot.Options) {
		o.Quoter = stubborn
		o.MaxConcurrent, o.ReplyTimeout, o.Metrics = 1, 200*time.Millisecond, m
	})
	// The 200 ms budget covers loading the articles too: load them first, or a loaded
	// machine spends it there and the quoter is never asked.
	if _, err := b.Briefing(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := &bottest.Recorder{}
	if err := b.Start(bot.Request{Platform: "test", Command: bot.ParseCommand("/who-said", "one")}, rec); err != nil {
		t.Fatal(err)
	}
	waitStarted(t, started)
	if err := b.Start(bot.Request{Platform: "test", Command: bot.ParseCommand("/brief", "")}, rec); err != nil {
		t.Fatal(err)
	}
	got := waitReplies(t, rec, 1)
	for _, r := range got {
		if r.Text != bot.UserMessage(context.DeadlineExceeded) || r.Visibility != bot.Ephemeral {
			t.Errorf("reply %+v, want the ephemeral apology for a timeout", r)
		}
	}
	if !m.WaitCount("command test brief error", 1, 10*time.Second) {
		t.Errorf("metrics:\n%s", m)
	}
}

func TestStartAnswersBusyBeyondTheQueue(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	b := newBot(t, func(o *bot.Options) {
		o.Quoter = blockingQuoter(started, release)
		o.MaxConcurrent, o.MaxQueued = 1, 2
	})
	rec := &bottest.Recorder{}
	start := func() {
		if err := b.Start(bot.Request{Command: bot.ParseCommand("/who-said", "x")}, rec); err != nil {
			t.Fatal(err)
		}
	}
	start()
	waitStarted(t, started)
	for range 5 { // 2 may wait; 3 are turned away
		start()
	}
	busy := waitReplies(t, rec, 3)
	for _, r := range busy {
		if r.Outcome != bot.OutcomeBusy || r.Text != bot.UserMessage(bot.ErrBusy) {
			t.Errorf("reply %+v, want the busy apology", r)
		}
	}
	close(release)
	if err := b.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	ok := 0
	for _, r := range rec.Replies() {
		if r.Outcome == bot.OutcomeOK {
			ok++
		}
	}
	if ok != 3 || len(rec.Replies()) != 6 {
		t.Errorf("%d answers of %d replies, want 3 of 6", ok, len(rec.Replies()))
	}
}

func TestStartDeliversOutsideTheWorkSlots(t *testing.T) {
	b := newBot(t, func(o *bot.Options) { o.MaxConcurrent = 1 })
	const n = 3
	var inside atomic.Int32
	all := make(chan struct{})
	var once sync.Once
	resp := bot.ResponderFunc(func(ctx context.Context, r bot.Reply) error {
		if inside.Add(1) == n {
			once.Do(func() { close(all) })
		}
		select { // a slow platform: each delivery waits until all of them are under way
		case <-all:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	for range n {
		if err := b.Start(bot.Request{Command: bot.ParseCommand("/brief", "")}, resp); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-all:
	case <-time.After(10 * time.Second):
		t.Fatalf("%d deliveries at once, want %d: a work slot is held during delivery", inside.Load(), n)
	}
	if err := b.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestApologyHasItsOwnDeliveryBudget(t *testing.T) {
	const budget = 300 * time.Millisecond
	b := newBot(t, func(o *bot.Options) { o.DeliveryTimeout = budget })
	rec := &bottest.Recorder{}
	var calls atomic.Int32
	left := make(chan time.Duration, 1)
	resp := bot.ResponderFunc(func(ctx context.Context, r bot.Reply) error {
		if calls.Add(1) == 1 {
			<-ctx.Done() // the platform never answers the first delivery
			return ctx.Err()
		}
		deadline, _ := ctx.Deadline()
		left <- time.Until(deadline)
		return rec.Respond(ctx, r)
	})
	if err := b.Start(bot.Request{Command: bot.ParseCommand("/brief", "")}, resp); err != nil {
		t.Fatal(err)
	}
	if d := <-left; d < budget/2 {
		t.Errorf("the apology had %s to be delivered, want close to %s", d, budget)
	}
	if got := waitReplies(t, rec, 1); !strings.HasPrefix(got[0].Text, "Sorry") {
		t.Errorf("apology %q", got[0].Text)
	}
}

func TestDrainLeavesDeliveriesAloneUntilTheBound(t *testing.T) {
	b := newBot(t, nil)
	var calls atomic.Int32
	delivering := make(chan struct{})
	resp := bot.ResponderFunc(func(ctx context.Context, r bot.Reply) error {
		if calls.Add(1) == 1 {
			close(delivering)
		}
		<-ctx.Done() // a platform slower than the bound
		return ctx.Err()
	})
	if err := b.Start(bot.Request{Command: bot.ParseCommand("/brief", "")}, resp); err != nil {
		t.Fatal(err)
	}
	<-delivering
	const bound = 400 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	start := time.Now()
	err := b.Drain(ctx)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "abandoned 1 command") {
		t.Errorf("Drain: %v, want it to say it abandoned 1 command", err)
	}
	if took < bound*3/4 || took > bound+time.Second/2 {
		t.Errorf("Drain returned after %s, want about its bound of %s", took, bound)
	}
	time.Sleep(50 * time.Millisecond)
	if n := calls.Load(); n != 1 {
		t.Errorf("%d deliveries, want 1: no \"restarting\" apology after a delivery cut at the bound", n)
	}
}

func TestStartAfterDrainFails(t *testing.T) {
	b := newBot(t, nil)
	if err := b.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := b.Start(bot.Request{Command: bot.ParseCommand("/help", "")}, &bottest.Recorder{}); !errors.Is(err, bot.ErrShuttingDown) {
		t.Errorf("Start after Drain: %v, want ErrShuttingDown", err)
	}
}

// waitStarted waits for a blocking quoter to be asked, and fails the test after 10 s
// rather than hang it.
func waitStarted(t *testing.T, started <-chan struct{}) {
	t.Helper()
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the quoter was not asked within 10 s")
	}
}
