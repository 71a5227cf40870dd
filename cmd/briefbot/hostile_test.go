package main

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTextOutputIsInert runs the commands that print article text on an article full of
// terminal escape sequences: none reaches standard output.
func TestTextOutputIsInert(t *testing.T) {
	dir := t.TempDir()
	text := "Officials\x1b]0;pwned\x07 met on Monday to discuss the budget\x1b[2J for the coming year. " +
		"“We will raise\x1b[31m spending on schools\u009b2J,” the mayor said on Tuesday. " +
		"They agreed to raise spending on schools and roads by five percent.\r\n" +
		"The mayor said the plan would be put to a vote next week.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"brief", dir},
		{"brief", "--format", "markdown", dir},
		{"summarize", dir},
		{"who-said", "spending", dir},
		{"who-said", "--format", "markdown", "spending", dir},
	} {
		t.Run(strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
			r := runMain(t, args...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if i := strings.IndexAny(r.stdout, "\x1b\x07\r\u009b"); i >= 0 {
				t.Errorf("stdout holds a control character at %d: %q", i, r.stdout)
			}
			if !strings.Contains(r.stdout, "spending") {
				t.Errorf("stdout lacks the article text: %q", r.stdout)
			}
		})
	}
}

// TestSecretsNeverShow puts credentials where they do not belong, in the config file and
// in a log line: no message shows them.
func TestSecretsNeverShow(t *testing.T) {
	const password, token = "hunter2hunter2", "xoxb-1111-2222-abcdefSECRET"
	dir := t.TempDir()
	for _, tc := range []struct{ name, yaml string }{
		{"token as a value", "slack:\n  mode: " + token + "\n"},
		{"password in the api url", "slack:\n  api_url: ftp://bob:" + password + "@proxy.example.com/api/\n"},
		{"token as a key", "slack:\n  " + token + ": 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(file, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runMain(t, "config", "check", file)
			if r.code == exitOK {
				t.Fatalf("config check accepted %q", tc.yaml)
			}
			if strings.Contains(r.stderr, password) || strings.Contains(r.stderr, token) {
				t.Errorf("the error shows a credential: %s", r.stderr)
			}
		})
	}
	t.Run("config check of a valid url", func(t *testing.T) {
		file := filepath.Join(dir, "ok.yaml")
		if err := os.WriteFile(file, []byte("slack:\n  api_url: https://bob:"+password+"@proxy.example.com/api/\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runMain(t, "config", "check", file)
		if r.code != exitOK || strings.Contains(r.stdout, password) || !strings.Contains(r.stdout, "https://redacted@proxy.example.com/api/") {
			t.Errorf("exit %d, stdout %q", r.code, r.stdout)
		}
	})
	t.Run("log line", func(t *testing.T) {
		var buf strings.Builder
		log, err := newLogger(&buf, "info", "json")
		if err != nil {
			t.Fatal(err)
		}
		log.With("url", "https://bob:"+password+"@x/").Error("calling "+token, "error", errors.New("post https://bob:"+password+"@x/: refused"),
			slog.Group("g", "token", token))
		if out := buf.String(); strings.Contains(out, password) || strings.Contains(out, token) || !strings.Contains(out, "xoxb-redacted") {
			t.Errorf("the log line shows a credential: %s", out)
		}
	})
}
