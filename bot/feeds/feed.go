package feeds

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// MaxItems bounds the items read of one feed: a feed is a window on the latest news, and
// one of thousands of items is a dump or an attack.
const MaxItems = 500

// An item is what ingestion needs of a feed's entry.
type item struct {
	key       string // the GUID, or else the canonical link: what makes it new
	link      string // the canonical link, "" when it has none
	title     string
	text      string // the item's own text (content, else description), as plain text
	published time.Time
}

// feed is what ingestion needs of a parsed feed.
type feed struct {
	title string
	items []item
	// noKey counts the items that had neither a GUID nor a usable link.
	noKey int
}

// parseFeed reads an RSS, Atom or JSON feed from body, fetched from base (relative links
// are resolved against it). A body that is no feed (an HTML page, malformed XML) is a
// Skip with ReasonNotFeed. Items are kept in the feed's order, at most MaxItems, each key
// once.
func parseFeed(body []byte, base string) (*feed, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, skipf(ReasonNotFeed, false, "the feed is empty")
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, &Skip{Reason: ReasonNotFeed, Err: fmt.Errorf("reading the feed: %w", err)}
	}
	baseURL, _ := url.Parse(base)
	f := &feed{title: plain(parsed.Title)}
	seen := make(map[string]bool)
	for _, it := range parsed.Items {
		if it == nil {
			continue
		}
		if len(f.items) == MaxItems {
			break
		}
		x := newItem(it, baseURL)
		if x.key == "" {
			f.noKey++
			continue
		}
		if !seen[x.key] {
			seen[x.key] = true
			f.items = append(f.items, x)
		}
	}
	return f, nil
}

// newItem returns what ingestion needs of it; key is "" when it has neither a GUID nor a
// link that parses.
func newItem(it *gofeed.Item, base *url.URL) item {
	x := item{title: plain(it.Title)}
	link := it.Link
	if link == "" && len(it.Links) > 0 {
		link = it.Links[0]
	}
	if link = strings.TrimSpace(link); link != "" {
		if u, err := url.Parse(link); err == nil && base != nil {
			link = base.ResolveReference(u).String()
		}
		if c, err := Canonical(link); err == nil {
			x.link = c
		}
	}
	x.key = strings.TrimSpace(it.GUID)
	if x.key == "" || !utf8.ValidString(x.key) || len(x.key) > maxKeyBytes {
		x.key = x.link
	}
	switch {
	case it.PublishedParsed != nil:
		x.published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		x.published = *it.UpdatedParsed
	}
	// The longer of the content and the description: a feed puts the article in either.
	x.text = HTMLText(it.Content)
	if d := HTMLText(it.Description); wordCount(d) > wordCount(x.text) {
		x.text = d
	}
	return x
}

// maxKeyBytes bounds a GUID used as a key; a longer one is replaced by the link.
const maxKeyBytes = 2048

// plain returns the text of s, a title that may hold HTML, on one line.
func plain(s string) string {
	return strings.Join(strings.Fields(HTMLText(s)), " ")
}

// blocks are the elements whose start or end ends a paragraph.
var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "tr": true, "section": true,
	"article": true, "header": true, "footer": true, "pre": true, "figcaption": true,
}

// skipped are the elements whose text is no part of the article: scripts and styles,
// and the captions, asides, navigation and forms that extraction leaves in.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true, "svg": true,
	"figure": true, "figcaption": true, "aside": true, "nav": true, "form": true, "button": true, "select": true}

// HTMLText returns the text of an HTML fragment (a feed item's description or content),
// one paragraph a line, in valid UTF-8, entities decoded, scripts and styles dropped. A
// fragment without tags is returned as its own text. Its cost is linear in len(s).
func HTMLText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var sb strings.Builder
	var line strings.Builder
	skip := 0
	flush := func() {
		if t := strings.Join(strings.Fields(line.String()), " "); t != "" {
			if sb.Len() > 0 {
				sb.WriteByte('\n')
			}
			sb.WriteString(t)
		}
		line.Reset()
	}
	for {
		switch z.Next() {
		case html.ErrorToken: // the end, or a fragment the tokenizer cannot go on with
			flush()
			return strings.ToValidUTF8(sb.String(), "\uFFFD")
		case html.TextToken:
			if skip == 0 {
				line.Write(z.Text())
				line.WriteByte(' ')
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch {
			case skipped[string(name)]:
				skip++
			case blocks[string(name)]:
				flush()
			}
		case html.SelfClosingTagToken:
			if name, _ := z.TagName(); blocks[string(name)] {
				flush()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch {
			case skipped[string(name)] && skip > 0:
				skip--
			case blocks[string(name)]:
				flush()
			}
		}
	}
}
