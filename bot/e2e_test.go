package bot_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/discordfake"
	"github.com/citebot/citebot/knowledge"
)

// abstainPrefix starts the reply when the library has no passage.
const abstainPrefix = "No passage in the articles answers that."

// TestStartup checks the session the bot opens: its token, intents and
// shard, and the single bulk overwrite of its commands in the right scope.
func TestStartup(t *testing.T) {
	base := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	tests := []struct {
		name    string
		vars    map[string]string
		intents discordgo.Intent
		shard   *[2]int
		route   string
		puts    int
	}{
		{"guild, no listening", nil, base, nil, discordfake.GuildCmdsRoute, 1},
		{"global with a listen channel", map[string]string{"DISCORD_GUILD_ID": "", "LISTEN_CHANNEL_IDS": discordfake.ChannelID},
			base | discordgo.IntentMessageContent, nil, discordfake.GlobalCmdsRoute, 1},
		{"first of two shards", map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "2"}, base, &[2]int{0, 2}, discordfake.GuildCmdsRoute, 1},
		{"second of two shards", map[string]string{"SHARD_ID": "1", "SHARD_COUNT": "2"}, base, &[2]int{1, 2}, discordfake.GuildCmdsRoute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := start(t, setup{vars: tt.vars, noWait: tt.puts == 0})
			if tt.puts == 0 {
				e.fake.WaitConnected(wait)
				// A command answered proves start-up is over.
				e.answered(e.fake.SendCommand("help"))
			}
			ids := e.fake.Identifies()
			if len(ids) != 1 {
				t.Fatalf("got %d IDENTIFYs; want 1", len(ids))
			}
			if ids[0].Token != "Bot "+testToken {
				t.Errorf("IDENTIFY token is not \"Bot \" + the configured token")
			}
			if got := discordgo.Intent(ids[0].Intents); got != tt.intents {
				t.Errorf("intents = %d; want %d", got, tt.intents)
			}
			if (ids[0].Shard == nil) != (tt.shard == nil) || (tt.shard != nil && *ids[0].Shard != *tt.shard) {
				t.Errorf("shard = %v; want %v", ids[0].Shard, tt.shard)
			}
			puts := 0
			for _, c := range e.fake.Calls() {
				if c.Method == "PUT" {
					puts++
					if c.Route != tt.route {
						t.Errorf("commands put to %s; want %s", c.Route, tt.route)
					}
					var cmds []discordgo.ApplicationCommand
					if err := c.Decode(&cmds); err != nil {
						t.Fatal(err)
					}
					var names []string
					for _, c := range cmds {
						names = append(names, c.Name)
					}
					for _, want := range []string{"ask", "quote", "sources", "help"} {
						if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
							t.Errorf("registered commands %v lack %q", names, want)
						}
					}
					if c.Vars["app"] != discordfake.AppID {
						t.Errorf("commands put for application %q; want %q", c.Vars["app"], discordfake.AppID)
					}
				}
			}
			if puts != tt.puts {
				t.Errorf("got %d bulk overwrites; want %d", puts, tt.puts)
			}
		})
	}
}

