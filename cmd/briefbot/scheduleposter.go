package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/slack"
)

// scheduledPoster returns the schedule.Poster of a platform's runner: its bot.Poster,
// with the platform's errors mapped to the scheduler's kinds, and a Finder where the
// platform can search a channel for a post's key. Slack and Discord have both: Slack
// finds the key in a message's metadata, Discord on the message's slot line (its
// history shows no nonces). A platform without a case here posts with its errors as
// they are (the scheduler retries only timeouts), and has no Finder: a slot whose
// outcome was lost is skipped with the reason, never posted again on a guess. A
// platform joins here with its errors' kinds, and a Finder whose error for a channel
// it cannot search becomes schedule.ErrCannotAsk.
func scheduledPoster(p bot.Poster) schedule.Poster {
	switch a := p.(type) {
	case *slack.Adapter:
		return findingPoster{slotPoster{p, slackKinds}, a.Find, slack.ErrCannotSearch}
	case *discord.Adapter:
		return findingPoster{slotPoster{p, discordKinds}, a.Find, discord.ErrCannotSearch}
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

// findingPoster is a schedule.Poster and a schedule.Finder: a platform's adapter that
// can look in a channel for the message posted with a key.
type findingPoster struct {
	slotPoster
	find func(ctx context.Context, channelID, key string, since time.Time) (bot.MessageRef, bool, error)
	// cannotSearch is the platform's error for a channel it cannot search.
	cannotSearch error
}

// Find implements schedule.Finder; a channel the platform cannot search is
// schedule.ErrCannotAsk.
func (f findingPoster) Find(ctx context.Context, channelID, key string, since time.Time) (schedule.Ref, bool, error) {
	ref, found, err := f.find(ctx, channelID, key, since)
	switch {
	case errors.Is(err, f.cannotSearch):
		return schedule.Ref{}, false, kinded(err, 0, schedule.ErrCannotAsk)
	case err != nil:
		return schedule.Ref{}, false, f.kinds(err)
	}
	return schedule.Ref{ID: ref.ID}, found, nil
}

// slackKinds maps Slack's errors: a call refused as rate limited made no message and
// may be retried after the wait Slack asked for; an unreachable Slack (a 5xx, a
// timeout, a dropped connection) may be retried, and may have posted.
func slackKinds(err error) error {
	switch {
	case errors.Is(err, slack.ErrRateLimited):
		return kinded(err, waitOf(err), schedule.ErrTemporary, schedule.ErrNotPosted)
	case errors.Is(err, slack.ErrUnreachable):
		return kinded(err, 0, schedule.ErrTemporary)
	}
	return err
}

// discordKinds maps Discord's errors as slackKinds maps Slack's: a post refused as
// rate limited that made no message (ErrRateLimited: the adapter says so only when no
// attempt may have been served) may be retried after Discord's wait; an unreachable
// Discord (a 5xx, a timeout, a 429 after an attempt that may have posted, or after the
// first messages of a long briefing) may be retried, and may have posted. Anything
// else (a refused message, a missing Send Messages permission, a rejected token) is
// final.
func discordKinds(err error) error {
	switch {
	case errors.Is(err, discord.ErrRateLimited):
		return kinded(err, waitOf(err), schedule.ErrTemporary, schedule.ErrNotPosted)
	case errors.Is(err, discord.ErrUnreachable):
		return kinded(err, waitOf(err), schedule.ErrTemporary)
	}
	return err
}

// waitOf returns the wait an error asks for (its RetryAfter), or zero.
func waitOf(err error) time.Duration {
	var ra interface{ RetryAfter() time.Duration }
	if errors.As(err, &ra) {
		return ra.RetryAfter()
	}
	return 0
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
