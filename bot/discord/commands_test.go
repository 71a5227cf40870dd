package discord

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestCommandOfFrom(t *testing.T) {
	opt := func(name string, v any) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Value: v}
	}
	for _, tc := range []struct {
		name       string
		options    []*discordgo.ApplicationCommandInteractionDataOption
		term, from string
		usage      bool
	}{
		{"term", []*discordgo.ApplicationCommandInteractionDataOption{opt("term", "ceasefire")}, "ceasefire", "", false},
		{"from", []*discordgo.ApplicationCommandInteractionDataOption{opt("from", "Volodymyr Zelensky")}, "", "Volodymyr Zelensky", false},
		{"both", []*discordgo.ApplicationCommandInteractionDataOption{opt("term", "ceasefire"), opt("from", `Pu"tin`)}, "ceasefire", "Putin", false},
		{"neither", nil, "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := commandOf(discordgo.ApplicationCommandInteractionData{Name: "who-said", Options: tc.options})
			if (cmd.Err != nil) != tc.usage || (!tc.usage && (cmd.Term != tc.term || cmd.From != tc.from)) {
				t.Errorf("commandOf = %+v, want term %q, from %q, usage error %v", cmd, tc.term, tc.from, tc.usage)
			}
		})
	}
}

func TestCommandOfBriefTopic(t *testing.T) {
	opt := func(name string, v any) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Value: v}
	}
	for _, tc := range []struct {
		name    string
		options []*discordgo.ApplicationCommandInteractionDataOption
		topic   string
		usage   bool
	}{
		{"no topic", nil, "", false},
		{"topic", []*discordgo.ApplicationCommandInteractionDataOption{opt("topic", "  “harbour bridge” ")}, "harbour bridge", false},
		{"wordless topic", []*discordgo.ApplicationCommandInteractionDataOption{opt("topic", "***")}, "", true},
		{"a term is not a topic", []*discordgo.ApplicationCommandInteractionDataOption{opt("term", "ceasefire")}, "", false},
		{"a topic of the wrong type", []*discordgo.ApplicationCommandInteractionDataOption{opt("topic", 12.0)}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := commandOf(discordgo.ApplicationCommandInteractionData{Name: "brief", Options: tc.options})
			if cmd.Name != "brief" || (cmd.Err != nil) != tc.usage || cmd.Topic != tc.topic {
				t.Errorf("commandOf = %+v, want topic %q, usage error %v", cmd, tc.topic, tc.usage)
			}
		})
	}
	for _, spec := range commandSpecs(false) {
		if spec.Name == "brief" && (len(spec.Options) != 1 || spec.Options[0].Name != optionTopic || spec.Options[0].Required) {
			t.Errorf("/brief is registered with the options %+v, want an optional topic", spec.Options)
		}
	}
}
