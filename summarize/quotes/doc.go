// Package quotes finds the quotations of a set of news articles and who said them, with
// one canonical name per speaker across the articles, and answers "who said TERM".
//
//	c := summarize.NewCorpus(articles)
//	x, err := quotes.ExtractContext(ctx, c)     // once per corpus; Extract(c) without a deadline
//	found, err := x.WhoSaidContext(ctx, "ceasefire", quotes.Options{})
//	his, err := x.WhoSaid("", quotes.Options{From: "Zelenskyy"}) // what a speaker said
//
// It reads the sentences that summarize.NewCorpus made: it never segments text again,
// and every offset it reports is a byte offset into Article.Text. It is rule-based, uses
// the standard library, golang.org/x/text for diacritics and the Snowball stemmer, and
// neither logs nor touches the network.
//
// # Files, in pipeline order
//
// Extract runs in phases (ExtractContext, then extractDoc for each document), and each
// file holds what one phase, or one family of rules, decides:
//
//   - document.go: which sentences of a document are read (not titles, bylines,
//     captions), and its paragraphs;
//   - marks.go: which quotation marks pair into quoted regions;
//   - tokens.go: the words and punctuation of a paragraph, with the region each lies in;
//   - entities.go, lookup.go: the table of the people and organisations a document
//     names, their titles, nationality and gender, and the lookups into it;
//   - attribute.go: the order in which the rules are tried for a region, and the cue
//     nearest it before and after;
//   - cues.go: the attributions that are not "subject + speech verb" next to the
//     quotation: at the end of the sentence, in a sentence of its own, a colon, a dash
//     or signature line, an introducing sentence, an owner ("his call for"), the
//     sentence's subject, transcript lines;
//   - speakers.go: the speaker of a speech verb: the subject read leftwards over
//     appositions and adverbs, an inverted subject ("said Trump"), a passive agent;
//   - clauses.go: whose clause the quoted words are in: reported speech of the first
//     speaker, clauses with a subject of their own, relative clauses that name;
//   - phrases.go: where a speaker phrase begins and ends (a name with its titles, a
//     description, a pronoun), and the subject of a sentence;
//   - group.go: which regions are one quotation, which paragraph goes on with the
//     speaker before, which unattributed quotations are kept;
//   - extract.go: the phases of one document, and the speaker each quotation gets;
//   - resolve.go: a mention to a speaker: a name to the person of that name;
//   - pronouns.go: "he", "she", "it" to the person or organisation they stand for;
//   - nominals.go: a description ("the Russian leader") to the person it fits;
//   - names.go, merge.go: one canonical name per speaker across articles;
//   - index.go, contain.go: the phases of Extract; the same words made one Quotation;
//   - sentences.go, whosaid.go: the words WhoSaid matches, and the query;
//   - from.go: the names and descriptions each speaker is known by, for SpeakersNamed
//     and Options.From;
//   - lexicon.go: the word lists; windows.go: how far each rule reads; seek.go,
//     stop.go: remembered searches over tokens, and the context's deadline.
//
// # Quotations
//
// Double quotation marks are paired paragraph by paragraph: curly marks, guillemets and
// TeX-style ones (two backquotes, two apostrophes) by direction (and nesting), straight
// marks by position. A quotation still open at the end of its paragraph ends there, so
// an unbalanced mark never swallows the rest of an article; when the next paragraph
// opens with a mark, the two are one quotation, as news writing continues a quotation
// over paragraphs. Single marks only ever nest inside double ones: at the top level they
// are apostrophes too often. Values of markup attributes (author="…") and marks with no
// letters between them are not quotations.
//
// # Attribution
//
// Each quotation is linked to a cue and a speaker by patterns over the words of its
// sentence, tried in this order:
//
//   - the attribution right after it: "“…,” Trump said", "“…,” said Sen. Ted Cruz
//     (R-Texas)", "“…,” Fred Kagan, director of …, said", "“…” ― Esther Tapia", or a
//     dash line that signs a quotation filling its paragraph ("- Bernie Sanders.");
//   - a speech verb before it in the sentence: "Trump said the talks went “very well”",
//     "Putin described the call as “meaningful and frank”", "according to Keir Starmer",
//     "Zelenskyy wrote on X: “…”", with the subject read leftwards over adverbs, time
//     phrases, appositions and relative clauses ("Sanders, the Vermont senator, said");
//     the agent of a passive verb speaks ("was asked by host Bill Maher"), a determiner
//     alone can be the subject ("Another said"), and a description after a preposition
//     cannot ("Protesters marching through the streets chanted"), but a name right before
//     that preposition can ("when Trump in his speech called …"); a name in apposition
//     to a description speaks for it ("Her campaign manager, Robby Mook, said", "said the
//     bureau's director, James B. Comey,"), and so does a name that an apposition left
//     open follows ("Sam Lau, the communications director for the party said");
//   - quoted words inside reported speech belong to the first speaker of the sentence
//     ("Obama said he expected that Americans will say “no”"), but not those of a clause
//     with a subject of its own: the main clause after a subordinate one ("When Clinton
//     noted that …, Trump boasted, “…”"), a clause that "but", "while" or "although"
//     opens after a comma, a relative clause after a comma ("praised Graham, who vowed
//     “…”"); and a name that a relative clause gives belongs to the subject its pronoun
//     stands for ("Cruz has railed against what he calls the “Washington cartel”");
//   - a participle takes the subject of its clause ("Trump told a rally, saying …"), not
//     that of a relative clause before it;
//   - a colon after a name or a cue ("Zelensky: “…”", "He added:" ending the paragraph
//     before), a speaker's name opening a transcript paragraph ("PENCE: …");
//   - an attribution that closes the sentence ("…, Rendell added.") or that the
//     segmenter put in a sentence of its own ("“…” Trump said.", "“…win this county?”
//     Ana Estrada, the chairman for the county party, said of the visit …");
//   - a sentence that introduces the quotation's paragraph ("Howard continued his
//     remarks."), and the owner of the words that introduce it ("his call for “…”",
//     "Trump’s claim that “…”"); a statement, a release, a website or a sign speaks for
//     whoever puts it out ("Trump issued a statement saying “…”", "The town released a
//     statement saying …", "protesters carrying signs saying …");
//   - the parts of a quotation split by its attribution ("“…,” he said. “…”"), and a
//     paragraph that only quotes right after an attributed one, take that attribution;
//   - last, the subject of the sentence when a verb other than a speech verb links it to
//     the quoted words ("Trump likened the refugees to a “vicious snake”"), or the
//     subject of a clause late in the sentence ("…, although she made it clear that
//     “…”"); time phrases that open the sentence ("Hours later,") are no subjects, and
//     a number opens a description ("about 200 protesters").
//
// A quotation of fewer than five words that nothing attributes is taken for a scare
// quote, a nickname or a title and left out; so is an unattributed title in capitals.
// Longer unattributed quotations are kept, with no speaker: the speaker stays empty
// rather than guessed.
//
// # Speakers
//
// Every article gets a table of the people and organisations it names: runs of
// capitalised words, split into titles and descriptions ("Russian President", "Kremlin
// spokesman") and the name ("Vladimir Putin"), with the descriptions found in
// appositions ("Zelensky, Ukraine's president,"), a nationality, and gender from titles
// and from the pronouns that follow a name. A speaker mention then resolves to
//
//   - for a name, the person of that surname (the one named last when several share
//     it), or of that first name ("Hillary");
//   - for "he" or "she", the latest compatible person who opened a sentence or spoke,
//     within eight sentences (in a later clause, the one the same pronoun that opens
//     the sentence stands for: "He …, when he …"); for "who", the phrase before it; for
//     "it", the latest organisation; "they", "we" and "I" stay unresolved;
//   - for a description ("the Russian leader", "White House press secretary"), the
//     person whose titles share its head ("leader" stands for any head of state's
//     title) and whose nationality does not conflict (a country, its adjective and its
//     seat of government are one: "Kremlin" is Russian); titles given by the other
//     articles count too. An unresolved description keeps its own words ("a White House
//     official").
//
// Across articles, people whose surnames have the same skeleton (folded, doubled letters
// single, the transliterations of -ский made one: Zelensky, Zelenskyy, Zelenskiy) and
// whose first names agree are one speaker, shown under the fullest, most frequent name.
// The same words in several articles, or words that lie inside a longer quotation of the
// same speaker, are one Quotation with a Report per article.
//
// # Speakers by name
//
// SpeakersNamed finds the canonical speakers a name stands for: a name any article gives
// them, word for word in a row and compared by skeleton (Zelensky, Zelenskyy and
// Zelenskiy are one; "Putin" finds Vladimir Putin; titles before the name aside:
// "President Putin"), or a description an article names them by ("the Ukrainian
// president" where an article calls Zelensky so). Options.From keeps the quotations of
// those speakers, with or without a term.
//
// # Cost
//
// Extraction is linear in the length of the text, whatever its shape: one sentence of
// thousands of quotations, marks that never close, a paragraph of megabytes. Pairing
// marks is one pass per paragraph, tokenizing one pass per sentence. The rules that read
// around a quotation (back to its cue, forward to the next comma, over the adverbs before
// a verb) remember, for every token they pass, what they found from it, so that the
// quotations of a long sentence do not each read it again; the search for a sentence's
// subject reads past at most 64 phrases, a pronoun looks back over at most eight
// sentences and 64 names, and a description that fits more than 64 people of an article
// stays unresolved. Entity lookups are hash lookups and binary searches. The reports of
// one sentence share its text and its words. Articles are processed in parallel.
// Merging quotations across articles is a hash of their words and, for a quotation
// inside a longer one of the same speaker, one Aho-Corasick pass over the words of each
// speaker's quotations. WhoSaid reads each word of the quotations and of their sentences
// once per query (InContext), and stems only the runs of words that could match.
//
// ExtractContext and WhoSaidContext look at their context every thousand or so steps
// and, once it is done, stop and return an error wrapping ctx.Err(); Extract and WhoSaid
// are the same without a deadline. The five seed articles take a few milliseconds and
// 84 news articles (PolNeAR dev) a few tens of milliseconds; time and memory per MB of
// hostile text are in docs/performance.md, the measured accuracy in docs/quality.md.
package quotes
