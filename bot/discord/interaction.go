package discord

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// Discord's timing rules of an interaction
// (https://discord.com/developers/docs/interactions/receiving-and-responding).
const (
	// AckDeadline is how long after it was sent an interaction may be acknowledged.
	AckDeadline = 3 * time.Second
	// TokenLifetime is how long its token lets the bot edit the response and follow up.
	TokenLifetime = 15 * time.Minute
)

// Our margins within them: the acknowledgement is not retried later than ackWindow
// after its event, nor an edit later than editWindow, so that a retry never starts
// after the deadline it would miss.
const (
	ackWindow  = AckDeadline - 500*time.Millisecond
	editWindow = TokenLifetime - time.Minute
)

// Interaction callback types.
const (
	callbackMessage  = 4 // CHANNEL_MESSAGE_WITH_SOURCE
	callbackDeferred = 5 // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
)

// Discord's error codes the adapter reads.
const (
	codeAlreadyAcknowledged = 40060
)

// onInteractionCreate takes a slash command from the gateway. It runs on the gateway's
// reader, so it only notes the time and hands the command to a goroutine.
func (a *Adapter) onInteractionCreate(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	received := a.now()
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if i.Type != discordgo.InteractionApplicationCommand || !ok {
		// Autocomplete, components, modals: the bot registers none of them.
		a.log.Debug("ignored an interaction", "type", i.Type.String(), "interaction_id", i.ID)
		return
	}
	if !a.tasks.goRun(func() { a.answerInteraction(i, data, received) }) {
		a.log.Warn("dropped an interaction: the adapter is stopping", "interaction_id", i.ID)
	}
}

// answerInteraction acknowledges a slash command at once with a deferred response,
// ephemeral when only its user will see the answer, and lets the bot answer in the
// background; the answer edits the deferred response. A bot that is shutting down
// answers at once with an apology instead.
func (a *Adapter) answerInteraction(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, received time.Time) {
	cmd := commandOf(data)
	log := a.log.With("channel_id", i.ChannelID, "command", cmd.Name, "interaction_id", i.ID)
	ephemeral := cmd.Visibility() == bot.Ephemeral
	ir := &interactionResponder{a: a, i: i, received: received, ephemeral: ephemeral}
	if a.bot.Draining() {
		ir.refuse(log, cmd.Name, bot.ErrShuttingDown)
		return
	}
	if err := ir.deferResponse(); err != nil {
		log.Error("acknowledging a command", "error", err)
		return
	}
	a.metrics.Acked(Platform, a.now().Sub(received))
	req := bot.Request{Platform: Platform, Command: cmd, UserID: userOf(i), ChannelID: i.ChannelID, Received: received}
	if err := a.bot.Start(req, ir); err != nil {
		// The bot began to shut down since the check: the deferral stands, so the
		// apology edits it.
		log.Warn("dropped a command", "error", err)
		ctx, cancel := context.WithTimeout(context.Background(), bot.DefaultDeliveryTimeout)
		defer cancel()
		apology := bot.Reply{Command: cmd.Name, Visibility: bot.Ephemeral, Outcome: bot.OutcomeError, Text: bot.UserMessage(err)}
		if err := ir.Respond(ctx, apology); err != nil {
			log.Error("delivering an apology", "error", err)
		}
	}
}

