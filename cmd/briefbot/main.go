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
	stop := &stopPolicy{}
	stop.grace.Store(int64(defaultStopGrace))
	ctx = context.WithValue(ctx, stopPolicyKey{}, stop)
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
		if code != exitOK || !stop.graceful.Load() {
			code = signalExit(sig)
		}
		os.Exit(code)
	case <-signals: // a second signal: stop now
	case <-time.After(time.Duration(stop.grace.Load())):
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
// exits without it.
const defaultStopGrace = time.Second

// stopPolicy is how the running command wants main to treat a signal: how long to wait
// for it to stop, and whether a clean stop is a success (serve's graceful shutdown) or,
// as for every other command, an interruption (status 130 or 143).
type stopPolicy struct {
	grace    atomic.Int64 // a time.Duration
	graceful atomic.Bool
}

type stopPolicyKey struct{}

// stopGracefully tells main that the command shuts down cleanly on a signal, within
// bound, when main asked (tests run commands without it).
func stopGracefully(ctx context.Context, bound time.Duration) {
	if p, ok := ctx.Value(stopPolicyKey{}).(*stopPolicy); ok {
		p.grace.Store(int64(bound))
		p.graceful.Store(true)
	}
}
