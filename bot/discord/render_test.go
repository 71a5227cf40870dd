package discord

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
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/summarize"
)

// messagesJSON renders messages as the JSON Discord receives (content, embeds, flags).
func messagesJSON(t testing.TB, msgs []message) []byte {
	t.Helper()
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(msgs); err != nil {
		t.Fatal(err)
	}
	return []byte(sb.String())
}

func sampleWhoSaid() *bot.WhoSaid {
	return &bot.WhoSaid{Term: "ceasefire", Articles: 5, Speakers: []bot.Speaker{
		{Name: "Vladimir Putin", Quotes: []bot.Quotation{
			{Text: "We are ready to work with Ukraine on a memorandum about a possible future peace treaty",
				Sentence: "Putin said: “We are ready to work with Ukraine on a memorandum about a possible future peace treaty.”",
				Sources:  []bot.Citation{{Outlet: "Reuters", URL: "https://www.reuters.com/world/putin"}, {Outlet: "CNN"}}},
			{Text: "@everyone a ceasefire now & <@123> <@&456> <#789> [click](https://evil.example) **now**",
				Sources: []bot.Citation{{Outlet: "Myind @here", URL: "javascript:alert(1)"}}},
		}},
		{Name: "Donald *Trump*", Quotes: []bot.Quotation{
			{Text: "The conditions for that will be negotiated between the two parties", Sources: []bot.Citation{{Outlet: "The Guardian", URL: "https://www.theguardian.com/x?a=(1)&b=<2>|3"}}},
		}},
	}}
}

// multiStory is a briefing of three stories, with hostile text.
func multiStory() *bot.Briefing {
	cite := func(outlet, url string) bot.Citations { return bot.Citations{{Outlet: outlet, URL: url}} }
	return &bot.Briefing{
		Headline: "Ceasefire talks, floods and a strike",
		From:     time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC),
		Articles: 7, Outlets: []string{"Reuters", "CNN", "BBC"},
		Stories: []bot.Story{
			{Headline: "Talks on a ceasefire", Articles: 3, Outlets: []string{"Reuters", "CNN"}, Items: []bot.Item{
				{Text: "Russia and Ukraine agreed to talk about a ceasefire.", Sources: cite("Reuters", "https://www.reuters.com/1")},
				{Text: "1. The talks start on Monday - officials told @here.", Sources: cite("CNN", "https://edition.cnn.com/2")},
			}},
			{Headline: "Floods in the north #breaking", Articles: 2, Outlets: []string{"BBC"}, Items: []bot.Item{
				{Text: "Rivers burst their banks after a week of rain.", Sources: cite("BBC", "https://www.bbc.co.uk/3")},
			}},
			{Headline: "A strike at the ports", Articles: 2, Outlets: []string{"Reuters"}, Items: []bot.Item{
				{Text: "Dock workers walked out over pay, see https://evil.example/x.", Sources: cite("Reuters", "ftp://www.reuters.com/4")},
			}},
		},
	}
}

func TestRenderGolden(t *testing.T) {
	t.Parallel()
	b := bottest.MustNewBot(t)
	seeds, err := b.Briefing(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	interactionHint := func(w *bot.WhoSaid) string { return w.ShareHint("/who-said term:" + w.Term + " share:True") }
	help := b.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("help", "")})
	usage := b.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("nope", "")})
	for _, tc := range []struct {
		name  string
		reply bot.Reply
		hint  func(*bot.WhoSaid) string
	}{
		{"briefing-seeds", bot.Reply{Briefing: seeds, Visibility: bot.InChannel}, nil},
		{"briefing-stories", bot.Reply{Briefing: multiStory(), Visibility: bot.InChannel}, nil},
		{"briefing-top-stories", bot.Reply{Briefing: bottest.TopStories(t), Visibility: bot.InChannel}, nil},
		{"whosaid", bot.Reply{WhoSaid: sampleWhoSaid(), Visibility: bot.Ephemeral}, interactionHint},
		{"whosaid-mention", bot.Reply{WhoSaid: sampleWhoSaid(), Visibility: bot.Ephemeral}, func(*bot.WhoSaid) string { return mentionHint }},
		{"whosaid-shared", bot.Reply{WhoSaid: sampleWhoSaid(), Visibility: bot.InChannel}, interactionHint},
		{"whosaid-none", bot.Reply{WhoSaid: &bot.WhoSaid{Term: "<@&456>", Articles: 5}, Visibility: bot.Ephemeral}, interactionHint},
		{"help", help, nil},
		{"usage", usage, nil},
	} {
		for _, plain := range []bool{false, true} {
			name := tc.name + ".golden"
			if plain {
				name = tc.name + "-plain.golden"
			}
			t.Run(name, func(t *testing.T) {
				msgs := renderer{plain: plain, hint: tc.hint}.render(tc.reply)
				checkLimits(t, msgs)
				checkInert(t, msgs)
				bottest.Golden(t, name, messagesJSON(t, msgs))
			})
		}
	}
}

