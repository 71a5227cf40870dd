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
		name       string
		in         string
		term, from string
		share      bool
		err        string // a substring of the error; "" for none
	}{
		{"one word", "ceasefire", "ceasefire", "", false, ""},
		{"phrase", "  peace   talks ", "peace talks", "", false, ""},
		{"quoted", "“peace talks”", "peace talks", "", false, ""},
		{"straight quotes", `"peace"`, "peace", "", false, ""},
		{"share first", "--share ceasefire", "ceasefire", "", true, ""},
		{"share last", "ceasefire --share", "ceasefire", "", true, ""},
		{"em dash share", "—share ceasefire", "ceasefire", "", true, ""},
		{"share upper case", "--SHARE ceasefire", "ceasefire", "", true, ""},
		{"control characters", "cease\x00fire\x1b[2J", "cease fire [2J", "", false, ""},
		{"invalid utf-8", "peace\xff", "peace", "", false, ""},
		{"empty", "", "", "", false, "give a word"},
		{"only share", "--share", "", "", true, "give a word"},
		{"punctuation only", "?!", "", "", false, "no letter or digit"},
		{"too long", strings.Repeat("a", bot.MaxTermRunes+1), "", "", false, "the limit is 100"},
		{"long but within", strings.Repeat("é", bot.MaxTermRunes), strings.Repeat("é", bot.MaxTermRunes), "", false, ""},
		{"a speaker", "from:Zelensky", "", "Zelensky", false, ""},
		{"a speaker in capitals", "FROM:Zelensky", "", "Zelensky", false, ""},
		{"a speaker and a term", "from:Putin ceasefire", "ceasefire", "Putin", false, ""},
		{"a term before the speaker", "ceasefire talks from:Putin", "ceasefire talks", "Putin", false, ""},
		{"a speaker after a space", "from: Putin ceasefire", "ceasefire", "Putin", false, ""},
		{"a quoted name", `from:"Keir Starmer" tariffs`, "tariffs", "Keir Starmer", false, ""},
		{"a curly quoted description", "from:“the Ukrainian president” --share", "", "the Ukrainian president", true, ""},
		{"a quoted name never closed", "from:“Keir Starmer tariffs", "", "Keir Starmer tariffs", false, ""},
		{"a speaker shared", "--share from:Zelensky", "", "Zelensky", true, ""},
		{"no name", "from:", "", "", false, "give the name of a speaker"},
		{"no name before share", "from: --share", "", "", false, "give the name of a speaker"},
		{"a wordless name", "from:?! peace", "", "", false, "the speaker's name holds no letter or digit"},
		{"two speakers", "from:Putin from:Zelensky", "", "", false, "give one speaker"},
		{"a name too long", "from:" + strings.Repeat("a", bot.MaxTermRunes+1), "", "", false, "the speaker's name is 101 characters long"},
		{"a speaker and a wordless term", "from:Putin ?!", "", "", false, "the term holds no letter or digit"},
		{"from inside a word is a term", "wherefrom:", "wherefrom:", "", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, share, err := bot.ParseWhoSaid(tc.in)
			if tc.err != "" {
				var ue *bot.UsageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseWhoSaid(%q) error %v, want a usage error with %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || q.Term != tc.term || q.From != tc.from || share != tc.share {
				t.Errorf("ParseWhoSaid(%q) = %+v, %v, %v; want %q from %q, %v", tc.in, q, share, err, tc.term, tc.from, tc.share)
			}
		})
	}
}

func TestQueryString(t *testing.T) {
	for _, tc := range []struct {
		q    bot.Query
		want string
	}{
		{bot.Query{Term: "ceasefire"}, "ceasefire"},
		{bot.Query{From: "Putin"}, "from:Putin"},
		{bot.Query{From: "Putin", Term: "root causes"}, "from:Putin root causes"},
		{bot.Query{From: "Keir Starmer"}, "from:“Keir Starmer”"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.q.String(); got != tc.want {
				t.Errorf("%+v.String() = %q, want %q", tc.q, got, tc.want)
			}
			// What String gives reads back as the same query.
			back, _, err := bot.ParseWhoSaid(tc.q.String())
			if err != nil || back != tc.q {
				t.Errorf("ParseWhoSaid(%q) = %+v, %v; want %+v", tc.q.String(), back, err, tc.q)
			}
		})
	}
}

// FuzzParseWhoSaid checks that any text gives either a usage error or a clean query: a
// term or a speaker, each valid UTF-8, without control characters, trimmed, within
// MaxTermRunes.
func FuzzParseWhoSaid(f *testing.F) {
	for _, s := range []string{"ceasefire", "--share peace talks", "“x”", "\x00", "—share", strings.Repeat("ab ", 60), "\xff\xfe",
		"from:Putin ceasefire", `from:"Keir Starmer"`, "from:“a b", "from: from:", "FROM:x --share y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q, _, err := bot.ParseWhoSaid(text)
		if err != nil {
			var ue *bot.UsageError
			if !errors.As(err, &ue) || bot.UserMessage(err) == "" {
				t.Fatalf("error %v is not a usage error with a message", err)
			}
			return
		}
		if q.Term == "" && q.From == "" {
			t.Fatalf("%q gives neither a term nor a speaker", text)
		}
		for _, s := range []string{q.Term, q.From} {
			switch {
			case !utf8.ValidString(s):
				t.Fatalf("%q is not valid UTF-8", s)
			case strings.ContainsFunc(s, unicode.IsControl):
				t.Fatalf("%q holds a control character", s)
			case strings.TrimSpace(s) != s:
				t.Fatalf("%q is not trimmed", s)
			case utf8.RuneCountInString(s) > bot.MaxTermRunes:
				t.Fatalf("%q is too long", s)
			}
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
		{"/brief", "today", bot.Command{Name: bot.CommandBrief, Topic: "today"}, bot.InChannel, false},
		{"/brief", "  “peace talks”  ", bot.Command{Name: bot.CommandBrief, Topic: "peace talks"}, bot.InChannel, false},
		{"/brief", "?!", bot.Command{Name: bot.CommandBrief}, bot.Ephemeral, true},
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
