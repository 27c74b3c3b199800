package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/knowledge"
)

const botID = "900000000000000001"

// slash builds the interaction Discord sends for a slash command with
// string options given as name, value pairs.
func slash(name string, kv ...string) *discordgo.Interaction {
	d := discordgo.ApplicationCommandInteractionData{ID: "cmd-" + name, Name: name}
	for i := 0; i+1 < len(kv); i += 2 {
		d.Options = append(d.Options, &discordgo.ApplicationCommandInteractionDataOption{
			Name: kv[i], Type: discordgo.ApplicationCommandOptionString, Value: kv[i+1],
		})
	}
	return &discordgo.Interaction{
		ID: "1", Type: discordgo.InteractionApplicationCommand, Data: d, GuildID: "g1", ChannelID: "c1",
		Member: &discordgo.Member{User: &discordgo.User{ID: "u1"}},
	}
}

// button builds a component interaction for a custom ID.
func button(id string) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "2", Type: discordgo.InteractionMessageComponent, GuildID: "g1", ChannelID: "c1",
		Data:   discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent},
		Member: &discordgo.Member{User: &discordgo.User{ID: "u1"}},
	}
}

// isAnswer reports whether resp is what /ask gives for a real question:
// an answer card, or the plain abstention. Which one depends on the engine.
func isAnswer(resp *Response) bool {
	if resp == nil || resp.Ephemeral {
		return false
	}
	return len(resp.Embeds) == 1 && len(resp.Embeds[0].Fields) > 0 || strings.HasPrefix(resp.Content, abstainText)
}

func TestMessageConcernsBot(t *testing.T) {
	user := &discordgo.User{ID: "u1"}
	tests := []struct {
		name    string
		m       *discordgo.Message
		want    bool
		content string // expected substring when want
	}{
		{"DM", &discordgo.Message{Author: user, ChannelID: "dm", Content: "What did Lavrov say?"}, true, ""},
		{"mention", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "<@" + botID + "> What did Lavrov say?"}, true, ""},
		{"nick mention", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "<@!" + botID + "> What did Lavrov say?"}, true, ""},
		{"resolved mention", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "hey what did Lavrov say",
			Mentions: []*discordgo.User{{ID: botID}}}, true, ""},
		{"listen channel", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "listen-chan", Content: "What did Lavrov say?"}, true, ""},
		{"bare mention", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "<@" + botID + ">"}, true, "Ask me a question"},
		{"role mention, text withheld", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "",
			MentionRoles: []string{"555"}, Mentions: []*discordgo.User{{ID: botID}}}, true, "you mentioned my role"},
		{"role mention with text", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "<@&555> What did Lavrov say?",
			MentionRoles: []string{"555"}, Mentions: []*discordgo.User{{ID: botID}}}, true, ""},
		{"other channel", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "What did Lavrov say?"}, false, ""},
		{"other mention", &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "<@123> What did Lavrov say?"}, false, ""},
		{"from a bot", &discordgo.Message{Author: &discordgo.User{ID: "b2", Bot: true}, ChannelID: "dm", Content: "hi"}, false, ""},
		{"from itself", &discordgo.Message{Author: &discordgo.User{ID: botID}, ChannelID: "dm", Content: "hi"}, false, ""},
		{"webhook in a listen channel", &discordgo.Message{Author: &discordgo.User{ID: "w1"}, WebhookID: "w1", GuildID: "g",
			ChannelID: "listen-chan", Content: "What did Lavrov say?"}, false, ""},
		{"no author", &discordgo.Message{ChannelID: "dm", Content: "hi"}, false, ""},
		{"system message", &discordgo.Message{Author: user, ChannelID: "dm", Content: "x", Type: discordgo.MessageTypeGuildMemberJoin}, false, ""},
	}
	for _, tt := range tests {
		r, _ := newTestRouter(t, 0, 0)
		resp, err := r.Message(context.Background(), tt.m, botID)
		if err != nil {
			t.Errorf("%s: got error %v; want none", tt.name, err)
			continue
		}
		if (resp != nil) != tt.want {
			t.Errorf("%s: got response %+v; want a response: %v", tt.name, resp, tt.want)
			continue
		}
		if resp == nil {
			continue
		}
		if !resp.Reply {
			t.Errorf("%s: got Reply false; want the answer to reply to the message", tt.name)
		}
		if tt.content != "" && !strings.Contains(resp.Content, tt.content) {
			t.Errorf("%s: got %q; want it to contain %q", tt.name, resp.Content, tt.content)
		}
		if tt.content == "" && !isAnswer(resp) {
			t.Errorf("%s: got %+v; want an answer card or the abstention", tt.name, resp)
		}
	}
}

