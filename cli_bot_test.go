package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/discordfake"
)

const cliTestToken = "MTEw.cli-test.SECRET-do-not-log"

// lockedBuffer collects the bot's log from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestBotNeedsToken checks that a missing token is one clear line naming
// the variable, and exit code 1, before anything connects.
func TestBotNeedsToken(t *testing.T) {
	var stderr lockedBuffer
	code := serveBot(context.Background(), &stderr, func(string) string { return "" })
	if code != 1 {
		t.Errorf("exit code = %d; want 1", code)
	}
	out := strings.TrimSpace(stderr.String())
	if strings.Count(out, "\n") != 0 || !strings.Contains(out, "DISCORD_TOKEN") {
		t.Errorf("stderr = %q; want one line naming DISCORD_TOKEN", out)
	}
}

// TestBotBadConfig checks a malformed variable stops the bot with a
// message naming it, and never the token.
func TestBotBadConfig(t *testing.T) {
	var stderr lockedBuffer
	env := map[string]string{"DISCORD_TOKEN": cliTestToken, "SHARD_ID": "3", "SHARD_COUNT": "2"}
	code := serveBot(context.Background(), &stderr, func(k string) string { return env[k] })
	if code != 1 || !strings.Contains(stderr.String(), "SHARD") || strings.Contains(stderr.String(), cliTestToken) {
		t.Errorf("code %d, stderr %q; want 1 and a message naming SHARD_ID without the token", code, stderr.String())
	}
}

// TestBotServesAndStops runs main's wiring against the fake Discord: it
// answers a command, and when its context ends (SIGTERM in runBot) it
// exits 0 without ever logging the token.
func TestBotServesAndStops(t *testing.T) {
	f := discordfake.New(t)
	env := map[string]string{
		"DISCORD_TOKEN":   cliTestToken,
		"DISCORD_API_URL": f.URL(),
		"LOG_LEVEL":       "debug",
	}
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- serveBot(ctx, &stderr, func(k string) string { return env[k] }) }()
	f.WaitConnected(10 * time.Second)
	f.WaitCall(5*time.Second, "global command registration", func(c discordfake.Call) bool {
		return c.Route == discordfake.GlobalCmdsRoute && c.Status == 200
	})
	in := f.SendCommand("sources")
	f.WaitCall(5*time.Second, "answer to /sources", func(c discordfake.Call) bool { return in.IsCallbackFor(c) && c.Status == 204 })
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code after shutdown = %d; want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("bot did not stop within 15s")
	}
	if strings.Contains(stderr.String(), cliTestToken) {
		t.Errorf("the token appears in the log")
	}
	if !strings.Contains(stderr.String(), "library loaded") {
		t.Errorf("log does not report the library:\n%s", stderr.String())
	}
}

// TestBotSIGTERM sends the process SIGTERM while runBot serves: it
// finishes and returns 0.
func TestBotSIGTERM(t *testing.T) {
	f := discordfake.New(t)
	env := map[string]string{"DISCORD_TOKEN": cliTestToken, "DISCORD_API_URL": f.URL()}
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() { done <- runBot(nil, &stderr, &stderr, func(k string) string { return env[k] }) }()
	// runBot installs its signal handler before connecting, so once the
	// fake sees a session the signal is caught, not fatal.
	f.WaitConnected(10 * time.Second)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code after SIGTERM = %d; want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("bot did not stop within 15s of SIGTERM")
	}
	f.WaitDisconnected(5 * time.Second)
}
