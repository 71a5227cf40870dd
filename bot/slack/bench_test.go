package slack

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// Ack latency: 200 slash commands, sent 50 at a time over loopback, and the time from
// sending each to its acknowledgement. The target is a p99 under 50 ms (Slack allows
// 3 s). Run with:
//
//	go test -run '^$' -bench BenchmarkAck -benchtime 20x -count 5 ./bot/slack
const (
	ackCommands = 200
	ackWave     = 50
)

// ackCommandsMix is the commands the benchmark sends, in turn.
var ackCommandsMix = []fakeslack.Command{
	{Command: "/brief", ChannelID: "C1"},
	{Command: "/help", ChannelID: "C2"},
	{Command: "/who-said", Text: "ceasefire", ChannelID: "C3"},
	{Command: "/nonsense", ChannelID: "C4"},
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

// BenchmarkAckSocketMode measures acknowledgements over Socket Mode: the fake Slack
// writes each wave of 50 envelopes on the websocket, then waits for their 50 acks.
func BenchmarkAckSocketMode(b *testing.B) {
	f := newFixture(b, fixtureOptions{discard: true})
	f.runSocket(b)
	ctx := waitCtx(b)
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		for wave := 0; wave < ackCommands; wave += ackWave {
			ids := make([]string, 0, ackWave)
			for i := range ackWave {
				id, err := f.fake.SendCommand(ackCommandsMix[(wave+i)%len(ackCommandsMix)])
				if err != nil {
					b.Fatal(err)
				}
				ids = append(ids, id)
			}
			for _, id := range ids {
				ack, err := f.fake.WaitAck(ctx, id)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, ack.At.Sub(f.fake.Sent(id)))
			}
		}
	}
	b.StopTimer()
	reportLatencies(b, lat)
}

// BenchmarkAckHTTP measures acknowledgements of the HTTP endpoint: each wave is 50
// signed requests sent at once from 50 goroutines, timed from sending the request to
// reading the response.
func BenchmarkAckHTTP(b *testing.B) {
	f := newFixture(b, fixtureOptions{discard: true})
	srv := httptest.NewServer(f.a.Handler())
	b.Cleanup(srv.Close)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: ackWave}, Timeout: 10 * time.Second}
	var (
		mu  sync.Mutex
		lat []time.Duration
		seq int
	)
	b.ResetTimer()
	for range b.N {
		for wave := 0; wave < ackCommands; wave += ackWave {
			var wg sync.WaitGroup
			for i := range ackWave {
				seq++
				c := ackCommandsMix[(wave+i)%len(ackCommandsMix)]
				body := commandForm(c.Command, c.Text, f.fake.ResponseURL(fmt.Sprint("h", seq))) + fmt.Sprintf("&trigger_id=bench-%d", seq)
				wg.Go(func() {
					r := signed(body, time.Now(), testSecret)
					req, err := http.NewRequest(http.MethodPost, srv.URL+"/slack/commands", strings.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					req.Header = r.Header
					start := time.Now()
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					resp.Body.Close()
					d := time.Since(start)
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				})
			}
			wg.Wait()
		}
	}
	b.StopTimer()
	reportLatencies(b, lat)
}

// BenchmarkReplayCacheBytes fills a replay cache to maxReplayEntries and reports the heap
// it takes an entry, which replayEntryBytes must not be below. Run with:
//
//	go test -run '^$' -bench BenchmarkReplayCacheBytes -count 5 ./bot/slack
func BenchmarkReplayCacheBytes(b *testing.B) {
	now := time.Unix(1_000_000, 0)
	var perEntry float64
	for range b.N {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c := newReplayCache(maxReplayEntries)
		for i := range maxReplayEntries {
			var k replayKey
			binary.LittleEndian.PutUint64(k[:], uint64(i))
			c.add(k, now.Add(time.Duration(i%600)*time.Second), now)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perEntry = float64(after.HeapAlloc-before.HeapAlloc) / maxReplayEntries
		runtime.KeepAlive(c)
	}
	b.ReportMetric(perEntry, "B/entry")
	b.ReportMetric(float64(maxReplayEntries), "entries")
}

// BenchmarkReplayCacheFull measures an add to a full cache: each one forgets the entry
// that expires first.
func BenchmarkReplayCacheFull(b *testing.B) {
	now := time.Unix(1_000_000, 0)
	c := newReplayCache(maxReplayEntries)
	var k replayKey
	for i := range maxReplayEntries {
		binary.LittleEndian.PutUint64(k[:], uint64(i))
		c.add(k, now.Add(time.Duration(i%600)*time.Second), now)
	}
	b.ResetTimer()
	for i := range b.N {
		binary.LittleEndian.PutUint64(k[:], uint64(maxReplayEntries+i))
		c.add(k, now.Add(time.Duration(i%600)*time.Second), now)
	}
}
