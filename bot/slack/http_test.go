package slack

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// signed returns a POST of body to the slash-command endpoint, signed with secret at ts.
func signed(body string, ts time.Time, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
	fakeslack.Sign(r, body, secret, ts)
	return r
}

// commandForm returns the form of a slash command whose response_url is responseURL.
func commandForm(command, text, responseURL string) string {
	return url.Values{
		"command": {command}, "text": {text}, "channel_id": {"C1"}, "user_id": {"U1"},
		"team_id": {"T1"}, "response_url": {responseURL}, "trigger_id": {"t1"},
	}.Encode()
}

func TestHTTPHandler(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	h := f.a.Handler()
	now := time.Now()
	good := commandForm("/help", "", f.fake.ResponseURL("h1"))
	for _, tc := range []struct {
		name   string
		req    func() *http.Request
		status int
		body   string // a substring of the response body
	}{
		{"signed command", func() *http.Request { return signed(good, now, testSecret) }, 200, ""},
		{"replay", func() *http.Request { return signed(good, now, testSecret) }, 409, "replayed"},
		{"bad signature", func() *http.Request { return signed(good+"&x=1", now, "not-the-secret") }, 401, "bad signature"},
		{"tampered body", func() *http.Request {
			r := signed(good, now.Add(time.Second), testSecret)
			r.Body = httptestBody(strings.Replace(good, "help", "brief", 1))
			return r
		}, 401, "bad signature"},
		{"stale timestamp", func() *http.Request { return signed(good+"&n=2", now.Add(-6*time.Minute), testSecret) }, 401, "more than 5 minutes"},
		{"future timestamp", func() *http.Request { return signed(good+"&n=3", now.Add(6*time.Minute), testSecret) }, 401, "more than 5 minutes"},
		{"missing headers", func() *http.Request {
			return httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(good))
		}, 401, "missing"},
		{"timestamp not a number", func() *http.Request {
			r := signed(good, now, testSecret)
			r.Header.Set("X-Slack-Request-Timestamp", "yesterday")
			return r
		}, 401, "not a number"},
		{"signature not hex", func() *http.Request {
			r := signed(good+"&n=4", now, testSecret)
			r.Header.Set("X-Slack-Signature", "v0=zz")
			return r
		}, 401, "bad signature"},
		{"signature without version", func() *http.Request {
			r := signed(good+"&n=5", now, testSecret)
			r.Header.Set("X-Slack-Signature", strings.TrimPrefix(r.Header.Get("X-Slack-Signature"), "v0="))
			return r
		}, 401, "bad signature"},
		{"malformed body", func() *http.Request { return signed("command=%zz&text=%", now, testSecret) }, 400, "not a form"},
		{"no command", func() *http.Request { return signed("text=hello&channel_id=C1", now, testSecret) }, 400, "no command"},
		{"empty body", func() *http.Request { return signed("", now, testSecret) }, 400, "no command"},
		{"ssl check", func() *http.Request { return signed("ssl_check=1&token=x", now, testSecret) }, 200, ""},
		{"too large", func() *http.Request { return signed("text="+strings.Repeat("a", MaxBodyBytes), now, testSecret) }, 413, "over 65536 bytes"},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/slack/commands", nil) }, 405, "POST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tc.req())
			if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("status %d body %q, want %d with %q", w.Code, w.Body.String(), tc.status, tc.body)
			}
			if w.Code == 200 && w.Body.Len() != 0 {
				t.Errorf("acknowledged with a body %q, want none", w.Body.String())
			}
		})
	}
	r, err := f.fake.WaitResponses(waitCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if r[0].ID != "h1" || r[0].ResponseType != "ephemeral" || !strings.Contains(r[0].Text, "/who-said TERM") {
		t.Errorf("reply %+v, want the help, ephemeral", r[0])
	}
	if len(f.fake.Responses()) != 1 {
		t.Errorf("%d replies, want only the one to the signed command", len(f.fake.Responses()))
	}
	for op, want := range map[string]int{"verify": 8, "replay": 1, "request": 5} {
		if n := f.metrics.Count("failed slack " + op); n != want {
			t.Errorf("%d refusals counted as %q, want %d:\n%s", n, op, want, f.metrics)
		}
	}
}

