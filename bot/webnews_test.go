//go:build fit

// This file measures briefings of web news as it comes, on third-party data that stays
// outside the repository (docs/quality.md, "Truth to the outlets"). Run it with
//
//	go test -tags fit -run TestWebNews -count=1 -v ./bot -shared ../shared
//
// For every Multi-News validation story it writes the articles to a folder as files
// without a manifest (a01.txt, a02.txt, …), reads them as `briefbot brief DIR` would,
// and counts the briefings whose headline is not a story headline, that cite something
// that is no outlet or title, and that hold web furniture; over Multi-News and the DUC
// 2004 dev topics it counts the items that open with a pronoun or a bare reference
// whose referent is not the item before, and the items that restate an earlier one.
// The briefings themselves go to the file named by -webnews-out, for reading.

package bot_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

var (
	sharedDir  = flag.String("shared", "../../shared", "the folder that holds data/multi-news-validation and data/duc2004-dev")
	webnewsOut = flag.String("webnews-out", "/tmp/briefbot-webnews.txt", "where to write the briefings")
)

// furnitureRE matches what is web furniture, not news, wherever it shows in a briefing:
// photo credits and captions, embed text, story furniture, datelines, scripts and links.
var furnitureRE = regexp.MustCompile(`(?i)^credit\b|\bphoto credit\b|credit:|image copyright|image caption|tweet with a location|your tweets|story highlights|` +
	`^file\b|\bfile [–—-] in this\b|^\(cnn\)|\((ap|cnn|reuters)\) ?[—–-]|window\._|https?://|www\.|getty images|\bap photo\b|` +
	`©|^copyright\b|all rights reserved|follow us|sign up|subscribe|click here|^advertisement|read more|share this|` +
	`pic\.twitter|story continued below|^share\b|\bemail\b.*\b(facebook|twitter)\b|\(photo|photo:|^photo\b|picture:|` +
	`you can (add|turn off) location|learn more|we and our partners|cookie|media playback|media caption|^warning:|you must enter|` +
	`\bcrawl\b|wayback machine|staff photo|^close\b|\([^()]*/[^()]*\)\s*$|^related\b|^watch\b|^updated\b|\bis updated\b|has been updated|` +
	`sign in|top stories|^:`)

// headlineJunkRE matches what is no headline though it may sit where one does.
var headlineJunkRE = regexp.MustCompile(`(?i)^by \p{Lu}|\bago$|^features$|^more\b|^video\b|^getty\b|,$|^to our\b`)

// dateLineRE matches a headline that is only a date or a time.
var dateLineRE = regexp.MustCompile(`(?i)^((updated|posted|published)\b.*|(mon|tue|wed|thu|fri|sat|sun)\w*,? .*\d{4}.*|` +
	`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}.*|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}.*|\d{1,2}:\d{2}.*)$`)

var fileNameRE = regexp.MustCompile(`^[a-z]\d+\.txt$|\.txt$|^\d+$`)

// headlineProblem says why a briefing's headline is no story headline, or "".
func headlineProblem(h string) string {
	switch {
	case strings.HasPrefix(h, "Briefing of "):
		return "generic"
	case furnitureRE.MatchString(h), headlineJunkRE.MatchString(h):
		return "furniture"
	case dateLineRE.MatchString(strings.TrimSpace(h)):
		return "date"
	case fileNameRE.MatchString(h):
		return "file name"
	case len(strings.Fields(h)) < 3:
		return "too short"
	}
	return ""
}

// citationProblem says why a cited name is no outlet or title, or "".
func citationProblem(name string) string {
	switch {
	case fileNameRE.MatchString(name):
		return "file name"
	case furnitureRE.MatchString(name):
		return "furniture"
	case dateLineRE.MatchString(name):
		return "date"
	case len(strings.Fields(name)) > 25:
		return "not a title"
	}
	return ""
}

// danglingRE matches an item that opens with a pronoun or a bare reference.
var danglingRE = regexp.MustCompile(`^((He|She|They|His|Her|Their|Them|Its)\b|It (said|added|says|also)\b|` +
	`(This|That|These|Those|Such)\b|` +
	`The (move|decision|announcement|remarks|comments|statement|step|development|measure|incident|latter|former)\b)`)

// timeAfterDemonstrative matches "This week", which refers to nothing.
var timeAfterDemonstrative = regexp.MustCompile(`^(This|That|These|Those) (week|year|month|morning|afternoon|evening|night|weekend|time|spring|summer|fall|winter)\b`)

// unattributedQuoteRE matches an item that is a quotation with nothing after it, or with
// a pronoun for its speaker.
var unattributedQuoteRE = regexp.MustCompile(`^[“"][^”"]*[”"]\s*$|^[“"][^”"]*[,.?!]?[”"],? (he|she|they) (said|added|says|told|wrote)\b`)

// dangling reports whether an item needs a referent it does not have.
func dangling(text string) bool {
	text = strings.TrimSpace(text)
	if timeAfterDemonstrative.MatchString(text) {
		return false
	}
	return danglingRE.MatchString(text) || unattributedQuoteRE.MatchString(text)
}