func TestAskValidation(t *testing.T) {
	tests := []struct {
		name, question, want string
	}{
		{"empty", "", "Ask me a question about the articles, e.g."},
		{"blank", "   \n\t ", "Ask me a question about the articles, e.g."},
		{"punctuation only", "??? !!", "I couldn't find a question"},
		{"too long", strings.Repeat("why ", 100), "too long (399 characters)"},
		{"help", "help", ""},
	}
	for _, tt := range tests {
		r, _ := newTestRouter(t, 0, 0)
		resp, err := r.Interaction(context.Background(), slash("ask", "question", tt.question))
		if err != nil || resp == nil {
			t.Errorf("%s: got %v, %v; want a helpful reply", tt.name, resp, err)
			continue
		}
		if tt.want == "" {
			if len(resp.Embeds) != 1 || resp.Embeds[0].Description != helpText {
				t.Errorf("%s: got %+v; want the help card", tt.name, resp)
			}
			continue
		}
		if !resp.Ephemeral || !strings.Contains(resp.Content, tt.want) {
			t.Errorf("%s: got %q (ephemeral %v); want an ephemeral reply containing %q", tt.name, resp.Content, resp.Ephemeral, tt.want)
		}
		if Len(resp.Content) > MaxContent {
			t.Errorf("%s: reply has %d characters; want at most %d", tt.name, Len(resp.Content), MaxContent)
		}
	}
}

// TestAskAnswersOrAbstains checks both outcomes of a real question on the
// seed library: a question the articles answer gets a card citing the
// speaker asked about, and an off-topic one gets the plain abstention (not
// an ephemeral error and not a card).
func TestAskAnswersOrAbstains(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	resp, err := r.Interaction(context.Background(), slash("ask", "question", "What did Lavrov say about the INF treaty?"))
	if err != nil || resp == nil || resp.Ephemeral || len(resp.Embeds) != 1 || len(resp.Embeds[0].Fields) == 0 {
		t.Fatalf("answerable question: got %+v, %v; want a public answer card", resp, err)
	}
	if name := resp.Embeds[0].Fields[0].Name; !strings.Contains(name, "Lavrov") {
		t.Errorf("answerable question: first excerpt is by %q; want Lavrov", name)
	}
	resp, err = r.Interaction(context.Background(), slash("ask", "question", "What is the recipe for banana bread?"))
	if err != nil || resp == nil || resp.Ephemeral || len(resp.Embeds) != 0 || !strings.HasPrefix(resp.Content, abstainText) {
		t.Errorf("off-topic question: got %+v, %v; want the public abstention", resp, err)
	}
}

