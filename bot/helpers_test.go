package bot_test

import (
	"io"
	"log/slog"
)

// newTextLogger returns a logger that writes text lines to w.
func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
