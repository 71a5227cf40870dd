package main

import (
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestParseConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "file.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		yaml  string
		err   string // a substring of the error; "" for a valid config
		check func(t *testing.T, c *config)
	}{
		{name: "minimal", yaml: "slack:\n", check: func(t *testing.T, c *config) {
			if c.Slack == nil || c.Slack.Mode != modeSocket || c.Slack.APIURL != "https://slack.com/api/" || c.HTTP.Addr != ":8080" || c.Briefing.Words != 120 {
				t.Errorf("defaults not applied: %+v %+v", c, c.Slack)
			}
		}},
		{name: "empty slack mapping", yaml: "slack: {}\n"},
		{name: "every value", yaml: "http:\n  addr: 127.0.0.1:0\nadmin:\n  addr: \"\"\nnews:\n  folders: [news]\n  reload: 0s\n  max_bytes: 1000\n  max_articles: -1\nbriefing:\n  words: 80\n  sentences: 0\n  algorithm: lexrank\n  stories: 3\n" +
			"replies:\n  timeout: 1m\n  max_concurrent: 2\nshutdown_timeout: 3s\nslack:\n  mode: http\n  api_url: http://127.0.0.1:9/api/\n  commands_path: /cmd\n  http_timeout: 2s\n  max_retries: 0\n  max_retry_wait: 5s\n",
			check: func(t *testing.T, c *config) {
				want := &config{
					HTTP: httpConfig{Addr: "127.0.0.1:0"}, News: newsConfig{Folders: []string{"news"}, MaxBytes: 1000, MaxArticles: -1, Ingest: defaultIngest()}, Briefing: briefingConfig{Words: 80, Algorithm: "lexrank", Stories: 3},
					Replies: repliesConfig{Timeout: time.Minute, MaxConcurrent: 2}, ShutdownTimeout: 3 * time.Second,
					Slack: &slackConfig{Mode: modeHTTP, APIURL: "http://127.0.0.1:9/api/", CommandsPath: "/cmd", HTTPTimeout: 2 * time.Second, MaxRetryWait: 5 * time.Second},
					Store: defaultStore(), Schedule: defaultSchedule(),
					dir: dir,
				}
				if !reflect.DeepEqual(c, want) {
					t.Errorf("got\n%+v %+v\nwant\n%+v %+v", c, c.Slack, want, want.Slack)
				}
				if got := c.folder("news"); got != filepath.Join(dir, "news") {
					t.Errorf("folder resolves to %s", got)
				}
			}},
		{name: "unknown key holding an anchor", yaml: "x: &d 5s\nslack:\n  http_timeout: *d\n", err: "x: unknown key"},
		{name: "alias", yaml: "shutdown_timeout: &d 5s\nslack:\n  http_timeout: *d\n", check: func(t *testing.T, c *config) {
			if c.Slack.HTTPTimeout != 5*time.Second {
				t.Errorf("alias not followed: %s", c.Slack.HTTPTimeout)
			}
		}},
		{name: "a feed that is no http URL", yaml: "slack:\nnews:\n  feeds: [ftp://example.com/feed]\n", err: `news.feeds[0]: want an http or https URL, got "ftp://example.com/feed"`},
		{name: "a page with a password", yaml: "slack:\nnews:\n  articles: [\"https://u:pw@example.com/a\"]\n", err: "news.articles[0]: want a URL without a user name or password"},
		{name: "no requests per host", yaml: "slack:\nnews:\n  ingest:\n    per_host: 0\n", err: "news.ingest.per_host: want 1 to 64, got 0"},
		{name: "a negative seed", yaml: "slack:\nnews:\n  ingest:\n    seed_items: -1\n", err: "news.ingest.seed_items: want 0 (store none) to 500, got -1"},
		{name: "an interval too short", yaml: "slack:\nnews:\n  ingest:\n    interval: 5s\n", err: "news.ingest.interval: want at least 1m0s, got 5s"},
		{name: "a user agent on two lines", yaml: "slack:\nnews:\n  ingest:\n    user_agent: \"a\\r\\nX-Evil: 1\"\n", err: "news.ingest.user_agent: want a User-Agent on one line"},
		{name: "a channel's feed that is no URL", yaml: "slack:\nchannels:\n  - platform: slack\n    id: C1\n    feeds: [news.xml]\n", err: `channels[0].feeds[0]: want an http or https URL, got "news.xml"`},
		{name: "empty file", yaml: "", err: "no chat platform is configured"},
		{name: "comments only", yaml: "# nothing\n", err: "no chat platform is configured"},
		{name: "unknown top-level key", yaml: "slak:\n", err: `slak: unknown key; did you mean "slack"? (line 1)`},
		{name: "unknown nested key", yaml: "slack:\n  moed: http\n", err: `slack.moed: unknown key; did you mean "mode"? (line 2)`},
		{name: "unknown key far from any", yaml: "http:\n  port: 8080\n", err: "http.port: unknown key; the keys here are addr"},
		{name: "a secret in the file", yaml: "slack:\n  bot_token: xoxb-1\n", err: "slack.bot_token: unknown key; secrets come from the environment only"},
		{name: "repeated key", yaml: "slack:\n  mode: http\n  mode: socket\n", err: "slack.mode: the key appears twice (line 3)"},
		{name: "bad mode", yaml: "slack:\n  mode: websocket\n", err: `slack.mode: want socket or http, got "websocket"`},
		{name: "duration without unit", yaml: "slack:\nshutdown_timeout: 10\n", err: `shutdown_timeout: want a duration such as 30s or 5m, got "10" (line 2)`},
		{name: "negative duration", yaml: "slack:\nshutdown_timeout: -1s\n", err: "shutdown_timeout: want more than 0"},
		{name: "words not a number", yaml: "slack:\nbriefing:\n  words: many\n", err: `briefing.words: want a whole number, got "many"`},
		{name: "words a fraction", yaml: "slack:\nbriefing:\n  words: 1.5\n", err: `briefing.words: want a whole number, got "1.5"`},
		{name: "words too many", yaml: "slack:\nbriefing:\n  words: 99999999999\n", err: "briefing.words: want 1 to 5000, got 99999999999"},
		{name: "words zero", yaml: "slack:\nbriefing:\n  words: 0\n", err: "briefing.words: want 1 to 5000, got 0"},
		{name: "stories zero", yaml: "slack:\nbriefing:\n  stories: 0\n", err: "briefing.stories: want 1 to 20, got 0"},
		{name: "stories too many", yaml: "slack:\nbriefing:\n  stories: 21\n", err: "briefing.stories: want 1 to 20, got 21"},
		{name: "bad algorithm", yaml: "slack:\nbriefing:\n  algorithm: magic\n", err: `briefing.algorithm: want one of [coverage lexrank], got "magic"`},
		{name: "folders not a list", yaml: "slack:\nnews:\n  folders: /srv/news\n", err: `news.folders: want a list, got "/srv/news"`},
		{name: "missing folder", yaml: "slack:\nnews:\n  folders: [nope]\n", err: "news.folders[0]: stat " + filepath.Join(dir, "nope")},
		{name: "folder is a file", yaml: "slack:\nnews:\n  folders: [file.txt]\n", err: "news.folders[0]: " + filepath.Join(dir, "file.txt") + " is not a folder"},
		{name: "folder a mapping", yaml: "slack:\nnews:\n  folders: [{a: 1}]\n", err: "news.folders[0]: want a string, got a mapping"},
		{name: "section a scalar", yaml: "slack: yes\n", err: `slack: want a mapping of keys, got "yes"`},
		{name: "root a list", yaml: "- slack\n", err: "want a mapping of keys, got a list (line 1)"},
		{name: "bad addr", yaml: "slack:\nhttp:\n  addr: localhost\n", err: `http.addr: want host:port`},
		{name: "bad port", yaml: "slack:\nhttp:\n  addr: \":99999\"\n", err: `http.addr: want host:port with a port from 0 to 65535`},
		{name: "bad api url", yaml: "slack:\n  api_url: ftp://slack.com/api/\n", err: `slack.api_url: want an http or https URL`},
		{name: "commands path taken", yaml: "slack:\n  commands_path: /metrics\n", err: `slack.commands_path: want a path such as /slack/commands`},
		{name: "commands path with dot dot", yaml: "slack:\n  commands_path: /a/../b\n", err: `slack.commands_path: want a path such as /slack/commands: it must be clean`},
		{name: "commands path with double slash", yaml: "slack:\n  commands_path: //x\n", err: `it must be clean`},
		{name: "commands path dot", yaml: "slack:\n  commands_path: /.\n", err: `it must be clean`},
		{name: "commands path trailing slash", yaml: "slack:\n  commands_path: /slack/\n", err: `it must be clean`},
		{name: "commands path pattern", yaml: "slack:\n  commands_path: /{x}\n", err: `only printable ASCII`},
		{name: "commands path root", yaml: "slack:\n  commands_path: /\n", err: `it must start with / and name something`},
		{name: "commands path relative", yaml: "slack:\n  commands_path: slack\n", err: `it must start with / and name something`},
		{name: "bad admin addr", yaml: "slack:\nadmin:\n  addr: nowhere\n", err: `admin.addr: want host:port such as 127.0.0.1:9090`},
		{name: "no bytes", yaml: "slack:\nnews:\n  max_bytes: 0\n", err: "news.max_bytes: want a positive number of bytes, or -1 for no limit, got 0"},
		{name: "too many retries", yaml: "slack:\n  max_retries: 11\n", err: "slack.max_retries: want 0 to 10, got 11"},
		{name: "several problems", yaml: "slack:\n  mode: x\nreplies:\n  max_concurrent: 0\n", err: "replies.max_concurrent: want 1 to 1024, got 0; slack.mode: want socket or http"},
		{name: "two documents", yaml: "slack:\n---\nslack:\n", err: "more than one YAML document"},
		{name: "syntax error", yaml: "slack:\n  mode: [\n", err: "line 2: did not find expected node content"},
		{name: "tabs", yaml: "slack:\n\tmode: http\n", err: "found character that cannot start any token"},
		{name: "discord alone", yaml: "discord:\n", check: func(t *testing.T, c *config) {
			if c.Slack != nil || c.Discord == nil || c.Discord.APIURL != "https://discord.com/api/v9/" || c.Discord.Style != "embeds" ||
				len(c.Discord.Guilds) != 0 || c.Discord.MaxRetries != 3 || c.Discord.HTTPTimeout != 15*time.Second {
				t.Errorf("defaults not applied: %+v", c.Discord)
			}
		}},
		{name: "discord and slack", yaml: "slack: {}\ndiscord: {}\n", check: func(t *testing.T, c *config) {
			if c.Slack == nil || c.Discord == nil {
				t.Errorf("slack %v, discord %v", c.Slack, c.Discord)
			}
		}},
		{name: "discord values", yaml: "discord:\n  guilds: [1200000000000000001, \"1200000000000000002\"]\n  api_url: http://127.0.0.1:9/api/v9/\n  style: plain\n" +
			"  channel_styles:\n    1300000000000000001: embeds\n  http_timeout: 2s\n  max_retries: 0\n  max_retry_wait: 5s\n",
			check: func(t *testing.T, c *config) {
				want := &discordConfig{Guilds: []string{"1200000000000000001", "1200000000000000002"}, APIURL: "http://127.0.0.1:9/api/v9/", Style: "plain",
					ChannelStyles: map[string]string{"1300000000000000001": "embeds"}, HTTPTimeout: 2 * time.Second, MaxRetryWait: 5 * time.Second}
				if !reflect.DeepEqual(c.Discord, want) {
					t.Errorf("got %+v, want %+v", c.Discord, want)
				}
			}},
		{name: "discord bad guild", yaml: "discord:\n  guilds: [my-server, 12]\n", err: `discord.guilds[0]: want a guild ID, 1 to 20 digits`},
		{name: "discord guild twice", yaml: "discord:\n  guilds: [\"12\", \"12\"]\n", err: `discord.guilds[1]: guild 12 is listed twice`},
		{name: "discord guilds not a list", yaml: "discord:\n  guilds: 12\n", err: `discord.guilds: want a list`},
		{name: "discord bad style", yaml: "discord:\n  style: fancy\n", err: `discord.style: want embeds or plain, got "fancy"`},
		{name: "discord bad channel style", yaml: "discord:\n  channel_styles:\n    general: plain\n    \"13\": loud\n",
			err: `discord.channel_styles.13: want embeds or plain, got "loud"; discord.channel_styles.general: want a channel ID as the key`},
		{name: "discord bad api url", yaml: "discord:\n  api_url: discord.com\n", err: `discord.api_url: want an http or https URL such as https://discord.com/api/v9/`},
		{name: "discord too many retries", yaml: "discord:\n  max_retries: 11\n", err: "discord.max_retries: want 0 to 10, got 11"},
		{name: "discord reply timeout", yaml: "discord:\nreplies:\n  timeout: 20m\n", err: "replies.timeout: want at most 14m0s with a discord section"},
		{name: "slack reply timeout", yaml: "slack:\nreplies:\n  timeout: 20m\n"},
		{name: "discord token in the file", yaml: "discord:\n  token: abc\n", err: "discord.token: unknown key; secrets come from the environment only (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_BOT_TOKEN)"},
		{name: "discord unknown key", yaml: "discord:\n  guild: [\"1\"]\n", err: `discord.guild: unknown key; did you mean "guilds"?`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(file, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := loadConfig(file)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("loadConfig: %v", err)
				}
				if tc.check != nil {
					tc.check(t, c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("loadConfig: %v\nwant an error with %q", err, tc.err)
			}
			if !strings.HasPrefix(err.Error(), file+": ") {
				t.Errorf("the error %q does not name the file", err)
			}
		})
	}
}

func TestLoadConfigFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := loadConfig(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("a missing file: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", maxConfigBytes)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadConfig(big); err == nil || !strings.Contains(err.Error(), "over 1048576 bytes") {
		t.Errorf("a huge file: %v", err)
	}
}

// keyPaths returns the key paths of a config struct type: "http.addr", "slack.mode"…
func keyPaths(t reflect.Type, prefix string) []string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" {
			continue
		}
		ft := t.Field(i).Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			out = append(out, keyPaths(ft, prefix+tag+".")...)
			continue
		}
		out = append(out, prefix+tag)
	}
	return out
}

// nodePaths returns the key paths set in a YAML mapping.
func nodePaths(n *yaml.Node, prefix string) []string {
	if n.Kind == yaml.DocumentNode {
		return nodePaths(n.Content[0], prefix)
	}
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if v.Kind == yaml.MappingNode && len(v.Content) > 0 {
			out = append(out, nodePaths(v, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k)
	}
	return out
}

// TestConfigExample checks that config.example.yaml is valid, sets every key, and sets
// each to its default, as its header says.
func TestConfigExample(t *testing.T) {
	path := filepath.Join("..", "..", "config.example.yaml")
	c, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	want, got := keyPaths(reflect.TypeFor[config](), ""), nodePaths(&root, "")
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("config.example.yaml sets\n%v\nthe config has\n%v", got, want)
	}
	def := defaultConfig()
	def.Slack = defaultSlack()
	def.Discord = defaultDiscord()
	def.dir = c.dir
	c.News.Folders = nil   // "folders: []" is the default, no folder
	c.News.Feeds = nil     // "feeds: []" too
	c.News.Articles = nil  // "articles: []" too
	c.Channels = nil       // "channels: []" is the default, no channel
	c.Discord.Guilds = nil // "guilds: []" is the default, no guild
	if !reflect.DeepEqual(c, def) {
		t.Errorf("config.example.yaml does not show the defaults:\n%+v %+v %+v\n%+v %+v %+v", c, c.Slack, c.Discord, def, def.Slack, def.Discord)
	}
}

