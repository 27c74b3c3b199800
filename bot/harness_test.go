package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/discordfake"
	"github.com/citebot/citebot/knowledge"
)

// testToken is the bot token the tests configure; it must never show up
// in a log line.
const testToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.SECRET-token-value"

// wait is the default timeout for something the bot should do promptly.
const wait = 5 * time.Second

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is one running bot against one fake Discord.
type env struct {
	t      testing.TB
	fake   *discordfake.Server
	bot    *bot.Bot
	router *handlers.Router
	store  *knowledge.Store
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
	cfg    config.Config
}

// setup holds what a test changes before the bot starts.
type setup struct {
	vars   map[string]string
	mount  func(r *handlers.Router)
	opts   func(o *bot.Options)
	noWait bool // do not wait for command registration
	// prepare, when set, gets the fake before the bot starts (to inject
	// a failure into start-up calls).
	prepare func(f *discordfake.Server)
	quiet   bool // log at info, as in production, instead of debug
}

// start wires the bot as main does (config.Load, the library, the handlers'
// Router, bot.New, Run) against a fresh fake and stops it when the test
// ends, checking the rules every run must keep.
func start(t testing.TB, s setup) *env {
	t.Helper()
	f := discordfake.New(t)
	if s.prepare != nil {
		s.prepare(f)
	}
	vars := map[string]string{
		"DISCORD_TOKEN":        testToken,
		"DISCORD_API_URL":      f.URL(),
		"DISCORD_GUILD_ID":     discordfake.GuildID,
		"ASK_COOLDOWN_USER":    "0",
		"ASK_COOLDOWN_CHANNEL": "0",
		"LOG_LEVEL":            "debug",
	}
	for k, v := range s.vars {
		vars[k] = v
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	lib, _, err := knowledge.LoadDir("../seeds")
	if err != nil {
		t.Fatalf("load seeds: %v", err)
	}
	store := knowledge.NewStore(lib)
	logs := &syncBuffer{}
	level := slog.LevelDebug
	if s.quiet {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: level}))
	router := handlers.New(handlers.Deps{
		Library:          store,
		Cooldowns:        handlers.NewCooldowns(cfg.UserCooldown, cfg.ChannelCooldown),
		Logger:           log,
		ListenChannelIDs: cfg.ListenChannelIDs,
		NoteDeleteAfter:  cfg.NoteDeleteAfter,
	})
	if s.mount != nil {
		s.mount(router)
	}
	opts := bot.Options{Config: cfg, Router: router, Store: store, Logger: log}
	if s.opts != nil {
		s.opts(&opts)
	}
	b, err := bot.New(opts)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{t: t, fake: f, bot: b, router: router, store: store, logs: logs, cancel: cancel, done: make(chan error, 1), cfg: cfg}
	go func() { e.done <- b.Run(ctx) }()
	t.Cleanup(func() {
		e.stop()
		e.checkInvariants()
	})
	if !s.noWait {
		f.WaitConnected(wait)
		f.WaitCall(wait, "registering commands", func(c discordfake.Call) bool {
			return (c.Route == discordfake.GuildCmdsRoute || c.Route == discordfake.GlobalCmdsRoute) && c.Status == 200
		})
	}
	return e
}

// stop cancels Run and checks that it returns nil in time.
func (e *env) stop() {
	e.t.Helper()
	e.cancel()
	select {
	case err := <-e.done:
		if err != nil {
			e.t.Errorf("Run returned %v; want nil after the context is done", err)
		}
		e.done <- nil // later stops return at once
	case <-time.After(15 * time.Second):
		e.t.Errorf("Run did not return within 15s of shutdown")
	}
}

// checkInvariants holds for every run: every message the bot sent allows
// no mentions, commands were never deleted, and the token was never
// logged.
func (e *env) checkInvariants() {
	e.t.Helper()
	for _, c := range e.fake.Calls() {
		if c.Method == "DELETE" && strings.Contains(c.Path, "/commands") {
			e.t.Errorf("commands deleted: %s", c)
		}
		if code := c.ErrorCode(); c.Status == 400 && (code == 50035 || code == 50006) {
			e.t.Errorf("Discord would refuse this body: %s", c)
		}
		if msg := mentionProblem(c); msg != "" {
			e.t.Errorf("%s: %s", c, msg)
		}
	}
	if strings.Contains(e.logs.String(), testToken) {
		e.t.Errorf("the token appears in the log")
	}
}

