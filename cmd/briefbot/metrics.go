package main

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
)

// promMetrics is the bot.Metrics that serve exports on /metrics.
type promMetrics struct {
	commands    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	acks        *prometheus.HistogramVec
	posts       *prometheus.CounterVec
	errors      *prometheus.CounterVec
	rateLimits  *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
	slots       *prometheus.CounterVec
	slotRetries *prometheus.CounterVec
	ingestSkips *prometheus.CounterVec
}

var (
	_ bot.Metrics      = (*promMetrics)(nil)
	_ schedule.Metrics = (*promMetrics)(nil)
)

// newMetrics registers briefbot's metrics, and the Go and process collectors, on reg.
func newMetrics(reg *prometheus.Registry) (*promMetrics, error) {
	m := &promMetrics{
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_commands_total",
			Help: "Commands answered, by platform, command (brief, who-said, help, unknown) and outcome (ok, usage, unavailable, busy, error, undelivered).",
		}, []string{"platform", "command", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "briefbot_command_duration_seconds",
			Help:    "Time from receiving a command to delivering its reply.",
			Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		}, []string{"platform", "command"}),
		acks: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "briefbot_ack_duration_seconds",
			Help:    "Time from receiving a command to acknowledging it (Slack and Discord allow 3 s; Discord: the deferred response).",
			Buckets: []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 3},
		}, []string{"platform"}),
		posts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_posts_total",
			Help: "Messages delivered to a platform (channel posts and replies; Discord: each edit, follow-up and message).",
		}, []string{"platform"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_errors_total",
			Help: "Failed calls to a platform or refused requests, by operation (post, respond, reply, ack, connect, auth; Discord also edit, followup, mention, commands, gateway; refused requests: verify for a bad signature or timestamp, replay, request for a malformed one).",
		}, []string{"platform", "op"}),
		rateLimits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_rate_limit_waits_total",
			Help: "Waits before a retry that a platform asked for with 429 and Retry-After.",
		}, []string{"platform"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_rate_limit_wait_seconds_total",
			Help: "Total time spent waiting on rate limits.",
		}, []string{"platform"}),
		slots: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_slots_total",
			Help: "Scheduled (and manual) briefings by platform and final state (posted, failed, missed, skipped).",
		}, []string{"platform", "state"}),
		slotRetries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_slot_retries_total",
			Help: "Attempts at a scheduled briefing that failed and are to be tried again inside its grace window.",
		}, []string{"platform"}),
		ingestSkips: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_ingest_skips_total",
			Help: "Feeds, items and pages passed over by ingestion, by reason (too_large, timeout, network, http_status, redirects, private_address, robots, charset, not_a_feed, no_text, no_link, old, bad_url).",
		}, []string{"reason"}),
	}
	for _, c := range []prometheus.Collector{m.commands, m.duration, m.acks, m.posts, m.errors, m.rateLimits, m.rateLimited, m.slots, m.slotRetries, m.ingestSkips,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("registering metrics: %w", err)
		}
	}
	return m, nil
}

func (m *promMetrics) CommandDone(platform, command string, outcome bot.Outcome, d time.Duration) {
	m.commands.WithLabelValues(platform, command, string(outcome)).Inc()
	m.duration.WithLabelValues(platform, command).Observe(d.Seconds())
}

func (m *promMetrics) Acked(platform string, d time.Duration) {
	m.acks.WithLabelValues(platform).Observe(d.Seconds())
}

func (m *promMetrics) Posted(platform string) { m.posts.WithLabelValues(platform).Inc() }

func (m *promMetrics) Failed(platform, op string) { m.errors.WithLabelValues(platform, op).Inc() }

func (m *promMetrics) RateLimited(platform string, wait time.Duration) {
	m.rateLimits.WithLabelValues(platform).Inc()
	m.rateLimited.WithLabelValues(platform).Add(wait.Seconds())
}

func (m *promMetrics) SlotDone(platform string, st schedule.State) {
	m.slots.WithLabelValues(platform, string(st)).Inc()
}

func (m *promMetrics) SlotRetried(platform string) { m.slotRetries.WithLabelValues(platform).Inc() }

// ingestSkip counts a skip of ingestion.
func (m *promMetrics) ingestSkip(reason string) { m.ingestSkips.WithLabelValues(reason).Inc() }
