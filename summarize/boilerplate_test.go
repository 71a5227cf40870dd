package summarize

import "testing"

func TestSkipReason(t *testing.T) {
	tests := []struct {
		s    string
		kind Kind
		want string
	}{
		// Units that are not sentences.
		{"Storm batters coast as thousands flee", KindLine, SkipLine},
		{"The storm hit on Monday.", KindListItem, SkipListItem},

		// Bylines.
		{"By Jane Doe and John Roe, CNN", KindSentence, SkipByline},
		{"By Jane Doe", KindSentence, SkipByline},
		{"BY JANE DOE, ASSOCIATED PRESS", KindSentence, SkipByline},
		{"By Jane Doe | The Daily Courier", KindSentence, SkipByline},
		{"By Jane Doe, staff writer", KindSentence, SkipByline},
		{"By Jane Doe, Special to The Daily Courier", KindSentence, SkipByline},
		{"By Jane Doe for The Daily Courier", KindSentence, SkipByline},
		{"By Jane Doe, John Roe and Ann Poe, CNN", KindSentence, SkipByline},
		{"By the end of the day, the water had receded.", KindSentence, ""},
		{"By Tuesday the roads were open.", KindSentence, ""},
		{"By Monday, the water had receded.", KindSentence, ""},
		{"By Christmas, Congress had adjourned.", KindSentence, ""},
		{"By Tuesday in Portvale, officials had left.", KindSentence, ""},

		// Credits.
		{"Jane Doe contributed to this report.", KindSentence, SkipCredit},
		{"Jane Doe in Lagos contributed reporting.", KindSentence, SkipCredit},
		{"Reporting by Jane Doe; Editing by John Roe", KindSentence, SkipCredit},
		{"(Reporting by Jane Doe in Portvale; Editing by Ann Poe)", KindSentence, SkipCredit},
		{"Additional reporting by Jane Doe.", KindSentence, SkipCredit},
		{"The report was written by three economists.", KindSentence, ""},
		{"Reporting on the storm was difficult, editors said.", KindSentence, ""},

		// Update notes.
		{"This story has been updated with additional information.", KindSentence, SkipUpdate},
		{"This article has been updated to correct the date of the vote.", KindSentence, SkipUpdate},
		{"Updated 3:15 PM ET, Tue May 20, 2025", KindSentence, SkipUpdate},
		{"Published: May 19, 2025", KindSentence, SkipUpdate},
		{"Last updated on May 20, 2025 at 9:00.", KindSentence, SkipUpdate},
		{"Published in 1998, the report was ignored.", KindSentence, ""},
		{"Correction: An earlier version of this story misstated the date.", KindSentence, SkipUpdate},
		{"Editor’s note: This story contains graphic details.", KindSentence, SkipUpdate},
		{"An earlier version of this article gave the wrong date.", KindSentence, SkipUpdate},
		{"This is a developing story.", KindSentence, SkipUpdate},
		{"The mayor updated the council on Monday.", KindSentence, ""},
		{"Officials have updated the evacuation map twice.", KindSentence, ""},

		// Copyright and wire lines.
		{"© 2025 The Daily Courier. All rights reserved.", KindSentence, SkipCopyright},
		{"© 2025 Norwind Media", KindSentence, SkipCopyright},
		{"Copyright 2025 The Associated Press.", KindSentence, SkipCopyright},
		{"Copyright (c) 2025 The Daily Courier", KindSentence, SkipCopyright},
		{"(c) 2025 The Daily Courier", KindSentence, SkipCopyright},
		{"All rights reserved.", KindSentence, SkipCopyright},
		{"The lawsuit alleges copyright infringement.", KindSentence, ""},
		{"Copyright law was at the heart of the case.", KindSentence, ""},

		// Photo captions.
		{"Photo: Jane Doe/The Daily Courier", KindSentence, SkipCaption},
		{"Image: A flooded street in Portvale.", KindSentence, SkipCaption},
		{"File photo: The bridge in 2019.", KindSentence, SkipCaption},
		{"(Photo by Jane Doe)", KindSentence, SkipCaption},
		{"A man walks past a shop in Portvale on Monday. (AP Photo/Jane Doe)", KindSentence, SkipCaption},
		{"Residents wade through water in Portvale. (Getty Images)", KindSentence, SkipCaption},
		{"The photo shows the mayor at the scene.", KindSentence, ""},
		{"FILE - In this May 24, 2016, file photo, Rep. Jane Doe speaks on Capitol Hill.", KindSentence, SkipCaption},
		{"FILE – A police car stands outside the school in Portvale.", KindSentence, SkipCaption},
		{"In this Jan. 14, 2013 file photo, the mayor poses for a portrait.", KindSentence, SkipCaption},
		{"Image copyright Getty Images Image caption The bridge was closed for a week.", KindSentence, SkipCaption},
		{"Media playback is unsupported on your device Media caption The mayor speaks.", KindSentence, SkipCaption},
		{"CLOSE Bone-chilling cold gripped much of the country as the year began.", KindSentence, SkipCaption},
		{"File sharing was at the heart of the case.", KindSentence, ""},
		{"Carl Doe, 21, leaves court... (Associated Press) FILE - In this May 24, 2016, file photo, Rep. Jane Doe speaks.", KindSentence, SkipCaption},
		{"Related 'The Case of: The Missing Mayor' Pt.", KindSentence, SkipPromo},
		{"In this town, photos of the flood are everywhere.", KindSentence, ""},
		{"Reuters reported the vote on Monday.", KindSentence, ""},

		// Promotion and navigation.
		{"Read more: How the storm formed", KindSentence, SkipPromo},
		{"Sign up for our newsletter to get the latest news.", KindSentence, SkipPromo},
		{"Subscribe to our daily briefing.", KindSentence, SkipPromo},
		{"To get alerts, sign up for the morning newsletter.", KindSentence, SkipPromo},
		{"Click here to watch the video.", KindSentence, SkipPromo},
		{"Advertisement", KindSentence, SkipPromo},
		{"To see more about her book, click here.", KindSentence, SkipPromo},

		// Embedded posts, scripts, links and archive notes.
		{"You can add location information to your Tweets, such as your city or precise location, from the web and via third-party applications.", KindSentence, SkipEmbed},
		{"Add this Tweet to your website by copying the code below.", KindSentence, SkipEmbed},
		{"The storm is here pic.twitter.com/abc123 — Jane Doe (@janedoe) May 5, 2017", KindSentence, SkipEmbed},
		{"window._taboola = window._taboola || []; _taboola.push({flush: true});", KindSentence, SkipEmbed},
		{"http://xml.example.com/fetch?id=691977 http://www.example.com/track?s=1", KindSentence, SkipEmbed},
		{"More at www.example.com/storm", KindSentence, SkipEmbed},
		{"The group published its report at https://example.org/report on Monday, with maps of the flood.", KindSentence, ""},
		{"Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.", KindSentence, SkipEmbed},
		{"The WARC files associated with this crawl are not currently available to the general public.", KindSentence, SkipEmbed},
		{"He tweeted that the vote was over.", KindSentence, ""},
		{"The window was broken during the night.", KindSentence, ""},
		{"Web crawlers index the pages every day, the company said.", KindSentence, ""},
		{"Web wide crawl with initial seedlist and crawler configuration from March 2011.", KindSentence, SkipEmbed},
		{"The newsletter, which has 2 million readers, was sold on Monday.", KindSentence, ""},
		{"She said she would sign up for the program next year.", KindSentence, ""},
		{"The company said it had subscribed to the newsletter service.", KindSentence, ""},
		{"Readers who subscribe to the paper pay $5 a month.", KindSentence, ""},

		// Introductions and headlines of other stories.
		{"Officials said the following:", KindSentence, SkipColon},
		{"Storm Batters Coast As Thousands Flee Their Homes", KindSentence, SkipHeadline},
		{"Mayor Says Budget Will Pass Next Week", KindSentence, SkipHeadline},
		{"The New York Times reported the deal on Monday.", KindSentence, ""},
		{"Portvale Mayor Ann Okafor resigned.", KindSentence, ""},

		// Ordinary sentences.
		{"The mayor said the plan would cost $5 million.", KindSentence, ""},
		{"“We will rebuild,” she said.", KindSentence, ""},
		{"", KindSentence, ""},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := skipReason(tt.s, tt.kind); got != tt.want {
				t.Errorf("skipReason(%q, %v) = %q, want %q", tt.s, tt.kind, got, tt.want)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, s, want string
	}{
		{"TeX quotation marks", "``We are ready,'' she said.", "“We are ready,” she said."},
		{"TeX quotation marks around a sentence", "He said: ``No.''", "He said: “No.”"},
		{"double hyphen dash", "He said -- after a pause -- that it was over.", "He said — after a pause — that it was over."},
		{"underscore dash", "He said _ after a pause _ that it was over.", "He said — after a pause — that it was over."},
		{"triple hyphen dash", "He said --- then stopped.", "He said — then stopped."},
		{"wire dateline dash", "LONDON (AP) _ The storm hit.", "LONDON (AP) — The storm hit."},
		{"unspaced double hyphen", "The score was 3--2.", "The score was 3--2."},
		{"underscore in a word", "the snake_case name stays", "the snake_case name stays"},
		{"spaced hyphen", "Use a dash - like this.", "Use a dash - like this."},
		{"double hyphen at the end", "trailing dash --", "trailing dash --"},
		{"em dash", "The plan — approved in May — failed.", "The plan — approved in May — failed."},
		{"runs of white space", "A  lot   of\n\tspace", "A lot of space"},
		{"white space at the ends", "  leading and trailing  ", "leading and trailing"},
		{"line breaks", "hard-wrapped\r\nline", "hard-wrapped line"},
		{"non-breaking space", "5\u00a0km away", "5 km away"},
		{"invalid byte", "bad\xffbyte", "bad\ufffdbyte"},
		{"lost space before a capital", "talks withUkraine ended", "talks with Ukraine ended"},
		{"capitals inside words", "McDonald sold iPhones to the BBC", "McDonald sold iPhones to the BBC"},
		{"typographic text", "“It’s over,” she said.", "“It’s over,” she said."},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.s); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func TestDatelineEnd(t *testing.T) {
	tests := []struct {
		name, s, rest string // rest is s without its dateline
	}{
		{"outlet only", "(CNN) — The storm hit.", "The storm hit."},
		{"place and outlet", "WASHINGTON (Reuters) - The storm hit.", "The storm hit."},
		{"place, country, date and outlet", "KYIV, Ukraine, May 19 (AP) — The storm hit.", "The storm hit."},
		{"wire underscore", "LONDON (AP) _ The storm hit.", "The storm hit."},
		{"double hyphen and state", "PORTVALE, Calif. (AP) -- The storm hit.", "The storm hit."},
		{"closed-up em dash", "Washington (CNN)—The storm hit.", "The storm hit."},
		{"en dash and two-word place", "NEW YORK (AP) – The storm hit.", "The storm hit."},
		{"dateline alone", "(Reuters) —", ""},
		{"no dash", "(CNN) The storm hit.", "The storm hit."},
		{"no dash, closed up", "(CNN)The storm hit.", "The storm hit."},
		{"the mark of an update", "Updated | When the storm hit, the town was asleep.", "When the storm hit, the town was asleep."},
		{"outlet and dash at the start", "(AP) — Mishaps overshadowed the recount.", "Mishaps overshadowed the recount."},
		{"parenthesis that is no outlet", "(Laughter) The crowd cheered.", "(Laughter) The crowd cheered."},
		{"lower case after the outlet", "(CNN) was first to report it.", "(CNN) was first to report it."},
		{"place without outlet", "WASHINGTON — The storm hit.", "The storm hit."},
		{"place, country and date without outlet", "KYIV, Ukraine, May 19 — The storm hit.", "The storm hit."},
		{"capitals that are not a place", "NATO — the alliance — met.", "NATO — the alliance — met."},
		{"words before a party letter", "The mayor (D) - said no.", "The mayor (D) - said no."},
		{"parenthesis in a sentence", "The storm (which was strong) - hit.", "The storm (which was strong) - hit."},
		{"ordinary sentence", "The storm hit the coast on Monday.", "The storm hit the coast on Monday."},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := datelineEnd(tt.s)
			if n < 0 || n > len(tt.s) {
				t.Fatalf("datelineEnd(%q) = %d, outside the text", tt.s, n)
			}
			if got := tt.s[n:]; got != tt.rest {
				t.Errorf("datelineEnd(%q) = %d, leaving %q, want %q", tt.s, n, got, tt.rest)
			}
		})
	}
}

