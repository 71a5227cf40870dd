package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// history reads GET channels/{id}/messages with the query, and returns the status and
// the messages' IDs, newest first.
func history(t *testing.T, s *Server, query string) (int, []string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.APIURL+"channels/"+ChannelID+"/messages?"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+Token)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var msgs []struct {
		ID    string `json:"id"`
		Nonce string `json:"nonce"`
	}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
	}
	var ids []string
	for _, m := range msgs {
		if m.Nonce != "" {
			t.Errorf("the history shows the nonce of %s", m.ID)
		}
		ids = append(ids, m.ID)
	}
	return resp.StatusCode, ids
}

// TestHistoryAndChannel: the history is newest first, paged with limit and before,
// without nonces; DenyHistory empties it and Forbid refuses it; GET channels/{id}
// names the last message, or null.
func TestHistoryAndChannel(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	if _, _, ch := call(t, s, http.MethodGet, "channels/"+ChannelID, nil); ch["last_message_id"] != nil || ch["id"] != ChannelID {
		t.Errorf("an empty channel: %v", ch)
	}
	a := s.AddMessage(Message{Content: "first"})
	b := s.AddMessage(Message{AuthorID: BotUserID, Content: "second", Nonce: "n1"})
	c := s.AddMessage(Message{Content: "third"})
	if !b.AuthorBot || b.AuthorName != BotName || a.AuthorID != UserID || a.ChannelID != ChannelID {
		t.Errorf("AddMessage filled in %+v and %+v", a, b)
	}
	if _, ids := history(t, s, "limit=2"); len(ids) != 2 || ids[0] != c.ID || ids[1] != b.ID {
		t.Errorf("the first page: %v", ids)
	}
	if _, ids := history(t, s, "limit=2&before="+b.ID); len(ids) != 1 || ids[0] != a.ID {
		t.Errorf("before %s: %v", b.ID, ids)
	}
	if _, _, ch := call(t, s, http.MethodGet, "channels/"+ChannelID, nil); ch["last_message_id"] != c.ID {
		t.Errorf("the channel: %v", ch)
	}
	s.DenyHistory(ChannelID, true)
	if status, ids := history(t, s, "limit=100"); status != http.StatusOK || len(ids) != 0 {
		t.Errorf("without Read Message History: %d %v, want 200 and none", status, ids)
	}
	s.DenyHistory(ChannelID, false)
	s.Forbid(ChannelID, true)
	if status, _ := history(t, s, ""); status != http.StatusForbidden {
		t.Errorf("forbidden: %d", status)
	}
	if status, _, _ := call(t, s, http.MethodGet, "channels/"+ChannelID, nil); status != http.StatusForbidden {
		t.Errorf("the forbidden channel: %d", status)
	}
}

// TestHold: a held post is made at once and answered when the hold ends.
func TestHold(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	release := make(chan struct{})
	s.Fault(OpMessage, Fault{Hold: release})
	done := make(chan int, 1)
	req, err := http.NewRequest(http.MethodPost, s.APIURL+"channels/"+ChannelID+"/messages", strings.NewReader(`{"content":"held"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+Token)
	req.Header.Set("Content-Type", "application/json")
	go func() {
		resp, err := s.Client().Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	if _, err := s.WaitMessages(ctx(t), ChannelID, 1); err != nil {
		t.Fatal(err)
	}
	select {
	case status := <-done:
		t.Fatalf("answered %d while held", status)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if status := <-done; status != http.StatusOK {
		t.Errorf("after the hold: %d", status)
	}
}