func TestCheckSecrets(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode string
		env  map[string]string
		err  string
	}{
		{"socket", modeSocket, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, ""},
		{"socket without app token", modeSocket, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, "SLACK_APP_TOKEN is not set; slack.mode socket needs it"},
		{"http", modeHTTP, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, ""},
		{"http without secret", modeHTTP, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"},
		{"nothing", modeSocket, nil, "SLACK_BOT_TOKEN is not set"},
		{"tokens swapped", modeSocket, map[string]string{"SLACK_BOT_TOKEN": "xapp-1", "SLACK_APP_TOKEN": "xoxb-1"}, "SLACK_BOT_TOKEN does not start with xoxb-; SLACK_APP_TOKEN does not start with xapp-"},
		{"blank", modeSocket, map[string]string{"SLACK_BOT_TOKEN": " ", "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN is not set"},
		{"discord", "", map[string]string{"DISCORD_BOT_TOKEN": "abc.def.ghi"}, ""},
		{"discord without its token", "", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, "DISCORD_BOT_TOKEN is not set; the discord section needs it"},
		{"both, discord without its token", modeSocket, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, "DISCORD_BOT_TOKEN is not set"},
		{"both", modeSocket, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "DISCORD_BOT_TOKEN": "t"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := defaultConfig()
			if tc.mode != "" {
				c.Slack = defaultSlack()
				c.Slack.Mode = tc.mode
			}
			if strings.Contains(tc.name, "discord") || tc.name == "both" {
				c.Discord = defaultDiscord()
			}
			err := c.checkSecrets(secretsFrom(func(k string) string { return tc.env[k] }))
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("checkSecrets: %v, want %q", err, tc.err)
			}
		})
	}
}

func TestConfigCheckCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("slack:\n  mode: http\n"), 0o644)
	os.WriteFile(bad, []byte("slack:\n  mode: websocket\n  moed: x\n"), 0o644)
	both := filepath.Join(dir, "both.yaml")
	os.WriteFile(both, []byte("slack:\n  mode: http\ndiscord:\n  guilds: [\"12\"]\n  channel_styles: {\"13\": plain}\n"), 0o644)
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-secret-value")
	t.Setenv("SLACK_SIGNING_SECRET", "")
	t.Setenv("DISCORD_BOT_TOKEN", "")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"valid", []string{"config", "check", good}, exitOK, []string{good + " is valid.", "slack: http mode", "SLACK_BOT_TOKEN set", "SLACK_SIGNING_SECRET NOT SET"}, ""},
		{"both", []string{"config", "check", both}, exitOK, []string{"slack: http mode", "discord: gateway, commands in guild 12, embeds (1 channel set apart) style, API https://discord.com/api/v9/",
			"DISCORD_BOT_TOKEN NOT SET"}, ""},
		{"invalid", []string{"config", "check", bad}, exitError, nil, `slack.moed: unknown key; did you mean "mode"? (line 3)`},
		{"missing file", []string{"config", "check", filepath.Join(dir, "none.yaml")}, exitError, nil, "no such file"},
		{"no subcommand", []string{"config"}, exitUsage, nil, "want: briefbot config check FILE"},
		{"unknown subcommand", []string{"config", "lint", good}, exitUsage, nil, "want: briefbot config check FILE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tc.stderr) || strings.Count(strings.TrimSuffix(r.stderr, "\n"), "\n") > 1 {
				t.Errorf("stderr %q, want one line with %q", r.stderr, tc.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, "xoxb-secret-value") {
				t.Error("the output shows a secret")
			}
		})
	}
}

