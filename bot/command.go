package bot

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize/quotes"
)

// The commands the bot answers, by their platform-neutral names. Platforms spell them
// their own way (Slack "/brief", the console "/brief" or "brief"); CommandName maps a
// spelling to one of these.
const (
	CommandBrief   = "brief"
	CommandWhoSaid = "who-said"
	CommandHelp    = "help"
	// CommandUnknown names, in logs and metrics, text that is none of the commands.
	CommandUnknown = "unknown"
)

// A Request is one command a user sent, in platform-neutral form.
type Request struct {
	// Platform names the adapter that received it: "slack", "discord", "console".
	Platform string
	// Command is the command, parsed by the adapter before any work: with ParseCommand
	// from what the user typed, or from the platform's structured options.
	Command Command
	// UserID and ChannelID identify who sent it and where, in the platform's terms.
	UserID, ChannelID string
	// Received is when the platform delivered it; the zero Time means when Serve starts.
	Received time.Time
}

// MaxTermRunes bounds the length of a /who-said term or speaker's name: the quotation
// index's one limit.
const MaxTermRunes = quotes.MaxTermRunes

// ShareFlag is the word that makes a /who-said answer visible to the whole channel.
const ShareFlag = "--share"

// CommandName returns the platform-neutral name of a command as a user spelled it: it
// drops a leading slash and a "briefbot-" prefix (for workspaces where "/help" is taken
// and the command is registered as "/briefbot-help") and ignores case. It returns
// CommandUnknown for anything else.
func CommandName(spelling string) string {
	name := strings.ToLower(strings.TrimSpace(spelling))
	name = strings.TrimPrefix(name, "/")
	name = strings.TrimPrefix(name, "briefbot-")
	switch name {
	case CommandBrief, CommandWhoSaid, CommandHelp:
		return name
	case "whosaid", "who_said":
		return CommandWhoSaid
	}
	return CommandUnknown
}

// A Command is a request parsed before any work: which command, and its arguments.
// Adapters build it with ParseCommand from what a user typed (Slack, the console, a
// mention), or from the platform's structured options (Discord).
type Command struct {
	// Name is the platform-neutral name: CommandBrief, CommandWhoSaid, CommandHelp or
	// CommandUnknown.
	Name string
	// Term is what /who-said looks for; empty for the other commands, and for a
	// /who-said that asks what a speaker said.
	Term string
	// Topic keeps the stories of a /brief that match it (see BriefOptions.Topic); empty
	// for every story, and for the other commands.
	Topic string
	// From names the speaker whose quotations /who-said lists (from:NAME); empty for
	// the other commands, and for a /who-said of any speaker.
	From string
	// Share asks for an answer the whole channel sees, where it would otherwise be for
	// the user alone (/who-said --share).
	Share bool
	// Err, when set, says how the command was typed wrong (a *UsageError); the bot
	// answers it with the usage line, and nothing else runs.
	Err error
}

// Query returns what a /who-said command asks for.
func (c Command) Query() Query { return Query{Term: c.Term, From: c.From} }

// Visibility says who sees the answer to the command: the channel for /brief and a
// shared /who-said, the user alone otherwise (usage lines included). Adapters that must
// decide before the answer exists, as Discord does when it defers, ask it.
func (c Command) Visibility() Visibility {
	if c.Err == nil && (c.Name == CommandBrief || (c.Name == CommandWhoSaid && c.Share)) {
		return InChannel
	}
	return Ephemeral
}

// Costly reports whether answering the command reads and analyses articles, so that it
// waits for a work slot; help and usage lines are answered at once.
func (c Command) Costly() bool {
	return c.Err == nil && (c.Name == CommandBrief || c.Name == CommandWhoSaid)
}

// ParseCommand reads a command as a user spelled it (see CommandName) and the text that
// followed it. A command typed wrong comes back with Err set to a *UsageError, and still
// names the command, so that the usage line fits.
func ParseCommand(spelling, text string) Command {
	cmd := Command{Name: CommandName(spelling)}
	switch cmd.Name {
	case CommandBrief:
		cmd.Topic, cmd.Err = ParseTopic(text)
	case CommandWhoSaid:
		q, share, err := ParseWhoSaid(text)
		cmd.Term, cmd.From, cmd.Share, cmd.Err = q.Term, q.From, share, err
	case CommandUnknown:
		cmd.Err = &UsageError{Command: CommandUnknown}
	}
	return cmd
}

