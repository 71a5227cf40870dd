package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// commandSpec is an application command as the bulk overwrite takes it
// (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
type commandSpec struct {
	Type        int          `json:"type"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Options     []optionSpec `json:"options,omitempty"`
	// Contexts are where a global command can be used: 0 guilds, 1 the bot's DMs.
	Contexts []int `json:"contexts,omitempty"`
}

// optionSpec is an option of a command.
type optionSpec struct {
	Type        int    `json:"type"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Required    bool   `json:"required,omitempty"`
	MaxLength   int    `json:"max_length,omitempty"`
}

// The option names of /who-said, and of /brief (topic).
const (
	optionTerm  = "term"
	optionShare = "share"
	optionFrom  = "from"
	optionTopic = "topic"
)

// commandSpecs returns the bot's slash commands: /brief [topic:<text>], /who-said [term:<text>]
// [from:<name>] [share:<bool>] (a term, a speaker or both) and /help; global ones may also
// be used in a DM with the bot.
func commandSpecs(global bool) []commandSpec {
	specs := []commandSpec{
		{Type: 1, Name: bot.CommandBrief, Description: "Post the briefing of the latest news in this channel",
			Options: []optionSpec{
				{Type: int(discordgo.ApplicationCommandOptionString), Name: optionTopic, Description: "Only the stories about this word or name",
					MaxLength: bot.MaxTermRunes},
			}},
		{Type: 1, Name: bot.CommandWhoSaid, Description: "Show who is quoted in the news saying a word, or what someone said",
			Options: []optionSpec{
				{Type: int(discordgo.ApplicationCommandOptionString), Name: optionTerm, Description: "The word or the name to look for",
					MaxLength: bot.MaxTermRunes},
				{Type: int(discordgo.ApplicationCommandOptionString), Name: optionFrom, Description: "Only what this speaker said",
					MaxLength: bot.MaxTermRunes},
				{Type: int(discordgo.ApplicationCommandOptionBoolean), Name: optionShare,
					Description: "Post the answer in the channel for everyone (by default only you see it)"},
			}},
		{Type: 1, Name: bot.CommandHelp, Description: "Show what briefbot does and how to ask it"},
	}
	if global {
		for i := range specs {
			specs[i].Contexts = []int{0, 1}
		}
	}
	return specs
}

// failedToRegister starts what Ready says when the commands could not be registered.
const failedToRegister = "could not register commands: "

// registerWindow is how long a registration that Discord fails (a 5xx) or cannot be
// reached is retried: a bulk overwrite is safe to repeat.
const registerWindow = 2 * time.Minute

// RegisterCommands registers the bot's slash commands with a bulk overwrite: in each
// configured guild (guild commands show at once), or globally when none is configured.
// An overwrite replaces every command of its scope, so a restart creates no duplicate
// and removes the commands the bot no longer has. It needs the application's ID, which
// READY gives (Connect first).
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	app := a.applicationID()
	if app == "" {
		return errors.New("discord: registering the commands: the application ID is not known yet (connect first)")
	}
	a.commands.Store("registering commands")
	scopes := a.guilds
	if len(scopes) == 0 {
		scopes = []string{""}
	}
	for _, guild := range scopes {
		if err := a.overwrite(ctx, app, guild); err != nil {
			a.commands.Store(failedToRegister + a.shortError(err))
			return err
		}
	}
	a.commands.Store("")
	a.log.Info("registered the commands", "where", a.where, "commands", []string{bot.CommandBrief, bot.CommandWhoSaid, bot.CommandHelp})
	return nil
}

// overwrite replaces the commands of one guild ("" for the global ones).
func (a *Adapter) overwrite(ctx context.Context, app, guild string) error {
	endpoint, where := discordgo.EndpointApplicationGlobalCommands(app), "globally"
	if guild != "" {
		endpoint, where = discordgo.EndpointApplicationGuildCommands(app, guild), "in guild "+guild
	}
	c := call{op: "commands", what: "registering the commands " + where + " (PUT, a bulk overwrite)", until: a.now().Add(registerWindow)}
	var got []commandSpec
	err := a.requestJSON(ctx, c, http.MethodPut, endpoint, commandSpecs(guild == ""), &got)
	switch {
	case err == nil:
		return nil
	case guild != "" && (isCode(err, 50001) || isCode(err, 10004)):
		return fmt.Errorf("%w (is the bot in guild %s, invited with the applications.commands scope?)", err, guild)
	}
	return err
}

// commandOf reads a slash command's name and options as a bot.Command: the term of
// /who-said parsed as typed text would be (so "--share" in it shares too), and the share
// option. Option values of an unexpected type are ignored.
func commandOf(data discordgo.ApplicationCommandInteractionData) bot.Command {
	var term, from, topic string
	share := false
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch v := o.Value.(type) {
		case string:
			switch o.Name {
			case optionTerm:
				term = v
			case optionFrom:
				from = v
			case optionTopic:
				topic = v
			}
		case bool:
			if o.Name == optionShare {
				share = v
			}
		}
	}
	if from = strings.TrimSpace(strings.ReplaceAll(from, `"`, "")); from != "" {
		term += ` ` + bot.FromPrefix + `"` + from + `"`
	}
	if bot.CommandName(data.Name) == bot.CommandBrief {
		return bot.ParseCommand(data.Name, topic)
	}
	cmd := bot.ParseCommand(data.Name, term)
	if share && cmd.Name == bot.CommandWhoSaid {
		cmd.Share = true
	}
	return cmd
}
