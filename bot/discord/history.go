package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// ErrCannotSearch: the adapter cannot find out whether a channel holds a message: the
// bot may not see the channel (View Channel) or read its history (Read Message
// History; Discord then answers an empty history rather than an error), the channel
// is gone or the bot is not in its server, or more messages came since than Find
// reads.
var ErrCannotSearch = errors.New("discord cannot search the channel's messages")

// What one Find reads at most: Discord answers at most 100 messages a call.
const (
	historyPageSize = 100
	historyPages    = 10
)

// Find looks for the message posted with key (see Post) in a channel's messages since
// the given time, newest first (GET channels/{id}/messages, each page before the last
// one's oldest message, at most historyPages pages of historyPageSize): a message of
// the bot's own user that carries the key's slot line. It returns the message and true
// when it is there, false when it is not. An empty history is asked about with GET
// channels/{id}: a channel that has had messages but shows none is one whose history
// the bot may not read, and Find then says so rather than "not there".
//
// Its error wraps ErrCannotSearch when the channel may not be read (a 403 or a 404,
// an empty history of a channel with messages) or holds more messages since than Find
// reads, and the kinds of Post's errors otherwise; rate-limited calls are retried as
// Post's are. The bot's own messages come with their content and embeds without the
// privileged MESSAGE_CONTENT intent.
func (a *Adapter) Find(ctx context.Context, channelID, key string, since time.Time) (bot.MessageRef, bool, error) {
	ref := bot.MessageRef{Platform: Platform, ChannelID: channelID}
	switch {
	case !snowflake(channelID):
		return ref, false, fmt.Errorf("discord: looking for %s: %q is not a channel ID", key, a.redact(channelID))
	case key == "":
		return ref, false, errors.New("discord: looking for a message: no key")
	}
	if err := checkKey(key); err != nil {
		return ref, false, err
	}
	self, err := a.selfID(ctx)
	if err != nil {
		return ref, false, err
	}
	line := slotLine(key)
	before := ""
	for page := range historyPages {
		msgs, err := a.history(ctx, channelID, key, before)
		if err != nil {
			return ref, false, err
		}
		if page == 0 && len(msgs) == 0 {
			return ref, false, a.emptyHistory(ctx, channelID, key)
		}
		for _, m := range msgs {
			if !since.IsZero() && !m.Timestamp.IsZero() && m.Timestamp.Before(since) {
				return ref, false, nil
			}
			if m.Author != nil && m.Author.ID == self && holdsLine(m, line) {
				ref.ID = m.ID
				return ref, true, nil
			}
		}
		if len(msgs) < historyPageSize || msgs[len(msgs)-1].ID == "" {
			return ref, false, nil
		}
		before = msgs[len(msgs)-1].ID
	}
	return ref, false, fmt.Errorf("discord: looking for %s in channel %s: %w: more than %d messages since %s",
		key, channelID, ErrCannotSearch, historyPages*historyPageSize, since.UTC().Format(time.RFC3339))
}

// selfID returns the bot user's ID, from READY or an earlier Check, or else from Check.
func (a *Adapter) selfID(ctx context.Context) (string, error) {
	if id := a.botUserID(); id != "" {
		return id, nil
	}
	if err := a.Check(ctx); err != nil {
		return "", err
	}
	return a.botUserID(), nil
}

// history reads a page of a channel's messages, newest first, before the message
// before (from the newest when "").
func (a *Adapter) history(ctx context.Context, channelID, key, before string) ([]*discordgo.Message, error) {
	q := url.Values{"limit": {strconv.Itoa(historyPageSize)}}
	if before != "" {
		q.Set("before", before)
	}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	c := call{op: "history", what: "looking for " + key + " in channel " + channelID + " with GET channels/{id}/messages", bucket: endpoint}
	var msgs []*discordgo.Message
	if err := a.requestJSON(ctx, c, http.MethodGet, endpoint+"?"+q.Encode(), nil, &msgs); err != nil {
		return nil, cannotSearch(err)
	}
	return msgs, nil
}

// emptyHistory decides what a channel's empty history means: no message at all (the
// channel's last_message_id is null), so none with the key; or a history the bot may
// not read, ErrCannotSearch.
func (a *Adapter) emptyHistory(ctx context.Context, channelID, key string) error {
	var ch struct {
		LastMessageID string `json:"last_message_id"`
	}
	c := call{op: "history", what: "looking for " + key + " in channel " + channelID + " with GET channels/{id}"}
	if err := a.requestJSON(ctx, c, http.MethodGet, discordgo.EndpointChannel(channelID), nil, &ch); err != nil {
		return cannotSearch(err)
	}
	if ch.LastMessageID == "" {
		return nil
	}
	a.metrics.Failed(Platform, "history")
	return fmt.Errorf("discord: looking for %s in channel %s: %w: Discord shows none of its messages, though it has some: the bot needs the Read Message History permission in the channel",
		key, channelID, ErrCannotSearch)
}

// cannotSearch returns the error of a refused read of a channel: a 403 or a 404 with
// ErrCannotSearch and what the bot needs, any other as it is.
func cannotSearch(err error) error {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return err
	}
	hint := ""
	switch re.Response.StatusCode {
	case http.StatusForbidden:
		hint = "the bot needs the View Channel and Read Message History permissions in the channel"
	case http.StatusNotFound:
		hint = "Discord knows no such channel, or the bot is not in its server"
	default:
		return err
	}
	return &kindError{err: fmt.Errorf("%w (%s)", err, hint), kind: ErrCannotSearch}
}
