package feeds

import (
	"math/bits"
	"strings"
	"unicode"
)

// NearBits is how many of 64 bits two SimHashes may differ in for their texts to count
// as one: the same wire story under two outlets' bylines and headlines differs in a few;
// two outlets' own accounts of one event differ in twenty or more (TestSimHashSeparates).
const NearBits = 6

// shingle is the number of words in each feature of a SimHash.
const shingle = 3

// SimHash returns the 64-bit SimHash of text over its overlapping three-word shingles,
// case and punctuation ignored: near-identical texts get hashes a few bits apart. Its
// cost is linear in len(text).
func SimHash(text string) uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return 0
	}
	var counts [64]int
	n := max(1, len(words)-shingle+1)
	for i := range n {
		v := uint64(fnvOffset) // FNV-1a, fixed: SimHashes are stored and compared across runs
		for _, w := range words[i:min(len(words), i+shingle)] {
			for j := 0; j < len(w); j++ {
				v = (v ^ uint64(w[j])) * fnvPrime
			}
			v = (v ^ ' ') * fnvPrime
		}
		v = mix(v)
		for b := range 64 {
			if v&(1<<b) != 0 {
				counts[b]++
			} else {
				counts[b]--
			}
		}
	}
	var out uint64
	for b, c := range counts {
		if c > 0 {
			out |= 1 << b
		}
	}
	return out
}

// Near reports whether two SimHashes are within NearBits of each other.
func Near(a, b uint64) bool { return bits.OnesCount64(a^b) <= NearBits }

// The FNV-1a constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix spreads the bits of an FNV hash (whose high bits depend little on the last bytes).
func mix(v uint64) uint64 {
	v ^= v >> 33
	v *= 0xff51afd7ed558ccd
	v ^= v >> 33
	v *= 0xc4ceb9fe1a85ec53
	v ^= v >> 33
	return v
}
