// Package bottest holds fakes for testing code that uses package bot: a Recorder that
// records replies and a Metrics that counts what it is told.
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

// A Recorder is a bot.Responder and bot.Poster that records every reply. Err, if set,
// is returned by every call (after recording it).
type Recorder struct {
	mu      sync.Mutex
	replies []bot.Reply
	Err     error
}

var (
	_ bot.Responder = (*Recorder)(nil)
	_ bot.Poster    = (*Recorder)(nil)
)

// Respond records r.
func (rec *Recorder) Respond(_ context.Context, r bot.Reply) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.replies = append(rec.replies, r)
	return rec.Err
}

// Post records r; the channel is not kept.
func (rec *Recorder) Post(_ context.Context, channelID string, r bot.Reply) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.replies = append(rec.replies, r)
	return rec.Err
}

// Replies returns the replies recorded so far.
func (rec *Recorder) Replies() []bot.Reply {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]bot.Reply(nil), rec.replies...)
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
