package slack

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// Secrets of the leak tests: a password in the API URL, a bot token, an app token.
const (
	leakPassword = "pa55-hunter2-proxy"
	leakBotToken = "xoxb-111-222-LeakyBotToken"
	leakAppToken = "xapp-1-A111-222-LeakyAppToken"
	// leakHook is the secret part of a response_url.
	leakHook = "T0LEAK/1234/capabilityPath"
)

// echoServer is a misbehaving proxy in front of Slack: it answers every Web API call
// with an error that quotes the credentials it was sent, the response_url path /status
// with a status line that does the same, and everything under /api404/ with a 404.
func echoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		creds := r.Header.Get("Authorization") + " " + r.Header.Get("Proxy-Authorization") + " " + r.PostForm.Get("token")
		if user, pass, ok := r.BasicAuth(); ok {
			creds += " " + user + ":" + pass
		}
		if strings.HasPrefix(r.URL.Path, "/api404/") {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/status") {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			fmt.Fprintf(buf, "HTTP/1.1 500 refused %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", strings.ReplaceAll(creds, "\n", " "))
			buf.Flush()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, "invalid_auth for "+creds)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// leakyAdapter returns an adapter with the leak secrets, its API URL at base (host and
// path) with the password in it, logging everything at debug level into logs.
func leakyAdapter(t *testing.T, base string, logs *bottest.LogBuffer) *Adapter {
	t.Helper()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b, err := bot.New(bot.Options{Source: bot.Sources{}, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(b, Config{
		BotToken: leakBotToken, AppToken: leakAppToken, SigningSecret: testSecret,
		APIURL:     "http://briefbot:" + leakPassword + "@" + base + "/",
		HTTPClient: &http.Client{Timeout: 5 * time.Second, Transport: fakeslack.LoopbackTransport{}},
		Logger:     log, MaxRetries: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	a.sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return a
}

// TestNoSecretsInErrorsOrLogs makes every call of the adapter fail in ways whose errors
// carry credentials (a password in the API URL, tokens quoted back by a proxy), and
// checks that no returned error and no log line holds one.
func TestNoSecretsInErrorsOrLogs(t *testing.T) {
	echo := echoServer(t)
	echoHost := strings.TrimPrefix(echo.URL, "http://")
	secretURL := func(path string) string { return "http://briefbot:" + leakPassword + "@" + echoHost + path }
	for _, tc := range []struct {
		name string
		host string
		call func(ctx context.Context, a *Adapter) error
	}{
		{"check, unreachable", closedPort(t) + "/api", func(ctx context.Context, a *Adapter) error { return a.Check(ctx) }},
		{"check, echoed", echoHost + "/api", func(ctx context.Context, a *Adapter) error { return a.Check(ctx) }},
		{"post, echoed", echoHost + "/api", func(ctx context.Context, a *Adapter) error {
			_, err := a.Post(ctx, "C1", bot.Reply{Text: "hello", Visibility: bot.InChannel}, "")
			return err
		}},
		{"respond, status line", echoHost + "/api", func(ctx context.Context, a *Adapter) error {
			r := &responder{a: a, responseURL: secretURL("/response/" + leakHook + "/status")}
			return r.Respond(ctx, bot.Reply{Text: "hello"})
		}},
		{"respond, bad url", echoHost + "/api", func(ctx context.Context, a *Adapter) error {
			r := &responder{a: a, responseURL: secretURL("/response/" + leakHook + "/%zz")}
			return r.Respond(ctx, bot.Reply{Text: "hello"})
		}},
		{"respond, unreachable", echoHost + "/api", func(ctx context.Context, a *Adapter) error {
			r := &responder{a: a, responseURL: "http://briefbot:" + leakPassword + "@" + closedPort(t) + "/" + leakHook + "?t=" + leakBotToken}
			return r.Respond(ctx, bot.Reply{Text: "hello"})
		}},
		{"post then respond", echoHost + "/api", func(ctx context.Context, a *Adapter) error {
			r := &responder{a: a, channelID: "C1", responseURL: secretURL("/response/" + leakHook + "/status")}
			return r.Respond(ctx, bot.Reply{Text: "hello", Visibility: bot.InChannel})
		}},
		{"socket mode, refused", echoHost + "/api404", func(ctx context.Context, a *Adapter) error { return a.RunSocketMode(ctx) }},
		{"socket mode, retrying", echoHost + "/api", func(ctx context.Context, a *Adapter) error {
			ctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			if err := a.RunSocketMode(ctx); err != nil {
				return err
			}
			return errors.New("stopped with its context")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &bottest.LogBuffer{}
			a := leakyAdapter(t, tc.host, logs)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := tc.call(ctx, a)
			if err == nil {
				t.Fatal("the call did not fail")
			}
			basic := base64.StdEncoding.EncodeToString([]byte("briefbot:" + leakPassword))
			for _, secret := range []string{leakPassword, leakBotToken, leakAppToken, "LeakyBotToken", "LeakyAppToken", basic, "capabilityPath"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error holds %q: %v", secret, err)
				}
				sc := bufio.NewScanner(strings.NewReader(logs.String()))
				for sc.Scan() {
					if strings.Contains(sc.Text(), secret) {
						t.Errorf("a log line holds %q: %s", secret, sc.Text())
					}
				}
			}
		})
	}
}

func TestRedactingHandler(t *testing.T) {
	var buf bottest.LogBuffer
	base := slog.New(slog.NewTextHandler(&buf, nil))
	log := slog.New(bot.RedactingHandler(base.Handler(), newRedactor(Config{BotToken: "custom-token-without-prefix"})))
	log.With("url", "https://u:secretpw@h/").WithGroup("g").Info("token xoxb-1-secretA custom-token-without-prefix",
		"err", errors.New("xapp-1-secretB"), "n", 5, slog.Group("sub", "s", "https://hooks.slack.com/commands/secretC"),
		"any", struct{ T string }{"xoxb-9-secretD"}, "dur", time.Second)
	out := buf.String()
	for _, secret := range []string{"secretpw", "secretA", "secretB", "secretC", "secretD", "custom-token"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q: %s", secret, out)
		}
	}
	for _, want := range []string{"g.n=5", "g.dur=1s", "url=https://redacted@h/", "g.sub.s=https://hooks.slack.com/redacted", "[redacted]"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q: %s", want, out)
		}
	}
}
