package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// twoOutlets returns a corpus of two reports of one event by different outlets, which
// share their first sentence, and the summary of it.
func twoOutlets(t *testing.T) (*summarize.Corpus, *summarize.Summary) {
	t.Helper()
	lead := "The city council approved a new budget for schools and roads on Monday night."
	articles := []summarize.Article{
		{ID: "a", Outlet: "Daily *Star*", Title: "Council passes budget", URL: "https://example.com/a?x=<1>",
			Published: time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC),
			Text:      lead + " The vote was seven to two after a long debate about bus routes.\n"},
		{ID: "b", Outlet: "Evening Post", Title: "Budget approved",
			Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC),
			Text:      lead + " Critics said the plan did little for parks and libraries.\n"},
	}
	c := summarize.NewCorpus(articles)
	s, err := c.Summarize(summarize.Options{Words: 60})
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func TestNewBriefingCitesEveryOutlet(t *testing.T) {
	b := bot.NewBriefing(twoOutlets(t))
	if b.Articles != 2 || len(b.Outlets) != 2 {
		t.Fatalf("articles %d, outlets %v", b.Articles, b.Outlets)
	}
	var shared *bot.Item
	for i := range b.Items() {
		if strings.HasPrefix(b.Items()[i].Text, "The city council approved") {
			shared = &b.Items()[i]
		}
	}
	if shared == nil {
		t.Fatalf("the shared lead is not in the briefing: %+v", b.Items())
	}
	if got := shared.Outlets(); got != "Daily *Star*, Evening Post" && got != "Evening Post, Daily *Star*" {
		t.Errorf("the shared sentence cites %q, want both outlets", got)
	}
	if got, want := b.Dates(), "19–20 May 2025"; got != want {
		t.Errorf("Dates() = %q, want %q", got, want)
	}
}

func TestWriteMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := bot.NewBriefing(twoOutlets(t)).WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, bad := range []string{"*Star*", "<1>"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown holds unescaped %q:\n%s", bad, md)
		}
	}
	if !strings.Contains(md, `Daily \*Star\*`) || !strings.Contains(md, "(<https://example.com/a?x=%3C1%3E>)") {
		t.Errorf("markdown lacks the escaped outlet or its link:\n%s", md)
	}
}

func TestWriteJSONRoundTrip(t *testing.T) {
	b := bot.NewBriefing(twoOutlets(t))
	var buf bytes.Buffer
	if err := b.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back bot.Briefing
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Headline != b.Headline || len(back.Items()) != len(b.Items()) || !back.From.Equal(b.From) {
		t.Errorf("round trip changed the briefing:\n%+v\n%+v", back, b)
	}
}

