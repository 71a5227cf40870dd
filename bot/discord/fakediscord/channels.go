package fakediscord

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// nonceEntry is the message first created with a nonce; its Created says when.
type nonceEntry struct {
	msg *Message
}

// Forbid makes a channel one the bot cannot see (posting in it, reading its messages
// and the channel itself answer 403 Missing Access), or one it can again.
func (s *Server) Forbid(channelID string, forbidden bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forbidden[channelID] = forbidden
}

// DenyHistory makes a channel's history unreadable to the bot, or readable again: GET
// channels/{id}/messages answers an empty list, as Discord does for a bot without the
// Read Message History permission; posting still works.
func (s *Server) DenyHistory(channelID string, denied bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noHistory[channelID] = denied
}

// AddMessage keeps m in its channel's history without an event, as a message sent while
// the bot was away, or one the bot posted that no request of the test made. Its ID is
// a new one when empty, its channel ChannelID, its author UserID, its time now; it
// returns the message kept.
func (s *Server) AddMessage(m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.ChannelID == "" {
		m.ChannelID = ChannelID
	}
	if m.GuildID == "" {
		m.GuildID = s.guildOf(m.ChannelID)
	}
	if m.AuthorID == "" {
		m.AuthorID = UserID
	}
	if m.AuthorName == "" {
		m.AuthorName = userName(m.AuthorID)
	}
	m.AuthorBot = m.AuthorBot || m.AuthorID == BotUserID
	if m.Created.IsZero() {
		m.Created = s.now()
	}
	m.Embeds = slices.Clone(m.Embeds)
	s.messages[m.ChannelID] = append(s.messages[m.ChannelID], &m)
	s.notify()
	return m
}

// Messages returns the messages of a channel, oldest first, ephemeral ones included.
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages[channelID]))
	for _, m := range s.messages[channelID] {
		out = append(out, *m)
	}
	return out
}

// WaitMessages waits until a channel holds at least n messages by the bot, and returns
// them, oldest first.
func (s *Server) WaitMessages(ctx context.Context, channelID string, n int) ([]Message, error) {
	var out []Message
	err := s.wait(ctx, func() bool {
		out = out[:0]
		for _, m := range s.messages[channelID] {
			if m.AuthorID == BotUserID {
				out = append(out, *m)
			}
		}
		return len(out) >= n
	})
	return out, err
}

// guildOf returns the guild of a channel: none for a DM. s.mu must be held.
func (s *Server) guildOf(channelID string) string {
	if s.dms[channelID] {
		return ""
	}
	return GuildID
}

