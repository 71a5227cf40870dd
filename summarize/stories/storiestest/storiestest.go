// Package storiestest holds small articles of known stories, written for tests of the
// grouping into stories and of briefings of several stories.
package storiestest

import (
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// Day returns 9:00 UTC on day d of May 2026.
func Day(d int) time.Time { return time.Date(2026, 5, d, 9, 0, 0, 0, time.UTC) }

// Bridge, Vote and Drought are three stories, told by four, three and two outlets; Cats
// and Chess are articles on their own.
var (
	Bridge = []summarize.Article{
		{ID: "bridge-gazette", Outlet: "Gazette", Published: Day(3), Title: "Portvale opens its harbour bridge",
			Text: "Mayor Ana Ruiz opened the Portvale harbour bridge on Friday after two years of work.\n" +
				"The bridge links the old town with the Kelda docks across the harbour.\n" +
				"Engineers expect the harbour bridge to carry ten thousand cars a day.\n"},
		{ID: "bridge-courier", Outlet: "Courier", Published: Day(3), Title: "Harbour bridge opens in Portvale",
			Text: "Portvale's new harbour bridge opened on Friday, Mayor Ana Ruiz said at the ribbon cutting.\n" +
				"Ferry operators at the Kelda docks fear the bridge will take their passengers.\n" +
				"The bridge cost the city forty million euros.\n"},
		{ID: "bridge-herald", Outlet: "Herald", Published: Day(4), Title: "Ruiz cuts the ribbon on the Portvale bridge",
			Text: "Crowds walked across the Portvale harbour bridge as Ana Ruiz cut the ribbon.\n" +
				"The mayor said the bridge to the Kelda docks would end decades of ferry queues.\n" +
				"Traffic on the harbour road fell at once.\n"},
		{ID: "bridge-wire", Outlet: "Wire", Published: Day(4),
			Text: "PORTVALE — The harbour bridge of Portvale, opened by Mayor Ana Ruiz, carried its first trucks to the Kelda docks.\n" +
				"Ferry companies said bookings on the harbour crossing had halved.\n"},
	}
	Vote = []summarize.Article{
		{ID: "vote-gazette", Outlet: "Gazette", Published: Day(5), Title: "Norland votes on its new constitution",
			Text: "Voters in Norland approved the new constitution in Sunday's referendum, the electoral commission said.\n" +
				"Prime Minister Olav Brenn called the referendum result a new start for Norland.\n" +
				"Turnout reached sixty-one percent.\n"},
		{ID: "vote-courier", Outlet: "Courier", Published: Day(5), Title: "Norland approves constitution",
			Text: "Norland's referendum on the constitution passed with a clear majority, Olav Brenn said.\n" +
				"The electoral commission will publish the final count of the referendum on Tuesday.\n"},
		{ID: "vote-ledger", Outlet: "Ledger", Published: Day(6), Title: "Brenn hails referendum win",
			Text: "Olav Brenn hailed the referendum on Norland's constitution as a victory for reform.\n" +
				"Opposition leaders said the constitution gives the prime minister too much power.\n"},
	}
	Drought = []summarize.Article{
		{ID: "drought-ledger", Outlet: "Ledger", Published: Day(7), Title: "Drought lifts grain prices",
			Text: "Grain prices climbed for a third week as the drought on the Tessel plains went on.\n" +
				"Farmers on the plains said the wheat harvest would be the smallest in a decade.\n"},
		{ID: "drought-herald", Outlet: "Herald", Published: Day(7), Title: "Tessel farmers fear the worst harvest in a decade",
			Text: "Wheat farmers on the Tessel plains fear the drought will halve the harvest.\n" +
				"Grain traders pushed wheat prices to a five-year high.\n"},
	}
	Cats = summarize.Article{ID: "cats", Outlet: "Courier", Published: Day(8), Title: "Maine coon wins the cat show",
		Text: "A maine coon called Biscuit won best in show at the spring cat show.\n" +
			"Its owner has bred long-haired cats for twenty years.\n"}
	Chess = summarize.Article{ID: "chess", Outlet: "Wire", Published: Day(2), Title: "Teenager takes the chess title",
		Text: "A sixteen-year-old grandmaster won the national chess championship with a round to spare.\n" +
			"She sacrificed a rook in the final game.\n"}
)

// Mixed returns the articles of three stories (a bridge opening told by four outlets, a
// referendum by three, a drought by two) and two articles on their own (a cat show, a
// chess title), interleaved as a feed would give them, and the story of each article by
// its ID. The stories rank in that order: by outlets, then by the latest article.
func Mixed() ([]summarize.Article, map[string]string) {
	arts := []summarize.Article{
		Bridge[0], Vote[0], Cats, Drought[0], Bridge[1], Vote[1], Chess, Bridge[2], Drought[1], Vote[2], Bridge[3],
	}
	truth := map[string]string{"cats": "cats", "chess": "chess"}
	for name, set := range map[string][]summarize.Article{"bridge": Bridge, "vote": Vote, "drought": Drought} {
		for _, a := range set {
			truth[a.ID] = name
		}
	}
	return arts, truth
}