// toFake returns messages as the fake Discord reads them.
func toFake(t testing.TB, msgs []message) []fakediscord.MessageBody {
	t.Helper()
	raw, err := json.Marshal(msgs)
	if err != nil {
		t.Fatal(err)
	}
	var out []fakediscord.MessageBody
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// longestKey is the longest key a post may have, ending with a time (which its slot
// line shows again), to render with the most room kept for the slot line.
var longestKey = strings.Repeat("9", maxKey-len("/2026-12-02T07:03:27Z")) + "/2026-12-02T07:03:27Z"

// checkLimits checks messages against every limit of Discord, as the fake Discord
// states them (not the renderer's own constants).
func checkLimits(t testing.TB, msgs []message) {
	t.Helper()
	if len(msgs) == 0 || len(msgs) > MaxMessages {
		t.Fatalf("%d messages, want 1 to %d", len(msgs), MaxMessages)
	}
	n := func(s string) int { return bot.RuneLen(strings.TrimSpace(s)) }
	for i, m := range toFake(t, msgs) {
		if n(m.Content) == 0 && len(m.Embeds) == 0 {
			t.Errorf("message %d is empty", i)
		}
		if n(m.Content) > fakediscord.MaxContent {
			t.Errorf("message %d: content of %d characters", i, n(m.Content))
		}
		if len(m.Embeds) > fakediscord.MaxEmbeds {
			t.Errorf("message %d: %d embeds", i, len(m.Embeds))
		}
		if total := fakediscord.Characters(m.Embeds); total > fakediscord.MaxEmbedsTotal {
			t.Errorf("message %d: %d characters in its embeds", i, total)
		}
		for j, e := range m.Embeds {
			if n(e.Title) > fakediscord.MaxEmbedTitle || n(e.Description) > fakediscord.MaxEmbedDescription || len(e.Fields) > fakediscord.MaxEmbedFields {
				t.Errorf("message %d embed %d: title %d, description %d, %d fields", i, j, n(e.Title), n(e.Description), len(e.Fields))
			}
			if n(e.Title) == 0 && n(e.Description) == 0 && len(e.Fields) == 0 {
				t.Errorf("message %d embed %d is empty", i, j)
			}
			for k, f := range e.Fields {
				if n(f.Name) == 0 || n(f.Name) > fakediscord.MaxFieldName || n(f.Value) == 0 || n(f.Value) > fakediscord.MaxFieldValue {
					t.Errorf("message %d embed %d field %d: name %d, value %d characters", i, j, k, n(f.Name), n(f.Value))
				}
			}
			if e.Footer != nil && (n(e.Footer.Text) == 0 || n(e.Footer.Text) > fakediscord.MaxFooter) {
				t.Errorf("message %d embed %d: footer of %d characters", i, j, n(e.Footer.Text))
			}
		}
	}
}

// ownLinkRE matches the renderer's own masked links to web addresses, which are the
// only links allowed.
var ownLinkRE = regexp.MustCompile(`\[((?:[^\[\]\\]|\\.)*)\]\(<?https?://[^\s()<>\\]+>?\)`)

// checkInert checks that no text of the messages can form a mention, a broadcast, a
// link or a link preview: every < and [ is escaped (but those of the renderer's own
// links), no "://" is bare outside them, and @everyone and @here are broken by a word
// joiner.
func checkInert(t testing.TB, msgs []message) {
	t.Helper()
	for _, m := range toFake(t, msgs) {
		texts := []string{m.Content}
		var plain []string
		for _, e := range m.Embeds {
			texts = append(texts, e.Title, e.Description)
			for _, f := range e.Fields {
				texts = append(texts, f.Name, f.Value)
			}
			if e.Footer != nil {
				plain = append(plain, e.Footer.Text)
			}
		}
		for _, s := range texts {
			rest := ownLinkRE.ReplaceAllString(s, "$1")
			for _, bad := range []string{"<", "[", "://"} {
				if i := unescapedIndex(rest, bad); i >= 0 {
					t.Errorf("text holds an unescaped %q at %d:\n%s", bad, i, s)
				}
			}
		}
		for _, s := range append(texts, plain...) {
			lower := strings.ToLower(s)
			if strings.Contains(lower, "@everyone") || strings.Contains(lower, "@here") {
				t.Errorf("text holds a broadcast:\n%s", s)
			}
		}
	}
}

// unescapedIndex returns the index of the first sub in s that no backslash escapes
// (an even number of backslashes before it), or -1.
func unescapedIndex(s, sub string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return -1
		}
		i += from
		n := 0
		for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i
		}
		from = i + len(sub)
	}
}

