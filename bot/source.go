package bot

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/summarize"
)

// A Source supplies the articles the bot summarizes and quotes.
type Source interface {
	// Articles returns the articles available now. It fails only when it can read nothing
	// at all; unreadable single articles are skipped and logged.
	Articles(ctx context.Context) ([]summarize.Article, error)
}

// Files is a Source of article files: the named files and folders of a file system, such
// as the embedded seeds or a local folder (os.DirFS).
type Files struct {
	// Name describes the file system in messages, e.g. "the embedded seeds" or a path.
	Name string
	FS   fs.FS
	// Paths are the files and folders to read, relative to FS; none means its root.
	Paths []string
	// Logger receives one line per skipped or repaired file the first time it is read
	// with that problem (a bot reads its source again and again); nil means slog.Default().
	Logger *slog.Logger

	mu     sync.Mutex
	logged map[summarize.Problem]bool // the problems reported so far
}

// Articles reads the files. It returns an error wrapping ErrNoArticles when none of them
// holds an article.
func (f *Files) Articles(ctx context.Context) ([]summarize.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	log := f.Logger
	if log == nil {
		log = slog.Default()
	}
	articles, problems, err := summarize.ReadFS(f.FS, f.Paths...)
	if err != nil {
		return nil, fmt.Errorf("reading articles from %s: %w", f.Name, err)
	}
	skipped := 0
	for _, p := range problems {
		file := p.Name
		if f.Name != "" && f.Name != "." {
			file = strings.TrimSuffix(f.Name, "/") + "/" + strings.TrimPrefix(p.Name, "./")
		}
		if p.Skipped {
			skipped++
		}
		if !f.firstTime(p) {
			continue
		}
		if p.Skipped {
			log.Warn("skipped file", "file", file, "reason", p.Reason)
		} else {
			log.Info("read file with a repair", "file", file, "reason", p.Reason)
		}
	}
	if len(articles) == 0 {
		if skipped > 0 {
			return nil, fmt.Errorf("%w in %s: %d %s skipped", ErrNoArticles, f.Name, skipped, plural(skipped, "file", "files"))
		}
		return nil, fmt.Errorf("%w in %s", ErrNoArticles, f.Name)
	}
	return articles, nil
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

// Sources is a Source that concatenates the articles of several sources.
type Sources []Source

// Articles returns the articles of every source, in order.
func (ss Sources) Articles(ctx context.Context) ([]summarize.Article, error) {
	var out []summarize.Article
	for _, s := range ss {
		a, err := s.Articles(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, a...)
	}
	return out, nil
}
