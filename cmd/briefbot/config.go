package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/bot"
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

	// dir is the folder of the config file; relative news folders are relative to it.
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

type newsConfig struct {
	Folders []string      `yaml:"folders"`
	Reload  time.Duration `yaml:"reload"`
}

type briefingConfig struct {
	Words     int    `yaml:"words"`
	Sentences int    `yaml:"sentences"`
	Algorithm string `yaml:"algorithm"`
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
		News:            newsConfig{Reload: time.Minute},
		Briefing:        briefingConfig{Words: briefWords, Sentences: briefSentences, Algorithm: string(summarize.Coverage)},
		Replies:         repliesConfig{Timeout: bot.DefaultReplyTimeout, MaxConcurrent: bot.DefaultMaxConcurrent},
		ShutdownTimeout: 10 * time.Second,
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

// loadConfig reads and validates the config file at path.
func loadConfig(path string) (*config, error) {
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
	if err := c.validate(path); err != nil {
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
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // an empty file
		}
		return nil, &configError{file, []string{strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, &configError{file, []string{"the file holds more than one YAML document"}}
	}
	d := &decoder{}
	d.decode(&root, reflect.ValueOf(c).Elem(), "")
	if len(d.problems) > 0 {
		return nil, &configError{file, d.problems}
	}
	return c, nil
}

// decoder decodes a yaml.Node tree into a config, strictly, collecting problems.
type decoder struct {
	problems []string
	depth    int
}

func (d *decoder) problem(n *yaml.Node, key, format string, args ...any) {
	if len(d.problems) >= 20 {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if key != "" {
		msg = key + ": " + msg
	}
	d.problems = append(d.problems, fmt.Sprintf("%s (line %d)", msg, n.Line))
}

// decode decodes n into v, whose key path is key ("" for the root).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, key string) {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 10 {
		d.problem(n, key, "nested too deeply")
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			d.decode(n.Content[0], v, key)
		}
		return
	case yaml.AliasNode:
		if n.Alias != nil {
			d.decode(n.Alias, v, key)
		}
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			d.allocate(v)
		}
		return // "key:" with no value keeps the default
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			d.allocate(v)
		}
		d.decode(n, v.Elem(), key)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.problem(n, key, "want a mapping of keys, got %s", describe(n))
			return
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			name := k.Value
			path := name
			if key != "" {
				path = key + "." + name
			}
			if k.Kind != yaml.ScalarNode {
				d.problem(k, key, "a key must be a plain word")
				continue
			}
			if seen[name] {
				d.problem(k, path, "the key appears twice")
				continue
			}
			seen[name] = true
			f, ok := fieldByTag(v, name)
			if !ok {
				d.problem(k, path, "unknown key%s", suggest(v, name))
				continue
			}
			d.decode(val, f, path)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.problem(n, key, "want a list, got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", key, i))
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.problem(n, key, "want a string, got %s", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int, reflect.Int64:
		if v.Type() == reflect.TypeFor[time.Duration]() {
			dur, err := time.ParseDuration(n.Value)
			if n.Kind != yaml.ScalarNode || err != nil {
				d.problem(n, key, "want a duration such as 30s or 5m, got %s", describe(n))
				return
			}
			v.SetInt(int64(dur))
			return
		}
		i, err := strconv.ParseInt(n.Value, 10, 32)
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || err != nil {
			d.problem(n, key, "want a whole number, got %s", describe(n))
			return
		}
		v.SetInt(i)
	default:
		d.problem(n, key, "cannot hold a value (internal error: %s)", v.Kind())
	}
}

// allocate sets the nil pointer v to the defaults of its type.
func (d *decoder) allocate(v reflect.Value) {
	if v.Type() == reflect.TypeFor[*slackConfig]() {
		v.Set(reflect.ValueOf(defaultSlack()))
		return
	}
	v.Set(reflect.New(v.Type().Elem()))
}

// fieldByTag returns the field of struct v whose yaml tag is name.
func fieldByTag(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag == name && tag != "" {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// suggest returns ", did you mean X?" when a known key of v is close to name, or a list
// of the known keys.
func suggest(v reflect.Value, name string) string {
	if l := strings.ToLower(name); strings.Contains(l, "token") || strings.Contains(l, "secret") {
		return fmt.Sprintf("; secrets come from the environment only (%s, %s, %s)", envSlackBotToken, envSlackAppToken, envSlackSigningSecret)
	}
	t := v.Type()
	var keys []string
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" {
			keys = append(keys, tag)
		}
	}
	for _, k := range keys {
		if editDistance(strings.ToLower(name), k) <= 2 {
			return fmt.Sprintf("; did you mean %q?", k)
		}
	}
	return "; the keys here are " + strings.Join(keys, ", ")
}

// editDistance is the Levenshtein distance of short strings (capped for long ones).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// describe names what a node holds, for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	}
	return "nothing usable"
}

