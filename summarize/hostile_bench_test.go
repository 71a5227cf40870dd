package summarize

import (
	"fmt"
	"strings"
	"testing"
)

// hostileTexts are about 1 MB each of text shaped against the passes over text of the
// truth work: glued-looking words, copyright lines, attributions, parentheses and
// pronouns, quotations and figures, a run without spaces.
func hostileTexts() map[string]string {
	const size = 1 << 20
	fill := func(unit func(i int) string) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			b.WriteString(unit(i))
		}
		return b.String()
	}
	return map[string]string{
		"glued":     fill(func(i int) string { return fmt.Sprintf("thequx%d hehadzz%c agrowingly%c. ", i, 'a'+i%26, 'a'+i%7) }),
		"copyright": fill(func(int) string { return "Copyright 2016 copyright © " }),
		"attributions": fill(func(i int) string {
			return fmt.Sprintf("The bridge (over the river), officials said, will close on Monday, police said, after %d votes, according to the ministry. ", i)
		}),
		"pronouns": fill(func(i int) string {
			return fmt.Sprintf("He said “we lost %d soldiers,” he said, and she added that they had not. ", i)
		}),
		"one run":     strings.Repeat("a", size),
		"title lines": fill(func(i int) string { return fmt.Sprintf("Story highlights share tweet %d\n", i) }),
	}
}

// BenchmarkHostileText measures the analysis and a summary of hostile texts: the cost
// must stay linear, MB/s of the same order for every shape.
func BenchmarkHostileText(b *testing.B) {
	for name, text := range hostileTexts() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				c := NewCorpus([]Article{{ID: "a", Text: text}, {ID: "b", Text: text[:len(text)/2]}})
				_, _ = c.Summarize(Options{Words: 120, Sentences: 6})
			}
		})
	}
}