// TestCommands runs each slash command end to end and checks what the user
// would see.
func TestCommands(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	tests := []struct {
		name      string
		cmd       string
		opts      []discordfake.Option
		ephemeral bool
		check     func(t *testing.T, cb callback)
	}{
		{"ask", "ask", []discordfake.Option{{Name: "question", Value: "What did the minister say about the radar?"}}, false,
			func(t *testing.T, cb callback) {
				if len(cb.Data.Embeds) == 0 && !strings.HasPrefix(cb.Data.Content, abstainPrefix) {
					t.Errorf("/ask reply is neither an answer card nor the abstention: %q", cb.Data.Content)
				}
			}},
		{"ask answerable", "ask", []discordfake.Option{{Name: "question", Value: "What did Putin say about continuing the dialogue?"}}, false,
			func(t *testing.T, cb callback) {
				if len(cb.Data.Embeds) == 0 {
					t.Fatalf("/ask on a question the seeds answer gave no answer card: %q", cb.Data.Content)
				}
				if text := visibleText(cb.Data.Content, cb.Data.Embeds); !strings.Contains(strings.ToLower(text), "dialogue") {
					t.Errorf("answer card does not quote the passage:\n%s", text)
				}
			}},
		{"ask without words", "ask", []discordfake.Option{{Name: "question", Value: "?!?"}}, true,
			func(t *testing.T, cb callback) {
				if !strings.Contains(cb.Data.Content, "/help") {
					t.Errorf("malformed question reply %q does not point to /help", cb.Data.Content)
				}
			}},
		{"quote unknown person", "quote", []discordfake.Option{{Name: "person", Value: "Zzyzx Qwerty"}}, true,
			func(t *testing.T, cb callback) {
				if !strings.Contains(cb.Data.Content, "Zzyzx Qwerty") {
					t.Errorf("reply %q does not name the person asked for", cb.Data.Content)
				}
			}},
		{"sources", "sources", nil, false,
			func(t *testing.T, cb callback) {
				n := len(e.store.Current().Articles())
				if len(cb.Data.Embeds) != 1 || !strings.Contains(cb.Data.Embeds[0].Title, fmt.Sprint(n)) {
					t.Fatalf("/sources embeds = %+v; want one card counting %d articles", cb.Data.Embeds, n)
				}
				if got := strings.Count(cb.Data.Embeds[0].Description, "\n") + 1; got != n {
					t.Errorf("/sources lists %d lines; want %d", got, n)
				}
			}},
		{"help", "help", nil, true,
			func(t *testing.T, cb callback) {
				text := visibleText(cb.Data.Content, cb.Data.Embeds)
				for _, want := range []string{"/ask", "/quote", "/sources"} {
					if !strings.Contains(text, want) {
						t.Errorf("/help does not mention %s", want)
					}
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := e.fake.SendCommand(tt.cmd, tt.opts...)
			cb := e.answered(in)
			if cb.Type != int(discordgo.InteractionResponseChannelMessageWithSource) {
				t.Errorf("callback type = %d; want 4 (message)", cb.Type)
			}
			if got := cb.Data.Flags&ephemeral != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v; want %v", got, tt.ephemeral)
			}
			tt.check(t, cb)
		})
	}
}

// TestAutocomplete checks that typing a person's name is answered with an
// autocomplete result of at most 25 choices.
func TestAutocomplete(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	for _, typed := range []string{"", "a", "lav"} {
		in := e.fake.SendInteraction(discordfake.AutocompletePayload("quote",
			discordfake.Option{Name: "person", Value: typed, Focused: true}))
		c := e.fake.WaitCall(wait, "autocomplete", func(c discordfake.Call) bool { return in.IsCallbackFor(c) })
		var cb callback
		_ = c.Decode(&cb)
		if cb.Type != int(discordgo.InteractionApplicationCommandAutocompleteResult) {
			t.Errorf("typed %q: callback type = %d; want 8", typed, cb.Type)
		}
		if _, ok := c.JSON()["data"].(map[string]any)["choices"].([]any); !ok {
			t.Errorf("typed %q: data.choices is not a list: %s", typed, c.Body)
		}
		if len(cb.Data.Choices) > 25 {
			t.Errorf("typed %q: %d choices; want at most 25", typed, len(cb.Data.Choices))
		}
		for _, ch := range cb.Data.Choices {
			if ch.Name == "" || ch.Value == "" {
				t.Errorf("typed %q: empty choice %+v", typed, ch)
			}
		}
		// A library that knows people offers them for a prefix of a name.
		if people := e.store.Current().People(); typed == "" && len(people) > 0 && len(cb.Data.Choices) == 0 {
			t.Errorf("no choices offered for an empty prefix although the library has %d people", len(people))
		}
	}
	if people := e.store.Current().People(); len(people) > 0 {
		name := people[0].Name
		prefix := strings.ToLower(name[:min(4, len(name))])
		in := e.fake.SendInteraction(discordfake.AutocompletePayload("quote",
			discordfake.Option{Name: "person", Value: prefix, Focused: true}))
		cb := e.answered(in)
		found := false
		for _, ch := range cb.Data.Choices {
			found = found || strings.Contains(ch.Name, name)
		}
		if !found {
			t.Errorf("typing %q did not offer %q: %+v", prefix, name, cb.Data.Choices)
		}
	}
}