// TestRefusalsLogOncePerInterval sends a flood of unauthenticated requests: one is
// logged, the rest are counted by reason in one summary line per interval, and every one
// is counted in the metrics.
func TestRefusalsLogOncePerInterval(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	h := f.a.Handler()
	clock, timers := limitLogs(f.a)
	body := commandForm("/brief", "", "")
	requests := []struct {
		n    int
		code string
		req  func(i int) *http.Request
	}{
		{500, "missing_headers", func(int) *http.Request {
			return httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
		}},
		{300, "bad_signature", func(i int) *http.Request {
			return signed(fmt.Sprint(body, "&n=", i), time.Now(), "not-the-secret")
		}},
		{200, "stale_timestamp", func(i int) *http.Request {
			return signed(fmt.Sprint(body, "&n=", i), time.Now().Add(-time.Hour), testSecret)
		}},
	}
	for _, rq := range requests {
		for i := range rq.n {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, rq.req(i))
			if w.Code != http.StatusUnauthorized {
				t.Fatalf("%s: status %d, want 401", rq.code, w.Code)
			}
		}
	}
	logs := f.logs.String()
	if n := strings.Count(logs, "refused a slash command request"); n != 1 || len(logs) > 1000 {
		t.Errorf("%d lines, %d bytes of log for 1000 refusals, want 1 line:\n%.2000s", n, len(logs), logs)
	}
	if n := f.metrics.Count("failed slack verify"); n != 1000 {
		t.Errorf("%d refusals counted, want 1000", n)
	}
	clock.advance(refusalLogInterval)
	timers.fire()
	logs = f.logs.String()
	for _, want := range []string{"slash command requests refused", "suppressed=999", "by_reason.missing_headers=499", "by_reason.bad_signature=300", "by_reason.stale_timestamp=200"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the summary lacks %q:\n%s", want, logs)
		}
	}
}

func httptestBody(s string) *readCloser { return &readCloser{strings.NewReader(s)} }

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }

func TestHTTPHandlerWithoutSecret(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.a.cfg.SigningSecret = ""
	w := httptest.NewRecorder()
	f.a.Handler().ServeHTTP(w, signed(commandForm("/help", "", ""), time.Now(), testSecret))
	if w.Code != http.StatusUnauthorized {
		t.Errorf("status %d, want 401", w.Code)
	}
}

func TestHTTPHandlerWhileDraining(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	if err := f.bot.Drain(waitCtx(t)); err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	f.a.Handler().ServeHTTP(w, signed(commandForm("/brief", "", f.fake.ResponseURL("x")), time.Now(), testSecret))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"response_type":"ephemeral"`) || !strings.Contains(w.Body.String(), "restarting") {
		t.Errorf("status %d body %q, want an ephemeral apology in the acknowledgement", w.Code, w.Body.String())
	}
}

// FuzzHTTPHandler sends arbitrary requests, signed or not, and checks that the handler
// answers one of its documented statuses (see Handler) and never panics.
func FuzzHTTPHandler(f *testing.F) {
	fx := newFixture(f, fixtureOptions{discard: true})
	h := fx.a.Handler()
	f.Add(commandForm("/help", "", fx.fake.ResponseURL("f")), "", "", true)
	f.Add("command=%zz", "123", "v0=00", false)
	f.Add("ssl_check=1", "", "", true)
	f.Add(commandForm("/who-said", "--share <!channel>", "http://127.0.0.1:1/x"), "", "", true)
	f.Fuzz(func(t *testing.T, body, ts, sig string, sign bool) {
		var r *http.Request
		if sign {
			r = signed(body, time.Now(), testSecret)
		} else {
			r = httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
			r.Header.Set("X-Slack-Request-Timestamp", ts)
			r.Header.Set("X-Slack-Signature", sig)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 400, 409, 413:
			if !sign && w.Code != 400 && w.Code != 413 {
				t.Fatalf("an unsigned request got %d", w.Code)
			}
		case 401:
			if sign && len(body) <= MaxBodyBytes {
				t.Fatalf("a signed request got 401: %s", w.Body)
			}
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
	})
}
