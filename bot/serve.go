package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// runtime is what runs the commands started with Start: the work slots, the count of
// commands waiting for one, and the two contexts that shutdown cancels in turn.
type runtime struct {
	// work is the parent of every command's work; Drain cancels it when the bound
	// nears, so that the work stops and its apology can still be delivered.
	work     context.Context
	stopWork context.CancelFunc
	// deliver is the parent of every delivery; Drain cancels it only at the bound.
	deliver     context.Context
	stopDeliver context.CancelFunc

	slots    chan struct{}
	queued   atomic.Int64 // commands waiting for a slot
	maxQueue int64

	inflight sync.WaitGroup
	running  atomic.Int64 // commands started and not yet answered
	drainMu  sync.Mutex
	draining bool
}

func (rt *runtime) init(slots, queue int) {
	rt.work, rt.stopWork = context.WithCancel(context.Background())
	rt.deliver, rt.stopDeliver = context.WithCancel(context.Background())
	rt.slots = make(chan struct{}, slots)
	rt.maxQueue = int64(queue)
}

// acquire waits for a work slot until ctx ends. It fails at once with ErrBusy when too
// many commands are waiting already.
func (rt *runtime) acquire(ctx context.Context) error {
	select {
	case rt.slots <- struct{}{}:
		return nil
	default:
	}
	if rt.queued.Add(1) > rt.maxQueue {
		rt.queued.Add(-1)
		return ErrBusy
	}
	defer rt.queued.Add(-1)
	select {
	case rt.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for a free worker: %w", ctx.Err())
	}
}

func (rt *runtime) release() { <-rt.slots }

// Serve answers req and delivers the reply through resp, in the caller's goroutine and
// without a work slot (the console serves one command at a time). When delivery fails
// it logs the failure with the channel and the command and delivers a short apology
// instead, so that the user does not meet silence; each delivery has a budget of its own
// (Options.DeliveryTimeout). It records the command in Metrics.
func (b *Bot) Serve(ctx context.Context, req Request, resp Responder) {
	if req.Received.IsZero() {
		req.Received = b.now()
	}
	r := b.Handle(ctx, req)
	b.deliver(context.WithoutCancel(ctx), req, resp, r)
}

// Start serves req in the background and returns at once; adapters call it right after
// they acknowledged the command. Every command started gets exactly one answer or one
// apology:
//
//   - help and usage lines are answered at once, without waiting for anything;
//   - a command that reads articles waits for one of Options.MaxConcurrent work slots,
//     and its work (the wait included) is bounded by Options.ReplyTimeout; when too
//     many commands wait already (Options.MaxQueued), it is answered that the bot is
//     busy;
//   - the slot is freed before delivery, which a slow platform cannot hold up, and each
//     delivery, of the answer or of an apology, has its own Options.DeliveryTimeout.
//
// Start returns ErrShuttingDown, and serves nothing, once Drain has begun.
func (b *Bot) Start(req Request, resp Responder) error {
	rt := &b.run
	rt.drainMu.Lock()
	if rt.draining {
		rt.drainMu.Unlock()
		return ErrShuttingDown
	}
	rt.inflight.Add(1)
	rt.running.Add(1)
	rt.drainMu.Unlock()
	if req.Received.IsZero() {
		req.Received = b.now()
	}
	go func() {
		defer rt.inflight.Done()
		defer rt.running.Add(-1)
		b.deliver(rt.deliver, req, resp, b.work(req))
	}()
	return nil
}

// work answers req within Options.ReplyTimeout, in a work slot when the command needs one.
func (b *Bot) work(req Request) Reply {
	ctx, cancel := context.WithTimeout(b.run.work, b.opts.ReplyTimeout)
	defer cancel()
	if req.Command.Costly() {
		if err := b.run.acquire(ctx); err != nil {
			return b.failed(req, req.Command, err)
		}
		defer b.run.release()
	}
	return b.Handle(ctx, req)
}

// deliver delivers r through resp within its own DeliveryTimeout, and an apology when
// that fails; it logs and counts the outcome. parent ends every delivery at once.
func (b *Bot) deliver(parent context.Context, req Request, resp Responder, r Reply) {
	log := b.log.With("command", r.Command, "channel_id", req.ChannelID, "platform", req.Platform)
	outcome := r.Outcome
	err := b.respond(parent, resp, r)
	if err != nil {
		outcome = OutcomeUndelivered
		b.metrics.Failed(req.Platform, "reply")
		log.Error("delivering a reply", "error", err)
		apology := Reply{Command: r.Command, Visibility: Ephemeral, Outcome: OutcomeError, Text: UserMessage(err)}
		if parent.Err() != nil {
			log.Warn("no apology: the bot stopped delivering at its shutdown bound")
		} else if err := b.respond(parent, resp, apology); err != nil {
			log.Error("delivering an apology", "error", err)
		}
	}
	d := b.now().Sub(req.Received)
	b.metrics.CommandDone(req.Platform, r.Command, outcome, d)
	log.Info("answered a command", "outcome", string(outcome), "duration", d)
}

func (b *Bot) respond(parent context.Context, resp Responder, r Reply) error {
	ctx, cancel := context.WithTimeout(parent, b.opts.DeliveryTimeout)
	defer cancel()
	return resp.Respond(ctx, r)
}

// Draining reports whether Drain has begun, after which the bot takes no new command.
func (b *Bot) Draining() bool {
	b.run.drainMu.Lock()
	defer b.run.drainMu.Unlock()
	return b.run.draining
}

// Drain stops Start from taking new commands and waits for the commands in flight to be
// answered, and returns by the time ctx ends. Shortly before ctx's deadline (a quarter of
// the time left, at most drainGrace) it cancels the work still running, so that those
// users get an apology, not silence, and it leaves deliveries in progress alone until the
// deadline itself; then it gives up on them and returns an error that says how many
// commands were abandoned.
func (b *Bot) Drain(ctx context.Context) error {
	rt := &b.run
	rt.drainMu.Lock()
	rt.draining = true
	rt.drainMu.Unlock()
	done := make(chan struct{})
	go func() {
		rt.inflight.Wait()
		close(done)
	}()
	soft := ctx
	if deadline, ok := ctx.Deadline(); ok {
		grace := min(drainGrace, time.Until(deadline)/4)
		var cancel context.CancelFunc
		soft, cancel = context.WithDeadline(ctx, deadline.Add(-grace))
		defer cancel()
	}
	defer rt.stopDeliver()
	defer rt.stopWork()
	select {
	case <-done:
		return nil
	case <-soft.Done():
	}
	rt.stopWork()
	select {
	case <-done:
		return errors.New("bot: draining: cancelled the work still running as the bound neared")
	case <-ctx.Done():
	}
	n := rt.running.Load()
	return fmt.Errorf("bot: draining: abandoned %d %s still in flight: %w", n, plural(int(n), "command", "commands"), ctx.Err())
}

// drainGrace is the most of its bound that Drain keeps for apologies.
const drainGrace = 2 * time.Second