// FuzzParseConfig parses arbitrary files: each gives a config or an error that names
// the file, and nothing panics.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{"", "slack:\n", "slack:\n  mode: http\n", "http: {addr: ':0'}\nslack: {}\n", "a: &a [*a]\n", "- - -\n",
		"news:\n  folders: [a, b]\n  reload: 1h\n", "slack:\n  max_retries: 99999999999999999999\n", "<<: {slack: {}}\n", "slack:\n  commands_path: /a/../b\n", "slack:\n  commands_path: //x\n",
		"slack:\nchannels:\n  - {platform: slack, id: C0123, schedule: \"*/5 * * * * *\", time_zone: Europe/Berlin, include: [a], exclude: [b c]}\n",
		"slack:\nschedule: {interval: 1s, lease_ttl: 2s}\nstore: {path: x.db}\nchannels: [{platform: slack, id: C0123, schedule: \"30 2 * * *\", time_zone: America/New_York}]\n",
		"discord:\nchannels: [{platform: discord, id: \"1300000000000000001\", time_zone: Asia/Tokyo}, {platform: discord, id: 12}]\n"} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parseConfig(data, "fuzz.yaml", dir)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml: ") || len(err.Error()) < len("fuzz.yaml: x") {
				t.Fatalf("error %q does not name the file and a problem", err)
			}
			return
		}
		err = c.validate("fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		var sb strings.Builder // a checked config describes its schedule without a panic
		c.describeSchedule(&sb, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
		if c.Slack != nil { // a checked config registers its routes without a panic
			mux := http.NewServeMux()
			mux.Handle("POST "+c.Slack.CommandsPath, http.NotFoundHandler())
			mux.Handle("/", http.NotFoundHandler())
		}
	})
}
