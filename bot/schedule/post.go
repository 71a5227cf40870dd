package schedule

import (
	"context"
	"fmt"
	"time"
)

// PostNow posts a briefing in the channel at once, as an extra (manual) slot through
// the same ledger: claim, send, mark. It needs no lease, so it works beside a running
// scheduler; a manual slot's ID never equals a scheduled one's. It returns an error
// unless the briefing was posted and recorded; the Outcome says what became of the
// slot: when it is Claimed, another attempt is due, and the scheduler that holds the
// lease makes it inside the grace window.
func (s *Scheduler) PostNow(ctx context.Context, platform, channelID string) (Outcome, error) {
	c := s.byKey[platform+"/"+channelID]
	if c == nil {
		return Outcome{}, fmt.Errorf("schedule: no channel %s/%s in the schedule", platform, channelID)
	}
	slot := Slot{Platform: platform, Channel: channelID, Time: s.now().UTC().Truncate(time.Second), Kind: Manual}
	o := s.attempt(ctx, c, slot, nil, "")
	if o.Err != nil {
		return o, fmt.Errorf("schedule: posting %s now: %w", slot.ID(), o.Err)
	}
	return o, nil
}

// A ChannelStatus is a channel's next slot and the last record in its ledger.
type ChannelStatus struct {
	Channel Channel
	// Next is the channel's next slot, in its time zone (zero when it has none).
	Next time.Time
	// Last is the record of its latest slot of any kind, or nil.
	Last *Record
}

// Overview returns the status of every channel, in the order of Options.Channels.
func (s *Scheduler) Overview(ctx context.Context) ([]ChannelStatus, error) {
	now := s.now()
	out := make([]ChannelStatus, 0, len(s.channels))
	for _, c := range s.channels {
		st := ChannelStatus{Channel: c.Channel, Next: c.Schedule.Next(now)}
		r, ok, err := s.store.Last(ctx, c.Platform, c.ID, "")
		if err != nil {
			return nil, fmt.Errorf("schedule: reading the last slot of %s: %w", c.Key(), err)
		}
		if ok {
			st.Last = &r
		}
		out = append(out, st)
	}
	return out, nil
}
