// Command gencorpus writes a synthetic news corpus to a folder, one article a file, for
// timing briefbot against other summarizers on the same files (make bench-cli).
//
//	go run ./internal/synth/gencorpus -n 1000 -out /tmp/synth-1k
//	go run ./internal/synth/gencorpus -tiny -n 40000 -out /tmp/synth-tiny-40k
//
// With -tiny it writes articles of one or two sentences (synth.Generator.Tiny) instead of
// news-length ones.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/briefbot/briefbot/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "folder to write (created if missing)")
	seed := flag.Uint64("seed", 1, "random seed")
	tiny := flag.Bool("tiny", false, "write tiny articles of one or two sentences")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-tiny] -n N -out DIR [-seed S]")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed, *tiny); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func write(dir string, n int, seed uint64, tiny bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	g := synth.New(seed, n)
	articles := g.Corpus
	if tiny {
		articles = g.Tiny
	}
	for _, a := range articles(n) {
		if err := os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644); err != nil {
			return fmt.Errorf("writing article: %w", err)
		}
	}
	return nil
}
