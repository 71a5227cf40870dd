package feeds

import (
	"bytes"
	"mime"
	"regexp"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// xmlEncoding finds the encoding of an XML declaration at the start of a body.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']`)

// headerCharset returns the charset parameter of a Content-Type, "" when none.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// lookup returns the encoding named label, or a Skip with ReasonCharset.
func lookup(label string) (encoding.Encoding, error) {
	e, _ := charset.Lookup(label)
	if e == nil {
		return nil, skipf(ReasonCharset, false, "feeds: unknown character set %q", label)
	}
	return e, nil
}

// feedUTF8 returns a feed's body in UTF-8, or as it is when its XML declaration names
// another encoding (which the feed parser honours).
func feedUTF8(body []byte, contentType string) ([]byte, error) {
	head := body[:min(len(body), 256)]
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		label := string(m[1])
		if _, err := lookup(label); err != nil {
			return nil, err
		}
		if !isUTF8Label(label) {
			return body, nil
		}
	}
	label := headerCharset(contentType)
	if label == "" || isUTF8Label(label) {
		return toValidUTF8(body), nil
	}
	e, err := lookup(label)
	if err != nil {
		return nil, err
	}
	return decode(e, body)
}

// pageUTF8 returns an HTML page's body in UTF-8: the Content-Type charset, else a byte
// order mark or <meta> charset, else a guess.
func pageUTF8(body []byte, contentType string) ([]byte, error) {
	var e encoding.Encoding
	if label := headerCharset(contentType); label != "" {
		var err error
		if e, err = lookup(label); err != nil {
			return nil, err
		}
	} else {
		e, _, _ = charset.DetermineEncoding(body, "text/html")
	}
	return decode(e, body)
}

// decode converts body from e to valid UTF-8.
func decode(e encoding.Encoding, body []byte) ([]byte, error) {
	if e == unicode.UTF8 || e == encoding.Nop {
		return toValidUTF8(body), nil
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		return nil, skipf(ReasonCharset, false, "feeds: decoding the body: %w", err)
	}
	return toValidUTF8(out), nil
}

// isUTF8Label reports whether label names UTF-8.
func isUTF8Label(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	return l == "utf-8" || l == "utf8"
}

// toValidUTF8 strips a UTF-8 byte order mark and replaces invalid bytes with U+FFFD.
func toValidUTF8(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}
