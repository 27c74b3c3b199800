package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Deps is everything the handlers need from the outside world. main fills
// it; tests fill it with a fixed clock and a library built from test
// sources.
type Deps struct {
	// Library gives the library in use; each request calls Current once.
	Library Libraries
	// Cooldowns limits how fast questions may come; nil disables limits.
	Cooldowns *Cooldowns
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives debug details; nil discards them. Errors are logged
	// once by Dispatch, not here.
	Logger *slog.Logger
	// ListenChannelIDs are channels where every message is a question.
	ListenChannelIDs []string
	// MaxAnswers is how many excerpts an answer card shows (default 3).
	MaxAnswers int
	// NoteDeleteAfter is how long a note that must be public in a guild
	// channel stays before the bot deletes it (see Response.DeleteAfter);
	// zero keeps such notes. main passes config's NOTE_DELETE_AFTER.
	NoteDeleteAfter time.Duration
}

// UserError is an error whose message is meant for the user: Dispatch
// shows Msg as-is in an ephemeral reply instead of the generic "Something
// went wrong". Use it for mistakes the user can fix.
type UserError struct {
	// Msg is shown to the user as it is, so it must already be escaped
	// and short; Dispatch only trims it to Discord's 2,000 characters.
	Msg string
}

// Error returns the message shown to the user.
func (e UserError) Error() string { return e.Msg }

// IsUserError reports whether err is (or wraps) a UserError, and returns
// its message.
func IsUserError(err error) (string, bool) {
	var ue UserError
	if errors.As(err, &ue) {
		return ue.Msg, true
	}
	var pue *UserError
	if errors.As(err, &pue) && pue != nil {
		return pue.Msg, true
	}
	return "", false
}

// route is one mounted handler.
type route struct {
	h         HandlerFunc
	ephemeral bool
}

// Router sends each interaction to its handler by command name or by the
// first segment of a component's custom ID, and decides which messages
// concern the bot. It is safe for concurrent use; Mount is meant for
// start-up but is safe at any time.
type Router struct {
	d      Deps
	mu     sync.RWMutex
	routes map[string]route
	cmds   []*discordgo.ApplicationCommand
}

// New returns a Router serving the bot's own commands (ask, quote, sources,
// help); other packages add theirs with Mount.
func New(d Deps) *Router {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.MaxAnswers <= 0 {
		d.MaxAnswers = 3
	}
	r := &Router{d: d, routes: map[string]route{}}
	r.routes["ask"] = route{h: r.handleAsk}
	r.routes["quote"] = route{h: r.handleQuote}
	r.routes["sources"] = route{h: r.handleSources}
	r.routes["help"] = route{h: r.handleHelp}
	r.cmds = builtinCommands()
	return r
}

// Mount routes interactions whose command name, or whose custom ID's first
// segment, is name to h, and adds cmds to Commands. If any of cmds needs a
// member permission (a moderator command), deferred replies for name are
// ephemeral. Mounting a name again replaces its handler.
func (r *Router) Mount(name string, h HandlerFunc, cmds ...*discordgo.ApplicationCommand) {
	eph := false
	for _, c := range cmds {
		if c != nil && c.DefaultMemberPermissions != nil {
			eph = true
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.routes[name] = route{h: h, ephemeral: eph}
	for _, c := range cmds {
		if c == nil {
			continue
		}
		r.cmds = slices.DeleteFunc(r.cmds, func(o *discordgo.ApplicationCommand) bool { return o.Name == c.Name })
		r.cmds = append(r.cmds, c)
	}
}

// Commands returns every command to register, in one list for a single
// bulk overwrite.
func (r *Router) Commands() []*discordgo.ApplicationCommand {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.cmds)
}

// routeName is the name an interaction is routed by: the command name for
// commands and autocomplete, the first custom-ID segment for components
// and modals.
func routeName(in *discordgo.Interaction) string {
	if in == nil {
		return ""
	}
	switch d := in.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d.Name
	case *discordgo.ApplicationCommandInteractionData:
		return d.Name
	case discordgo.MessageComponentInteractionData:
		return firstSegment(d.CustomID)
	case *discordgo.MessageComponentInteractionData:
		return firstSegment(d.CustomID)
	case discordgo.ModalSubmitInteractionData:
		return firstSegment(d.CustomID)
	case *discordgo.ModalSubmitInteractionData:
		return firstSegment(d.CustomID)
	}
	return ""
}

func firstSegment(id string) string {
	name, _, _ := strings.Cut(id, "/")
	return name
}

// DeferEphemeral tells Dispatch, before the handler returns, whether a
// deferred reply to in must be ephemeral: moderator commands, /help and
// the context buttons (private look-ups), and anything the router does not
// know.
func (r *Router) DeferEphemeral(in *discordgo.Interaction) bool {
	name := routeName(in)
	r.mu.RLock()
	rt, ok := r.routes[name]
	r.mu.RUnlock()
	if !ok {
		return true
	}
	if rt.ephemeral || name == "help" {
		return true
	}
	if d, ok := componentData(in); ok && (strings.HasPrefix(d.CustomID, "quote/context/") || strings.HasPrefix(d.CustomID, "quote/para/")) {
		return true
	}
	return false
}

