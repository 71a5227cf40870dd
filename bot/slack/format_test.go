package slack

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot/bot"
)

// zwsp is the zero-width space that the renderer puts on both sides of a formatting
// character from an article.
const zwsp = "\u200B"

// isMarker reports whether r is one of mrkdwn's formatting characters.
func isMarker(r rune) bool { return r == '*' || r == '_' || r == '~' || r == '`' }

// wordRune reports whether r counts as part of a word for mrkdwn: letters, digits, and
// the invisible format characters (U+200B, U+2060), which Slack does not take for spaces.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Cf, r)
}

// formatted returns the spans of s that Slack's mrkdwn formats: a pair of the same
// formatting character on one line, the first at the start of a word (after the start of
// the text, a space or punctuation, and before a character that is not a space), the
// second at the end of one (after a character that is not a space, and before the end, a
// space or punctuation). It models the rule the renderer relies on: a formatting
// character between two word characters, as in snake_case, neither opens nor closes.
func formatted(s string) []string {
	rs := []rune(s)
	boundary := func(i int) bool { return i < 0 || i >= len(rs) || !wordRune(rs[i]) }
	space := func(i int) bool { return i < 0 || i >= len(rs) || unicode.IsSpace(rs[i]) }
	var spans []string
	for i := 0; i < len(rs); i++ {
		m := rs[i]
		if !isMarker(m) || !boundary(i-1) || space(i+1) {
			continue
		}
		for j := i + 2; j < len(rs) && rs[j] != '\n'; j++ {
			if rs[j] == m && !space(j-1) && boundary(j+1) {
				spans = append(spans, string(rs[i:j+1]))
				i = j
				break
			}
		}
	}
	return spans
}

func TestFormatted(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a *bold* word", []string{"*bold*"}},
		{"_it_, ~st~ and `c`", []string{"_it_", "~st~", "`c`"}},
		{"snake_case_name", nil},
		{"2 * 3 * 4", nil},
		{"*two\nlines*", nil},
		{zwsp + "*" + zwsp + "x" + zwsp + "*" + zwsp, nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := formatted(tc.in); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("formatted(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// mrkdwnTexts returns the mrkdwn texts of m's blocks, and its headers' plain text.
func mrkdwnTexts(t *testing.T, m message) (mrkdwn, plain []string) {
	t.Helper()
	raw, err := json.Marshal(m.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []struct {
		Text     *struct{ Type, Text string }  `json:"text"`
		Elements []struct{ Type, Text string } `json:"elements"`
	}
	if err := json.Unmarshal(raw, &blocks); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		objs := b.Elements
		if b.Text != nil {
			objs = append(objs, *b.Text)
		}
		for _, o := range objs {
			if o.Type == "mrkdwn" {
				mrkdwn = append(mrkdwn, o.Text)
			} else {
				plain = append(plain, o.Text)
			}
		}
	}
	return mrkdwn, plain
}

// TestRenderArticleFormatting renders article text full of mrkdwn's formatting
// characters: the only spans Slack formats are the renderer's own (citations in italics,
// speakers in bold), every character of the article is still there, and headers, being
// plain text, show the text exactly.
func TestRenderArticleFormatting(t *testing.T) {
	const text = "Shares of *ACME* fell as _analysts_ said ~costs~ rose; see `code`, ```a block``` and snake_case"
	const headline = "*Breaking*: _news_ ~today~"
	b := &bot.Briefing{Headline: headline, Articles: 1, Outlets: []string{"Reuters"}, Stories: []bot.Story{{Items: []bot.Item{
		{Text: text, Sources: []bot.Citation{{Outlet: "The _Times_", URL: "https://www.example.com/x"}}},
	}}}}
	w := &bot.WhoSaid{Term: "`term`", Articles: 1, Speakers: []bot.Speaker{{Name: "Donald *Trump*", Quotes: []bot.Quotation{
		{Text: text, Sources: []bot.Citation{{Outlet: "CNN"}}},
	}}}}
	for _, tc := range []struct {
		name  string
		reply bot.Reply
		spans []string // the renderer's own, without the zero-width spaces
	}{
		{"briefing", bot.Reply{Briefing: b}, []string{"_<https://www.example.com/x|The _Times_>_"}},
		{"who-said", bot.Reply{WhoSaid: w, Visibility: bot.InChannel}, []string{"*Donald *Trump**", "_CNN_"}},
		{"text", bot.Reply{Text: text}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := render(tc.reply)
			mrkdwn, plain := mrkdwnTexts(t, m)
			var spans []string
			for _, s := range append(mrkdwn, m.Text) {
				for _, sp := range formatted(s) {
					spans = append(spans, strings.ReplaceAll(sp, zwsp, ""))
				}
			}
			if strings.Join(spans, "|") != strings.Join(tc.spans, "|") {
				t.Errorf("formatted spans %q, want only the renderer's own %q", spans, tc.spans)
			}
			all := strings.ReplaceAll(strings.Join(append(mrkdwn, m.Text), "\n"), zwsp, "")
			if !strings.Contains(all, text) {
				t.Errorf("the article text is not there as it is:\n%s", all)
			}
			for _, p := range plain {
				if strings.Contains(p, zwsp) {
					t.Errorf("plain text %q holds zero-width spaces", p)
				}
			}
			if tc.name == "briefing" && (len(plain) == 0 || plain[0] != headline) {
				t.Errorf("header %q, want %q", plain, headline)
			}
		})
	}
}

// checkMarkersFlanked checks that every formatting character in s, escaped article text
// possibly cut by fit, has a zero-width space on both sides.
func checkMarkersFlanked(t *testing.T, s string) {
	t.Helper()
	rs := []rune(s)
	for i, r := range rs {
		if isMarker(r) && (i == 0 || i == len(rs)-1 || rs[i-1] != '\u200B' || rs[i+1] != '\u200B') {
			t.Fatalf("formatting character %q at %d is not between zero-width spaces: %q", r, i, s)
		}
	}
}

func TestEscapeFormattingCharacters(t *testing.T) {
	for _, in := range []string{"*", "a_b", "~~", "```x```", "*" + strings.Repeat("_", 100) + "*", zwsp + "*" + zwsp} {
		t.Run(in, func(t *testing.T) {
			s := escape(in)
			checkMarkersFlanked(t, s)
			if got := strings.ReplaceAll(s, zwsp, ""); got != strings.ReplaceAll(in, zwsp, "") {
				t.Errorf("escape(%q) shows %q", in, got)
			}
			for n := range textLen(s) + 2 {
				checkMarkersFlanked(t, strings.TrimSuffix(fit(s, n), "…"))
			}
		})
	}
}

func TestEscapeQuoteAtLineStart(t *testing.T) {
	for _, in := range []string{"> quoted", "line\n> quoted"} {
		s := escape(in)
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "&gt;") {
				t.Errorf("escape(%q) = %q: a line starts with &gt;, a block quote", in, s)
			}
		}
	}
}
