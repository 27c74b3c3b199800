package bot_test

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/discordfake"
)

// TestAutocompleteAlwaysGetsResults mounts handlers that answer an
// autocomplete with nothing, or with a message: Dispatch must still send
// an autocomplete result (an empty list), because Discord refuses any
// other callback type for autocomplete and the member would see "Loading
// options failed" instead of "no matches".
func TestAutocompleteAlwaysGetsResults(t *testing.T) {
	t.Parallel()
	opt := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "what",
		Description: "anything", Autocomplete: true}
	e := start(t, setup{mount: func(r *handlers.Router) {
		r.Mount("nothing", func(context.Context, *discordgo.Interaction) (*handlers.Response, error) {
			return nil, nil
		}, &discordgo.ApplicationCommand{Name: "nothing", Description: "returns nil", Options: []*discordgo.ApplicationCommandOption{opt}})
		r.Mount("message", func(context.Context, *discordgo.Interaction) (*handlers.Response, error) {
			return &handlers.Response{Content: "not a choice list"}, nil
		}, &discordgo.ApplicationCommand{Name: "message", Description: "returns a message", Options: []*discordgo.ApplicationCommandOption{opt}})
	}})
	for _, cmd := range []string{"nothing", "message"} {
		cb := e.answered(e.fake.SendInteraction(discordfake.AutocompletePayload(cmd,
			discordfake.Option{Name: "what", Value: "x", Focused: true})))
		if cb.Type != int(discordgo.InteractionApplicationCommandAutocompleteResult) || len(cb.Data.Choices) != 0 {
			t.Errorf("%s: got callback type %d with %d choices; want type 8 with an empty list", cmd, cb.Type, len(cb.Data.Choices))
		}
	}
}
