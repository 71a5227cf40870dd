// Command storyeval measures how well summarize/stories finds stories again: it mixes
// the articles of many known stories, groups them, and scores the grouping against the
// truth with B-cubed precision, recall and F1 and the adjusted Rand index.
//
//	go run ./summarize/stories/internal/storyeval -multinews DIR -duc DIR
//
// -multinews reads DIR/validation.jsonl (one story a line: its "documents"); -duc reads
// DIR/docs-raw/TOPIC/DOCID (one story a folder); -synth N generates N articles, ten a
// story. Each data set is scored on its own, and the time of the analysis and of the
// grouping is printed with it.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories"
)

func main() {
	mn := flag.String("multinews", "", "the Multi-News validation `folder` (validation.jsonl)")
	duc := flag.String("duc", "", "the DUC 2004 `folder` (docs-raw/TOPIC/DOCID)")
	gen := flag.Int("synth", 0, "also score `N` generated articles (internal/synth), ten a story")
	flag.Parse()
	if *mn == "" && *duc == "" && *gen == 0 {
		fmt.Fprintln(os.Stderr, "storyeval: give -multinews DIR, -duc DIR or -synth N")
		os.Exit(2)
	}
	if *gen > 0 {
		arts, truth := readSynth(*gen)
		score(fmt.Sprintf("synth-%d", *gen), arts, truth)
	}
	for _, set := range []struct {
		name, dir string
		read      func(string) ([]summarize.Article, []int, error)
	}{{"multi-news-validation", *mn, readMultiNews}, {"duc2004-dev", *duc, readDUC}} {
		if set.dir == "" {
			continue
		}
		arts, truth, err := set.read(set.dir)
		if err != nil {
			slog.Error("reading a data set", "set", set.name, "error", err)
			os.Exit(1)
		}
		score(set.name, arts, truth)
	}
}

// score groups the articles and prints the scores against truth, the story of each.
func score(name string, arts []summarize.Article, truth []int) {
	start := time.Now()
	c := summarize.NewCorpus(arts)
	analysed := time.Since(start)
	sts := stories.Group(c)
	grouped := time.Since(start) - analysed
	pred := make([]int, len(arts))
	for k, st := range sts {
		for _, d := range st.Docs {
			pred[d] = k
		}
	}
	p, r := bcubed(truth, pred)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%s: %d articles, %d true stories, %d found; B-cubed P %.3f R %.3f F1 %.3f; ARI %.3f (analysis %v, grouping %v, GOMAXPROCS %d, heap peak ≤ %d MiB)\n",
		name, len(arts), distinct(truth), len(sts), p, r, f, ari(truth, pred),
		analysed.Round(time.Millisecond), grouped.Round(time.Millisecond), runtime.GOMAXPROCS(0), ms.Sys>>20)
}

func distinct(labels []int) int {
	seen := map[int]bool{}
	for _, l := range labels {
		seen[l] = true
	}
	return len(seen)
}

// bcubed returns the B-cubed precision and recall of pred against truth: for each item,
// the share of its predicted group that shares its true group, and the share of its true
// group that shares its predicted group, averaged over items.
func bcubed(truth, pred []int) (p, r float64) {
	type cell struct{ t, p int }
	both := map[cell]int{}
	nt, np := map[int]int{}, map[int]int{}
	for i := range truth {
		both[cell{truth[i], pred[i]}]++
		nt[truth[i]]++
		np[pred[i]]++
	}
	for i := range truth {
		n := float64(both[cell{truth[i], pred[i]}])
		p += n / float64(np[pred[i]])
		r += n / float64(nt[truth[i]])
	}
	return p / float64(len(truth)), r / float64(len(truth))
}

// ari returns the adjusted Rand index of pred against truth (Hubert and Arabie, 1985).
func ari(truth, pred []int) float64 {
	type cell struct{ t, p int }
	both := map[cell]int{}
	nt, np := map[int]int{}, map[int]int{}
	for i := range truth {
		both[cell{truth[i], pred[i]}]++
		nt[truth[i]]++
		np[pred[i]]++
	}
	c2 := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var index, a, b float64
	for _, n := range both {
		index += c2(n)
	}
	for _, n := range nt {
		a += c2(n)
	}
	for _, n := range np {
		b += c2(n)
	}
	expected := a * b / c2(len(truth))
	maxIndex := (a + b) / 2
	if maxIndex == expected {
		return 1
	}
	return (index - expected) / (maxIndex - expected)
}

// readSynth generates n articles; article i belongs to story i/10.
func readSynth(n int) ([]summarize.Article, []int) {
	as := synth.New(1, n).Corpus(n)
	arts := make([]summarize.Article, len(as))
	truth := make([]int, len(as))
	for i, a := range as {
		arts[i] = summarize.Article{ID: a.Name, Text: a.Text}
		truth[i] = i / 10
	}
	return arts, truth
}

// readMultiNews reads the stories of DIR/validation.jsonl.
func readMultiNews(dir string) ([]summarize.Article, []int, error) {
	f, err := os.Open(filepath.Join(dir, "validation.jsonl"))
	if err != nil {
		return nil, nil, fmt.Errorf("opening multi-news: %w", err)
	}
	defer f.Close()
	var arts []summarize.Article
	var truth []int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for story := 0; sc.Scan(); story++ {
		var rec struct {
			ID        string   `json:"id"`
			Documents []string `json:"documents"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, nil, fmt.Errorf("reading story %d of multi-news: %w", story+1, err)
		}
		for k, d := range rec.Documents {
			arts = append(arts, summarize.Article{ID: fmt.Sprintf("%s/%d", rec.ID, k), Text: d})
			truth = append(truth, story)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("reading multi-news: %w", err)
	}
	return arts, truth, nil
}

// readDUC reads the stories of DIR/docs-raw, one a folder, through the loader that
// briefbot uses for folders.
func readDUC(dir string) ([]summarize.Article, []int, error) {
	root := filepath.Join(dir, "docs-raw")
	topics, err := os.ReadDir(root)
	if err != nil {
		return nil, nil, fmt.Errorf("listing duc topics: %w", err)
	}
	sort.Slice(topics, func(i, j int) bool { return topics[i].Name() < topics[j].Name() })
	var arts []summarize.Article
	var truth []int
	for k, t := range topics {
		if !t.IsDir() {
			continue
		}
		as, _, err := summarize.ReadFS(os.DirFS(filepath.Join(root, t.Name())), ".")
		if err != nil {
			return nil, nil, fmt.Errorf("reading duc topic %s: %w", t.Name(), err)
		}
		for _, a := range as {
			a.Origin = t.Name()
			arts = append(arts, a)
			truth = append(truth, k)
		}
	}
	return arts, truth, nil
}
