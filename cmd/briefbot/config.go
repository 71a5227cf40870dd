package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/summarize"
)

// config is the configuration of `briefbot serve`, read from a YAML file (see
// config.example.yaml, which documents every key). Secrets are not part of it: they come
// from the environment (see secrets).
type config struct {
	HTTP            httpConfig     `yaml:"http"`
	Admin           adminConfig    `yaml:"admin"`
	News            newsConfig     `yaml:"news"`
	Briefing        briefingConfig `yaml:"briefing"`
	Replies         repliesConfig  `yaml:"replies"`
	ShutdownTimeout time.Duration  `yaml:"shutdown_timeout"`
	// Slack is nil when the file has no slack section: Slack is off.
	Slack *slackConfig `yaml:"slack"`
	// Store, Schedule and Channels are the scheduled briefings (configschedule.go).
	Store    storeConfig     `yaml:"store"`
	Schedule scheduleConfig  `yaml:"schedule"`
	Channels []channelConfig `yaml:"channels"`
	// Discord is nil when the file has no discord section: Discord is off.
	Discord *discordConfig `yaml:"discord"`

	// dir is the folder of the config file; relative news folders and the store are
	// relative to it.
	dir string
}

// httpConfig is the public listener: what the internet may reach (Slack's slash
// commands in HTTP mode).
type httpConfig struct {
	Addr string `yaml:"addr"`
}

// adminConfig is the operator's listener: /healthz, /readyz and /metrics.
type adminConfig struct {
	// Addr is host:port, or "" for no admin listener.
	Addr string `yaml:"addr"`
}

// defaultAdminAddr keeps the admin endpoints on the machine itself unless the operator
// opens them: they tell anyone who reaches them the bot's state and traffic.
const defaultAdminAddr = "127.0.0.1:9090"

// newsConfig is where the news come from (the embedded seeds when it names no source)
// and how much is read at once.
type newsConfig struct {
	Folders []string `yaml:"folders"`
	// Feeds and Articles are RSS, Atom or JSON feeds and single article pages, read into
	// the store (news.ingest says how).
	Feeds       []string      `yaml:"feeds"`
	Articles    []string      `yaml:"articles"`
	Ingest      ingestConfig  `yaml:"ingest"`
	Reload      time.Duration `yaml:"reload"`
	MaxBytes    int64         `yaml:"max_bytes"`
	MaxArticles int           `yaml:"max_articles"`
}

// limits returns the limits on what the bot reads at once.
func (n newsConfig) limits() summarize.Limits {
	return summarize.Limits{MaxBytes: n.MaxBytes, MaxArticles: n.MaxArticles}
}

type briefingConfig struct {
	Words     int    `yaml:"words"`
	Sentences int    `yaml:"sentences"`
	Algorithm string `yaml:"algorithm"`
	// Stories bounds the stories of a briefing when the articles tell several.
	Stories int `yaml:"stories"`
}

type repliesConfig struct {
	Timeout       time.Duration `yaml:"timeout"`
	MaxConcurrent int           `yaml:"max_concurrent"`
}

type slackConfig struct {
	Mode         string        `yaml:"mode"`
	APIURL       string        `yaml:"api_url"`
	CommandsPath string        `yaml:"commands_path"`
	HTTPTimeout  time.Duration `yaml:"http_timeout"`
	MaxRetries   int           `yaml:"max_retries"`
	MaxRetryWait time.Duration `yaml:"max_retry_wait"`
}

type discordConfig struct {
	// Guilds are the IDs of the guilds to register the slash commands in (at once);
	// none registers them globally (for every guild the bot is in, and its DMs).
	Guilds []string `yaml:"guilds"`
	APIURL string   `yaml:"api_url"`
	// Style is how answers are rendered: embeds or plain; ChannelStyles sets it for
	// some channels, by channel ID.
	Style         string            `yaml:"style"`
	ChannelStyles map[string]string `yaml:"channel_styles"`
	HTTPTimeout   time.Duration     `yaml:"http_timeout"`
	MaxRetries    int               `yaml:"max_retries"`
	MaxRetryWait  time.Duration     `yaml:"max_retry_wait"`
}

// The Slack transports.
const (
	modeSocket = "socket"
	modeHTTP   = "http"
)

