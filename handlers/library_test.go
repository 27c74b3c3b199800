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
	"slices"
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
		t.Errorf("got content of %d characters; want at most %d", Len(r.Content), MaxContent)
	}
	for _, e := range r.Embeds {
		if n := EmbedLen(e); n > MaxEmbedTotal || Len(e.Description) > MaxEmbedDescription || len(e.Fields) > MaxFields {
			t.Errorf("got an embed of %d characters, description %d, %d fields; want at most %d, %d, %d", n, Len(e.Description), len(e.Fields), MaxEmbedTotal, MaxEmbedDescription, MaxFields)
		}
	}
	for _, id := range libButtons(r) {
		if len(id) > MaxCustomID {
			t.Errorf("got custom ID %q (%d bytes); want at most %d", id, len(id), MaxCustomID)
		}
	}
	if len(r.Choices) > MaxChoices {
		t.Errorf("got %d choices; want at most %d", len(r.Choices), MaxChoices)
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
		t.Fatalf("got error %v; want a UserError", err)
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
		t.Fatalf("failed refresh: got %+v, %v; want \"Refresh failed\" saying the 3 articles are kept", r, err)
	}
	if f.store.Current() != old {
		t.Error("a failed refresh replaced the library")
	}
}

func TestLibraryAddFromURLPreviewConfirm(t *testing.T) {
	f := newLibFixture(t, 1)
	r, err := libCall(t, f, libModInteraction("5", "add", libStrOpt("url", f.srv.URL+"/story")))
	if err != nil {
		t.Fatalf("add: got %v; want a preview", err)
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
		t.Fatalf("got buttons %v; want library/confirm/... and library/cancel/...", ids)
	}
	if n := len(f.store.Current().Articles()); n != 1 {
		t.Errorf("after the preview: got %d articles; want 1 (nothing saved yet)", n)
	}
	// Another moderator cannot confirm someone else's preview.
	if _, err := libCall(t, f, libPress("6", ids[0])); !strings.Contains(libUserMsg(t, err), "Only the moderator who started") {
		t.Errorf("another user's confirm: got %v; want a refusal", err)
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
		t.Fatalf("got saved files %v; want exactly one", files)
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
		t.Fatalf("upload preview: got %+v, %v; want the title \"Uploaded notes\"", r, err)
	}
	r, err = libCall(t, f, libPress("5", libButtons(r)[1]))
	if err != nil || !strings.Contains(r.Content, "Cancelled") || len(f.store.Current().Articles()) != 1 {
		t.Errorf("cancel: got %+v, %v; want \"Cancelled\" and the library unchanged", r, err)
	}
	r, _ = libCall(t, f, in)
	f.now = f.now.Add(11 * time.Minute)
	if _, err := libCall(t, f, libPress("5", libButtons(r)[0])); !strings.Contains(libUserMsg(t, err), "expired") {
		t.Errorf("late confirm = %v; want expired", err)
	}
	f.now = f.now.Add(-11 * time.Minute)
	r, _ = libCall(t, f, in)
	if r, err = libCall(t, f, libPress("5", libButtons(r)[0])); err != nil || !strings.Contains(r.Content, "Added") {
		t.Fatalf("confirm upload: got %+v, %v; want \"Added\"", r, err)
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
		t.Errorf("got %d entries in the folder after a refused add; want %d as before", len(after), len(before))
	}
}