// userOf returns the ID of the user who sent an interaction: its member's in a guild,
// its user's in a DM.
func userOf(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// interactionResponder delivers the answer to one slash command: it edits the
// deferred response with the first message of the answer and sends the others as
// follow-ups, all within the token's lifetime.
type interactionResponder struct {
	a         *Adapter
	i         *discordgo.Interaction
	received  time.Time
	ephemeral bool
}

// appID returns the application ID of the interaction's webhook routes.
func (r *interactionResponder) appID() string {
	if r.i.AppID != "" {
		return r.i.AppID
	}
	return r.a.applicationID()
}

// callbackBody is the body of an interaction callback; a deferral's data holds only
// its flags.
type callbackBody struct {
	Type int `json:"type"`
	Data any `json:"data,omitempty"`
}

type deferData struct {
	Flags discordgo.MessageFlags `json:"flags,omitempty"`
}

// deferResponse acknowledges the interaction with a deferred response (type 5):
// Discord shows "briefbot is thinking…" until the edit. It is retried while Discord
// fails, within ackWindow of the event; an answer that the interaction was acknowledged
// already means a retry's first attempt got through.
func (r *interactionResponder) deferResponse() error {
	var flags discordgo.MessageFlags
	if r.ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	body := callbackBody{Type: callbackDeferred, Data: deferData{Flags: flags}}
	return r.callback(body, "acknowledging the command with a deferred response")
}

// callback makes an interaction callback within the acknowledgement's deadline.
func (r *interactionResponder) callback(body callbackBody, what string) error {
	ctx, cancel := context.WithDeadline(context.Background(), r.received.Add(AckDeadline))
	defer cancel()
	c := call{op: "ack", what: what, bucket: "interactions/" + r.i.ID + "/callback", until: r.received.Add(ackWindow)}
	err := r.a.requestJSON(ctx, c, http.MethodPost, discordgo.EndpointInteractionResponse(r.i.ID, r.i.Token), body, nil)
	if err != nil && isCode(err, codeAlreadyAcknowledged) {
		return nil
	}
	return err
}

// refuse answers the interaction at once (type 4) with the apology of err, for the
// user alone.
func (r *interactionResponder) refuse(log *slog.Logger, command string, err error) {
	m := r.a.renderer(r.i.ChannelID, nil).render(bot.Reply{Command: command, Text: bot.UserMessage(err)})[0]
	body := callbackBody{Type: callbackMessage, Data: outgoing{Content: m.Content, Flags: m.Flags | discordgo.MessageFlagsEphemeral}}
	if err := r.callback(body, "answering the command with an apology"); err != nil {
		log.Error("answering a command with an apology", "error", err)
	}
}

// editBody is the body of an edit of the response: content and embeds always sent, so
// that an edit replaces what an earlier one showed, and only the flag an edit may
// change (SUPPRESS_EMBEDS).
type editBody struct {
	Content         string                    `json:"content"`
	Embeds          []*discordgo.MessageEmbed `json:"embeds"`
	Flags           discordgo.MessageFlags    `json:"flags"`
	AllowedMentions noMentions                `json:"allowed_mentions"`
}

// Respond edits the deferred response with the first message of the answer, retrying
// Discord's failures (5xx, no answer) until the token's lifetime nears its end or ctx
// ends, and sends the rest as follow-ups with the deferral's visibility.
func (r *interactionResponder) Respond(ctx context.Context, reply bot.Reply) error {
	deadline := r.received.Add(editWindow)
	if !r.a.now().Before(deadline) {
		r.a.metrics.Failed(Platform, "edit")
		return fmt.Errorf("discord: responding to /%s: the interaction's token expires in less than %s", reply.Command, TokenLifetime-editWindow)
	}
	hint := func(w *bot.WhoSaid) string {
		return w.ShareHint("/who-said " + optionTerm + ":" + w.Term + " " + optionShare + ":True")
	}
	msgs := r.a.renderer(r.i.ChannelID, hint).render(reply)
	app := r.appID()
	first := msgs[0]
	embeds := first.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	edit := call{op: "edit", what: "editing the response to /" + reply.Command, until: deadline,
		bucket: "webhooks/" + app + "/" + r.i.ID + "/@original"}
	body := editBody{Content: first.Content, Embeds: embeds, Flags: first.Flags & discordgo.MessageFlagsSuppressEmbeds}
	if err := r.a.requestJSON(ctx, edit, http.MethodPatch, discordgo.EndpointInteractionResponseActions(app, r.i.Token), body, nil); err != nil {
		return err
	}
	r.a.metrics.Posted(Platform)
	for n, m := range msgs[1:] {
		if err := r.followup(ctx, app, reply.Command, m); err != nil {
			return fmt.Errorf("%w (after %d of the answer's %d messages)", err, n+1, len(msgs))
		}
	}
	return nil
}

// followup sends one more message of the answer. A 5xx is not retried: a follow-up has
// no nonce, and a retry after a 5xx that did post would post twice.
func (r *interactionResponder) followup(ctx context.Context, app, command string, m message) error {
	flags := m.Flags
	if r.ephemeral {
		flags |= discordgo.MessageFlagsEphemeral
	}
	c := call{op: "followup", what: "following up the response to /" + command, bucket: "webhooks/" + app + "/" + r.i.ID}
	out := outgoing{Content: m.Content, Embeds: m.Embeds, Flags: flags}
	if err := r.a.requestJSON(ctx, c, http.MethodPost, discordgo.EndpointFollowupMessage(app, r.i.Token)+"?wait=true", out, nil); err != nil {
		return err
	}
	r.a.metrics.Posted(Platform)
	return nil
}
