// Command evaltable prints the scores of quote-eval for several PolNeAR splits side by
// side, with the targets of the quotation extractor, so that a change is read on train
// and dev at once. make eval-quotes runs it.
//
//	evaltable train=TRAIN.json,TRAIN-DQ.json dev=DEV.json,DEV-DQ.json
//
// Each argument names a split and the --json reports of quote-eval polnear on it: the
// first against the whole derived gold, the second against the articles that quote
// with double marks (docs/quality.md says why there are two).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// report is the part of a quote-eval --json report that the table reads.
type report struct {
	Thresholds map[string]struct {
		F1           float64 `json:"f1"`
		RecallByKind map[string]struct {
			Matched int `json:"matched"`
			Total   int `json:"total"`
		} `json:"recall_by_kind"`
		Speaker struct {
			Mention   map[string]score `json:"mention"`
			Canonical map[string]score `json:"canonical"`
		} `json:"speaker"`
	} `json:"thresholds"`
}

type score struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// A split is the two reports of one split.
type split struct {
	name     string
	all, dbl report
}

// A row is one measure: its name, its target and how to read it from a split.
type row struct {
	name, target string
	value        func(s *split) (num, den int, f float64)
}

func main() {
	splits, err := load(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "evaltable:", err)
		os.Exit(2)
	}
	write(os.Stdout, splits)
}

func load(args []string) ([]split, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("no reports: usage is evaltable NAME=ALL.json,DOUBLE.json [NAME=…]")
	}
	var out []split
	for _, a := range args {
		name, files, ok := strings.Cut(a, "=")
		all, dbl, ok2 := strings.Cut(files, ",")
		if !ok || !ok2 {
			return nil, fmt.Errorf("bad argument %q: want NAME=ALL.json,DOUBLE.json", a)
		}
		s := split{name: name}
		if err := read(all, &s.all); err != nil {
			return nil, err
		}
		if err := read(dbl, &s.dbl); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func read(path string, r *report) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading a report: %w", err)
	}
	if err := json.Unmarshal(b, r); err != nil {
		return fmt.Errorf("reading the report %s: %w", path, err)
	}
	return nil
}

func f1(t string, dbl bool) func(s *split) (int, int, float64) {
	return func(s *split) (int, int, float64) {
		r := s.all
		if dbl {
			r = s.dbl
		}
		return 0, 0, r.Thresholds[t].F1 / 100
	}
}

func ratio(num, den int) (int, int, float64) {
	if den == 0 {
		return 0, 0, 0
	}
	return num, den, float64(num) / float64(den)
}

func mention(kind string) func(s *split) (int, int, float64) {
	return func(s *split) (int, int, float64) {
		m := s.all.Thresholds["0.3"].Speaker.Mention[kind]
		return ratio(m.Correct, m.Total)
	}
}

var rows = []row{
	{"quote F1, t = 0.3, all articles", "kept", f1("0.3", false)},
	{"quote F1, t = 0.3, double-mark articles", "≥ 0.95", f1("0.3", true)},
	{"quote F1, t = 0.8, double-mark articles", "≥ 0.90", f1("0.8", true)},
	{"recall of partial and mixed quotations, t = 0.3", "≥ 0.90", func(s *split) (int, int, float64) {
		k := s.all.Thresholds["0.3"].RecallByKind["partial_or_mixed"]
		return ratio(k.Matched, k.Total)
	}},
	{"speaker mention, all sources, t = 0.3", "≥ 0.94", mention("all")},
	{"… pronoun sources", "", mention("pronoun")},
	{"… named sources", "", mention("named")},
	{"… nominal sources", "", mention("nominal")},
	{"canonical speaker, named sources, t = 0.3", "≥ 0.94", func(s *split) (int, int, float64) {
		c := s.all.Thresholds["0.3"].Speaker.Canonical["named"]
		return ratio(c.Correct, c.Total)
	}},
}

// write prints the table in Markdown.
func write(w io.Writer, splits []split) {
	fmt.Fprint(w, "| measure | target |")
	for _, s := range splits {
		fmt.Fprintf(w, " %s |", s.name)
	}
	fmt.Fprint(w, "\n|---|---|")
	for range splits {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s |", r.name, r.target)
		for i := range splits {
			num, den, f := r.value(&splits[i])
			if den > 0 {
				fmt.Fprintf(w, " %.3f (%d/%d) |", f, num, den)
			} else {
				fmt.Fprintf(w, " %.3f |", f)
			}
		}
		fmt.Fprintln(w)
	}
}
