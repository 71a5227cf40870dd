package discord

import (
	"io"
	"net/http"
	"net/url"
	pathpkg "path"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
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
