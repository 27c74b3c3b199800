// Package bot connects citebot to Discord: the gateway session and its
// intents, the one bulk registration of slash commands, the lifecycle from
// start to a clean SIGTERM, the single Dispatch that sends every response,
// and the /healthz and /metrics endpoints.
//
// It decides nothing about what to say; package handlers does, and returns
// Responses that Dispatch sends.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/knowledge"
)

// Options is everything New needs. Config, Router and Store are required.
type Options struct {
	// Config gives the token, the shard, the guild for command
	// registration, the listening channels, the HTTP address and the API
	// base URL.
	Config config.Config
	// Router produces the responses (a *handlers.Router).
	Router Router
	// Store holds the library in use, for /healthz and /metrics.
	Store *knowledge.Store
	// Logger receives the bot's log; nil discards it.
	Logger *slog.Logger
	// Transport, when set, carries every REST request (tests use it);
	// otherwise Config.APIURL chooses between Discord and a rewriting
	// transport.
	Transport http.RoundTripper
	// Metrics collects the counters served on /metrics; nil makes new
	// ones. Pass your own to share them with other code.
	Metrics *Metrics
	// DeferAfter and HandlerTimeout tune Dispatch (defaults 2 s and 30 s).
	DeferAfter, HandlerTimeout time.Duration
	// ShutdownTimeout bounds the wait at shutdown for in-flight events
	// and then for deleting the notes still waiting for their delay
	// (default 10 s in all).
	ShutdownTimeout time.Duration
}

// Bot is one gateway session serving the handlers.
type Bot struct {
	opts     Options
	log      *slog.Logger
	session  *discordgo.Session
	dispatch *Dispatcher
	metrics  *Metrics

	connected atomic.Bool
	botUserID atomic.Pointer[string]
	seen      *idSet
	roles     botRoles

	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
	baseCtx  context.Context
}

// Intents returns the gateway intents the bot asks for: guilds, guild
// messages and DMs. Mentions and DMs carry their content without the
// privileged MESSAGE_CONTENT intent, so it is asked for only when channels
// are configured where every message is a question.
func Intents(c config.Config) discordgo.Intent {
	in := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if len(c.ListenChannelIDs) > 0 {
		in |= discordgo.IntentMessageContent
	}
	return in
}

// New prepares a bot; it does not connect until Run.
func New(opts Options) (*Bot, error) {
	if opts.Router == nil || opts.Store == nil {
		return nil, errors.New("bot: Router and Store are required")
	}
	if err := opts.Config.RequireToken(); err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, err := discordgo.New("Bot " + opts.Config.Token.Reveal())
	if err != nil {
		return nil, errors.New("bot: cannot create the Discord session")
	}
	transport := opts.Transport
	if transport == nil && opts.Config.APIURL != "" {
		rt, err := NewRewriteTransport(opts.Config.APIURL, nil)
		if err != nil {
			return nil, err
		}
		transport = rt
	}
	// Every session the bot makes shares this client, so a global 429
	// holds them all (see globalLimit). 20 s is discordgo's own timeout.
	limit := newGlobalLimit(transport, func(wait time.Duration) {
		log.Warn("rate limited globally by Discord; holding requests", "retry_after", wait)
	})
	s.Client = &http.Client{Transport: limit, Timeout: 20 * time.Second}
	s.Identify.Intents = Intents(opts.Config)
	s.ShardID = opts.Config.ShardID
	s.ShardCount = max(opts.Config.ShardCount, 1)
	// Events are handed to our own goroutines at once (see onInteraction),
	// so running handlers synchronously keeps their order and lets
	// shutdown know exactly which events were taken.
	s.SyncEvents = true
	s.StateEnabled = false
	// discordgo's own logging goes to the standard logger; keep it to
	// errors, because its debug level prints the IDENTIFY payload, token
	// included.
	s.LogLevel = discordgo.LogError

	m := opts.Metrics
	if m == nil {
		m = NewMetrics()
	}
	b := &Bot{opts: opts, log: log, session: s, metrics: m, seen: newIDSet(4096)}
	onRateLimit := func(_ *discordgo.Session, rl *discordgo.RateLimit) {
		m.rateLimited()
		b.log.Info("rate limited by Discord; retrying", "retry_after", rl.RetryAfter)
	}
	// Interaction calls use REST-only sessions like s, without its
	// gateway, whose rate limiters are dropped now and then (see
	// rotatingREST).
	restOnly := func() *discordgo.Session {
		r, _ := discordgo.New("Bot " + opts.Config.Token.Reveal())
		r.Client = s.Client
		r.LogLevel = s.LogLevel
		r.StateEnabled = false
		r.AddHandler(onRateLimit)
		return r
	}
	b.dispatch = &Dispatcher{Router: opts.Router, REST: newRotatingREST(s, rotateEvery, restOnly), Logger: log, Metrics: m,
		DeferAfter: opts.DeferAfter, HandlerTimeout: opts.HandlerTimeout, NoteDeleteAfter: opts.Config.NoteDeleteAfter}
	s.AddHandler(b.onConnect)
	s.AddHandler(b.onDisconnect)
	s.AddHandler(b.onReady)
	s.AddHandler(b.onResumed)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	s.AddHandler(b.onRawEvent)
	s.AddHandler(onRateLimit)
	return b, nil
}