// validate checks the values of c and lists every problem, each naming its key.
func (c *config) validate(file string) error {
	var p []string
	bad := func(key, format string, args ...any) { p = append(p, key+": "+fmt.Sprintf(format, args...)) }

	if problem := checkAddr(c.HTTP.Addr); problem != "" {
		bad("http.addr", "%s such as :8080 or 127.0.0.1:8080, got %q", problem, c.HTTP.Addr)
	}
	if problem := checkAddr(c.Admin.Addr); c.Admin.Addr != "" && problem != "" {
		bad("admin.addr", "%s such as 127.0.0.1:9090, or \"\" for none, got %q", problem, c.Admin.Addr)
	}
	for i, f := range c.News.Folders {
		key := fmt.Sprintf("news.folders[%d]", i)
		if strings.TrimSpace(f) == "" {
			bad(key, "empty folder name")
			continue
		}
		info, err := os.Stat(c.folder(f))
		switch {
		case err != nil:
			bad(key, "%v", err)
		case !info.IsDir():
			bad(key, "%s is not a folder", c.folder(f))
		}
	}
	if c.News.Reload < 0 {
		bad("news.reload", "want 0 (read the folders for every command) or more, got %s", c.News.Reload)
	}
	if c.Briefing.Words < 1 || c.Briefing.Words > 5000 {
		bad("briefing.words", "want 1 to 5000, got %d", c.Briefing.Words)
	}
	if c.Briefing.Sentences < 0 || c.Briefing.Sentences > 100 {
		bad("briefing.sentences", "want 0 (no limit) to 100, got %d", c.Briefing.Sentences)
	}
	if !slices.Contains(summarize.Algorithms, summarize.Algorithm(c.Briefing.Algorithm)) {
		bad("briefing.algorithm", "want one of %v, got %q", summarize.Algorithms, c.Briefing.Algorithm)
	}
	if c.Replies.Timeout <= 0 || c.Replies.Timeout > 30*time.Minute {
		bad("replies.timeout", "want more than 0 and at most 30m (Slack's response_url lasts 30 minutes), got %s", c.Replies.Timeout)
	}
	if c.Replies.MaxConcurrent < 1 || c.Replies.MaxConcurrent > 1024 {
		bad("replies.max_concurrent", "want 1 to 1024, got %d", c.Replies.MaxConcurrent)
	}
	if c.ShutdownTimeout <= 0 || c.ShutdownTimeout > 10*time.Minute {
		bad("shutdown_timeout", "want more than 0 and at most 10m, got %s", c.ShutdownTimeout)
	}
	if s := c.Slack; s != nil {
		if s.Mode != modeSocket && s.Mode != modeHTTP {
			bad("slack.mode", "want socket or http, got %q", s.Mode)
		}
		if u, err := url.Parse(s.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			bad("slack.api_url", "want an http or https URL such as %s, got %q", slack.DefaultAPIURL, s.APIURL)
		}
		if problem := checkRoute(s.CommandsPath); problem != "" {
			bad("slack.commands_path", "want a path such as /slack/commands: %s, got %q", problem, s.CommandsPath)
		}
		if s.HTTPTimeout <= 0 || s.HTTPTimeout > 5*time.Minute {
			bad("slack.http_timeout", "want more than 0 and at most 5m, got %s", s.HTTPTimeout)
		}
		if s.MaxRetries < 0 || s.MaxRetries > 10 {
			bad("slack.max_retries", "want 0 to 10, got %d", s.MaxRetries)
		}
		if s.MaxRetryWait <= 0 || s.MaxRetryWait > 10*time.Minute {
			bad("slack.max_retry_wait", "want more than 0 and at most 10m, got %s", s.MaxRetryWait)
		}
	} else {
		p = append(p, "no chat platform is configured: add a slack section")
	}
	if len(p) > 0 {
		return &configError{file, p}
	}
	return nil
}

// checkAddr returns what is wrong with a listening address, or "".
func checkAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "want host:port"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.ContainsAny(host, "/ ") {
		return "want host:port with a port from 0 to 65535"
	}
	return ""
}

// adminPaths are the admin listener's routes, which no public route may shadow when both
// share a listener.
var adminPaths = []string{"/healthz", "/readyz", "/metrics"}

// checkRoute returns what is wrong with a path that serve registers as an exact route,
// or "": it must be clean (what http.ServeMux would redirect to), printable ASCII without
// the characters of mux patterns, and none of the admin paths.
func checkRoute(p string) string {
	switch {
	case !strings.HasPrefix(p, "/") || p == "/":
		return "it must start with / and name something"
	case len(p) > 200:
		return "it is over 200 characters"
	case path.Clean(p) != p:
		return "it must be clean: no //, /./, /../ or trailing /"
	case strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r >= 0x7f || strings.ContainsRune("{}%?#\\", r) }):
		return "only printable ASCII, without spaces, {, }, %, ?, # or \\"
	case slices.Contains(adminPaths, p):
		return "it must not be an admin path (/healthz, /readyz, /metrics)"
	}
	return ""
}

// folder resolves a news folder: relative folders are relative to the config file.
func (c *config) folder(f string) string {
	if filepath.IsAbs(f) || c.dir == "" {
		return f
	}
	return filepath.Join(c.dir, f)
}

// secrets are the credentials serve reads from the environment, never from the file.
type secrets struct {
	slackBotToken, slackAppToken, slackSigningSecret string
}

