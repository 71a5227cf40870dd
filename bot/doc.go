// Package bot is the platform-neutral core of briefbot: the sources it reads articles
// from, the briefing model it builds from a summary, and the one place that turns errors
// into what a user reads. Chat platforms are adapters in its subpackages; this package
// imports no platform SDK.
package bot
