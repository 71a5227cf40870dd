package discord

import (
	"io"
	"net/http"
	"net/url"
	pathpkg "path"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// recordTransport answers every request with 204 and keeps its URL.
type recordTransport struct{ last *url.URL }

func (r *recordTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.last = req.URL
	return &http.Response{StatusCode: http.StatusNoContent, Body: io.NopCloser(strings.NewReader("")), Request: req}, nil
}

// FuzzAPITransport checks that whatever the base and the path, the transport never
// panics, sends a request under the configured base only, and refuses what is not under
// discordgo's API base.
func FuzzAPITransport(f *testing.F) {
	f.Add("proxy/api/v9", "channels/1/messages")
	f.Add("", "webhooks/1/tok/messages/@original")
	f.Add("a%2Fb/", "channels/1/messages/2/reactions/%F0%9F%91%8D/@me")
	f.Add("x", "../../../etc/passwd")
	f.Add("%zz", "%")
	from, _ := url.Parse(discordgo.EndpointAPI)
	f.Fuzz(func(t *testing.T, base, path string) {
		to, err := parseAPIURL("http://127.0.0.1:1/" + base)
		if err != nil {
			return
		}
		next := &recordTransport{}
		tr := &apiTransport{from: from, to: to, next: next}
		req, err := http.NewRequest(http.MethodGet, discordgo.EndpointAPI+path, nil)
		if err != nil {
			return
		}
		resp, err := tr.RoundTrip(req)
		under := req.URL.Scheme == from.Scheme && req.URL.Host == from.Host && strings.HasPrefix(req.URL.EscapedPath(), from.EscapedPath())
		if err != nil {
			if under && next.last != nil {
				t.Fatalf("refused %s but sent it", req.URL)
			}
			return
		}
		resp.Body.Close()
		if !under {
			t.Fatalf("sent %s, which is outside the API", req.URL)
		}
		if next.last.Host != to.Host || !strings.HasPrefix(next.last.EscapedPath(), to.EscapedPath()) ||
			!strings.HasPrefix(pathpkg.Clean(next.last.Path)+"/", pathpkg.Clean(to.Path)) {
			t.Fatalf("%s went to %s, outside the base %s", req.URL, next.last, to)
		}
	})
}

// FuzzRedactor checks that the token of an interaction route never survives masking.
func FuzzRedactor(f *testing.F) {
	f.Add("Post \"https://discord.com/api/v9/webhooks/1/", "aW50ZXJhY3Rpb24", "/messages/@original\": EOF")
	f.Add("", "tok", "")
	f.Add("interactions/99/", "x.y-z_", "/callback")
	redact := newRedactor(Config{Token: "t0ken-0123456789"})
	f.Fuzz(func(t *testing.T, before, token, after string) {
		if len(token) < 8 || strings.ContainsAny(token, "/?#\"'<>\\ \t\r\n") {
			return
		}
		for _, route := range []string{"webhooks/123/", "interactions/456/"} {
			s := before + "/" + route + token + "/" + after
			if out := redact(s); strings.Contains(out, route+token) {
				t.Fatalf("redact(%q) = %q: the token survived", s, out)
			}
		}
	})
}

// BenchmarkRedactAdversarial masks a megabyte of text made to look like routes and
// tokens throughout, the worst input the masking sees in an error or a log line.
func BenchmarkRedactAdversarial(b *testing.B) {
	redact := newRedactor(Config{Token: "t0ken-0123456789"})
	inputs := map[string]string{
		"routes": strings.Repeat("webhooks/12345/", 1<<16),
		"tokens": strings.Repeat("interactions/1/aW50ZXJhY3Rpb24 Bot abcdefghij.", 1<<14),
		"plain":  strings.Repeat("the quick brown fox ", 1<<15),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				redact(in)
			}
		})
	}
}

// hostileText tries every way of pinging, formatting and linking in Discord's markdown.
const hostileText = "@everyone @here <@123> <@!123> <@&456> <#789> <:e:1> <t:1:R> </brief:1> " +
	"[x](https://evil.example) https://evil.example/y **b** __u__ ~~s~~ `c` ```p``` ||sp|| > q\n# h\n- l\n1. n \\ end"

