package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("User-agent: *\nDisallow: /private\n"))
	})
	mux.HandleFunc("/news/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<p>hi</p>")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	txt := filepath.Join(dir, "story.txt")
	if err := os.WriteFile(txt, []byte("Ferry fares rise\n\nThe ferry company raised its fares by a tenth on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a part of stdout
		stderr string // a part of stderr
	}{
		{"url", []string{"read", "--allow-private", srv.URL + "/news/1"}, exitOK, "Outlet: Harbour Gazette\nDate: 2026-11-30T08:15:00Z\nURL: https://gazette.example/news/night-buses\n\nThe city council voted", ""},
		{"url json", []string{"read", "--allow-private", "--format", "json", srv.URL + "/news/1"}, exitOK, `"outlet":"Harbour Gazette"`, ""},
		{"private refused", []string{"read", srv.URL + "/news/1"}, exitError, "", "private_address"},
		{"robots", []string{"read", "--allow-private", srv.URL + "/private/1"}, exitError, "", "robots"},
		{"no text", []string{"read", "--allow-private", srv.URL + "/empty"}, exitError, "", "no_text"},
		{"html file", []string{"read", "testdata/article.html"}, exitOK, "Title: Night buses extended | Harbour Gazette", ""},
		{"html file with base", []string{"read", "--url", "https://other.example/x/", "--format", "json", "testdata/article.html"}, exitOK, `"url":"https://gazette.example/news/night-buses"`, ""},
		{"text file", []string{"read", txt}, exitOK, "Title: Ferry fares rise", ""},
		{"missing file", []string{"read", filepath.Join(dir, "nope.html")}, exitError, "", "reading " + filepath.Join(dir, "nope.html")},
		{"no argument", []string{"read"}, exitUsage, "", "want: briefbot read URL|FILE"},
		{"bad format", []string{"read", "--format", "xml", txt}, exitUsage, "", "bad --format"},
		{"bad url", []string{"read", "ftp://example.com/a.txt"}, exitError, "", "reading ftp://example.com/a.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runMain(t, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
		})
	}
	t.Run("json fields", func(t *testing.T) {
		r := runMain(t, "read", "--format", "json", "testdata/article.html")
		var got map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"title", "outlet", "published", "url", "text"} {
			if _, ok := got[k]; !ok {
				t.Errorf("no %q in %s", k, r.stdout)
			}
		}
	})
}

// TestBriefReadsHTMLFiles checks that an HTML file in a news folder is read as an article.
func TestBriefReadsHTMLFiles(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "buses.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, "stories", dir)
	if r.code != exitOK || !strings.Contains(r.stdout, "https://gazette.example/news/night-buses") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}

// TestReadDropsWhatATerminalActsOn: a page whose title and text carry escape sequences
// and a bell prints them without the control characters.
func TestReadDropsWhatATerminalActsOn(t *testing.T) {
	text := strings.Repeat("The harbour reopened on Tuesday after storm repairs, the port authority said. ", 6)
	page := "<html><head><title>Evil &#27;[2J title</title></head><body><article><p>" + text +
		"&#27;]0;pwned&#7; end.</p><p>" + text + "</p></article></body></html>"
	file := filepath.Join(t.TempDir(), "evil.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, "read", file)
	if r.code != exitOK || strings.ContainsAny(r.stdout, "\x1b\a") || !strings.Contains(r.stdout, "Title: Evil [2J title") {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
}
