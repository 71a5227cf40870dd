package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/bottest"

	"github.com/briefbot/briefbot/bot"
)

func TestWhoSaidSeedsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"who-said.golden", []string{"who-said", "ceasefire"}},
		{"who-said-context.golden", []string{"who-said", "--in", "context", "sanctions"}},
		{"who-said-markdown.golden", []string{"who-said", "--format", "markdown", "root causes"}},
		{"who-said-json.golden", []string{"who-said", "--format=json", "bloodbath"}},
		{"who-said-none.golden", []string{"who-said", "bananas"}},
		{"who-said-from.golden", []string{"who-said", "--from", "Zelenskyy"}},
		{"who-said-from-term.golden", []string{"who-said", "--from", "Putin", "peace"}},
		{"who-said-from-json.golden", []string{"who-said", "--format", "json", "--from", "the Ukrainian leader", "peace"}},
		{"who-said-from-none.golden", []string{"who-said", "--from", "Lagarde"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			bottest.Golden(t, tc.name, []byte(r.stdout))
		})
	}
}

// TestWhoSaidFromSeeds checks --from on the seeds: every spelling of a name, and the
// description an article gives, find the one speaker and nobody else, and a term narrows
// the list to quotations that hold it.
func TestWhoSaidFromSeeds(t *testing.T) {
	answer := func(args ...string) bot.WhoSaid {
		t.Helper()
		r := runMain(t, append([]string{"who-said", "--format", "json"}, args...)...)
		if r.code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, r.code, r.stderr)
		}
		var w bot.WhoSaid
		if err := json.Unmarshal([]byte(r.stdout), &w); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
		}
		return w
	}
	all := answer("--from", "Zelensky")
	if len(all.Speakers) != 1 || all.Speakers[0].Name != "Volodymyr Zelensky" || all.From != "Zelensky" || all.Term != "" {
		t.Fatalf("--from Zelensky: %+v", all)
	}
	for _, name := range []string{"Zelenskyy", "zelenskiy", "Volodymyr Zelensky", "President Zelensky"} {
		t.Run(name, func(t *testing.T) {
			w := answer("--from", name)
			if len(w.Speakers) != 1 || w.Speakers[0].Name != "Volodymyr Zelensky" || len(w.Speakers[0].Quotes) != len(all.Speakers[0].Quotes) {
				t.Errorf("--from %q: %+v, want the %d quotations of Volodymyr Zelensky", name, w.Speakers, len(all.Speakers[0].Quotes))
			}
		})
	}
	narrow := answer("--from", "Putin", "peace")
	if len(narrow.Speakers) != 1 || narrow.Speakers[0].Name != "Vladimir Putin" || len(narrow.Speakers[0].Quotes) == 0 {
		t.Fatalf("--from Putin peace: %+v", narrow)
	}
	for _, q := range narrow.Speakers[0].Quotes {
		if !strings.Contains(strings.ToLower(q.Text), "peace") {
			t.Errorf("%q does not mention peace", q.Text)
		}
	}
}

func TestWhoSaidFromUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"who-said"}, "missing TERM"},
		{[]string{"who-said", "--from", "?!"}, "bad --from NAME"},
		{[]string{"who-said", "--from", "Putin", "?!"}, "bad TERM"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want a usage error with %q", r.code, r.stderr, tc.want)
			}
		})
	}
}

// TestWhoSaidSeeds checks the promises of who-said on the seeds: the same words from
// several outlets are one quotation, spellings of a name are one speaker, speakers come
// in order of their number of quotations, and descriptions and pronouns find their
// people.
func TestWhoSaidSeeds(t *testing.T) {
	r := runMain(t, "who-said", "--format", "json", "--in", "context", "war")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got bot.WhoSaid
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	speakers := map[string]int{}
	prev := 1 << 30
	for _, s := range got.Speakers {
		if s.Name != bot.UnknownSpeaker {
			if len(s.Quotes) > prev {
				t.Errorf("%s has %d quotations, after a speaker with %d", s.Name, len(s.Quotes), prev)
			}
			prev = len(s.Quotes)
		}
		speakers[s.Name] = len(s.Quotes)
		for _, q := range s.Quotes {
			if len(q.Sources) == 0 || q.Sources[0].Outlet == "" || q.Sentence == "" {
				t.Errorf("quotation %q cites no outlet or sentence", q.Text)
			}
		}
	}
	for _, name := range []string{"Zelenskyy", "Zelenskiy", "Putin", "Vance"} {
		if _, ok := speakers[name]; ok {
			t.Errorf("speaker %q is not merged into a full name", name)
		}
	}
	for _, name := range []string{"Volodymyr Zelensky", "Vladimir Putin", "Donald Trump"} {
		if speakers[name] == 0 {
			t.Errorf("no quotation of %s about the war; speakers %v", name, speakers)
		}
	}
}

