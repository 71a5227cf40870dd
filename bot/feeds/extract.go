package feeds

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/briefbot/briefbot/summarize"
)

// MinWords is the fewest words of a page's article text: less is a page with no
// readable article (a front page, a paywall, a video).
const MinWords = 40

// maxElements bounds the elements of a page that extraction scores: a news page has a
// few thousand; more is a page built to be slow.
const maxElements = 60000

// Extract returns the article of an HTML page fetched from pageURL, with its main text
// found by go-readability (which scored best on real news pages among the libraries
// tried, without the start-up cost of the other: docs/quality.md): the title, the
// outlet (the site's name), the publication time when the page says it, the page's
// canonical URL (or else pageURL), and the text one paragraph a line, in UTF-8. page
// must be UTF-8 (Client converts what it fetches). A page with fewer than MinWords of
// article text is a Skip with ReasonNoText.
func Extract(page []byte, pageURL string) (summarize.Article, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		base = nil
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return summarize.Article{}, &Skip{Reason: ReasonNoText, Err: err}
	}
	canonical := canonicalLink(doc, base)
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	ra, err := p.ParseAndMutate(doc, base)
	if err != nil || ra.Node == nil {
		return summarize.Article{}, skipf(ReasonNoText, false, "no article text in the page %s", cutText(pageURL, 200))
	}
	var rendered bytes.Buffer
	if err := ra.RenderHTML(&rendered); err != nil {
		return summarize.Article{}, &Skip{Reason: ReasonNoText, Err: err}
	}
	text := HTMLText(rendered.String())
	if n := len(strings.Fields(text)); n < MinWords {
		return summarize.Article{}, skipf(ReasonNoText, false, "%d words of article text in the page %s, want %d", n, cutText(pageURL, 200), MinWords)
	}
	a := summarize.Article{Title: plain(ra.Title()), Outlet: plain(ra.SiteName()), URL: canonical, Text: text}
	if a.URL == "" {
		a.URL, _ = Canonical(pageURL)
	}
	if t, err := ra.PublishedTime(); err == nil && t.Year() > 1990 && t.Before(time.Now().Add(48*time.Hour)) {
		a.Published = t
	}
	return a, nil
}

// canonicalLink returns the page's <link rel="canonical"> (or og:url), resolved against
// base and canonicalised; "" when it has none that is http(s).
func canonicalLink(doc *html.Node, base *url.URL) string {
	var found string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if found != "" || depth > 64 {
			return
		}
		if n.Type == html.ElementNode && (n.Data == "link" || n.Data == "meta") {
			if v := linkOf(n); v != "" {
				if u, err := url.Parse(v); err == nil && base != nil {
					v = base.ResolveReference(u).String()
				}
				if c, err := Canonical(v); err == nil {
					found = c
					return
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "body" {
			return // the head is enough
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return found
}

// linkOf returns the URL of a canonical link or an og:url meta element, else "".
func linkOf(n *html.Node) string {
	var rel, prop, href, content string
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "rel":
			rel = strings.ToLower(a.Val)
		case "property":
			prop = strings.ToLower(a.Val)
		case "href":
			href = a.Val
		case "content":
			content = a.Val
		}
	}
	switch {
	case n.Data == "link" && rel == "canonical":
		return href
	case n.Data == "meta" && prop == "og:url":
		return content
	}
	return ""
}
