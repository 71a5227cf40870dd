// Command briefbot turns news articles into a short briefing and answers questions about
// them, on the command line and in chat.
//
// Run "briefbot --help" for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"
	_ "time/tzdata" // time zones for dates and the coming schedules, even in images without zoneinfo
)

func main() {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	var grace atomic.Int64
	grace.Store(int64(defaultStopGrace))
	ctx = withStopGrace(ctx, &grace)
	done := make(chan int, 1)
	go func() { done <- run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }()

	var sig os.Signal
	select {
	case code := <-done:
		os.Exit(code)
	case sig = <-signals:
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			code = signalExit(sig)
		}
		os.Exit(code)
	case <-signals: // a second signal: stop now
	case <-time.After(time.Duration(grace.Load())):
	}
	fmt.Fprintf(os.Stderr, "briefbot: stopped by %v before the work finished\n", sig)
	os.Exit(signalExit(sig))
}

// signalExit is the exit status of a process stopped by sig, as shells report it.
func signalExit(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitError
}

// defaultStopGrace is how long a command has to stop after SIGINT or SIGTERM before main
// exits without it; serve raises it to its shutdown_timeout.
const defaultStopGrace = time.Second

type stopGraceKey struct{}

// withStopGrace returns a context that carries where a command may raise its stop grace.
func withStopGrace(ctx context.Context, grace *atomic.Int64) context.Context {
	return context.WithValue(ctx, stopGraceKey{}, grace)
}

// setStopGrace tells main how long the command needs to stop once signalled, when main
// asked (tests run commands without it).
func setStopGrace(ctx context.Context, d time.Duration) {
	if g, ok := ctx.Value(stopGraceKey{}).(*atomic.Int64); ok {
		g.Store(int64(d))
	}
}
