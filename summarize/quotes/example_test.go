package quotes_test

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// Two outlets quote the same minister: one names him, the other calls him "the Danish
// minister". Who said "ceasefire"?
func ExampleIndex_WhoSaid() {
	articles := []summarize.Article{
		{ID: "a.txt", Outlet: "Valley News", Text: "Danish Foreign Minister Lars Holm spoke in Oslo on Monday.\n" +
			"“The ceasefire must hold through the winter,” the Danish minister said."},
		{ID: "b.txt", Outlet: "The Courier", Text: "“The ceasefire must hold through the winter,” Lars Holm told reporters.\n" +
			"Envoy Karin Berg said talks on a cease-fire line were “close to done.”"},
	}
	x := quotes.Extract(summarize.NewCorpus(articles))
	found, err := x.WhoSaid("ceasefire", quotes.Options{In: quotes.InContext})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range found {
		for _, q := range s.Quotations {
			fmt.Printf("%s: “%s” (%v)\n", s.Speaker, q.Text, q.Outlets(x.Corpus()))
		}
	}
	// Output:
	// Karin Berg: “close to done.” ([The Courier])
	// Lars Holm: “The ceasefire must hold through the winter” ([Valley News The Courier])
}

// A command that answers within a deadline extracts and looks up under its context: when
// the deadline passes first, both stop and say so.
func ExampleExtractContext() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: "“We will rebuild the bridge,” Mayor Ana Ruiz said."}})
	x, err := quotes.ExtractContext(ctx, c)
	if err != nil {
		fmt.Println(err) // errors.Is(err, context.DeadlineExceeded) once the deadline passed
		return
	}
	found, err := x.WhoSaidContext(ctx, "bridge", quotes.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range found {
		fmt.Printf("%s: “%s”\n", s.Speaker, s.Quotations[0].Text)
	}
	// Output:
	// Ana Ruiz: “We will rebuild the bridge”
}