func TestConnectiveEnd(t *testing.T) {
	tests := []struct {
		s, rest string // rest is s without its connective
	}{
		{"But the mayor disagreed.", "the mayor disagreed."},
		{"And yet it moved.", "yet it moved."},
		{"However, the mayor disagreed.", "the mayor disagreed."},
		{"However the mayor disagreed.", "the mayor disagreed."},
		{"Meanwhile,\tthe water rose.", "the water rose."},
		{"In addition, the mayor disagreed.", "the mayor disagreed."},
		{"On the other hand, costs rose.", "costs rose."},
		{"As a result, roads closed.", "roads closed."},
		{"After all, she won.", "she won."},
		{"Besides, the mayor spoke.", "the mayor spoke."},
		{"Instead, they left.", "they left."},
		{"So the council voted again.", "the council voted again."},
		{"Meanwhile the water rose.", "the water rose."},
		{"Also, the mayor resigned.", "the mayor resigned."},
		{"Still, the council voted.", "the council voted."},
		{"But “we will try,” she said.", "“we will try,” she said."},
		{"But 40 people left.", "40 people left."},

		// Kept: nothing, or no sentence, follows.
		{"But.", "But."},
		{"But, ", "But, "},
		{"But — and this matters — the vote passed.", "But — and this matters — the vote passed."},
		// Kept: not a connective.
		{"Butter prices rose.", "Butter prices rose."},
		{"Stillwater officials said no.", "Stillwater officials said no."},
		{"Sofia is the capital.", "Sofia is the capital."},
		{"the mayor said but", "the mayor said but"},
		// Kept: phrases that open like a connective.
		{"So far, no one has been charged.", "So far, no one has been charged."},
		{"So too did the mayor.", "So too did the mayor."},
		{"Instead of waiting, they left.", "Instead of waiting, they left."},
		{"After all the votes were counted, she won.", "After all the votes were counted, she won."},
		{"Besides the mayor, three others spoke.", "Besides the mayor, three others spoke."},
		{"As a result of the storm, roads closed.", "As a result of the storm, roads closed."},
		{"In addition to the mayor, three others spoke.", "In addition to the mayor, three others spoke."},
		{"However long it takes, we will stay.", "However long it takes, we will stay."},
		// Kept: an adverb without its comma may belong to the sentence, and a connective
		// is kept when too little would follow it.
		{"Also known as the Iron Lady, she ruled for a decade.", "Also known as the Iron Lady, she ruled for a decade."},
		{"Still waters run deep.", "Still waters run deep."},
		{"Of course not.", "Of course not."},
		{"But why?", "But why?"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			n := connectiveEnd(tt.s)
			if n < 0 || n > len(tt.s) {
				t.Fatalf("connectiveEnd(%q) = %d, outside the text", tt.s, n)
			}
			if got := tt.s[n:]; got != tt.rest {
				t.Errorf("connectiveEnd(%q) = %d, leaving %q, want %q", tt.s, n, got, tt.rest)
			}
		})
	}
}

