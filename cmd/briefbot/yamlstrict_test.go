package main

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// sample is a configuration shape with what later sections need: booleans, maps, lists
// of sections, durations.
type sample struct {
	On      bool              `yaml:"on"`
	Labels  map[string]string `yaml:"labels"`
	Every   time.Duration     `yaml:"every"`
	Entries []sampleEntry     `yaml:"entries"`
	Part    *samplePart       `yaml:"part"`
}

type sampleEntry struct {
	ID    string   `yaml:"id"`
	Size  int      `yaml:"size"`
	Words []string `yaml:"words"`
	Plain bool     `yaml:"plain"`
}

type samplePart struct {
	Mode string `yaml:"mode"`
}

func TestStrictYAML(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want sample
		errs []string
	}{
		{name: "every kind", yaml: "on: true\nlabels: {a: b, c: d}\nevery: 90s\nentries:\n  - id: C1\n    size: 3\n    words: [x, y]\n    plain: yes\n  - id: C2\npart: {mode: m}\n",
			want: sample{On: true, Labels: map[string]string{"a": "b", "c": "d"}, Every: 90 * time.Second,
				Entries: []sampleEntry{{ID: "C1", Size: 3, Words: []string{"x", "y"}, Plain: true}, {ID: "C2"}}, Part: &samplePart{Mode: "m"}}},
		{name: "section on with defaults", yaml: "part:\n", want: sample{Part: &samplePart{Mode: "default"}}},
		{name: "unknown key in a list item", yaml: "entries:\n  - id: C1\n  - idd: C2\n", errs: []string{`entries[1].idd: unknown key; did you mean "id"? (line 3)`}},
		{name: "unknown key far from any", yaml: "part:\n  zzzzzz: 1\n", errs: []string{"part.zzzzzz: unknown key; the keys here are mode (line 2)"}},
		{name: "repeated key in a list item", yaml: "entries:\n  - id: a\n    id: b\n", errs: []string{"entries[0].id: the key appears twice (line 3)"}},
		{name: "fraction for a whole number", yaml: "entries:\n  - size: 1.5\n", errs: []string{`entries[0].size: want a whole number, got "1.5" (line 2)`}},
		{name: "number for a duration", yaml: "every: 10\n", errs: []string{`every: want a duration such as 30s or 5m, got "10" (line 1)`}},
		{name: "word for a boolean", yaml: "on: maybe\n", errs: []string{`on: want true or false, got "maybe" (line 1)`}},
		{name: "list for a map", yaml: "labels: [a]\n", errs: []string{"labels: want a mapping of keys, got a list (line 1)"}},
		{name: "mapping for a string", yaml: "entries:\n  - id: {x: 1}\n", errs: []string{"entries[0].id: want a string, got a mapping (line 2)"}},
		{name: "several problems", yaml: "on: 3\nevery: x\n", errs: []string{`on: want true or false, got "3" (line 1)`, `every: want a duration such as 30s or 5m, got "x" (line 2)`}},
		{name: "root a list", yaml: "- a\n", errs: []string{"want a mapping of keys, got a list (line 1)"}},
		{name: "two documents", yaml: "on: true\n---\non: false\n", errs: []string{"the file holds more than one YAML document"}},
		{name: "empty", yaml: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got sample
			y := strictYAML{on: func(key string) {
				if key == "part" && got.Part == nil {
					got.Part = &samplePart{Mode: "default"}
				}
			}}
			problems := y.decode([]byte(tc.yaml), &got)
			if !reflect.DeepEqual(problems, tc.errs) {
				t.Fatalf("problems\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(tc.errs, "\n"))
			}
			if tc.errs == nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
