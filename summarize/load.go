package summarize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MaxArticleBytes is the size of the largest file ReadFS reads as an article. News articles
// are rarely over 100 KB; a larger file is a dump, a log or a mistake.
const MaxArticleBytes = 4 << 20

// ManifestName is the file that, inside an article folder, gives the articles' metadata.
const ManifestName = "manifest.json"

// A Problem is something ReadFS noticed about one file: a file it skipped, or one it read
// only after a repair.
type Problem struct {
	Name    string // the file's name in the file system given to ReadFS
	Reason  string // what is wrong, in lower case, e.g. "empty file"
	Skipped bool   // the file was not read as an article
}

// ReadFS reads articles from fsys. Each name is a file, read as one article, or a
// directory, whose regular files (not hidden ones, not the manifest) are read in name
// order; with no names it reads the directory ".". Files that are empty, binary, HTML or
// larger than MaxArticleBytes are skipped and reported as Problems, as are files whose text
// is not UTF-8 (read as Windows-1252 instead).
//
// A directory may hold a manifest (ManifestName) with each file's title, outlet, date and
// URL:
//
//	{"articles": [{"file": "a.txt", "title": "…", "outlet": "CNN", "date": "2025-05-19", "url": "https://…"}]}
//
// Without one, the title is the first line when it reads as a headline, and the outlet is
// taken from a dateline such as "(Reuters) —" when there is one.
//
// ReadFS returns an error when a name cannot be read at all or a manifest is malformed; a
// directory without articles is not an error, so callers decide what to say about it.
func ReadFS(fsys fs.FS, names ...string) ([]Article, []Problem, error) {
	if len(names) == 0 {
		names = []string{"."}
	}
	var r reader
	r.fsys = fsys
	for _, name := range names {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, nil, fmt.Errorf("summarize: reading %s: %w", name, err)
		}
		if info.IsDir() {
			err = r.dir(name)
		} else {
			err = r.file(name, info)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return r.articles, r.problems, nil
}

type reader struct {
	fsys      fs.FS
	articles  []Article
	problems  []Problem
	manifests map[string]map[string]manifestEntry // by directory, then file name
}

func (r *reader) dir(dir string) error {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return fmt.Errorf("summarize: reading folder %s: %w", dir, err)
	}
	var files []fs.DirEntry
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && e.Name() != ManifestName {
			files = append(files, e)
		}
	}
	// Read the files in parallel (reading is mostly waiting), record them in order.
	results := make([]loaded, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(len(files), 8) {
		wg.Go(func() {
			for i := range next {
				e := files[i]
				name := path.Join(dir, e.Name())
				if !e.Type().IsRegular() {
					results[i] = loaded{skip: "not a regular file"}
					continue
				}
				info, err := e.Info()
				if err != nil {
					results[i] = loaded{err: fmt.Errorf("summarize: reading %s: %w", name, err)}
					continue
				}
				results[i] = load(r.fsys, name, info)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, e := range files {
		if err := r.add(path.Join(dir, e.Name()), results[i]); err != nil {
			return err
		}
	}
	return nil
}

func (r *reader) file(name string, info fs.FileInfo) error {
	l := load(r.fsys, name, info)
	return r.add(name, l)
}

// loaded is what load made of one file.
type loaded struct {
	text, note, skip string // the text, a note on a repair, or why the file is skipped
	err              error
}

// load reads and decodes one file. It touches nothing shared, so that files can be loaded
// in parallel.
func load(fsys fs.FS, name string, info fs.FileInfo) loaded {
	switch {
	case !info.Mode().IsRegular():
		return loaded{skip: "not a regular file"}
	case path.Base(name) == ManifestName:
		return loaded{skip: "the manifest of its folder, not an article"}
	case info.Size() > MaxArticleBytes:
		size, limit := byteSize(info.Size()), byteSize(MaxArticleBytes)
		if size == limit { // just over the limit: give the bytes, not "4.0 MB" twice
			size, limit = fmt.Sprintf("%d bytes", info.Size()), fmt.Sprintf("%d bytes", MaxArticleBytes)
		}
		return loaded{skip: fmt.Sprintf("too large: %s, the limit is %s", size, limit)}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return loaded{err: fmt.Errorf("summarize: opening %s: %w", name, err)}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxArticleBytes+1))
	f.Close()
	if err != nil {
		return loaded{err: fmt.Errorf("summarize: reading %s: %w", name, err)}
	}
	if len(data) > MaxArticleBytes { // the file grew since Stat
		return loaded{skip: fmt.Sprintf("too large: over %s", byteSize(MaxArticleBytes))}
	}
	text, note, reason := decodeText(data)
	return loaded{text: text, note: note, skip: reason}
}

// add records a loaded file: a problem, or an article with the metadata of its manifest
// or, lacking one, of its text.
func (r *reader) add(name string, l loaded) error {
	if l.err != nil {
		return l.err
	}
	if l.skip != "" {
		r.problems = append(r.problems, Problem{Name: name, Reason: l.skip, Skipped: true})
		return nil
	}
	if l.note != "" {
		r.problems = append(r.problems, Problem{Name: name, Reason: l.note})
	}
	meta, err := r.manifestEntry(name)
	if err != nil {
		return err
	}
	a := Article{ID: path.Base(name), Text: l.text, Title: meta.Title, Outlet: meta.Outlet, URL: meta.URL}
	if meta.Date != "" {
		if a.Published, err = parseDate(meta.Date); err != nil {
			return fmt.Errorf("summarize: reading %s in %s: date of %s: %w", ManifestName, path.Dir(name), path.Base(name), err)
		}
	}
	if a.Title == "" {
		if line := firstLine(l.text); headlineLike(line) {
			a.Title = line
		}
	}
	if a.Outlet == "" {
		a.Outlet = datelineOutlet(l.text)
	}
	r.articles = append(r.articles, a)
	return nil
}

// decodeText turns file contents into text. It returns a non-empty reason when the file is
// not an article, and a note when the text needed a repair.
func decodeText(data []byte) (text, note, reason string) {
	// A byte order mark is no part of the text; left in, it would stick to the title and
	// hide a dateline or an HTML page.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", "", "empty file"
	}
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 || controlShare(head) > 0.1 {
		return "", "", "binary file"
	}
	if isHTML(head) {
		return "", "", "an HTML page, not plain text"
	}
	if utf8.Valid(data) {
		return string(data), "", ""
	}
	return decodeWindows1252(data), "not valid UTF-8: read as Windows-1252", ""
}

// isHTML reports whether a file that starts with head is a web page: it opens with a tag,
// a comment or a doctype, and its first kilobyte has an html, head or body tag.
func isHTML(head []byte) bool {
	lead := bytes.ToLower(bytes.TrimSpace(head[:min(len(head), 1024)]))
	if !bytes.HasPrefix(lead, []byte("<")) {
		return false
	}
	return bytes.HasPrefix(lead, []byte("<!doctype html")) || bytes.Contains(lead, []byte("<html")) ||
		bytes.Contains(lead, []byte("<head")) || bytes.Contains(lead, []byte("<body"))
}

// controlShare is the share of bytes in b that are control characters other than white space.
func controlShare(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// windows1252 maps the bytes 0x80 to 0x9F, where Windows-1252 differs from Latin-1.
var windows1252 = [32]rune{
	'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
	'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
}

func decodeWindows1252(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xa0:
			b.WriteRune(windows1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

type manifestEntry struct {
	File   string `json:"file"`
	Title  string `json:"title"`
	Outlet string `json:"outlet"`
	Date   string `json:"date"`
	URL    string `json:"url"`
	Note   string `json:"note"`
}

// manifestEntry returns the manifest's entry for the file name, reading the manifest of
// its directory once.
func (r *reader) manifestEntry(name string) (manifestEntry, error) {
	dir := path.Dir(name)
	entries, ok := r.manifests[dir]
	if !ok {
		var err error
		if entries, err = readManifest(r.fsys, dir); err != nil {
			return manifestEntry{}, err
		}
		if r.manifests == nil {
			r.manifests = make(map[string]map[string]manifestEntry)
		}
		r.manifests[dir] = entries
	}
	return entries[path.Base(name)], nil
}

func readManifest(fsys fs.FS, dir string) (map[string]manifestEntry, error) {
	name := path.Join(dir, ManifestName)
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("summarize: reading %s: %w", name, err)
	}
	var m struct {
		Articles []manifestEntry `json:"articles"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("summarize: reading %s: %w", name, err)
	}
	out := make(map[string]manifestEntry, len(m.Articles))
	for i, e := range m.Articles {
		if e.File == "" {
			return nil, fmt.Errorf("summarize: reading %s: article %d has no \"file\"", name, i+1)
		}
		if e.Date != "" {
			if _, err := parseDate(e.Date); err != nil {
				return nil, fmt.Errorf("summarize: reading %s: date of %s: %w", name, e.File, err)
			}
		}
		out[e.File] = e
	}
	return out, nil
}

// parseDate reads a date as 2006-01-02 or as RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want YYYY-MM-DD or RFC 3339, got %q", s)
	}
	return t, nil
}

// datelineRE matches a news dateline at the start of a paragraph: the place in capitals
// (or one capitalised word), then the outlet in parentheses and a dash: "(CNN) —",
// "WASHINGTON (Reuters) -", "KYIV, Ukraine, May 19 (AP) —". The outlet is group 1.
var datelineRE = regexp.MustCompile(`^(?:(?:[A-Z][A-Z.'’ -]{0,40}|[A-Z][a-z]+)(?:,[A-Za-z0-9.' ]{1,30}){0,2} ?)?\(([A-Z][A-Za-z&.' -]{0,30})\) ?(?:—|–|-{1,2}|_)\s*`)

// datelineOutlet returns the outlet named by a dateline in the first paragraphs of text.
func datelineOutlet(text string) string {
	for i, line := range strings.SplitN(text, "\n", 8) {
		if i == 7 {
			break
		}
		if m := datelineRE.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			return m[1]
		}
	}
	return ""
}
