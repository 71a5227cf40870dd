package bot_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
)

func TestCommandName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/brief", "brief"},
		{"brief", "brief"},
		{" /Brief ", "brief"},
		{"/who-said", "who-said"},
		{"/whosaid", "who-said"},
		{"/briefbot-help", "help"},
		{"/help", "help"},
		{"/helpme", "unknown"},
		{"", "unknown"},
		{"/", "unknown"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := bot.CommandName(tc.in); got != tc.want {
				t.Errorf("CommandName(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseLine(t *testing.T) {
	for _, tc := range []struct{ in, command, text string }{
		{"/brief", "/brief", ""},
		{"  /who-said   ceasefire talks ", "/who-said", "ceasefire talks"},
		{"help\tme", "help", "me"},
		{"", "", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			c, text := bot.ParseLine(tc.in)
			if c != tc.command || text != tc.text {
				t.Errorf("ParseLine(%q) = %q, %q; want %q, %q", tc.in, c, text, tc.command, tc.text)
			}
		})
	}
}

func TestParseWhoSaid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		term  string
		share bool
		err   string // a substring of the error; "" for none
	}{
		{"one word", "ceasefire", "ceasefire", false, ""},
		{"phrase", "  peace   talks ", "peace talks", false, ""},
		{"quoted", "“peace talks”", "peace talks", false, ""},
		{"straight quotes", `"peace"`, "peace", false, ""},
		{"share first", "--share ceasefire", "ceasefire", true, ""},
		{"share last", "ceasefire --share", "ceasefire", true, ""},
		{"em dash share", "—share ceasefire", "ceasefire", true, ""},
		{"share upper case", "--SHARE ceasefire", "ceasefire", true, ""},
		{"control characters", "cease\x00fire\x1b[2J", "cease fire [2J", false, ""},
		{"invalid utf-8", "peace\xff", "peace", false, ""},
		{"empty", "", "", false, "give a word"},
		{"only share", "--share", "", true, "give a word"},
		{"punctuation only", "?!", "", false, "no letter or digit"},
		{"too long", strings.Repeat("a", bot.MaxTermRunes+1), "", false, "the limit is 100"},
		{"long but within", strings.Repeat("é", bot.MaxTermRunes), strings.Repeat("é", bot.MaxTermRunes), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			term, share, err := bot.ParseWhoSaid(tc.in)
			if tc.err != "" {
				var ue *bot.UsageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseWhoSaid(%q) error %v, want a usage error with %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || term != tc.term || share != tc.share {
				t.Errorf("ParseWhoSaid(%q) = %q, %v, %v; want %q, %v", tc.in, term, share, err, tc.term, tc.share)
			}
		})
	}
}

// FuzzParseWhoSaid checks that any text gives either a usage error or a clean term: valid
// UTF-8, no control characters, trimmed, within MaxTermRunes, with a letter or digit.
func FuzzParseWhoSaid(f *testing.F) {
	for _, s := range []string{"ceasefire", "--share peace talks", "“x”", "\x00", "—share", strings.Repeat("ab ", 60), "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		term, _, err := bot.ParseWhoSaid(text)
		if err != nil {
			var ue *bot.UsageError
			if !errors.As(err, &ue) || bot.UserMessage(err) == "" {
				t.Fatalf("error %v is not a usage error with a message", err)
			}
			return
		}
		switch {
		case !utf8.ValidString(term):
			t.Fatalf("term %q is not valid UTF-8", term)
		case strings.ContainsFunc(term, unicode.IsControl):
			t.Fatalf("term %q holds a control character", term)
		case strings.TrimSpace(term) != term || term == "":
			t.Fatalf("term %q is not trimmed or is empty", term)
		case utf8.RuneCountInString(term) > bot.MaxTermRunes:
			t.Fatalf("term %q is too long", term)
		}
	})
}

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct {
		spelling, text string
		want           bot.Command
		visibility     bot.Visibility
		usage          bool
	}{
		{"/brief", "", bot.Command{Name: bot.CommandBrief}, bot.InChannel, false},
		{"/brief", "today", bot.Command{Name: bot.CommandBrief}, bot.Ephemeral, true},
		{"/who-said", "ceasefire", bot.Command{Name: bot.CommandWhoSaid, Term: "ceasefire"}, bot.Ephemeral, false},
		{"/who-said", "--share “ceasefire”", bot.Command{Name: bot.CommandWhoSaid, Term: "ceasefire", Share: true}, bot.InChannel, false},
		{"/who-said", "--share", bot.Command{Name: bot.CommandWhoSaid, Share: true}, bot.Ephemeral, true},
		{"/help", "me", bot.Command{Name: bot.CommandHelp}, bot.Ephemeral, false},
		{"/dance", "", bot.Command{Name: bot.CommandUnknown}, bot.Ephemeral, true},
	} {
		t.Run(tc.spelling+" "+tc.text, func(t *testing.T) {
			got := bot.ParseCommand(tc.spelling, tc.text)
			var ue *bot.UsageError
			if tc.usage != errors.As(got.Err, &ue) {
				t.Errorf("Err = %v, want a usage error: %v", got.Err, tc.usage)
			}
			got.Err = nil
			if got != tc.want {
				t.Errorf("ParseCommand = %+v, want %+v", got, tc.want)
			}
			if v := bot.ParseCommand(tc.spelling, tc.text).Visibility(); v != tc.visibility {
				t.Errorf("Visibility() = %v, want %v", v, tc.visibility)
			}
		})
	}
}
