package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxBody is the largest request body the server reads (Discord's limit is 25 MiB; no
// request of the bot comes near it).
const maxBody = 8 << 20

// reply is an answer: a status, a JSON body (none when nil), and headers.
type reply struct {
	status int
	body   any
	header http.Header
}

// apiError is Discord's error answer: {"message": …, "code": …}.
func apiError(status, code int, msg string) reply {
	return reply{status: status, body: map[string]any{"message": msg, "code": code}}
}

// handler answers one request of a route; req holds its parsed body.
type handler func(r *http.Request, req *Request) reply

func (s *Server) routes(mux *http.ServeMux) {
	const api = "/api/v9/"
	mux.HandleFunc("GET "+api+"gateway", s.handle(OpGateway, false, s.getGateway))
	mux.HandleFunc("GET "+api+"gateway/bot", s.handle(OpGatewayBot, true, s.getGatewayBot))
	mux.HandleFunc("GET "+api+"users/@me", s.handle(OpMe, true, s.getMe))
	mux.HandleFunc("PUT "+api+"applications/{app}/commands", s.handle(OpCommands, true, s.putCommands))
	mux.HandleFunc("PUT "+api+"applications/{app}/guilds/{guild}/commands", s.handle(OpCommands, true, s.putCommands))
	mux.HandleFunc("POST "+api+"interactions/{id}/{token}/callback", s.handle(OpCallback, false, s.callback))
	mux.HandleFunc("PATCH "+api+"webhooks/{app}/{token}/messages/@original", s.handle(OpEdit, false, s.editOriginal))
	mux.HandleFunc("POST "+api+"webhooks/{app}/{token}", s.handle(OpFollowup, false, s.followup))
	mux.HandleFunc("POST "+api+"channels/{channel}/messages", s.handle(OpMessage, true, s.createMessage))
	mux.HandleFunc("GET "+api+"channels/{channel}/messages", s.handle(OpHistory, true, s.history))
	mux.HandleFunc("GET "+api+"channels/{channel}", s.handle(OpChannel, true, s.channel))
	mux.HandleFunc("GET /gw", s.gateway)
	mux.HandleFunc("GET /gw/", s.gateway)
	mux.HandleFunc("/", s.handle("", false, func(*http.Request, *Request) reply {
		return apiError(http.StatusNotFound, 0, "404: Not Found")
	}))
}

// handle records each request of the route op, applies its faults, its token check
// (when auth) and its rate limit, and answers with h.
func (s *Server) handle(op string, auth bool, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req, bad := s.record(op, r)
		f := s.takeFault(op)
		if f != nil && !waitFor(r, f.Delay) {
			return
		}
		var rep reply
		switch {
		case f != nil && f.Status != 0 && !f.Applied:
			rep = faultReply(f, s.clock())
		case auth && !authorized(r):
			rep = apiError(http.StatusUnauthorized, 0, "401: Unauthorized")
		case bad != nil:
			rep = *bad
		default:
			header, limited := s.limit(op, resourceKey(req))
			if limited != nil {
				rep = *limited
				break
			}
			rep = h(r, req)
			if f != nil && f.Hold != nil {
				select {
				case <-f.Hold:
				case <-r.Context().Done():
				}
			}
			if f != nil && f.Status != 0 {
				rep = faultReply(f, s.clock())
			}
			for k, v := range header {
				if rep.header == nil {
					rep.header = http.Header{}
				}
				rep.header[k] = v
			}
		}
		s.answer(w, req, rep)
	}
}

