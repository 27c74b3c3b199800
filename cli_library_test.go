package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/internal/discordfake"
)

const (
	libTestToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.library-test-token"
	libModRole   = "1100000000000000555"
	libAudit     = "1100000000000000777"
)

// runningBot is one serveBot, as one shard process would run it.
type runningBot struct {
	fake *discordfake.Server
	logs *lockedBuffer
	code chan int
}

func startServeBot(t *testing.T, ctx context.Context, dir string, audit bool) *runningBot {
	t.Helper()
	f := discordfake.New(t)
	vars := map[string]string{
		"DISCORD_TOKEN":      libTestToken,
		"DISCORD_API_URL":    f.URL(),
		"DISCORD_GUILD_ID":   discordfake.GuildID,
		"CONTENT_DIR":        dir,
		"MOD_ROLE_IDS":       libModRole,
		"ALLOW_PRIVATE_URLS": "true",
		"RELOAD_INTERVAL":    "1s",
		"LOG_LEVEL":          "debug",
	}
	if audit {
		vars["AUDIT_CHANNEL_ID"] = libAudit
	}
	rb := &runningBot{fake: f, logs: &lockedBuffer{}, code: make(chan int, 1)}
	go func() { rb.code <- serveBot(ctx, rb.logs, func(k string) string { return vars[k] }) }()
	deadline := time.Now().Add(10 * time.Second)
	for !f.Connected() {
		select {
		case code := <-rb.code:
			t.Fatalf("serveBot exited %d before connecting; log:\n%s", code, rb.logs)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serveBot did not connect within 10s; log:\n%s", rb.logs)
		}
	}
	f.WaitCall(5*time.Second, "registering commands", func(c discordfake.Call) bool {
		return c.Route == discordfake.GuildCmdsRoute && c.Status == 200
	})
	return rb
}

// send dispatches a /library interaction as a moderator and returns the
// text and custom IDs the moderator finally sees.
func (rb *runningBot) send(t *testing.T, p map[string]any) (string, []string) {
	t.Helper()
	p["member"].(map[string]any)["roles"] = []any{libModRole}
	in := rb.fake.SendInteraction(p)
	c := rb.fake.WaitCall(5*time.Second, "callback", in.IsCallbackFor)
	body := c.Body
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(body, &cb)
	body = cb.Data
	if cb.Type == 5 || cb.Type == 6 {
		e := rb.fake.WaitCall(15*time.Second, "deferred edit", func(c discordfake.Call) bool {
			return c.Route == discordfake.EditOriginalRoute && c.Vars["token"] == in.Token
		})
		body = e.Body
	}
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
	var v any
	_ = json.Unmarshal(body, &v)
	walk(v)
	return string(body), ids
}

func library(sub string, opts ...map[string]any) map[string]any {
	p := discordfake.CommandPayload("library")
	o := []any{}
	for _, x := range opts {
		o = append(o, x)
	}
	p["data"].(map[string]any)["options"] = []any{map[string]any{"name": sub, "type": 1, "options": o}}
	return p
}

// TestTwoBotProcessesShareContentDir runs main's own wiring twice on one
// CONTENT_DIR, as two shards would: an article added through one bot is
// served by the other within a few seconds, and the addition is audited.
func TestTwoBotProcessesShareContentDir(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("s%d.txt", i)), []byte(fmt.Sprintf("Story %d\n\nMOSCOW — Officials said on Monday that talks on story %d would resume, the envoy told reporters.", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "Shield talks resume\n\nThe envoy said the talks would resume in May.\n")
	}))
	defer web.Close()
	ctx, cancel := context.WithCancel(context.Background())
	a := startServeBot(t, ctx, dir, true)
	b := startServeBot(t, ctx, dir, false)
	defer func() {
		cancel()
		for _, rb := range []*runningBot{a, b} {
			select {
			case code := <-rb.code:
				if code != 0 {
					t.Errorf("serveBot exited %d; log:\n%s", code, rb.logs)
				}
			case <-time.After(15 * time.Second):
				t.Error("serveBot did not stop")
			}
			if strings.Contains(rb.logs.String(), libTestToken) {
				t.Error("the token appears in the log")
			}
		}
	}()

	text, ids := a.send(t, library("add", map[string]any{"name": "url", "type": 3, "value": web.URL + "/talks.txt"}))
	if !strings.Contains(text, "Shield talks resume") || len(ids) != 2 {
		t.Fatalf("preview = %s, %v", text, ids)
	}
	if text, _ = a.send(t, discordfake.ComponentPayload(ids[0])); !strings.Contains(text, "Added") {
		t.Fatalf("confirm = %s", text)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "shield-talks-resume_*.txt"))
	if len(files) != 1 {
		t.Fatalf("saved files = %v", files)
	}
	id := strings.TrimSuffix(filepath.Base(files[0]), ".txt")

	start := time.Now()
	for {
		text, _ := b.send(t, library("list"))
		if strings.Contains(text, id) {
			t.Logf("the other bot lists %s %v after the add", id, time.Since(start).Round(time.Millisecond))
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatalf("the other bot does not list %s 5s after the add:\n%s", id, text)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Listed is not enough: the other bot must answer from the new article.
	ask := discordfake.CommandPayload("ask", discordfake.Option{Name: "question", Value: "When will the shield talks resume?"})
	if text, _ := b.send(t, ask); !strings.Contains(text, "Shield talks resume") || !strings.Contains(text, "May") {
		t.Errorf("the other bot's answer = %s; want the added article's sentence about May, citing it", text)
	}
	audit := a.fake.WaitCall(5*time.Second, "audit post", func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && c.Vars["channel"] == libAudit
	})
	var m struct {
		Content         string `json:"content"`
		AllowedMentions struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(audit.Body, &m); err != nil || !strings.Contains(m.Content, "/library add") || !strings.Contains(m.Content, id) || m.AllowedMentions.Parse == nil {
		t.Errorf("audit post = %s; want the add, naming the file, with no mentions allowed", audit.Body)
	}
}

// TestAuditPostGivesUpOnALongRateLimit rate-limits the audit channel for an
// hour (a slowmode channel does that to a bot): the post must fail at once,
// to be logged, rather than hold the moderator's /library command until
// Dispatch gives it up as too slow.
func TestAuditPostGivesUpOnALongRateLimit(t *testing.T) {
	f := discordfake.New(t)
	f.RateLimit(discordfake.MessageRoute, 1, time.Hour)
	cfg := config.Config{Token: config.Secret(libTestToken), APIURL: f.URL(), AuditChannelID: libAudit}
	p, err := newAuditPoster(cfg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.PostAudit(context.Background(), "**mod** used `/library refresh`") }()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("PostAudit after an hour-long 429 = nil; want the failure reported")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("PostAudit still waiting 5s after an hour-long 429; want it to give up")
	}
}