// ParseText parses a line typed in a chat (the console, a mention): the command is its
// first word, with or without a slash.
func ParseText(line string) Command {
	command, text := ParseLine(line)
	return ParseCommand(command, text)
}

// ParseLine splits a line typed in a chat (the console, a mention) into a command and
// its text: "/who-said ceasefire" gives "/who-said" and "ceasefire". The command is
// the first word, with or without a slash.
func ParseLine(line string) (command, text string) {
	line = strings.TrimSpace(line)
	i := strings.IndexFunc(line, unicode.IsSpace)
	if i < 0 {
		return line, ""
	}
	return line[:i], strings.TrimSpace(line[i:])
}

// ParseTopic reads the text of a /brief command: the topic whose stories it keeps, or ""
// for every story. The topic is cleaned as a /who-said term is (control characters,
// surrounding quotation marks and repeated spaces go); an overlong or wordless topic is
// a *UsageError.
func ParseTopic(text string) (string, error) {
	topic := cleanTerm(strings.Join(strings.Fields(cleanControl(text)), " "))
	if topic == "" {
		return "", nil
	}
	if problem := checkTerm(topic, "topic"); problem != "" {
		return "", &UsageError{Command: CommandBrief, Problem: problem}
	}
	return topic, nil
}

// FromPrefix opens the name of a speaker in a /who-said command: "from:Zelensky",
// "from:“the Ukrainian president”".
const FromPrefix = "from:"

// ParseWhoSaid reads the text of a /who-said command: a term, a speaker (from:NAME, or a
// name of several words in quotation marks, from:"Keir Starmer"), and the share flag
// (--share, also spelled with a dash that a chat client made typographic, anywhere in
// the text). The term and the name are cleaned of control characters, surrounding
// quotation marks and repeated spaces. A command needs a term or a speaker; an empty,
// overlong or wordless term or name, or a second speaker, is a *UsageError.
func ParseWhoSaid(text string) (q Query, share bool, err error) {
	usage := func(problem string) (Query, bool, error) {
		return Query{}, share, &UsageError{Command: CommandWhoSaid, Problem: problem}
	}
	words := strings.Fields(cleanControl(text))
	var rest []string
	from, fromSeen := "", false
	for i := 0; i < len(words); i++ {
		w := words[i]
		if isShareFlag(w) {
			share = true
			continue
		}
		name, ok := cutFrom(w)
		if !ok {
			rest = append(rest, w)
			continue
		}
		if fromSeen {
			return usage("give one speaker after " + FromPrefix)
		}
		fromSeen = true
		if name == "" && i+1 < len(words) && !isShareFlag(words[i+1]) {
			if _, again := cutFrom(words[i+1]); !again {
				i++ // "from: Putin"
				name = words[i]
			}
		}
		// A name in quotation marks runs to the word that closes them.
		if r, _ := utf8.DecodeRuneInString(name); isOpeningMark(r) {
			for !closesName(name) && i+1 < len(words) {
				i++
				name += " " + words[i]
			}
		}
		from = cleanTerm(name)
	}
	q = Query{Term: cleanTerm(strings.Join(rest, " ")), From: from}
	if fromSeen {
		if problem := checkTerm(q.From, "speaker's name"); problem != "" {
			return usage(problem)
		}
		if q.Term == "" {
			return q, share, nil
		}
	}
	if problem := checkTerm(q.Term, "term"); problem != "" {
		return usage(problem)
	}
	return q, share, nil
}

// cutFrom returns the rest of a word that opens with FromPrefix (in any case).
func cutFrom(w string) (string, bool) {
	if len(w) < len(FromPrefix) || !strings.EqualFold(w[:len(FromPrefix)], FromPrefix) {
		return "", false
	}
	return w[len(FromPrefix):], true
}

// closesName reports whether a name that opened with a quotation mark is complete: it
// ends with a closing mark after its first character.
func closesName(name string) bool {
	_, n := utf8.DecodeRuneInString(name)
	r, _ := utf8.DecodeLastRuneInString(name)
	return len(name) > n && strings.ContainsRune("\"'”’»", r)
}

