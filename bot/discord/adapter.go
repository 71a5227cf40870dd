package discord

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// An Adapter connects a bot to Discord over the gateway: it registers the slash
// commands, answers them and the messages that mention the bot, and posts unprompted.
// It is a bot.Poster.
type Adapter struct {
	*session
	bot    *bot.Bot
	guilds []string
	style  Style
	styles map[string]Style

	// commands is what the registration of the slash commands is doing: "" once done.
	commands atomic.Value
	// where says where the commands are registered, for Ready.
	where string
	tasks tasks
}

var _ bot.Poster = (*Adapter)(nil)

// New returns an adapter that answers with b; nothing is sent to Discord before Run (or
// Connect).
func New(b *bot.Bot, c Config) (*Adapter, error) {
	if b == nil {
		return nil, errors.New("discord: no bot")
	}
	for _, g := range c.Guilds {
		if !snowflake(g) {
			return nil, fmt.Errorf("discord: the guild ID %q is not a Discord ID (1 to 20 digits)", bot.Redact(g))
		}
	}
	if c.Style == "" {
		c.Style = StyleEmbeds
	}
	if err := checkStyle(c.Style); err != nil {
		return nil, err
	}
	for ch, st := range c.ChannelStyles {
		if !snowflake(ch) {
			return nil, fmt.Errorf("discord: the channel ID %q is not a Discord ID (1 to 20 digits)", bot.Redact(ch))
		}
		if err := checkStyle(st); err != nil {
			return nil, fmt.Errorf("%w (channel %s)", err, ch)
		}
	}
	s, err := newSession(c)
	if err != nil {
		return nil, err
	}
	a := &Adapter{session: s, bot: b, guilds: c.Guilds, style: c.Style, styles: c.ChannelStyles}
	a.commands.Store("commands not registered yet")
	a.where = "global"
	if n := len(c.Guilds); n > 0 {
		a.where = "in " + strconv.Itoa(n) + " " + pluralize(n, "guild", "guilds")
	}
	s.dg.AddHandler(a.onInteractionCreate)
	s.dg.AddHandler(a.onMessageCreate)
	return a, nil
}

func checkStyle(s Style) error {
	if s != StyleEmbeds && s != StylePlain {
		return fmt.Errorf("discord: unknown style %q: want %s or %s", s, StyleEmbeds, StylePlain)
	}
	return nil
}

// Run connects to Discord (Connect: the token checked, the gateway opened, an
// unreachable Discord waited out), registers the slash commands, and answers until ctx
// ends; then it closes the gateway and waits for the acknowledgements in flight. The
// replies in flight are the bot's (see bot.Bot.Drain). It returns nil when ctx ends, and
// an error when it cannot connect or register the commands for good (a rejected token,
// a guild the bot is not in).
func (a *Adapter) Run(ctx context.Context) error {
	defer a.stop()
	if err := a.Connect(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped before Discord answered
		}
		return err
	}
	if err := a.RegisterCommands(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	<-ctx.Done()
	return nil
}

// stop closes the gateway, then waits for the acknowledgements in flight.
func (a *Adapter) stop() {
	if err := a.Close(); err != nil {
		a.log.Warn("closing the gateway", "error", err)
	}
	a.tasks.wait()
}

// Ready reports whether the adapter takes commands: the gateway is up and the slash
// commands are registered. It says how in a few words, such as "gateway: connected for
// 5m0s; commands in 2 guilds".
func (a *Adapter) Ready() (bool, string) {
	ok, msg := a.session.Ready()
	switch c := a.commands.Load().(string); {
	case c == "":
		return ok, msg + "; commands " + a.where
	case ok || strings.HasPrefix(c, failedToRegister):
		return false, msg + "; " + c
	}
	return false, msg
}

// styleOf returns the style of a channel.
func (a *Adapter) styleOf(channelID string) Style {
	if s, ok := a.styles[channelID]; ok {
		return s
	}
	return a.style
}

// renderer returns the renderer of a channel, with the hint under private who-said
// answers.
func (a *Adapter) renderer(channelID string, hint func(*bot.WhoSaid) string) renderer {
	return renderer{plain: a.styleOf(channelID) == StylePlain, hint: hint}
}

// Post posts r in a channel with Create Message, continued in more messages when it is
// long, and returns the first message's ID. A key goes into each message as its nonce
// (the key for the first, key#2 and on for the others) with enforce_nonce, so that a
// retried post returns the messages already posted instead of posting them twice, and
// on its slot line (see slotLine), where Find reads it back. A key must pass checkKey.
//
// The error wraps ErrRateLimited only when no message was made: the first message was
// refused as rate limited and no attempt at it may have been served.
func (a *Adapter) Post(ctx context.Context, channelID string, r bot.Reply, key string) (bot.MessageRef, error) {
	ref := bot.MessageRef{Platform: Platform, ChannelID: channelID}
	if key != "" {
		if err := checkKey(key); err != nil {
			a.metrics.Failed(Platform, "post")
			return ref, err
		}
	}
	msgs, keys := a.renderer(channelID, nil).renderPost(r, key)
	for i, m := range msgs {
		msg, err := a.send(ctx, "post", channelID, outgoing{Content: m.Content, Embeds: m.Embeds, Flags: m.Flags}, keys[i])
		if err != nil {
			if i > 0 {
				err = fmt.Errorf("%w (after %d of the answer's messages were posted)", servedIf(err, true), i)
			}
			return ref, err
		}
		a.metrics.Posted(Platform)
		if i == 0 {
			ref.ID = msg.ID
		}
	}
	return ref, nil
}

// renderPost renders r for Post, and returns each message's key: with a key (one that
// passes checkKey), the key for the first, key#2 and on for the others, each message
// carrying its key's slot line, for which it keeps room; "" for each without.
func (rd renderer) renderPost(r bot.Reply, key string) ([]message, []string) {
	if key != "" {
		rd.reserve = slotLineRoom(key)
	}
	msgs := rd.render(r)
	keys := make([]string, len(msgs))
	for i := range msgs {
		if key == "" {
			continue
		}
		keys[i] = key
		if i > 0 {
			keys[i] = key + "#" + strconv.Itoa(i+1)
		}
		msgs[i] = withSlotLine(msgs[i], slotLine(keys[i]))
	}
	return msgs, keys
}

// tasks runs the adapter's goroutines (the acknowledgements), so that stop can wait
// for them.
type tasks struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	closed bool
}

// goRun runs fn in a goroutine, unless wait has begun; it reports whether it did.
func (t *tasks) goRun(fn func()) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.wg.Go(fn)
	return true
}

// wait stops goRun from starting more and waits for those running.
func (t *tasks) wait() {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	t.wg.Wait()
}

// isCode reports whether err is Discord's answer with the given JSON error code.
func isCode(err error, code int) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == code
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
