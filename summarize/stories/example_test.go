package stories_test

import (
	"fmt"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

func ExampleGroup() {
	arts := append(append([]summarize.Article{storiestest.Chess}, storiestest.Bridge[:2]...), storiestest.Drought...)
	c := summarize.NewCorpus(arts)
	for _, st := range stories.Group(c) {
		fmt.Printf("%s: %d articles from %v\n", st.Headline, len(st.Docs), st.Outlets)
	}
	// Output:
	// Drought lifts grain prices: 2 articles from [Ledger Herald]
	// Portvale opens its harbour bridge: 2 articles from [Gazette Courier]
	// Teenager takes the chess title: 1 articles from [Wire]
}
