package main

import (
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
