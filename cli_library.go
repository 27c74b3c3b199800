package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/fetch"
	"github.com/citebot/citebot/internal/librarian"
	"github.com/citebot/citebot/knowledge"
)

// discordCDNHosts are where Discord serves uploaded files; /library add
// fetches attachments only from these (and from DISCORD_API_URL's host, for
// a proxy or the test fake).
var discordCDNHosts = []string{"cdn.discordapp.com", "media.discordapp.net"}

// setupLibrary wires moderation into the bot: with a CONTENT_DIR, a
// Librarian that reloads the folder into store, watches it until ctx is done
// (so shards sharing the folder and hand edits are noticed) and audits
// moderator actions; in every case the /library command, which on the
// built-in library only lists and shows.
func setupLibrary(ctx context.Context, cfg config.Config, store *knowledge.Store, router *handlers.Router, log *slog.Logger) (*librarian.Librarian, error) {
	var lib *librarian.Librarian
	if cfg.ContentDir != "" {
		var audit librarian.AuditPoster
		if cfg.AuditChannelID != "" {
			p, err := newAuditPoster(cfg)
			if err != nil {
				return nil, err
			}
			audit = p
		}
		lib = librarian.New(librarian.Config{Dir: cfg.ContentDir, ReloadInterval: cfg.ReloadInterval, Logger: log, Audit: audit}, store)
		go func() {
			if err := lib.Watch(ctx); err != nil {
				log.Error("content folder watch stopped", "err", err)
			}
		}()
	}
	hosts := append([]string(nil), discordCDNHosts...)
	if cfg.APIURL != "" {
		if u, err := url.Parse(cfg.APIURL); err == nil && u.Host != "" {
			hosts = append(hosts, u.Host)
		}
	}
	f := fetch.New(fetch.Config{MaxBytes: cfg.MaxUploadBytes, AllowPrivate: cfg.AllowPrivateURLs, AttachmentHosts: hosts})
	admin := handlers.NewLibraryAdmin(handlers.LibraryDeps{Store: store, Librarian: lib, Fetcher: f, ModRoleIDs: cfg.ModRoleIDs, Logger: log})
	router.Mount("library", admin.Handle, admin.Command())
	return lib, nil
}

// auditPoster posts moderator actions to AUDIT_CHANNEL_ID through a REST
// client of its own, so the librarian needs nothing from the gateway
// session; audit lines are rare, so sharing rate limits does not matter.
type auditPoster struct {
	rest    *discordgo.Session
	channel string
}

func newAuditPoster(cfg config.Config) (*auditPoster, error) {
	if err := cfg.RequireToken(); err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + cfg.Token.Reveal())
	if err != nil {
		return nil, errors.New("audit: cannot create a Discord client")
	}
	if cfg.APIURL != "" {
		rt, err := bot.NewRewriteTransport(cfg.APIURL, nil)
		if err != nil {
			return nil, err
		}
		s.Client = &http.Client{Transport: rt, Timeout: 20 * time.Second}
	}
	s.LogLevel = discordgo.LogError
	return &auditPoster{rest: s, channel: cfg.AuditChannelID}, nil
}

// PostAudit sends one line to the audit channel, pinging nobody. A 429 is
// returned (and logged by the librarian), not slept on: discordgo would
// wait out any retry_after, hours in a slowmode channel, while the
// moderator's command waits for this post.
func (p *auditPoster) PostAudit(ctx context.Context, text string) error {
	_, err := p.rest.ChannelMessageSendComplex(p.channel, &discordgo.MessageSend{
		Content:         text,
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	return err
}