// FuzzRender renders briefings, /who-said answers and notices made of arbitrary text,
// in both styles, and checks every limit and that nothing pings or links.
func FuzzRender(f *testing.F) {
	for _, s := range []string{hostileText, "", "\\\\\\", strings.Repeat("é😀*", 800), "@everyone", "\x00\xff", "-", "12."} {
		f.Add(s, s, 3)
	}
	f.Fuzz(func(t *testing.T, text, outlet string, n int) {
		n = 1 + (n%30+30)%30
		b := &bot.Briefing{Headline: text, Articles: n, Outlets: []string{outlet}, Stories: make([]bot.Story, 1+n%3)}
		for i := range n {
			st := &b.Stories[i%len(b.Stories)]
			st.Headline, st.Outlets = text, []string{outlet}
			st.Items = append(st.Items, bot.Item{Text: text, Sources: []bot.Citation{{Outlet: outlet, URL: "https://www.example.com/" + strconv.Itoa(i)}}})
		}
		w := &bot.WhoSaid{Term: text, Articles: n}
		for i := range n {
			w.Speakers = append(w.Speakers, bot.Speaker{Name: outlet, Quotes: []bot.Quotation{{Text: text, Sources: []bot.Citation{{Outlet: outlet, URL: text}}}}})
			if i%7 == 0 {
				w.Speakers[i].Quotes = append(w.Speakers[i].Quotes, w.Speakers[i].Quotes...)
			}
		}
		hint := func(w *bot.WhoSaid) string { return w.ShareHint(text) }
		key := outlet
		if checkKey(key) != nil || key == "" {
			key = longestKey
		}
		for _, plain := range []bool{false, true} {
			for _, r := range []bot.Reply{{Briefing: b}, {WhoSaid: w}, {WhoSaid: &bot.WhoSaid{Term: text}}, {Text: text}} {
				msgs := renderer{plain: plain, hint: hint}.render(r)
				checkLimits(t, msgs)
				checkInert(t, msgs)
				keyed, keys := renderer{plain: plain, hint: hint}.renderPost(r, key)
				checkLimits(t, keyed)
				checkInert(t, keyed)
				for i, m := range keyed {
					if !holdsLine(&discordgo.Message{Content: m.Content, Embeds: m.Embeds}, slotLine(keys[i])) {
						t.Fatalf("message %d does not carry the slot line of %q: %+v", i, keys[i], m)
					}
				}
			}
		}
		if e := escape(text); unescapedIndex(e, "<") >= 0 || unescapedIndex(e, "[") >= 0 || unescapedIndex(e, "://") >= 0 {
			t.Fatalf("escape(%q) = %q", text, e)
		}
	})
}

// FuzzMention checks that reading any message as a question to the bot never panics,
// drops every mention of the bot, and gives a command that the bot can answer or a
// usage error.
func FuzzMention(f *testing.F) {
	for _, s := range []string{"<@42> who said ceasefire", "<@!42> brief", "who said", "<@42><@42>", "<@42 help", hostileText, "\xff<@42>"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, content string, dm bool) {
		text, ok := mentionText(content, "42", dm)
		if !ok {
			if dm || strings.Contains(content, "<@42>") || strings.Contains(content, "<@!42>") {
				t.Fatalf("mentionText(%q, dm %v) refused it", content, dm)
			}
			return
		}
		if strings.Contains(text, "<@42>") || strings.Contains(text, "<@!42>") {
			t.Fatalf("mentionText(%q) = %q: a mention survived", content, text)
		}
		c := parseMention(text)
		switch {
		case c.Err != nil:
		case c.Name == bot.CommandWhoSaid:
			if c.Term == "" || bot.RuneLen(c.Term) > bot.MaxTermRunes {
				t.Fatalf("parseMention(%q) = term %q", text, c.Term)
			}
		case c.Name != bot.CommandBrief && c.Name != bot.CommandHelp:
			t.Fatalf("parseMention(%q) = %+v", text, c)
		}
	})
}

// BenchmarkEscapeAdversarial escapes and cuts adversarial article text: 64 KiB of
// markdown characters, mentions, broadcasts and URLs, of which escape reads what a text
// can show; and finds the bot's mentions in a message made of nothing else.
func BenchmarkEscapeAdversarial(b *testing.B) {
	inputs := map[string]string{
		"markdown": strings.Repeat("*_~`|>#[]<\\", 64<<10/11),
		"mentions": strings.Repeat("<@123>@here://", 64<<10/14),
		"plain":    strings.Repeat("the quick brown fox ", 64<<10/20),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				fit(escape(in), MaxEmbedDescription)
			}
		})
	}
	b.Run("mention text", func(b *testing.B) {
		in := strings.Repeat("<@1100000000000000001><@!1100000000000000001>", 2000/44)
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			text, _ := mentionText(in, "1100000000000000001", false)
			parseMention(text)
		}
	})
}
