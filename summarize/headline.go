package summarize

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// headline returns the title that best names the summary: among the titled articles of
// the newest day (the latest state of the story), the one whose words and word pairs weigh most per content word, with a
// preference for the articles the summary cites.
func (c *Corpus) headline(picks []Pick, w *weights) (int, string) {
	var newest time.Time
	for d, title := range c.titles {
		if t := c.Docs[d].Published; len(title) > 0 && t.After(newest) {
			newest = t
		}
	}
	cited := make(map[int]bool)
	for i := range picks {
		for _, d := range picks[i].Docs() {
			cited[d] = true
		}
	}
	best, bestScore := -1, 0.0
	seen := make(map[int32]bool)
	for d, title := range c.titles {
		if len(title) == 0 || c.Docs[d].Published.Before(newest.Truncate(24*time.Hour)) {
			continue
		}
		score := 0.0
		clear(seen)
		content := 0
		for _, t := range title {
			if !c.vocab.stop[t] {
				content++
			}
		}
		c.forTermConcepts(title, func(key uint64) {
			if id, ok := w.id(key); ok && !seen[id] {
				seen[id] = true
				score += w.weight[id]
			}
		})
		if content == 0 {
			continue
		}
		score /= math.Sqrt(float64(content))
		if cited[d] {
			score *= 1.5
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	if best < 0 {
		return c.sentenceHeadline(picks)
	}
	return best, cleanText(c.Docs[best].Title)
}

// headlineWords bounds a sentence that serves as the headline of a summary whose
// articles have no title.
const headlineWords = 20

// sentenceHeadline returns a short central sentence as the headline of a summary whose
// articles have no title: of the picks of at most headlineWords words, the one the
// algorithm valued most, without its final period; else the most valued pick, cut. It
// returns the pick's document, or -1 and "" when there is no pick.
func (c *Corpus) sentenceHeadline(picks []Pick) (int, string) {
	best, short := -1, -1
	for i := range picks {
		p := &picks[i]
		if c.units[int(c.first[p.Doc])+p.Sentence].need != needNothing || startsQuote(p.Text) {
			continue // a headline names its subject and is no one's words
		}
		if best < 0 || p.Score > picks[best].Score {
			best = i
		}
		if wordCount(p.Text) <= headlineWords && (short < 0 || p.Score > picks[short].Score) {
			short = i
		}
	}
	switch {
	case short >= 0:
		return picks[short].Doc, strings.TrimSuffix(picks[short].Text, ".")
	case best >= 0:
		fields := strings.Fields(picks[best].Text)
		return picks[best].Doc, strings.Join(fields[:headlineWords], " ") + "…"
	case len(picks) > 0:
		return picks[0].Doc, shortSource(picks[0].Text)
	}
	return -1, ""
}

// startsQuote reports whether s opens with a quotation mark.
func startsQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '“' || r == '"' || r == '‘' || r == '\''
}