func TestAskCooldown(t *testing.T) {
	r, clock := newTestRouter(t, 3*time.Second, time.Second)
	ask := func(user, channel string) *Response {
		in := slash("ask", "question", "What did Lavrov say?")
		in.Member.User.ID, in.ChannelID = user, channel
		resp, err := r.Interaction(context.Background(), in)
		if err != nil {
			t.Fatalf("ask: %v", err)
		}
		return resp
	}
	steps := []struct {
		advance       time.Duration
		user, channel string
		want          string // "" = answered
	}{
		{0, "u1", "c1", ""},
		{0, "u1", "c2", "try again in 3s"},
		{500 * time.Millisecond, "u2", "c1", "try again in 1s"},
		{500 * time.Millisecond, "u2", "c1", ""},
		{time.Second, "u1", "c3", "try again in 1s"},
		{time.Second, "u1", "c3", ""},
	}
	for i, s := range steps {
		clock.t = clock.t.Add(s.advance)
		resp := ask(s.user, s.channel)
		if s.want == "" {
			if !isAnswer(resp) {
				t.Errorf("step %d: got %+v; want an answer", i, resp)
			}
			continue
		}
		if !resp.Ephemeral || !strings.Contains(resp.Content, s.want) {
			t.Errorf("step %d: got %q (ephemeral %v); want an ephemeral %q", i, resp.Content, resp.Ephemeral, s.want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	_, err := r.Interaction(context.Background(), slash("frobnicate"))
	if msg, ok := IsUserError(err); !ok || !strings.Contains(msg, "/help") {
		t.Errorf("got %v; want a UserError pointing to /help", err)
	}
	in := slash("frobnicate")
	in.Type = discordgo.InteractionApplicationCommandAutocomplete
	resp, err := r.Interaction(context.Background(), in)
	if err != nil || resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Choices) != 0 {
		t.Errorf("unknown autocomplete: got %+v, %v; want an empty choice list", resp, err)
	}
}

func TestMount(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	perm := int64(discordgo.PermissionManageGuild)
	var got []string
	r.Mount("library", func(_ context.Context, in *discordgo.Interaction) (*Response, error) {
		got = append(got, routeName(in))
		return &Response{Content: "mounted"}, nil
	}, &discordgo.ApplicationCommand{Name: "library", Description: "Moderate", DefaultMemberPermissions: &perm})

	names := map[string]bool{}
	for _, c := range r.Commands() {
		if names[c.Name] {
			t.Errorf("command %q registered twice", c.Name)
		}
		names[c.Name] = true
	}
	for _, n := range []string{"ask", "quote", "sources", "help", "library"} {
		if !names[n] {
			t.Errorf("Commands() lacks %q; got %v", n, names)
		}
	}
	for _, in := range []*discordgo.Interaction{slash("library"), button("library/confirm/abc")} {
		resp, err := r.Interaction(context.Background(), in)
		if err != nil || resp.Content != "mounted" {
			t.Errorf("route %q: got %+v, %v; want the mounted handler", routeName(in), resp, err)
		}
	}
	if len(got) != 2 {
		t.Errorf("mounted handler ran %d times; want 2", len(got))
	}
	tests := []struct {
		in   *discordgo.Interaction
		want bool
	}{
		{slash("library"), true},
		{button("library/confirm/abc"), true},
		{slash("ask", "question", "x"), false},
		{slash("quote", "person", "x"), false},
		{button(pageID("X", "", 2)), false},
		{button(contextID("a/1")), true},
		{slash("unknown"), true},
	}
	for _, tt := range tests {
		if got := r.DeferEphemeral(tt.in); got != tt.want {
			t.Errorf("DeferEphemeral(%s) = %v; want %v", routeName(tt.in), got, tt.want)
		}
	}
}

func TestCommands(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	for _, c := range r.Commands() {
		if c.Name != strings.ToLower(c.Name) || len(c.Name) > 32 || c.Description == "" || len(c.Description) > 100 {
			t.Errorf("command %q: bad name or description %q", c.Name, c.Description)
		}
		if c.Contexts == nil || len(*c.Contexts) == 0 {
			t.Errorf("command %q has no contexts; want guild and bot DM", c.Name)
		}
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionString && (o.MaxLength == 0 || o.MaxLength > 6000) {
				t.Errorf("option %s.%s has max length %d; want a limit", c.Name, o.Name, o.MaxLength)
			}
			if len(o.Description) > 100 || o.Description == "" {
				t.Errorf("option %s.%s: description %q; want 1..100 characters", c.Name, o.Name, o.Description)
			}
		}
	}
	var quote *discordgo.ApplicationCommand
	for _, c := range r.Commands() {
		if c.Name == "quote" {
			quote = c
		}
	}
	if quote == nil || len(quote.Options) != 2 || !quote.Options[0].Autocomplete || !quote.Options[0].Required || quote.Options[1].Required {
		t.Errorf("quote command = %+v; want person (required, autocomplete) then topic (optional)", quote)
	}
}

func TestSourcesAndHelp(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	lib := seedLibrary(t)
	resp, err := r.Interaction(context.Background(), slash("sources"))
	if err != nil || len(resp.Embeds) != 1 {
		t.Fatalf("/sources: got %+v, %v; want one embed", resp, err)
	}
	lines := strings.Split(resp.Embeds[0].Description, "\n")
	if len(lines) != len(lib.Articles()) {
		t.Errorf("/sources lists %d lines; want one per article (%d)", len(lines), len(lib.Articles()))
	}
	if Len(resp.Embeds[0].Description) > MaxEmbedDescription {
		t.Errorf("/sources has %d characters; want at most %d", Len(resp.Embeds[0].Description), MaxEmbedDescription)
	}
	resp, err = r.Interaction(context.Background(), slash("help"))
	if err != nil || !resp.Ephemeral || len(resp.Embeds) != 1 || !strings.Contains(resp.Embeds[0].Description, "/quote") {
		t.Errorf("/help: got %+v, %v; want an ephemeral card describing /quote", resp, err)
	}
}

// TestSourcesManyArticles checks /sources stays within an embed's limits
// when the library is far larger than the seeds.
func TestSourcesManyArticles(t *testing.T) {
	var srcs []knowledge.Source
	for i := range 200 {
		srcs = append(srcs, knowledge.Source{Name: strings.Repeat("x", 3) + string(rune('a'+i%26)) + strings.Repeat("y", i%7) + "_" + time.Duration(i).String() + ".txt",
			Data: []byte(strings.Repeat("A rather long headline for an article number ", 3) + "\nBody text.\n")})
	}
	lib, _ := knowledge.Build(srcs)
	r := New(Deps{Library: knowledge.NewStore(lib)})
	resp, err := r.Interaction(context.Background(), slash("sources"))
	if err != nil {
		t.Fatal(err)
	}
	e := resp.Embeds[0]
	if Len(e.Description) > MaxEmbedDescription || EmbedLen(e) > MaxEmbedTotal {
		t.Errorf("/sources: description %d, total %d characters; want within %d and %d", Len(e.Description), EmbedLen(e), MaxEmbedDescription, MaxEmbedTotal)
	}
	if !strings.Contains(e.Description, "more.") {
		t.Errorf("/sources with 200 articles does not say how many were left out")
	}
}

func TestQuoteCommand(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	_, err := r.Interaction(context.Background(), slash("quote", "person", "Nobody *Here* @everyone"))
	msg, ok := IsUserError(err)
	if !ok || !strings.Contains(msg, "Nobody \\*Here\\*") || strings.Contains(msg, "@everyone") {
		t.Errorf("unknown person: got %v; want a UserError naming the escaped person", err)
	}
	_, err = r.Interaction(context.Background(), slash("quote", "person", "(3)"))
	if msg, ok := IsUserError(err); !ok || !strings.Contains(msg, "Tell me whose quotes") {
		t.Errorf("empty person: got %v; want a hint", err)
	}

	lib := seedLibrary(t)
	people := lib.People()
	if len(people) == 0 {
		t.Skip("needs the engine: the library finds no people yet")
	}
	p := people[0]
	for _, typed := range []string{p.Name, p.Name + " (" + string(rune('0'+p.Quotes%10)) + ")", strings.ToLower(p.Name)} {
		resp, err := r.Interaction(context.Background(), slash("quote", "person", typed))
		if err != nil || len(resp.Embeds) != 1 || !strings.Contains(resp.Embeds[0].Title, Escape(p.Name)) {
			t.Errorf("/quote %q: got %+v, %v; want %s's quotes", typed, resp, err, p.Name)
		}
	}
}

func TestQuoteAutocomplete(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	in := slash("quote", "person", "")
	in.Type = discordgo.InteractionApplicationCommandAutocomplete
	in.Data.(discordgo.ApplicationCommandInteractionData).Options[0].Focused = true
	resp, err := r.Interaction(context.Background(), in)
	if err != nil || resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		t.Fatalf("autocomplete: got %+v, %v; want an autocomplete result", resp, err)
	}
	if resp.Choices == nil {
		t.Errorf("got nil choices; want an empty list so Discord gets [] not null")
	}
	lib := seedLibrary(t)
	if len(resp.Choices) > MaxChoices || (len(lib.People()) > 0) != (len(resp.Choices) > 0) {
		t.Errorf("empty prefix: got %d choices for %d people; want some, at most %d, whenever there are people",
			len(resp.Choices), len(lib.People()), MaxChoices)
	}
	counts := map[string]int{}
	for _, p := range lib.People() {
		counts[p.Name] = p.Quotes
	}
	for _, c := range resp.Choices {
		v, _ := c.Value.(string)
		if want := fmt.Sprintf("%s (%d)", v, counts[v]); c.Name != want && Len(want) <= MaxChoiceName {
			t.Errorf("choice %q for %q; want %q", c.Name, v, want)
		}
		if _, err := resolvePerson(lib, c.Name); err != nil {
			t.Errorf("choice name %q sent instead of its value does not resolve: %v", c.Name, err)
		}
		if _, err := resolvePerson(lib, v); err != nil {
			t.Errorf("choice value %q does not resolve: %v", v, err)
		}
	}
}

