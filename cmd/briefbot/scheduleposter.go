package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/slack"
)

// scheduledPoster returns the schedule.Poster of a platform's runner: its bot.Poster,
// with the platform's errors mapped to the scheduler's kinds, and a Finder where the
// platform can search a channel for a post's key. Slack has both. A platform without
// a case here posts with its errors as they are (the scheduler retries only
// timeouts), and has no Finder: a slot whose outcome was lost is skipped with the
// reason, never posted again on a guess. Discord joins here with its runner: its
// errors, and a Finder that looks for the key (its nonce) in the channel, or none.
func scheduledPoster(p bot.Poster) schedule.Poster {
	if a, ok := p.(*slack.Adapter); ok {
		return slackSlots{slotPoster{p, slackKinds}, a}
	}
	return slotPoster{p, func(err error) error { return err }}
}

// slotPoster posts a slot's message, a bot.Reply in Message.Body, through a bot.Poster.
type slotPoster struct {
	poster bot.Poster
	// kinds maps the platform's errors to schedule's (ErrTemporary, ErrNotPosted).
	kinds func(error) error
}

// Post implements schedule.Poster.
func (p slotPoster) Post(ctx context.Context, channelID string, m schedule.Message, key string) (schedule.Ref, error) {
	r, ok := m.Body.(bot.Reply)
	if !ok {
		return schedule.Ref{}, fmt.Errorf("posting %s: the message is a %T, not a bot.Reply", key, m.Body)
	}
	ref, err := p.poster.Post(ctx, channelID, r, key)
	if err != nil {
		return schedule.Ref{}, p.kinds(err)
	}
	return schedule.Ref{ID: ref.ID}, nil
}

// slackSlots is Slack's schedule.Poster and schedule.Finder.
type slackSlots struct {
	slotPoster
	a *slack.Adapter
}

// Find implements schedule.Finder with the channel's history; a history the bot may
// not read is schedule.ErrCannotAsk.
func (s slackSlots) Find(ctx context.Context, channelID, key string, since time.Time) (schedule.Ref, bool, error) {
	ref, found, err := s.a.Find(ctx, channelID, key, since)
	switch {
	case errors.Is(err, slack.ErrCannotSearch):
		return schedule.Ref{}, false, kinded(err, 0, schedule.ErrCannotAsk)
	case err != nil:
		return schedule.Ref{}, false, slackKinds(err)
	}
	return schedule.Ref{ID: ref.ID}, found, nil
}

// slackKinds maps Slack's errors: a call refused as rate limited made no message and
// may be retried after the wait Slack asked for; an unreachable Slack (a 5xx, a
// timeout, a dropped connection) may be retried, and may have posted.
func slackKinds(err error) error {
	switch {
	case errors.Is(err, slack.ErrRateLimited):
		var ra interface{ RetryAfter() time.Duration }
		var wait time.Duration
		if errors.As(err, &ra) {
			wait = ra.RetryAfter()
		}
		return kinded(err, wait, schedule.ErrTemporary, schedule.ErrNotPosted)
	case errors.Is(err, slack.ErrUnreachable):
		return kinded(err, 0, schedule.ErrTemporary)
	}
	return err
}

// kinded returns err with the kinds in its chain, and the wait it asks for.
func kinded(err error, wait time.Duration, kinds ...error) error {
	return &slotError{err: err, kinds: kinds, wait: wait}
}

// slotError is a platform's error with the kinds the scheduler decides by.
type slotError struct {
	err   error
	kinds []error
	wait  time.Duration
}

func (e *slotError) Error() string   { return e.err.Error() }
func (e *slotError) Unwrap() []error { return append([]error{e.err}, e.kinds...) }

// RetryAfter returns the wait the platform asked for before another attempt, or zero.
func (e *slotError) RetryAfter() time.Duration { return e.wait }
