package quotes

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// The linear passes must give what the plain loops they replace give. Each test here
// compares one with a plain loop, written as the rule reads, on random input.

// naiveContainers is containers as the rule reads: for each quotation of three words or
// more, the longest quotation of the same speaker whose words hold its words in a row,
// the first of them when several are as long.
func naiveContainers(all []keyed) []int {
	into := make([]int, len(all))
	for i, k := range all {
		into[i] = -1
		if len(strings.Fields(k.words)) < 3 {
			continue
		}
		for j, o := range all {
			if j == i || o.speaker != k.speaker || len(o.words) <= len(k.words) {
				continue
			}
			if strings.Contains(" "+o.words+" ", " "+k.words+" ") && (into[i] < 0 || len(o.words) > len(all[into[i]].words)) {
				into[i] = j
			}
		}
	}
	return into
}

func TestContainers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"a", "b", "c", "bb", "ccc"}
	for round := range 300 {
		n := 1 + rng.IntN(30)
		all := make([]keyed, n)
		seen := map[string]bool{}
		for i := range all {
			for {
				w := make([]string, 1+rng.IntN(7))
				for j := range w {
					w[j] = vocab[rng.IntN(len(vocab))]
				}
				k := keyed{words: strings.Join(w, " "), speaker: []string{"", "Ruiz", "Berg"}[rng.IntN(3)]}
				// One speaker never has the same words twice: Extract merged them.
				if id := k.speaker + "|" + k.words; !seen[id] {
					seen[id] = true
					all[i] = k
					break
				}
			}
		}
		got, want := containers(all), naiveContainers(all)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("round %d: containers = %v, want %v for %+v", round, got, want, all)
		}
	}
}

func TestMatchContext(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"cease", "fire", "ceasefire", "fires", "the", "root", "causes", "ceasefires"}
	for _, term := range []string{"ceasefire", "cease fire", "root cause", "fire", "the root", "the root causes fire", "fire the cease fire"} {
		m, err := newMatcher(term)
		if err != nil {
			t.Fatal(err)
		}
		for round := range 200 {
			words := make([]string, 5+rng.IntN(40))
			for i := range words {
				words[i] = vocab[rng.IntN(len(vocab))]
			}
			x := &Index{words: [][]string{words}}
			qy := &query{m: m, x: x, in: InContext}
			for range 20 {
				r := Report{context: randomRange(rng, len(words))}
				if rng.IntN(2) == 0 {
					r.cueContext = randomRange(rng, len(words))
				}
				text := append(append([]string(nil), words[r.context.lo:r.context.hi]...), words[r.cueContext.lo:r.cueContext.hi]...)
				if got, want := qy.matchContext(&r), m.match(text); got != want {
					t.Fatalf("%q round %d: matchContext(%v, %v) = %v, want %v (words %q)", term, round, r.context, r.cueContext, got, want, words)
				}
			}
		}
	}
}

func randomRange(rng *rand.Rand, n int) wordRange {
	lo := rng.IntN(n + 1)
	return wordRange{int32(lo), int32(lo + rng.IntN(n-lo+1))}
}

// TestSeekers compares every seeker with the plain loop over the tokens it stands for,
// from every token, in texts of every shape.
func TestSeekers(t *testing.T) {
	texts := []string{
		"“We will rebuild, really, the bridge,” Mayor Ana Ruiz said on Monday; she also said: “Nobody will pay.”\n" +
			"When asked, Berg, who has since left, said that it “is late” but “fine”, although he added “no”.",
	}
	for _, sh := range adversarialShapes {
		texts = append(texts, sh.make(3<<10))
	}
	for ti, text := range texts {
		c := summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: text}})
		ds := newDocState(c.Docs[0], nil)
		if len(ds.toks) == 0 {
			continue
		}
		for id := range numSeekers {
			s := &seekers[id]
			// From the last token to the first for backward seekers, and the reverse, so
			// that the remembered answers are used as well as made.
			for n := range ds.toks {
				i := n
				if !s.back {
					i = len(ds.toks) - 1 - n
				}
				want := -1
				if s.back {
					for k := i; k >= 0; k-- {
						if s.pred(ds, k) {
							want = k
							break
						}
					}
				} else {
					for k := i; k < len(ds.toks); k++ {
						if s.pred(ds, k) {
							want = k
							break
						}
					}
				}
				if got := ds.seek(id, i); got != want {
					t.Fatalf("text %d, seeker %d from token %d: %d, want %d", ti, id, i, got, want)
				}
			}
		}
		for lo := 0; lo < len(ds.toks); lo += 7 {
			for hi := lo; hi <= len(ds.toks); hi += 5 {
				plain := 0
				for i := lo; i < hi; i++ {
					if ds.isWord(i) {
						plain++
					}
				}
				if got := ds.wordsBetween(lo, hi); got != plain {
					t.Fatalf("text %d: wordsBetween(%d, %d) = %d, want %d", ti, lo, hi, got, plain)
				}
			}
		}
	}
}