func TestPageButtonUnknownPerson(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	resp, err := r.Interaction(context.Background(), button(pageID("Nobody At All", "", 2)))
	if err != nil || resp.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(resp.Content, "Run /quote again") {
		t.Errorf("got %+v, %v; want the message updated to say the quotes are gone", resp, err)
	}
	_, err = r.Interaction(context.Background(), button("quote/page/%zz/1"))
	if _, ok := IsUserError(err); !ok {
		t.Errorf("malformed custom ID: got %v; want a UserError", err)
	}
	_, err = r.Interaction(context.Background(), button(contextID("nope/1")))
	if _, ok := IsUserError(err); !ok {
		t.Errorf("unknown quote: got %v; want a UserError", err)
	}
}

func TestIsUserError(t *testing.T) {
	tests := []struct {
		err  error
		want string
		ok   bool
	}{
		{UserError{Msg: "hi"}, "hi", true},
		{&UserError{Msg: "ptr"}, "ptr", true},
		{errors.Join(errors.New("x"), UserError{Msg: "wrapped"}), "wrapped", true},
		{errors.New("internal"), "", false},
		{nil, "", false},
	}
	for _, tt := range tests {
		got, ok := IsUserError(tt.err)
		if got != tt.want || ok != tt.ok {
			t.Errorf("IsUserError(%v) = %q, %v; want %q, %v", tt.err, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStripMentions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@" + botID + "> what did Lavrov say?", "what did Lavrov say?"},
		{"<@!" + botID + ">   what   <@123> said <#456> <@&789> <:smile:1234> x", "what said x"},
		{"no mentions here", "no mentions here"},
	}
	for _, tt := range tests {
		if got := stripBotMention(tt.in, botID); got != tt.want {
			t.Errorf("stripBotMention(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestParagraphButton(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	art := seedLibrary(t).Articles()[0]
	resp, err := r.Interaction(context.Background(), button(paraID(art.ID, 1)))
	if err != nil || !resp.Ephemeral || len(resp.Embeds) != 1 {
		t.Fatalf("paragraph button: got %+v, %v; want an ephemeral card", resp, err)
	}
	if first := strings.Fields(art.Paragraphs[1])[0]; !strings.Contains(resp.Embeds[0].Description, Escape(first)) {
		t.Errorf("paragraph button: got %q; want paragraph 1, starting %q", resp.Embeds[0].Description, first)
	}
	for _, id := range []string{paraID(art.ID, 9999), paraID("no-such-article", 0), "quote/para/x"} {
		if _, err := r.Interaction(context.Background(), button(id)); err == nil {
			t.Errorf("button %q: got no error; want a UserError", id)
		} else if _, ok := IsUserError(err); !ok {
			t.Errorf("button %q: got %v; want a UserError", id, err)
		}
	}
	if !r.DeferEphemeral(button(paraID(art.ID, 1))) {
		t.Errorf("DeferEphemeral(paragraph button) = false; want true")
	}
}

// TestRouterConcurrent runs many requests at once while a handler is
// mounted, for the race detector.
func TestRouterConcurrent(t *testing.T) {
	r, _ := newTestRouter(t, time.Second, 0)
	done := make(chan bool)
	for i := range 50 {
		go func() {
			in := slash("ask", "question", "What did Lavrov say?")
			in.Member.User.ID = "u" + string(rune('a'+i%26))
			resp, err := r.Interaction(context.Background(), in)
			done <- err == nil && resp != nil
		}()
	}
	go r.Mount("extra", func(context.Context, *discordgo.Interaction) (*Response, error) { return &Response{}, nil },
		&discordgo.ApplicationCommand{Name: "extra", Description: "x"})
	for range 50 {
		if !<-done {
			t.Errorf("a concurrent /ask failed")
		}
	}
}

// TestPageButtons presses the paging buttons of the most quoted person in
// the seed library, including one whose name no longer matches exactly.
func TestPageButtons(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	lib := seedLibrary(t)
	var p knowledge.Person
	for _, c := range lib.People() {
		if len(lib.QuotesOf(c.Name, "")) > QuotesPerPage {
			p = c
			break
		}
	}
	if p.Name == "" {
		t.Skip("needs the engine: nobody in the seeds has more than one page of quotes")
	}
	first, err := r.Interaction(context.Background(), slash("quote", "person", p.Name))
	if err != nil {
		t.Fatalf("/quote %s: %v", p.Name, err)
	}
	next := first.Components[0].(discordgo.ActionsRow).Components[1].(discordgo.Button)
	for _, id := range []string{next.CustomID, pageID(strings.ToUpper(p.Name), "", 2)} {
		resp, err := r.Interaction(context.Background(), button(id))
		if err != nil || resp.Type != discordgo.InteractionResponseUpdateMessage || len(resp.Embeds) != 1 {
			t.Fatalf("press %q: got %+v, %v; want the message updated in place", id, resp, err)
		}
		if got := resp.Embeds[0].Footer.Text; !strings.HasPrefix(got, "Page 2 of ") {
			t.Errorf("press %q: footer %q; want page 2", id, got)
		}
		if !strings.Contains(resp.Embeds[0].Title, Escape(p.Name)) {
			t.Errorf("press %q: title %q; want %s", id, resp.Embeds[0].Title, p.Name)
		}
	}
}

// countingStore counts how often a request reads the library.
type countingStore struct {
	lib *knowledge.Library
	n   int
}

func (c *countingStore) Current() *knowledge.Library { c.n++; return c.lib }

// TestOneLibraryPerRequest checks every kind of request reads the store
// once, so a reload half-way through never mixes two libraries in one
// answer.
func TestOneLibraryPerRequest(t *testing.T) {
	lib := seedLibrary(t)
	store := &countingStore{lib: lib}
	r := New(Deps{Library: store})
	admin := NewLibraryAdmin(LibraryDeps{Store: store, ModRoleIDs: []string{"777"}})
	r.Mount("library", admin.Handle, admin.Command())
	people := lib.People()
	if len(people) == 0 {
		t.Fatal("the seed library has nobody to look up")
	}
	person := people[0].Name
	auto := slash("quote", "person", person[:3])
	auto.Type = discordgo.InteractionApplicationCommandAutocomplete
	auto.Data.(discordgo.ApplicationCommandInteractionData).Options[0].Focused = true
	art := lib.Articles()[0]
	tests := []struct {
		name string
		in   *discordgo.Interaction
	}{
		{"/ask", slash("ask", "question", "What did Putin say?")},
		{"/ask help", slash("ask", "question", "help")},
		{"/ask malformed", slash("ask", "question", "?!")},
		{"/help", slash("help")},
		{"/sources", slash("sources")},
		{"/quote", slash("quote", "person", person)},
		{"/quote unknown", slash("quote", "person", "Zzyzx Qwerty")},
		{"autocomplete", auto},
		{"page button", button(pageID(person, "", 2))},
		{"paragraph button", button(paraID(art.ID, 0))},
		{"/library list", libModInteraction("5", "list")},
		{"/library show", libModInteraction("5", "show", libStrOpt("article", art.ID))},
	}
	for _, tt := range tests {
		store.n = 0
		_, _ = r.Interaction(context.Background(), tt.in)
		if store.n != 1 {
			t.Errorf("%s: read the library %d times; want 1", tt.name, store.n)
		}
	}
	store.n = 0
	_, _ = r.Message(context.Background(), &discordgo.Message{Author: &discordgo.User{ID: "u1"}, ChannelID: "dm", Content: "help"}, botID)
	if store.n != 1 {
		t.Errorf("DM \"help\": read the library %d times; want 1", store.n)
	}
}

// TestListenChannelStaysQuiet checks that in a listening channel, where
// nobody addressed the bot, a message that hits a cooldown or holds no
// question gets no public reply, while a mention still gets its note.
func TestListenChannelStaysQuiet(t *testing.T) {
	r, _ := newTestRouter(t, time.Hour, time.Hour)
	user := &discordgo.User{ID: "u1"}
	msg := func(content string) *discordgo.Message {
		return &discordgo.Message{Author: user, GuildID: "g", ChannelID: "listen-chan", Content: content}
	}
	tests := []struct {
		name string
		m    *discordgo.Message
		want string // "" = no reply
	}{
		{"first question", msg("What did Putin say?"), "answer"},
		{"too soon", msg("What did Lavrov say?"), ""},
		{"no question", msg("?!"), ""},
		{"help", msg("help"), "card"},
		{"too soon, mentioning the bot", msg("<@" + botID + "> What did Lavrov say?"), "try again"},
	}
	for _, tt := range tests {
		resp, err := r.Message(context.Background(), tt.m, botID)
		switch {
		case err != nil:
			t.Errorf("%s: got error %v; want none", tt.name, err)
		case tt.want == "" && resp != nil:
			t.Errorf("%s: got reply %q; want none", tt.name, resp.Content)
		case tt.want == "answer" && !isAnswer(resp):
			t.Errorf("%s: got %+v; want an answer", tt.name, resp)
		case tt.want == "card" && (resp == nil || len(resp.Embeds) != 1):
			t.Errorf("%s: got %+v; want the help card", tt.name, resp)
		case tt.want != "" && tt.want != "answer" && tt.want != "card" && (resp == nil || !strings.Contains(resp.Content, tt.want)):
			t.Errorf("%s: got %+v; want a reply containing %q", tt.name, resp, tt.want)
		}
	}
}

// TestMessageNotesAreDeleted checks which message replies ask to be
// deleted: the notes that an interaction would show to the asker alone
// but that a mention in a guild channel must post publicly. Answers,
// abstentions, the help card and notes in a DM stay.
func TestMessageNotesAreDeleted(t *testing.T) {
	const after = 7 * time.Second
	user := &discordgo.User{ID: "u1"}
	mention := func(content string) *discordgo.Message {
		return &discordgo.Message{Author: user, GuildID: "g", ChannelID: "c", Content: "<@" + botID + "> " + content}
	}
	dm := func(content string) *discordgo.Message {
		return &discordgo.Message{Author: user, ChannelID: "dm", Content: content}
	}
	listen := func(content string) *discordgo.Message {
		m := mention(content)
		m.ChannelID = "listen-chan"
		return m
	}
	tests := []struct {
		name      string
		prime     *discordgo.Message // sent first, to start the cooldown
		m         *discordgo.Message
		noteAfter time.Duration // Deps.NoteDeleteAfter
		kind      string        // "note", "answer", "abstain" or "card"
		want      time.Duration
	}{
		{"mention answered", nil, mention("What did Lavrov say?"), after, "answer", 0},
		{"mention abstained", nil, mention("Who is the president of France?"), after, "abstain", 0},
		{"mention on cooldown", mention("What did Lavrov say?"), mention("What did Putin say?"), after, "note", after},
		{"mention in a listening channel on cooldown", listen("What did Lavrov say?"), listen("What did Putin say?"), after, "note", after},
		{"bare mention", nil, mention(""), after, "note", after},
		{"mention without a question", nil, mention("?!"), after, "note", after},
		{"mention asking for help", nil, mention("help"), after, "card", 0},
		{"mention on cooldown, deletion off", mention("What did Lavrov say?"), mention("What did Putin say?"), 0, "note", 0},
		{"DM answered", nil, dm("What did Lavrov say?"), after, "answer", 0},
		{"DM on cooldown", dm("What did Lavrov say?"), dm("What did Putin say?"), after, "note", 0},
		{"DM without a question", nil, dm("?!"), after, "note", 0},
	}
	for _, tt := range tests {
		clock := &fixedClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
		r := New(Deps{
			Library:          knowledge.NewStore(seedLibrary(t)),
			Cooldowns:        NewCooldowns(time.Hour, time.Hour),
			Now:              clock.Now,
			ListenChannelIDs: []string{"listen-chan"},
			NoteDeleteAfter:  tt.noteAfter,
		})
		if tt.prime != nil {
			if resp, err := r.Message(context.Background(), tt.prime, botID); err != nil || !isAnswer(resp) {
				t.Fatalf("%s: first question got %+v, %v; want an answer", tt.name, resp, err)
			}
		}
		resp, err := r.Message(context.Background(), tt.m, botID)
		if err != nil || resp == nil {
			t.Errorf("%s: got %+v, %v; want a reply", tt.name, resp, err)
			continue
		}
		var kindOK bool
		switch tt.kind {
		case "note":
			kindOK = resp.Ephemeral && len(resp.Embeds) == 0 && resp.Content != ""
		case "answer":
			kindOK = isAnswer(resp) && len(resp.Embeds) == 1
		case "abstain":
			kindOK = !resp.Ephemeral && len(resp.Embeds) == 0 && strings.HasPrefix(resp.Content, abstainText)
		case "card":
			kindOK = len(resp.Embeds) == 1
		}
		if !kindOK {
			t.Errorf("%s: got %+v; want a %s", tt.name, resp, tt.kind)
		}
		if resp.DeleteAfter != tt.want {
			t.Errorf("%s: got DeleteAfter %v; want %v", tt.name, resp.DeleteAfter, tt.want)
		}
	}
}

// TestAskIgnoresInvisibleCharacters asks questions carrying the invisible
// format characters that text pasted from web pages and PDFs brings along
// (a soft hyphen inside a name, a zero-width joiner, a word joiner, a
// byte-order mark, a direction mark): each must get the same answer card as
// the question typed plainly, not a "no passage" reply.
func TestAskIgnoresInvisibleCharacters(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	const plain = "What did Lavrov say about the INF treaty?"
	ask := func(q string) *Response {
		t.Helper()
		resp, err := r.Interaction(context.Background(), slash("ask", "question", q))
		if err != nil || resp == nil {
			t.Fatalf("ask %q: got %v, %v; want a response", q, resp, err)
		}
		return resp
	}
	want, _ := json.Marshal(ask(plain))
	tests := []struct{ name, question string }{
		{"soft hyphen in a name", "What did Lav\u00adrov say about the INF treaty?"},
		{"zero-width joiner", "What did Lavrov\u200d say about the INF treaty?"},
		{"zero-width non-joiner in a word", "What did La\u200cvrov say about the INF treaty?"},
		{"word joiner", "What did Lavrov say about the INF\u2060 treaty?"},
		{"byte-order mark", "\ufeffWhat did Lavrov say about the INF treaty?"},
		{"direction mark", "What did \u200eLavrov say about the INF treaty?"},
	}
	for _, tt := range tests {
		got, _ := json.Marshal(ask(tt.question))
		if string(got) != string(want) {
			t.Errorf("%s: got %s; want the plain question's answer %s", tt.name, got, want)
		}
	}
}

// TestLongTopicPagesStayOnTopic pages through /quote with a topic too long
// for the buttons' custom IDs (a long phrase; any topic in a non-Latin
// script passes 100 characters once escaped). Every page must be the page
// of the topic's list, in its order, as /quote rendered it: a Next button
// that lost the topic paged through the unfiltered list, in another order,
// so quotes repeated or never showed.
func TestLongTopicPagesStayOnTopic(t *testing.T) {
	r, _ := newTestRouter(t, 0, 0)
	lib := seedLibrary(t)
	const topic = "missile defence system plans in Poland and the Czech Republic and radar"
	var p knowledge.Person
	for _, c := range lib.People() {
		if len(lib.QuotesOf(c.Name, topic)) > QuotesPerPage {
			p = c
			break
		}
	}
	if p.Name == "" {
		t.Skip("needs the engine: nobody in the seeds has more than one page of quotes on the topic")
	}
	if id := joinID("quote", "page", p.Name, "2", topic); len(id) <= MaxCustomID {
		t.Fatalf("%q fits in a custom ID; the test needs a topic that does not", id)
	}
	quotes := sortQuotes(lib.QuotesOf(p.Name, topic))
	resp, err := r.Interaction(context.Background(), slash("quote", "person", p.Name, "topic", topic))
	if err != nil {
		t.Fatalf("/quote: %v", err)
	}
	for page := 2; page <= pages(len(quotes)); page++ {
		next := resp.Components[0].(discordgo.ActionsRow).Components[1].(discordgo.Button)
		in := button(next.CustomID)
		in.Message = &discordgo.Message{Embeds: resp.Embeds, Components: resp.Components}
		resp, err = r.Interaction(context.Background(), in)
		if err != nil || len(resp.Embeds) != 1 {
			t.Fatalf("page %d: got %+v, %v; want the page", page, resp, err)
		}
		want := quotePage(lib.Article, p, quotes, topic, page).Embeds[0]
		got := resp.Embeds[0]
		if got.Title != want.Title || len(got.Fields) != len(want.Fields) {
			t.Fatalf("page %d: got %q with %d quotes; want %q with %d", page, got.Title, len(got.Fields), want.Title, len(want.Fields))
		}
		for i := range got.Fields {
			if got.Fields[i].Value != want.Fields[i].Value {
				t.Errorf("page %d quote %d: got %q; want %q", page, i+1, got.Fields[i].Value, want.Fields[i].Value)
			}
		}
	}
	// A button whose message lost its footer cannot know the topic.
	id := pageID(p.Name, topic, 2)
	if _, err := r.Interaction(context.Background(), button(id)); err == nil {
		t.Errorf("press %q without the message: got no error; want the button called out of date", id)
	}
}

// TestPagingButtonsFindTheirTopic checks, for topics around the length at
// which a page's custom ID stops holding them and for a page whose
// neighbour's number has one digit more, that whenever a paging button's
// ID leaves the topic out, the page's footer carries it for the button
// to read. The person and quotes are invented.
func TestPagingButtonsFindTheirTopic(t *testing.T) {
	p := knowledge.Person{Name: "Ada Quell"}
	quotes := make([]knowledge.Quote, 12*QuotesPerPage)
	for i := range quotes {
		quotes[i] = knowledge.Quote{ID: fmt.Sprintf("a/%d", i+1), Text: "We will appeal.", Speaker: p.Name, Kind: knowledge.Direct, ArticleID: "a"}
	}
	article := func(string) (knowledge.Article, bool) { return knowledge.Article{ID: "a", Title: "Fine"}, true }
	for size := 50; size <= 100; size++ {
		topic := strings.Repeat("x", size)
		for _, n := range []int{8, 9, 10} {
			resp := quotePage(article, p, quotes, topic, n)
			footer := resp.Embeds[0].Footer.Text
			for _, c := range resp.Components[0].(discordgo.ActionsRow).Components {
				id := c.(discordgo.Button).CustomID
				if strings.HasSuffix(id, "/") && !strings.HasSuffix(footer, footerTopicSep+topic) {
					t.Errorf("topic of %d bytes, page %d: button %q leaves the topic out; got footer %q, want it to hold the topic", size, n, id, footer)
				}
			}
		}
	}
}