// The environment variables that hold secrets.
const (
	envSlackBotToken      = "SLACK_BOT_TOKEN"
	envSlackAppToken      = "SLACK_APP_TOKEN"
	envSlackSigningSecret = "SLACK_SIGNING_SECRET"
)

// secretNames are the environment variables that hold secrets.
var secretNames = []string{envSlackBotToken, envSlackAppToken, envSlackSigningSecret}

func secretsFrom(getenv func(string) string) secrets {
	return secrets{
		slackBotToken:      strings.TrimSpace(getenv(envSlackBotToken)),
		slackAppToken:      strings.TrimSpace(getenv(envSlackAppToken)),
		slackSigningSecret: strings.TrimSpace(getenv(envSlackSigningSecret)),
	}
}

// needed lists the environment variables the configured platforms need, with their
// values.
func (c *config) needed(s secrets) []envNeed {
	var n []envNeed
	if c.Slack != nil {
		n = append(n, envNeed{envSlackBotToken, s.slackBotToken, "xoxb-"})
		if c.Slack.Mode == modeSocket {
			n = append(n, envNeed{envSlackAppToken, s.slackAppToken, "xapp-"})
		} else {
			n = append(n, envNeed{envSlackSigningSecret, s.slackSigningSecret, ""})
		}
	}
	return n
}

type envNeed struct {
	name   string
	value  string // "" when not set
	prefix string // what a valid value starts with, if anything
}

func (n envNeed) set() bool { return n.value != "" }

// checkSecrets reports a missing or malformed secret that the config needs.
func (c *config) checkSecrets(s secrets) error {
	var p []string
	for _, n := range c.needed(s) {
		switch {
		case !n.set():
			p = append(p, fmt.Sprintf("%s is not set; slack.mode %s needs it", n.name, c.Slack.Mode))
		case n.prefix != "" && !strings.HasPrefix(n.value, n.prefix):
			p = append(p, fmt.Sprintf("%s does not start with %s", n.name, n.prefix))
		}
	}
	if len(p) > 0 {
		return errors.New("missing secrets in the environment: " + strings.Join(p, "; "))
	}
	return nil
}

func configCommand() *command {
	return &command{
		name:    "config",
		args:    "check FILE",
		summary: "check a configuration file for serve, without starting anything",
		help: `Config check reads FILE as serve would: it refuses unknown keys, repeated keys and
bad values, naming each, checks that the news folders exist, and says which secrets
the configured platforms need from the environment and whether they are set (never
their values). It starts nothing and contacts no one. config.example.yaml documents
every key.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 2 || args[0] != "check" {
					return usagef("want: briefbot config check FILE")
				}
				c, err := loadConfig(args[1])
				if err != nil {
					return err
				}
				_, err = io.WriteString(e.stdout, c.describe(args[1], secretsFrom(os.Getenv)))
				return err
			}
		},
	}
}

// describe says, in a few lines, what serve would do with c.
func (c *config) describe(file string, s secrets) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s is valid.\n", file)
	if c.Slack != nil && c.Slack.Mode == modeHTTP {
		fmt.Fprintf(&sb, "  http: listens on %s for Slack commands on %s (public)\n", c.HTTP.Addr, c.Slack.CommandsPath)
	}
	switch {
	case c.Admin.Addr == "":
		sb.WriteString("  admin: off (no /healthz, /readyz or /metrics)\n")
	case c.Slack != nil && c.Slack.Mode == modeHTTP && c.Admin.Addr == c.HTTP.Addr:
		fmt.Fprintf(&sb, "  admin: /healthz, /readyz and /metrics on the public listener %s: expose it to the internet only through a proxy that routes %s alone\n", c.Admin.Addr, c.Slack.CommandsPath)
	default:
		fmt.Fprintf(&sb, "  admin: listens on %s for /healthz, /readyz and /metrics\n", c.Admin.Addr)
	}
	sb.WriteString("  news: ")
	if len(c.News.Folders) == 0 {
		sb.WriteString(seedsName + "\n")
	} else {
		folders := make([]string, len(c.News.Folders))
		for i, f := range c.News.Folders {
			folders[i] = c.folder(f)
		}
		fmt.Fprintf(&sb, "%s, read again after %s\n", strings.Join(folders, ", "), c.News.Reload)
	}
	fmt.Fprintf(&sb, "  briefing: %d words, %s, %s\n", c.Briefing.Words, sentencesLimit(c.Briefing.Sentences), c.Briefing.Algorithm)
	if c.Slack != nil {
		fmt.Fprintf(&sb, "  slack: %s mode, Web API %s\n", c.Slack.Mode, bot.Redact(c.Slack.APIURL))
	}
	for _, n := range c.needed(s) {
		state := "set"
		if !n.set() {
			state = "NOT SET: serve will refuse to start"
		}
		fmt.Fprintf(&sb, "  environment: %s %s\n", n.name, state)
	}
	return sb.String()
}

func sentencesLimit(n int) string {
	if n == 0 {
		return "no sentence limit"
	}
	return fmt.Sprintf("at most %d %s", n, plural(n, "sentence", "sentences"))
}
