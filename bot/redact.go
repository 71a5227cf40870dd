package bot

import (
	"regexp"
	"strings"
)

// Redacted stands for a credential in a message.
const Redacted = "[redacted]"

// credentialPatterns match credentials by their shape: the user information of a URL
// (user:password@), Slack tokens and secrets (xoxb-, xoxp-, xapp-, xoxe-…), Discord bot
// tokens (three base64 parts joined by dots), and bearer or bot authorizations.
var credentialPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s"']*@`),
	regexp.MustCompile(`\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+`),
	regexp.MustCompile(`\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}`),
	regexp.MustCompile(`(?i)\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{16,}`),
}

// Redact returns s with every credential masked: those of a known shape (see
// credentialPatterns), and each of the given secrets wherever it appears. Use it on any
// text that may reach a log line or a user and may hold a URL or a configuration value.
func Redact(s string, secrets ...string) string {
	for _, secret := range secrets {
		if len(secret) >= 6 { // shorter values would mask ordinary words
			s = strings.ReplaceAll(s, secret, Redacted)
		}
	}
	s = credentialPatterns[0].ReplaceAllString(s, "${1}"+Redacted+"@")
	s = credentialPatterns[1].ReplaceAllString(s, Redacted)
	s = credentialPatterns[2].ReplaceAllString(s, Redacted)
	return credentialPatterns[3].ReplaceAllString(s, "${1} "+Redacted)
}