// mentionProblem returns what is wrong with the allowed_mentions of a
// message-bearing call, or "".
func mentionProblem(c discordfake.Call) string {
	var data map[string]any
	switch c.Route {
	case discordfake.CallbackRoute:
		body := c.JSON()
		if typ, _ := body["type"].(float64); typ == 1 || typ == 6 || typ == 8 {
			return "" // pong, silent component ack and autocomplete carry no message
		}
		data, _ = body["data"].(map[string]any)
		if data == nil {
			return "callback without data"
		}
	case discordfake.EditOriginalRoute, discordfake.FollowupRoute, discordfake.MessageRoute:
		data = c.JSON()
	default:
		return ""
	}
	am, ok := data["allowed_mentions"].(map[string]any)
	if !ok {
		return "allowed_mentions missing"
	}
	parse, ok := am["parse"].([]any)
	if !ok || len(parse) != 0 {
		return "allowed_mentions.parse is not an empty list"
	}
	if len(am) > 2 || am["replied_user"] == true {
		return "allowed_mentions allows more than nothing"
	}
	return ""
}

// waitLog waits until the log contains s: Dispatch logs after sending, so
// the record may trail the REST call a test waited for.
func (e *env) waitLog(s string) {
	e.t.Helper()
	deadline := time.Now().Add(wait)
	for !strings.Contains(e.logs.String(), s) {
		if time.Now().After(deadline) {
			e.t.Fatalf("log never mentioned %q:\n%s", s, e.logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// callback is a decoded interaction callback.
type callback struct {
	Type int `json:"type"`
	Data struct {
		Content    string                    `json:"content"`
		Flags      int                       `json:"flags"`
		Embeds     []*discordgo.MessageEmbed `json:"embeds"`
		Components []json.RawMessage         `json:"components"`
		Choices    []struct {
			Name  string `json:"name"`
			Value any    `json:"value"`
		} `json:"choices"`
	} `json:"data"`
}

// message is a decoded message create, edit or follow-up.
type message struct {
	Content    string                    `json:"content"`
	Flags      int                       `json:"flags"`
	Embeds     []*discordgo.MessageEmbed `json:"embeds"`
	Components []json.RawMessage         `json:"components"`
	Reference  *struct {
		MessageID string `json:"message_id"`
		ChannelID string `json:"channel_id"`
	} `json:"message_reference"`
}

// answered waits for the accepted callback of in and returns it decoded.
func (e *env) answered(in discordfake.Sent) callback {
	e.t.Helper()
	c := e.fake.WaitCall(wait, "answering interaction "+in.ID, func(c discordfake.Call) bool {
		return in.IsCallbackFor(c) && c.Status == 204
	})
	var cb callback
	if err := c.Decode(&cb); err != nil {
		e.t.Fatalf("callback body: %v", err)
	}
	return cb
}

// acceptedCallbacks counts the callbacks Discord accepted for in.
func (e *env) acceptedCallbacks(in discordfake.Sent) int {
	n := 0
	for _, c := range e.fake.CallsTo(discordfake.CallbackRoute) {
		if in.IsCallbackFor(c) && c.Status == 204 {
			n++
		}
	}
	return n
}

// customIDs returns every custom_id in a components list.
func customIDs(raw []json.RawMessage) []string {
	var ids []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["custom_id"].(string); ok {
				ids = append(ids, id)
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	for _, r := range raw {
		var v any
		_ = json.Unmarshal(r, &v)
		walk(v)
	}
	return ids
}

// visibleText joins a response's content and embed text, for assertions on
// what the user reads.
func visibleText(content string, embeds []*discordgo.MessageEmbed) string {
	var b strings.Builder
	b.WriteString(content)
	for _, e := range embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
	}
	return b.String()
}

const ephemeral = 64
