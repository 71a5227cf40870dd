package fakediscord

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Interaction callback types.
const (
	CallbackPong            = 1
	CallbackMessage         = 4 // CHANNEL_MESSAGE_WITH_SOURCE
	CallbackDeferredMessage = 5 // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
)

// A Callback is the body of an interaction callback.
type Callback struct {
	Type int          `json:"type"`
	Data *MessageBody `json:"data"`
}

// An Interaction is the state of an interaction a test sent with SendInteraction.
type Interaction struct {
	ID, Token                  string
	Command                    string
	ChannelID, GuildID, UserID string
	// Received is when the event was sent.
	Received time.Time
	// Callback is the type of the callback that acknowledged it (0 while none did), at
	// AckedAt.
	Callback int
	AckedAt  time.Time
	// Original is its response, from the callback on; Edited reports whether it was
	// edited since (or a follow-up stood in for the edit).
	Original *Message
	Edited   bool
	// Followups are its follow-up messages.
	Followups []Message
}

// interaction is the server's state of one interaction.
type interaction struct {
	Interaction
	original  *Message
	followups []*Message
}

func (in *interaction) snapshot() Interaction {
	out := in.Interaction
	if in.original != nil {
		o := *in.original
		out.Original = &o
	}
	out.Followups = nil
	for _, f := range in.followups {
		out.Followups = append(out.Followups, *f)
	}
	return out
}

// Interaction returns the state of the interaction with the given ID.
func (s *Server) Interaction(id string) (Interaction, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.interactions[id]
	if in == nil {
		return Interaction{}, false
	}
	return in.snapshot(), true
}

// WaitInteraction waits until the interaction with the given ID satisfies cond, and
// returns its state.
func (s *Server) WaitInteraction(ctx context.Context, id string, cond func(Interaction) bool) (Interaction, error) {
	var out Interaction
	err := s.wait(ctx, func() bool {
		in := s.interactions[id]
		if in == nil {
			return false
		}
		out = in.snapshot()
		return cond(out)
	})
	return out, err
}

// callback serves POST interactions/{id}/{token}/callback: once, within AckDeadline;
// type 4 answers at once, type 5 defers (its data may hold the EPHEMERAL flag, and no
// other).
func (s *Server) callback(_ *http.Request, req *Request) reply {
	cb := req.Callback
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.interactions[req.InteractionID]
	now := s.now()
	switch {
	case in == nil || in.Token != req.Token:
		return apiError(http.StatusNotFound, 10062, "Unknown interaction")
	case in.Callback != 0:
		return apiError(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	case now.Sub(in.Received) > AckDeadline:
		return apiError(http.StatusNotFound, 10062, "Unknown interaction")
	}
	e := formErrors{}
	var m *Message
	switch cb.Type {
	case CallbackMessage:
		if cb.Data == nil {
			e.add("data", "BASE_TYPE_REQUIRED", "This field is required")
			return e.reply()
		}
		if e = checkBody(cb.Data, interactionFlags); len(e) > 0 {
			return e.reply()
		}
		if empty(cb.Data.Content, cb.Data.Embeds) {
			return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
		}
		m = s.newBotMessage(in.ChannelID, cb.Data)
	case CallbackDeferredMessage:
		flags := 0
		if cb.Data != nil {
			flags = cb.Data.Flags
		}
		if flags&^FlagEphemeral != 0 {
			e.add("data.flags", "MESSAGE_FLAGS_INVALID", "Only EPHEMERAL may be set on a deferred response")
			return e.reply()
		}
		m = s.newBotMessage(in.ChannelID, &MessageBody{Flags: flags | FlagLoading})
	default:
		e.add("type", "INTERACTION_CALLBACK_TYPE_INVALID", fmt.Sprintf("Callback type %d is not valid for an application command", cb.Type))
		return e.reply()
	}
	m.InteractionID, m.Type = in.ID, 20
	in.Callback, in.AckedAt, in.original = cb.Type, now, m
	s.addLocked(m)
	return reply{status: http.StatusNoContent}
}

// byTokenLocked returns the live interaction of a webhook route, or the error Discord
// answers. s.mu must be held.
func (s *Server) byTokenLocked(r *http.Request, req *Request) (*interaction, *reply) {
	var rep reply
	in := s.byToken[req.Token]
	switch {
	case r.PathValue("app") != AppID:
		rep = apiError(http.StatusNotFound, 10015, "Unknown Webhook")
	case in == nil || s.now().Sub(in.Received) > TokenLifetime:
		rep = apiError(http.StatusUnauthorized, 50027, "Invalid Webhook Token")
	case in.Callback == 0:
		rep = apiError(http.StatusNotFound, 10008, "Unknown Message")
	default:
		return in, nil
	}
	return nil, &rep
}

// editOriginal serves PATCH webhooks/{app}/{token}/messages/@original: the fields sent
// replace those of the response; the loading state ends.
func (s *Server) editOriginal(r *http.Request, req *Request) reply {
	if e := checkBody(req.Message, interactionFlags); len(e) > 0 {
		return e.reply()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, bad := s.byTokenLocked(r, req)
	if bad != nil {
		return *bad
	}
	if rep, ok := s.editLocked(in, req.Message); !ok {
		return rep
	}
	return reply{status: http.StatusOK, body: in.original.wire(false)}
}

// editLocked applies an edit to an interaction's response; it returns Discord's error
// when the response would be empty. s.mu must be held.
func (s *Server) editLocked(in *interaction, b *MessageBody) (reply, bool) {
	o := in.original
	content, embeds := o.Content, o.Embeds
	if b.Has("content") {
		content = b.Content
	}
	if b.Has("embeds") {
		embeds = b.Embeds
	}
	if empty(content, embeds) {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message"), false
	}
	flags := o.Flags &^ FlagLoading
	if b.Has("flags") {
		flags = flags&^FlagSuppressEmbeds | b.Flags&FlagSuppressEmbeds
	}
	o.Content, o.Embeds, o.Flags, o.Edited = content, embeds, flags, s.now()
	p := pings(content, b.AllowedMentions)
	o.Mentions, o.MentionRoles, o.MentionEveryone = p.users, p.roles, p.everyone
	in.Edited = true
	s.notify()
	return reply{}, true
}

// followup serves POST webhooks/{app}/{token}: a new message, or, right after a
// deferral and before any edit, the edit of the deferred response, as Discord does.
func (s *Server) followup(r *http.Request, req *Request) reply {
	b := req.Message
	if e := checkBody(b, interactionFlags); len(e) > 0 {
		return e.reply()
	}
	if empty(b.Content, b.Embeds) {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, bad := s.byTokenLocked(r, req)
	if bad != nil {
		return *bad
	}
	if in.Callback == CallbackDeferredMessage && !in.Edited {
		if rep, ok := s.editLocked(in, b); !ok {
			return rep
		}
		return reply{status: http.StatusOK, body: in.original.wire(false)}
	}
	m := s.newBotMessage(in.ChannelID, b)
	m.InteractionID = in.ID
	in.followups = append(in.followups, m)
	s.addLocked(m)
	return reply{status: http.StatusOK, body: m.wire(true)}
}
