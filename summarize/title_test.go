package summarize

import "testing"

func TestArticleTitle(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"first line", "Storm batters the coast\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", "Storm batters the coast"},
		{"after a caption with a credit", "Residents wade through water (AP Photo/Jane Doe)\nStorm batters the coast\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", "Storm batters the coast"},
		{"after story furniture", "Story highlights\nStorm batters the coast\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", "Storm batters the coast"},
		{"after share buttons and a date", "share tweet pin email\nApril 10th, 2016\nStorm batters the coast\nThe storm hit.\n", "Storm batters the coast"},
		{"embed text is no title", "Tweet with a location\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", ""},
		{"a credit is no title", "Credit U.S. Senate\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", ""},
		{"a caption is no title", "Image copyright Getty Images Image caption The bridge\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", ""},
		{"a photo line is no title", "Peter Doe speaks to police after his rescue. Photo: Jane Roe/Scanpix\nThe storm hit on Monday, and thousands fled their homes.\n", ""},
		{"a salutation is no title", "To our community,\nThe storm hit on Monday, and thousands fled their homes before dawn.\n", ""},
		{"none before the body", "The storm hit on Monday, and thousands fled their homes before dawn and after.\nStorm batters the coast\n", ""},
		{"dots are no title", ".......... .......... ..........\nThe storm hit.\n", ""},
		{"lower case headline", "roads remain closed in the valley\nThe storm hit.\n", "roads remain closed in the valley"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := articleTitle(tc.text); got != tc.want {
				t.Errorf("articleTitle(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestCopyrightOutlet(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The storm hit.\nCopyright 2016 The Associated Press. All rights reserved.", "The Associated Press"},
		{"The storm hit.\n© 2017 Cable News Network, Inc.", "Cable News Network"},
		{"Copyright 2017 NPR. To see more, visit the site.", "NPR"},
		{"The lawsuit alleges copyright infringement.", ""},
		{"Copyright law was at the heart of the case in 2016.", ""},
		{"©", ""},
	} {
		if got := copyrightOutlet(tc.text); got != tc.want {
			t.Errorf("copyrightOutlet(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestDocumentSourceIsNeverAFileName(t *testing.T) {
	c := NewCorpus([]Article{
		{ID: "a01.txt", Text: "Mona Lisa and Kip Harding are just your average high school sweethearts with ten children.\n"},
		{ID: "a02.txt", Text: "Story highlights\nStorm batters the coast\nThe storm hit on Monday, and thousands fled.\n"},
		{ID: "a03.txt", Outlet: "AP", Text: "The storm hit on Monday.\n"},
	})
	for d, want := range []string{"Mona Lisa and Kip Harding are just your…", "Storm batters the coast", "AP"} {
		if got := c.Docs[d].Source(); got != want {
			t.Errorf("document %d: Source() = %q, want %q", d, got, want)
		}
	}
}

func TestTitleWithInnerSentenceIsSkipped(t *testing.T) {
	c := NewCorpus([]Article{{ID: "a", Title: "Storm hits the coast after a week of rain. Towns flee",
		Text: "Storm hits the coast after a week of rain. Towns flee\nThe storm hit the coast on Monday, and thousands fled.\n"}})
	for i, s := range c.Docs[0].Sentences {
		if s.Para == 0 && s.Skip != SkipTitle {
			t.Errorf("sentence %d of the title line (%q) has skip %q, want %q", i, c.Docs[0].Text(i), s.Skip, SkipTitle)
		}
	}
}
