//go:build fit

// This file refits the concept model of the Coverage algorithm (params.model) and scores
// the summarizer on Multi-News. It is not part of the tests: it needs the third-party
// Multi-News sample, which stays outside the repository. Run it with `make fit` and
// `make eval-mn` (SHARED=../shared by default):
//
//	go test -tags fit -run TestFitConceptModel -v ./summarize -shared ../shared
//	go test -tags fit -run TestEvalMultiNews -v ./summarize -shared ../shared
//
// The fit prints the coefficients as Go, ready to paste into defaultParams.

package summarize

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var sharedDir = flag.String("shared", "../../shared", "the folder that holds data/multi-news-validation")

// A fitSample is one concept of one cluster: its features and whether the cluster's
// human summary uses it.
type fitSample struct {
	x [nFeatures]float64
	y float64
}

// A cluster is one Multi-News story: its articles and its human summary.
type cluster struct {
	id       string
	articles []Article
	summary  string
}

// multiNews reads the Multi-News sample.
func multiNews(t *testing.T) []cluster {
	path := filepath.Join(*sharedDir, "data/multi-news-validation/validation.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("this needs the Multi-News sample: %v", err)
	}
	defer f.Close()
	var out []cluster
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var raw struct {
			ID        string   `json:"id"`
			Documents []string `json:"documents"`
			Summary   string   `json:"summary"`
		}
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		cl := cluster{id: strings.ReplaceAll(raw.ID, "-", ""), summary: strings.TrimLeft(raw.Summary, "– ")}
		for i, d := range raw.Documents {
			// Multi-News separates paragraphs with " \n \n "; keep one a line.
			var lines []string
			for _, l := range strings.Split(d, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			a := Article{ID: fmt.Sprint(i), Text: strings.Join(lines, "\n")}
			a.Title = articleTitle(a.Text) // as ReadFS would have it
			cl.articles = append(cl.articles, a)
		}
		out = append(out, cl)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEvalMultiNews scores both algorithms on the Multi-News sample with ROUGE (the rouge
// tool of the shared folder), summaries and references cut to 100 and 230 words.
func TestEvalMultiNews(t *testing.T) {
	dir := t.TempDir()
	models := filepath.Join(dir, "models")
	os.MkdirAll(models, 0o755)
	clusters := multiNews(t)
	for _, cl := range clusters {
		os.WriteFile(filepath.Join(models, cl.id+".M.A"), []byte(cl.summary+"\n"), 0o644)
	}
	for _, words := range []int{100, 230} {
		peers := filepath.Join(dir, fmt.Sprint("peers", words))
		os.MkdirAll(peers, 0o755)
		for _, cl := range clusters {
			c := NewCorpus(cl.articles)
			for _, alg := range Algorithms {
				s, err := c.Summarize(Options{Words: words, Algorithm: alg})
				if err != nil {
					t.Fatal(err)
				}
				var sb strings.Builder
				for _, p := range s.Sentences {
					sb.WriteString(p.Text + "\n")
				}
				os.WriteFile(filepath.Join(peers, cl.id+"."+string(alg)), []byte(sb.String()), 0o644)
			}
		}
		out, err := exec.Command(filepath.Join(*sharedDir, "tools/rouge"), "--models", models, "--peers", peers, "--words", fmt.Sprint(words)).CombinedOutput()
		if err != nil {
			t.Fatalf("rouge: %v\n%s", err, out)
		}
		fmt.Printf("Multi-News, summaries and references cut to %d words:\n%s\n", words, out)
	}
}

func TestFitConceptModel(t *testing.T) {
	var samples []fitSample
	clusters := 0
	for _, cl := range multiNews(t) {
		c := NewCorpus(cl.articles)
		ref := c.referenceConcepts(cl.summary)
		index, stats, err := c.conceptStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		index.each(func(key uint64, id int32) {
			if isUnigram(key) {
				return // the model is fitted on word pairs; single words take it, scaled by params.unigram
			}
			s := fitSample{x: c.features(key, &stats[id], len(c.Docs))}
			if ref[key] {
				s.y = 1
			}
			samples = append(samples, s)
		})
		clusters++
	}
	w := fitLogistic(samples, 1)
	t.Logf("%d clusters, %d concepts", clusters, len(samples))
	fmt.Printf("model: [nFeatures + 1]float64{")
	for i, v := range w {
		if i > 0 {
			fmt.Print(", ")
		}
		fmt.Printf("%.3f", v)
	}
	fmt.Println("},")
}

// referenceConcepts returns the concept keys of a reference summary, with the corpus's
// terms: a word the corpus lacks cannot be a concept of it.
func (c *Corpus) referenceConcepts(summary string) map[uint64]bool {
	lx := newLexicon()
	toks := lx.tokenize(nil, summary, false)
	ids := make([]int32, len(toks))
	for i, tk := range toks {
		id, ok := c.vocab.ids[lx.stems[tk]]
		if !ok {
			id = -1
		}
		ids[i] = id
	}
	out := map[uint64]bool{}
	for i, t := range ids {
		if i > 0 && t >= 0 && ids[i-1] >= 0 && !(lx.stop[toks[i]] && lx.stop[toks[i-1]]) {
			out[conceptKey(ids[i-1], t)] = true
		}
	}
	return out
}

// fitLogistic fits a logistic regression with an L2 penalty (not on the intercept) by
// Newton's method.
func fitLogistic(data []fitSample, l2 float64) [nFeatures + 1]float64 {
	const k = nFeatures + 1
	var w [k]float64
	for range 50 {
		var g [k]float64
		var h [k][k]float64
		for _, s := range data {
			var x [k]float64
			x[0] = 1
			copy(x[1:], s.x[:])
			z := 0.0
			for i := range x {
				z += w[i] * x[i]
			}
			p := 1 / (1 + math.Exp(-z))
			for i := range x {
				g[i] += (p - s.y) * x[i]
				for j := range x {
					h[i][j] += p * (1 - p) * x[i] * x[j]
				}
			}
		}
		for i := 1; i < k; i++ {
			g[i] += l2 * w[i]
			h[i][i] += l2
		}
		d := solveLinear(h, g)
		change := 0.0
		for i := range w {
			w[i] -= d[i]
			change += math.Abs(d[i])
		}
		if change < 1e-8 {
			break
		}
	}
	return w
}

// solveLinear solves h·x = g by Gaussian elimination with partial pivoting; a feature that
// never varies (a zero pivot) gets a zero coefficient.
func solveLinear(h [nFeatures + 1][nFeatures + 1]float64, g [nFeatures + 1]float64) [nFeatures + 1]float64 {
	const k = nFeatures + 1
	for col := range k {
		piv := col
		for r := col + 1; r < k; r++ {
			if math.Abs(h[r][col]) > math.Abs(h[piv][col]) {
				piv = r
			}
		}
		h[col], h[piv] = h[piv], h[col]
		g[col], g[piv] = g[piv], g[col]
		if h[col][col] == 0 {
			continue
		}
		for r := col + 1; r < k; r++ {
			f := h[r][col] / h[col][col]
			for c := col; c < k; c++ {
				h[r][c] -= f * h[col][c]
			}
			g[r] -= f * g[col]
		}
	}
	var x [k]float64
	for r := k - 1; r >= 0; r-- {
		if h[r][r] == 0 {
			continue
		}
		v := g[r]
		for c := r + 1; c < k; c++ {
			v -= h[r][c] * x[c]
		}
		x[r] = v / h[r][r]
	}
	return x
}

// each calls fn with every concept key and its id.
func (x *conceptIndex) each(fn func(key uint64, id int32)) {
	for s, t := range x.shards {
		for id, key := range t.keys {
			fn(key, x.offset[s]+int32(id))
		}
	}
}

// TestEvalSingle scores the algorithms and the first sentences on single articles, with
// ROUGE at 100 words: the first article of every Multi-News story against the story's
// summary, and every DUC 2004 dev article against its topic's four references. "first"
// is the article's first usable sentences (briefbot's segmentation and boilerplate
// removal) up to 100 words.
func TestEvalSingle(t *testing.T) {
	dir := t.TempDir()
	models, peers := filepath.Join(dir, "models"), filepath.Join(dir, "peers")
	os.MkdirAll(models, 0o755)
	os.MkdirAll(peers, 0o755)
	var docs []Article
	var ids []string
	for _, cl := range multiNews(t) {
		os.WriteFile(filepath.Join(models, "mn"+cl.id+".M.A"), []byte(cl.summary+"\n"), 0o644)
		a := cl.articles[0]
		a.ID = "a01.txt"
		docs, ids = append(docs, a), append(ids, "mn"+cl.id)
	}
	duc := filepath.Join(*sharedDir, "data/duc2004-dev")
	topics, _ := filepath.Glob(filepath.Join(duc, "docs-raw/d*"))
	for _, td := range topics {
		topic := strings.TrimSuffix(filepath.Base(td), "t")
		refs, _ := filepath.Glob(filepath.Join(duc, "models", topic+".*"))
		arts, _, err := ReadFS(os.DirFS(td))
		if err != nil {
			t.Fatal(err)
		}
		for k, a := range arts {
			id := fmt.Sprintf("duc%s%02d", topic, k)
			for _, r := range refs {
				data, _ := os.ReadFile(r)
				os.WriteFile(filepath.Join(models, id+".M."+strings.ToUpper(r[len(r)-1:])), data, 0o644)
			}
			docs, ids = append(docs, a), append(ids, id)
		}
	}
	for k, a := range docs {
		c := NewCorpus([]Article{a})
		for _, alg := range Algorithms {
			var sb strings.Builder
			// An article with nothing fit for a summary counts, with an empty summary.
			if s, err := c.Summarize(Options{Words: 100, Algorithm: alg}); err == nil {
				for _, p := range s.Sentences {
					sb.WriteString(p.Text + "\n")
				}
			}
			os.WriteFile(filepath.Join(peers, ids[k]+"."+string(alg)), []byte(sb.String()), 0o644)
		}
		var sb strings.Builder
		words := 0
		for i := range c.Docs[0].Sentences {
			if words >= 100 || c.Docs[0].Sentences[i].Skip != "" {
				continue
			}
			text := c.Docs[0].Text(i)
			sb.WriteString(text + "\n")
			words += wordCount(text)
		}
		os.WriteFile(filepath.Join(peers, ids[k]+".first"), []byte(sb.String()), 0o644)
	}
	for _, set := range []string{"mn", "duc"} {
		var topics []string
		for _, id := range ids {
			if strings.HasPrefix(id, set) {
				topics = append(topics, id)
			}
		}
		out, err := exec.Command(filepath.Join(*sharedDir, "tools/rouge"), "--models", models, "--peers", peers,
			"--words", "100", "--topics", strings.Join(topics, ",")).CombinedOutput()
		if err != nil {
			t.Fatalf("rouge: %v\n%s", err, out)
		}
		fmt.Printf("Single articles (%s, %d), summaries and references cut to 100 words:\n%s\n", set, len(topics), out)
	}
}