// TestPagingButton presses a paging button: the message it sits on is
// updated in place, and any new buttons carry path custom IDs.
func TestPagingButton(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	id := "quote/page/Sergei%20Lavrov/2"
	// With a library where someone has more than a page of quotes, page
	// through a real look-up: the first page must offer a next-page button.
	var paged string
	for _, p := range e.store.Current().People() {
		if p.Quotes > handlers.QuotesPerPage {
			paged = p.Name
			break
		}
	}
	if paged != "" {
		cb := e.answered(e.fake.SendCommand("quote", discordfake.Option{Name: "person", Value: paged}))
		if cb.Type != 4 || len(cb.Data.Embeds) == 0 {
			t.Fatalf("/quote %s answered type %d %q; want a card", paged, cb.Type, cb.Data.Content)
		}
		id = ""
		for _, cid := range customIDs(cb.Data.Components) {
			if strings.HasPrefix(cid, "quote/page/") && strings.HasSuffix(cid, "/2") {
				id = cid
			}
		}
		if id == "" {
			t.Fatalf("/quote %s (more than %d quotes) offers no page-2 button: %v", paged, handlers.QuotesPerPage, customIDs(cb.Data.Components))
		}
	}
	in := e.fake.SendInteraction(discordfake.ComponentPayload(id))
	cb := e.answered(in)
	if cb.Type != int(discordgo.InteractionResponseUpdateMessage) {
		t.Fatalf("button callback type = %d (%q); want 7 (update message)", cb.Type, cb.Data.Content)
	}
	if paged != "" && len(cb.Data.Embeds) == 0 {
		t.Errorf("page 2 of %s has no card: %q", paged, cb.Data.Content)
	}
	if len(cb.Data.Embeds) == 0 && cb.Data.Content == "" {
		t.Errorf("update leaves the message empty")
	}
	for _, cid := range customIDs(cb.Data.Components) {
		if !strings.HasPrefix(cid, "quote/") || strings.Count(cid, "/") < 2 {
			t.Errorf("custom ID %q is not a quote/... path", cid)
		}
	}
}

// TestBadButton checks an out-of-date button gets a short ephemeral
// message, not a failure.
func TestBadButton(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	cb := e.answered(e.fake.SendInteraction(discordfake.ComponentPayload("quote/page/%zz/x")))
	if cb.Type != 4 || cb.Data.Flags&ephemeral == 0 || !strings.Contains(cb.Data.Content, "/quote") {
		t.Errorf("out-of-date button answered %+v; want an ephemeral hint to run /quote", cb)
	}
}

// TestMentionAndDM checks that a mention gets a reply referencing it and a
// DM gets an answer in the DM channel, both with mentions disabled.
func TestMentionAndDM(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	tests := []struct {
		kind, channel string
	}{
		{discordfake.Mention, discordfake.ChannelID},
		{discordfake.DM, discordfake.DMChannelID},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			mid := e.fake.SendMessage(discordfake.MessagePayload(tt.kind, "what did the foreign minister say about the radar?"))
			c := e.fake.WaitCall(wait, "reply to "+tt.kind, func(c discordfake.Call) bool {
				return c.Route == discordfake.MessageRoute && strings.Contains(string(c.Body), mid)
			})
			if c.Vars["channel"] != tt.channel {
				t.Errorf("reply sent to channel %s; want %s", c.Vars["channel"], tt.channel)
			}
			var m message
			_ = c.Decode(&m)
			if m.Reference == nil || m.Reference.MessageID != mid {
				t.Errorf("reply references %+v; want message %s", m.Reference, mid)
			}
			if len(m.Embeds) == 0 && !strings.HasPrefix(m.Content, abstainPrefix) {
				t.Errorf("reply is neither an answer card nor the abstention: %q", m.Content)
			}
			if strings.Contains(m.Content, "<@"+discordfake.BotUserID+">") {
				t.Errorf("reply repeats the bot's mention: %q", m.Content)
			}
		})
	}
}

// TestIgnoredMessages checks that messages which do not concern the bot,
// and messages from bots, get no REST call at all.
func TestIgnoredMessages(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	other := e.fake.SendMessage(discordfake.MessagePayload(discordfake.Other, "anyone up for lunch? @everyone"))
	fromBot := discordfake.MessagePayload(discordfake.Mention, "echo")
	fromBot["author"].(map[string]any)["bot"] = true
	botMsg := e.fake.SendMessage(fromBot)
	self := discordfake.MessagePayload(discordfake.DM, "my own words")
	discordfake.SetUser(self, discordfake.BotUserID)
	selfMsg := e.fake.SendMessage(self)
	// A DM afterwards proves the earlier events were read and handled.
	marker := e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke?"))
	e.fake.WaitCall(wait, "reply to the marker DM", func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && strings.Contains(string(c.Body), marker)
	})
	time.Sleep(200 * time.Millisecond)
	for _, c := range e.fake.Calls() {
		if c.Method != "POST" {
			continue
		}
		for _, id := range []string{other, botMsg, selfMsg} {
			if strings.Contains(string(c.Body), id) {
				t.Errorf("the bot answered message %s: %s", id, c)
			}
		}
		if c.Route == discordfake.MessageRoute && c.Vars["channel"] == discordfake.ChannelID {
			t.Errorf("the bot posted in the guild channel: %s", c)
		}
	}
}