func TestLibraryRemoveListShowAutocomplete(t *testing.T) {
	f := newLibFixture(t, 23)
	// list pages
	r, err := libCall(t, f, libModInteraction("5", "list"))
	if err != nil || r.Embeds[0].Title != "Library: 23 articles" || !strings.Contains(r.Embeds[0].Footer.Text, "Page 1 of 3") {
		t.Fatalf("list: got %+v, %v; want page 1 of 3 of 23 articles", r, err)
	}
	if got := strings.Count(r.Embeds[0].Description, "\n"); got != 10 {
		t.Errorf("list page shows %d articles; want 10", got)
	}
	next := libButtons(r)[1]
	r, err = libCall(t, f, libPress("5", next))
	if err != nil || r.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(r.Embeds[0].Footer.Text, "Page 2 of 3") {
		t.Fatalf("next page: got %+v, %v; want page 2 of 3, updated in place", r, err)
	}
	// show
	r, err = libCall(t, f, libModInteraction("5", "show", libStrOpt("article", "art07")))
	if err != nil || r.Embeds[0].Title != "Headline number 7" || !strings.Contains(r.Embeds[0].Description, "`art07`") {
		t.Fatalf("show: got %+v, %v; want \"Headline number 7\" (art07)", r, err)
	}
	if _, err := libCall(t, f, libModInteraction("5", "show", libStrOpt("article", "nothing like it"))); !strings.Contains(libUserMsg(t, err), "No article matches") {
		t.Errorf("show unknown: got %v; want \"No article matches\"", err)
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
		t.Fatalf("remove prompt: got %+v, %v; want a prompt naming art12 and nothing removed yet", r, err)
	}
	r, err = libCall(t, f, libPress("5", libButtons(r)[0]))
	if err != nil || !strings.Contains(r.Content, "Removed") || !strings.Contains(r.Content, "-1") {
		t.Fatalf("remove confirm: got %+v, %v; want \"Removed\" and -1", r, err)
	}
	if _, ok := f.store.Current().Article("art12"); ok {
		t.Error("art12 is still in the library")
	}
	if kept, _ := filepath.Glob(filepath.Join(f.dir, ".removed", "art12.txt.*")); len(kept) != 1 {
		t.Errorf("got removed copies %v; want one in .removed", kept)
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
		t.Fatalf("correct: got %+v, %v; want \"attributed to **Jane Doe**\"", r, err)
	}
	if q, _ := f.store.Current().Quote(direct); q.Speaker != "Jane Doe" {
		t.Errorf("after correct, %s is by %q; want Jane Doe", direct, q.Speaker)
	}
	// Hide by typing part of the text instead of picking.
	r, err = libCall(t, f, libModInteraction("5", "hide", libStrOpt("quote", "officials said on monday")))
	if err != nil || !strings.Contains(r.Content, "Hidden") {
		t.Fatalf("hide: got %+v, %v; want \"Hidden\"", r, err)
	}
	if qs := slices.Collect(f.store.Current().Quotes()); len(qs) != 1 || qs[0].Speaker != "Jane Doe" {
		t.Errorf("after hide, quotes = %+v; want only Jane Doe's", qs)
	}
	r, err = libCall(t, f, libModInteraction("5", "show", libStrOpt("article", "art00")))
	if err != nil || !strings.Contains(libVisible(r), "Jane Doe (1)") || !strings.Contains(libVisible(r), "We are ready to talk") {
		t.Errorf("show after corrections: got %s, %v; want Jane Doe (1) and her quote", libVisible(r), err)
	}
	// No quote can match text that is not in the library.
	_, err = libCall(t, f, libModInteraction("5", "correct", libStrOpt("quote", "zzz no such words"), libStrOpt("speaker", "Jane")))
	if !strings.Contains(libUserMsg(t, err), "No quote matches") {
		t.Errorf("correct unknown: got %v; want \"No quote matches\"", err)
	}
	_, err = libCall(t, f, libModInteraction("5", "hide", libStrOpt("quote", "zzz no such words")))
	if !strings.Contains(libUserMsg(t, err), "No quote matches") {
		t.Errorf("hide unknown: got %v; want \"No quote matches\"", err)
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
		t.Errorf("list without a folder: got %v, %v; want one embed", r, err)
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

// TestLibraryLookupEchoStaysEscaped checks that an article or quote typed by
// hand is echoed with its Markdown and mentions still escaped. Formatting the
// escaped text with %q doubled every backslash, which turned "\*" back into
// a live "*" and the zero-width space after "@" into plain text.
func TestLibraryLookupEchoStaysEscaped(t *testing.T) {
	f := newLibFixture(t, 2)
	typed := "**bold** @everyone"
	tests := []struct {
		name string
		in   *discordgo.Interaction
	}{
		{"show", libModInteraction("5", "show", libStrOpt("article", typed))},
		{"remove", libModInteraction("5", "remove", libStrOpt("article", typed))},
		{"hide", libModInteraction("5", "hide", libStrOpt("quote", typed))},
		{"correct", libModInteraction("5", "correct", libStrOpt("quote", typed), libStrOpt("speaker", "Jane"))},
	}
	for _, tt := range tests {
		_, err := libCall(t, f, tt.in)
		msg := libUserMsg(t, err)
		if !strings.Contains(msg, `\*\*bold\*\* @`+"\u200b"+`everyone`) {
			t.Errorf("%s: got %q; want the typed text escaped once, mention broken", tt.name, msg)
		}
		if strings.Contains(msg, `\\`) {
			t.Errorf("%s: got %q; want no doubled backslash (it unescapes the next character)", tt.name, msg)
		}
	}
}

// TestLibraryShowLongQuotesKeepsThePage checks /library show on an article
// of long quotes stays within an embed's 6,000 characters without dropping
// quotes from the page: every quote of the page is listed, shortened.
func TestLibraryShowLongQuotesKeepsThePage(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	// A long headline and address, as real articles have.
	b.WriteString("---\nurl: https://news.example.com/" + strings.Repeat("world/europe/", 20) + "envoys\n---\n")
	b.WriteString("Envoys trade long statements on the treaty" + strings.Repeat(" as the talks go on", 10) + "\n\n")
	// Thirty speakers with long names fill the People field; each says
	// something long.
	for i := range 30 {
		first := strings.ToUpper(string(rune('a'+i%26))) + strings.Repeat(string(rune('a'+(i*7)%26)), 9)
		last := strings.ToUpper(string(rune('a'+(i*3)%26))) + strings.Repeat(string(rune('a'+(i*5)%26)), 12) + "-Konstantinopoulos"
		fmt.Fprintf(&b, "\"Statement %d: %s we will keep talking about the treaty,\" Foreign Minister %s %s told reporters on Monday.\n\n",
			i, strings.Repeat("We have said many times that the proposals on the table deserve careful study, and ", 5), first, last)
	}
	libWriteFile(t, dir, "long.txt", b.String())
	lib, _, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := lib.Stats().Quotes; n < libraryPageSize {
		t.Fatalf("the test article gave %d quotes; want at least %d", n, libraryPageSize)
	}
	admin := NewLibraryAdmin(LibraryDeps{Store: knowledge.NewStore(lib), ModRoleIDs: []string{"777"}})
	r, err := admin.Handle(context.Background(), libModInteraction("5", "show", libStrOpt("article", "long")))
	if err != nil {
		t.Fatal(err)
	}
	libCheckLimits(t, r)
	quotes := 0
	for _, f := range r.Embeds[0].Fields {
		if strings.HasPrefix(f.Value, "“") {
			quotes++
		}
	}
	if quotes != libraryPageSize {
		t.Errorf("page 1 lists %d quotes; want %d (none dropped to fit)", quotes, libraryPageSize)
	}
}

// TestLibraryNonModeratorButtonsAndAutocomplete checks the moderator check
// also guards what Discord's default permission does not: a Confirm button
// pressed by someone else who can see it, and autocomplete, which would
// otherwise list the library's articles and quotes to anyone.
func TestLibraryNonModeratorButtonsAndAutocomplete(t *testing.T) {
	f := newLibFixture(t, 3)
	prompt, err := libCall(t, f, libModInteraction("5", "remove", libStrOpt("article", "art01")))
	if err != nil || len(libButtons(prompt)) == 0 {
		t.Fatalf("remove prompt = %+v, %v; want a confirmation", prompt, err)
	}
	press := libPress("6", libButtons(prompt)[0])
	press.Member.Roles = nil
	_, err = libCall(t, f, press)
	if msg, ok := IsUserError(err); !ok || !strings.Contains(msg, "Only moderators") {
		t.Errorf("confirm by a non-moderator: got %v; want the moderator refusal", err)
	}
	if _, ok := f.store.Current().Article("art01"); !ok {
		t.Errorf("confirm by a non-moderator removed art01; want nothing done")
	}
	for _, opt := range []string{"article", "quote"} {
		sub := map[string]string{"article": "remove", "quote": "hide"}[opt]
		ac := libModInteraction("5", sub, &discordgo.ApplicationCommandInteractionDataOption{Name: opt, Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true})
		ac.Type = discordgo.InteractionApplicationCommandAutocomplete
		r, err := libCall(t, f, ac)
		if err != nil || len(r.Choices) == 0 {
			t.Fatalf("%s autocomplete for a moderator: got %+v, %v; want choices", opt, r, err)
		}
		ac.Member.Roles = nil
		r, err = libCall(t, f, ac)
		if err != nil || r == nil || r.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(r.Choices) != 0 {
			t.Errorf("%s autocomplete for a non-moderator: got %+v, %v; want an empty choice list", opt, r, err)
		}
	}
}

// TestLibraryShowButtonOfRemovedArticle checks a paging button of an
// article removed since says so, rather than paging through another
// article whose ID contains the old one.
func TestLibraryShowButtonOfRemovedArticle(t *testing.T) {
	f := newLibFixture(t, 1)
	libWriteFile(t, f.dir, "talks.txt", libArticle("Talks resume"))
	libWriteFile(t, f.dir, "talks-geneva.txt", libArticle("Talks resume in Geneva"))
	if _, err := f.lib.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(f.dir, "talks.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.lib.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, err := libCall(t, f, libPress("5", joinID("library", "show", "talks", "2")))
	if msg, ok := IsUserError(err); !ok || !strings.Contains(msg, "no longer in the library") {
		t.Errorf("button of a removed article: got %s, %v; want a note that it is gone", libVisible(r), err)
	}
}