// contentWords returns the lower-cased words of s of four letters or more, cut to their
// first six letters, the names among them marked.
func contentWords(s string) (map[string]bool, map[string]bool) {
	words, names := map[string]bool{}, map[string]bool{}
	for i, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w := strings.ToLower(f)
		if len([]rune(w)) < 4 && !unicode.IsDigit([]rune(w)[0]) {
			continue
		}
		if len(w) > 6 {
			w = w[:6]
		}
		words[w] = true
		if i > 0 && (unicode.IsUpper([]rune(f)[0]) || unicode.IsDigit([]rune(f)[0])) {
			names[w] = true
		}
	}
	return words, names
}

// restates reports whether item b says again what item a said: most of its words are
// a's (cosine of 0.5 or more), or its names and figures are all a's and it shares a
// third of its words with a.
func restates(a, b string) bool {
	wa, _ := contentWords(a)
	wb, nb := contentWords(b)
	shared := 0
	for w := range wb {
		if wa[w] {
			shared++
		}
	}
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	cos := float64(shared) / math.Sqrt(float64(len(wa)*len(wb)))
	if cos >= 0.5 {
		return true
	}
	for n := range nb {
		if !wa[n] {
			return false
		}
	}
	return len(nb) > 0 && cos >= 0.33
}

// webCounts are the counts of a set of briefings.
type webCounts struct {
	briefings, items                                            int
	realHeadline, badCitation, badItem, danglingItems, restated int
	problems                                                    map[string]int
}

func (w *webCounts) add(b *bot.Briefing, s *summarize.Summary, out *strings.Builder) {
	w.briefings++
	if w.problems == nil {
		w.problems = map[string]int{}
	}
	hp := headlineProblem(b.Headline)
	if hp == "" {
		w.realHeadline++
	} else {
		w.problems["headline: "+hp]++
	}
	fmt.Fprintf(out, "HEADLINE [%s] %s\n", hp, b.Headline)
	badCite, badItem := false, false
	var prev []string
	for i, it := range b.Items() {
		w.items++
		for _, s := range it.Sources {
			if p := citationProblem(s.Outlet); p != "" {
				badCite = true
				w.problems["citation: "+p]++
			}
		}
		flags := ""
		if furnitureRE.MatchString(it.Text) {
			badItem = true
			flags += " FURNITURE"
		}
		// An item may point back at the item before when that is the sentence before
		// it in its article.
		follows := i > 0 && len(s.Sentences) == len(b.Items()) && s.Sentences[i-1].Doc == s.Sentences[i].Doc &&
			s.Sentences[i-1].Sentence == s.Sentences[i].Sentence-1
		if dangling(it.Text) && !follows {
			w.danglingItems++
			flags += " DANGLING"
		}
		for _, p := range prev {
			if restates(p, it.Text) {
				w.restated++
				flags += " RESTATES"
				break
			}
		}
		prev = append(prev, it.Text)
		fmt.Fprintf(out, "  •%s %s — %s\n", flags, it.Text, it.Outlets())
	}
	if badCite {
		w.badCitation++
	}
	if badItem {
		w.badItem++
	}
}

func (w *webCounts) String() string {
	var keys []string
	for k := range w.problems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d briefings, %d items: real headline %d, a citation that is no outlet or title %d, an item with web furniture %d; items dangling %d, restating %d\n",
		w.briefings, w.items, w.realHeadline, w.badCitation, w.badItem, w.danglingItems, w.restated)
	for _, k := range keys {
		fmt.Fprintf(&sb, "  %s: %d\n", k, w.problems[k])
	}
	return sb.String()
}

// briefDir briefs the articles of dir as `briefbot brief DIR` does.
func briefDir(t *testing.T, dir string) (*bot.Briefing, *summarize.Summary) {
	t.Helper()
	articles, _, err := summarize.ReadFS(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	snap, err := bot.NewSnapshot(ctx, articles)
	if err != nil {
		t.Fatal(err)
	}
	opt := summarize.Options{Words: 120, Sentences: 6}
	b, err := snap.Briefing(ctx, opt)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	s, err := snap.Summary(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	return b, s
}

func TestWebNews(t *testing.T) {
	f, err := os.Open(filepath.Join(*sharedDir, "data/multi-news-validation/validation.jsonl"))
	if err != nil {
		t.Fatalf("this needs the Multi-News sample: %v", err)
	}
	defer f.Close()
	var out strings.Builder
	var mn webCounts
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 0; sc.Scan(); n++ {
		var raw struct {
			Documents []string `json:"documents"`
		}
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), fmt.Sprint(n))
		os.MkdirAll(dir, 0o755)
		for i, d := range raw.Documents {
			var lines []string
			for _, l := range strings.Split(d, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%02d.txt", i+1)), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
		}
		fmt.Fprintf(&out, "== multi-news %d\n", n)
		b, s := briefDir(t, dir)
		mn.add(b, s, &out)
	}
	var duc webCounts
	topics, _ := filepath.Glob(filepath.Join(*sharedDir, "data/duc2004-dev/docs-raw/d*"))
	for _, dir := range topics {
		fmt.Fprintf(&out, "== duc %s\n", filepath.Base(dir))
		b, s := briefDir(t, dir)
		duc.add(b, s, &out)
	}
	if err := os.WriteFile(*webnewsOut, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("Multi-News validation, as files without a manifest:\n%s\nDUC 2004 dev, docs-raw:\n%s", &mn, &duc)
}
