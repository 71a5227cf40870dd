// Package seeds holds the default corpus that ships inside the briefbot binary: five news
// reports of one story (the Trump–Putin phone call of 19 May 2025) and a manifest that gives
// each article its title, outlet and date.
//
// The articles are plain UTF-8 text, one paragraph a line. The manifest format is the one any
// article folder may carry; see summarize.ReadFS.
package seeds

import "embed"

// FS is the embedded corpus: the article files and manifest.json at its root.
//
//go:embed *.txt manifest.json
var FS embed.FS
