package summarize

import (
	"errors"
	"fmt"
)

// The default Limits. The analysis takes about 12 bytes of memory per byte of text and
// some 3 KB per article (measured with briefbot's one-shot commands, which collect
// garbage less often), so that input at both limits peaks at about 800 MiB
// (docs/performance.md).
const (
	// DefaultMaxBytes is the default bound on the total text: 48 MiB, some 11,000 news
	// articles.
	DefaultMaxBytes = 48 << 20
	// DefaultMaxArticles is the default bound on the number of articles.
	DefaultMaxArticles = 50_000
)

// ErrTooMuchInput means that the articles are more than the Limits allow. Errors that
// wrap it are LimitErrors, which name the limit and its value.
var ErrTooMuchInput = errors.New("summarize: too much input")

// Limits bound the input of a summary, whose analysis takes memory in proportion to it.
// ReadFSContext enforces them while it reads, and stops reading as soon as the input is
// over; Check checks articles from any other source. The zero value means the defaults.
type Limits struct {
	// MaxBytes bounds the total length of the articles' text, in bytes; 0 means
	// DefaultMaxBytes and a negative value means no bound.
	MaxBytes int64
	// MaxArticles bounds the number of articles; 0 means DefaultMaxArticles and a
	// negative value means no bound. ReadFS also refuses a folder that lists more than
	// 4 × MaxArticles entries, before it reads any of them.
	MaxArticles int
}

// withDefaults returns l with its zero fields set to the defaults.
func (l Limits) withDefaults() Limits {
	if l.MaxBytes == 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxArticles == 0 {
		l.MaxArticles = DefaultMaxArticles
	}
	return l
}

// over reports whether n articles of a total of size bytes are over the limits, which
// have their defaults set.
func (l Limits) over(n, size int64) error {
	switch {
	case l.MaxArticles >= 0 && n > int64(l.MaxArticles):
		return &LimitError{Limit: "MaxArticles", Max: int64(l.MaxArticles),
			What: fmt.Sprintf("more than %d %s", l.MaxArticles, map[bool]string{true: "article", false: "articles"}[l.MaxArticles == 1])}
	case l.MaxBytes >= 0 && size > l.MaxBytes:
		return &LimitError{Limit: "MaxBytes", Max: l.MaxBytes,
			What: fmt.Sprintf("more than %s of text", byteSize(l.MaxBytes))}
	}
	return nil
}

// Check returns a LimitError when articles are over the limits, and nil otherwise.
func (l Limits) Check(articles []Article) error {
	l = l.withDefaults()
	size := int64(0)
	for i := range articles {
		size += int64(len(articles[i].Text))
	}
	return l.over(int64(len(articles)), size)
}

// A LimitError reports input over one of the Limits. It wraps ErrTooMuchInput.
type LimitError struct {
	// Limit names the field of Limits that was exceeded: "MaxBytes" or "MaxArticles".
	Limit string
	// Max is the value of that limit.
	Max int64
	// What says what exceeded it, e.g. "more than 50000 articles".
	What string
}

// Error describes the input and names the limit and its value, e.g. "summarize: too much
// input: more than 50000 articles (limit MaxArticles = 50000)".
func (e *LimitError) Error() string {
	return fmt.Sprintf("%v: %s (limit %s = %d)", ErrTooMuchInput, e.What, e.Limit, e.Max)
}

// Unwrap returns ErrTooMuchInput.
func (e *LimitError) Unwrap() error { return ErrTooMuchInput }
