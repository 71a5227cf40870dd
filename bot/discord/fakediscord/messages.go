package fakediscord

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Discord's limits on a message, as the server checks them.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthorName       = 256
	MaxEmbedsTotal      = 6000
	MaxNonce            = 25
)

// Message flags.
const (
	FlagSuppressEmbeds        = 1 << 2
	FlagEphemeral             = 1 << 6
	FlagLoading               = 1 << 7
	FlagSuppressNotifications = 1 << 12
	FlagVoiceMessage          = 1 << 13
	FlagComponentsV2          = 1 << 15
)

// The flags a message may be created with: in a channel, and as an interaction's
// response or follow-up.
const (
	channelFlags     = FlagSuppressEmbeds | FlagSuppressNotifications | FlagVoiceMessage | FlagComponentsV2
	interactionFlags = channelFlags | FlagEphemeral
)

// A MessageBody is the JSON body of a request that creates or edits a message, as sent.
type MessageBody struct {
	Content          string            `json:"content"`
	Embeds           []Embed           `json:"embeds"`
	Flags            int               `json:"flags"`
	AllowedMentions  *AllowedMentions  `json:"allowed_mentions"`
	MessageReference *MessageReference `json:"message_reference"`
	Nonce            Nonce             `json:"nonce"`
	EnforceNonce     bool              `json:"enforce_nonce"`
	// Fields holds every top-level field as sent, to tell a field left out from one
	// sent empty or null.
	Fields map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes a message body and keeps its fields as sent.
func (m *MessageBody) UnmarshalJSON(b []byte) error {
	type plain MessageBody
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return err
	}
	*m = MessageBody(p)
	m.Fields = fields
	return nil
}

// Has reports whether the body holds the field, even as null.
func (m *MessageBody) Has(field string) bool {
	_, ok := m.Fields[field]
	return ok
}

// AllowedMentions is a message's allowed_mentions.
type AllowedMentions struct {
	// Parse is nil when sent as null or left out, and empty when sent as [].
	Parse       []string `json:"parse"`
	Users       []string `json:"users"`
	Roles       []string `json:"roles"`
	RepliedUser bool     `json:"replied_user"`
}

// A MessageReference makes a message a reply.
type MessageReference struct {
	Type            int    `json:"type,omitempty"`
	MessageID       string `json:"message_id"`
	ChannelID       string `json:"channel_id,omitempty"`
	GuildID         string `json:"guild_id,omitempty"`
	FailIfNotExists *bool  `json:"fail_if_not_exists,omitempty"`
}

// Nonce is a message nonce as sent, a string or an integer, in its text form.
type Nonce string

// UnmarshalJSON accepts a string, an integer or null.
func (n *Nonce) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*n = Nonce(s)
		return nil
	}
	var i json.Number
	if err := json.Unmarshal(b, &i); err != nil {
		return fmt.Errorf("fakediscord: a nonce must be a string or an integer: %w", err)
	}
	*n = Nonce(i.String())
	return nil
}

// An Embed is a rich embed.
type Embed struct {
	Type        string       `json:"type,omitempty"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
	Color       int          `json:"color,omitempty"`
	Footer      *EmbedFooter `json:"footer,omitempty"`
	Author      *EmbedAuthor `json:"author,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
}

