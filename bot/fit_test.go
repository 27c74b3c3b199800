package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/handlers"
)

// stubRouter answers every interaction and message with a fixed result.
type stubRouter struct {
	resp *handlers.Response
	err  error
}

func (s stubRouter) Interaction(context.Context, *discordgo.Interaction) (*handlers.Response, error) {
	return s.resp, s.err
}

func (s stubRouter) Message(context.Context, *discordgo.Message, string) (*handlers.Response, error) {
	return s.resp, s.err
}

func (stubRouter) DeferEphemeral(*discordgo.Interaction) bool { return true }
func (stubRouter) Commands() []*discordgo.ApplicationCommand  { return nil }

// recordingREST keeps what Dispatch sends instead of sending it.
type recordingREST struct {
	mu       sync.Mutex
	respond  []*discordgo.InteractionResponse
	messages []*discordgo.MessageSend
	raw      []any
}

func (r *recordingREST) InteractionRespond(_ *discordgo.Interaction, resp *discordgo.InteractionResponse, _ ...discordgo.RequestOption) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.respond = append(r.respond, resp)
	return nil
}

func (r *recordingREST) InteractionResponseEdit(*discordgo.Interaction, *discordgo.WebhookEdit, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return nil, errors.New("not expected")
}

func (r *recordingREST) InteractionResponseDelete(*discordgo.Interaction, ...discordgo.RequestOption) error {
	return errors.New("not expected")
}

func (r *recordingREST) FollowupMessageCreate(*discordgo.Interaction, bool, *discordgo.WebhookParams, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return nil, errors.New("not expected")
}

func (r *recordingREST) ChannelMessageSendComplex(_ string, m *discordgo.MessageSend, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.messages = append(r.messages, m)
	return &discordgo.Message{}, nil
}

func (r *recordingREST) ChannelMessageDelete(string, string, ...discordgo.RequestOption) error {
	return errors.New("not expected")
}

func (r *recordingREST) RequestWithBucketID(_, _ string, data any, _ string, _ ...discordgo.RequestOption) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.raw = append(r.raw, data)
	return nil, nil
}

// TestDispatchKeepsLimits sends responses that break Discord's limits
// through Dispatch and checks what reaches Discord fits: otherwise Discord
// answers 400 and the user gets nothing, not even the error.
func TestDispatchKeepsLimits(t *testing.T) {
	long := strings.Repeat("https://example.com/a-very-long-address ", 80) // 3,200 characters
	var bigEmbeds []*discordgo.MessageEmbed
	for i := range 12 {
		bigEmbeds = append(bigEmbeds, &discordgo.MessageEmbed{Title: fmt.Sprint(i), Description: strings.Repeat("d", 5000)})
	}
	var rows []discordgo.MessageComponent
	for r := range 7 {
		var buttons []discordgo.MessageComponent
		for b := range 7 {
			buttons = append(buttons, discordgo.Button{Label: "b", CustomID: fmt.Sprintf("x/%d/%d", r, b)})
		}
		rows = append(rows, discordgo.ActionsRow{Components: buttons})
	}
	cmd := &discordgo.Interaction{ID: "1", Token: "t", Type: discordgo.InteractionApplicationCommand,
		Data: discordgo.ApplicationCommandInteractionData{Name: "x"}}
	tests := []struct {
		name string
		r    stubRouter
	}{
		{"long user error", stubRouter{err: handlers.UserError{Msg: "Cannot add this article: " + long}}},
		{"long content", stubRouter{resp: &handlers.Response{Content: long}}},
		{"too many embeds", stubRouter{resp: &handlers.Response{Embeds: bigEmbeds}}},
		{"too many buttons", stubRouter{resp: &handlers.Response{Content: "x", Components: rows}}},
		{"empty", stubRouter{resp: &handlers.Response{}}},
	}
	for _, tt := range tests {
		rest := &recordingREST{}
		d := &Dispatcher{Router: tt.r, REST: rest}
		d.Interaction(context.Background(), cmd)
		d.Message(context.Background(), &discordgo.Message{ID: "m", ChannelID: "c"}, "bot")
		if len(rest.respond) != 1 || len(rest.messages) != 1 {
			t.Fatalf("%s: got %d callbacks and %d messages; want 1 and 1", tt.name, len(rest.respond), len(rest.messages))
		}
		cb, m := rest.respond[0].Data, rest.messages[0]
		for _, got := range []struct {
			where   string
			content string
			embeds  []*discordgo.MessageEmbed
			comps   []discordgo.MessageComponent
		}{{"callback", cb.Content, cb.Embeds, cb.Components}, {"message", m.Content, m.Embeds, m.Components}} {
			if n := handlers.Len(got.content); n > handlers.MaxContent {
				t.Errorf("%s: %s content has %d characters; want at most %d", tt.name, got.where, n, handlers.MaxContent)
			}
			if got.content == "" && len(got.embeds) == 0 && len(got.comps) == 0 {
				t.Errorf("%s: %s is empty; want something to show (Discord refuses an empty message)", tt.name, got.where)
			}
			if len(got.embeds) > handlers.MaxEmbeds {
				t.Errorf("%s: %s has %d embeds; want at most %d", tt.name, got.where, len(got.embeds), handlers.MaxEmbeds)
			}
			total := 0
			for _, e := range got.embeds {
				total += handlers.EmbedLen(e)
				if n := handlers.Len(e.Description); n > handlers.MaxEmbedDescription {
					t.Errorf("%s: %s embed description has %d characters; want at most %d", tt.name, got.where, n, handlers.MaxEmbedDescription)
				}
			}
			if total > handlers.MaxEmbedTotal {
				t.Errorf("%s: %s embeds total %d characters; want at most %d", tt.name, got.where, total, handlers.MaxEmbedTotal)
			}
			if len(got.comps) > handlers.MaxRows {
				t.Errorf("%s: %s has %d rows; want at most %d", tt.name, got.where, len(got.comps), handlers.MaxRows)
			}
			for _, c := range got.comps {
				if row := c.(discordgo.ActionsRow); len(row.Components) > handlers.MaxButtonsPerRow {
					t.Errorf("%s: %s row has %d buttons; want at most %d", tt.name, got.where, len(row.Components), handlers.MaxButtonsPerRow)
				}
			}
		}
	}
}