// TestQuotesJSON checks the lines of `briefbot quotes` against the contract of
// quote-eval: the file name, spans that read as the text, the speaker and the mention.
func TestQuotesJSON(t *testing.T) {
	r := runMain(t, "quotes", "../../seeds")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	texts := map[string]string{}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		n++
		var l quoteLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		text, ok := texts[l.Doc]
		if !ok {
			data, err := os.ReadFile(filepath.Join("../../seeds", l.Doc))
			if err != nil {
				t.Fatalf("line %d: doc %q: %v", n, l.Doc, err)
			}
			text = string(data)
			texts[l.Doc] = text
		}
		var parts []string
		for _, s := range l.Spans {
			if s[0] < 0 || s[1] > len(text) || s[0] >= s[1] {
				t.Fatalf("line %d: span %v out of the file", n, s)
			}
			parts = append(parts, text[s[0]:s[1]])
		}
		if alnum(strings.Join(parts, "")) != alnum(l.Text) {
			t.Errorf("line %d: text %q does not read as its spans %q", n, l.Text, parts)
		}
		if m := l.Mention; m != nil && text[m.Start:m.End] != m.Text {
			t.Errorf("line %d: mention %q is not at [%d, %d]", n, m.Text, m.Start, m.End)
		}
	}
	if n < 40 {
		t.Errorf("%d quotations in the seeds, want more than 40", n)
	}
}

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r > 0x7f && r != '“' && r != '”' && r != '’' && r != '‘' && r != '…' {
			return r
		}
		return -1
	}, s)
}

func TestWhoSaidUsageAndBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unbalanced := write("unbalanced.txt", "“This quotation never ends. The council met on Monday.\nThe mayor spoke later.\n“We will vote on the budget next week,” Mayor Ana Ruiz said.\n")
	marks := write("marks.txt", "“” \"\" ”“ «»\n")
	invalid := write("invalid.txt", "Caf\xe9 owner Ana Ruiz said prices \x93would rise by a tenth\x94 next month, and the budget \x93will not hold\x94.\n")
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "help", args: []string{"who-said", "--help"}, code: exitOK, stdout: "--in where"},
		{name: "quotes help", args: []string{"help", "quotes"}, code: exitOK, stdout: "quote-eval"},
		{name: "missing term", args: []string{"who-said"}, code: exitUsage, stderr: "missing TERM"},
		{name: "empty term", args: []string{"who-said", ""}, code: exitUsage, stderr: "bad TERM: the term holds no letter or digit"},
		{name: "punctuation term", args: []string{"who-said", "?!…"}, code: exitUsage, stderr: "bad TERM: the term holds no letter or digit"},
		{name: "long term", args: []string{"who-said", strings.Repeat("very ", 30)}, code: exitUsage, stderr: "bad TERM: the term is 150 characters long; the limit is 100"},
		{name: "bad in", args: []string{"who-said", "--in", "title", "war"}, code: exitUsage, stderr: `bad --in "title"`},
		{name: "bad format", args: []string{"who-said", "--format", "pdf", "war"}, code: exitUsage, stderr: `bad --format "pdf"`},
		{name: "missing path", args: []string{"who-said", "war", filepath.Join(dir, "nope")}, code: exitError, stderr: "no such file"},
		{name: "no match", args: []string{"who-said", "zebra"}, code: exitOK, stdout: "No one in the 5 articles is quoted saying “zebra”."},
		{name: "unbalanced marks", args: []string{"who-said", "budget", unbalanced}, code: exitOK, stdout: "Ana Ruiz (1)"},
		{name: "marks only", args: []string{"who-said", "budget", marks}, code: exitOK, stdout: "No one in the 1 article is quoted saying “budget”."},
		{name: "invalid UTF-8", args: []string{"who-said", "--in", "context", "budget", invalid}, code: exitOK, stdout: "will not hold"},
		{name: "50 MB file", args: []string{"quotes", big}, code: exitError, stderr: "too large: 50.0 MB"},
		{name: "quotes of a folder", args: []string{"quotes", dir}, code: exitOK, stdout: `"speaker":"Ana Ruiz"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout %q lacks %q", r.stdout, tc.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.stderr)
			}
			if tc.code == exitError {
				lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
				if last := lines[len(lines)-1]; !strings.HasPrefix(last, "briefbot "+tc.args[0]+": ") {
					t.Errorf("the error line %q does not name the command", last)
				}
			}
		})
	}
}