// Metrics returns the bot's counters.
func (b *Bot) Metrics() *Metrics { return b.metrics }

// Handler serves /healthz and /metrics; Run serves it on Config.HTTPAddr.
func (b *Bot) Handler() http.Handler { return httpHandler(b.metrics, b.snapshot) }

// snapshot reads the gauges.
func (b *Bot) snapshot() Snapshot {
	return Snapshot{Connected: b.connected.Load(), Library: b.opts.Store.Current()}
}

// Run connects, registers the commands (from shard 0 only), serves until ctx is done and then
// shuts down cleanly: it stops taking events, waits (within
// ShutdownTimeout) for those in flight, deletes at once the notes still
// waiting for their delay (a restart must not leave them in channels for
// good), closes the gateway and returns nil.
// Commands are never deleted at shutdown.
func (b *Bot) Run(ctx context.Context) error {
	b.mu.Lock()
	// Handlers must outlive the shutdown signal: an event that was taken
	// is finished.
	b.baseCtx = context.WithoutCancel(ctx)
	b.mu.Unlock()

	var srv *http.Server
	if addr := b.opts.Config.HTTPAddr; addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("HTTP_ADDR %s: %w", addr, err)
		}
		srv = &http.Server{Handler: b.Handler(), ReadHeaderTimeout: 5 * time.Second}
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				b.log.Error("health server stopped", "err", err.Error())
			}
		}()
		b.log.Info("serving /healthz and /metrics", "addr", ln.Addr().String())
	}
	defer func() {
		if srv != nil {
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			_ = srv.Shutdown(sctx)
			cancel()
		}
	}()

	if err := b.session.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	appID, userID := b.identity()
	b.log.Info("connected to Discord", "user_id", userID, "shard", b.session.ShardID, "shards", b.session.ShardCount,
		"intents", int(b.session.Identify.Intents))
	// Commands belong to the application, not to a shard: shard 0 puts
	// them, so N shards starting together do not overwrite them N times.
	if b.session.ShardID == 0 {
		b.registerCommands(appID)
	}

	<-ctx.Done()
	b.shutdown()
	return nil
}

// identity returns the application and bot user IDs from READY.
func (b *Bot) identity() (appID, userID string) {
	b.session.State.RLock()
	defer b.session.State.RUnlock()
	r := b.session.State.Ready
	if r.User != nil {
		userID = r.User.ID
	}
	if r.Application != nil {
		appID = r.Application.ID
	}
	if appID == "" {
		appID = userID // a bot's user ID is its application ID
	}
	return appID, userID
}

// registerCommands puts the router's commands with one bulk overwrite, in
// the configured guild (fast to update while developing) or globally. A
// failure is logged, not fatal: mentions and DMs still work, and commands
// registered earlier stay registered.
func (b *Bot) registerCommands(appID string) {
	cmds := b.opts.Router.Commands()
	guild := b.opts.Config.GuildID
	// A 429 is waited out only as long as Dispatch waits for a reply:
	// Discord's daily limit on command creates asks for hours, and Run
	// listens for shutdown only once this returns.
	err := b.dispatch.retry(func() error {
		_, err := b.session.ApplicationCommandBulkOverwrite(appID, guild, cmds, discordgo.WithRetryOnRatelimit(false))
		return err
	})
	scope := "global"
	if guild != "" {
		scope = "guild " + guild
	}
	if err != nil {
		b.log.Error("registering slash commands failed", "scope", scope, "err", err.Error())
		return
	}
	b.log.Info("slash commands registered", "scope", scope, "count", len(cmds))
}

