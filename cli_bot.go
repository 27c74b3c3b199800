package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/knowledge"
)

// runBot connects to Discord and serves until SIGINT or SIGTERM, then
// finishes the events in flight and exits 0.
func runBot(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "citebot: the bot takes no arguments (got %q); configure it with environment variables\n", args[0])
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serveBot(ctx, stderr, getenv)
}

// serveBot is runBot without the signals, so tests can stop it with a
// context: it loads the configuration and the library, wires the handlers
// to the bot and serves until ctx is done. Every failure is one line on
// stderr, and the token never appears in it.
func serveBot(ctx context.Context, stderr io.Writer, getenv func(string) string) int {
	getenv, err := config.WithDotEnv(getenv, ".env")
	if err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}
	if err := cfg.RequireToken(); err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	log.Info("starting citebot", "config", cfg)

	lib, skipped, err := loadBotLibrary(cfg.ContentDir)
	for _, fe := range skipped {
		log.Warn("article skipped", "file", fe.File, "reason", fe.Reason)
	}
	if err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}
	store := knowledge.NewStore(lib)
	log.Info("library loaded", "articles", len(lib.Articles()), "quotes", lib.Stats().Quotes, "people", len(lib.People()))

	router := handlers.New(handlers.Deps{
		Library:          store,
		Cooldowns:        handlers.NewCooldowns(cfg.UserCooldown, cfg.ChannelCooldown),
		Logger:           log,
		ListenChannelIDs: cfg.ListenChannelIDs,
		NoteDeleteAfter:  cfg.NoteDeleteAfter,
	})

	// Moderation (the librarian: reload, folder watch and the /library
	// command) swaps libraries into store and mounts its command on
	// router before the bot registers the commands.
	if _, err := setupLibrary(ctx, cfg, store, router, log); err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}

	b, err := bot.New(bot.Options{Config: cfg, Router: router, Store: store, Logger: log})
	if err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}
	if err := b.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "citebot: %v\n", err)
		return 1
	}
	return 0
}

// loadBotLibrary builds the library from dir, or from the built-in articles
// when dir is empty.
func loadBotLibrary(dir string) (*knowledge.Library, []knowledge.FileError, error) {
	if dir == "" {
		return knowledge.LoadFS(builtinFS())
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("CONTENT_DIR %s: %w", dir, err)
	}
	if err := seedEmptyDir(dir); err != nil {
		return nil, nil, fmt.Errorf("CONTENT_DIR %s: %w", dir, err)
	}
	lib, skipped, err := knowledge.LoadDir(dir)
	if err != nil {
		return nil, skipped, fmt.Errorf("CONTENT_DIR %s: %w", dir, err)
	}
	return lib, skipped, nil
}

// seedEmptyDir copies the built-in articles into dir when it holds no
// article file at all, so a fresh volume (a new Kubernetes PVC, an empty
// systemd StateDirectory) starts with a working library that moderators can
// then change, instead of a bot that refuses to start. A folder with any
// article file, even a broken one, is left alone.
func seedEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && knowledge.IsArticleFile(e.Name()) {
			return nil
		}
	}
	seeds, err := fs.ReadDir(builtinFS(), ".")
	if err != nil {
		return err
	}
	for _, e := range seeds {
		data, err := fs.ReadFile(builtinFS(), e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			return fmt.Errorf("seeding the built-in articles: %w", err)
		}
	}
	return nil
}
