package fakeslack

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// history calls conversations.history with form and decodes the answer.
func history(t *testing.T, s *Server, form url.Values) (msgs []historyMessage, more bool, next, errCode string) {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second, Transport: LoopbackTransport{}}
	form.Set("token", BotToken)
	resp, err := client.PostForm(s.APIURL+"conversations.history", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		OK       bool             `json:"ok"`
		Error    string           `json:"error"`
		Messages []historyMessage `json:"messages"`
		HasMore  bool             `json:"has_more"`
		Meta     struct {
			Next string `json:"next_cursor"`
		} `json:"response_metadata"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return body.Messages, body.HasMore, body.Meta.Next, body.Error
}

func TestHistory(t *testing.T) {
	s := New()
	defer s.Close()
	now := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	client := &http.Client{Timeout: 5 * time.Second, Transport: LoopbackTransport{}}
	meta := `{"event_type":"briefbot_briefing","event_payload":{"key":"k1"}}`
	for i, text := range []string{"one", "two", "three"} {
		form := url.Values{"channel": {"C1"}, "text": {text}, "token": {BotToken}}
		if i == 1 {
			form.Set("metadata", meta)
		}
		resp, err := client.PostForm(s.APIURL+"chat.postMessage", form)
		if err != nil {
			t.Fatal(err)
		}
		var ans struct{ TS string }
		json.NewDecoder(resp.Body).Decode(&ans)
		resp.Body.Close()
		if want := s.Posts()[i].TS; ans.TS != want || !strings.HasPrefix(want, "1772434800.00000") {
			t.Errorf("post %d answered ts %q, recorded %q, want the clock's seconds and unique micros", i, ans.TS, want)
		}
	}
	h := s.History("C1")
	if len(h) != 3 || h[1].Metadata != meta {
		t.Fatalf("history %+v", h)
	}

	t.Run("newest first, metadata only when asked", func(t *testing.T) {
		msgs, more, _, code := history(t, s, url.Values{"channel": {"C1"}})
		if code != "" || more || len(msgs) != 3 || msgs[0].Text != "three" || msgs[1].Metadata != nil {
			t.Errorf("%+v more=%v err=%q", msgs, more, code)
		}
		msgs, _, _, _ = history(t, s, url.Values{"channel": {"C1"}, "include_all_metadata": {"1"}})
		if len(msgs) != 3 || string(msgs[1].Metadata) != meta {
			t.Errorf("with include_all_metadata: %+v", msgs)
		}
	})
	t.Run("oldest and latest", func(t *testing.T) {
		msgs, _, _, _ := history(t, s, url.Values{"channel": {"C1"}, "oldest": {h[0].TS}})
		if len(msgs) != 2 || msgs[1].TS != h[1].TS {
			t.Errorf("after the first: %+v", msgs)
		}
		msgs, _, _, _ = history(t, s, url.Values{"channel": {"C1"}, "oldest": {h[0].TS}, "latest": {h[2].TS}, "inclusive": {"1"}})
		if len(msgs) != 3 {
			t.Errorf("inclusive: %+v", msgs)
		}
		msgs, _, _, _ = history(t, s, url.Values{"channel": {"C1"}, "oldest": {"1772434801"}})
		if len(msgs) != 0 {
			t.Errorf("after the clock: %+v", msgs)
		}
		if _, _, _, code := history(t, s, url.Values{"channel": {"C1"}, "oldest": {"soon"}}); code != "invalid_ts_oldest" {
			t.Errorf("a bad oldest: %q", code)
		}
	})
	t.Run("pages", func(t *testing.T) {
		var got []string
		form := url.Values{"channel": {"C1"}, "limit": {"2"}}
		for range 3 {
			msgs, more, next, code := history(t, s, form)
			if code != "" {
				t.Fatal(code)
			}
			for _, m := range msgs {
				got = append(got, m.Text)
			}
			if !more {
				break
			}
			form.Set("cursor", next)
		}
		if strings.Join(got, " ") != "three two one" {
			t.Errorf("pages gave %v", got)
		}
		if _, _, _, code := history(t, s, url.Values{"channel": {"C1"}, "cursor": {"%%%"}}); code != "invalid_cursor" {
			t.Errorf("a bad cursor: %q", code)
		}
	})
	t.Run("errors", func(t *testing.T) {
		s.SetHistoryError("missing_scope")
		if _, _, _, code := history(t, s, url.Values{"channel": {"C1"}}); code != "missing_scope" {
			t.Errorf("SetHistoryError: %q", code)
		}
		s.SetHistoryError("")
		if _, _, _, code := history(t, s, url.Values{}); code != "channel_not_found" {
			t.Errorf("no channel: %q", code)
		}
	})
}

// TestHistoryKeepsWhatSlackTook: a post a handler refuses (429, ok:false) is not in
// the history; one it answers with a 5xx is, as Slack may have posted it.
func TestHistoryKeepsWhatSlackTook(t *testing.T) {
	s := New()
	defer s.Close()
	client := &http.Client{Timeout: 5 * time.Second, Transport: LoopbackTransport{}}
	replies := map[string]Reply{
		"limited": {Status: http.StatusTooManyRequests, Body: `{"ok":false,"error":"ratelimited"}`},
		"refused": {Body: `{"ok": false, "error": "not_in_channel"}`},
		"500":     {Status: http.StatusInternalServerError, Body: "oops"},
		"ok":      {Body: `{"ok":true}`},
	}
	s.HandlePost(func(p Post) Reply { return replies[p.Text] })
	for _, text := range []string{"limited", "refused", "500", "ok"} {
		resp, err := client.PostForm(s.APIURL+"chat.postMessage", url.Values{"channel": {"C1"}, "text": {text}, "token": {BotToken}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	var kept []string
	for _, m := range s.History("C1") {
		kept = append(kept, m.Text)
	}
	if strings.Join(kept, " ") != "500 ok" {
		t.Errorf("history %v, want the 500 and the ok", kept)
	}
	if m := s.AddMessage("C1", "earlier", ""); len(s.History("C1")) != 3 || m.TS == "" {
		t.Errorf("AddMessage: %+v", s.History("C1"))
	}
}
