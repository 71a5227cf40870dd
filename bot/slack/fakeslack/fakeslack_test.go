package fakeslack

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// post calls chat.postMessage in channel with client.
func post(client *http.Client, s *Server, channel string) (*http.Response, error) {
	form := url.Values{"channel": {channel}, "text": {"hi"}, "token": {BotToken}}
	return client.PostForm(s.APIURL+"chat.postMessage", form)
}

func TestStatsAndDelay(t *testing.T) {
	s := New()
	defer s.Close()
	s.SetDelay(50*time.Millisecond, 0)
	client := &http.Client{Timeout: 5 * time.Second, Transport: LoopbackTransport{}}
	var wg sync.WaitGroup
	for _, ch := range []string{"C1", "C2", "C2", "C3"} {
		wg.Go(func() {
			start := time.Now()
			resp, err := post(client, s, ch)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if d := time.Since(start); d < 50*time.Millisecond {
				t.Errorf("answered after %v, before the delay", d)
			}
		})
	}
	wg.Wait()
	resp, err := client.Post(s.ResponseURL("cmd-1"), "application/json", strings.NewReader(`{"text":"ok"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	st := s.Stats()
	if st.Calls["chat.postMessage"] != 4 || st.Posts["C1"] != 1 || st.Posts["C2"] != 2 || st.Responses["cmd-1"] != 1 {
		t.Errorf("stats %+v", st)
	}
	if st.MaxInFlight < 2 {
		t.Errorf("at most %d requests in flight, want the delayed posts to overlap", st.MaxInFlight)
	}
}

func TestDelayEndsWhenTheClientGivesUp(t *testing.T) {
	s := New()
	defer s.Close()
	s.SetDelay(time.Hour, time.Hour)
	client := &http.Client{Timeout: 100 * time.Millisecond, Transport: LoopbackTransport{}}
	if _, err := post(client, s, "C1"); err == nil {
		t.Fatal("a post answered within the client's timeout, want none")
	}
	if st := s.Stats(); st.Posts["C1"] != 1 {
		t.Errorf("the post was not recorded on arrival: %+v", st)
	}
}

func TestDown(t *testing.T) {
	s := New()
	defer s.Close()
	client := &http.Client{Timeout: 5 * time.Second, Transport: LoopbackTransport{}}
	s.SetDown(true)
	if _, err := post(client, s, "C1"); err == nil {
		t.Fatal("a post succeeded while the server was down")
	}
	s.SetDown(false)
	resp, err := post(client, s, "C1")
	if err != nil {
		t.Fatalf("after the network came back: %v", err)
	}
	resp.Body.Close()
	if st := s.Stats(); st.Dropped != 1 || st.Posts["C1"] != 1 {
		t.Errorf("stats %+v, want one dropped request and one post", st)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := s.WaitConnections(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitConnections without a client: %v", err)
	}
}
