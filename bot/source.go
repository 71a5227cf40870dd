package bot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
)

// A Source supplies the articles the bot summarizes and quotes.
type Source interface {
	// Articles returns the articles of the window w that are available now (all of them
	// for the zero Window). It fails only when it can read nothing at all; unreadable
	// single articles are skipped and logged.
	Articles(ctx context.Context, w Window) ([]summarize.Article, error)
}

// A Window is a span of time the news of a briefing come from, such as "since the last
// briefing of this channel". A zero bound is open.
type Window struct {
	Since, Until time.Time
}

// All is the window of every article.
var All Window

// Holds reports whether an article published at t belongs to the window. An article
// whose date is unknown belongs to every window: a source that knows better (a store that
// records when it first saw each article) answers by that instead.
func (w Window) Holds(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	return (w.Since.IsZero() || !t.Before(w.Since)) && (w.Until.IsZero() || t.Before(w.Until))
}

// String describes the window: "2 Dec 2026 07:00 UTC to 3 Dec 2026 07:00 UTC".
func (w Window) String() string {
	const layout = "2 Jan 2006 15:04 MST"
	switch {
	case w == All:
		return "any time"
	case w.Until.IsZero():
		return "since " + w.Since.Format(layout)
	case w.Since.IsZero():
		return "before " + w.Until.Format(layout)
	}
	return w.Since.Format(layout) + " to " + w.Until.Format(layout)
}

// filter keeps the articles of a that w holds.
func (w Window) filter(a []summarize.Article) []summarize.Article {
	if w == All {
		return a
	}
	out := a[:0:0]
	for _, x := range a {
		if w.Holds(x.Published) {
			out = append(out, x)
		}
	}
	return out
}

// Files is a Source of article files: the named files and folders of a file system, such
// as the embedded seeds or a local folder (os.DirFS).
type Files struct {
	// Name describes the file system in messages, e.g. "the embedded seeds" or a path.
	Name string
	FS   fs.FS
	// Paths are the files and folders to read, relative to FS; none means its root.
	Paths []string
	// Limits bound what is read (see summarize.Limits); the zero value means the defaults.
	Limits summarize.Limits
	// Logger receives one line per skipped or repaired file the first time it is read
	// with that problem (a bot reads its source again and again); nil means slog.Default().
	Logger *slog.Logger
	// HTML, when set, reads the article of each *.html or *.htm file (see
	// summarize.ReadOptions.HTML); nil skips HTML files.
	HTML func(name string, page []byte) (summarize.Article, error)

	mu     sync.Mutex
	logged map[summarize.Problem]bool // the problems reported so far
}

// Articles reads the files. A file that cannot be read as an article is skipped and
// logged, and the others are read. It returns an error wrapping ErrNoArticles when none
// of them holds an article, naming the first files skipped and why; one wrapping
// summarize.ErrTooMuchInput when they are over f.Limits; and one wrapping ctx.Err() when
// ctx is done.
func (f *Files) Articles(ctx context.Context, w Window) ([]summarize.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	log := f.Logger
	if log == nil {
		log = slog.Default()
	}
	articles, problems, err := summarize.ReadFSContext(ctx, f.FS, summarize.ReadOptions{Limits: f.Limits, HTML: f.HTML}, f.Paths...)
	if err != nil {
		return nil, fmt.Errorf("reading articles from %s: %w", f.Name, err)
	}
	var skipped []summarize.Problem
	for _, p := range problems {
		file := p.Name
		if f.Name != "" && f.Name != "." {
			file = strings.TrimSuffix(f.Name, "/") + "/" + strings.TrimPrefix(p.Name, "./")
		}
		if p.Skipped {
			skipped = append(skipped, p)
		}
		if !f.firstTime(p) {
			continue
		}
		switch {
		case p.Skipped:
			log.Warn("skipped file", "file", file, "reason", p.Reason)
		case path.Base(p.Name) == summarize.ManifestName:
			log.Warn("ignored part of a manifest", "file", file, "reason", p.Reason)
		default:
			log.Info("read file with a repair", "file", file, "reason", p.Reason)
		}
	}
	if len(articles) == 0 {
		return nil, &noArticles{"no articles in " + f.Name + describeSkipped(skipped)}
	}
	for i := range articles {
		articles[i].Origin = f.Name
	}
	if articles = w.filter(articles); len(articles) == 0 {
		return nil, &noArticles{"no articles in " + f.Name + " from " + w.String()}
	}
	return articles, nil
}

// The description of skipped files in an error names at most skippedNamed files, each cut
// to skippedNameRunes characters.
const (
	skippedNamed     = 3
	skippedNameRunes = 60
)

// describeSkipped describes skipped files for an error message, briefly: ": 2 files
// skipped: a.bin (binary file), b.txt (empty file)", or "" when there are none.
func describeSkipped(skipped []summarize.Problem) string {
	if len(skipped) == 0 {
		return ""
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, ": %d %s skipped: ", len(skipped), plural(len(skipped), "file", "files"))
	for i, p := range skipped[:min(len(skipped), skippedNamed)] {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "%s (%s)", cut(p.Name, skippedNameRunes), cut(p.Reason, 2*skippedNameRunes))
	}
	if n := len(skipped) - skippedNamed; n > 0 {
		fmt.Fprintf(&sb, " and %d more", n)
	}
	return sb.String()
}

// cut returns s cut to at most n characters, with an ellipsis when it was cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

// firstTime reports whether p is reported for the first time, and remembers it.
func (f *Files) firstTime(p summarize.Problem) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.logged[p] {
		return false
	}
	if f.logged == nil {
		f.logged = make(map[summarize.Problem]bool)
	}
	f.logged[p] = true
	return true
}

// Sources is a Source that concatenates the articles of several sources. An article
// that several of them yield alike (the same file named on its own and in its folder, or
// in two sources) counts once, where it comes first. A member that has no articles, or
// cannot be read, is passed over; Sources fails only when every member does, with all
// their errors.
type Sources []Source

// Articles returns the articles of every source in w, in order, each once.
func (ss Sources) Articles(ctx context.Context, w Window) ([]summarize.Article, error) {
	var out []summarize.Article
	var errs []error
	seen := make(map[articleKey]bool)
	for _, s := range ss {
		articles, err := s.Articles(ctx, w)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, summarize.ErrTooMuchInput) {
				return nil, err // no other member can mend a cancellation or a limit
			}
			errs = append(errs, err)
			continue
		}
		for _, a := range articles {
			if k := keyOf(&a); !seen[k] {
				seen[k] = true
				out = append(out, a)
			}
		}
	}
	if len(out) == 0 && len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// articleKey identifies an article by all its fields; its date is the instant, whatever
// its time zone.
type articleKey struct {
	id, title, outlet, url, text string
	unix                         int64
	nanos                        int
}

func keyOf(a *summarize.Article) articleKey {
	return articleKey{a.ID, a.Title, a.Outlet, a.URL, a.Text, a.Published.Unix(), a.Published.Nanosecond()}
}
