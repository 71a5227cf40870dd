// Package bottest holds what tests of package bot and its adapters share: a bot over the
// seeds (MustNewBot), a Recorder of replies and posts, function-field fakes of the core's
// interfaces (Source, Quoter, Poster), a counting Metrics, golden files (Golden, with
// -update) and a log buffer safe for concurrent writes.
package bottest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// A Recorded is one reply or post a Recorder took.
type Recorded struct {
	// ChannelID and Key are those of a post; empty for a reply.
	ChannelID, Key string
	Reply          bot.Reply
}

// A Recorder is a bot.Responder and bot.Poster that records every reply and post. Err,
// if set, is returned by every call (after recording it).
type Recorder struct {
	mu       sync.Mutex
	recorded []Recorded
	Err      error
}

var (
	_ bot.Responder = (*Recorder)(nil)
	_ bot.Poster    = (*Recorder)(nil)
)

// Respond records r.
func (rec *Recorder) Respond(_ context.Context, r bot.Reply) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.recorded = append(rec.recorded, Recorded{Reply: r})
	return rec.Err
}

// Post records r with its channel and key, and returns a reference numbered in order:
// platform "test", ID "m1", "m2"…
func (rec *Recorder) Post(_ context.Context, channelID string, r bot.Reply, key string) (bot.MessageRef, error) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.recorded = append(rec.recorded, Recorded{ChannelID: channelID, Key: key, Reply: r})
	if rec.Err != nil {
		return bot.MessageRef{}, rec.Err
	}
	return bot.MessageRef{Platform: "test", ChannelID: channelID, ID: fmt.Sprintf("m%d", len(rec.recorded))}, nil
}

// Replies returns the replies and posts recorded so far, without their channels.
func (rec *Recorder) Replies() []bot.Reply {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := make([]bot.Reply, len(rec.recorded))
	for i, r := range rec.recorded {
		out[i] = r.Reply
	}
	return out
}

// Recorded returns what was recorded so far, channels and keys included.
func (rec *Recorder) Recorded() []Recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]Recorded(nil), rec.recorded...)
}

// Metrics is a bot.Metrics that counts calls by name and labels, such as
// "command slack brief ok" or "rate_limited slack". It is safe for concurrent use.
type Metrics struct {
	mu     sync.Mutex
	counts map[string]int
}

var _ bot.Metrics = (*Metrics)(nil)

func (m *Metrics) add(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.counts == nil {
		m.counts = map[string]int{}
	}
	m.counts[key]++
}

// CommandDone counts "command PLATFORM COMMAND OUTCOME".
func (m *Metrics) CommandDone(platform, command string, outcome bot.Outcome, _ time.Duration) {
	m.add(fmt.Sprintf("command %s %s %s", platform, command, outcome))
}

// Acked counts "ack PLATFORM".
func (m *Metrics) Acked(platform string, _ time.Duration) { m.add("ack " + platform) }

// Posted counts "post PLATFORM".
func (m *Metrics) Posted(platform string) { m.add("post " + platform) }

// Failed counts "failed PLATFORM OP".
func (m *Metrics) Failed(platform, op string) { m.add("failed " + platform + " " + op) }

// RateLimited counts "rate_limited PLATFORM".
func (m *Metrics) RateLimited(platform string, _ time.Duration) { m.add("rate_limited " + platform) }

// Count returns how many times key was counted.
func (m *Metrics) Count(key string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counts[key]
}

// WaitCount waits up to timeout for key to be counted n times, and reports whether it
// was: a command's metric is counted just after its reply is delivered.
func (m *Metrics) WaitCount(key string, n int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for m.Count(key) < n {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return m.Count(key) == n
}

// String lists the counts, sorted, one "key=n" a line.
func (m *Metrics) String() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var lines []string
	for k, n := range m.counts {
		lines = append(lines, fmt.Sprintf("%s=%d", k, n))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