// Interaction handles one interaction and returns what to send.
func (r *Router) Interaction(ctx context.Context, in *discordgo.Interaction) (*Response, error) {
	if in == nil {
		return nil, errors.New("nil interaction")
	}
	if in.Type == discordgo.InteractionPing {
		return &Response{Type: discordgo.InteractionResponsePong}, nil
	}
	name := routeName(in)
	r.mu.RLock()
	rt, ok := r.routes[name]
	r.mu.RUnlock()
	if !ok {
		if in.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return &Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult}, nil
		}
		return nil, UserError{Msg: "I don't know that command any more. Try /help."}
	}
	return rt.h(ctx, in)
}

// Message handles a channel message or DM. It returns (nil, nil) when the
// message does not concern the bot: written by a bot (itself included) or
// a webhook, or neither a DM, nor mentioning the bot, nor in a listening
// channel. Webhooks are ignored because a bridge that relays a listening
// channel's messages would relay the bot's own answers back to it, and
// their authors need not be marked as bots. A note meant for the asker
// alone (a cooldown, a malformed question) is public when it answers a
// mention in a guild channel, so it carries DeleteAfter there.
func (r *Router) Message(ctx context.Context, m *discordgo.Message, botUserID string) (*Response, error) {
	if m == nil || m.Author == nil || m.Author.Bot || m.Author.System || m.WebhookID != "" ||
		(botUserID != "" && m.Author.ID == botUserID) {
		return nil, nil
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return nil, nil
	}
	dm := m.GuildID == ""
	mentioned := mentionsBot(m, botUserID)
	listening := slices.Contains(r.d.ListenChannelIDs, m.ChannelID)
	if !dm && !mentioned && !listening {
		return nil, nil
	}
	var resp *Response
	var err error
	if !dm && mentioned && strings.TrimSpace(m.Content) == "" && len(m.MentionRoles) > 0 {
		// A message that mentions a role has the mention in its text,
		// so empty text means Discord withheld it: without the Message
		// Content intent a bot reads the messages that mention it, and
		// a mention of its role (which the bot passes on as its own)
		// may not count. Say how to be read rather than "ask me".
		resp = &Response{Content: roleMentionNote, Ephemeral: true}
	} else {
		resp, err = r.ask(ctx, stripBotMention(m.Content, botUserID), m.Author.ID, m.ChannelID)
	}
	if resp != nil && resp.Ephemeral && len(resp.Embeds) == 0 && !dm && !mentioned {
		// A channel message cannot be ephemeral, and in a listening
		// channel nobody addressed the bot: a public "you're asking
		// quickly" or "I couldn't find a question" under every chatty
		// message would be the very noise cooldowns exist to stop. (The
		// help card, asked for by name, is still shown.)
		return nil, nil
	}
	if resp != nil {
		resp.Reply = true
		if resp.Ephemeral && len(resp.Embeds) == 0 && !dm {
			// Only the asker should have seen this note, but a channel
			// message is public: let it go once it has been read.
			resp.DeleteAfter = r.d.NoteDeleteAfter
		}
	}
	return resp, err
}

// roleMentionNote answers a mention of the bot's role whose text Discord
// did not send.
const roleMentionNote = "I couldn't read that message: you mentioned my role, not me. " +
	"Mention me by picking the bot (not the role) from the @ list, or use /ask."

// mentionsBot reports whether m mentions the bot by user ID, either in the
// resolved mentions Discord sends or in the raw text.
func mentionsBot(m *discordgo.Message, botUserID string) bool {
	if botUserID == "" {
		return false
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == botUserID {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+botUserID+">") || strings.Contains(m.Content, "<@!"+botUserID+">")
}

// stripBotMention removes the bot's mention, and any other user, role or
// channel mention, from a question: they are addressing, not content.
func stripBotMention(s, botUserID string) string {
	s = discordTokenRE.ReplaceAllString(s, " ")
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}

// discordTokenRE matches user, role and channel mentions and custom emoji.
var discordTokenRE = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>`)

var spaceRE = regexp.MustCompile(`\s+`)

// userID returns who sent an interaction: the member in a guild, the user
// in a DM.
func userID(in *discordgo.Interaction) string {
	if in.Member != nil && in.Member.User != nil {
		return in.Member.User.ID
	}
	if in.User != nil {
		return in.User.ID
	}
	return ""
}

// commandData returns the data of a command or autocomplete interaction,
// without the panic discordgo's accessor gives on the wrong type.
func commandData(in *discordgo.Interaction) (discordgo.ApplicationCommandInteractionData, bool) {
	switch d := in.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d, true
	case *discordgo.ApplicationCommandInteractionData:
		if d != nil {
			return *d, true
		}
	}
	return discordgo.ApplicationCommandInteractionData{}, false
}

// componentData returns the data of a component interaction.
func componentData(in *discordgo.Interaction) (discordgo.MessageComponentInteractionData, bool) {
	switch d := in.Data.(type) {
	case discordgo.MessageComponentInteractionData:
		return d, true
	case *discordgo.MessageComponentInteractionData:
		if d != nil {
			return *d, true
		}
	}
	return discordgo.MessageComponentInteractionData{}, false
}

// option returns a string option's value and whether it is focused (for
// autocomplete).
func option(d discordgo.ApplicationCommandInteractionData, name string) (string, bool) {
	for _, o := range d.Options {
		if o != nil && o.Name == name {
			s, _ := o.Value.(string)
			return s, o.Focused
		}
	}
	return "", false
}
