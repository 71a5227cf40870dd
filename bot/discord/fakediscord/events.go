package fakediscord

import (
	"fmt"
	"time"
)

// An InteractionEvent is a slash command to send as INTERACTION_CREATE.
type InteractionEvent struct {
	// Command is the command's name ("brief", "who-said", …).
	Command string
	// Options are its options, in order.
	Options []Option
	// ChannelID and UserID default to ChannelID (DMChannelID in a DM) and UserID.
	ChannelID, UserID string
	// DM sends it from the user's DM with the bot rather than from the guild.
	DM bool
}

// An Option is a command option: a string, bool, int or float64 value.
type Option struct {
	Name  string
	Value any
}

// optionType is the application command option type of a value.
func optionType(v any) (int, error) {
	switch v.(type) {
	case string:
		return 3, nil
	case int, int64:
		return 4, nil
	case bool:
		return 5, nil
	case float64:
		return 10, nil
	}
	return 0, fmt.Errorf("fakediscord: an option value of type %T", v)
}

// SendInteraction sends a slash command as INTERACTION_CREATE in the gateway session,
// and returns the interaction, whose ID and Token the app's callback, edit and
// follow-ups must use. It fails with ErrNoSession when no client has a session.
func (s *Server) SendInteraction(ev InteractionEvent) (Interaction, error) {
	var opts []map[string]any
	for _, o := range ev.Options {
		t, err := optionType(o.Value)
		if err != nil {
			return Interaction{}, err
		}
		opts = append(opts, map[string]any{"name": o.Name, "type": t, "value": o.Value})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in := &interaction{Interaction: Interaction{
		ID: s.newID(), Command: ev.Command, ChannelID: ev.ChannelID, UserID: ev.UserID, Received: s.now(),
	}}
	in.Token = "fake-interaction-token." + in.ID + "." + s.newID()
	if in.UserID == "" {
		in.UserID = UserID
	}
	if in.ChannelID == "" {
		in.ChannelID = ChannelID
		if ev.DM {
			in.ChannelID = DMChannelID
		}
	}
	if ev.DM {
		s.dms[in.ChannelID] = true
	}
	in.GuildID = s.guildOf(in.ChannelID)
	user := userObject(in.UserID, userName(in.UserID), false)
	p := map[string]any{
		"id": in.ID, "application_id": AppID, "type": 2, "token": in.Token, "version": 1,
		"data":       map[string]any{"id": s.commandIDLocked(in.GuildID, ev.Command), "name": ev.Command, "type": 1, "options": opts},
		"channel_id": in.ChannelID, "app_permissions": "2147485696", "locale": "en-US",
	}
	if in.GuildID != "" {
		p["guild_id"], p["guild_locale"], p["context"] = in.GuildID, "en-US", 0
		p["channel"] = map[string]any{"id": in.ChannelID, "type": 0, "guild_id": in.GuildID}
		p["member"] = map[string]any{"user": user, "roles": []string{}, "permissions": "2147485696", "joined_at": s.now().UTC().Format(time.RFC3339)}
		p["authorizing_integration_owners"] = map[string]string{"0": in.GuildID}
	} else {
		p["context"], p["user"] = 1, user
		p["channel"] = map[string]any{"id": in.ChannelID, "type": 1}
		p["authorizing_integration_owners"] = map[string]string{"0": "0"}
	}
	if err := s.dispatchLocked("INTERACTION_CREATE", p); err != nil {
		return Interaction{}, fmt.Errorf("fakediscord: sending /%s: %w", ev.Command, err)
	}
	s.interactions[in.ID] = in
	s.byToken[in.Token] = in
	return in.snapshot(), nil
}

// commandIDLocked returns the ID of a registered command: the guild's, else the global
// one, else a new ID. s.mu must be held.
func (s *Server) commandIDLocked(guildID, name string) string {
	for _, g := range []string{guildID, ""} {
		if id, ok := s.cmdIDs[g+"/"+name]; ok {
			return id
		}
	}
	return s.newID()
}

// A MessageEvent is a message a user sends, to send as MESSAGE_CREATE.
type MessageEvent struct {
	// Content is the message's text; "<@" + BotUserID + ">" mentions the bot.
	Content string
	// ChannelID defaults to ChannelID (DMChannelID in a DM); AuthorID to UserID.
	ChannelID, AuthorID string
	// AuthorBot makes the author a bot.
	AuthorBot bool
	// DM sends it in the author's DM with the bot.
	DM bool
}

// SendMessage sends a user's message as MESSAGE_CREATE in the gateway session, and keeps
// it in the channel's history (a reply can refer to it). As Discord does without the
// MESSAGE_CONTENT intent, the event's content is blank unless the message mentions the
// bot or is a DM. It fails with ErrNoSession when no client has a session, and with
// ErrNotSubscribed when the session's intents lack GUILD_MESSAGES (DIRECT_MESSAGES for a
// DM).
func (s *Server) SendMessage(ev MessageEvent) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := ev.ChannelID
	if ch == "" {
		ch = ChannelID
		if ev.DM {
			ch = DMChannelID
		}
	}
	if ev.DM {
		s.dms[ch] = true
	}
	author := ev.AuthorID
	if author == "" {
		author = UserID
	}
	m := &Message{
		ID: s.newID(), ChannelID: ch, GuildID: s.guildOf(ch), AuthorID: author, AuthorName: userName(author),
		AuthorBot: ev.AuthorBot || author == BotUserID, Content: ev.Content, Mentions: mentionsIn(ev.Content), Created: s.now(),
	}
	if err := s.dispatchMessageLocked(m); err != nil {
		return Message{}, fmt.Errorf("fakediscord: sending a message: %w", err)
	}
	s.messages[ch] = append(s.messages[ch], m)
	s.notify()
	return *m, nil
}

// echoLocked dispatches a message of the bot back to it, unless SetEcho(false); an echo
// the session cannot carry is skipped. s.mu must be held.
func (s *Server) echoLocked(m *Message) {
	if !s.gw.noEcho {
		s.dispatchMessageLocked(m)
	}
}

// dispatchMessageLocked dispatches MESSAGE_CREATE for m, within the session's intents.
// s.mu must be held.
func (s *Server) dispatchMessageLocked(m *Message) error {
	if !s.gw.valid {
		return ErrNoSession
	}
	need := IntentGuildMessages
	if m.GuildID == "" {
		need = IntentDirectMessages
	}
	if s.gw.intents&need == 0 {
		return ErrNotSubscribed
	}
	w := m.wire(true)
	visible := s.gw.intents&IntentMessageContent != 0 || m.GuildID == "" || m.AuthorID == BotUserID || contains(m.Mentions, BotUserID)
	if !visible {
		w["content"], w["embeds"] = "", []Embed{}
	}
	if m.GuildID != "" {
		w["member"] = map[string]any{"roles": []string{}, "joined_at": m.Created.UTC().Format(time.RFC3339)}
	}
	return s.dispatchLocked("MESSAGE_CREATE", w)
}
