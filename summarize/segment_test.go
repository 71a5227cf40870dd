package summarize

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// A segmentCase is one case of testdata/segment/*.json: an input text and the units
// Segment should cut it into.
type segmentCase struct {
	Name  string        `json:"name"`
	Input string        `json:"input"`
	Want  []segmentUnit `json:"want"`
	Note  string        `json:"note,omitempty"`
}

// A segmentUnit is a span as the test data gives it: its text and the name of its kind.
type segmentUnit struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

func (u segmentUnit) String() string { return fmt.Sprintf("%-8s %q", u.Kind, u.Text) }

// segmentFiles returns the names of the test data files of Segment.
func segmentFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "segment", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test data in testdata/segment")
	}
	return files
}

// readSegmentCases reads the cases of one test data file. It rejects unknown fields,
// unknown kinds, and cases without a name or with the name of an earlier case, so that a
// slip in the data shows up as a failure rather than as a test that checks nothing.
func readSegmentCases(t testing.TB, file string) []segmentCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var cases []segmentCase
	if err := dec.Decode(&cases); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	seen := make(map[string]bool)
	for i, tc := range cases {
		if tc.Name == "" || seen[tc.Name] {
			t.Fatalf("%s: case %d: missing or repeated name %q", file, i+1, tc.Name)
		}
		seen[tc.Name] = true
		for _, u := range tc.Want {
			if !slices.Contains([]string{"sentence", "line", "item"}, u.Kind) {
				t.Fatalf("%s: case %q: unknown kind %q", file, tc.Name, u.Kind)
			}
		}
	}
	return cases
}

func TestSegment(t *testing.T) {
	total := 0
	for _, file := range segmentFiles(t) {
		base := strings.TrimSuffix(filepath.Base(file), ".json")
		for _, tc := range readSegmentCases(t, file) {
			total++
			t.Run(base+"/"+tc.Name, func(t *testing.T) {
				spans := Segment(tc.Input)
				if err := checkSpans(tc.Input, spans); err != nil {
					t.Errorf("Segment(%q): %v", tc.Input, err)
				}
				got := segmentUnits(tc.Input, spans)
				want := tc.Want
				if want == nil {
					want = []segmentUnit{}
				}
				if !slices.Equal(got, want) {
					msg := fmt.Sprintf("Segment(%q): got %d units, want %d (- want, + got):\n%s",
						tc.Input, len(got), len(want), diffUnits(want, got))
					if tc.Note != "" {
						msg += "note: " + tc.Note + "\n"
					}
					t.Error(msg)
				}
			})
		}
	}
	t.Logf("%d cases", total)
}

// segmentUnits returns the text and kind of each span.
func segmentUnits(text string, spans []Span) []segmentUnit {
	out := make([]segmentUnit, 0, len(spans))
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
			out = append(out, segmentUnit{Text: fmt.Sprintf("<bad span %d:%d>", sp.Start, sp.End), Kind: sp.Kind.String()})
			continue
		}
		out = append(out, segmentUnit{Text: text[sp.Start:sp.End], Kind: sp.Kind.String()})
	}
	return out
}

// diffUnits lays out want and got one unit a line, marking with "-" the units only in
// want and with "+" those only in got, along a longest common subsequence.
func diffUnits(want, got []segmentUnit) string {
	// lcs[i][j] is the length of a longest common subsequence of want[i:] and got[j:].
	lcs := make([][]int, len(want)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(got)+1)
	}
	for i := len(want) - 1; i >= 0; i-- {
		for j := len(got) - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case i < len(want) && j < len(got) && want[i] == got[j]:
			fmt.Fprintf(&b, "    %v\n", want[i])
			i++
			j++
		case i < len(want) && (j == len(got) || lcs[i+1][j] >= lcs[i][j+1]):
			fmt.Fprintf(&b, "  - %v\n", want[i])
			i++
		default:
			fmt.Fprintf(&b, "  + %v\n", got[j])
			j++
		}
	}
	return b.String()
}