// TestDispatchKeepsChoiceLimits checks autocomplete results stay within 25
// choices of at most 100 characters each.
func TestDispatchKeepsChoiceLimits(t *testing.T) {
	var choices []*discordgo.ApplicationCommandOptionChoice
	for i := range 30 {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name: strings.Repeat("n", 150), Value: fmt.Sprintf("%03d", i) + strings.Repeat("é", 150)})
	}
	rest := &recordingREST{}
	d := &Dispatcher{Router: stubRouter{resp: &handlers.Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Choices: choices}}, REST: rest}
	d.Interaction(context.Background(), &discordgo.Interaction{ID: "1", Token: "t", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "x"}})
	if len(rest.raw) != 1 {
		t.Fatalf("got %d autocomplete callbacks; want 1", len(rest.raw))
	}
	b, err := json.Marshal(rest.raw[0])
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Data struct {
			Choices []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"choices"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	sent := body.Data.Choices
	if len(sent) > handlers.MaxChoices || len(sent) == 0 {
		t.Errorf("sent %d choices; want 1 to %d", len(sent), handlers.MaxChoices)
	}
	for _, c := range sent {
		if handlers.Len(c.Name) > handlers.MaxChoiceName || handlers.Len(c.Value) > handlers.MaxChoiceValue || c.Value == "" {
			t.Errorf("choice %q = %q; want name and value of 1 to %d characters", c.Name, c.Value, handlers.MaxChoiceValue)
		}
	}
}

// unreachableREST fails every callback the way discordgo does when the
// connection fails: with a *url.Error that repeats the request URL.
type unreachableREST struct{ recordingREST }

func (*unreachableREST) InteractionRespond(in *discordgo.Interaction, _ *discordgo.InteractionResponse, _ ...discordgo.RequestOption) error {
	return &url.Error{Op: "Post", URL: discordgo.EndpointInteractionResponse(in.ID, in.Token), Err: errors.New("connection refused")}
}

// TestDispatchLogHidesInteractionToken checks a failed send, and a handler
// error carrying a webhook URL, are logged without the interaction token.
func TestDispatchLogHidesInteractionToken(t *testing.T) {
	const token = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OnNlY3JldA"
	in := &discordgo.Interaction{ID: "123456789", Token: token, Type: discordgo.InteractionApplicationCommand,
		Data: discordgo.ApplicationCommandInteractionData{Name: "x"}}
	handlerErr := fmt.Errorf("edit: %w", &url.Error{Op: "Patch", URL: discordgo.EndpointWebhookMessage("42", token, "@original"), Err: errors.New("EOF")})
	tests := []struct {
		name string
		r    stubRouter
	}{
		{"send failed", stubRouter{resp: &handlers.Response{Content: "hi"}}},
		{"handler error and send failed", stubRouter{err: handlerErr}},
	}
	for _, tt := range tests {
		var log strings.Builder
		d := &Dispatcher{Router: tt.r, REST: &unreachableREST{}, Logger: slog.New(slog.NewTextHandler(&log, nil))}
		d.Interaction(context.Background(), in)
		if !strings.Contains(log.String(), "connection refused") {
			t.Errorf("%s: log %q; want the failure logged", tt.name, log.String())
		}
		if strings.Contains(log.String(), token) {
			t.Errorf("%s: log %q; want the interaction token redacted", tt.name, log.String())
		}
	}
}