// TestDocumentText checks boilerplate, datelines and connectives together, as a Corpus
// applies them to an article's sentences.
func TestDocumentText(t *testing.T) {
	text := "Storm Batters Coast\n" +
		"By Jane Doe, CNN\n\n" +
		"PORTVALE (CNN) -- But the storm hit the coast on Monday. ``We are ready,'' the mayor said.\n\n" +
		"So far, no one has been hurt. Jane Doe contributed to this report."
	c := NewCorpus([]Article{{ID: "a.txt", Text: text}})
	d := c.Docs[0]
	want := []struct{ text, skip string }{
		{"Storm Batters Coast", SkipTitle},
		{"By Jane Doe, CNN", SkipLine},
		{"The storm hit the coast on Monday.", ""},
		{"“We are ready,” the mayor said.", ""},
		{"So far, no one has been hurt.", ""},
		{"Jane Doe contributed to this report.", SkipCredit},
	}
	if len(d.Sentences) != len(want) {
		for i := range d.Sentences {
			t.Logf("sentence %d: %q", i, d.Text(i))
		}
		t.Fatalf("got %d sentences, want %d", len(d.Sentences), len(want))
	}
	for i, w := range want {
		if got := d.Text(i); got != w.text {
			t.Errorf("Text(%d) = %q, want %q", i, got, w.text)
		}
		if got := d.Sentences[i].Skip; got != w.skip {
			t.Errorf("sentence %d %q: Skip = %q, want %q", i, d.Text(i), got, w.skip)
		}
	}
}
