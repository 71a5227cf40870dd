// Package bot is the platform-neutral core of briefbot: the sources it reads articles
// from, the commands it answers, the replies it gives, and the one place that turns
// errors into what a user reads (UserMessage).
//
// A Bot routes each Request (/brief, /who-said TERM, /help, anything else) to its handler
// and returns a Reply: a Briefing, a WhoSaid answer, a Help, or a short Text, with a
// Visibility (ephemeral or in the channel). It reads its articles from a Source and
// analyses them once per set of articles. /who-said asks a Quoter; without one it answers
// that it is not available yet.
//
// Chat platforms are adapters in subpackages (bot/slack, bot/console): they receive
// commands, acknowledge them, call Bot.Start or Bot.Serve, and deliver the Reply through
// a Responder they implement; a Poster posts unprompted. This package declares those
// interfaces and imports no platform SDK.
package bot