// briefingCorpus returns a corpus of n hostile articles (see hostileArticles).
func briefingCorpus(n int) *summarize.Corpus {
	return summarize.NewCorpus(hostileArticles(n))
}

// storied splits a briefing into stories of k points each, as a corpus of several
// stories would give.
func storied(b *bot.Briefing, k int) *bot.Briefing {
	items := b.Items()
	out := *b
	out.Stories = nil
	for i := 0; i < len(items); i += k {
		st := bot.Story{Headline: fmt.Sprintf("Story %d: %s", i/k+1, strings.Repeat("@everyone <@&456> headline ", i%9)), Articles: k,
			Outlets: b.Outlets, Items: items[i:min(i+k, len(items))]}
		out.Stories = append(out.Stories, st)
	}
	return &out
}

// TestRenderBriefingLimits renders briefings of 1, 10 and 100 articles, short and long
// (up to every sentence), of one story and of many, in both styles, and checks every
// limit, that nothing pings or links, and that what does not fit is counted.
func TestRenderBriefingLimits(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 10, 100} {
		c := briefingCorpus(n)
		for _, opt := range []summarize.Options{{Words: 120, Sentences: 6}, {Words: 100_000}} {
			s, err := c.Summarize(opt)
			if err != nil {
				t.Fatal(err)
			}
			one := bot.NewBriefing(c, s)
			for k, b := range []*bot.Briefing{one, storied(one, 1), storied(one, 3), storied(one, 40)} {
				for _, plain := range []bool{false, true} {
					name := fmt.Sprintf("%d articles %d words %d-%d stories plain %v", n, opt.Words, k, len(b.Stories), plain)
					t.Run(name, func(t *testing.T) {
						msgs := renderer{plain: plain}.render(bot.Reply{Briefing: b, Visibility: bot.InChannel})
						checkLimits(t, msgs)
						keyed, _ := renderer{plain: plain}.renderPost(bot.Reply{Briefing: b, Visibility: bot.InChannel}, longestKey)
						checkLimits(t, keyed)
						checkInert(t, msgs)
						all := string(messagesJSON(t, msgs))
						if !strings.Contains(all, `\\<@123\\>`) {
							t.Errorf("the hostile text is not in the briefing, escaped; the test proves nothing")
						}
						shown := strings.Count(all, "• ")
						if shown < len(b.Items()) && !strings.Contains(all, fmt.Sprintf("…and %d more point", len(b.Items())-shown)) {
							t.Errorf("%d of %d points shown, and no note of those left out", shown, len(b.Items()))
						}
						if !strings.Contains(all, " from Outlet") {
							t.Errorf("no footer")
						}
					})
				}
			}
		}
	}
}

// TestRenderWhoSaidLimits renders answers with 1, 10 and 100 speakers, many quotations
// and long texts, in both styles and both visibilities.
func TestRenderWhoSaidLimits(t *testing.T) {
	t.Parallel()
	hostile := "@everyone and <@123> and <@&456> in <#789> said [this](https://evil.example) and https://evil.example/y."
	for _, tc := range []struct{ speakers, quotes, words int }{
		{1, 1, 5}, {10, 3, 40}, {10, 12, 900}, {100, 3, 20}, {100, 50, 600},
	} {
		w := &bot.WhoSaid{Term: strings.Repeat("ceasefire @here ", 10), Articles: 100}
		for i := range tc.speakers {
			s := bot.Speaker{Name: fmt.Sprintf("Speaker %d <@&456> %s", i, strings.Repeat("Name", i%80))}
			for j := range tc.quotes {
				var cites []bot.Citation
				for k := range 1 + (i+j)%40 {
					cites = append(cites, bot.Citation{Outlet: fmt.Sprintf("Outlet %d @everyone", k), URL: fmt.Sprintf("https://www.example.com/%d/%d/%d", i, j, k)})
				}
				text := strings.Repeat(hostile+" ", tc.words/15+1)
				s.Quotes = append(s.Quotes, bot.Quotation{Text: text[:min(len(text), tc.words*8)], Sources: cites})
			}
			w.Speakers = append(w.Speakers, s)
		}
		for _, plain := range []bool{false, true} {
			for _, v := range []bot.Visibility{bot.Ephemeral, bot.InChannel} {
				t.Run(fmt.Sprintf("%d speakers %d quotes %d words plain %v %s", tc.speakers, tc.quotes, tc.words, plain, v), func(t *testing.T) {
					r := renderer{plain: plain, hint: func(w *bot.WhoSaid) string { return w.ShareHint("/who-said term:" + w.Term + " share:True") }}
					msgs := r.render(bot.Reply{WhoSaid: w, Visibility: v})
					checkLimits(t, msgs)
					keyed, _ := r.renderPost(bot.Reply{WhoSaid: w, Visibility: v}, longestKey)
					checkLimits(t, keyed)
					checkInert(t, msgs)
					all := string(messagesJSON(t, msgs))
					if tc.speakers > bot.MaxSpeakersShown && !strings.Contains(all, "more speakers") {
						t.Errorf("%d speakers and no note of those left out", tc.speakers)
					}
					if (v == bot.Ephemeral) != strings.Contains(all, "Only you can see this") {
						t.Errorf("visibility %s, and the share hint is there: %v", v, !(v == bot.Ephemeral))
					}
				})
			}
		}
	}
}