// defaultConfig returns the configuration that an empty file gives.
func defaultConfig() *config {
	return &config{
		HTTP:            httpConfig{Addr: ":8080"},
		Admin:           adminConfig{Addr: defaultAdminAddr},
		News:            newsConfig{Reload: time.Minute, MaxBytes: summarize.DefaultMaxBytes, MaxArticles: summarize.DefaultMaxArticles, Ingest: defaultIngest()},
		Briefing:        briefingConfig{Words: briefWords, Sentences: briefSentences, Algorithm: string(summarize.Coverage), Stories: bot.DefaultStories},
		Replies:         repliesConfig{Timeout: bot.DefaultReplyTimeout, MaxConcurrent: bot.DefaultMaxConcurrent},
		ShutdownTimeout: 10 * time.Second,
		Store:           defaultStore(),
		Schedule:        defaultSchedule(),
	}
}

// defaultSlack returns the Slack settings that an empty slack section gives.
func defaultSlack() *slackConfig {
	return &slackConfig{
		Mode:         modeSocket,
		APIURL:       slack.DefaultAPIURL,
		CommandsPath: "/slack/commands",
		HTTPTimeout:  slack.DefaultHTTPTimeout,
		MaxRetries:   slack.DefaultMaxRetries,
		MaxRetryWait: slack.DefaultMaxRetryWait,
	}
}

// defaultDiscord returns the Discord settings that an empty discord section gives.
func defaultDiscord() *discordConfig {
	return &discordConfig{
		APIURL:        discord.DefaultAPIURL,
		Style:         string(discord.StyleEmbeds),
		ChannelStyles: map[string]string{},
		HTTPTimeout:   discord.DefaultHTTPTimeout,
		MaxRetries:    discord.DefaultMaxRetries,
		MaxRetryWait:  discord.DefaultMaxRetryWait,
	}
}

// maxConfigBytes bounds a config file.
const maxConfigBytes = 1 << 20

// configError lists the problems of a config file, each naming its key.
type configError struct {
	file     string
	problems []string
}

// Error lists the problems, with any credential a value holds masked: a token pasted
// into the file, a password in a URL.
func (e *configError) Error() string {
	return bot.Redact(e.file + ": " + strings.Join(e.problems, "; "))
}

// loadConfig reads and validates the config file at path, for serve.
func loadConfig(path string) (*config, error) { return readConfig(path, true) }

// loadNewsConfig reads and validates a config file for the news it names (ingest,
// --config): it needs no chat platform.
func loadNewsConfig(path string) (*config, error) { return readConfig(path, false) }

// readConfig reads and validates the config file at path; see config.check.
func readConfig(path string, platform bool) (*config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the config: %w", err)
	}
	if len(data) > maxConfigBytes {
		return nil, &configError{path, []string{fmt.Sprintf("the file is over %d bytes", maxConfigBytes)}}
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("reading the config: %w", err)
	}
	c, err := parseConfig(data, path, dir)
	if err != nil {
		return nil, err
	}
	if err := c.check(path, platform); err != nil {
		return nil, err
	}
	return c, nil
}

// parseConfig parses a config file strictly: an unknown or repeated key, or a value of
// the wrong kind, is an error that names the key and its line. Keys that are absent keep
// their defaults. It does not validate values; see validate.
func parseConfig(data []byte, file, dir string) (*config, error) {
	c := defaultConfig()
	c.dir = dir
	y := strictYAML{on: c.turnOn, hint: secretHint}
	if problems := y.decode(data, c); len(problems) > 0 {
		return nil, &configError{file, problems}
	}
	return c, nil
}

// turnOn turns on the optional section named key, with its defaults, when the file has
// it: a section that is absent is off.
func (c *config) turnOn(key string) {
	switch {
	case key == "slack" && c.Slack == nil:
		c.Slack = defaultSlack()
	case key == "discord" && c.Discord == nil:
		c.Discord = defaultDiscord()
	}
}

// secretHint is the advice for an unknown key that looks like a secret.
func secretHint(key string) string {
	if l := strings.ToLower(key); strings.Contains(l, "token") || strings.Contains(l, "secret") || strings.Contains(l, "password") {
		return "; secrets come from the environment only (" + strings.Join(secretNames, ", ") + ")"
	}
	return ""
}

// folder resolves a news folder or the store: relative paths are relative to the config
// file.
func (c *config) folder(f string) string {
	if filepath.IsAbs(f) || c.dir == "" {
		return f
	}
	return filepath.Join(c.dir, f)
}