// TestCooldowns checks the per-user and per-channel limits: a second
// question too soon gets a polite ephemeral note, others are answered.
func TestCooldowns(t *testing.T) {
	t.Parallel()
	e := start(t, setup{vars: map[string]string{"ASK_COOLDOWN_USER": "1h", "ASK_COOLDOWN_CHANNEL": "1h"}})
	ask := func(user, channel string) callback {
		p := discordfake.CommandPayload("ask", discordfake.Option{Name: "question", Value: "who spoke about the radar?"})
		discordfake.SetUser(p, user)
		discordfake.SetChannel(p, channel)
		return e.answered(e.fake.SendInteraction(p))
	}
	tests := []struct {
		name, user, channel string
		limited             bool
	}{
		{"first question", "1100000000000000401", "1100000000000000501", false},
		{"same user, other channel", "1100000000000000401", "1100000000000000502", true},
		{"other user, same channel", "1100000000000000402", "1100000000000000501", true},
		{"other user, other channel", "1100000000000000403", "1100000000000000503", false},
	}
	for _, tt := range tests {
		cb := ask(tt.user, tt.channel)
		gotLimited := cb.Data.Flags&ephemeral != 0
		if gotLimited != tt.limited {
			t.Errorf("%s: limited = %v (%q); want %v", tt.name, gotLimited, cb.Data.Content, tt.limited)
		}
		if gotLimited && !strings.Contains(strings.ToLower(cb.Data.Content), "again") {
			t.Errorf("%s: cooldown reply %q does not say when to try again", tt.name, cb.Data.Content)
		}
	}
}

// slowHandler answers after d with a public card, or with err.
func slowHandler(d time.Duration, resp *handlers.Response, err error) handlers.HandlerFunc {
	return func(ctx context.Context, in *discordgo.Interaction) (*handlers.Response, error) {
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return resp, err
	}
}

// TestSlowHandlerIsDeferred checks Discord's 3-second rule with the real
// 2-second deferral: a slow command is acknowledged (type 5) in time and
// then edited; a slow button is acknowledged silently (type 6) and its
// message edited; a slow public command that ends in a user error is
// replaced by an ephemeral follow-up.
func TestSlowHandlerIsDeferred(t *testing.T) {
	t.Parallel()
	card := &handlers.Response{Embeds: []*discordgo.MessageEmbed{{Title: "slow card"}}}
	update := &handlers.Response{Type: discordgo.InteractionResponseUpdateMessage, Content: "page 2",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Next", CustomID: "slowbtn/page/3", Style: discordgo.SecondaryButton}}}}}
	e := start(t, setup{mount: func(r *handlers.Router) {
		r.Mount("slow", slowHandler(2500*time.Millisecond, card, nil), &discordgo.ApplicationCommand{Name: "slow", Description: "slow"})
		r.Mount("slowbtn", slowHandler(2500*time.Millisecond, update, nil))
		r.Mount("slowfail", slowHandler(2500*time.Millisecond, nil, handlers.UserError{Msg: "nothing there"}),
			&discordgo.ApplicationCommand{Name: "slowfail", Description: "slow"})
	}})
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		in := e.fake.SendCommand("slow")
		cb := e.answered(in)
		if cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) || cb.Data.Flags&ephemeral != 0 {
			t.Errorf("/slow first callback = type %d flags %d; want a public deferral (type 5)", cb.Type, cb.Data.Flags)
		}
		c := e.fake.WaitCall(wait, "edit of /slow", func(c discordfake.Call) bool { return in.IsWebhookFor(c) })
		var m message
		_ = c.Decode(&m)
		if c.Route != discordfake.EditOriginalRoute || c.Vars["id"] != "@original" || len(m.Embeds) != 1 || m.Embeds[0].Title != "slow card" {
			t.Errorf("/slow finished with %s; want the card edited into @original", c)
		}
	}()
	go func() {
		defer wg.Done()
		in := e.fake.SendInteraction(discordfake.ComponentPayload("slowbtn/page/2"))
		cb := e.answered(in)
		if cb.Type != int(discordgo.InteractionResponseDeferredMessageUpdate) {
			t.Errorf("slow button first callback type = %d; want 6", cb.Type)
		}
		c := e.fake.WaitCall(wait, "edit of the button's message", func(c discordfake.Call) bool { return in.IsWebhookFor(c) })
		var m message
		_ = c.Decode(&m)
		if c.Route != discordfake.EditOriginalRoute || m.Content != "page 2" {
			t.Errorf("slow button finished with %s; want an edit of the message", c)
		}
		if ids := customIDs(m.Components); len(ids) != 1 || ids[0] != "slowbtn/page/3" {
			t.Errorf("edited components carry IDs %v; want [slowbtn/page/3]", ids)
		}
	}()
	go func() {
		defer wg.Done()
		in := e.fake.SendCommand("slowfail")
		e.answered(in)
		c := e.fake.WaitCall(wait, "follow-up of /slowfail", func(c discordfake.Call) bool {
			return in.IsWebhookFor(c) && c.Route == discordfake.FollowupRoute
		})
		var m message
		_ = c.Decode(&m)
		if m.Flags&ephemeral == 0 || m.Content != "nothing there" {
			t.Errorf("/slowfail follow-up = %+v; want the user error, ephemeral", m)
		}
		e.fake.WaitCall(wait, "removal of the public placeholder", func(c discordfake.Call) bool {
			return c.Method == "DELETE" && strings.Contains(c.Path, in.Token)
		})
	}()
	wg.Wait()
}