func TestDates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		from, to time.Time
		want     string
	}{
		{time.Time{}, time.Time{}, ""},
		{day(2025, 5, 19), day(2025, 5, 19), "19 May 2025"},
		{day(2025, 5, 19), day(2025, 5, 20), "19–20 May 2025"},
		{day(2025, 4, 30), day(2025, 5, 2), "30 April – 2 May 2025"},
		{day(2024, 12, 31), day(2025, 1, 1), "31 December 2024 – 1 January 2025"},
	} {
		b := bot.Briefing{From: tc.from, To: tc.to}
		if got := b.Dates(); got != tc.want {
			t.Errorf("Dates(%v, %v) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestFilesSource(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":   {Data: []byte("A sentence that is long enough to count as news today.\n")},
		"b.txt":   {Data: []byte("")},
		"pic.txt": {Data: []byte{0, 1, 2, 3}},
		"main.go": {Data: []byte("// Package main is no article.\npackage main\n")},
	}
	var logs bytes.Buffer
	src := &bot.Files{Name: "test", FS: fsys, Logger: newTextLogger(&logs)}
	articles, err := src.Articles(context.Background(), bot.All)
	if err != nil || len(articles) != 1 {
		t.Fatalf("got %d articles, %v; want 1", len(articles), err)
	}
	for _, want := range []string{"file=test/b.txt", `reason="empty file"`, "file=test/pic.txt", `reason="binary file"`,
		"file=test/main.go", `reason="not an article: *.go is not *.txt, *.text, numeric or extensionless"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
	empty := &bot.Files{Name: "nothing", FS: fstest.MapFS{"x.txt": {Data: []byte(" ")}}, Logger: newTextLogger(&logs)}
	if _, err := empty.Articles(context.Background(), bot.All); !errors.Is(err, bot.ErrNoArticles) {
		t.Errorf("a source of empty files returned %v, want ErrNoArticles", err)
	}
	if got := bot.UserMessage(fmt.Errorf("reading: %w", bot.ErrNoArticles)); !strings.Contains(got, "no articles") {
		t.Errorf("UserMessage(ErrNoArticles) = %q", got)
	}
}

func ExampleBriefing_WriteText() {
	articles := []summarize.Article{{
		ID:     "council.txt",
		Outlet: "Daily Star",
		Title:  "Council passes budget",
		Text: "Council passes budget\n" +
			"The city council approved a new budget for schools and roads on Monday night. " +
			"The vote was seven to two after a long debate about bus routes.\n",
	}}
	c := summarize.NewCorpus(articles)
	s, err := c.Summarize(summarize.Options{Words: 40})
	if err != nil {
		fmt.Println(err)
		return
	}
	bot.NewBriefing(c, s).WriteText(os.Stdout)
	// Output:
	// Council passes budget
	//
	// • The city council approved a new budget for schools and roads on Monday night. — Daily Star
	// • The vote was seven to two after a long debate about bus routes. — Daily Star
	//
	// 1 article from Daily Star
}

// TestFilesLogOnce reads a source twice, as a bot does on every reload: a skipped file
// is logged once, not every time.
func TestFilesLogOnce(t *testing.T) {
	var logs bytes.Buffer
	src := &bot.Files{Name: "news", Logger: newTextLogger(&logs), FS: fstest.MapFS{
		"a.txt": {Data: []byte("A sentence that is long enough to count as news today.\n")},
		"b.txt": {Data: []byte("")},
	}}
	for range 3 {
		if _, err := src.Articles(context.Background(), bot.All); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(logs.String(), "skipped file"); n != 1 {
		t.Errorf("the skipped file was logged %d times:\n%s", n, logs.String())
	}
}

// TestNewBriefingOutletsOnce checks that a briefing of many articles from a few outlets
// names each outlet once, in the order of the articles, and that a point shared by all of
// them cites each outlet once, with the first of its articles.
func TestNewBriefingOutletsOnce(t *testing.T) {
	outlets := []string{"Evening Post", "Daily Star", "Radio North"}
	var articles []summarize.Article
	for i := range 30 {
		articles = append(articles, summarize.Article{ID: fmt.Sprintf("a%02d", i), Outlet: outlets[i%3],
			URL:  fmt.Sprintf("https://example.com/%d", i),
			Text: fmt.Sprintf("The city council approved a new budget for schools and roads on Monday night. Item %d was filed.\n", i)})
	}
	c := summarize.NewCorpus(articles)
	s, err := c.Summarize(summarize.Options{Words: 20, Sentences: 1})
	if err != nil {
		t.Fatal(err)
	}
	b := bot.NewBriefing(c, s)
	if got, want := strings.Join(b.Outlets, ", "), "Evening Post, Daily Star, Radio North"; got != want {
		t.Errorf("outlets %q, want %q", got, want)
	}
	if len(b.Items()) != 1 {
		t.Fatalf("%d items, want 1", len(b.Items()))
	}
	own := articles[s.Sentences[0].Doc]
	got := b.Items()[0].Sources
	if len(got) != 3 || got[0].Outlet != own.Outlet || got[0].URL != own.URL {
		t.Fatalf("the shared point cites %+v; want 3 outlets, its own article (%s, %s) first", got, own.Outlet, own.URL)
	}
	for _, cite := range got[1:] {
		for _, a := range articles {
			if a.Outlet == cite.Outlet {
				if cite.URL != a.URL {
					t.Errorf("%s is cited with %s, want its first article %s", cite.Outlet, cite.URL, a.URL)
				}
				break
			}
		}
	}
}

func TestBriefingOfStories(t *testing.T) {
	b := &bot.Briefing{Headline: "Two stories", Articles: 3, Outlets: []string{"A", "B"}, Stories: []bot.Story{
		{Headline: "Council passes budget", Items: []bot.Item{{Text: "The council voted.", Sources: bot.Citations{{Outlet: "A"}}}}},
		{Headline: "Storm hits coast", Items: []bot.Item{{Text: "Winds reached 100 km/h.", Sources: bot.Citations{{Outlet: "B"}}}}},
	}}
	var text, md bytes.Buffer
	if err := b.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	want := "Two stories\n\nCouncil passes budget\n• The council voted. — A\n\nStorm hits coast\n• Winds reached 100 km/h. — B\n\n3 articles from A, B\n"
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}
	for _, s := range []string{"### Council passes budget", "### Storm hits coast", "- Winds reached 100 km/h. *(B)*"} {
		if !strings.Contains(md.String(), s) {
			t.Errorf("markdown lacks %q:\n%s", s, md.String())
		}
	}
	if n := len(b.Items()); n != 2 {
		t.Errorf("Items() has %d points, want 2", n)
	}
}

// TestBriefingIn shows a briefing's dates in a channel's zone: a time of day moves to
// the zone's date, a date without a time (midnight UTC, as a manifest's YYYY-MM-DD)
// stays the day it names, and the briefing it came from is left as it was.
func TestBriefingIn(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	late := time.Date(2026, 3, 10, 2, 30, 0, 0, time.UTC) // 9 March in New York
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)   // a date alone
	newBriefing := func() *bot.Briefing {
		return &bot.Briefing{From: late, To: day, Articles: 2, Outlets: []string{"A", "B"}, Stories: []bot.Story{{
			Items: []bot.Item{{Text: "x", Sources: bot.Citations{{Outlet: "A", Published: late}, {Outlet: "B", Published: day}}}},
		}}}
	}
	for _, tc := range []struct {
		name string
		loc  *time.Location
		want string
	}{
		{"utc", time.UTC, "10–12 March 2026"},
		{"west of utc: the evening before", ny, "9–12 March 2026"},
		{"east of utc", tokyo, "10–12 March 2026"},
		{"nil is utc", nil, "10–12 March 2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orig := newBriefing()
			b := orig.In(tc.loc)
			if got := b.Dates(); got != tc.want {
				t.Errorf("Dates() = %q, want %q", got, tc.want)
			}
			loc := tc.loc
			if loc == nil {
				loc = time.UTC
			}
			if got := b.Stories[0].Items[0].Sources[0].Published; !got.Equal(late) || got.Location() != loc {
				t.Errorf("the citation's date is %v, want %v in %v", got, late, loc)
			}
			if got := b.Stories[0].Items[0].Sources[1].Published; got != day {
				t.Errorf("the citation's date alone became %v", got)
			}
			if orig.From.Location() != time.UTC || orig.Stories[0].Items[0].Sources[0].Published.Location() != time.UTC || orig.Dates() != "10–12 March 2026" {
				t.Errorf("In changed the briefing it was called on: %v, %q", orig.From, orig.Dates())
			}
		})
	}
	if got := (&bot.Briefing{}).In(ny).Dates(); got != "" {
		t.Errorf("a briefing without dates shows %q", got)
	}
}

func TestFooter(t *testing.T) {
	outlets := func(n int) []string {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("Outlet %d", i+1)
		}
		return names
	}
	day := time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		b    bot.Briefing
		want string
	}{
		{"no outlet known", bot.Briefing{Articles: 38}, "38 articles"},
		{"one", bot.Briefing{Articles: 1, Outlets: outlets(1), From: day, To: day}, "1 article from Outlet 1 · 19 May 2025"},
		{"six", bot.Briefing{Articles: 9, Outlets: outlets(6)}, "9 articles from Outlet 1, Outlet 2, Outlet 3, Outlet 4, Outlet 5, Outlet 6"},
		{"seven", bot.Briefing{Articles: 9, Outlets: outlets(7)}, "9 articles from Outlet 1, Outlet 2, Outlet 3, Outlet 4, Outlet 5 and 2 more outlets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.b.Footer(); got != tc.want {
				t.Errorf("Footer() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestOutletsAreOutlets checks that a briefing names as its outlets only the articles'
// publishers, not the titles or leads under which articles without one are cited.
func TestOutletsAreOutlets(t *testing.T) {
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a.txt", Outlet: "Gazette", Text: "The harbour bridge in Portvale opened on Friday after two years of work.\n"},
		{ID: "b.txt", Title: "Bridge opens", Text: "The harbour bridge in Portvale opened on Friday, and ferries lost their passengers.\n"},
		{ID: "c.txt", Text: "Ferry operators in Portvale fear that the new bridge will take most of their passengers.\n"},
	})
	s, err := c.Summarize(summarize.Options{Words: 100})
	if err != nil {
		t.Fatal(err)
	}
	b := bot.NewBriefing(c, s)
	if !slices.Equal(b.Outlets, []string{"Gazette"}) {
		t.Errorf("outlets %q, want only the publisher Gazette", b.Outlets)
	}
	if got, want := b.Footer(), "3 articles from Gazette"; got != want {
		t.Errorf("footer %q, want %q", got, want)
	}
}
