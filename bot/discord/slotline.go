package discord

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// A post with an idempotency key (a scheduled slot's ID) carries the key twice: as its
// nonce, which makes a retried Create Message return the message first made, and in
// the message itself, on a line of its own, since Discord's history never returns
// nonces and Find must recognise the message there. That line, the slot line, reads
//
//	briefbot · slot 2026-12-02 07:00 UTC · discord/1300000000000000001/2026-12-02T07:00:00Z
//
// the time being the one the key ends with (in UTC, with its seconds when it has
// some), and "briefbot · slot KEY" for a key that ends with no time. In the embeds
// style it is the last line of the footer of the message's last embed, under the
// briefing's own footer, in the small grey type of footers; in the plain style, and in
// a message without embeds, it is the content's last line, as subtext ("-# "). The
// first message of a post carries the key, the others key#2, key#3, … as their nonces
// do; Find looks for the first.

// maxKey bounds the characters of a post's key; a scheduled slot's ID has about 60.
const maxKey = 100

// subtext starts a line of content that Discord shows small and grey.
const subtext = "-# "

// checkKey returns an error unless key can be carried in a message as it is: at most
// maxKey characters, each a letter or digit of ASCII or one of / : . - + #, and no
// "://" (no markdown and no link, so that its line reads back exactly as it was
// written, and shows as written).
func checkKey(key string) error {
	ok := len(key) <= maxKey && !strings.Contains(key, "://") && !strings.ContainsFunc(key, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("/:.-+#", r))
	})
	if !ok {
		return fmt.Errorf("discord: the key %.120q is not one a message can carry: want at most %d letters, digits and / : . - + # (a scheduled slot's ID)", key, maxKey)
	}
	return nil
}

// slotLine returns the line that carries key in a message (see above); key must pass
// checkKey.
func slotLine(key string) string {
	const prefix = "briefbot · slot "
	last := key[strings.LastIndexByte(key, '/')+1:]
	if i := strings.IndexByte(last, '#'); i >= 0 {
		last = last[:i]
	}
	t, err := time.Parse(time.RFC3339, last)
	if err != nil {
		return prefix + key
	}
	layout := "2006-01-02 15:04 UTC"
	if t.Second() != 0 {
		layout = "2006-01-02 15:04:05 UTC"
	}
	return prefix + t.UTC().Format(layout) + " · " + key
}

// slotLineRoom is the room a message keeps for the slot line of any message of a post
// with key: the longest, key#MaxMessages, on a line of subtext.
func slotLineRoom(key string) int {
	return textLen(slotLine(fmt.Sprintf("%s#%d", key, MaxMessages))) + len("\n"+subtext)
}

// withSlotLine returns m carrying line: as the last line of its last embed's footer,
// or, without embeds, as a last line of subtext, the content cut to make room if it
// must be.
func withSlotLine(m message, line string) message {
	if n := len(m.Embeds); n > 0 {
		embeds := append([]*discordgo.MessageEmbed(nil), m.Embeds...)
		last := *embeds[n-1]
		footer := line
		if last.Footer != nil && last.Footer.Text != "" {
			footer = last.Footer.Text + "\n" + line
		}
		last.Footer = &discordgo.MessageEmbedFooter{Text: footer}
		embeds[n-1] = &last
		m.Embeds = embeds
		return m
	}
	add := subtext + line
	if m.Content != "" {
		add = "\n" + add
	}
	m.Content = fit(m.Content, MaxContent-textLen(add)) + add
	return m
}

// holdsLine reports whether a message carries line where withSlotLine puts it: a line
// of an embed's footer, or a line of subtext in the content.
func holdsLine(m *discordgo.Message, line string) bool {
	for _, e := range m.Embeds {
		if e != nil && e.Footer != nil && hasLine(e.Footer.Text, line) {
			return true
		}
	}
	return hasLine(m.Content, subtext+line)
}

// hasLine reports whether one of the lines of text is line.
func hasLine(text, line string) bool {
	for l := range strings.SplitSeq(text, "\n") {
		if l == line {
			return true
		}
	}
	return false
}
