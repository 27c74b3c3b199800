package discordfake

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// templates are the captured payload shapes the events are built from, so
// the bot is tested against what Discord sends rather than what we assume.
//
//go:embed testdata/*.json
var templates embed.FS

// Payload returns a fresh copy of the named template from testdata, decoded
// into a generic map that a test can change before dispatching it.
func Payload(name string) map[string]any {
	raw, err := templates.ReadFile("testdata/" + name)
	if err != nil {
		panic(fmt.Sprintf("discordfake: no template %s", name))
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		panic(fmt.Sprintf("discordfake: template %s: %v", name, err))
	}
	return m
}

// Option is one option of a slash command or autocomplete interaction.
type Option struct {
	// Name is the option's name as the command declares it.
	Name string
	// Type is the Discord option type; 3 (string) when zero.
	Type int
	// Value is what the user typed or picked.
	Value any
	// Focused marks the option being typed in an autocomplete request.
	Focused bool
}

// Sent identifies an interaction the fake dispatched, for matching the
// bot's callback and webhook calls.
type Sent struct {
	// ID and Token are the interaction's, which appear in the URLs of
	// the bot's callback and webhook calls.
	ID, Token string
}

// CallbackRoute and the other route names match Call.Route.
const (
	CallbackRoute      = "POST /interactions/{id}/{token}/callback"
	EditOriginalRoute  = "PATCH /webhooks/{app}/{token}/messages/{id}"
	FollowupRoute      = "POST /webhooks/{app}/{token}"
	MessageRoute       = "POST /channels/{channel}/messages"
	DeleteMessageRoute = "DELETE /channels/{channel}/messages/{id}"
	GlobalCmdsRoute    = "PUT /applications/{app}/commands"
	GuildCmdsRoute     = "PUT /applications/{app}/guilds/{guild}/commands"
)

// IsCallbackFor reports whether c is the callback of interaction in.
func (in Sent) IsCallbackFor(c Call) bool {
	return c.Route == CallbackRoute && c.Vars["id"] == in.ID && c.Vars["token"] == in.Token
}

// IsWebhookFor reports whether c edits or follows up interaction in.
func (in Sent) IsWebhookFor(c Call) bool {
	return (c.Route == EditOriginalRoute || c.Route == FollowupRoute) && c.Vars["token"] == in.Token
}

// newID returns a fresh snowflake-shaped ID.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// options converts opts to the wire shape.
func options(opts []Option) []any {
	out := []any{}
	for _, o := range opts {
		typ := o.Type
		if typ == 0 {
			typ = 3
		}
		m := map[string]any{"name": o.Name, "type": typ, "value": o.Value}
		if o.Focused {
			m["focused"] = true
		}
		out = append(out, m)
	}
	return out
}

// CommandPayload returns an application command interaction (type 2) for
// command name with the given options, from interaction_create_ask.json.
func CommandPayload(name string, opts ...Option) map[string]any {
	p := Payload("interaction_create_ask.json")
	data := p["data"].(map[string]any)
	data["name"] = name
	data["options"] = options(opts)
	return p
}

// AutocompletePayload returns an autocomplete interaction (type 4) for
// command name, from interaction_create_autocomplete.json; mark the option
// being typed with Focused.
func AutocompletePayload(name string, opts ...Option) map[string]any {
	p := Payload("interaction_create_autocomplete.json")
	data := p["data"].(map[string]any)
	data["name"] = name
	data["options"] = options(opts)
	return p
}

// ComponentPayload returns a button press (type 3) with customID, from
// interaction_create_component.json.
func ComponentPayload(customID string) map[string]any {
	p := Payload("interaction_create_component.json")
	p["data"].(map[string]any)["custom_id"] = customID
	return p
}

// SetUser makes the interaction or message p come from user id.
func SetUser(p map[string]any, id string) {
	if m, ok := p["member"].(map[string]any); ok {
		if u, ok := m["user"].(map[string]any); ok {
			u["id"] = id
			return
		}
	}
	if u, ok := p["author"].(map[string]any); ok {
		u["id"] = id
	}
	if u, ok := p["user"].(map[string]any); ok {
		u["id"] = id
	}
}

// SetChannel moves the interaction or message p to channel id.
func SetChannel(p map[string]any, id string) {
	p["channel_id"] = id
	if c, ok := p["channel"].(map[string]any); ok {
		c["id"] = id
	}
}

// SendInteraction gives p a fresh ID and token, dispatches it as
// INTERACTION_CREATE and starts its 3-second response deadline.
func (s *Server) SendInteraction(p map[string]any) Sent {
	id := s.newID()
	in := Sent{ID: id, Token: "tok" + id + "-" + strconv.FormatInt(time.Now().UnixNano()%1e6, 36)}
	p["id"] = in.ID
	p["token"] = in.Token
	s.mu.Lock()
	s.dispatched[in.ID] = time.Now()
	if typ, ok := p["type"].(int); ok {
		s.kinds[in.ID] = typ
	} else if typ, ok := p["type"].(float64); ok {
		s.kinds[in.ID] = int(typ)
	}
	s.mu.Unlock()
	s.Dispatch("INTERACTION_CREATE", p)
	return in
}

// SendCommand dispatches a slash command.
func (s *Server) SendCommand(name string, opts ...Option) Sent {
	return s.SendInteraction(CommandPayload(name, opts...))
}

// Message kinds for MessagePayload.
const (
	// Mention is a guild message that mentions the bot.
	Mention = "mention"
	// DM is a direct message to the bot.
	DM = "dm"
	// Other is a guild message that does not concern the bot.
	Other = "other"
)

// MessagePayload returns a MESSAGE_CREATE payload of the given kind with
// content; for Mention the bot's mention is put in front of content.
func MessagePayload(kind, content string) map[string]any {
	p := Payload("message_create_" + kind + ".json")
	if kind == Mention {
		content = "<@" + BotUserID + "> " + content
	}
	p["content"] = content
	return p
}

// SendMessage gives p a fresh ID, dispatches it as MESSAGE_CREATE and
// returns the ID.
func (s *Server) SendMessage(p map[string]any) string {
	id := s.newID()
	p["id"] = id
	s.Dispatch("MESSAGE_CREATE", p)
	return id
}
