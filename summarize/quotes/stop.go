package quotes

import "context"

// stopEvery is how many calls of stopper.stop pass between two looks at the context:
// often enough that a cancelled extraction ends within milliseconds, rarely enough that
// looking costs nothing measurable.
const stopEvery = 1024

// A stopper tells the long loops of one goroutine's work that its context is done. The
// zero stopper and a nil one never stop.
type stopper struct {
	done    <-chan struct{}
	calls   int
	stopped bool
}

func newStopper(ctx context.Context) *stopper { return &stopper{done: ctx.Done()} }

// stop reports whether the context is done, looking at it once every stopEvery calls.
func (s *stopper) stop() bool {
	if s == nil || s.done == nil {
		return false
	}
	if s.stopped {
		return true
	}
	if s.calls++; s.calls%stopEvery != 0 {
		return false
	}
	select {
	case <-s.done:
		s.stopped = true
	default:
	}
	return s.stopped
}

// now reports whether the context is done, looking at it at once.
func (s *stopper) now() bool {
	if s == nil || s.done == nil {
		return false
	}
	if !s.stopped {
		select {
		case <-s.done:
			s.stopped = true
		default:
		}
	}
	return s.stopped
}