func TestEscape(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"**bold** _it_ ~~s~~ `c` ||sp|| > q # h", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|sp\|\| \> q \# h`},
		{"<@123> <@&456> <#789> <:e:1> <t:1:R>", `\<@123\> \<@&456\> \<\#789\> \<:e:1\> \<t:1:R\>`},
		{"[x](https://evil.example)", `\[x\](https\://evil.example)`},
		{`a\b`, `a\\b`},
		{"hi @everyone and @Here", "hi @\u2060everyone and @\u2060Here"},
		{"mail me@example.com", "mail me@example.com"},
		{"- not a list", `\- not a list`},
		{"12. not a list", `12\. not a list`},
		{"line\none\t\ttwo", "line one two"},
		{"bad \xff byte\x1b[31m", "bad \uFFFD byte\\[31m"},
		{"  ", ""},
	} {
		if got := escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"one two three four", 10, "one two…"},
		{`ab\*cd`, 4, `ab…`},
		{`abc\\d`, 5, `abc…`},
		{`abc\\\*d`, 7, `abc\\…`},
		{"日本語のテキスト", 4, "日本語…"},
		{"abc", 0, ""},
	} {
		got := fit(tc.in, tc.limit)
		if got != tc.want || textLen(got) > tc.limit {
			t.Errorf("fit(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
}

// TestHostileArticleTextPingsNoOne posts briefings of hostile articles through the fake
// Discord, in both styles: no message pings anyone (the fake's record of pings), and
// the mentions show as text.
func TestHostileArticleTextPingsNoOne(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{
		config: func(c *Config) { c.ChannelStyles = map[string]Style{fakediscord.DMChannelID: StylePlain} },
		bot:    func(o *bot.Options) { o.Source = bottest.Articles(hostileArticles(10)...) },
	})
	f.run(t)
	for _, ev := range []fakediscord.MessageEvent{
		{Content: botMention + " brief"},
		{Content: "who said accept", DM: true},
		{Content: "brief", DM: true},
	} {
		if _, err := f.fake.SendMessage(ev); err != nil {
			t.Fatal(err)
		}
	}
	in := f.interact(t, fakediscord.InteractionEvent{Command: "brief", DM: true})
	if _, err := f.fake.WaitMessages(testContext(t), fakediscord.DMChannelID, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := f.fake.WaitMessages(testContext(t), fakediscord.ChannelID, 1); err != nil {
		t.Fatal(err)
	}
	msgs := append(botMessages(f.fake.Messages(fakediscord.ChannelID)), botMessages(f.fake.Messages(fakediscord.DMChannelID))...)
	msgs = append(msgs, *in.Original)
	plainSeen := false
	for _, m := range msgs {
		if m.MentionEveryone || len(m.Mentions) > 0 || len(m.MentionRoles) > 0 {
			t.Errorf("a message pings: everyone %v, users %v, roles %v:\n%s", m.MentionEveryone, m.Mentions, m.MentionRoles, text(m))
		}
		if m.ChannelID == fakediscord.DMChannelID && strings.Contains(m.Content, `\<@123\>`) && strings.Contains(m.Content, `\<@&456\>`) &&
			strings.Contains(m.Content, `\<\#789\>`) && strings.Contains(m.Content, "@\u2060everyone") {
			plainSeen = true
		}
	}
	if !plainSeen {
		t.Errorf("no plain message shows the mentions as text")
	}
}
