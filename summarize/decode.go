package summarize

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText turns file contents into text. It returns a non-empty reason when the file is
// not an article, and a note when the text needed a repair.
//
// Text in UTF-16 with a byte order mark, little- or big-endian, is decoded to UTF-8; other
// text is read as UTF-8, or as Windows-1252 when it is not valid UTF-8.
func decodeText(data []byte) (text, note, reason string) {
	// A byte order mark is no part of the text; left in, it would stick to the title and
	// hide a dateline or an HTML page.
	wide := false
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		data, wide = decodeUTF16(data[2:], binary.LittleEndian), true
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		data, wide = decodeUTF16(data[2:], binary.BigEndian), true
	default:
		data = bytes.TrimPrefix(data, []byte("\ufeff"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", "", "empty file"
	}
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 || controlShare(head) > 0.1 {
		return "", "", "binary file"
	}
	if isHTML(head) {
		return "", "", "an HTML page, not plain text"
	}
	if wide || utf8.Valid(data) {
		return string(data), "", ""
	}
	return decodeWindows1252(data), "not valid UTF-8: read as Windows-1252", ""
}

// decodeUTF16 decodes UTF-16 text in the byte order order to UTF-8. Unpaired surrogates
// and an odd last byte become U+FFFD.
func decodeUTF16(data []byte, order binary.ByteOrder) []byte {
	out := make([]byte, 0, len(data)+len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		r := rune(order.Uint16(data[i:]))
		if utf16.IsSurrogate(r) {
			r2 := utf8.RuneError
			if i+3 < len(data) {
				r2 = rune(order.Uint16(data[i+2:]))
			}
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				r = dec
				i += 2
			} else {
				r = utf8.RuneError
			}
		}
		out = utf8.AppendRune(out, r)
	}
	if len(data)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}

// isHTML reports whether a file that starts with head is a web page: it opens with a tag,
// a comment or a doctype, and its first kilobyte has an html, head or body tag.
func isHTML(head []byte) bool {
	lead := bytes.ToLower(bytes.TrimSpace(head[:min(len(head), 1024)]))
	if !bytes.HasPrefix(lead, []byte("<")) {
		return false
	}
	return bytes.HasPrefix(lead, []byte("<!doctype html")) || bytes.Contains(lead, []byte("<html")) ||
		bytes.Contains(lead, []byte("<head")) || bytes.Contains(lead, []byte("<body"))
}

// controlShare is the share of bytes in b that are control characters other than white space.
func controlShare(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// windows1252 maps the bytes 0x80 to 0x9F, where Windows-1252 differs from Latin-1.
var windows1252 = [32]rune{
	'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
	'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
}

func decodeWindows1252(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xa0:
			b.WriteRune(windows1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
