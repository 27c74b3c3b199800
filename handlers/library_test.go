package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/internal/fetch"
	"github.com/citebot/citebot/internal/librarian"
	"github.com/citebot/citebot/knowledge"
)

// libFixture is a content folder with a Librarian, a Fetcher allowed to
// reach the local test server, and the /library handler over them.
type libFixture struct {
	dir   string
	store *knowledge.Store
	lib   *librarian.Librarian
	admin *LibraryAdmin
	srv   *httptest.Server
	now   time.Time
}

func newLibFixture(t *testing.T, n int) *libFixture {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		libWriteFile(t, dir, fmt.Sprintf("art%02d.txt", i), libArticle(fmt.Sprintf("Headline number %d", i)))
	}
	l, _, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := &libFixture{dir: dir, store: knowledge.NewStore(l), now: time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.lib = librarian.New(librarian.Config{Dir: dir, Logger: quiet, ReloadInterval: -1}, f.store)
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><meta property="og:title" content="Envoys *meet* in Geneva"><meta property="og:site_name" content="Wire Service"></head><body><article>
<p>GENEVA — Envoys met on Tuesday for a third round of talks on the treaty, officials said, and agreed to meet again next month.</p>
<p>"We made progress," one negotiator told reporters after the session, which lasted most of the day and ended late in the evening.</p>
<p>Both delegations declined to give details of the proposals that were discussed, but said the atmosphere had been constructive.</p></article></body></html>`)
	})
	mux.HandleFunc("/upload/notes.md", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "# Uploaded notes\n\nThe minister said the plan would go ahead.")
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	u, _ := url.Parse(f.srv.URL)
	fetcher := fetch.New(fetch.Config{AllowPrivate: true, AttachmentHosts: []string{u.Host}, Timeout: 5 * time.Second})
	f.admin = NewLibraryAdmin(LibraryDeps{Store: f.store, Librarian: f.lib, Fetcher: fetcher, ModRoleIDs: []string{"777"},
		Now: func() time.Time { return f.now }})
	return f
}

func libWriteFile(t *testing.T, dir, name, s string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// libModInteraction is a /library subcommand sent by a moderator (by role).
func libModInteraction(user, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type:    discordgo.InteractionApplicationCommand,
		GuildID: "1",
		Member:  &discordgo.Member{User: &discordgo.User{ID: user, Username: "mod_" + user}, Roles: []string{"777"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: "library", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts},
		}},
	}
}

func libStrOpt(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
}

func libPress(user, customID string) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type:    discordgo.InteractionMessageComponent,
		GuildID: "1",
		Member:  &discordgo.Member{User: &discordgo.User{ID: user, Username: "mod_" + user}, Roles: []string{"777"}},
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
}

// libButtons returns the custom IDs of a response's buttons.
func libButtons(r *Response) []string {
	var ids []string
	for _, row := range r.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(discordgo.Button); ok {
					ids = append(ids, b.CustomID)
				}
			}
		}
	}
	return ids
}

// libCheckLimits fails when a response breaks one of Discord's limits or is
// not ephemeral.
func libCheckLimits(t *testing.T, r *Response) {
	t.Helper()
	if r == nil {
		return
	}
	if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult && !r.Ephemeral {
		t.Error("response is not ephemeral")
	}
	if Len(r.Content) > MaxContent {
		t.Errorf("content is %d long; limit %d", Len(r.Content), MaxContent)
	}
	for _, e := range r.Embeds {
		if n := EmbedLen(e); n > MaxEmbedTotal || Len(e.Description) > MaxEmbedDescription || len(e.Fields) > MaxFields {
			t.Errorf("embed over limits: total %d, description %d, fields %d", n, Len(e.Description), len(e.Fields))
		}
	}
	for _, id := range libButtons(r) {
		if len(id) > MaxCustomID {
			t.Errorf("custom ID %q is longer than %d", id, MaxCustomID)
		}
	}
	if len(r.Choices) > MaxChoices {
		t.Errorf("%d choices; limit %d", len(r.Choices), MaxChoices)
	}
}

func libCall(t *testing.T, f *libFixture, in *discordgo.Interaction) (*Response, error) {
	t.Helper()
	r, err := f.admin.Handle(context.Background(), in)
	libCheckLimits(t, r)
	return r, err
}

func libUserMsg(t *testing.T, err error) string {
	t.Helper()
	msg, ok := IsUserError(err)
	if !ok {
		t.Fatalf("error %v is not a UserError", err)
	}
	return msg
}

func TestLibraryCommandShape(t *testing.T) {
	c := NewLibraryAdmin(LibraryDeps{}).Command()
	if c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordgo.PermissionManageGuild {
		t.Errorf("DefaultMemberPermissions = %v; want Manage Server", c.DefaultMemberPermissions)
	}
	if c.Contexts == nil || len(*c.Contexts) != 1 || (*c.Contexts)[0] != discordgo.InteractionContextGuild {
		t.Errorf("Contexts = %v; want guild only", c.Contexts)
	}
	var subs []string
	for _, o := range c.Options {
		subs = append(subs, o.Name)
	}
	if got, want := strings.Join(subs, ","), "refresh,add,remove,list,show,correct,hide"; got != want {
		t.Errorf("subcommands = %s; want %s", got, want)
	}
	r := New(Deps{Library: knowledge.NewStore(nil)})
	a := NewLibraryAdmin(LibraryDeps{})
	r.Mount("library", a.Handle, a.Command())
	if !r.DeferEphemeral(&discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "library"}}) {
		t.Error("deferred /library replies would not be ephemeral")
	}
}

func TestLibraryRefusesNonModerators(t *testing.T) {
	f := newLibFixture(t, 2)
	for _, tc := range []struct {
		name string
		in   func() *discordgo.Interaction
		ok   bool
	}{
		{"no role, no permission", func() *discordgo.Interaction {
			in := libModInteraction("5", "refresh")
			in.Member.Roles = []string{"123"}
			return in
		}, false},
		{"direct message", func() *discordgo.Interaction {
			in := libModInteraction("5", "refresh")
			in.User, in.Member, in.GuildID = in.Member.User, nil, ""
			return in
		}, false},
		{"button from a non-moderator", func() *discordgo.Interaction {
			in := libPress("5", "library/list/1")
			in.Member.Roles = nil
			return in
		}, false},
		{"moderator role", func() *discordgo.Interaction { return libModInteraction("5", "refresh") }, true},
		{"manage server", func() *discordgo.Interaction {
			in := libModInteraction("5", "refresh")
			in.Member.Roles, in.Member.Permissions = nil, discordgo.PermissionManageGuild
			return in
		}, true},
		{"administrator", func() *discordgo.Interaction {
			in := libModInteraction("5", "refresh")
			in.Member.Roles, in.Member.Permissions = nil, discordgo.PermissionAdministrator
			return in
		}, true},
	} {
		libWriteFile(t, f.dir, "new-"+strings.ReplaceAll(tc.name, " ", "-")+".txt", libArticle("Fresh "+tc.name))
		before := len(f.store.Current().Articles())
		r, err := libCall(t, f, tc.in())
		after := len(f.store.Current().Articles())
		if tc.ok {
			if err != nil || r == nil || !strings.Contains(r.Content, "Library refreshed") || after <= before {
				t.Errorf("%s: %v, %v, %d→%d articles; want a refresh", tc.name, r, err, before, after)
			}
			continue
		}
		if msg, ok := IsUserError(err); !ok || !strings.Contains(msg, "Only moderators") || after != before {
			t.Errorf("%s: %v, %v, %d→%d articles; want a refusal and nothing done", tc.name, r, err, before, after)
		}
	}
}

func TestLibraryRefreshReportsAndFailureKeepsLibrary(t *testing.T) {
	f := newLibFixture(t, 2)
	libWriteFile(t, f.dir, "extra.txt", libArticle("Extra headline"))
	libWriteFile(t, f.dir, "blank.txt", "  ")
	r, err := libCall(t, f, libModInteraction("5", "refresh"))
	if err != nil || !strings.Contains(r.Content, "+1 article, -0") || !strings.Contains(r.Content, "blank.txt") {
		t.Fatalf("refresh = %+v, %v; want +1 article and the skipped file", r, err)
	}
	old := f.store.Current()
	for _, n := range []string{"art00.txt", "art01.txt", "extra.txt"} {
		libWriteFile(t, f.dir, n, "")
	}
	r, err = libCall(t, f, libModInteraction("5", "refresh"))
	if err != nil || !strings.Contains(r.Content, "Refresh failed") || !strings.Contains(r.Content, "still using the current library (3 articles)") {
		t.Fatalf("failed refresh = %+v, %v", r, err)
	}
	if f.store.Current() != old {
		t.Error("a failed refresh replaced the library")
	}
}

func TestLibraryAddFromURLPreviewConfirm(t *testing.T) {
	f := newLibFixture(t, 1)
	r, err := libCall(t, f, libModInteraction("5", "add", libStrOpt("url", f.srv.URL+"/story")))
	if err != nil {
		t.Fatalf("add: %v", err)
	}
	if len(r.Embeds) != 1 || r.Embeds[0].Title != `Envoys \*meet\* in Geneva` {
		t.Fatalf("preview embeds = %+v; want the escaped title", r.Embeds)
	}
	fields := map[string]string{}
	for _, fl := range r.Embeds[0].Fields {
		fields[fl.Name] = fl.Value
	}
	if fields["Publisher"] != "Wire Service" || fields["Quotes"] == "" || fields["People"] == "" {
		t.Errorf("preview fields = %v; want publisher, quotes and people", fields)
	}
	ids := libButtons(r)
	if len(ids) != 2 || !strings.HasPrefix(ids[0], "library/confirm/") || !strings.HasPrefix(ids[1], "library/cancel/") {
		t.Fatalf("buttons = %v", ids)
	}
	if n := len(f.store.Current().Articles()); n != 1 {
		t.Errorf("preview changed the library: %d articles", n)
	}
	// Another moderator cannot confirm someone else's preview.
	if _, err := libCall(t, f, libPress("6", ids[0])); !strings.Contains(libUserMsg(t, err), "Only the moderator who started") {
		t.Errorf("other user's confirm = %v", err)
	}
	r, err = libCall(t, f, libPress("5", ids[0]))
	if err != nil || r.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(r.Content, "Added") || len(libButtons(r)) != 0 {
		t.Fatalf("confirm = %+v, %v; want an update saying Added, without buttons", r, err)
	}
	if n := len(f.store.Current().Articles()); n != 2 {
		t.Errorf("after confirm: %d articles; want 2", n)
	}
	files, _ := filepath.Glob(filepath.Join(f.dir, "envoys-meet-in-geneva_*.txt"))
	if len(files) != 1 {
		t.Fatalf("saved files = %v", files)
	}
	data, _ := os.ReadFile(files[0])
	for _, want := range []string{"title: Envoys *meet* in Geneva\n", "publisher: Wire Service\n", "url: " + f.srv.URL + "/story\n", "added_by: mod_5\n", "added_at: 2026-11-29T14:00:00Z\n", "We made progress"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("saved file lacks %q:\n%s", want, data)
		}
	}
	// The token is spent: a second press does nothing.
	if _, err := libCall(t, f, libPress("5", ids[0])); !strings.Contains(libUserMsg(t, err), "expired") {
		t.Errorf("second confirm = %v; want expired", err)
	}
	// Adding the same article again is refused at confirm time.
	r, _ = libCall(t, f, libModInteraction("5", "add", libStrOpt("url", f.srv.URL+"/story")))
	if _, err := libCall(t, f, libPress("5", libButtons(r)[0])); !strings.Contains(libUserMsg(t, err), "already in the library") {
		t.Errorf("duplicate confirm = %v; want already in the library", err)
	}
}

func TestLibraryAddUploadCancelAndExpiry(t *testing.T) {
	f := newLibFixture(t, 1)
	in := libModInteraction("5", "add", &discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: "99"})
	d := in.Data.(discordgo.ApplicationCommandInteractionData)
	d.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
		"99": {ID: "99", URL: f.srv.URL + "/upload/notes.md", Filename: "notes.md", ContentType: "text/markdown; charset=utf-8", Size: 60},
	}}
	in.Data = d
	r, err := libCall(t, f, in)
	if err != nil || r.Embeds[0].Title != "Uploaded notes" {
		t.Fatalf("upload preview = %+v, %v", r, err)
	}
	r, err = libCall(t, f, libPress("5", libButtons(r)[1]))
	if err != nil || !strings.Contains(r.Content, "Cancelled") || len(f.store.Current().Articles()) != 1 {
		t.Errorf("cancel = %+v, %v", r, err)
	}
	r, _ = libCall(t, f, in)
	f.now = f.now.Add(11 * time.Minute)
	if _, err := libCall(t, f, libPress("5", libButtons(r)[0])); !strings.Contains(libUserMsg(t, err), "expired") {
		t.Errorf("late confirm = %v; want expired", err)
	}
	f.now = f.now.Add(-11 * time.Minute)
	r, _ = libCall(t, f, in)
	if r, err = libCall(t, f, libPress("5", libButtons(r)[0])); err != nil || !strings.Contains(r.Content, "Added") {
		t.Fatalf("confirm upload = %+v, %v", r, err)
	}
	if files, _ := filepath.Glob(filepath.Join(f.dir, "uploaded-notes_*.md")); len(files) != 1 {
		t.Errorf("saved upload = %v; want one .md file", files)
	}
}

func TestLibraryAddFailuresChangeNothing(t *testing.T) {
	f := newLibFixture(t, 1)
	before, _ := os.ReadDir(f.dir)
	for _, tc := range []struct {
		in   *discordgo.Interaction
		want string
	}{
		{libModInteraction("5", "add"), "either a file"},
		{libModInteraction("5", "add", libStrOpt("url", f.srv.URL+"/missing")), "404"},
		{libModInteraction("5", "add", libStrOpt("url", "ftp://x/y")), "only http and https"},
		{libModInteraction("5", "add", &discordgo.ApplicationCommandInteractionDataOption{Name: "file", Value: "1"}), "did not send the file"},
	} {
		_, err := libCall(t, f, tc.in)
		if msg := libUserMsg(t, err); !strings.Contains(msg, tc.want) {
			t.Errorf("message %q does not contain %q", msg, tc.want)
		}
	}
	after, _ := os.ReadDir(f.dir)
	if len(after) != len(before) {
		t.Errorf("folder went from %d to %d entries", len(before), len(after))
	}
}

func TestLibraryRemoveListShowAutocomplete(t *testing.T) {
	f := newLibFixture(t, 23)
	// list pages
	r, err := libCall(t, f, libModInteraction("5", "list"))
	if err != nil || r.Embeds[0].Title != "Library: 23 articles" || !strings.Contains(r.Embeds[0].Footer.Text, "Page 1 of 3") {
		t.Fatalf("list = %+v, %v", r, err)
	}
	if got := strings.Count(r.Embeds[0].Description, "\n"); got != 10 {
		t.Errorf("list page shows %d articles; want 10", got)
	}
	next := libButtons(r)[1]
	r, err = libCall(t, f, libPress("5", next))
	if err != nil || r.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(r.Embeds[0].Footer.Text, "Page 2 of 3") {
		t.Fatalf("next page = %+v, %v", r, err)
	}
	// show
	r, err = libCall(t, f, libModInteraction("5", "show", libStrOpt("article", "art07")))
	if err != nil || r.Embeds[0].Title != "Headline number 7" || !strings.Contains(r.Embeds[0].Description, "`art07`") {
		t.Fatalf("show = %+v, %v", r, err)
	}
	if _, err := libCall(t, f, libModInteraction("5", "show", libStrOpt("article", "nothing like it"))); !strings.Contains(libUserMsg(t, err), "No article matches") {
		t.Errorf("show unknown = %v", err)
	}
	// autocomplete: at most 25, prefix matches first
	ac := libModInteraction("5", "remove", &discordgo.ApplicationCommandInteractionDataOption{Name: "article", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true})
	ac.Type = discordgo.InteractionApplicationCommandAutocomplete
	r, _ = libCall(t, f, ac)
	if len(r.Choices) != 23 {
		t.Errorf("autocomplete gave %d choices; want 23", len(r.Choices))
	}
	ac.Data.(discordgo.ApplicationCommandInteractionData).Options[0].Options[0].Value = "number 12"
	r, _ = libCall(t, f, ac)
	if len(r.Choices) != 1 || r.Choices[0].Value != "art12" {
		t.Errorf("autocomplete %q = %+v; want art12", "number 12", r.Choices)
	}
	// remove with confirmation
	r, err = libCall(t, f, libModInteraction("5", "remove", libStrOpt("article", "art12")))
	if err != nil || !strings.Contains(r.Content, "Headline number 12") || len(f.store.Current().Articles()) != 23 {
		t.Fatalf("remove prompt = %+v, %v", r, err)
	}
	r, err = libCall(t, f, libPress("5", libButtons(r)[0]))
	if err != nil || !strings.Contains(r.Content, "Removed") || !strings.Contains(r.Content, "-1") {
		t.Fatalf("remove confirm = %+v, %v", r, err)
	}
	if _, ok := f.store.Current().Article("art12"); ok {
		t.Error("art12 is still in the library")
	}
	if kept, _ := filepath.Glob(filepath.Join(f.dir, ".removed", "art12.txt.*")); len(kept) != 1 {
		t.Errorf("removed copy = %v", kept)
	}
}

func TestLibraryCorrectAndBuiltin(t *testing.T) {
	f := newLibFixture(t, 1)
	// Autocomplete offers quotes by their text or speaker.
	ac := libModInteraction("5", "correct", &discordgo.ApplicationCommandInteractionDataOption{Name: "quote", Type: discordgo.ApplicationCommandOptionString, Value: "ready to talk", Focused: true})
	ac.Type = discordgo.InteractionApplicationCommandAutocomplete
	r, _ := libCall(t, f, ac)
	if len(r.Choices) != 1 || !strings.Contains(r.Choices[0].Name, "Ivan Petrov: We are ready to talk") {
		t.Fatalf("quote autocomplete = %+v; want the direct quote by Ivan Petrov", r.Choices)
	}
	direct := r.Choices[0].Value.(string)
	r, err := libCall(t, f, libModInteraction("5", "correct", libStrOpt("quote", direct), libStrOpt("speaker", "  Jane   Doe ")))
	if err != nil || !strings.Contains(r.Content, "attributed to **Jane Doe**") {
		t.Fatalf("correct = %+v, %v", r, err)
	}
	if q, _ := f.store.Current().Quote(direct); q.Speaker != "Jane Doe" {
		t.Errorf("after correct, %s is by %q; want Jane Doe", direct, q.Speaker)
	}
	// Hide by typing part of the text instead of picking.
	r, err = libCall(t, f, libModInteraction("5", "hide", libStrOpt("quote", "officials said on monday")))
	if err != nil || !strings.Contains(r.Content, "Hidden") {
		t.Fatalf("hide = %+v, %v", r, err)
	}
	if qs := f.store.Current().Quotes(); len(qs) != 1 || qs[0].Speaker != "Jane Doe" {
		t.Errorf("after hide, quotes = %+v; want only Jane Doe's", qs)
	}
	r, err = libCall(t, f, libModInteraction("5", "show", libStrOpt("article", "art00")))
	if err != nil || !strings.Contains(libVisible(r), "Jane Doe (1)") || !strings.Contains(libVisible(r), "We are ready to talk") {
		t.Errorf("show after corrections = %s, %v", libVisible(r), err)
	}
	// No quote can match text that is not in the library.
	_, err = libCall(t, f, libModInteraction("5", "correct", libStrOpt("quote", "zzz no such words"), libStrOpt("speaker", "Jane")))
	if !strings.Contains(libUserMsg(t, err), "No quote matches") {
		t.Errorf("correct unknown = %v", err)
	}
	_, err = libCall(t, f, libModInteraction("5", "hide", libStrOpt("quote", "zzz no such words")))
	if !strings.Contains(libUserMsg(t, err), "No quote matches") {
		t.Errorf("hide unknown = %v", err)
	}
	// Without a content folder nothing can change, but list still works.
	b := NewLibraryAdmin(LibraryDeps{Store: f.store, ModRoleIDs: []string{"777"}})
	for _, sub := range []string{"refresh", "add", "remove", "correct", "hide"} {
		_, err := b.Handle(context.Background(), libModInteraction("5", sub, libStrOpt("article", "art00"), libStrOpt("quote", "x"), libStrOpt("speaker", "y"), libStrOpt("url", "http://x")))
		if msg, _ := IsUserError(err); !strings.Contains(msg, "built-in library") {
			t.Errorf("%s without a folder = %v; want the built-in refusal", sub, err)
		}
	}
	if r, err := b.Handle(context.Background(), libModInteraction("5", "list")); err != nil || len(r.Embeds) != 1 {
		t.Errorf("list without a folder = %v, %v", r, err)
	}
}

// libArticle is a small but real news text the extractor accepts: a
// headline, a reported sentence and a direct quote with a named speaker.
func libArticle(title string) string {
	return title + "\n\nMOSCOW — Officials said on Monday that the talks on " + title +
		" would continue next week.\n\n\"We are ready to talk about " + title + ",\" Foreign Minister Ivan Petrov told reporters."
}

// libVisible joins what a response shows, for assertions.
func libVisible(r *Response) string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(r.Content)
	for _, e := range r.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
	}
	return b.String()
}
