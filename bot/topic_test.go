package bot_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize/quotes"
)

func TestParseTopic(t *testing.T) {
	for _, tc := range []struct {
		text, want string
		usage      bool
	}{
		{"", "", false},
		{"   \t ", "", false},
		{"ceasefire", "ceasefire", false},
		{"  peace   talks ", "peace talks", false},
		{"“Zelensky”", "Zelensky", false},
		{"peace\x00talks", "peace talks", false},
		{"bad \xff byte", "bad byte", false},
		{"@everyone", "@everyone", false},
		{"***", "", true},
		{strings.Repeat("a", bot.MaxTermRunes+1), "", true},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := bot.ParseTopic(tc.text)
			var ue *bot.UsageError
			if tc.usage != errors.As(err, &ue) || got != tc.want {
				t.Errorf("ParseTopic(%q) = %q, %v; want %q, a usage error: %v", tc.text, got, err, tc.want, tc.usage)
			}
		})
	}
}

func FuzzParseTopic(f *testing.F) {
	for _, s := range []string{"ceasefire", "peace talks", "“x”", "\x00", "—share", strings.Repeat("ab ", 60), "\xff\xfe", "<b>@here</b>", "  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		topic, err := bot.ParseTopic(text)
		if err != nil {
			var ue *bot.UsageError
			if !errors.As(err, &ue) || bot.UserMessage(err) == "" {
				t.Fatalf("error %v is not a usage error with a message", err)
			}
			return
		}
		switch {
		case !utf8.ValidString(topic):
			t.Fatalf("%q is not valid UTF-8", topic)
		case strings.ContainsFunc(topic, unicode.IsControl):
			t.Fatalf("%q holds a control character", topic)
		case strings.TrimSpace(topic) != topic:
			t.Fatalf("%q is not trimmed", topic)
		case utf8.RuneCountInString(topic) > bot.MaxTermRunes:
			t.Fatalf("%q is too long", topic)
		}
		if topic == "" {
			return
		}
		if again, err := bot.ParseTopic(topic); err != nil || again != topic {
			t.Fatalf("ParseTopic(%q) = %q, %v: not a fixed point", topic, again, err)
		}
		if _, err := quotes.NewTerm(topic); err != nil {
			t.Fatalf("topic %q cannot be looked for: %v", topic, err)
		}
	})
}

// BenchmarkParseTopic measures hostile topics: a megabyte of words, of control
// characters and of invalid UTF-8. The cost is linear in the input.
func BenchmarkParseTopic(b *testing.B) {
	for name, text := range map[string]string{
		"words":   strings.Repeat("peace talks ", 1<<16),
		"control": strings.Repeat("\x00\x01 a", 1<<18),
		"invalid": strings.Repeat("\xff\xfe", 1<<19),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				bot.ParseTopic(text)
			}
		})
	}
}
