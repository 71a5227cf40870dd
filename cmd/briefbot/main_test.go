package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/bottest"
)

// result is what one run of briefbot printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runMain runs briefbot with args, as main would, and returns what it printed.
func runMain(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

func TestBriefSeedsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"brief.golden", []string{"brief"}},
		{"brief-markdown.golden", []string{"brief", "--format", "markdown"}},
		{"brief-json.golden", []string{"brief", "--format=json"}},
		{"brief-lexrank.golden", []string{"brief", "--algorithm", "lexrank"}},
		{"summarize.golden", []string{"summarize", "--words", "100"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			bottest.Golden(t, tc.name, []byte(r.stdout))
		})
	}
}

// TestBriefSeedsShape checks the briefing of the seeds against the product's promises:
// a headline, 4 to 6 sentences from more than one article, every one citing its outlets,
// and no boilerplate.
func TestBriefSeedsShape(t *testing.T) {
	r := runMain(t, "brief", "--format", "json")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var b struct {
		Headline string `json:"headline"`
		Articles int    `json:"articles"`
		Stories  []struct {
			Items []struct {
				Text    string `json:"text"`
				Sources []struct {
					Outlet string `json:"outlet"`
				} `json:"sources"`
			} `json:"items"`
		} `json:"stories"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &b); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	if b.Headline == "" || b.Articles != 5 {
		t.Errorf("headline %q, %d articles; want a headline and 5 articles", b.Headline, b.Articles)
	}
	if len(b.Stories) != 1 {
		t.Fatalf("%d stories, want the one the seeds tell", len(b.Stories))
	}
	if n := len(b.Stories[0].Items); n < 4 || n > 6 {
		t.Errorf("%d sentences, want 4 to 6", n)
	}
	outlets := map[string]bool{}
	boilerplate := []string{"©", "contributed to this report", "rights reserved", "updated with", "Wire", "By ", "ALSO READ", "Staff", "Comments", "What you should know"}
	for _, it := range b.Stories[0].Items {
		if len(it.Sources) == 0 || it.Sources[0].Outlet == "" {
			t.Errorf("sentence cites no outlet: %q", it.Text)
		}
		for _, s := range it.Sources {
			outlets[s.Outlet] = true
		}
		for _, bp := range boilerplate {
			if strings.Contains(it.Text, bp) {
				t.Errorf("boilerplate %q in the briefing: %q", bp, it.Text)
			}
		}
	}
	if len(outlets) < 3 {
		t.Errorf("the briefing cites %d outlets, want sentences chosen across the articles", len(outlets))
	}
}

func TestSummarizeBudget(t *testing.T) {
	for _, words := range []int{30, 100, 200} {
		r := runMain(t, "summarize", "--words", strconv.Itoa(words))
		if r.code != exitOK {
			t.Fatalf("--words %d: exit %d: %s", words, r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		total, longest := 0, 0
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				t.Fatalf("--words %d: blank line in output:\n%s", words, r.stdout)
			}
			n := len(strings.Fields(l))
			total += n
			longest = max(longest, n)
		}
		// The summary stops once it reaches the budget: only the sentence chosen last may
		// run past it, and that one is no longer than the longest.
		if total-longest >= words {
			t.Errorf("--words %d: %d words without the longest sentence", words, total-longest)
		}
		if total < words && len(lines) < 3 {
			t.Errorf("--words %d: only %d words in %d sentences", words, total, len(lines))
		}
	}
}

func TestUsageAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   string // a substring of stdout
		stderr   string // a substring of stderr
		oneLine  bool   // stderr is one line
		noStdout bool
	}{
		{name: "no command", args: nil, code: exitUsage, stderr: "Usage:"},
		{name: "help", args: []string{"--help"}, code: exitOK, stdout: "Commands:"},
		{name: "help command", args: []string{"help", "brief"}, code: exitOK, stdout: "--words N"},
		{name: "brief help", args: []string{"brief", "--help"}, code: exitOK, stdout: "--format format"},
		{name: "summarize help", args: []string{"summarize", "-h"}, code: exitOK, stdout: "--algorithm algorithm"},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitUsage, stderr: `unknown command "frobnicate"`},
		{name: "unknown flag", args: []string{"brief", "--nope"}, code: exitUsage, stderr: "flag provided but not defined"},
		{name: "bad format", args: []string{"brief", "--format", "pdf"}, code: exitUsage, stderr: `bad --format "pdf"`},
		{name: "bad words", args: []string{"summarize", "--words", "0"}, code: exitUsage, stderr: "bad --words 0"},
		{name: "bad words type", args: []string{"summarize", "--words", "many"}, code: exitUsage, stderr: "invalid value"},
		{name: "bad algorithm", args: []string{"brief", "--algorithm", "magic"}, code: exitUsage, stderr: `bad --algorithm "magic"`},
		{name: "bad log level", args: []string{"--log-level", "loud", "brief"}, code: exitUsage, stderr: "bad --log-level"},
		{name: "missing path", args: []string{"brief", filepath.Join(dir, "nope")}, code: exitError, stderr: "no such file", oneLine: true, noStdout: true},
		{name: "flags after paths", args: []string{"summarize", "../../seeds", "--words", "40"}, code: exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout %q lacks %q", r.stdout, tc.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.stderr)
			}
			if tc.oneLine && strings.Count(strings.TrimSuffix(r.stderr, "\n"), "\n") > 0 {
				t.Errorf("stderr is not one line: %q", r.stderr)
			}
			if tc.noStdout && r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}

// TestBadInput runs brief on folders of bad files: each gets a clear one-line error or a
// logged skip, and nothing panics.
func TestBadInput(t *testing.T) {
	good := "Officials met on Monday to discuss the budget for the coming year. " +
		"They agreed to raise spending on schools and roads by five percent. " +
		"The mayor said the plan would be put to a vote next week.\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		big    int64 // if positive, also a sparse file of this size
		code   int
		stderr []string // substrings of stderr
		stdout string   // a substring of stdout
	}{
		{name: "empty folder", code: exitError, stderr: []string{"no articles in"}},
		{name: "empty file", files: map[string]string{"a.txt": ""}, code: exitError, stderr: []string{"skipped file", "empty file", "1 file skipped"}},
		{name: "white space only", files: map[string]string{"a.txt": " \n\t\n  \n"}, code: exitError, stderr: []string{"empty file"}},
		{name: "binary", files: map[string]string{"a.txt": "\x00\x01\x02PNG\x00\x00garbage"}, code: exitError, stderr: []string{"binary file"}},
		{name: "huge", big: 50 << 20, code: exitError, stderr: []string{"too large: 50.0 MB"}},
		{name: "no punctuation", files: map[string]string{"a.txt": strings.Repeat("words without any sentence punctuation ", 50)}, code: exitError, stderr: []string{"no sentences fit for a summary"}},
		{name: "invalid utf-8", files: map[string]string{"a.txt": "Caf\xe9 owners said on Monday that prices \x93would rise\x94 by a tenth next month.\n" + good}, code: exitOK, stdout: "Café"},
		{name: "single article", files: map[string]string{"a.txt": good}, code: exitOK, stdout: "— Officials met on Monday to discuss the budget…"},
		{name: "bad files beside a good one", files: map[string]string{"a.txt": good, "b.txt": "", "c.bin": "\x00\x00"}, code: exitOK, stderr: []string{"skipped file", "b.txt", "c.bin"}, stdout: "budget"},
		{name: "unbalanced quotes", files: map[string]string{"a.txt": "“This quote never ends. " + good}, code: exitOK, stdout: "budget"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tc.big > 0 {
				f, err := os.Create(filepath.Join(dir, "big.txt"))
				if err != nil {
					t.Fatal(err)
				}
				if err := f.Truncate(tc.big); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
			r := runMain(t, "brief", dir)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, r.stdout)
			}
			if tc.code == exitError {
				lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
				if last := lines[len(lines)-1]; !strings.HasPrefix(last, "briefbot brief: ") {
					t.Errorf("the error line %q does not name the command", last)
				}
			}
		})
	}
}

// TestFilesShareTheirFolderManifest names seed files one by one: the manifest of their
// folder still gives them their outlets, and the articles keep the order of the arguments.
func TestFilesShareTheirFolderManifest(t *testing.T) {
	r := runMain(t, "brief", "--format", "json", "../../seeds/004_21c871b8396f508a.txt", "../../seeds/000_5c4c586d3762e8cc.txt", "../../seeds/001_1aa9fcdf67cd5904.txt")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var b struct {
		Outlets []string `json:"outlets"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &b); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(b.Outlets, ", "); got != "Reuters, CNN, The Guardian" {
		t.Errorf("outlets %q, want Reuters, CNN, The Guardian", got)
	}
}
