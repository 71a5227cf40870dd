package bot

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// TestReferents checks that the speaker of a quotation stands for the pronoun that
// attributes it, and opens a quotation that another sentence attributes.
func TestReferents(t *testing.T) {
	text := "Mayor Ana Ruiz opened the harbour bridge in Portvale on Friday.\n" +
		"“The harbour bridge will change the harbour for ever,” she said.\n" +
		"Mayor Ana Ruiz spoke to the crowd for an hour.\n" +
		"“We waited twenty years for this bridge,” Ruiz told them. “Tonight the harbour belongs to everyone.”\n"
	c := summarize.NewCorpus([]summarize.Article{{ID: "a", Outlet: "Gazette", Text: text}})
	refs := referents(c, quotes.Extract(c))
	she := strings.Index(text, "she said")
	if got, want := refs[summarize.Ref{Doc: 0, Sentence: 1}], (summarize.Referent{Name: "Ana Ruiz", Start: she, End: she + 3}); got != want {
		t.Errorf("referent of the quotation with “she said”: %+v, want %+v", got, want)
	}
	last := len(c.Docs[0].Sentences) - 1
	if got := refs[summarize.Ref{Doc: 0, Sentence: last}]; got.Name != "Ana Ruiz" || got.Start != got.End {
		t.Errorf("referent of the quotation without attribution (%q): %+v, want Ana Ruiz before it", c.Docs[0].Text(last), got)
	}
}

func TestPersonName(t *testing.T) {
	for s, want := range map[string]bool{"Ana Ruiz": true, "Vladimir Putin": true, "Ferries": false, "a White House official": false, "": false} {
		if personName(s) != want {
			t.Errorf("personName(%q) = %v, want %v", s, !want, want)
		}
	}
}
