package main

import (
	"bytes"
	"testing"

	"github.com/briefbot/briefbot/bot/feeds"
)

func TestProgress(t *testing.T) {
	t.Run("on a terminal", func(t *testing.T) {
		var w bytes.Buffer
		p := newProgress(&w, true)
		p.update(feeds.Report{Sources: 3, Done: 1, New: 4, Skipped: 2})
		p.update(feeds.Report{Sources: 3, Done: 3, New: 5, Copies: 1, Skipped: 2, Failed: 1})
		p.done()
		want := "\r\x1b[Kfeeds 1/3 · new 4 · copies 0 · skipped 2 · failed 0" +
			"\r\x1b[Kfeeds 3/3 · new 5 · copies 1 · skipped 2 · failed 1\r\x1b[K"
		if w.String() != want {
			t.Errorf("drew %q, want %q", w.String(), want)
		}
	})
	t.Run("elsewhere", func(t *testing.T) {
		var w bytes.Buffer
		p := newProgress(&w, false)
		p.update(feeds.Report{Sources: 1, Done: 1})
		p.done()
		if w.Len() != 0 {
			t.Errorf("drew %q off a terminal, want nothing", w.String())
		}
	})
}