// isWhite reports whether r is white space as Segment trims it: Unicode white space, the
// zero-width space and the byte order mark.
func isWhite(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// listMarkerRE matches what Segment may leave out of its spans besides white space: the
// marker of a list item.
var listMarkerRE = regexp.MustCompile(`^(?:[-–—•*·▪◦●]|[0-9]{1,3}[.)])$`)

// checkSpans checks the invariants of Segment's result for text: each span lies within
// the text, is not empty and has no white space at either end; the spans are in order, do
// not overlap and have non-decreasing paragraph numbers from 0; their kinds are known;
// spans of valid UTF-8 text cut no character in two; and nothing but white space and list
// markers is left out of the spans.
func checkSpans(text string, spans []Span) error {
	valid := utf8.ValidString(text)
	prevEnd, prevPara := 0, 0
	for k, sp := range spans {
		switch {
		case sp.Start < 0 || sp.End > len(text):
			return fmt.Errorf("span %d [%d:%d] outside the text of %d bytes", k, sp.Start, sp.End, len(text))
		case sp.Start >= sp.End:
			return fmt.Errorf("span %d [%d:%d] is empty", k, sp.Start, sp.End)
		case sp.Start < prevEnd:
			return fmt.Errorf("span %d [%d:%d] starts before the end of the previous one, %d", k, sp.Start, sp.End, prevEnd)
		case sp.Para < prevPara:
			return fmt.Errorf("span %d has paragraph %d after paragraph %d", k, sp.Para, prevPara)
		case sp.Kind.String() == "unknown":
			return fmt.Errorf("span %d has unknown kind %d", k, sp.Kind)
		}
		s := text[sp.Start:sp.End]
		if r, _ := utf8.DecodeRuneInString(s); isWhite(r) {
			return fmt.Errorf("span %d %q starts with white space", k, s)
		}
		if r, _ := utf8.DecodeLastRuneInString(s); isWhite(r) {
			return fmt.Errorf("span %d %q ends with white space", k, s)
		}
		if valid && !utf8.ValidString(s) {
			return fmt.Errorf("span %d [%d:%d] cuts a character", k, sp.Start, sp.End)
		}
		if gap := strings.TrimFunc(text[prevEnd:sp.Start], isWhite); gap != "" && !listMarkerRE.MatchString(gap) {
			return fmt.Errorf("text %q before span %d is in no span", gap, k)
		}
		prevEnd, prevPara = sp.End, sp.Para
	}
	if len(spans) > 0 && spans[0].Para < 0 {
		return fmt.Errorf("negative paragraph %d", spans[0].Para)
	}
	if gap := strings.TrimFunc(text[prevEnd:], isWhite); gap != "" {
		return fmt.Errorf("text %q at the end is in no span", gap)
	}
	return nil
}

func TestSegmentParagraphs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []int // Para of each span
	}{
		{"paragraphs", "Storm Batters Coast\n\nThe storm hit. Power failed.\n\nSchools closed.", []int{0, 1, 1, 2}},
		{"blank lines count once", "One.\n\n\n\n\nTwo.", []int{0, 1}},
		{"each line a paragraph", "One.\nTwo.\nThree.", []int{0, 1, 2}},
		{"item of two sentences", "- One. Two.\n- Three.", []int{0, 0, 1}},
		{"joined lines", "The storm season in the north of the country has been unusually long\nand wet this year. Forecasters agree.\n\nNext.", []int{0, 0, 1}},
		{"hard-wrapped", "The city council voted on Tuesday to approve a new budget\nthat raises spending on roads and schools by a modest\namount. The mayor said she would sign it this week, and\nopponents said they would keep fighting the plan.\n\nThe vote was 7 to 2. Two members were absent from the\nmeeting, which ran for more than four hours and ended\nlate in the evening after a long public comment period.", []int{0, 0, 1, 1}},
		{"leading blank lines", "\n\n\nOne. Two.", []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Segment(tt.text)
			if err := checkSpans(tt.text, spans); err != nil {
				t.Fatalf("Segment(%q): %v", tt.text, err)
			}
			got := make([]int, len(spans))
			for i, sp := range spans {
				got[i] = sp.Para
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Segment(%q): paragraphs %v, want %v; units:\n%s", tt.text, got, tt.want,
					diffUnits(nil, segmentUnits(tt.text, spans)))
			}
		})
	}
}

