package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/summarize"
)

func readCommand() *command {
	return &command{
		name:    "read",
		args:    "URL|FILE",
		summary: "print an article as briefbot reads it: title, outlet, date, URL and text",
		help: `Read prints one article as briefbot reads it, for checking a source: its title, outlet,
publication date and URL, then its text, one paragraph a line. A URL is fetched as
ingest fetches pages (robots.txt respected; loopback and private addresses refused
without --allow-private) and its main text extracted; a FILE named *.html or *.htm is
extracted the same way (--url gives the address it came from); any other file is read
as an article file, as brief reads it. --format json prints one JSON object with the
fields title, outlet, published, url and text.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			asJSON := fs.String("format", "text", "output `format`: text or json")
			allowPrivate := fs.Bool("allow-private", false, "fetch URLs that resolve to loopback or private addresses")
			timeout := fs.Duration("timeout", feeds.DefaultTimeout, "the fetch's deadline, the whole body included")
			pageURL := fs.String("url", "", "the `URL` an HTML file was saved from (its links and canonical address)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("want one URL or FILE, got %d arguments", len(args))
				}
				if *asJSON != "text" && *asJSON != "json" {
					return usagef("bad --format %q: want text or json", *asJSON)
				}
				var a summarize.Article
				var err error
				if strings.HasPrefix(args[0], "http://") || strings.HasPrefix(args[0], "https://") {
					a, err = readURL(ctx, args[0], feeds.ClientOptions{AllowPrivate: *allowPrivate, Timeout: *timeout})
				} else {
					a, err = readFile(args[0], *pageURL)
				}
				if err != nil {
					return err
				}
				return printArticle(e.stdout, a, *asJSON == "json")
			}
		},
	}
}

// readURL fetches and extracts an article page.
func readURL(ctx context.Context, raw string, o feeds.ClientOptions) (summarize.Article, error) {
	resp, err := feeds.NewClient(o).Page(ctx, raw)
	if err != nil {
		return summarize.Article{}, fmt.Errorf("reading %s: %w", raw, err)
	}
	a, err := feeds.Extract(resp.Body, resp.URL)
	if err != nil {
		return summarize.Article{}, fmt.Errorf("reading %s: %w", raw, err)
	}
	return a, nil
}

// readFile reads an HTML page or an article file.
func readFile(path, pageURL string) (summarize.Article, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".html" && ext != ".htm" {
		dir, base := filepath.Split(path)
		if dir == "" {
			dir = "."
		}
		articles, problems, err := summarize.ReadFS(os.DirFS(dir), base)
		switch {
		case err != nil:
			return summarize.Article{}, fmt.Errorf("reading %s: %w", path, err)
		case len(articles) == 0 && len(problems) > 0:
			return summarize.Article{}, fmt.Errorf("reading %s: %s", path, problems[0].Reason)
		case len(articles) == 0:
			return summarize.Article{}, fmt.Errorf("reading %s: no article", path)
		}
		return articles[0], nil
	}
	page, err := readPage(path)
	if err != nil {
		return summarize.Article{}, err
	}
	if pageURL == "" {
		abs, _ := filepath.Abs(path)
		pageURL = "file://" + filepath.ToSlash(abs)
	}
	a, err := feeds.Extract(page, pageURL)
	if err != nil {
		return summarize.Article{}, fmt.Errorf("reading %s: %w", path, err)
	}
	if strings.HasPrefix(a.URL, "file:") {
		a.URL = ""
	}
	return a, nil
}

// readPage reads an HTML file of at most feeds.DefaultMaxBytes, in UTF-8 (a page in
// another encoding is converted by what its bytes and meta elements say).
func readPage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %w", err)
	}
	defer f.Close()
	page, err := io.ReadAll(io.LimitReader(f, feeds.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(page) > feeds.DefaultMaxBytes {
		return nil, fmt.Errorf("reading %s: the page is over %d bytes", path, feeds.DefaultMaxBytes)
	}
	return toUTF8(page), nil
}

// toUTF8 converts an HTML page to UTF-8 by its byte-order mark, its meta elements, or a
// guess; bytes that decode to nothing are replaced.
func toUTF8(page []byte) []byte {
	if !utf8.Valid(page) {
		if enc, _, _ := charset.DetermineEncoding(page, "text/html"); enc != nil {
			if out, err := enc.NewDecoder().Bytes(page); err == nil {
				page = out
			}
		}
	}
	return []byte(strings.ToValidUTF8(string(page), "\uFFFD"))
}

// extractFile is the HTML hook of folders: a local page read as an article.
func extractFile(name string, page []byte) (summarize.Article, error) {
	return feeds.Extract(toUTF8(page), "file:///"+strings.TrimPrefix(filepath.ToSlash(name), "/"))
}

// printArticle prints an article as read prints it.
func printArticle(w io.Writer, a summarize.Article, asJSON bool) error {
	var published string
	if !a.Published.IsZero() {
		published = a.Published.UTC().Format(time.RFC3339)
	}
	if asJSON {
		return json.NewEncoder(w).Encode(struct {
			Title     string `json:"title"`
			Outlet    string `json:"outlet"`
			Published string `json:"published"`
			URL       string `json:"url"`
			Text      string `json:"text"`
		}{a.Title, a.Outlet, published, a.URL, a.Text})
	}
	for _, f := range []struct{ name, value string }{{"Title", a.Title}, {"Outlet", a.Outlet}, {"Published", published}, {"URL", a.URL}} {
		if f.value != "" {
			if _, err := fmt.Fprintf(w, "%s: %s\n", f.name, bot.PlainText(f.value)); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintf(w, "\n%s\n", bot.PlainText(a.Text))
	return err
}
