package quotes

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// An adversarialShape makes an article of about n bytes of one shape that hostile or
// broken input takes. The benchmarks and the scaling test run every shape at several
// sizes; the fuzz corpus holds a small one of each.
type adversarialShape struct {
	name string
	make func(n int) string
}

// adversarialShapes are the shapes: each stresses a pass that once looked at a whole
// sentence, paragraph or document once per quotation or per mark.
var adversarialShapes = []adversarialShape{
	{"one-sentence", oneSentence},
	{"unbalanced-marks", unbalancedMarks},
	{"unbalanced-paragraphs", unbalancedParagraphs},
	{"huge-paragraph", hugeParagraph},
	{"tiny-quotes", tinyQuotes},
	{"same-names", sameNames},
	{"shared-words", sharedWords},
	{"transcript", transcript},
	{"article", scaledArticle},
}

// repeatTo writes piece(i) for i = 0, 1, … until the text has n bytes.
func repeatTo(n int, piece func(i int) string) string {
	var b strings.Builder
	b.Grow(n + 256)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(piece(i))
	}
	return b.String()
}

// oneSentence is thousands of attributed quotations in one sentence with no sentence
// punctuation: every attribution pattern, and pronouns and descriptions to resolve.
func oneSentence(n int) string {
	forms := []string{
		"Ana Ruiz said “the bridge will open in spring number %d” and ",
		"he told reporters “we have the money for round %d” while ",
		"the mayor added “nobody will pay more in year %d” and ",
		"“the council voted %d times,” said Sen. Tom Berg and ",
		"according to Berg “the plan number %d is late” but ",
		"she called it “a %d-point disgrace” and ",
		"“no” “yes” “maybe %d” ",
	}
	return "Officials spoke on Monday " + repeatTo(n, func(i int) string {
		return fmt.Sprintf(forms[i%len(forms)], i)
	})
}

// unbalancedMarks is one paragraph of opening marks that never close, of every kind,
// with stray closing marks between them.
func unbalancedMarks(n int) string {
	marks := []string{"“", "\"", "«", "``", "„", "“", "” ", "''"}
	return repeatTo(n, func(i int) string {
		return fmt.Sprintf("%sword%d ", marks[i%len(marks)], i%97)
	})
}

// unbalancedParagraphs opens a quotation in every paragraph and never closes one: each
// quotation continues into the next paragraph, so the whole article is one quotation.
func unbalancedParagraphs(n int) string {
	return "Bridge news\n" + repeatTo(n, func(i int) string {
		return fmt.Sprintf("“We will rebuild part %d. Nobody said so.\n", i)
	})
}

// normalParagraphs are paragraphs of news, with the common attributions; %d varies the
// words so that quotations do not all merge.
var normalParagraphs = []string{
	"“We will rebuild the bridge before winter number %d,” Mayor Ana Ruiz said on Monday. The council met for an hour.",
	"Ruiz, a former engineer, said the repairs would cost %d million dollars. “Nobody will pay more,” she added.",
	"Council member Tom Berg disagreed. “This plan is late and it is expensive, again for the %d time,” he told reporters.",
	"According to Berg, the contractor “has not delivered once in %d years.”",
	"The city’s spokesman said in a statement that “the schedule %d is realistic.”",
	"Residents packed the hall. “I just want to cross the river without a detour %d,” said Lena Holm, a teacher.",
	"Asked about the cost, the mayor described it as “a fair price for %d families.”",
	"PENCE: Well, look, “we have a plan %d,” and the people will see it.",
}

// scaledArticle is a normal article made as long as asked.
func scaledArticle(n int) string {
	return repeatTo(n, func(i int) string {
		return fmt.Sprintf(normalParagraphs[i%len(normalParagraphs)], i) + "\n"
	})
}

// hugeParagraph is normal news run together into one paragraph.
func hugeParagraph(n int) string {
	return repeatTo(n, func(i int) string {
		return fmt.Sprintf(normalParagraphs[i%len(normalParagraphs)], i) + " "
	})
}

// tinyQuotes is many tiny attributed quotations, each its own sentence, in a few long
// paragraphs.
func tinyQuotes(n int) string {
	return repeatTo(n, func(i int) string {
		s := fmt.Sprintf("“No %d,” she said. “Yes,” he said. ", i)
		if i%500 == 499 {
			s += "\n"
		}
		return s
	})
}