// TestGatewayResume drops the gateway: the bot resumes the same session
// (no new IDENTIFY), an interaction sent during the outage is replayed and
// answered once, and later ones are answered too.
func TestGatewayResume(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	e.answered(e.fake.SendCommand("help"))
	e.fake.DropGateway()
	during := e.fake.SendCommand("sources")
	r := e.fake.WaitResume(10*time.Second, 1)
	if r.SessionID != "fake-session-1" {
		t.Errorf("RESUME session = %q; want fake-session-1", r.SessionID)
	}
	if r.Token != "Bot "+testToken {
		t.Errorf("RESUME token is not the configured one")
	}
	e.answered(during)
	after := e.fake.SendCommand("help")
	e.answered(after)
	if n := len(e.fake.Identifies()); n != 1 {
		t.Errorf("IDENTIFY sent %d times; want 1 (resume, not a new session)", n)
	}
	time.Sleep(100 * time.Millisecond)
	for _, in := range []discordfake.Sent{during, after} {
		if n := e.acceptedCallbacks(in); n != 1 {
			t.Errorf("interaction %s answered %d times; want 1", in.ID, n)
		}
	}
}

// TestInvalidSession makes the session unresumable: the bot identifies
// again and keeps answering.
func TestInvalidSession(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	e.fake.InvalidateSession()
	e.fake.WaitIdentify(10*time.Second, 2)
	if n := len(e.fake.Resumes()); n != 1 {
		t.Errorf("RESUME attempts = %d; want 1 before identifying again", n)
	}
	e.answered(e.fake.SendCommand("help"))
	if puts := len(e.fake.CallsTo(discordfake.GuildCmdsRoute)); puts != 1 {
		t.Errorf("commands registered %d times; want once per process, not per session", puts)
	}
}

// TestDuplicateDelivery sends the same interaction twice, as a replay can:
// it is answered once.
func TestDuplicateDelivery(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	p := discordfake.CommandPayload("help")
	in := e.fake.SendInteraction(p)
	e.fake.Dispatch("INTERACTION_CREATE", p) // same id and token
	e.answered(in)
	marker := e.fake.SendCommand("sources")
	e.answered(marker)
	time.Sleep(100 * time.Millisecond)
	n := 0
	for _, c := range e.fake.CallsTo(discordfake.CallbackRoute) {
		if in.IsCallbackFor(c) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("duplicate interaction got %d callbacks; want 1", n)
	}
}

// TestRESTFailures makes Discord answer 429 with Retry-After, or 500 once:
// the answer still arrives, exactly once.
func TestRESTFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		route  string
		inject func(f *discordfake.Server, route string)
		status int
		send   func(e *env) (match func(discordfake.Call) bool)
	}{
		{"callback 429", discordfake.CallbackRoute,
			func(f *discordfake.Server, r string) { f.RateLimit(r, 1, 300*time.Millisecond) }, 429, sendHelp},
		{"callback 500", discordfake.CallbackRoute,
			func(f *discordfake.Server, r string) { f.FailNext(r, 1, 500) }, 500, sendHelp},
		{"message 429", discordfake.MessageRoute,
			func(f *discordfake.Server, r string) { f.RateLimit(r, 2, 100*time.Millisecond) }, 429, sendDM},
		{"message 500", discordfake.MessageRoute,
			func(f *discordfake.Server, r string) { f.FailNext(r, 1, 500) }, 500, sendDM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := start(t, setup{})
			tt.inject(e.fake, tt.route)
			start := time.Now()
			match := tt.send(e)
			e.fake.WaitCall(wait, "a successful answer", func(c discordfake.Call) bool { return match(c) && c.Status < 300 })
			if tt.status == 429 && time.Since(start) < 100*time.Millisecond {
				t.Errorf("answered after %v; want Retry-After honoured", time.Since(start))
			}
			time.Sleep(300 * time.Millisecond)
			var failed, ok int
			for _, c := range e.fake.Calls() {
				if !match(c) {
					continue
				}
				switch {
				case c.Status == tt.status:
					failed++
				case c.Status < 300:
					ok++
				default:
					t.Errorf("unexpected call %s", c)
				}
			}
			if failed == 0 || ok != 1 {
				t.Errorf("got %d failed and %d successful calls; want the injected failures then exactly 1 success", failed, ok)
			}
		})
	}
}

