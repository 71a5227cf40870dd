package quotes

// The windows of the rules: how far each one reads from where it starts. They are the
// numbers a newcomer would otherwise meet as bare literals; each bounds a rule to what
// news writing puts within reach, and keeps it from reading a long sentence again for
// every quotation in it.

// Pronoun look-backs (pronouns.go).
const (
	// pronounSentences is how many sentences back a "he" or "she" looks for the person
	// who opened a sentence or last spoke.
	pronounSentences = 8
	// pronounNamedSentences is how many sentences back it looks, failing that, for any
	// person named.
	pronounNamedSentences = 3
	// itSentences is how many sentences back an "it" looks for an organisation that
	// opened a sentence.
	itSentences = 2
	// maxLookBack is the most names, or earlier speakers, that a pronoun looks back over
	// for its antecedent, besides the limit in sentences: in a sentence of thousands of
	// names, each pronoun would otherwise read them all.
	maxLookBack = 64
)

// Cues around a quotation (attribute.go, cues.go).
const (
	// maxCueAfterWords is how many words after a quotation cueAfter reads for its speech
	// verb ("…,” said Fred Kagan, director of …").
	maxCueAfterWords = 24
	// closeCueWords is how many words may stand between a quotation and the cue after
	// it for the cue to be the quotation's own; closeCueWordsComma when a comma sets
	// an apposition off ("…,” Fred Kagan, director of …, said").
	closeCueWords      = 6
	closeCueWordsComma = 24
	// finalCueTokens and finalCueCommas bound the end of a sentence that finalCue reads
	// back over for "…, Rendell added."; finalCueVerb is how far after the comma the
	// verb may come.
	finalCueTokens = 30
	finalCueCommas = 3
	finalCueVerb   = 6
	// nextSentenceTokens is the longest sentence of its own that nextSentenceCue takes
	// for an attribution ("Trump said."); nextSentenceVerb is how far into it the verb
	// may come.
	nextSentenceTokens = 16
	nextSentenceVerb   = 6
	// possessiveTokens is how many tokens before a quotation possessiveCue reads for the
	// noun that introduces it ("his call for “…”"), possessiveOwner how many before the
	// noun for its owner.
	possessiveTokens = 5
	possessiveOwner  = 3
)

// Subjects and phrases (speakers.go, phrases.go).
const (
	// appositionTokens is the longest apposition subjectLeft reads past between a subject
	// and its verb ("Sanders, the Vermont senator, said").
	appositionTokens = 30
	// clauseCommas is how many commas into a clause clauseSubject looks for a subject.
	clauseCommas = 3
	// phraseLeftTokens and phraseRightTokens are the longest speaker phrases read
	// leftwards from a verb and rightwards after it.
	phraseLeftTokens  = 9
	phraseRightTokens = 10
	// maxSubjectSteps is the most words and phrases that sentenceSubject reads past
	// before the subject (leading conjunctions, adverbials, subordinate clauses): more
	// than any sentence has, and a bound on its cost in a sentence of any length, which
	// it reads once per quotation.
	maxSubjectSteps = 64
	// maxNameBrackets is the most brackets phraseLeft reads past after a name ("Ted Cruz
	// (R-Texas)"): a run of brackets longer than any name has would otherwise be read
	// again for every cue after it.
	maxNameBrackets = 4
)
