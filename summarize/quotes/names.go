package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s and strips its diacritics: "Zelenskyy" → "zelenskyy", "Lazăr" →
// "lazar".
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || 'A' <= s[i] && s[i] <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := norm.NFD.String(s) // s itself when it is in NFD already
	var b strings.Builder
	b.Grow(len(t))
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf {
			// ASCII, most of any text: no marks, and lower case is a shift.
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		i += n
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// skeleton returns the key under which spellings of one name meet across articles: folded,
// letters only, doubled letters single, and the common transliterations of -ский made one
// ("Zelenskyy", "Zelensky", "Zelenskiy" → "zelensky").
func skeleton(name string) string {
	f := fold(name)
	var b strings.Builder
	var prev rune
	for _, r := range f {
		if !unicode.IsLetter(r) {
			continue
		}
		if r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	s := b.String()
	for _, suf := range [...][2]string{{"skiy", "sky"}, {"skyi", "sky"}, {"skii", "sky"}, {"skij", "sky"}, {"ski", "sky"}, {"iy", "y"}} {
		if strings.HasSuffix(s, suf[0]) && len(s) > len(suf[0])+2 {
			s = s[:len(s)-len(suf[0])] + suf[1]
			break
		}
	}
	return s
}