// TestNoPings asks with @everyone, a role and a user mention in the
// question: the reply neither pings (allowed_mentions, checked for every
// run) nor shows a live mention in its text.
func TestNoPings(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	q := "@everyone @here <@&1100000000000000777> <@1100000000000000301> what did Putin say about continuing the dialogue?"
	cb := e.answered(e.fake.SendCommand("ask", discordfake.Option{Name: "question", Value: q}))
	mid := e.fake.SendMessage(discordfake.MessagePayload(discordfake.Mention, q))
	c := e.fake.WaitCall(wait, "mention reply", func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && strings.Contains(string(c.Body), mid)
	})
	var m message
	_ = c.Decode(&m)
	for name, text := range map[string]string{"/ask": visibleText(cb.Data.Content, cb.Data.Embeds), "mention": visibleText(m.Content, m.Embeds)} {
		for _, live := range []string{"@everyone", "@here", "<@&1100000000000000777>", "<@1100000000000000301>"} {
			if strings.Contains(text, live) {
				t.Errorf("%s reply shows %q unneutralised:\n%s", name, live, text)
			}
		}
	}
}

func sendHelp(e *env) func(discordfake.Call) bool {
	in := e.fake.SendCommand("help")
	return in.IsCallbackFor
}

func sendDM(e *env) func(discordfake.Call) bool {
	id := e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke about the radar?"))
	return func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && strings.Contains(string(c.Body), id)
	}
}

// TestPanicIsRecovered makes a handler panic: the user gets a short
// ephemeral error, the panic is logged once, and the bot keeps serving.
func TestPanicIsRecovered(t *testing.T) {
	t.Parallel()
	e := start(t, setup{mount: func(r *handlers.Router) {
		r.Mount("boom", func(context.Context, *discordgo.Interaction) (*handlers.Response, error) {
			panic("kaboom secret internals")
		}, &discordgo.ApplicationCommand{Name: "boom", Description: "panics"})
		r.Mount("oops", func(context.Context, *discordgo.Interaction) (*handlers.Response, error) {
			return nil, errors.New("database on fire")
		}, &discordgo.ApplicationCommand{Name: "oops", Description: "fails"})
	}})
	for _, cmd := range []string{"boom", "oops"} {
		cb := e.answered(e.fake.SendCommand(cmd))
		if cb.Type != 4 || cb.Data.Flags&ephemeral == 0 {
			t.Errorf("/%s answered type %d flags %d; want an ephemeral message", cmd, cb.Type, cb.Data.Flags)
		}
		if strings.Contains(cb.Data.Content, "kaboom") || strings.Contains(cb.Data.Content, "fire") || cb.Data.Content == "" || len(cb.Data.Content) > 200 {
			t.Errorf("/%s error shown to the user: %q; want a short generic message", cmd, cb.Data.Content)
		}
	}
	cb := e.answered(e.fake.SendCommand("sources"))
	if cb.Type != 4 || len(cb.Data.Embeds) == 0 {
		t.Errorf("after the panic /sources answered %+v; want the card", cb)
	}
	e.waitLog("route=/boom")
	e.waitLog("route=/oops")
	logs := e.logs.String()
	if n := strings.Count(logs, "kaboom secret internals"); n != 1 {
		t.Errorf("panic logged %d times; want once:\n%s", n, logs)
	}
	if n := strings.Count(logs, "database on fire"); n != 1 {
		t.Errorf("error logged %d times; want once", n)
	}
	var buf strings.Builder
	e.bot.Metrics().Write(&buf, bot.Snapshot{})
	for _, want := range []string{"citebot_panics_total 1\n", "citebot_errors_total 2\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("metrics lack %q", strings.TrimSpace(want))
		}
	}
}