// EmbedFooter is an embed's footer.
type EmbedFooter struct {
	Text    string `json:"text"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedAuthor is an embed's author.
type EmbedAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// EmbedField is a field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Characters returns how many characters of embeds count towards MaxEmbedsTotal: those
// of titles, descriptions, field names and values, footers and author names, without
// their leading and trailing white space, as Discord counts them.
func Characters(embeds []Embed) int {
	n := 0
	for _, e := range embeds {
		n += chars(e.Title) + chars(e.Description)
		for _, f := range e.Fields {
			n += chars(f.Name) + chars(f.Value)
		}
		if e.Footer != nil {
			n += chars(e.Footer.Text)
		}
		if e.Author != nil {
			n += chars(e.Author.Name)
		}
	}
	return n
}

// chars is the length of s as Discord measures it: code points, white space trimmed.
func chars(s string) int { return utf8.RuneCountInString(strings.TrimSpace(s)) }

// A Message is a message the server holds: posted by the bot, an interaction's response
// or follow-up, or one a test sent with SendMessage.
type Message struct {
	ID, ChannelID, GuildID string
	AuthorID, AuthorName   string
	AuthorBot              bool
	Content                string
	Embeds                 []Embed
	Flags                  int
	// Nonce is the nonce it was created with; Discord shows it only in the create
	// response and the MESSAGE_CREATE event, never in the history.
	Nonce     string
	Reference *MessageReference
	// Mentions are the IDs of the users its content mentions; for a message by the bot,
	// those it pings (its allowed_mentions allow them). MentionRoles are the roles it
	// pings, MentionEveryone whether it pings @everyone or @here.
	Mentions        []string
	MentionRoles    []string
	MentionEveryone bool
	// InteractionID is the interaction it answers, if it does.
	InteractionID string
	// Type is Discord's message type: 0 default, 19 reply, 20 an interaction's response.
	Type    int
	Created time.Time
	Edited  time.Time
}

// Ephemeral reports whether only the interaction's user sees the message.
func (m *Message) Ephemeral() bool { return m.Flags&FlagEphemeral != 0 }

// wire returns the message object Discord sends for m, with its nonce or not.
func (m *Message) wire(withNonce bool) map[string]any {
	embeds := append([]Embed{}, m.Embeds...)
	for i := range embeds {
		if embeds[i].Type == "" {
			embeds[i].Type = "rich"
		}
	}
	mentions := []map[string]any{}
	for _, id := range m.Mentions {
		mentions = append(mentions, userObject(id, userName(id), id == BotUserID))
	}
	w := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "type": m.Type, "content": m.Content,
		"author": userObject(m.AuthorID, m.AuthorName, m.AuthorBot), "embeds": embeds,
		"flags": m.Flags, "mentions": mentions, "mention_roles": append([]string{}, m.MentionRoles...), "attachments": []any{},
		"components": []any{}, "tts": false, "mention_everyone": m.MentionEveryone, "pinned": false,
		"timestamp": m.Created.UTC().Format(time.RFC3339Nano), "edited_timestamp": nil,
	}
	if m.GuildID != "" {
		w["guild_id"] = m.GuildID
	}
	if !m.Edited.IsZero() {
		w["edited_timestamp"] = m.Edited.UTC().Format(time.RFC3339Nano)
	}
	if withNonce && m.Nonce != "" {
		w["nonce"] = m.Nonce
	}
	if m.Reference != nil {
		w["message_reference"] = m.Reference
	}
	if m.InteractionID != "" {
		w["application_id"] = AppID
		w["webhook_id"] = AppID
	}
	return w
}

func userObject(id, name string, isBot bool) map[string]any {
	return map[string]any{"id": id, "username": name, "global_name": name, "discriminator": "0", "avatar": nil, "bot": isBot}
}

// userName is the name the fake gives a user.
func userName(id string) string {
	if id == BotUserID {
		return BotName
	}
	return "user" + id
}

// mentionRE matches a user mention in content: <@ID> or <@!ID>.
var mentionRE = regexp.MustCompile(`<@!?([0-9]{1,20})>`)

// roleMentionRE matches a role mention in content: <@&ID>.
var roleMentionRE = regexp.MustCompile(`<@&([0-9]{1,20})>`)

// roleMentionsIn returns the IDs of the roles content mentions, once each.
func roleMentionsIn(content string) []string {
	var ids []string
	for _, m := range roleMentionRE.FindAllStringSubmatch(content, 100) {
		if !contains(ids, m[1]) {
			ids = append(ids, m[1])
		}
	}
	return ids
}

// mentionsIn returns the IDs of the users content mentions, once each.
func mentionsIn(content string) []string {
	var ids []string
	for _, m := range mentionRE.FindAllStringSubmatch(content, 100) {
		if !contains(ids, m[1]) {
			ids = append(ids, m[1])
		}
	}
	return ids
}

// formErrors collects the problems of a message body as Discord reports them: field
// paths such as "embeds.0.title", each with its error code and message.
type formErrors map[string][2]string

func (e formErrors) add(path, code, msg string) { e[path] = [2]string{code, msg} }

func (e formErrors) maxLength(path string, n, limit int) {
	if n > limit {
		e.add(path, "BASE_TYPE_MAX_LENGTH", "Must be "+strconv.Itoa(limit)+" or fewer in length.")
	}
}

// reply is Discord's 400 Invalid Form Body for e, its errors nested by path.
func (e formErrors) reply() reply {
	tree := map[string]any{}
	for path, ce := range e {
		node := tree
		parts := strings.Split(path, ".")
		for _, p := range parts[:len(parts)-1] {
			next, ok := node[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[p] = next
			}
			node = next
		}
		node[parts[len(parts)-1]] = map[string]any{"_errors": []map[string]string{{"code": ce[0], "message": ce[1]}}}
	}
	r := apiError(400, 50035, "Invalid Form Body")
	r.body.(map[string]any)["errors"] = tree
	return r
}

// checkBody returns the problems of a message body against Discord's limits, with the
// flags allowed.
func checkBody(m *MessageBody, allowedFlags int) formErrors {
	e := formErrors{}
	e.maxLength("content", chars(m.Content), MaxContent)
	if len(m.Embeds) > MaxEmbeds {
		e.add("embeds", "BASE_TYPE_MAX_LENGTH", "Must be "+strconv.Itoa(MaxEmbeds)+" or fewer in length.")
	}
	for i, em := range m.Embeds {
		p := "embeds." + strconv.Itoa(i) + "."
		e.maxLength(p+"title", chars(em.Title), MaxEmbedTitle)
		e.maxLength(p+"description", chars(em.Description), MaxEmbedDescription)
		if len(em.Fields) > MaxEmbedFields {
			e.add(p+"fields", "BASE_TYPE_MAX_LENGTH", "Must be "+strconv.Itoa(MaxEmbedFields)+" or fewer in length.")
		}
		for j, f := range em.Fields {
			fp := p + "fields." + strconv.Itoa(j) + "."
			if chars(f.Name) == 0 {
				e.add(fp+"name", "BASE_TYPE_REQUIRED", "This field is required")
			}
			if chars(f.Value) == 0 {
				e.add(fp+"value", "BASE_TYPE_REQUIRED", "This field is required")
			}
			e.maxLength(fp+"name", chars(f.Name), MaxFieldName)
			e.maxLength(fp+"value", chars(f.Value), MaxFieldValue)
		}
		if em.Footer != nil {
			e.maxLength(p+"footer.text", chars(em.Footer.Text), MaxFooter)
		}
		if em.Author != nil {
			e.maxLength(p+"author.name", chars(em.Author.Name), MaxAuthorName)
		}
	}
	if n := Characters(m.Embeds); n > MaxEmbedsTotal {
		e.add("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of "+strconv.Itoa(MaxEmbedsTotal))
	}
	if m.Flags&^allowedFlags != 0 {
		e.add("flags", "MESSAGE_FLAGS_INVALID", "Invalid flags: "+strconv.Itoa(m.Flags&^allowedFlags))
	}
	if utf8.RuneCountInString(string(m.Nonce)) > MaxNonce {
		e.add("nonce", "BASE_TYPE_MAX_LENGTH", "Must be "+strconv.Itoa(MaxNonce)+" or fewer in length.")
	}
	return e
}

// empty reports whether a message would show nothing.
func empty(content string, embeds []Embed) bool {
	return strings.TrimSpace(content) == "" && len(embeds) == 0
}
