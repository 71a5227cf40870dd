package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/summarize"
)

func readCommand() *command {
	return &command{
		name:    "read",
		oneShot: true,
		args:    "URL|FILE",
		summary: "print the article of a web page or file: title, outlet, date, URL and text",
		help: `Read prints the article briefbot reads from a web page or a file: its title, outlet,
publication date, URL and text, one paragraph a line. A URL (http or https) is fetched
politely (robots.txt respected, private addresses refused unless --allow-private) and
its main text extracted; a FILE ending .html or .htm (at most 8 MiB) is extracted as
a page of its file:// URL, or of --url; any other FILE is read as an article, as brief
reads it. --format json prints one JSON object: title, outlet, published, url, text.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			format := fs.String("format", "text", "print `text` or json")
			allowPrivate := fs.Bool("allow-private", false, "fetch from private and loopback addresses (tests, intranets)")
			timeout := fs.Duration("timeout", feeds.DefaultTimeout, "give up on a page after `D`")
			base := fs.String("url", "", "the URL an HTML FILE was fetched from (default its file:// URL)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("want: briefbot read URL|FILE")
				}
				if *format != "text" && *format != "json" {
					return usagef("bad --format %q: want text or json", *format)
				}
				if *timeout <= 0 {
					return usagef("bad --timeout %v: want a positive duration", *timeout)
				}
				a, err := readArticle(ctx, args[0], feeds.ClientOptions{AllowPrivate: *allowPrivate, Timeout: *timeout}, *base)
				if err != nil {
					return err
				}
				return printArticle(e.stdout, &a, *format)
			}
		},
	}
}

// readArticle reads the article at arg: a URL, an HTML file or a text file.
func readArticle(ctx context.Context, arg string, o feeds.ClientOptions, base string) (summarize.Article, error) {
	if u, err := url.Parse(arg); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		r, err := feeds.NewClient(o).Page(ctx, arg)
		if feeds.ReasonOf(err) == feeds.ReasonPrivate {
			return summarize.Article{}, fmt.Errorf("reading %s: %w (--allow-private fetches it)", arg, err)
		}
		if err != nil {
			return summarize.Article{}, fmt.Errorf("reading %s: %w", arg, err)
		}
		a, err := feeds.Extract(r.Body, r.URL)
		if err != nil {
			return summarize.Article{}, fmt.Errorf("reading %s: %w", arg, err)
		}
		return a, nil
	}
	// A file is read as brief reads it, an HTML page through the same hook as a folder's.
	dir, name := filepath.Split(arg)
	if dir == "" {
		dir = "."
	}
	hook := htmlReader(dir)
	if base != "" {
		hook = func(_ string, page []byte) (summarize.Article, error) { return feeds.Extract(page, base) }
	}
	as, probs, err := summarize.ReadFSContext(ctx, os.DirFS(dir), summarize.ReadOptions{HTML: hook}, name)
	if err != nil {
		return summarize.Article{}, fmt.Errorf("reading %s: %w", arg, err)
	}
	if len(as) == 0 {
		msg := "no article"
		if len(probs) > 0 {
			msg = probs[0].Reason
		}
		return summarize.Article{}, fmt.Errorf("reading %s: %s", arg, msg)
	}
	return as[0], nil
}

// articleJSON is the output of read --format json.
type articleJSON struct {
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published,omitzero"`
	URL       string    `json:"url"`
	Text      string    `json:"text"`
}

// printArticle writes a as text or JSON.
func printArticle(w io.Writer, a *summarize.Article, format string) error {
	var buf bytes.Buffer
	if format == "json" {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(articleJSON{a.Title, a.Outlet, a.Published, a.URL, a.Text}); err != nil {
			return fmt.Errorf("writing the article: %w", err)
		}
	} else {
		// A terminal reads this: what it would act on goes, as in every text output.
		for _, f := range []struct{ k, v string }{{"Title", a.Title}, {"Outlet", a.Outlet}, {"Date", dateOf(a.Published)}, {"URL", a.URL}} {
			if f.v != "" {
				fmt.Fprintf(&buf, "%s: %s\n", f.k, bot.PlainText(f.v))
			}
		}
		fmt.Fprintf(&buf, "\n%s\n", bot.PlainText(a.Text))
	}
	_, err := w.Write(buf.Bytes())
	if err != nil {
		return errors.Join(errors.New("writing the article"), err)
	}
	return nil
}

// dateOf formats a publication time, "" when unknown.
func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