// findLocked returns the message with the given ID in a channel. s.mu must be held.
func (s *Server) findLocked(channelID, id string) *Message {
	for _, m := range s.messages[channelID] {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// pinged is who a message pings: users, roles, and everyone in the channel (@everyone,
// @here).
type pinged struct {
	users, roles []string
	everyone     bool
}

// pings returns who a message pings: those its content mentions (<@ID>, <@!ID>,
// <@&ID>, @everyone, @here) that its allowed_mentions allow (all, when it has none).
// Embeds ping no one, as in Discord.
func pings(content string, am *AllowedMentions) pinged {
	users, roles := mentionsIn(content), roleMentionsIn(content)
	everyone := strings.Contains(content, "@everyone") || strings.Contains(content, "@here")
	if am == nil {
		return pinged{users, roles, everyone}
	}
	var p pinged
	for _, id := range users {
		if contains(am.Parse, "users") || contains(am.Users, id) {
			p.users = append(p.users, id)
		}
	}
	for _, id := range roles {
		if contains(am.Parse, "roles") || contains(am.Roles, id) {
			p.roles = append(p.roles, id)
		}
	}
	p.everyone = everyone && contains(am.Parse, "everyone")
	return p
}

// newBotMessage returns a message by the bot in a channel from a request body. s.mu must
// be held.
func (s *Server) newBotMessage(channelID string, b *MessageBody) *Message {
	p := pings(b.Content, b.AllowedMentions)
	return &Message{
		ID: s.newID(), ChannelID: channelID, GuildID: s.guildOf(channelID),
		AuthorID: BotUserID, AuthorName: BotName, AuthorBot: true,
		Content: b.Content, Embeds: slices.Clone(b.Embeds), Flags: b.Flags, Nonce: string(b.Nonce),
		Mentions: p.users, MentionRoles: p.roles, MentionEveryone: p.everyone, Created: s.now(),
	}
}

// createMessage serves POST channels/{channel}/messages: the limits checked, a reply's
// reference resolved, and a nonce with enforce_nonce answered with the message first
// created with it.
func (s *Server) createMessage(_ *http.Request, req *Request) reply {
	b := req.Message
	if e := checkBody(b, channelFlags); len(e) > 0 {
		return e.reply()
	}
	if empty(b.Content, b.Embeds) {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.forbidden[req.ChannelID] {
		return apiError(http.StatusForbidden, 50001, "Missing Access")
	}
	key := BotUserID + "/" + string(b.Nonce)
	if e, ok := s.nonces[key]; ok && b.EnforceNonce && b.Nonce != "" && s.now().Sub(e.msg.Created) < NonceWindow {
		return reply{status: http.StatusOK, body: e.msg.wire(true)}
	}
	m := s.newBotMessage(req.ChannelID, b)
	if ref := b.MessageReference; ref != nil {
		refChannel := ref.ChannelID
		if refChannel == "" {
			refChannel = req.ChannelID
		}
		switch {
		case s.findLocked(refChannel, ref.MessageID) != nil:
			r := *ref
			r.ChannelID = refChannel
			m.Reference, m.Type = &r, 19
		case ref.FailIfNotExists != nil && !*ref.FailIfNotExists:
		default:
			e := formErrors{}
			e.add("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
			return e.reply()
		}
	}
	s.addLocked(m)
	return reply{status: http.StatusOK, body: m.wire(true)}
}

// addLocked stores a new message, takes its nonce, and echoes it to the bot. s.mu must
// be held.
func (s *Server) addLocked(m *Message) {
	s.messages[m.ChannelID] = append(s.messages[m.ChannelID], m)
	if m.Nonce != "" && m.AuthorID == BotUserID {
		key := BotUserID + "/" + m.Nonce
		if e, ok := s.nonces[key]; !ok || s.now().Sub(e.msg.Created) >= NonceWindow {
			s.nonces[key] = nonceEntry{msg: m}
		}
	}
	if m.AuthorID == BotUserID && !m.Ephemeral() {
		s.echoLocked(m)
	}
	s.notify()
}

// history serves GET channels/{channel}/messages: newest first, limit (1 to 100, 50 by
// default), before and after; without nonces, and without ephemeral messages.
func (s *Server) history(r *http.Request, req *Request) reply {
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			e := formErrors{}
			e.add("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
			return e.reply()
		}
		limit = n
	}
	before, _ := strconv.ParseUint(q.Get("before"), 10, 64)
	after, _ := strconv.ParseUint(q.Get("after"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.forbidden[req.ChannelID] {
		return apiError(http.StatusForbidden, 50001, "Missing Access")
	}
	msgs := s.messages[req.ChannelID]
	if s.noHistory[req.ChannelID] {
		msgs = nil
	}
	out := []map[string]any{}
	for i := len(msgs) - 1; i >= 0 && len(out) < limit; i-- {
		m := msgs[i]
		id, _ := strconv.ParseUint(m.ID, 10, 64)
		if m.Ephemeral() || (before != 0 && id >= before) || (after != 0 && id <= after) {
			continue
		}
		out = append(out, m.wire(false))
	}
	return reply{status: http.StatusOK, body: out}
}

// channel serves GET channels/{channel}: a text channel of the guild, or a DM, with the
// ID of its last message (null when it has none).
func (s *Server) channel(_ *http.Request, req *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.forbidden[req.ChannelID] {
		return apiError(http.StatusForbidden, 50001, "Missing Access")
	}
	var last any
	for _, m := range s.messages[req.ChannelID] {
		if !m.Ephemeral() {
			last = m.ID
		}
	}
	ch := map[string]any{"id": req.ChannelID, "type": 0, "guild_id": GuildID, "name": "general", "last_message_id": last}
	if s.dms[req.ChannelID] {
		ch = map[string]any{"id": req.ChannelID, "type": 1, "last_message_id": last}
	}
	return reply{status: http.StatusOK, body: ch}
}
