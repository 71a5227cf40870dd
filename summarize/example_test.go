package summarize_test

import (
	"fmt"

	"github.com/briefbot/briefbot/summarize"
)

func ExampleSummarize() {
	articles := []summarize.Article{
		{ID: "a", Outlet: "Daily Star", Text: "Council passes budget\n" +
			"By Ann Lee\n" +
			"The city council approved a new budget for schools and roads on Monday night. " +
			"The vote was seven to two after a long debate about bus routes.\n" +
			"© 2025 Daily Star. All rights reserved.\n"},
		{ID: "b", Outlet: "Evening Post", Text: "The city council approved a new budget for schools and roads on Monday. " +
			"Critics said the plan did little for parks.\n"},
	}
	s, err := summarize.Summarize(articles, summarize.Options{Words: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range s.Sentences {
		var outlets []string
		for _, d := range p.Docs() {
			outlets = append(outlets, articles[d].Outlet)
		}
		fmt.Printf("%s %v\n", p.Text, outlets)
	}
	// Output:
	// The city council approved a new budget for schools and roads on Monday. [Evening Post Daily Star]
	// Critics said the plan did little for parks. [Evening Post]
}

func ExampleSegment() {
	text := "Mr. Smith met Sen. Jones in Washington, D.C., on Jan. 5. “Why now?” Smith asked. He left at 3.30 p.m.\n- Reporting: Staff"
	for _, s := range summarize.Segment(text) {
		fmt.Printf("%-8s %s\n", s.Kind, text[s.Start:s.End])
	}
	// Output:
	// sentence Mr. Smith met Sen. Jones in Washington, D.C., on Jan. 5.
	// sentence “Why now?” Smith asked.
	// sentence He left at 3.30 p.m.
	// item     Reporting: Staff
}
