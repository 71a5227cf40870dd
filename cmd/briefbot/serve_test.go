package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// TestMain lets a test run this test binary as briefbot itself (see startBriefbot).
func TestMain(m *testing.M) {
	if os.Getenv("BRIEFBOT_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

const testSigningSecret = "test-signing-secret"

// testEnv is the environment serve reads its secrets from in tests.
func testEnv(k string) string {
	return map[string]string{
		envSlackBotToken:      fakeslack.BotToken,
		envSlackAppToken:      fakeslack.AppToken,
		envSlackSigningSecret: testSigningSecret,
		envDiscordBotToken:    fakediscord.Token,
	}[k]
}

// server is a running serve.
type server struct {
	admin  string // the admin listener's address
	public string // the public listener's address, in HTTP mode
	cancel context.CancelFunc
	done   chan error
	logs   *bottest.LogBuffer
}

// testConfig returns a config for a fake Slack, on a free loopback port.
func testConfig(t *testing.T, fake *fakeslack.Server, extra string) *config {
	t.Helper()
	yaml := "http:\n  addr: 127.0.0.1:0\nadmin:\n  addr: 127.0.0.1:0\nshutdown_timeout: 5s\n" + extra
	if !strings.Contains(extra, "slack:") {
		yaml += "slack:\n  api_url: " + fake.APIURL + "\n"
	}
	c, err := parseConfig([]byte(yaml), "test.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.validate("test.yaml"); err != nil {
		t.Fatal(err)
	}
	return c
}

// startServe runs serve with c until the test ends, and waits for its listener.
func startServe(t *testing.T, c *config, getenv func(string) string) *server {
	t.Helper()
	return startServeDeps(t, c, getenv, nil)
}

// startServeDeps is startServe with serve's dependencies changed by change, if not nil.
func startServeDeps(t *testing.T, c *config, getenv func(string) string, change func(*serveDeps)) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{cancel: cancel, done: make(chan error, 1), logs: &bottest.LogBuffer{}}
	admin := make(chan string, 1)
	log := slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	d := serveDeps{
		getenv:        getenv,
		log:           log,
		slackHTTP:     &http.Client{Timeout: 5 * time.Second, Transport: fakeslack.LoopbackTransport{}},
		discordHTTP:   &http.Client{Timeout: 5 * time.Second, Transport: fakediscord.LoopbackTransport{}},
		discordDialer: fakediscord.LoopbackDialer(),
		listening: func(name, addr string) {
			if name == "public" {
				s.public = addr
			} else {
				admin <- addr
			}
		},
	}
	if change != nil {
		change(&d)
	}
	go func() { s.done <- serve(ctx, c, d) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	select {
	case s.admin = <-admin:
	case err := <-s.done:
		s.done <- err
		t.Fatalf("serve stopped before listening: %v\n%s", err, s.logs)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not listen")
	}
	return s
}

// stop cancels serve's context, as SIGINT does, and returns what serve returned and how
// long it took.
func (s *server) stop(t *testing.T) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		return time.Since(start), err
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
		return 0, nil
	}
}

