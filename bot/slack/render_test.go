package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/summarize"
)

// messageJSON renders a message as the JSON Slack receives: fallback text and blocks.
func messageJSON(t testing.TB, m message) string {
	t.Helper()
	b, err := json.MarshalIndent(struct {
		Text   string `json:"text"`
		Blocks any    `json:"blocks"`
	}{m.Text, m.Blocks}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func TestRenderGolden(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	seedsBriefing, err := f.bot.Briefing(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		reply bot.Reply
	}{
		{"briefing-seeds.golden", bot.Reply{Briefing: seedsBriefing, Visibility: bot.InChannel}},
		{"briefing-top-stories.golden", bot.Reply{Briefing: bottest.TopStories(t), Visibility: bot.InChannel}},
		{"whosaid.golden", bot.Reply{WhoSaid: sampleWhoSaid(), Visibility: bot.Ephemeral}},
		{"whosaid-shared.golden", bot.Reply{WhoSaid: sampleWhoSaid(), Visibility: bot.InChannel}},
		{"whosaid-none.golden", bot.Reply{WhoSaid: &bot.WhoSaid{Term: "<!here>", Articles: 5}}},
		{"whosaid-from.golden", bot.Reply{WhoSaid: sampleFrom("<!channel> Putin *x*", "ceasefire"), Visibility: bot.Ephemeral}},
		{"whosaid-from-none.golden", bot.Reply{WhoSaid: &bot.WhoSaid{From: "Merz <@U1>", Articles: 5}, Visibility: bot.Ephemeral}},
		{"help.golden", f.bot.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("/help", "")})},
		{"usage.golden", f.bot.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("/nope", "")})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := render(tc.reply)
			checkLimits(t, m)
			checkInert(t, m, "https://www.")
			bottest.Golden(t, tc.name, []byte(messageJSON(t, m)))
		})
	}
}

// sampleFrom is the sample answer asked of a speaker, with a term or without.
func sampleFrom(from, term string) *bot.WhoSaid {
	w := sampleWhoSaid()
	w.From, w.Term, w.Speakers = from, term, w.Speakers[:1]
	return w
}

