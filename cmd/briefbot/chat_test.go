package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/bottest"
)

// runMainInput runs briefbot with args and stdin, as main would.
func runMainInput(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// TestChatGolden drives `briefbot chat` through stdin with every command and checks
// what it prints: the same answers Slack gives, as text.
func TestChatGolden(t *testing.T) {
	in := "/help\n/brief\n/who-said ceasefire\n/who-said from:Zelenskyy peace\n/who-said from:\n/who-said\n/brief volcano\nwhat happened?\n\n/quit\n/brief\n"
	r := runMainInput(t, in, "chat")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	bottest.Golden(t, "chat.golden", []byte(r.stdout))
	if strings.Count(r.stdout, "5 articles from") != 1 {
		t.Errorf("the briefing is not printed exactly once (the line after /quit must be ignored):\n%s", r.stdout)
	}
}

func TestChat(t *testing.T) {
	dir := t.TempDir()
	article := "Officials met on Monday to discuss the budget for the coming year. " +
		"They agreed to raise spending on schools and roads by five percent.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{"own folder", []string{"chat", dir}, "/brief\n", exitOK, "raise spending on schools", ""},
		{"flags", []string{"chat", "--words", "10", "--sentences", "1"}, "/brief\n", exitOK, "• ", ""},
		{"no input", []string{"chat"}, "", exitOK, "", ""},
		{"bad words", []string{"chat", "--words", "0"}, "", exitUsage, "", "bad --words 0"},
		{"missing folder", []string{"chat", filepath.Join(dir, "nope")}, "", exitError, "", "no such file"},
		{"empty folder", []string{"chat", t.TempDir()}, "/brief\n", exitOK, "There are no articles to brief on yet.", ""},
		{"help", []string{"chat", "--help"}, "", exitOK, "/who-said TERM", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMainInput(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, r.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, r.stderr)
			}
		})
	}
}