// TestManyInteractionsAtOnce sends 200 interactions without waiting: every
// one is answered exactly once, within Discord's deadline (the fake
// refuses late or second callbacks).
func TestManyInteractionsAtOnce(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	const n = 200
	sent := make([]discordfake.Sent, n)
	begin := time.Now()
	for i := range sent {
		p := discordfake.CommandPayload("ask", discordfake.Option{Name: "question", Value: fmt.Sprintf("question number %d about the radar?", i)})
		discordfake.SetUser(p, fmt.Sprint(1100000000000010000+i))
		sent[i] = e.fake.SendInteraction(p)
	}
	want := map[string]bool{}
	for _, in := range sent {
		want[in.ID] = true
	}
	e.fake.WaitCalls(20*time.Second, n, "answering all interactions", func(c discordfake.Call) bool {
		return c.Route == discordfake.CallbackRoute && c.Status == 204 && want[c.Vars["id"]]
	})
	time.Sleep(200 * time.Millisecond)
	got := map[string]int{}
	for _, c := range e.fake.CallsTo(discordfake.CallbackRoute) {
		if c.Status != 204 {
			t.Errorf("callback refused: %s", c)
		}
		got[c.Vars["id"]]++
	}
	for _, in := range sent {
		if got[in.ID] != 1 {
			t.Errorf("interaction %s answered %d times; want 1", in.ID, got[in.ID])
		}
	}
	var last time.Time
	for _, c := range e.fake.CallsTo(discordfake.CallbackRoute) {
		if c.At.After(last) {
			last = c.At
		}
	}
	t.Logf("%d interactions answered %v after the first was sent", n, last.Sub(begin).Round(time.Millisecond))
}

// TestShutdownFinishesInFlight cancels Run while a handler is working: the
// answer is still delivered, Run returns nil, and events that arrive
// during shutdown are not taken.
func TestShutdownFinishesInFlight(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	e := start(t, setup{mount: func(r *handlers.Router) {
		r.Mount("work", func(ctx context.Context, in *discordgo.Interaction) (*handlers.Response, error) {
			close(started)
			time.Sleep(700 * time.Millisecond)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return &handlers.Response{Content: "finished"}, nil
		}, &discordgo.ApplicationCommand{Name: "work", Description: "works"})
	}})
	in := e.fake.SendCommand("work")
	<-started
	e.stop()
	cb := e.answered(in)
	if cb.Data.Content != "finished" {
		t.Errorf("in-flight interaction answered %q; want \"finished\"", cb.Data.Content)
	}
	e.fake.WaitDisconnected(wait)
	late := e.fake.SendCommand("help")
	time.Sleep(100 * time.Millisecond)
	if n := e.acceptedCallbacks(late); n != 0 {
		t.Errorf("an event after shutdown was answered")
	}
}

// TestHealthAndMetrics checks /healthz follows the gateway and /metrics
// counts questions in the Prometheus text format.
func TestHealthAndMetrics(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	srv := e.bot.Handler()
	get := func(path string) (int, string) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code, rec.Body.String()
	}
	if code, body := get("/healthz"); code != 200 {
		t.Errorf("/healthz = %d %q while connected; want 200", code, body)
	}
	cb := e.answered(e.fake.SendCommand("ask", discordfake.Option{Name: "question", Value: "who spoke about the radar?"}))
	abstained := len(cb.Data.Embeds) == 0
	e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke?"))
	e.fake.WaitCall(wait, "DM reply", func(c discordfake.Call) bool { return c.Route == discordfake.MessageRoute })
	// Dispatch counts an event after Discord's answer reaches it, which
	// can trail the call the fake recorded.
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, body := get("/metrics"); strings.Contains(body, "citebot_questions_total 2\n") &&
			strings.Contains(body, "citebot_response_seconds_count 2\n") {
			break
		}
	}
	code, body := get("/metrics")
	if code != 200 {
		t.Fatalf("/metrics = %d", code)
	}
	lib := e.store.Current()
	wantLines := []string{
		"citebot_questions_total 2",
		fmt.Sprintf("citebot_library_articles %d", len(lib.Articles())),
		fmt.Sprintf("citebot_library_quotes %d", lib.Stats().Quotes),
		"citebot_gateway_connected 1",
		`citebot_events_total{kind="command"} 1`,
		`citebot_events_total{kind="message"} 1`,
		`citebot_response_seconds_bucket{le="+Inf"} 2`,
		"citebot_response_seconds_count 2",
		"# TYPE citebot_response_seconds histogram",
	}
	if abstained {
		wantLines = append(wantLines, "citebot_abstentions_total 1") // at least the /ask; the DM may add one
	}
	for _, w := range wantLines {
		if !strings.Contains(body, w+"\n") && !(strings.HasPrefix(w, "citebot_abstentions_total") && strings.Contains(body, "citebot_abstentions_total 2\n")) {
			t.Errorf("/metrics lacks %q:\n%s", w, body)
		}
	}
	checkExposition(t, body)

	// No library: not healthy, whatever the gateway says.
	lib = e.store.Swap(nil)
	if code, body := get("/healthz"); code != 503 || !strings.Contains(body, "library") {
		t.Errorf("/healthz without a library = %d %q; want 503 naming the library", code, body)
	}
	e.store.Swap(lib)
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz with the library back = %d; want 200", code)
	}
	// Gateway closed at shutdown: not healthy.
	e.stop()
	if code, body := get("/healthz"); code != 503 || !strings.Contains(body, "gateway") {
		t.Errorf("/healthz after shutdown = %d %q; want 503 naming the gateway", code, body)
	}
}

