package bot

import (
	"context"
	"time"
)

// Visibility says who sees a reply.
type Visibility int

const (
	// Ephemeral replies are seen only by the user who sent the command, where the
	// platform allows it (Slack); elsewhere they are ordinary replies.
	Ephemeral Visibility = iota
	// InChannel replies are posted for everyone in the channel.
	InChannel
)

// String returns "ephemeral" or "in_channel", Slack's names.
func (v Visibility) String() string {
	if v == InChannel {
		return "in_channel"
	}
	return "ephemeral"
}

// An Outcome classifies how a command ended, for logs and metrics.
type Outcome string

// The outcomes of a command.
const (
	OutcomeOK          Outcome = "ok"          // answered
	OutcomeUsage       Outcome = "usage"       // the text was not a valid command; a usage line was sent
	OutcomeUnavailable Outcome = "unavailable" // the command is not available yet
	OutcomeBusy        Outcome = "busy"        // too many commands were waiting; the user got an apology
	OutcomeError       Outcome = "error"       // it failed; the user got UserMessage(err)
	OutcomeUndelivered Outcome = "undelivered" // the answer could not be delivered
)

// A Reply is the platform-neutral answer to a command. Exactly one of Briefing, WhoSaid,
// Help and Text is set; adapters render it for their platform.
type Reply struct {
	// Command is the platform-neutral name of the command answered (CommandBrief, …, or
	// CommandUnknown).
	Command    string
	Visibility Visibility
	Outcome    Outcome

	Briefing *Briefing
	WhoSaid  *WhoSaid
	Help     *Help
	// Text is a short message in plain text: a usage line, an apology, a notice.
	Text string
}

// A Responder delivers the reply to one request, through the channel the request came
// by (Slack's response_url or a channel post, the console's standard output).
type Responder interface {
	// Respond delivers r. It returns an error when the platform refused it or could not
	// be reached; the bot then logs the error and tries once to respond with an apology.
	Respond(ctx context.Context, r Reply) error
}

// ResponderFunc adapts a function to a Responder.
type ResponderFunc func(ctx context.Context, r Reply) error

// Respond calls f(ctx, r).
func (f ResponderFunc) Respond(ctx context.Context, r Reply) error { return f(ctx, r) }

// A Poster posts a message in a channel unprompted, as a scheduled briefing does.
type Poster interface {
	// Post posts r in the channel with the given platform ID, and returns what the
	// platform calls the message. A key, if not empty, identifies the post (a scheduled
	// slot's id): the platform keeps it with the message (Slack's message metadata,
	// Discord's nonce), so that a post whose outcome is unknown can be looked for, and a
	// retried one is not posted twice where the platform allows. It returns an error when
	// the platform refused the message or could not be reached.
	Post(ctx context.Context, channelID string, r Reply, key string) (MessageRef, error)
}

// A MessageRef is what a platform calls a message it took: Slack's channel and ts,
// Discord's channel and message ID.
type MessageRef struct {
	Platform  string `json:"platform"`
	ChannelID string `json:"channel_id"`
	ID        string `json:"id"`
}

// Metrics receives counts and timings of the bot's work; cmd/briefbot exports them to
// Prometheus. Methods must be safe for concurrent use. A nil Metrics in Options records
// nothing.
type Metrics interface {
	// CommandDone records a command from its receipt to its delivered (or failed) reply.
	CommandDone(platform, command string, outcome Outcome, d time.Duration)
	// Acked records the time from a command's arrival to its acknowledgement.
	Acked(platform string, d time.Duration)
	// Posted records a message delivered to a platform.
	Posted(platform string)
	// Failed records a failed call to a platform; op names it ("post", "respond", "ack",
	// "connect", "reply").
	Failed(platform, op string)
	// RateLimited records a wait that the platform asked for before a retry.
	RateLimited(platform string, wait time.Duration)
}

// NopMetrics records nothing.
type NopMetrics struct{}

// CommandDone does nothing.
func (NopMetrics) CommandDone(string, string, Outcome, time.Duration) {}

// Acked does nothing.
func (NopMetrics) Acked(string, time.Duration) {}

// Posted does nothing.
func (NopMetrics) Posted(string) {}

// Failed does nothing.
func (NopMetrics) Failed(string, string) {}

// RateLimited does nothing.
func (NopMetrics) RateLimited(string, time.Duration) {}
