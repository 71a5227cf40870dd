package summarize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"
)

// ManifestName is the file that, inside an article folder, gives the articles' metadata.
const ManifestName = "manifest.json"

// MaxManifestBytes is the size of the largest manifest ReadFS reads: 1 MiB, the metadata
// of some 5,000 articles.
const MaxManifestBytes = 1 << 20

type manifestEntry struct {
	File   string `json:"file"`
	Title  string `json:"title"`
	Outlet string `json:"outlet"`
	Date   string `json:"date"`
	URL    string `json:"url"`
	Note   string `json:"note"`

	published time.Time // Date, parsed
}

// A manifest is the metadata of the articles of one folder, by file name.
type manifest map[string]manifestEntry

// manifestEntry returns the manifest's entry for the file name, reading the manifest of
// its directory once.
func (r *reader) manifestEntry(name string) (manifestEntry, error) {
	dir := path.Dir(name)
	m, ok := r.manifests[dir]
	if !ok {
		var problems []Problem
		var err error
		if m, problems, err = readManifest(r.fsys, dir); err != nil {
			return manifestEntry{}, err
		}
		r.problems = append(r.problems, problems...)
		if r.manifests == nil {
			r.manifests = make(map[string]manifest)
		}
		r.manifests[dir] = m
	}
	return m[path.Base(name)], nil
}

// readManifest reads the manifest of dir, if it has one. A manifest that is not a regular
// file, is larger than MaxManifestBytes, or is not exactly one JSON object of the known
// fields is an error; an entry without a file, a repeated one or one with a bad date is
// left out and reported as a Problem.
func readManifest(fsys fs.FS, dir string) (manifest, []Problem, error) {
	name := path.Join(dir, ManifestName)
	data, err := readManifestFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("summarize: reading %s: %w", name, err)
	}
	entries, err := parseManifest(data)
	if err != nil {
		return nil, nil, fmt.Errorf("summarize: reading %s: %w", name, err)
	}
	out := make(manifest, len(entries))
	var problems []Problem
	report := func(i int, format string, args ...any) {
		problems = append(problems, Problem{Name: name, Reason: fmt.Sprintf("article %d: ", i+1) + fmt.Sprintf(format, args...)})
	}
	for i, e := range entries {
		if e.File == "" {
			report(i, `no "file": ignored`)
			continue
		}
		if _, dup := out[e.File]; dup {
			report(i, "%s again: ignored, the first entry of %s counts", e.File, e.File)
			continue
		}
		if e.Date != "" {
			t, err := parseDate(e.Date)
			if err != nil {
				report(i, "date of %s: %v: the article is read without a date", e.File, err)
			}
			e.published = t
		}
		out[e.File] = e
	}
	return out, problems, nil
}

// readManifestFile reads the manifest name, which must be a regular file of at most
// MaxManifestBytes. Its mode is checked before it is opened, so that a named pipe, which
// would block, or a device, which could be endless, is never opened.
func readManifestFile(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := manifestMode(info); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if err := manifestMode(info); err != nil { // replaced since fs.Stat
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxManifestBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxManifestBytes { // grew since fs.Stat
		return nil, fmt.Errorf("too large: over %s, the limit is %s", byteSize(MaxManifestBytes), byteSize(MaxManifestBytes))
	}
	return data, nil
}

// manifestMode checks the mode and size of a manifest.
func manifestMode(info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return errors.New(notRegular(info.Mode()))
	}
	if info.Size() > MaxManifestBytes {
		return fmt.Errorf("too large: %s, the limit is %s", byteSize(info.Size()), byteSize(MaxManifestBytes))
	}
	return nil
}

// parseManifest decodes a manifest strictly: one JSON object with only the key
// "articles", entries with only the known keys, and nothing after the object but white
// space. A UTF-8 byte order mark before it is ignored.
func parseManifest(data []byte) ([]manifestEntry, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // as some editors write it
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, errors.New(`want a JSON object {"articles": [...]}`)
	}
	var m struct {
		Articles []manifestEntry `json:"articles"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the JSON object, which ends at byte %d", end)
	}
	return m.Articles, nil
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
