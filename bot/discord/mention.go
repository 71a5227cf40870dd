package discord

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// mentionHint is the note under a /who-said answer given in reply to a mention in a
// guild channel: a mention is a message in the channel, and so is the answer.
const mentionHint = "You asked in the channel, so the channel sees this answer; /who-said answers you alone."

// onMessageCreate takes a message from the gateway and answers it when it mentions the
// bot, or is a DM to it: "@briefbot who said ceasefire", "@briefbot brief". Messages of
// bots (this one included) and of webhooks, and messages that are not a user's text
// (joins, pins, …), are never answered. It runs on the gateway's reader, so it hands
// the work to a goroutine.
func (a *Adapter) onMessageCreate(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	received := a.now()
	if mc == nil || mc.Message == nil {
		return
	}
	m := mc.Message
	if m.Author == nil || m.Author.Bot || m.Author.System || m.WebhookID != "" || m.Author.ID == a.botUserID() {
		return
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return
	}
	text, ok := mentionText(m.Content, a.botUserID(), m.GuildID == "")
	if !ok {
		return
	}
	if !a.tasks.goRun(func() { a.answerMention(m, text, received) }) {
		a.log.Warn("dropped a mention: the adapter is stopping", "channel_id", m.ChannelID)
	}
}

// mentionText returns what a message asks the bot: its content without the bot's
// mentions (<@ID> and <@!ID>). A message in a guild channel asks only when it mentions
// the bot in its text (a reply to the bot that pings it, without typing its name, does
// not); a DM always does.
func mentionText(content, botID string, dm bool) (string, bool) {
	if botID == "" {
		return "", false
	}
	tokens := []string{"<@" + botID + ">", "<@!" + botID + ">"}
	mentioned := false
	for _, t := range tokens {
		if strings.Contains(content, t) {
			mentioned = true
			content = strings.ReplaceAll(content, t, " ")
		}
	}
	if !mentioned && !dm {
		return "", false
	}
	return strings.TrimSpace(content), true
}

// parseMention reads the text of a mention as a command: "who said X" (two words) is
// /who-said X; anything else is read as a typed command (bot.ParseText): "brief",
// "who-said X", "help", with or without a slash.
func parseMention(text string) bot.Command {
	words := strings.Fields(text)
	if len(words) >= 2 && strings.EqualFold(words[0], "who") && strings.EqualFold(strings.TrimRight(words[1], ":,"), "said") {
		return bot.ParseCommand(bot.CommandWhoSaid, strings.Join(words[2:], " "))
	}
	return bot.ParseText(text)
}

// answerMention answers a message that asks the bot something, with a reply to it.
func (a *Adapter) answerMention(m *discordgo.Message, text string, received time.Time) {
	cmd := parseMention(text)
	mr := &mentionResponder{a: a, channelID: m.ChannelID, guildID: m.GuildID, messageID: m.ID}
	req := bot.Request{Platform: Platform, Command: cmd, UserID: m.Author.ID, ChannelID: m.ChannelID, Received: received}
	err := bot.ErrShuttingDown
	if !a.bot.Draining() {
		err = a.bot.Start(req, mr)
	}
	if err == nil {
		return
	}
	a.log.Warn("dropped a mention", "channel_id", m.ChannelID, "command", cmd.Name, "error", err)
	ctx, cancel := context.WithTimeout(context.Background(), bot.DefaultDeliveryTimeout)
	defer cancel()
	apology := bot.Reply{Command: cmd.Name, Visibility: bot.Ephemeral, Outcome: bot.OutcomeError, Text: bot.UserMessage(err)}
	if err := mr.Respond(ctx, apology); err != nil {
		a.log.Error("delivering an apology", "channel_id", m.ChannelID, "error", err)
	}
}

// mentionResponder delivers the answer to a mention: a reply to the message in its
// channel (message_reference), continued in more messages when it is long. There is no
// ephemeral message outside interactions, so an answer meant for its user alone is
// posted in the channel too (the user asked there), with a note that says so; in a DM
// it is private anyway.
type mentionResponder struct {
	a                             *Adapter
	channelID, guildID, messageID string
	// attempts counts the Respond calls, so that an apology after a failed answer does
	// not share the answer's nonces (Discord would return the answer's message).
	attempts atomic.Int32
}

// Respond posts the reply; each message has a nonce made of the user's message ID,
// the attempt and the part, so that a retry after a 5xx never posts twice.
func (r *mentionResponder) Respond(ctx context.Context, reply bot.Reply) error {
	attempt := r.attempts.Add(1)
	var hint func(*bot.WhoSaid) string
	if r.guildID != "" {
		hint = func(*bot.WhoSaid) string { return mentionHint }
	}
	no := false
	for i, m := range r.a.renderer(r.channelID, hint).render(reply) {
		out := outgoing{Content: m.Content, Embeds: m.Embeds, Flags: m.Flags}
		if i == 0 {
			out.Reference = &discordgo.MessageReference{MessageID: r.messageID, ChannelID: r.channelID, GuildID: r.guildID, FailIfNotExists: &no}
		}
		key := fmt.Sprintf("reply:%s:%d:%d", r.messageID, attempt, i)
		if _, err := r.a.send(ctx, "mention", r.channelID, out, key); err != nil {
			return err
		}
		r.a.metrics.Posted(Platform)
	}
	return nil
}
