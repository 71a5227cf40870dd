package feeds

// TEMPORARY: stand-ins until the fetch branch is merged; deleted then.

import (
	"net/url"

	"github.com/briefbot/briefbot/summarize"
)

func Canonical(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	u.Fragment = ""
	return u.String(), nil
}

type Conditional struct{ ETag, LastModified string }

type Response struct {
	URL                string
	Body               []byte
	ContentType        string
	ETag, LastModified string
	NotModified        bool
}

func Extract(page []byte, pageURL string) (summarize.Article, error) {
	return summarize.Article{Text: HTMLText(string(page)), URL: pageURL}, nil
}
