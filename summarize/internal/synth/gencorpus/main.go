// Command gencorpus writes a synthetic news corpus to a folder, one article a file, for
// timing briefbot against other summarizers on the same files (make bench-cli).
//
//	go run ./summarize/internal/synth/gencorpus -n 1000 -out /tmp/synth-1k
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/briefbot/briefbot/summarize/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "folder to write (created if missing)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -out DIR [-seed S]")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func write(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	for _, a := range synth.New(seed, n).Corpus(n) {
		if err := os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644); err != nil {
			return fmt.Errorf("writing article: %w", err)
		}
	}
	return nil
}