// checkLimits checks a message against every Slack limit the renderer promises.
func checkLimits(t *testing.T, m message) {
	t.Helper()
	if m.Text == "" || textLen(m.Text) > MaxFallbackText {
		t.Errorf("fallback text of length %d, want 1 to %d", textLen(m.Text), MaxFallbackText)
	}
	if len(m.Blocks) == 0 || len(m.Blocks) > MaxBlocks {
		t.Errorf("%d blocks, want 1 to %d", len(m.Blocks), MaxBlocks)
	}
	raw, err := json.Marshal(m.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []struct {
		Type string `json:"type"`
		Text *struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"text"`
		Elements []struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(raw, &blocks); err != nil {
		t.Fatal(err)
	}
	for i, b := range blocks {
		switch b.Type {
		case "header":
			if b.Text == nil || b.Text.Type != "plain_text" || b.Text.Text == "" || textLen(b.Text.Text) > MaxHeaderText {
				t.Errorf("block %d: header %+v, want plain text of 1 to %d characters", i, b.Text, MaxHeaderText)
			}
		case "section":
			if b.Text == nil || b.Text.Text == "" || textLen(b.Text.Text) > MaxSectionText {
				t.Errorf("block %d: section of %d characters, want 1 to %d", i, textLen(b.Text.Text), MaxSectionText)
			}
		case "context":
			if len(b.Elements) == 0 || len(b.Elements) > MaxContextElements {
				t.Errorf("block %d: %d context elements", i, len(b.Elements))
			}
			for _, e := range b.Elements {
				if e.Text == "" || textLen(e.Text) > MaxSectionText {
					t.Errorf("block %d: context element of %d characters", i, textLen(e.Text))
				}
			}
		default:
			t.Errorf("block %d: unexpected type %q", i, b.Type)
		}
	}
}

// markupRE matches Slack's markup for mentions, channel links and links; linkRE the
// links the renderer makes itself, to the articles' web addresses.
var (
	markupRE = regexp.MustCompile(`<[^>]*>`)
	linkRE   = regexp.MustCompile(`^<https?://[^\s<>|]+\|[^<>]+>$`)
)

// checkInert checks that no text of m holds a mention, a broadcast (<!channel>,
// <!here>, <!everyone>, a bare @channel, @here or @everyone) or a link other than the
// renderer's own links to article URLs starting with allowed.
func checkInert(t *testing.T, m message, allowed string) {
	t.Helper()
	raw, err := json.Marshal(m.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "text" {
					texts = append(texts, s)
				}
				collect(x)
			}
		case []any:
			for _, x := range v {
				collect(x)
			}
		}
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	collect(tree)
	texts = append(texts, m.Text)
	for _, s := range texts {
		for _, tag := range markupRE.FindAllString(s, -1) {
			if !linkRE.MatchString(tag) || !strings.HasPrefix(tag, "<"+allowed) {
				t.Errorf("text holds markup %q:\n%s", tag, s)
			}
		}
		lower := strings.ToLower(s)
		for _, bad := range []string{"@channel", "@here", "@everyone", "<!", "<@", "<#"} {
			if strings.Contains(lower, bad) {
				t.Errorf("text holds %q:\n%s", bad, s)
			}
		}
	}
}

// hostile is text that tries every way of pinging a channel or hiding a link.
const hostile = "Officials said <!channel> and <!here|here> and <!everyone> should read this, @everyone and @here too, " +
	"as <@U024BE7LH> and <#C024BE7LR> said at <https://evil.example|the docs> & more > less."

// corpusOf returns a corpus of n synthetic articles of a few stories, whose sentences
// vary in length up to very long ones and hold hostile text.
func corpusOf(n int) *summarize.Corpus {
	stories := []string{"budget", "election", "flood", "strike", "trial", "summit", "vaccine"}
	articles := make([]summarize.Article, n)
	for i := range articles {
		story := stories[i%len(stories)]
		var sb strings.Builder
		fmt.Fprintf(&sb, "The %s dominated the news on day %d, officials in the capital said on Monday. ", story, i%5)
		fmt.Fprintf(&sb, "%s The %s was discussed by ministers at length. ", hostile, story)
		if i%3 == 0 {
			sb.WriteString("The report on the " + story + " ran to " + strings.Repeat("many pages and annexes about the "+story+" and its costs, ", 120) + "ending there. ")
		}
		fmt.Fprintf(&sb, "Residents told reporters the %s would change their lives, and some said they had waited years. ", story)
		fmt.Fprintf(&sb, "Experts warned that the %s could last for weeks, with costs rising every day.\n", story)
		articles[i] = summarize.Article{
			ID:        fmt.Sprintf("a%03d.txt", i),
			Title:     fmt.Sprintf("The %s: %s %s", story, strings.Repeat("very long headline words ", i%4*8), "<!channel>"),
			Outlet:    fmt.Sprintf("Outlet %d <@U%d>", i%13, i),
			URL:       fmt.Sprintf("https://www.example.com/%s/%d?a=1&b=<%d>", story, i, i),
			Published: time.Date(2025, 5, 1+i%20, 8, 0, 0, 0, time.UTC),
			Text:      sb.String(),
		}
	}
	return summarize.NewCorpus(articles)
}

// TestRenderBriefingLimits renders briefings of 1, 10 and 100 articles, short and long
// (up to every sentence), and checks every limit and that no text pings or links.
func TestRenderBriefingLimits(t *testing.T) {
	for _, n := range []int{1, 10, 100} {
		c := corpusOf(n)
		for _, opt := range []summarize.Options{
			{Words: 120, Sentences: 6},
			{Words: 100_000},
		} {
			t.Run(fmt.Sprintf("%d articles %d words", n, opt.Words), func(t *testing.T) {
				s, err := c.Summarize(opt)
				if err != nil {
					t.Fatal(err)
				}
				b := bot.NewBriefing(c, s)
				m := render(bot.Reply{Briefing: b, Visibility: bot.InChannel})
				checkLimits(t, m)
				checkInert(t, m, "https://www.example.com/")
				if !strings.Contains(plainJSON(t, m.Blocks), "&lt;!channel&gt;") {
					t.Errorf("the hostile text is not in the briefing, escaped; the test proves nothing")
				}
				if len(b.Items()) > MaxBlocks-2 && !strings.Contains(plainJSON(t, m.Blocks), "more point") {
					t.Errorf("%d points and no note of those left out", len(b.Items()))
				}
			})
		}
	}
}

// plainJSON returns the JSON of v without the escaping of &, < and > as \u0026 etc.
func plainJSON(t testing.TB, v any) string {
	t.Helper()
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// TestRenderWhoSaidLimits renders answers with many speakers, many quotations and long
// texts.
func TestRenderWhoSaidLimits(t *testing.T) {
	for _, tc := range []struct{ speakers, quotes, words int }{
		{1, 1, 5}, {3, 8, 40}, {60, 3, 20}, {5, 12, 900}, {50, 50, 600},
	} {
		t.Run(fmt.Sprintf("%d speakers %d quotes %d words", tc.speakers, tc.quotes, tc.words), func(t *testing.T) {
			w := &bot.WhoSaid{Term: strings.Repeat("ceasefire <!here> ", 10), Articles: 100}
			for i := range tc.speakers {
				s := bot.Speaker{Name: fmt.Sprintf("Speaker %d <!channel> %s", i, strings.Repeat("Name", i%30))}
				for j := range tc.quotes {
					var cites []bot.Citation
					for k := range 1 + (i+j)%40 {
						cites = append(cites, bot.Citation{Outlet: fmt.Sprintf("Outlet %d @everyone", k), URL: fmt.Sprintf("https://www.example.com/%d/%d/%d", i, j, k)})
					}
					s.Quotes = append(s.Quotes, bot.Quotation{Text: strings.Repeat(hostile+" ", tc.words/30+1)[:min(len(hostile)*(tc.words/30+1), tc.words*8)], Sources: cites})
				}
				w.Speakers = append(w.Speakers, s)
			}
			for _, v := range []bot.Visibility{bot.Ephemeral, bot.InChannel} {
				m := render(bot.Reply{WhoSaid: w, Visibility: v})
				checkLimits(t, m)
				checkInert(t, m, "https://www.example.com/")
			}
		})
	}
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a & b", "a &amp; b"},
		{"<!channel>", "&lt;!channel&gt;"},
		{"<@U123|bob>", "&lt;@U123|bob&gt;"},
		{"hi @everyone and @Here", "hi @\u2060everyone and @\u2060Here"},
		{"mail me@example.com", "mail me@example.com"},
		{"tab\there\x1b[31m", "tab here[31m"},
		{"bad \xff byte", "bad \uFFFD byte"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := escape(tc.in); got != tc.want {
				t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"one two three four", 10, "one two…"},
		{"AT&amp;T news", 6, "AT…"},
		{"日本語のテキスト", 4, "日本語…"},
		{"😀😀😀", 5, "😀😀…"},
		{"abc", 0, ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := fit(tc.in, tc.limit)
			if got != tc.want || textLen(got) > tc.limit {
				t.Errorf("fit(%q, %d) = %q (length %d), want %q", tc.in, tc.limit, got, textLen(got), tc.want)
			}
		})
	}
}

// FuzzRender renders a briefing and a /who-said answer made of arbitrary text and
// checks the limits and that nothing pings or links.
func FuzzRender(f *testing.F) {
	for _, s := range []string{hostile, "", "&&&<<<>>>", strings.Repeat("é😀", 2000), "@everyone", "\x00\xff", "*b* _i_ ~s~ `c` ```p```\n> q"} {
		f.Add(s, s, 3)
	}
	f.Fuzz(func(t *testing.T, text, outlet string, n int) {
		n = max(1, min(n, 60)%60+1)
		b := &bot.Briefing{Headline: text, Articles: n, Outlets: []string{outlet}, Stories: make([]bot.Story, 1+n%3)}
		for i := range n {
			st := &b.Stories[i%len(b.Stories)]
			st.Headline = text
			st.Items = append(st.Items, bot.Item{Text: text, Sources: []bot.Citation{{Outlet: outlet, URL: "https://www.example.com/" + fmt.Sprint(i)}}})
		}
		w := &bot.WhoSaid{Term: text, Articles: n, Speakers: []bot.Speaker{{Name: outlet, Quotes: []bot.Quotation{{Text: text, Sources: []bot.Citation{{Outlet: outlet}}}}}}}
		for _, r := range []bot.Reply{{Briefing: b}, {WhoSaid: w}, {Text: text}} {
			m := render(r)
			checkLimits(t, m)
			checkInert(t, m, "https://www.example.com/")
		}
		e := escape(text)
		checkMarkersFlanked(t, e)
		for _, limit := range []int{n, 10 * n, 150, MaxSectionText} {
			checkMarkersFlanked(t, strings.TrimSuffix(fit(e, limit), "…"))
		}
	})
}

// BenchmarkEscape escapes adversarial article text: 64 KiB of formatting characters,
// reserved characters and broadcasts, of which escape reads what a text can show.
func BenchmarkEscape(b *testing.B) {
	text := strings.Repeat("*_~`&<>@here\n>", 64<<10/14)
	b.SetBytes(int64(len(text)))
	for range b.N {
		fit(escape(text), MaxSectionText)
	}
}

// TestRenderDispute checks that a point that outlets report with different figures shows
// every figure with its outlet, in the blocks and in the fallback text.
func TestRenderDispute(t *testing.T) {
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a", Outlet: "Reuters", Text: "Police said 12 people died in the missile attack on the central market on Monday morning. Rescue teams searched the rubble through the night.\n"},
		{ID: "b", Outlet: "AP", Text: "Police said 40 people died in the missile attack on the central market on Monday morning. Hospitals across the region asked for blood donors.\n"},
	})
	s, err := c.Summarize(summarize.Options{Words: 60})
	if err != nil {
		t.Fatal(err)
	}
	m := render(bot.Reply{Briefing: bot.NewBriefing(c, s), Visibility: bot.InChannel})
	checkLimits(t, m)
	blocks := plainJSON(t, m.Blocks)
	for _, want := range []string{"— _Reuters_; AP reports 40", "— _AP_; Reuters reports 12"} {
		if strings.Contains(blocks, want) {
			if !strings.Contains(m.Text, strings.ReplaceAll(want, "_", "")) {
				t.Errorf("the fallback text lacks %q: %s", want, m.Text)
			}
			return
		}
	}
	t.Errorf("the blocks show no figure of the other outlet: %s", blocks)
}