// statusOf returns the status of a GET of url.
func statusOf(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + s.admin + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitReady polls /readyz until it answers 200.
func (s *server) waitReady(t *testing.T) string {
	t.Helper()
	for range 500 {
		if code, body := s.get(t, "/readyz"); code == http.StatusOK {
			return body
		}
		time.Sleep(10 * time.Millisecond)
	}
	code, body := s.get(t, "/readyz")
	t.Fatalf("/readyz still %d: %s", code, body)
	return ""
}

func wait(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestServeSocketMode runs serve against a fake Slack over Socket Mode: the HTTP
// endpoints, commands end to end, a rate-limited post, the metrics, and a shutdown that
// lets the reply in flight finish.
func TestServeSocketMode(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	var mu sync.Mutex
	posts := 0
	release := make(chan struct{})
	fake.HandlePost(func(p fakeslack.Post) fakeslack.Reply {
		mu.Lock()
		posts++
		n := posts
		mu.Unlock()
		switch n {
		case 1: // the first post is rate-limited once
			return fakeslack.Reply{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}, Body: `{"ok":false,"error":"ratelimited"}`}
		case 3: // the third stays in flight until released
			<-release
		}
		return fakeslack.Reply{Body: `{"ok":true,"channel":"` + p.Channel + `","ts":"1.2"}`}
	})
	s := startServe(t, testConfig(t, fake, ""), testEnv)
	ctx := wait(t)

	if code, body := s.get(t, "/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if body := s.waitReady(t); body != "news: ready (5 articles)\nslack: ready (socket mode: connected)\n" {
		t.Errorf("/readyz: %q", body)
	}

	id, err := fake.SendCommand(fakeslack.Command{Command: "/brief", ChannelID: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	p, err := fake.WaitPosts(ctx, 2) // the 429, then the retry
	if err != nil {
		t.Fatal(err)
	}
	if p[1].Channel != "C1" || !strings.Contains(p[1].Text, "Putin") || p[1].Form.Get("unfurl_links") != "false" {
		t.Errorf("post %+v", p[1])
	}
	if _, err := fake.SendCommand(fakeslack.Command{Command: "/who-said", Text: "ceasefire"}); err != nil {
		t.Fatal(err)
	}
	r, err := fake.WaitResponses(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	// /who-said answers ephemerally, speakers first by number of quotations.
	if r[0].ResponseType != "ephemeral" || !strings.Contains(r[0].Text, "Who said “ceasefire”") || !strings.Contains(r[0].Text, "Donald Trump") {
		t.Errorf("who-said reply %+v, want an ephemeral answer that names Donald Trump", r[0])
	}
	whoSaidMetric := `briefbot_commands_total{command="who-said",outcome="ok",platform="slack"} 1`

	var metrics string
	for range 500 { // the who-said command is counted just after its reply arrives
		_, metrics = s.get(t, "/metrics")
		if strings.Contains(metrics, whoSaidMetric) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, want := range []string{
		`briefbot_commands_total{command="brief",outcome="ok",platform="slack"} 1`,
		whoSaidMetric,
		`briefbot_command_duration_seconds_count{command="brief",platform="slack"} 1`,
		`briefbot_ack_duration_seconds_count{platform="slack"} 2`,
		`briefbot_posts_total{platform="slack"} 2`,
		`briefbot_rate_limit_waits_total{platform="slack"} 1`,
		`briefbot_rate_limit_wait_seconds_total{platform="slack"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// A /brief in flight when the signal comes is finished before serve returns.
	if _, err := fake.SendCommand(fakeslack.Command{Command: "/brief", ChannelID: "C2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitPosts(ctx, 3); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(300*time.Millisecond, func() { close(release) })
	took, err := s.stop(t)
	if err != nil {
		t.Errorf("serve returned %v after a clean shutdown", err)
	}
	if took < 250*time.Millisecond {
		t.Errorf("serve returned after %v, before the reply in flight finished", took)
	}
	for _, want := range []string{"component=serve", "shutting down", "component=slack", "rate limited", "channel_id=C1", "command=brief", "stopped"} {
		if !strings.Contains(s.logs.String(), want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	if strings.Contains(s.logs.String(), "did not finish") {
		t.Errorf("the reply in flight was abandoned:\n%s", s.logs)
	}
}

// TestServeShutdownBound checks that a reply that never finishes does not hold serve
// past shutdown_timeout, and that serve still returns nil.
func TestServeShutdownBound(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	fake.HandlePost(func(fakeslack.Post) fakeslack.Reply {
		<-stuck
		return fakeslack.Reply{Body: `{"ok":true}`}
	})
	c := testConfig(t, fake, "")
	c.ShutdownTimeout = 300 * time.Millisecond
	s := startServe(t, c, testEnv)
	s.waitReady(t)
	if _, err := fake.SendCommand(fakeslack.Command{Command: "/brief"}); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitPosts(wait(t), 1); err != nil {
		t.Fatal(err)
	}
	took, err := s.stop(t)
	if err != nil {
		t.Errorf("serve returned %v", err)
	}
	if took > 300*time.Millisecond+3*time.Second {
		t.Errorf("serve took %v to stop with a 300ms bound", took)
	}
	if !strings.Contains(s.logs.String(), "some replies did not finish within shutdown_timeout") {
		t.Errorf("the log does not say a reply was abandoned:\n%s", s.logs)
	}
}

// TestServeHTTPMode runs serve with the HTTP slash-command endpoint.
func TestServeHTTPMode(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	c := testConfig(t, fake, "slack:\n  mode: http\n  commands_path: /slack/cmd\n  api_url: "+fake.APIURL+"\n")
	s := startServe(t, c, testEnv)
	if body := s.waitReady(t); !strings.Contains(body, "slack: ready (http: serving slash commands)") {
		t.Errorf("/readyz: %q", body)
	}
	body := url.Values{"command": {"/help"}, "channel_id": {"C1"}, "user_id": {"U1"}, "response_url": {fake.ResponseURL("http1")}}.Encode()
	sent := time.Now() // one timestamp: the same request sent again is a replay
	post := func(secret string) int {
		req, err := http.NewRequest(http.MethodPost, "http://"+s.public+"/slack/cmd", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		fakeslack.Sign(req, body, secret, sent)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("wrong"); code != http.StatusUnauthorized {
		t.Errorf("a forged request got %d, want 401", code)
	}
	if code := post(testSigningSecret); code != http.StatusOK {
		t.Errorf("a signed request got %d, want 200", code)
	}
	if code := post(testSigningSecret); code != http.StatusConflict {
		t.Errorf("a replayed request got %d, want 409", code)
	}
	r, err := fake.WaitResponses(wait(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if r[0].ID != "http1" || !strings.Contains(r[0].Text, "/who-said TERM") {
		t.Errorf("reply %+v", r[0])
	}
	if code := statusOf(t, "http://"+s.public+"/slack/cmd"); code != http.StatusMethodNotAllowed {
		t.Errorf("GET of the commands path: %d, want 405", code)
	}
	for _, path := range adminPaths {
		if code := statusOf(t, "http://"+s.public+path); code != http.StatusNotFound {
			t.Errorf("GET %s on the public listener: %d, want 404", path, code)
		}
	}
	if _, err := s.stop(t); err != nil {
		t.Errorf("serve: %v", err)
	}
}

func TestServeFailsToStart(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	taken := testConfig(t, fake, "")
	s := startServe(t, taken, testEnv)
	env := func(over map[string]string) func(string) string {
		return func(k string) string {
			if v, ok := over[k]; ok {
				return v
			}
			return testEnv(k)
		}
	}
	for _, tc := range []struct {
		name   string
		config func() *config
		getenv func(string) string
		err    string
	}{
		{"missing app token", func() *config { return testConfig(t, fake, "") }, env(map[string]string{envSlackAppToken: ""}), "SLACK_APP_TOKEN is not set"},
		{"wrong bot token", func() *config { return testConfig(t, fake, "") }, env(map[string]string{envSlackBotToken: "xoxb-wrong"}), "invalid_auth (is SLACK_BOT_TOKEN right?)"},
		{"wrong app token", func() *config { return testConfig(t, fake, "") }, env(map[string]string{envSlackAppToken: "xapp-wrong"}), "slack: socket mode at " + fake.APIURL + ": invalid_auth"},
		{"address in use", func() *config {
			c := testConfig(t, fake, "")
			c.Admin.Addr = s.admin
			return c
		}, testEnv, "listening on admin.addr " + s.admin},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err := serve(ctx, tc.config(), serveDeps{getenv: tc.getenv, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
				slackHTTP: &http.Client{Timeout: 2 * time.Second, Transport: fakeslack.LoopbackTransport{}}})
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("serve: %v, want an error with %q", err, tc.err)
			}
		})
	}
}

// TestServeWaitsForSlack starts serve while Slack is unreachable: it keeps trying, says so
// on /readyz, and is ready once Slack answers.
func TestServeWaitsForSlack(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	fake.SetDown(true)
	s := startServe(t, testConfig(t, fake, ""), testEnv)
	var body string
	for range 500 {
		if _, body = s.get(t, "/readyz"); strings.Contains(body, "retrying") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(body, "slack: not ready (connecting to slack (retrying:") {
		t.Errorf("/readyz while Slack is down: %q", body)
	}
	fake.SetDown(false)
	if body := s.waitReady(t); !strings.Contains(body, "slack: ready") {
		t.Errorf("/readyz once Slack is up: %q", body)
	}
	if !strings.Contains(s.logs.String(), "slack is unreachable; retrying") {
		t.Errorf("the log does not say serve waits for Slack:\n%s", s.logs)
	}
}

func TestServeCommand(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(file, []byte("http:\n  addr: 127.0.0.1:0\nslack:\n  api_url: "+fake.APIURL+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no config", []string{"serve"}, exitUsage, "missing --config FILE"},
		{"arguments", []string{"serve", "--config", file, "extra"}, exitUsage, "unexpected arguments"},
		{"bad config", []string{"serve", "--config", filepath.Join(dir, "none.yaml")}, exitError, "no such file"},
		{"help", []string{"serve", "--help"}, exitOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d stderr %q, want %d with %q", r.code, r.stderr, tc.code, tc.stderr)
			}
		})
	}
	t.Run("runs until cancelled", func(t *testing.T) {
		t.Setenv(envSlackBotToken, fakeslack.BotToken)
		t.Setenv(envSlackAppToken, fakeslack.AppToken)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		var stderr bottest.LogBuffer
		go func() {
			done <- run(ctx, []string{"serve", "--config", file}, strings.NewReader(""), io.Discard, &stderr)
		}()
		if err := fake.WaitConnected(wait(t)); err != nil {
			t.Fatal(err)
		}
		cancel()
		select {
		case code := <-done:
			if code != exitOK || stderr.String() != "" {
				t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr.String())
			}
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
		}
	})
}

// TestServeSignal runs briefbot serve as a process and stops it with SIGTERM while a
// reply is in flight: the reply is delivered and the process exits 0.
func TestServeSignal(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	release := make(chan struct{})
	fake.HandlePost(func(p fakeslack.Post) fakeslack.Reply {
		<-release
		return fakeslack.Reply{Body: `{"ok":true}`}
	})
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte("http:\n  addr: 127.0.0.1:0\nslack:\n  api_url: "+fake.APIURL+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "--log-level", "info", "serve", "--config", file)
	cmd.Env = append(os.Environ(), "BRIEFBOT_TEST_RUN_MAIN=1", envSlackBotToken+"="+fakeslack.BotToken, envSlackAppToken+"="+fakeslack.AppToken)
	var stderr bottest.LogBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := wait(t)
	if err := fake.WaitConnected(ctx); err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	if _, err := fake.SendCommand(fakeslack.Command{Command: "/brief"}); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitPosts(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, func() { close(release) })
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("briefbot serve exited with %v after SIGTERM, want 0\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("briefbot serve did not exit after SIGTERM\n%s", stderr.String())
	}
	for _, want := range []string{"shutting down", "answered a command", "command=brief", "outcome=ok", "stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, stderr.String())
		}
	}
}
