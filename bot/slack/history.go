package slack

import (
	"context"
	"errors"
	"fmt"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// ErrCannotSearch: the adapter cannot find out whether a channel holds a message: the
// app lacks the scope to read the channel's history (channels:history for a public
// channel, groups:history for a private one), the bot is not in the channel (a bot
// that posts with chat:write.public alone), the channel is gone, or more messages
// came since than Find reads.
var ErrCannotSearch = errors.New("slack cannot search the channel's history")

// Find reads a channel's history since the given time (conversations.history with the
// messages' metadata) for the message posted with key (see Post), newest first, at
// most historyPages pages of historyPageSize. It returns the message and true when it
// is there, false when it is not. Its error wraps ErrCannotSearch when the history may
// not be read or is longer than Find reads, and the kinds of Post's errors otherwise;
// rate-limited calls are retried as Post's are.
func (a *Adapter) Find(ctx context.Context, channelID, key string, since time.Time) (bot.MessageRef, bool, error) {
	log := a.log.With("channel_id", channelID)
	params := &slackgo.GetConversationHistoryParameters{
		ChannelID: channelID, Oldest: slackTS(since), Limit: historyPageSize, IncludeAllMetadata: true,
	}
	for range historyPages {
		var res *slackgo.GetConversationHistoryResponse
		err := a.call(ctx, log, func() error {
			var err error
			res, err = a.api.GetConversationHistoryContext(ctx, params)
			return err
		})
		if err != nil {
			a.metrics.Failed(Platform, "history")
			err = fmt.Errorf("slack: looking for %s in channel %s with conversations.history: %w%s", key, channelID, err, scopeHint(err))
			if cannotSearch(err) {
				err = &kindError{err: err, kind: ErrCannotSearch}
			}
			return bot.MessageRef{}, false, a.failure(err)
		}
		for _, m := range res.Messages {
			if m.Metadata.EventType == MetadataEventType && m.Metadata.EventPayload["key"] == key {
				return bot.MessageRef{Platform: Platform, ChannelID: channelID, ID: m.Timestamp}, true, nil
			}
		}
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" {
			return bot.MessageRef{}, false, nil
		}
		params.Cursor = res.ResponseMetaData.NextCursor
	}
	return bot.MessageRef{}, false, fmt.Errorf("slack: looking for %s in channel %s: %w: more than %d messages since %s",
		key, channelID, ErrCannotSearch, historyPages*historyPageSize, since.UTC().Format(time.RFC3339))
}

// What one Find reads at most: Slack answers at most 999 messages a call (15 for apps
// under its stricter limits of 2025, which then read fewer messages in all).
const (
	historyPageSize = 200
	historyPages    = 20
)

// slackTS writes t as a Slack ts ("1700000000.000001"), or "" for a zero or earlier
// time: the whole history.
func slackTS(t time.Time) string {
	if t.IsZero() || t.Unix() < 0 {
		return ""
	}
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}

// cannotSearchErrors are Slack's errors for a history the bot may not read.
var cannotSearchErrors = map[string]bool{
	"missing_scope": true, "not_in_channel": true, "channel_not_found": true,
	"not_allowed_token_type": true, "access_denied": true,
}

func cannotSearch(err error) bool {
	var se slackgo.SlackErrorResponse
	return errors.As(err, &se) && cannotSearchErrors[se.Err]
}

// scopeHint names the scope Slack says is missing, and what to do.
func scopeHint(err error) string {
	var se slackgo.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "missing_scope" {
		return ""
	}
	needed := se.Needed
	if needed == "" {
		needed = "channels:history or groups:history"
	}
	return fmt.Sprintf(" (the app needs the scope %s: add it to the app and reinstall it)", needed)
}
