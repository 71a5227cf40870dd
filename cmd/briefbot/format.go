package main

import (
	"bytes"
	"flag"
	"io"
	"slices"

	"github.com/briefbot/briefbot/bot"
)

// format is the --format flag of the commands that print an answer.
type format struct{ name *string }

func formatFlag(fs *flag.FlagSet) format {
	return format{fs.String("format", "text", "output `format`: text, markdown or json")}
}

func (f format) check() error {
	if !slices.Contains([]string{"text", "markdown", "json"}, *f.name) {
		return usagef("bad --format %q: want text, markdown or json", *f.name)
	}
	return nil
}

// An answer is what commands print in the three formats: a briefing, a who-said answer.
type answer interface {
	WriteText(io.Writer) error
	WriteMarkdown(io.Writer) error
	WriteJSON(io.Writer) error
}

// write prints a in the chosen format. Text and Markdown lose the control characters a
// terminal would act on (article text is not trusted); JSON escapes them.
func (f format) write(w io.Writer, a answer) error {
	if *f.name == "json" {
		return a.WriteJSON(w)
	}
	var buf bytes.Buffer
	var err error
	if *f.name == "markdown" {
		err = a.WriteMarkdown(&buf)
	} else {
		err = a.WriteText(&buf)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, bot.PlainText(buf.String()))
	return err
}
