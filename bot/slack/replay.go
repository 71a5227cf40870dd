package slack

import (
	"crypto/sha256"
	"sync"
	"time"
)

// The replay memory is sized in bytes. Only requests whose signature verified are stored,
// so it fills only with requests that Slack signed; when it is full, the entries closest
// to expiry are forgotten first, and a fresh valid request is always accepted.
const (
	// replayMemoryBytes bounds the memory the replay cache takes.
	replayMemoryBytes = 16 << 20
	// replayEntryBytes is what one entry takes, or more: the 40-byte heap element, and the
	// map's 32-byte key with its share of buckets (BenchmarkReplayCacheBytes measures it).
	replayEntryBytes = 128
	// maxReplayEntries is the number of entries that fit in replayMemoryBytes.
	maxReplayEntries = replayMemoryBytes / replayEntryBytes
)

// replayKey identifies what a request signed: the decoded bytes of its signature, the
// HMAC of its timestamp and body. Every spelling of the same signature (hex in upper or
// mixed case) has the same key.
type replayKey [sha256.Size]byte

// replayEntry is a key with the time (Unix nanoseconds) after which its timestamp is
// too old to be accepted, so that it need not be remembered.
type replayEntry struct {
	key     replayKey
	expires int64
}

// replayCache remembers the requests it accepted until their timestamps expire, so that a
// captured request cannot be played again within MaxSkew. Its memory is bounded: when
// full, it forgets the entries that expire first.
type replayCache struct {
	mu   sync.Mutex
	max  int
	seen map[replayKey]struct{}
	heap []replayEntry // a min-heap on expires; the same keys as seen
}

func newReplayCache(max int) *replayCache {
	return &replayCache{max: max, seen: map[replayKey]struct{}{}}
}

// add records key until expires, and reports whether it is new (false: a replay), and
// how many entries it forgot before their expiry to make room.
func (c *replayCache) add(key replayKey, expires, now time.Time) (fresh bool, evicted int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.heap) > 0 && c.heap[0].expires < now.UnixNano() {
		delete(c.seen, c.pop().key)
	}
	if _, ok := c.seen[key]; ok {
		return false, 0
	}
	for len(c.heap) >= max(c.max, 1) {
		delete(c.seen, c.pop().key)
		evicted++
	}
	c.seen[key] = struct{}{}
	c.push(replayEntry{key: key, expires: expires.UnixNano()})
	return true, evicted
}

// push adds e to the heap.
func (c *replayCache) push(e replayEntry) {
	c.heap = append(c.heap, e)
	for i := len(c.heap) - 1; i > 0; {
		parent := (i - 1) / 2
		if c.heap[parent].expires <= c.heap[i].expires {
			break
		}
		c.heap[parent], c.heap[i] = c.heap[i], c.heap[parent]
		i = parent
	}
}

// pop removes and returns the entry that expires first.
func (c *replayCache) pop() replayEntry {
	h := c.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h[l].expires < h[least].expires {
			least = l
		}
		if r < len(h) && h[r].expires < h[least].expires {
			least = r
		}
		if least == i {
			break
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
	c.heap = h
	return top
}
