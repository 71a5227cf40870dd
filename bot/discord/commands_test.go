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
