package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/bot"
)

// TestSlackManifest checks that docs/slack-manifest.yaml registers exactly the commands
// the bot answers, with the scopes it needs, over Socket Mode.
func TestSlackManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "slack-manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			SlashCommands []struct {
				Command      string `yaml:"command"`
				Description  string `yaml:"description"`
				ShouldEscape bool   `yaml:"should_escape"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
		OAuthConfig struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			SocketModeEnabled bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range m.Features.SlashCommands {
		names = append(names, bot.CommandName(c.Command))
		if c.Description == "" || len(c.Description) > 100 || c.ShouldEscape {
			t.Errorf("%s: description %q (1 to 100 characters), should_escape %v (want false)", c.Command, c.Description, c.ShouldEscape)
		}
	}
	slices.Sort(names)
	if want := []string{bot.CommandBrief, bot.CommandHelp, bot.CommandWhoSaid}; !slices.Equal(names, want) {
		t.Errorf("the manifest registers %v, want %v", names, want)
	}
	for _, scope := range []string{"commands", "chat:write", "chat:write.public", "channels:history", "groups:history"} {
		if !slices.Contains(m.OAuthConfig.Scopes.Bot, scope) {
			t.Errorf("the manifest lacks the bot scope %s", scope)
		}
	}
	if !m.Settings.SocketModeEnabled {
		t.Error("the manifest does not turn Socket Mode on")
	}
}