// record reads and parses a request, and records it. The reply is non-nil when the
// body cannot be read or parsed.
func (s *Server) record(op string, r *http.Request) (*Request, *reply) {
	req := &Request{
		Op: op, Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(),
		ChannelID: r.PathValue("channel"), GuildID: r.PathValue("guild"),
		InteractionID: r.PathValue("id"), Token: r.PathValue("token"),
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	var bad *reply
	switch {
	case err != nil:
		rep := apiError(http.StatusBadRequest, 0, "could not read the body")
		bad = &rep
	case len(body) > maxBody:
		rep := apiError(http.StatusRequestEntityTooLarge, 40005, "Request entity too large")
		bad = &rep
	default:
		req.Body = body
		bad = parseBody(req)
	}
	s.mu.Lock()
	req.At = s.now()
	s.requests = append(s.requests, req)
	s.notify()
	s.mu.Unlock()
	return req, bad
}

// parseBody parses the body of the routes that have one.
func parseBody(req *Request) *reply {
	var err error
	switch req.Op {
	case OpMessage, OpEdit, OpFollowup:
		req.Message = &MessageBody{}
		if err = json.Unmarshal(req.Body, req.Message); err != nil {
			req.Message = nil
		}
	case OpCallback:
		req.Callback = &Callback{}
		if err = json.Unmarshal(req.Body, req.Callback); err != nil {
			req.Callback = nil
		} else {
			req.Message = req.Callback.Data
		}
	case OpCommands:
		if err = json.Unmarshal(req.Body, &req.Commands); err != nil {
			req.Commands = nil
		}
	}
	if err != nil {
		rep := apiError(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return &rep
	}
	return nil
}

// resourceKey is the top-level resource of a request, which its rate limit counts by.
func resourceKey(req *Request) string {
	switch {
	case req.ChannelID != "":
		return req.ChannelID
	case req.Token != "":
		return req.Token
	}
	return req.GuildID
}

// answer writes rep and records its status.
func (s *Server) answer(w http.ResponseWriter, req *Request, rep reply) {
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	if rep.body != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(rep.status)
	if rep.body != nil {
		json.NewEncoder(w).Encode(rep.body)
	}
	s.mu.Lock()
	req.Status = rep.status
	s.notify()
	s.mu.Unlock()
}

// waitFor waits d, or until the client gives up; it reports whether to go on.
func waitFor(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Server) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

func (s *Server) getGateway(*http.Request, *Request) reply {
	return reply{status: http.StatusOK, body: map[string]any{"url": s.GatewayURL}}
}

func (s *Server) getGatewayBot(*http.Request, *Request) reply {
	return reply{status: http.StatusOK, body: map[string]any{
		"url": s.GatewayURL, "shards": 1,
		"session_start_limit": map[string]int{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1},
	}}
}

func (s *Server) getMe(*http.Request, *Request) reply {
	u := userObject(BotUserID, BotName, true)
	u["flags"] = 0
	return reply{status: http.StatusOK, body: u}
}

// A Command is an application command as registered.
type Command struct {
	Type        int             `json:"type,omitempty"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Options     []CommandOption `json:"options,omitempty"`
	Contexts    []int           `json:"contexts,omitempty"`
}

// A CommandOption is an option of a command.
type CommandOption struct {
	Type        int    `json:"type"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Required    bool   `json:"required,omitempty"`
}

// commandNameRE is Discord's pattern of command and option names.
var commandNameRE = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// Commands returns the commands of the last bulk overwrite of a guild ("" for the
// global ones).
func (s *Server) Commands(guildID string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[guildID])
}

func (s *Server) putCommands(r *http.Request, req *Request) reply {
	if r.PathValue("app") != AppID {
		return apiError(http.StatusForbidden, 50001, "Missing Access")
	}
	if e := checkCommands(req.Commands); len(e) > 0 {
		return e.reply()
	}
	out := make([]map[string]any, 0, len(req.Commands))
	for i, c := range req.Commands {
		if c.Type == 0 {
			c.Type = 1
		}
		w := map[string]any{
			"id": s.commandID(req.GuildID, c.Name), "application_id": AppID, "version": s.newID(),
			"type": c.Type, "name": c.Name, "description": c.Description, "options": c.Options,
			"default_member_permissions": nil, "nsfw": false,
		}
		if req.GuildID != "" {
			w["guild_id"] = req.GuildID
		}
		req.Commands[i] = c
		out = append(out, w)
	}
	s.mu.Lock()
	s.commands[req.GuildID] = slices.Clone(req.Commands)
	s.notify()
	s.mu.Unlock()
	return reply{status: http.StatusOK, body: out}
}

// commandID returns the ID of a command name in a guild: the same for each overwrite.
func (s *Server) commandID(guildID, name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := guildID + "/" + name
	if id, ok := s.cmdIDs[key]; ok {
		return id
	}
	id := s.newID()
	s.cmdIDs[key] = id
	return id
}

// checkCommands returns the problems of a bulk overwrite as Discord reports them.
func checkCommands(cmds []Command) formErrors {
	e := formErrors{}
	if len(cmds) > 100 {
		e.add("_", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
	seen := map[string]bool{}
	for i, c := range cmds {
		p := strconv.Itoa(i) + "."
		if !commandNameRE.MatchString(c.Name) || strings.ToLower(c.Name) != c.Name {
			e.add(p+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		if seen[c.Name] {
			e.add(p+"name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[c.Name] = true
		if c.Type == 0 || c.Type == 1 {
			checkDescription(e, p+"description", c.Description)
		}
		if len(c.Options) > 25 {
			e.add(p+"options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
		}
		optional := false
		for j, o := range c.Options {
			op := p + "options." + strconv.Itoa(j) + "."
			if !commandNameRE.MatchString(o.Name) || strings.ToLower(o.Name) != o.Name {
				e.add(op+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
			}
			checkDescription(e, op+"description", o.Description)
			if o.Type < 1 || o.Type > 11 {
				e.add(op+"type", "BASE_TYPE_CHOICES", "Value must be one of {1, …, 11}.")
			}
			if o.Required && optional {
				e.add(op+"required", "APPLICATION_COMMAND_OPTION_REQUIRED_BEFORE_OPTIONAL", "Required options must be placed before non-required options")
			}
			optional = optional || !o.Required
		}
	}
	return e
}

func checkDescription(e formErrors, path, d string) {
	if n := chars(d); n < 1 || n > 100 {
		e.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
	}
}