// sameNames names thousands of people who share a surname and a title, and quotes them
// by name, by first name, by pronoun and by description.
func sameNames(n int) string {
	return repeatTo(n, func(i int) string {
		first := letterName(i)
		return fmt.Sprintf("President %s Smith spoke. “We agree on item %d,” Smith said. "+
			"“We do not,” the president said. “Maybe,” he said. %s said “it is %d.”\n", first, i, first, i)
	})
}

// letterName returns a capitalised name made of syllables, different for every i and
// in the letters that names are compared by.
func letterName(i int) string {
	syl := []string{"ba", "ko", "ri", "tu", "me", "sa", "lo", "ni", "pe", "du"}
	name := "Jo"
	for ; i > 0; i /= len(syl) {
		name += syl[i%len(syl)]
	}
	return name
}

// sharedWords is quotations that share their first words, and quotations that repeat
// inside longer ones: what the merge of quotations compares.
func sharedWords(n int) string {
	return repeatTo(n, func(i int) string {
		return fmt.Sprintf("“the bridge will open %s %d,” Ruiz said. ", strings.Repeat("soon ", i%40), i)
	})
}

// transcript is one transcript paragraph: a speaker's name and a colon, then sentence
// after sentence of quotations that the name attributes.
func transcript(n int) string {
	return "PENCE: Well, look, this is a long answer. " + repeatTo(n, func(i int) string {
		return fmt.Sprintf("And then “part %d of it” came. Others said “no %d.” ", i, i)
	})
}

// adversarialSizes are the sizes of the benchmarks: cost per MB that stays flat from
// 100 KB to 4 MB (the largest file ReadFS takes) is linear.
var adversarialSizes = []struct {
	name  string
	bytes int
}{{"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}, {"4MB", 4 << 20}}

// BenchmarkAdversarial measures Extract on one article of each adversarial shape and
// size, the corpus built outside the timer, and reports time and memory per MB of text
// (ns/MB, B/MB) besides the usual per-operation figures.
//
//	go test -run '^$' -bench BenchmarkAdversarial -benchmem ./summarize/quotes
func BenchmarkAdversarial(b *testing.B) {
	for _, sh := range adversarialShapes {
		for _, sz := range adversarialSizes {
			b.Run(sh.name+"/"+sz.name, func(b *testing.B) {
				text := sh.make(sz.bytes)
				c := summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: text}})
				perMB(b, len(text), func() { Extract(c) })
			})
		}
	}
}

// BenchmarkAdversarialWhoSaid measures one WhoSaid with InContext on the index of one
// article of each adversarial shape and size, per MB of text, for a term that no article
// holds: the worst case, as every quotation and every sentence around one is read. It
// reads each word of those sentences once, however many quotations share them.
//
//	go test -run '^$' -bench BenchmarkAdversarialWhoSaid -benchmem ./summarize/quotes
func BenchmarkAdversarialWhoSaid(b *testing.B) {
	for _, sh := range adversarialShapes {
		for _, sz := range adversarialSizes {
			b.Run(sh.name+"/"+sz.name, func(b *testing.B) {
				text := sh.make(sz.bytes)
				x := Extract(summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: text}}))
				perMB(b, len(text), func() {
					if _, err := x.WhoSaid("ceasefire", Options{In: InContext}); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

// perMB runs f b.N times and reports its time and allocated bytes per MB of input.
func perMB(b *testing.B, n int, f func()) {
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		f()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	mb := float64(n) / 1e6
	ops := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/ops/mb, "ns/MB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/ops/mb, "B/MB")
}

// TestExtractMemoryLinear checks that Extract allocates in proportion to its input on
// every adversarial shape: the bytes allocated per byte of text at 128 KB may not exceed
// twice those at 32 KB (a pass that is quadratic in the text makes them four times as
// many). It counts allocations, not time, so a loaded machine cannot fail it; the time
// per MB is measured by BenchmarkAdversarial.
func TestExtractMemoryLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates tens of MB")
	}
	for _, sh := range adversarialShapes {
		t.Run(sh.name, func(t *testing.T) {
			small, large := allocPerByte(sh.make(32<<10)), allocPerByte(sh.make(128<<10))
			if large > 2*small {
				t.Errorf("%.0f bytes allocated per byte of a 128 KB text, %.0f per byte of a 32 KB one: not linear", large, small)
			}
		})
	}
}

// allocPerByte returns the bytes that Extract allocates per byte of text, the corpus
// built beforehand.
func allocPerByte(text string) float64 {
	c := summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: text}})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Extract(c)
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(len(text))
}
