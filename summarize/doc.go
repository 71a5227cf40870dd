// Package summarize is an extractive multi-document summarizer for news. It chooses, from
// all the sentences of a set of articles, a short non-redundant set that covers what the
// articles report, and keeps for every chosen sentence the article it came from and the
// other articles that say the same thing.
//
// It is a pure library: the standard library, a stemmer and a word list (the frequency
// lists of github.com/ccojocar/zxcvbn-go, read on first use, to split words that web
// pages glue together), no logging, no network. Text arrives as Articles (ReadFS and
// ReadFSContext read them from any fs.FS).
//
// # Input and cancellation
//
// The analysis takes memory in proportion to its input, so the input is bounded: Limits
// (by default DefaultMaxBytes of text and DefaultMaxArticles articles) are enforced by
// ReadFSContext as it reads, and Limits.Check checks articles from any other source
// before NewCorpusContext; input over them is refused with a LimitError, which wraps
// ErrTooMuchInput. ReadFSContext, NewCorpusContext and Corpus.SummarizeContext check
// their context per file, per article and inside every long loop, and stop with an
// error wrapping ctx.Err() once it is done; ReadFS, NewCorpus and Corpus.Summarize are
// the same on context.Background().
//
// # Pipeline
//
//  1. Segment cuts each article into sentences, headlines, captions and list items,
//     keeping byte offsets into the original text (see Segment for the rules).
//  2. Boilerplate never reaches a summary: lines without final punctuation (headlines,
//     captions, labels), list items, bylines, credit lines ("contributed to this
//     report"), update notes, copyright and wire lines, photo captions, promotions,
//     headlines of other stories in title case, embedded posts, scripts, link dumps and
//     web archive notes, and the article's own title (without a manifest, the best
//     headline-like line of its first five). Datelines ("(CNN) —", "(CNN)"), opening
//     connectives ("But", "However,") and time phrases without a date ("Earlier this
//     week,") are trimmed; attributions to unnamed sources (", officials said.") and
//     short parentheticals without figures are left out of what a summary shows; words
//     that a web page glued together ("hehad") are split where the corpus and a word
//     list agree.
//  3. Words are lower-cased and stemmed (Snowball English) into terms. A concept is a
//     content word or a pair of adjacent words that are not both stop words.
//  4. Each concept is weighed by a logistic model of the chance that a human summary of
//     the articles uses it, from how many articles mention it, how often, how early in
//     each article, whether a title holds it, whether it is a name (capitalised inside
//     sentences), a number, or a pair with a stop word. The model was fitted once on
//     Multi-News and is the same for every input (docs/quality.md).
//  5. Coverage (the default) picks sentences greedily by the weight of the concepts they
//     add per word, with a bonus for early sentences that stories of one to three
//     articles feel most, until the word budget is reached. A concept counts once,
//     however many chosen sentences hold it, and the headline's concepts count as told
//     before the first point, so the summary does not repeat itself: this is the
//     classic greedy for budgeted maximum coverage, a submodular objective, made lazy
//     with a heap. A sentence that makes a chosen point again, or the headline's, is not
//     chosen: close in words (cosine 0.5), or a third of its words shared and no name,
//     figure or date the other lacks. A sentence that opens with a pronoun or a bare
//     reference, or quotes someone it does not name, is chosen only with its referent
//     (SummarizeResolved) or right after the sentence before it. LexRank, the baseline,
//     ranks sentences by continuous LexRank centrality instead.
//  6. Near-duplicates merge: a sentence of another article whose content words are close
//     to a chosen sentence (cosine similarity 0.5 or more) is listed in Pick.Also when it
//     carries every figure, date, name and negation of it, so that the chosen sentence
//     cites exactly the outlets that report it; one that reports the point with other
//     facts is a Variant, so that a briefing can say who reports what.
//  7. The chosen sentences are put in reading order: lead material first (by position in
//     the article), older reports first.
//
// The same articles and options always give the same summary.
//
// # Cost
//
// Let n be the number of words of the input. Segmentation, boilerplate removal and
// tokenization are linear in n and run in parallel over articles. Concepts are counted
// in one pass (O(n)), split by hash over processors, in an open-addressing table. The
// greedy costs O(m log m) for m candidate sentences, plus the recomputation of the gains
// of the few candidates that reach the top of the heap. Near-duplicate detection is one
// pass over the corpus that compares each sentence with all chosen ones at once. No step
// builds the n×n similarity matrix of sentence pairs, so the whole summary is O(n log n)
// in the worst case and linear in practice (docs/performance.md). Nothing is done per
// article for every other article either: the headline and the documents that carry a
// pick (Pick.Docs) are found with sets, so that thousands of tiny articles that report
// the same sentence cost no more than their words.
//
// LexRank builds a sparse similarity graph through an inverted index: only sentences that
// share a term are compared. Above 4,000 candidate sentences it keeps each sentence's 32
// most similar neighbours and ignores terms found in more than 256 sentences (their IDF
// is near zero), so that its cost stays near linear too.
package summarize
