package discord

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

// Acknowledgement latency: 200 slash commands, sent 50 at a time over loopback, and the
// time from INTERACTION_CREATE to the deferred callback. The target is a p99 under
// 50 ms (Discord allows 3 s). Run with:
//
//	go test -run '^$' -bench BenchmarkAck -benchtime 20x -count 5 ./bot/discord
const (
	ackCommands = 200
	ackWave     = 50
)

// ackMix is the commands the benchmark sends, in turn.
var ackMix = []fakediscord.InteractionEvent{
	{Command: "brief"},
	{Command: "help"},
	{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "ceasefire"}}},
	{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "ceasefire"}, {Name: "share", Value: true}}},
}

// BenchmarkAck measures acknowledgements over the gateway: the fake Discord writes each
// wave of 50 INTERACTION_CREATE events on the websocket, then waits for their 50
// callbacks; each time runs from the fake's writing the event to its receiving the
// callback (type 5). The bot answers (edits the responses) while the next waves are
// acknowledged.
func BenchmarkAck(b *testing.B) {
	f := newAdapterFixture(b, adapterOptions{quiet: true})
	f.run(b)
	ctx := testContext(b)
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		for wave := 0; wave < ackCommands; wave += ackWave {
			ids := make([]string, 0, ackWave)
			for i := range ackWave {
				in, err := f.fake.SendInteraction(ackMix[(wave+i)%len(ackMix)])
				if err != nil {
					b.Fatal(err)
				}
				ids = append(ids, in.ID)
			}
			for _, id := range ids {
				in, err := f.fake.WaitInteraction(ctx, id, func(in fakediscord.Interaction) bool { return in.Callback != 0 })
				if err != nil {
					b.Fatal(err)
				}
				if in.Callback != fakediscord.CallbackDeferredMessage {
					b.Fatalf("callback %d, want 5", in.Callback)
				}
				lat = append(lat, in.AckedAt.Sub(in.Received))
			}
		}
	}
	b.StopTimer()
	reportLatencies(b, lat)
}

// reportLatencies reports the 50th and 99th percentiles and the maximum.
func reportLatencies(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/float64(time.Millisecond), "max-ms")
	b.ReportMetric(0, "ns/op")
}
