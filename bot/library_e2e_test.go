package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/discordfake"
	"github.com/citebot/citebot/internal/fetch"
	"github.com/citebot/citebot/internal/librarian"
	"github.com/citebot/citebot/knowledge"
)

// modRole is the moderator role the library tests configure.
const modRole = "1100000000000000555"

// auditChannel is where the library tests want moderator actions posted.
const auditChannel = "1100000000000000777"

// libEnv is a bot serving /library over a content folder, wired as main
// wires it: config.Load, the library from CONTENT_DIR, a Librarian that
// watches the folder, the fetcher, and /library mounted on the Router.
type libEnv struct {
	*env
	dir       string
	lib       *librarian.Librarian
	web       *httptest.Server // serves articles by URL and attachments
	stopWatch context.CancelFunc
}

// libAuditTo posts audit lines as channel messages through the fake, as the
// bot's poster does.
type libAuditTo struct{ fake *discordfake.Server }

func (a libAuditTo) PostAudit(ctx context.Context, text string) error {
	body, _ := json.Marshal(map[string]any{"content": text, "allowed_mentions": map[string]any{"parse": []string{}}})
	req, _ := http.NewRequestWithContext(ctx, "POST", a.fake.URL()+"/api/v9/channels/"+auditChannel+"/messages", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// libWebServer serves one HTML article, a Markdown upload and a 404.
func libWebServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/news/geneva", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><meta property="og:title" content="Envoys meet in Geneva"><meta property="og:site_name" content="Wire Service">
<meta property="article:published_time" content="2013-03-05T09:00:00Z"></head><body><nav>Home | World</nav><article>
<p>GENEVA — Envoys met on Tuesday for a third round of talks on the treaty, officials said, and agreed to meet again next month.</p>
<p>"We made progress," the chief negotiator told reporters after the session, which lasted most of the day.</p>
<p>Both delegations declined to give details of the proposals that were discussed, but called the atmosphere constructive.</p>
</article><footer>Subscribe!</footer></body></html>`)
	})
	mux.HandleFunc("/attachments/1/2/briefing.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		io.WriteString(w, "# Briefing on the shield\n\nThe spokesman said the radar would be ready by spring.\n")
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func startLibrary(t *testing.T, dir string) *libEnv {
	t.Helper()
	web := libWebServer(t)
	f := discordfake.New(t)
	vars := map[string]string{
		"DISCORD_TOKEN":        testToken,
		"DISCORD_API_URL":      f.URL(),
		"DISCORD_GUILD_ID":     discordfake.GuildID,
		"ASK_COOLDOWN_USER":    "0",
		"ASK_COOLDOWN_CHANNEL": "0",
		"CONTENT_DIR":          dir,
		"MOD_ROLE_IDS":         modRole,
		"ALLOW_PRIVATE_URLS":   "true",
		"RELOAD_INTERVAL":      "1s",
		"AUDIT_CHANNEL_ID":     auditChannel,
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	lib, _, err := knowledge.LoadDir(cfg.ContentDir)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	store := knowledge.NewStore(lib)
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	router := handlers.New(handlers.Deps{Library: store, Cooldowns: handlers.NewCooldowns(0, 0), Logger: log})
	lctx, lstop := context.WithCancel(context.Background())
	lb := librarian.New(librarian.Config{Dir: cfg.ContentDir, ReloadInterval: cfg.ReloadInterval, Debounce: 100 * time.Millisecond,
		Logger: log, Audit: libAuditTo{f}}, store)
	watched := make(chan struct{})
	go func() { lb.Watch(lctx); close(watched) }()
	wu, _ := url.Parse(web.URL)
	fetcher := fetch.New(fetch.Config{MaxBytes: cfg.MaxUploadBytes, AllowPrivate: cfg.AllowPrivateURLs, AttachmentHosts: []string{wu.Host}, Timeout: 5 * time.Second})
	admin := handlers.NewLibraryAdmin(handlers.LibraryDeps{Store: store, Librarian: lb, Fetcher: fetcher, ModRoleIDs: cfg.ModRoleIDs, Logger: log})
	router.Mount("library", admin.Handle, admin.Command())

	b, err := bot.New(bot.Options{Config: cfg, Router: router, Store: store, Logger: log})
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{t: t, fake: f, bot: b, router: router, store: store, logs: logs, cancel: cancel, done: make(chan error, 1), cfg: cfg}
	go func() { e.done <- b.Run(ctx) }()
	t.Cleanup(func() {
		e.stop()
		lstop()
		<-watched
		e.checkInvariants()
	})
	f.WaitConnected(wait)
	f.WaitCall(wait, "registering commands", func(c discordfake.Call) bool {
		return (c.Route == discordfake.GuildCmdsRoute || c.Route == discordfake.GlobalCmdsRoute) && c.Status == 200
	})
	return &libEnv{env: e, dir: dir, lib: lb, web: web, stopWatch: lstop}
}

// libContentDir makes a folder of n small articles.
func libContentDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		libWriteArticle(t, dir, fmt.Sprintf("story%02d.txt", i), libArticle(fmt.Sprintf("Headline of story %d", i)))
	}
	return dir
}

func libWriteArticle(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// libOpt is one option of a /library subcommand.
func libOpt(name string, typ int, v any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": v}
}

// libCommand is /library <sub> from a moderator (by role).
func libCommand(sub string, opts ...map[string]any) map[string]any {
	p := discordfake.CommandPayload("library")
	o := []any{}
	for _, x := range opts {
		o = append(o, x)
	}
	p["data"].(map[string]any)["options"] = []any{map[string]any{"name": sub, "type": 1, "options": o}}
	libAsModerator(p)
	return p
}

func libAsModerator(p map[string]any) map[string]any {
	p["member"].(map[string]any)["roles"] = []any{modRole}
	p["member"].(map[string]any)["permissions"] = "0"
	return p
}

func libPressAsModerator(customID string) map[string]any {
	return libAsModerator(discordfake.ComponentPayload(customID))
}

// libReply is what the user finally sees for an interaction: the callback, or
// when the bot deferred, the edit of the original response.
type libReply struct {
	cbType     int
	flags      int
	text       string
	components []json.RawMessage
}

func (e *libEnv) libReply(in discordfake.Sent) libReply {
	e.t.Helper()
	cb := e.answered(in)
	r := libReply{cbType: cb.Type, flags: cb.Data.Flags, text: visibleText(cb.Data.Content, cb.Data.Embeds), components: cb.Data.Components}
	if cb.Type == 5 || cb.Type == 6 {
		c := e.fake.WaitCall(15*time.Second, "edit of deferred "+in.ID, func(c discordfake.Call) bool {
			return c.Route == discordfake.EditOriginalRoute && c.Vars["token"] == in.Token
		})
		var m message
		if err := c.Decode(&m); err != nil {
			e.t.Fatal(err)
		}
		r.text, r.components = visibleText(m.Content, m.Embeds), m.Components
		if cb.Type == 5 {
			r.flags = cb.Data.Flags
		}
	}
	return r
}

func (e *libEnv) send(p map[string]any) libReply {
	e.t.Helper()
	return e.libReply(e.fake.SendInteraction(p))
}

func (e *libEnv) articles() int { return len(e.store.Current().Articles()) }

func TestLibraryE2ENonModeratorIsRefused(t *testing.T) {
	e := startLibrary(t, libContentDir(t, 2))
	libWriteArticle(t, e.dir, "sneaky.txt", libArticle("Sneaky"))
	e.stopWatch() // keep the watcher from loading it behind our back
	for _, sub := range []string{"refresh", "list", "remove"} {
		p := libCommand(sub, libOpt("article", 3, "story00"))
		p["member"].(map[string]any)["roles"] = []any{"1100000000000000999"}
		r := e.send(p)
		if r.flags&ephemeral == 0 || !strings.Contains(r.text, "Only moderators") || len(customIDs(r.components)) != 0 {
			t.Errorf("/library %s by a reader = %+v; want an ephemeral refusal", sub, r)
		}
	}
	if n := e.articles(); n != 2 {
		t.Errorf("library has %d articles; want 2 (nothing done)", n)
	}
	// Manage Server without the role is enough.
	p := libCommand("refresh")
	p["member"].(map[string]any)["roles"] = []any{}
	p["member"].(map[string]any)["permissions"] = "32"
	if r := e.send(p); !strings.Contains(r.text, "Library refreshed") || e.articles() != 3 {
		t.Errorf("refresh with Manage Server = %+v, %d articles", r, e.articles())
	}
	// The command is registered for Manage Server only and not in DMs.
	var found bool
	for _, raw := range e.fake.Commands(discordfake.GuildID) {
		var c struct {
			Name     string `json:"name"`
			Perms    string `json:"default_member_permissions"`
			Contexts []int  `json:"contexts"`
		}
		_ = json.Unmarshal(raw, &c)
		if c.Name == "library" {
			found = true
			if c.Perms != "32" || len(c.Contexts) != 1 || c.Contexts[0] != 0 {
				t.Errorf("registered /library with permissions %q, contexts %v; want 32 and [0] (guild only)", c.Perms, c.Contexts)
			}
		}
	}
	if !found {
		t.Error("/library was not registered")
	}
}

func TestLibraryE2EAddFromURLWithPreviewAndConfirm(t *testing.T) {
	e := startLibrary(t, libContentDir(t, 1))
	r := e.send(libCommand("add", libOpt("url", 3, e.web.URL+"/news/geneva")))
	ids := customIDs(r.components)
	if r.flags&ephemeral == 0 || !strings.Contains(r.text, "Envoys meet in Geneva") || !strings.Contains(r.text, "Wire Service") ||
		!strings.Contains(r.text, "2013-03-05") || !strings.Contains(r.text, "Quotes") || len(ids) != 2 {
		t.Fatalf("preview = %+v; want title, publisher, date, counts and two buttons", r)
	}
	if e.articles() != 1 {
		t.Fatal("the preview changed the library")
	}
	r = e.send(libPressAsModerator(ids[0]))
	if !strings.Contains(r.text, "Added") || !strings.Contains(r.text, "+1 article") {
		t.Fatalf("confirm = %+v; want Added with the report", r)
	}
	if e.articles() != 2 {
		t.Errorf("library has %d articles after confirm; want 2", e.articles())
	}
	files, _ := filepath.Glob(filepath.Join(e.dir, "envoys-meet-in-geneva_*.txt"))
	if len(files) != 1 {
		t.Fatalf("saved files = %v", files)
	}
	data, _ := os.ReadFile(files[0])
	if !strings.HasPrefix(string(data), "---\ntitle: Envoys meet in Geneva\npublisher: Wire Service\npublished: 2013-03-05\nurl: "+e.web.URL+"/news/geneva\nadded_by: reader\n") ||
		strings.Contains(string(data), "Subscribe") {
		t.Errorf("saved file:\n%s", data)
	}
	// The action is audited in the channel, pinging nobody.
	c := e.fake.WaitCall(wait, "audit post", func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && c.Vars["channel"] == auditChannel && strings.Contains(string(c.Body), "library add")
	})
	if !strings.Contains(string(c.Body), "reader") {
		t.Errorf("audit line %s does not name the moderator", c.Body)
	}
	// A URL that fails changes nothing and says why.
	r = e.send(libCommand("add", libOpt("url", 3, e.web.URL+"/news/missing")))
	if !strings.Contains(r.text, "404") || len(customIDs(r.components)) != 0 || e.articles() != 2 {
		t.Errorf("add of a 404 = %+v", r)
	}
}

func TestLibraryE2EAddUpload(t *testing.T) {
	e := startLibrary(t, libContentDir(t, 1))
	p := libCommand("add", libOpt("file", 11, "4242"))
	p["data"].(map[string]any)["resolved"] = map[string]any{"attachments": map[string]any{"4242": map[string]any{
		"id": "4242", "filename": "briefing.md", "size": 80, "content_type": "text/markdown; charset=utf-8",
		"url": e.web.URL + "/attachments/1/2/briefing.md", "proxy_url": e.web.URL + "/attachments/1/2/briefing.md",
	}}}
	r := e.send(p)
	ids := customIDs(r.components)
	if !strings.Contains(r.text, "Briefing on the shield") || len(ids) != 2 {
		t.Fatalf("upload preview = %+v", r)
	}
	// Cancel changes nothing; a second preview is confirmed.
	if r := e.send(libPressAsModerator(ids[1])); !strings.Contains(r.text, "Cancelled") || e.articles() != 1 {
		t.Errorf("cancel = %+v", r)
	}
	r = e.send(p)
	if r := e.send(libPressAsModerator(customIDs(r.components)[0])); !strings.Contains(r.text, "Added") || e.articles() != 2 {
		t.Fatalf("confirm upload = %+v", r)
	}
	if files, _ := filepath.Glob(filepath.Join(e.dir, "briefing-on-the-shield_*.md")); len(files) != 1 {
		t.Errorf("saved upload = %v", files)
	}
	// A wrong type is refused.
	bad := libCommand("add", libOpt("file", 11, "5"))
	bad["data"].(map[string]any)["resolved"] = map[string]any{"attachments": map[string]any{"5": map[string]any{
		"id": "5", "filename": "photo.png", "size": 80, "content_type": "image/png", "url": e.web.URL + "/x.png"}}}
	if r := e.send(bad); !strings.Contains(r.text, "not a .txt, .md or .html file") {
		t.Errorf("png upload = %+v", r)
	}
}

func TestLibraryE2EListShowRemoveCorrect(t *testing.T) {
	e := startLibrary(t, libContentDir(t, 12))
	r := e.send(libCommand("list"))
	if !strings.Contains(r.text, "Library: 12 articles") || strings.Count(r.text, "• ") != 10 || len(customIDs(r.components)) != 2 {
		t.Fatalf("list = %+v; want 10 of 12 articles and paging buttons", r)
	}
	next := customIDs(r.components)[1]
	if r := e.send(libPressAsModerator(next)); r.cbType != 7 || strings.Count(r.text, "• ") != 2 || !strings.Contains(r.text, "story11") {
		t.Errorf("next page = %+v; want an update (7) to page 2", r)
	}
	if r := e.send(libCommand("show", libOpt("article", 3, "story03"))); !strings.Contains(r.text, "Headline of story 3") || !strings.Contains(r.text, "quote") {
		t.Errorf("show = %+v", r)
	}
	ac := discordfake.AutocompletePayload("library")
	ac["data"].(map[string]any)["options"] = []any{map[string]any{"name": "remove", "type": 1, "options": []any{
		map[string]any{"name": "article", "type": 3, "value": "story 1", "focused": true}}}}
	cb := e.answered(e.fake.SendInteraction(libAsModerator(ac)))
	if cb.Type != 8 || len(cb.Data.Choices) != 3 { // story 1, 10, 11
		t.Errorf("autocomplete = %+v; want 3 choices", cb.Data.Choices)
	}
	r = e.send(libCommand("remove", libOpt("article", 3, "story05")))
	ids := customIDs(r.components)
	if !strings.Contains(r.text, "Remove") || len(ids) != 2 || e.articles() != 12 {
		t.Fatalf("remove prompt = %+v", r)
	}
	if r := e.send(libPressAsModerator(ids[0])); !strings.Contains(r.text, "Removed") || e.articles() != 11 {
		t.Errorf("remove confirm = %+v, %d articles", r, e.articles())
	}
	if _, err := os.Stat(filepath.Join(e.dir, "story05.txt")); !os.IsNotExist(err) {
		t.Errorf("story05.txt still in the folder: %v", err)
	}
	// A quote typed in part is re-attributed, and the next question about
	// it sees the new speaker.
	r = e.send(libCommand("correct", libOpt("quote", 3, "ready to talk about Headline of story 3"), libOpt("speaker", 3, "Jane Doe")))
	if r.flags&ephemeral == 0 || !strings.Contains(r.text, "attributed to **Jane Doe**") {
		t.Errorf("correct = %+v", r)
	}
	var found bool
	for q := range e.store.Current().Quotes() {
		if strings.Contains(q.Text, "ready to talk about Headline of story 3") {
			found = q.Speaker == "Jane Doe"
		}
	}
	if !found {
		t.Error("the corrected quote is not attributed to Jane Doe in the library")
	}
	// Correct and hide answer clearly when no quote matches.
	for _, sub := range []string{"correct", "hide"} {
		r := e.send(libCommand(sub, libOpt("quote", 3, "words nobody said anywhere"), libOpt("speaker", 3, "Jane Doe")))
		if r.flags&ephemeral == 0 || !strings.Contains(r.text, "No quote matches") {
			t.Errorf("%s = %+v", sub, r)
		}
	}
}

func TestLibraryE2EFailedRefreshKeepsLibrary(t *testing.T) {
	e := startLibrary(t, libContentDir(t, 3))
	e.stopWatch()
	old := e.store.Current()
	for i := 0; i < 3; i++ {
		libWriteArticle(t, e.dir, fmt.Sprintf("story%02d.txt", i), "")
	}
	r := e.send(libCommand("refresh"))
	if !strings.Contains(r.text, "Refresh failed") || !strings.Contains(r.text, "still using the current library (3 articles)") {
		t.Errorf("refresh = %+v", r)
	}
	if e.store.Current() != old {
		t.Error("the failed refresh replaced the library")
	}
	if r := e.send(discordfake.CommandPayload("ask", discordfake.Option{Name: "question", Value: "What did the minister say?"})); strings.Contains(r.text, "Something went wrong") {
		t.Errorf("ask after a failed refresh = %+v", r)
	}
}

func TestLibraryE2EQuestionsDuringTwentyReloads(t *testing.T) {
	e := startLibrary(t, libContentDir(t, 20))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			if i%2 == 0 {
				libWriteArticle(t, e.dir, "flip.txt", libArticle("Flip"))
			} else {
				os.Remove(filepath.Join(e.dir, "flip.txt"))
			}
			if _, err := e.lib.Reload(context.Background()); err != nil {
				t.Errorf("reload %d: %v", i, err)
			}
		}
	}()
	var sent []discordfake.Sent
	for i := 0; i < 20; i++ {
		sent = append(sent, e.fake.SendCommand("ask", discordfake.Option{Name: "question", Value: fmt.Sprintf("What did the minister say about story %d?", i)}))
	}
	wg.Wait()
	for _, in := range sent {
		if r := e.libReply(in); strings.Contains(r.text, "Something went wrong") || strings.Contains(r.text, "too long") {
			t.Errorf("question during reloads got %q", r.text)
		}
	}
	if n := e.articles(); n != 20 {
		t.Errorf("after an even number of flips the library has %d articles; want 20", n)
	}
}

func TestLibraryE2ETwoBotsShareOneFolder(t *testing.T) {
	dir := libContentDir(t, 2)
	a := startLibrary(t, dir)
	b := startLibrary(t, dir)
	r := a.send(libCommand("add", libOpt("url", 3, a.web.URL+"/news/geneva")))
	if r := a.send(libPressAsModerator(customIDs(r.components)[0])); !strings.Contains(r.text, "Added") {
		t.Fatalf("add through bot A = %+v", r)
	}
	start := time.Now()
	for b.articles() != 3 && time.Since(start) < 5*time.Second {
		time.Sleep(20 * time.Millisecond)
	}
	if b.articles() != 3 {
		t.Fatalf("bot B has %d articles 5s after the add; want 3", b.articles())
	}
	t.Logf("bot B saw the new article after %v", time.Since(start).Round(time.Millisecond))
	files, _ := filepath.Glob(filepath.Join(dir, "envoys-meet-in-geneva_*.txt"))
	if len(files) != 1 {
		t.Fatalf("saved files = %v", files)
	}
	id := strings.TrimSuffix(filepath.Base(files[0]), ".txt")
	if r := b.send(libCommand("show", libOpt("article", 3, id))); !strings.Contains(r.text, id) || !strings.Contains(r.text, "quote") {
		t.Errorf("bot B cannot show the article: %+v", r)
	}
}

// libArticle is a small but real news text the extractor accepts: a
// headline, a reported sentence and a direct quote with a named speaker.
func libArticle(title string) string {
	return title + "\n\nMOSCOW — Officials said on Monday that the talks on " + title +
		" would continue next week.\n\n\"We are ready to talk about " + title + ",\" Foreign Minister Ivan Petrov told reporters."
}
