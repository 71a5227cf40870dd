package discord

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestNewSessionChecksItsConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    Config
		want string // "" for no error
	}{
		{name: "no token", c: Config{}, want: "no bot token"},
		{name: "only the prefix", c: Config{Token: "Bot "}, want: "no bot token"},
		{name: "a newline in the token", c: Config{Token: "abc\ndef"}, want: "white space"},
		{name: "ftp", c: Config{Token: "t0ken-0123456789", APIURL: "ftp://discord.com/api/v9/"}, want: "not an absolute http"},
		{name: "relative", c: Config{Token: "t0ken-0123456789", APIURL: "/api/v9/"}, want: "not an absolute http"},
		{name: "a query", c: Config{Token: "t0ken-0123456789", APIURL: "https://discord.com/api/v9/?x=1"}, want: "a query"},
		{name: "the password masked", c: Config{Token: "t0ken-0123456789", APIURL: "ftp://u:hunter2-secret@proxy/"}, want: "redacted@proxy"},
		{name: "defaults", c: Config{Token: "t0ken-0123456789"}},
		{name: "the prefix dropped", c: Config{Token: "Bot t0ken-0123456789"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := newSession(tt.c)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("newSession() = %v, want an error saying %q", err, tt.want)
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Errorf("the error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.dg.Token != "Bot t0ken-0123456789" || s.dg.Identify.Token != s.dg.Token {
				t.Errorf("token = %q, identify %q", s.dg.Token, s.dg.Identify.Token)
			}
			if s.api.String() != DefaultAPIURL {
				t.Errorf("api = %s", s.api)
			}
			if s.dg.ShouldRetryOnRateLimit || s.dg.MaxRestRetries != 0 || s.dg.Identify.Intents != 4609 {
				t.Errorf("discordgo retries %v/%d, intents %d", s.dg.ShouldRetryOnRateLimit, s.dg.MaxRestRetries, s.dg.Identify.Intents)
			}
		})
	}
}

// pathRecorder is a server that records the paths and queries it is asked for.
type pathRecorder struct {
	mu   sync.Mutex
	seen []string
}

func (p *pathRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.seen = append(p.seen, r.Method+" "+r.URL.RequestURI())
	p.mu.Unlock()
	io.WriteString(w, "{}")
}

func TestTransportRewritesTheAPIBase(t *testing.T) {
	t.Parallel()
	rec := &pathRecorder{}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	to, err := parseAPIURL(srv.URL + "/proxy/discord/api/v9")
	if err != nil {
		t.Fatal(err)
	}
	from, _ := url.Parse(discordgo.EndpointAPI)
	client := &http.Client{Transport: &apiTransport{from: from, to: to}}
	tests := []struct{ url, want string }{
		{discordgo.EndpointWebhookMessage("11", "tok", "@original"), "GET /proxy/discord/api/v9/webhooks/11/tok/messages/@original"},
		{discordgo.EndpointChannelMessages("13") + "?limit=5&before=9", "GET /proxy/discord/api/v9/channels/13/messages?limit=5&before=9"},
		{discordgo.EndpointMessageReaction("13", "14", "%F0%9F%91%8D", "@me"), "GET /proxy/discord/api/v9/channels/13/messages/14/reactions/%F0%9F%91%8D/@me"},
		{discordgo.EndpointGateway, "GET /proxy/discord/api/v9/gateway"},
	}
	for _, tt := range tests {
		resp, err := client.Get(tt.url)
		if err != nil {
			t.Fatalf("GET %s: %v", tt.url, err)
		}
		resp.Body.Close()
		rec.mu.Lock()
		got := rec.seen[len(rec.seen)-1]
		rec.mu.Unlock()
		if got != tt.want {
			t.Errorf("GET %s reached %q, want %q", tt.url, got, tt.want)
		}
	}
	for _, outside := range []string{
		discordgo.EndpointCDNAvatars + "1/2.png", "http://discord.com/api/v9/gateway",
		"https://discord.com/api/v10/gateway", "https://example.com/api/v9/gateway",
		discordgo.EndpointChannelMessages(".."), discordgo.EndpointWebhookMessage("1", "%2e%2E", "@original"),
	} {
		if resp, err := client.Get(outside); err == nil {
			resp.Body.Close()
			t.Errorf("GET %s went through", outside)
		}
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.seen) != len(tests) {
		t.Errorf("the server saw %d requests, want %d", len(rec.seen), len(tests))
	}
}

// TestNoCodeAssignsDiscordgoPackageVariables keeps the API base out of discordgo's
// package variables (EndpointAPI and the like), which every session in the process
// shares: this package and its fake must set it on the session's HTTP client.
func TestNoCodeAssignsDiscordgoPackageVariables(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("fakediscord/*.go")
	fset := token.NewFileSet()
	for _, name := range append(files, more...) {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var targets []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				targets = n.Lhs
			case *ast.IncDecStmt:
				targets = []ast.Expr{n.X}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					targets = []ast.Expr{n.X} // &discordgo.X lets anyone assign it
				}
			}
			for _, e := range targets {
				if sel, ok := e.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "discordgo" {
						t.Errorf("%s: assigns discordgo.%s", fset.Position(e.Pos()), sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
	if discordgo.EndpointAPI != DefaultAPIURL {
		t.Errorf("discordgo.EndpointAPI = %q", discordgo.EndpointAPI)
	}
}