// TestSegmentInvalidUTF8 covers what JSON cannot hold: text that is not UTF-8. Its bytes
// stay in the spans as they are.
func TestSegmentInvalidUTF8(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []segmentUnit
	}{
		{"bytes only", "\xff\xfe", []segmentUnit{{"\xff\xfe", "line"}}},
		{"byte before a period", "Hello\xff. World.", []segmentUnit{{"Hello\xff.", "sentence"}, {"World.", "sentence"}}},
		{"Latin-1 letter", "caf\xe9. Ok.", []segmentUnit{{"caf\xe9.", "sentence"}, {"Ok.", "sentence"}}},
		{"cut ellipsis", "He paused\xe2\x80 Then left.", []segmentUnit{{"He paused\xe2\x80 Then left.", "sentence"}}},
		{"cut curly quotation mark", "\xe2\x80He left. She stayed.\xe2", []segmentUnit{{"\xe2\x80He left.", "sentence"}, {"She stayed.\xe2", "line"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Segment(tt.text)
			if err := checkSpans(tt.text, spans); err != nil {
				t.Errorf("Segment(%q): %v", tt.text, err)
			}
			if got := segmentUnits(tt.text, spans); !slices.Equal(got, tt.want) {
				t.Errorf("Segment(%q) (- want, + got):\n%s", tt.text, diffUnits(tt.want, got))
			}
		})
	}
}

func FuzzSegment(f *testing.F) {
	for _, file := range segmentFiles(f) {
		for _, tc := range readSegmentCases(f, file) {
			f.Add(tc.Input)
		}
	}
	for _, s := range []string{
		"", " ", "   ", "\n", "\n\n\n", "\r\n\r\n", "\t", "\u00a0", "\u200b\ufeff",
		"\xff\xfe", "\xe2\x80", "\xe2\x80\xa6", "\xe2\x80\x9c", ".\xff.", "\x00",
		"“", "”", "\"", "``", "''", "‘", "’", "(", ")", "“”", "\"\"", "``''",
		strings.Repeat(".", 500), strings.Repeat(". ", 200), strings.Repeat("…", 100),
		strings.Repeat("“A.” ", 100), strings.Repeat("\"", 200), strings.Repeat("A. ", 200),
		"a.b.c.d", "a. b. c. d.", "A. B. C.", "U.S.", "U.S. ", " . ", ". . .", "....", "?!?!",
		"- ", "-", "1. ", "1.", "12) x", "• \n• ", "-\n-\n-",
		"Mr.", "Mr. ", "No.", "no. 5", "a.m. Monday", "“Why?” ", "“Why?” Trump", "?” —", "? —",
		"x.\u00a0Y", "x.\u2028Y", "x.\tY", "x.\r\nY", "x.\n\nY",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		spans := Segment(text)
		if err := checkSpans(text, spans); err != nil {
			t.Fatalf("Segment(%q): %v", text, err)
		}
		if again := Segment(text); !slices.Equal(again, spans) {
			t.Fatalf("Segment(%q) gave %v, then %v", text, spans, again)
		}
	})
}

// benchmarkText returns about n bytes of news-like text: paragraphs with titles,
// abbreviations, numbers, quotations and a list, so that every path of Segment runs.
func benchmarkText(n int) string {
	names := []string{"Harlow", "Okafor", "Lindqvist", "Brandt", "Ostrova", "Diallo"}
	months := []string{"Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov."}
	var b strings.Builder
	b.WriteString("Council Approves Budget After Long Debate\n\n")
	for i := 0; b.Len() < n; i++ {
		name, month := names[i%len(names)], months[i%len(months)]
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "PORTVALE (Reuters) — Sen. %s said on %s %d that the U.S. plan would cost $%d.%d billion. ", name, month, i%28+1, i%9+1, i%10)
			fmt.Fprintf(&b, "“It is too much. We cannot pay it,” %s said. Officials met at %d p.m. Tuesday to discuss it.\n\n", name, i%11+1)
		case 1:
			fmt.Fprintf(&b, "Shares of Norwind Inc. rose %d.%d%% after the report... Analysts at Halvard Corp. were cautious. ", i%7, i%10)
			fmt.Fprintf(&b, "“Why now?” Gov. %s asked. Nobody answered (not even Dr. %s).\n\n", name, names[(i+1)%len(names)])
		case 2:
			b.WriteString("The council will meet again next week to review\nthe figures, and members said they expect a long\nsession before any vote takes place.\n\n")
		case 3:
			fmt.Fprintf(&b, "Key points:\n- The vote was %d to %d.\n- Schools get more money\n1. Roads come first.\n\n", i%9+1, i%5)
		}
	}
	return b.String()
}

func BenchmarkSegment(b *testing.B) {
	text := benchmarkText(8 << 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Segment(text)
	}
}