// shutdown stops taking events, waits for those in flight, deletes the
// pending notes now and closes the gateway, all within ShutdownTimeout.
// Notes whose delete has not finished by then may stay in their channels.
func (b *Bot) shutdown() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.log.Info("shutting down: finishing events in flight")
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		close(done)
	}()
	limit := b.opts.ShutdownTimeout
	if limit <= 0 {
		limit = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	select {
	case <-done:
	case <-ctx.Done():
		b.log.Warn("shutdown: gave up waiting for events in flight", "after", limit)
	}
	// The events are done, so no new note can be scheduled after this
	// (one from an event still running past the limit is deleted as soon
	// as it is sent).
	if n := b.dispatch.PendingNotes(); n > 0 {
		b.log.Info("shutdown: deleting notes before their time", "notes", n)
	}
	if err := b.dispatch.FlushNotes(ctx); err != nil {
		b.log.Warn("shutdown: gave up waiting for notes to be deleted", "after", limit)
	}
	if err := b.session.Close(); err != nil {
		b.log.Warn("closing the gateway", "err", err.Error())
	}
	b.connected.Store(false)
	b.log.Info("disconnected from Discord")
}

// take registers an event as in flight and returns the context to handle
// it with, or false when the bot is shutting down or has seen the event
// already (discordgo can deliver an event twice around a RESUME).
func (b *Bot) take(id string) (context.Context, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing || !b.seen.add(id) {
		return nil, false
	}
	b.inflight.Add(1)
	return b.baseCtx, true
}

func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic.Interaction == nil {
		return
	}
	ctx, ok := b.take(ic.ID)
	if !ok {
		return
	}
	go func() {
		defer b.inflight.Done()
		b.dispatch.Interaction(ctx, ic.Interaction)
	}()
}

func (b *Bot) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc.Message == nil || mc.Author == nil {
		return
	}
	id := ""
	if p := b.botUserID.Load(); p != nil {
		id = *p
	}
	if mc.Author.ID == id || mc.Author.Bot {
		return // never answer ourselves or other bots
	}
	ctx, ok := b.take(mc.ID)
	if !ok {
		return
	}
	m := b.roles.asMention(mc.Message, id)
	go func() {
		defer b.inflight.Done()
		b.dispatch.Message(ctx, m, id)
	}()
}

// onRawEvent keeps the bot's managed role of each guild (see botRoles).
// With SyncEvents, discordgo calls it after the typed handlers of the same
// event and before the next event's, so a GUILD_CREATE is applied before
// any message from that guild is handled.
func (b *Bot) onRawEvent(_ *discordgo.Session, e *discordgo.Event) {
	id := ""
	if p := b.botUserID.Load(); p != nil {
		id = *p
	}
	b.roles.apply(e, id)
}

func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		id := r.User.ID
		b.botUserID.Store(&id)
	}
	b.connected.Store(true)
}

func (b *Bot) onResumed(_ *discordgo.Session, _ *discordgo.Resumed) {
	b.connected.Store(true)
	b.log.Info("gateway session resumed")
}

func (b *Bot) onConnect(_ *discordgo.Session, _ *discordgo.Connect) { b.connected.Store(true) }

func (b *Bot) onDisconnect(_ *discordgo.Session, _ *discordgo.Disconnect) {
	b.connected.Store(false)
	b.mu.Lock()
	closing := b.closing
	b.mu.Unlock()
	if !closing {
		b.log.Warn("gateway disconnected; discordgo reconnects and resumes")
	}
}

// idSet remembers the last n event IDs, so a duplicate delivery is
// handled once while memory stays bounded.
type idSet struct {
	ids  map[string]struct{}
	ring []string
	next int
}

func newIDSet(n int) *idSet {
	return &idSet{ids: make(map[string]struct{}, n), ring: make([]string, n)}
}

// add records id and reports whether it was new. The caller serialises
// calls.
func (s *idSet) add(id string) bool {
	if _, ok := s.ids[id]; ok {
		return false
	}
	if old := s.ring[s.next]; old != "" {
		delete(s.ids, old)
	}
	s.ring[s.next] = id
	s.ids[id] = struct{}{}
	s.next = (s.next + 1) % len(s.ring)
	return true
}
