package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

// writeMixed writes the articles of storiestest.Mixed to a folder with their manifest,
// every other one with a URL.
func writeMixed(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	arts, _ := storiestest.Mixed()
	type entry struct {
		File   string `json:"file"`
		Title  string `json:"title,omitempty"`
		Outlet string `json:"outlet"`
		Date   string `json:"date"`
		URL    string `json:"url,omitempty"`
	}
	var m struct {
		Articles []entry `json:"articles"`
	}
	for i, a := range arts {
		name := a.ID + ".txt"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(a.Text), 0o644); err != nil {
			t.Fatal(err)
		}
		e := entry{File: name, Title: a.Title, Outlet: a.Outlet, Date: a.Published.Format(time.DateOnly)}
		if i%2 == 1 {
			e.URL = "https://example.com/" + a.ID
		}
		m.Articles = append(m.Articles, e)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestStoriesCommand(t *testing.T) {
	dir := writeMixed(t)
	r := runMain(t, "stories", dir)
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want the 5 stories:\n%s", len(lines), r.stdout)
	}
	var first struct {
		Headline string    `json:"headline"`
		Outlets  []string  `json:"outlets"`
		Latest   time.Time `json:"latest"`
		Articles []string  `json:"articles"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	// A folder is read in the order of its file names.
	want := []string{filepath.Join(dir, "bridge-courier.txt"), filepath.Join(dir, "bridge-gazette.txt"), "https://example.com/bridge-herald", filepath.Join(dir, "bridge-wire.txt")}
	if !slices.Equal(first.Outlets, []string{"Courier", "Gazette", "Herald", "Wire"}) || !slices.Equal(first.Articles, want) || first.Headline == "" {
		t.Errorf("first story %+v, want the bridge's four outlets and articles %q", first, want)
	}
	if r := runMain(t, "stories"); r.code != exitOK || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, `"seeds/000_`) {
		t.Errorf("the seeds make %q (exit %d), want one story of seeds/ files", r.stdout, r.code)
	}
}

func TestBriefTopicFlag(t *testing.T) {
	dir := writeMixed(t)
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"several stories", []string{"brief", dir}, exitOK, "Top stories\n\nRuiz cuts the ribbon on the Portvale bridge\n"},
		{"top two", []string{"brief", "--stories", "2", dir}, exitOK, "7 articles from"},
		{"topic", []string{"brief", "--topic", "referendum", dir}, exitOK, "3 articles from Courier, Gazette, Ledger"},
		{"no story", []string{"brief", "--topic", "volcano", dir}, exitError, `no story of 11 articles matches "volcano"`},
		{"wordless topic", []string{"brief", "--topic", "!!", dir}, exitUsage, "the topic holds no letter or digit"},
		{"no stories", []string{"brief", "--stories", "0", dir}, exitUsage, "bad --stories 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.contains) {
				t.Errorf("exit %d, want %d, output lacks %q:\n%s%s", r.code, tc.code, tc.contains, r.stdout, r.stderr)
			}
		})
	}
}