// checkExposition checks every line is a comment or "name{labels} value",
// and every metric has HELP and TYPE lines.
func checkExposition(t *testing.T, body string) {
	t.Helper()
	typed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		if strings.HasPrefix(line, "# TYPE ") {
			typed[strings.Fields(line)[2]] = true
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, " ")
		if !ok || strings.Contains(value, " ") {
			t.Errorf("malformed sample %q", line)
			continue
		}
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name = name[:i]
		}
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if !typed[name] && !typed[base] {
			t.Errorf("sample %q has no TYPE line", line)
		}
	}
}

// TestNewNeedsToken checks New refuses to start without a token with a
// message naming the variable.
func TestNewNeedsToken(t *testing.T) {
	lib, _, err := knowledge.LoadDir("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	_, err = bot.New(bot.Options{Router: handlers.New(handlers.Deps{}), Store: knowledge.NewStore(lib)})
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("New without a token: err = %v; want one naming DISCORD_TOKEN", err)
	}
}

// TestDeferralVariants shortens the deferral to check the other paths: a
// moderator command defers ephemerally, and a handler that overruns its
// timeout ends with a short "took too long" edit instead of silence.
func TestDeferralVariants(t *testing.T) {
	t.Parallel()
	perm := int64(discordgo.PermissionManageMessages)
	private := &handlers.Response{Content: "private result", Ephemeral: true}
	e := start(t, setup{
		mount: func(r *handlers.Router) {
			r.Mount("modslow", slowHandler(300*time.Millisecond, private, nil),
				&discordgo.ApplicationCommand{Name: "modslow", Description: "mod", DefaultMemberPermissions: &perm})
			r.Mount("stuck", func(ctx context.Context, _ *discordgo.Interaction) (*handlers.Response, error) {
				<-ctx.Done()
				return nil, ctx.Err()
			}, &discordgo.ApplicationCommand{Name: "stuck", Description: "never ends"})
		},
		opts: func(o *bot.Options) {
			o.DeferAfter = 100 * time.Millisecond
			o.HandlerTimeout = 500 * time.Millisecond
		},
	})
	mod := e.fake.SendCommand("modslow")
	stuck := e.fake.SendCommand("stuck")

	cb := e.answered(mod)
	if cb.Type != 5 || cb.Data.Flags&ephemeral == 0 {
		t.Errorf("moderator command deferred as type %d flags %d; want an ephemeral deferral", cb.Type, cb.Data.Flags)
	}
	c := e.fake.WaitCall(wait, "edit of /modslow", func(c discordfake.Call) bool { return mod.IsWebhookFor(c) })
	var m message
	_ = c.Decode(&m)
	if c.Route != discordfake.EditOriginalRoute || m.Content != "private result" {
		t.Errorf("/modslow finished with %s; want the result edited in", c)
	}

	cb = e.answered(stuck)
	if cb.Type != 5 {
		t.Errorf("stuck command first callback type %d; want 5", cb.Type)
	}
	c = e.fake.WaitCall(wait, "timeout notice for /stuck", func(c discordfake.Call) bool { return stuck.IsWebhookFor(c) })
	_ = c.Decode(&m)
	if !strings.Contains(m.Content, "too long") || m.Flags&ephemeral == 0 && c.Route == discordfake.FollowupRoute {
		t.Errorf("/stuck finished with %s; want an ephemeral \"took too long\"", c)
	}
	e.waitLog("route=/stuck")
	if n := strings.Count(e.logs.String(), "deadline exceeded"); n != 1 {
		t.Errorf("timeout logged %d times; want once:\n%s", n, e.logs.String())
	}
}
