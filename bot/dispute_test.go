package bot_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// disputed returns the briefing of two reports that give one point different figures.
func disputed(t *testing.T) *bot.Briefing {
	t.Helper()
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a", Outlet: "Reuters", Text: "Police said 12 people died in the missile attack on the central market on Monday morning. Rescue teams searched the rubble through the night.\n"},
		{ID: "b", Outlet: "AP", Text: "Police said 40 people died in the missile attack on the central market on Monday morning. Hospitals across the region asked for blood donors.\n"},
	})
	s, err := c.Summarize(summarize.Options{Words: 60})
	if err != nil {
		t.Fatal(err)
	}
	return bot.NewBriefing(c, s)
}

// attackItem returns the item of the briefing about the attack, which must be one.
func attackItem(t *testing.T, b *bot.Briefing) bot.Item {
	t.Helper()
	var found []bot.Item
	for _, it := range b.Items() {
		if strings.Contains(it.Text, "missile attack") {
			found = append(found, it)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d items on the attack, want 1: %+v", len(found), b.Items())
	}
	return found[0]
}

func TestDisputeInEveryForm(t *testing.T) {
	b := disputed(t)
	it := attackItem(t, b)
	own, other, otherOutlet := "12", "40", "AP"
	if strings.Contains(it.Text, "40 people") {
		own, other, otherOutlet = "40", "12", "Reuters"
	}
	if len(it.Sources) != 1 || len(it.Disputes) != 1 || len(it.Facts) != 1 || it.Facts[0].Text != own {
		t.Fatalf("item %+v: want one source, its figure %s and one other account", it, own)
	}
	d := it.Disputes[0]
	if d.Sources.Outlets() != otherOutlet || len(d.Facts) != 1 || d.Facts[0] != (bot.Fact{Kind: "number", Text: other}) {
		t.Errorf("dispute %+v, want %s reporting %s", d, otherOutlet, other)
	}
	if want := otherOutlet + " reports " + other; it.Note() != want {
		t.Errorf("Note() = %q, want %q", it.Note(), want)
	}

	var text, md, js bytes.Buffer
	if err := b.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if want := " — " + it.Sources.Outlets() + "; " + otherOutlet + " reports " + other + "\n"; !strings.Contains(text.String(), want) {
		t.Errorf("text lacks %q:\n%s", want, text.String())
	}
	if err := b.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if want := "*(" + it.Sources.Outlets() + "; " + otherOutlet + " reports " + other + ")*"; !strings.Contains(md.String(), want) {
		t.Errorf("markdown lacks %q:\n%s", want, md.String())
	}
	if err := b.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back bot.Briefing
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	got := attackItem(t, &back)
	if len(got.Disputes) != 1 || got.Disputes[0].Facts[0].Text != other || got.Disputes[0].Sources[0].Outlet != otherOutlet ||
		!strings.Contains(got.Disputes[0].Text, other+" people died") || got.Facts[0].Text != own {
		t.Errorf("JSON item %+v: want the figures and their sources", got)
	}
}

func TestNoteNamesEveryAccount(t *testing.T) {
	it := bot.Item{Text: "The test had failed.", Disputes: []bot.Dispute{
		{Facts: []bot.Fact{{Kind: "negation", Text: "had not failed"}}, Sources: bot.Citations{{Outlet: "Wire Two"}, {Outlet: "Wire Three"}}},
		{Facts: []bot.Fact{{Kind: "number", Text: "40"}, {Kind: "date", Text: "Tuesday"}}, Sources: bot.Citations{{Outlet: "AP"}}},
	}}
	if got, want := it.Note(), "Wire Two, Wire Three report “had not failed”; AP reports 40, Tuesday"; got != want {
		t.Errorf("Note() = %q, want %q", got, want)
	}
	if (&bot.Item{Text: "x"}).Note() != "" {
		t.Error("an item without disputes has a note")
	}
}
