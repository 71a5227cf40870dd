package quotes_test

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// TestSeedGold scores the seeds against testdata/seeds-gold.tsv, our own annotation of
// their quotations, the way `quote-eval seeds` does: every gold fragment must lie in a
// quotation of its article, and every quotation holding it must name the gold speaker.
func TestSeedGold(t *testing.T) {
	articles, _, err := summarize.ReadFS(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	c := summarize.NewCorpus(articles)
	x := quotes.Extract(c)
	f, err := os.Open("testdata/seeds-gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, found, right := 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 5 {
			t.Fatalf("bad gold line %q", line)
		}
		prefix, speaker, fragment := fields[0], regexp.MustCompile("(?i)"+fields[2]), words(fields[4])
		rows++
		var speakers []string
		for _, q := range x.Quotations() {
			for _, r := range q.Reports {
				if strings.HasPrefix(c.Docs[r.Doc].ID, prefix) && strings.Contains(" "+words(r.Text)+" ", " "+fragment+" ") {
					speakers = append(speakers, q.Speaker)
				}
			}
		}
		if len(speakers) == 0 {
			t.Errorf("%s: no quotation holds %q", prefix, fields[4])
			continue
		}
		found++
		ok := true
		for _, s := range speakers {
			ok = ok && speaker.MatchString(s)
		}
		if !ok {
			t.Logf("%s: %q is attributed to %q, want %s", prefix, fields[4], speakers, fields[1])
			continue
		}
		right++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// All found; a speaker may go wrong when the rules change for the better elsewhere,
	// but no more than one in twenty.
	if found < rows || right*20 < rows*19 {
		t.Errorf("found %d of %d gold quotations, %d with the right speaker", found, rows, right)
	}
}

// words returns the words of s, folded and joined by spaces.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(strings.NewReplacer("’", "'").Replace(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}), " ")
}
