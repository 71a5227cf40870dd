package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/briefbot/briefbot/summarize"
)

// The bounds of Extract: a page past them is not read (a Skip with ReasonNoText).
const (
	minWords    = 40     // fewer words of article text is no article
	maxElements = 200000 // elements in a page
	maxDepth    = 512    // nesting of elements
	maxAttr     = 4096   // bytes of an attribute value kept
)

// Extract returns the article of an HTML page fetched from pageURL: its title, outlet
// (og:site_name or the JSON-LD publisher, else ""), publication time
// (article:published_time, JSON-LD datePublished, else the first <time datetime>), URL (the
// page's canonical link, else pageURL, canonicalised when http(s)) and main text, found by
// go-readability, one paragraph a line, in UTF-8. A page that is not valid UTF-8 is
// decoded by its byte order mark or <meta> charset, else guessed. A page with fewer than
// 40 words of article text (in scripts written without spaces, one word for two letters), or nested deeper than 512 elements or with more than 200,000
// of them (which no article needs, and which would make extraction slow), is a Skip with
// ReasonNoText. The article's ID is its URL.
func Extract(page []byte, pageURL string) (summarize.Article, error) {
	if !utf8.Valid(page) {
		page, _ = pageUTF8(page, "")
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return summarize.Article{}, skipf(ReasonNoText, false, "feeds: parsing the page %s: %w", pageURL, err)
	}
	m, err := scan(doc)
	if err != nil {
		return summarize.Article{}, &Skip{Reason: ReasonNoText, Err: fmt.Errorf("feeds: reading the page %s: %w", pageURL, err)}
	}
	base, _ := url.Parse(pageURL)
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	art, err := p.ParseAndMutate(doc, base)
	if err != nil || art.Node == nil {
		if err == nil {
			err = errors.New("no article content")
		}
		return summarize.Article{}, &Skip{Reason: ReasonNoText, Err: fmt.Errorf("feeds: extracting the text of %s: %w", pageURL, err)}
	}
	var rendered bytes.Buffer
	if err := html.Render(&rendered, art.Node); err != nil {
		return summarize.Article{}, &Skip{Reason: ReasonNoText, Err: fmt.Errorf("feeds: extracting the text of %s: %w", pageURL, err)}
	}
	text := HTMLText(rendered.String()) // one paragraph a line; captions, asides and forms left out
	if n := wordCount(text); n < minWords {
		return summarize.Article{}, skipf(ReasonNoText, false, "feeds: extracting the text of %s: %d words, fewer than %d", pageURL, n, minWords)
	}
	a := summarize.Article{
		Title:  oneLine(firstOf(art.Title(), m.title)),
		Outlet: oneLine(firstOf(art.SiteName(), m.siteName)),
		URL:    articleURL(m.canonical, base, pageURL),
		Text:   text,
	}
	a.ID = a.URL
	if t, err := art.PublishedTime(); err == nil {
		a.Published = t
	} else {
		a.Published = m.time
	}
	return a, nil
}

// wordCount counts the words of s: its space-separated tokens, and in scripts written
// without spaces (Han, kana, Thai, ...) one word for every two letters.
func wordCount(s string) int {
	n, dense := 0, 0
	for _, f := range strings.Fields(s) {
		n++
		for _, r := range f {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
				dense++
			}
		}
	}
	return n + dense/2
}

// oneLine collapses the white space of s.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

func firstOf(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// articleURL is the canonical link resolved against the page's URL, else the page's URL,
// canonicalised when it is http(s).
func articleURL(canonical string, base *url.URL, pageURL string) string {
	u := pageURL
	if canonical != "" && base != nil {
		if ref, err := base.Parse(canonical); err == nil && (ref.Scheme == "http" || ref.Scheme == "https") {
			u = ref.String()
		}
	}
	if c, err := Canonical(u); err == nil {
		return c
	}
	return u
}

// pageMeta is what scan finds in a page besides its text.
type pageMeta struct {
	title, siteName, canonical string
	time                       time.Time
}

// scan walks the document without recursion, checks its size and depth, and collects
// the <title>, the canonical link, og:site_name (or application-name) and the first
// <time datetime>.
func scan(doc *html.Node) (pageMeta, error) {
	var m pageMeta
	type frame struct {
		n     *html.Node
		depth int
	}
	stack := []frame{{doc, 0}}
	elements := 0
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.depth > maxDepth {
			return m, fmt.Errorf("elements nested deeper than %d", maxDepth)
		}
		if f.n.Type == html.ElementNode {
			if elements++; elements > maxElements {
				return m, fmt.Errorf("more than %d elements", maxElements)
			}
			m.element(f.n)
			trimAttrs(f.n)
		}
		for c := f.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{c, f.depth + 1})
		}
	}
	return m, nil
}

// element records what n says of the page.
func (m *pageMeta) element(n *html.Node) {
	switch n.Data {
	case "title":
		if m.title == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
			m.title = n.FirstChild.Data
		}
	case "link":
		if m.canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
			m.canonical = strings.TrimSpace(attr(n, "href"))
		}
	case "meta":
		key := strings.ToLower(firstOf(attr(n, "property"), attr(n, "name")))
		if (key == "og:site_name" || key == "application-name") && m.siteName == "" {
			m.siteName = attr(n, "content")
		}
	case "time":
		if m.time.IsZero() {
			m.time = parseTime(attr(n, "datetime"))
		}
	}
}

// trimAttrs empties attribute values over maxAttr bytes, which carry no article text and
// which readability's class and id patterns would scan at length.
func trimAttrs(n *html.Node) {
	for i := range n.Attr {
		if len(n.Attr[i].Val) > maxAttr {
			n.Attr[i].Val = ""
		}
	}
}

// attr returns the value of n's attribute key, "" when none.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// parseTime reads a <time datetime> value; the zero Time when it cannot.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