// isOpeningMark reports whether r opens a quotation.
func isOpeningMark(r rune) bool { return strings.ContainsRune("\"'“‘«„", r) }

// cleanTerm trims quotation marks and spaces from a term or a name.
func cleanTerm(s string) string {
	return strings.TrimSpace(strings.TrimFunc(s, isQuoteMark))
}

// checkTerm returns what is wrong with a term or a speaker's name (what names it), or ""
// when nothing is.
func checkTerm(s, what string) string {
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		if what != "term" {
			return "give the name of a speaker after " + FromPrefix
		}
		return "give a word or a name to look for, or a speaker with " + FromPrefix + "NAME"
	case n > MaxTermRunes:
		return quotes.TermTooLong(s, what)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
		return "the " + what + " holds no letter or digit"
	}
	return ""
}

// isShareFlag reports whether w asks to share an answer: "--share", or the same with the
// en or em dash a chat client may have put in place of "--".
func isShareFlag(w string) bool {
	w = strings.ToLower(w)
	for _, prefix := range []string{"--", "—", "–", "-"} {
		if rest, ok := strings.CutPrefix(w, prefix); ok && rest == "share" {
			return true
		}
	}
	return false
}

func isQuoteMark(r rune) bool {
	return strings.ContainsRune("\"'“”‘’«»„", r) || unicode.IsSpace(r)
}

// cleanControl replaces control characters and invalid UTF-8 with spaces.
func cleanControl(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || r == utf8.RuneError {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A HelpEntry describes one command for /help.
type HelpEntry struct {
	// Usage is how to type it, such as "/who-said TERM".
	Usage string `json:"usage"`
	// Summary says what it does, in one sentence.
	Summary string `json:"summary"`
}

// Help is the answer to /help: the commands and what they do.
type Help struct {
	Intro    string      `json:"intro"`
	Commands []HelpEntry `json:"commands"`
}

// Usage is the short line the bot answers to text it does not understand.
const Usage = "Try /brief for the briefing, /who-said TERM to see who is quoted saying TERM, or /help."

// usageOf returns the usage line of one command.
func usageOf(command string) string {
	switch command {
	case CommandBrief:
		return "Usage: /brief posts the briefing in this channel; /brief TOPIC keeps the stories about TOPIC."
	case CommandWhoSaid:
		return "Usage: /who-said TERM shows who is quoted saying TERM; /who-said from:NAME [TERM] shows what NAME is quoted saying (about TERM); add " + ShareFlag + " to post it in the channel."
	}
	return Usage
}

// newHelp returns the help; whoSaid tells whether /who-said is available yet.
func newHelp(whoSaid bool) *Help {
	ws := "who is quoted in the articles saying TERM, with the outlets that carry each quotation; only you see the answer, unless you add " + ShareFlag
	from := "what NAME is quoted saying, about TERM if given (from:Zelensky, from:Putin ceasefire, from:\"the Ukrainian president\"); spellings of one name are one speaker"
	if !whoSaid {
		ws = "who is quoted saying TERM (not available yet: quotations are still being built)"
		from = "what NAME is quoted saying (not available yet)"
	}
	return &Help{
		Intro: "briefbot turns the news articles it reads into a short briefing and answers questions about them.",
		Commands: []HelpEntry{
			{Usage: "/brief", Summary: "post the briefing in this channel: a headline and a few sentences chosen across the articles, each citing its outlets"},
			{Usage: "/brief TOPIC", Summary: "post the briefing of the stories about TOPIC (a word or a name)"},
			{Usage: "/who-said TERM", Summary: ws},
			{Usage: "/who-said from:NAME [TERM]", Summary: from},
			{Usage: "/help", Summary: "show this help"},
		},
	}
}

// WriteText writes the help as plain text.
func (h *Help) WriteText(w io.Writer) error {
	var sb strings.Builder
	sb.WriteString(h.Intro)
	sb.WriteString("\n\n")
	width := 0
	for _, c := range h.Commands {
		width = max(width, utf8.RuneCountInString(c.Usage))
	}
	for _, c := range h.Commands {
		fmt.Fprintf(&sb, "  %-*s  %s\n", width, c.Usage, c.Summary)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
