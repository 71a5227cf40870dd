package discord

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

const interactionToken = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OnNlY3JldA-example"

func TestErrorsOfInteractionRoutesMaskTheToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(*fakediscord.Server)
		want  string
	}{
		{name: "unreachable", setup: func(f *fakediscord.Server) { f.SetDown(true) }, want: "webhooks/" + fakediscord.AppID + "/redacted/messages/@original"},
		{name: "rate limited", setup: func(f *fakediscord.Server) {
			f.Fault(fakediscord.OpEdit, fakediscord.Fault{Status: 429, RetryAfter: time.Hour})
		}, want: "Rate limit exceeded on https://discord.com/api/v9/webhooks/" + fakediscord.AppID + "/redacted/messages/@original"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, nil)
			tt.setup(f.fake)
			endpoint := discordgo.EndpointWebhookMessage(fakediscord.AppID, interactionToken, "@original")
			c := call{op: "edit", what: "editing the response", until: time.Now().Add(30 * time.Millisecond)}
			err := f.s.requestJSON(testContext(t), c, http.MethodPatch, endpoint, outgoing{Content: "x"}, nil)
			if err == nil {
				t.Fatal("the edit succeeded")
			}
			if strings.Contains(err.Error(), interactionToken) {
				t.Errorf("the error shows the interaction token: %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to say %q", err, tt.want)
			}
			if logs := f.logs.String(); strings.Contains(logs, interactionToken) {
				t.Errorf("the logs show the interaction token:\n%s", logs)
			}
		})
	}
}

func TestTheBotTokenIsMaskedInErrorsAndLogs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	err := f.s.failure(fmt.Errorf("discord: a call: %w", fmt.Errorf("sent Authorization: Bot %s", fakediscord.Token)), 0)
	if strings.Contains(err.Error(), fakediscord.Token) {
		t.Errorf("error = %v", err)
	}
	f.s.log.Warn("a failure", "error", errors.New("token "+fakediscord.Token), "url", "https://u:hunter2-secret@proxy/")
	logs := f.logs.String()
	if strings.Contains(logs, fakediscord.Token) || strings.Contains(logs, "hunter2") {
		t.Errorf("the logs show a credential:\n%s", logs)
	}
	if !strings.Contains(logs, "component=discord") {
		t.Errorf("the logs lack their component:\n%s", logs)
	}
}

func TestShortErrorCutsOnACharacter(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	msg := f.s.shortError(errors.New(strings.Repeat("é", 300)))
	if !utf8.ValidString(msg) || len(msg) > maxShortError+len("…") {
		t.Errorf("shortError = %q (%d bytes)", msg, len(msg))
	}
}
