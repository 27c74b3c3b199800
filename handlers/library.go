package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/internal/fetch"
	"github.com/citebot/citebot/internal/librarian"
	"github.com/citebot/citebot/knowledge"
)

// Fetcher brings in an article from a URL or an uploaded file. The
// *fetch.Fetcher satisfies it.
type Fetcher interface {
	URL(ctx context.Context, raw string) (fetch.Document, error)
	Attachment(ctx context.Context, url, name, contentType string, size int64) (fetch.Document, error)
}

// LibraryDeps is what the /library commands need.
type LibraryDeps struct {
	// Store gives the library in use; required.
	Store Libraries
	// Librarian changes the content folder. Nil means the bot runs on its
	// built-in library: list and show work, changes are refused.
	Librarian *librarian.Librarian
	// Fetcher fetches URLs and uploads; nil refuses /library add.
	Fetcher Fetcher
	// ModRoleIDs are the roles that may use the commands, besides members
	// with the Manage Server permission.
	ModRoleIDs []string
	// PendingTTL is how long a preview or removal waits for its button;
	// zero means 10 minutes.
	PendingTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives debug details; nil discards them.
	Logger *slog.Logger
}

// LibraryAdmin serves the /library command group, with which moderators
// keep the library current. Mount it with
// router.Mount("library", a.Handle, a.Command()).
type LibraryAdmin struct {
	d LibraryDeps

	mu      sync.Mutex
	pending map[string]*pendingAction
}

// pendingAction is an add or a removal shown to a moderator and waiting for
// the Confirm button. It lives only in memory: a restart simply makes the
// moderator run the command again.
type pendingAction struct {
	user    string
	expires time.Time
	// add
	doc  *fetch.Document
	meta librarian.Meta
	// remove
	articleID string
}

// NewLibraryAdmin returns the /library handler.
func NewLibraryAdmin(d LibraryDeps) *LibraryAdmin {
	if d.PendingTTL <= 0 {
		d.PendingTTL = 10 * time.Minute
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return &LibraryAdmin{d: d, pending: map[string]*pendingAction{}}
}

// libraryPageSize is how many articles or quotes one page shows.
const libraryPageSize = 10

// Command is the /library command group. Discord hides it from members
// without Manage Server by default and offers it only in guilds; Handle checks
// again, because a guild can change those defaults.
func (a *LibraryAdmin) Command() *discordgo.ApplicationCommand {
	perm := int64(discordgo.PermissionManageGuild)
	article := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "article",
			Description: desc, Required: true, Autocomplete: true, MaxLength: 100}
	}
	quote := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "quote",
			Description: desc, Required: true, Autocomplete: true, MaxLength: 200}
	}
	page := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "page", Description: "Page number", MinValue: ptr(1.0)}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	return &discordgo.ApplicationCommand{
		Name:                     "library",
		Description:              "Keep the bot's library of articles current (moderators)",
		DefaultMemberPermissions: &perm,
		// Guild only: no DMs, no private channels (DMPermission is the
		// deprecated way of saying the same).
		Contexts: &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		Options: []*discordgo.ApplicationCommandOption{
			sub("refresh", "Re-read the content folder and report what changed"),
			sub("add", "Add an article from an uploaded file or a URL, after a preview",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "A .txt, .md or .html file"},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "Address of the article", MaxLength: 2000},
			),
			sub("remove", "Remove an article, after confirmation", article("Article to remove")),
			sub("list", "List the articles in the library", page),
			sub("show", "Show the quotes and people found in an article", article("Article to show"), page),
			sub("correct", "Attribute a quote to someone else", quote("Quote to correct"),
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "speaker", Description: "Who really said it", Required: true, MaxLength: 100}),
			sub("hide", "Hide a wrongly extracted quote", quote("Quote to hide")),
		},
	}
}

func ptr[T any](v T) *T { return &v }

// IsModerator reports whether the member who sent in may use /library: a
// member with Manage Server (or Administrator) or one of the moderator
// roles. Outside a guild nobody may.
func (a *LibraryAdmin) IsModerator(in *discordgo.Interaction) bool {
	if in == nil || in.Member == nil || in.GuildID == "" {
		return false
	}
	if in.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range in.Member.Roles {
		if slices.Contains(a.d.ModRoleIDs, r) {
			return true
		}
	}
	return false
}

// errNotModerator is the refusal for everyone else.
var errNotModerator = UserError{Msg: "Only moderators (Manage Server or a moderator role) can manage the library."}

// Handle serves every /library interaction: the commands, their
// autocomplete and their buttons.
func (a *LibraryAdmin) Handle(ctx context.Context, in *discordgo.Interaction) (*Response, error) {
	if !a.IsModerator(in) {
		if in != nil && in.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return &Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult}, nil
		}
		return nil, errNotModerator
	}
	if d, ok := componentData(in); ok {
		return a.button(ctx, in, d.CustomID)
	}
	d, ok := commandData(in)
	if !ok || len(d.Options) == 0 || d.Options[0] == nil {
		return nil, UserError{Msg: "Use one of the /library subcommands."}
	}
	sub := d.Options[0]
	opts := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range sub.Options {
		if o != nil {
			opts[o.Name] = o
		}
	}
	if in.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return a.autocomplete(sub.Name, opts), nil
	}
	var resp *Response
	var err error
	switch sub.Name {
	case "refresh":
		resp, err = a.refresh(ctx, in)
	case "add":
		resp, err = a.add(ctx, in, d, opts)
	case "remove":
		resp, err = a.askRemove(in, str(opts["article"]))
	case "list":
		resp, err = a.list(num(opts["page"]))
	case "show":
		resp, err = a.show(str(opts["article"]), num(opts["page"]), false)
	case "correct":
		resp, err = a.correct(ctx, in, str(opts["quote"]), str(opts["speaker"]), false)
	case "hide":
		resp, err = a.correct(ctx, in, str(opts["quote"]), "", true)
	default:
		return nil, UserError{Msg: "I don't know /library " + Escape(sub.Name) + "."}
	}
	if resp != nil {
		resp.Ephemeral = true
	}
	return resp, err
}

func str(o *discordgo.ApplicationCommandInteractionDataOption) string {
	if o == nil {
		return ""
	}
	s, _ := o.Value.(string)
	return strings.TrimSpace(s)
}

func num(o *discordgo.ApplicationCommandInteractionDataOption) int {
	if o == nil {
		return 1
	}
	switch v := o.Value.(type) {
	case float64:
		return max(1, int(v))
	case int:
		return max(1, v)
	case int64:
		return max(1, int(v))
	case string:
		n, _ := strconv.Atoi(v)
		return max(1, n)
	}
	return 1
}

// who names the moderator for the audit log and front matter.
func who(in *discordgo.Interaction) (name, id string) {
	u := in.User
	if in.Member != nil && in.Member.User != nil {
		u = in.Member.User
	}
	if u == nil {
		return "unknown", ""
	}
	return u.Username, u.ID
}

func (a *LibraryAdmin) audit(ctx context.Context, in *discordgo.Interaction, what, target, detail string) {
	if a.d.Librarian == nil {
		return
	}
	name, id := who(in)
	a.d.Librarian.Audit(ctx, librarian.Action{Who: name, WhoID: id, What: what, Target: target, Detail: detail, At: a.d.Now()})
}

// errBuiltin refuses changes when there is no content folder.
var errBuiltin = UserError{Msg: "This bot serves its built-in library, which cannot be changed. Set CONTENT_DIR to a folder of articles to manage the library."}

func (a *LibraryAdmin) refresh(ctx context.Context, in *discordgo.Interaction) (*Response, error) {
	if a.d.Librarian == nil {
		return nil, errBuiltin
	}
	rep, err := a.d.Librarian.Reload(ctx)
	if err != nil {
		a.audit(ctx, in, "refresh", "", "failed: "+err.Error())
		return &Response{Content: Truncate("**Refresh failed.** "+Escape(err.Error())+skippedNote(rep), MaxContent)}, nil
	}
	a.audit(ctx, in, "refresh", "", rep.String())
	return &Response{Content: Truncate("**Library refreshed:** "+Escape(rep.String()), MaxContent)}, nil
}

func skippedNote(rep librarian.Report) string {
	if len(rep.Skipped) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nSkipped files:")
	for _, f := range rep.Skipped {
		b.WriteString("\n• " + Escape(f.Error()))
	}
	return b.String()
}

// add fetches the article, builds it on its own to show what the library
// would learn from it, and holds it until the moderator confirms.
func (a *LibraryAdmin) add(ctx context.Context, in *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) (*Response, error) {
	if a.d.Librarian == nil {
		return nil, errBuiltin
	}
	if a.d.Fetcher == nil {
		return nil, UserError{Msg: "Adding articles is not available on this bot."}
	}
	fileID, rawURL := str(opts["file"]), str(opts["url"])
	if (fileID == "") == (rawURL == "") {
		return nil, UserError{Msg: "Give either a file (.txt, .md or .html) or a url, not both."}
	}
	var doc fetch.Document
	var err error
	if fileID != "" {
		var att *discordgo.MessageAttachment
		if d.Resolved != nil {
			att = d.Resolved.Attachments[fileID]
		}
		if att == nil {
			return nil, UserError{Msg: "Discord did not send the file; please upload it again."}
		}
		doc, err = a.d.Fetcher.Attachment(ctx, att.URL, att.Filename, att.ContentType, int64(att.Size))
	} else {
		doc, err = a.d.Fetcher.URL(ctx, rawURL)
	}
	if err != nil {
		return nil, fetchError(err)
	}
	name, _ := who(in)
	meta := librarian.Meta{Title: doc.Title, Publisher: doc.Publisher, Published: doc.Published, Author: doc.Byline, URL: doc.URL, AddedBy: name}
	lib, skipped := knowledge.Build([]knowledge.Source{{Name: "preview" + extOf(doc.Name), Data: librarian.Content(meta, []byte(doc.Text))}})
	if lib == nil || len(lib.Articles()) == 0 {
		why := "no article text was found"
		if len(skipped) > 0 {
			why = skipped[0].Reason
		}
		return nil, UserError{Msg: "This cannot be added: " + Escape(why) + "."}
	}
	art := lib.Articles()[0]
	token := a.hold(&pendingAction{user: userID(in), doc: &doc, meta: meta})

	e := &discordgo.MessageEmbed{
		Title:       Escape(firstNonEmpty(doc.Title, art.Title, "(no title)")),
		Description: Escape(excerpt(strings.Split(doc.Text, "\n\n"), 600)),
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Publisher", Value: Escape(firstNonEmpty(doc.Publisher, art.Publisher, "unknown")), Inline: true},
			{Name: "Date", Value: Escape(firstNonEmpty(doc.Published, art.Published, "unknown")), Inline: true},
			{Name: "Quotes", Value: strconv.Itoa(lib.Stats().Quotes), Inline: true},
			{Name: "People", Value: strconv.Itoa(len(lib.People())), Inline: true},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "Nothing is saved until you confirm. This preview expires in " + a.d.PendingTTL.String() + "."},
	}
	if doc.Byline != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "By", Value: Escape(doc.Byline), Inline: true})
	}
	if doc.URL != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Source", Value: Escape(doc.URL)})
	}
	if ps := lib.People(); len(ps) > 0 {
		var names []string
		for _, p := range ps[:min(len(ps), 15)] {
			names = append(names, Escape(p.Name))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "People found", Value: strings.Join(names, ", ")})
	}
	return &Response{
		Content: "**Preview** — add this article to the library?",
		Embeds:  []*discordgo.MessageEmbed{FitEmbed(e)},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Confirm", Style: discordgo.SuccessButton, CustomID: joinID("library", "confirm", token)},
			discordgo.Button{Label: "Cancel", Style: discordgo.SecondaryButton, CustomID: joinID("library", "cancel", token)},
		}}},
	}, nil
}

func extOf(name string) string {
	if strings.HasSuffix(strings.ToLower(name), ".md") {
		return ".md"
	}
	return ".txt"
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func excerpt(paras []string, n int) string {
	var b strings.Builder
	for _, p := range paras {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
		if Len(b.String()) >= n {
			break
		}
	}
	return Truncate(b.String(), n)
}

// fetchError shows a fetch refusal as it is and hides anything else.
func fetchError(err error) error {
	if fetch.KindOf(err) != "" {
		return UserError{Msg: "Cannot add this article: " + Escape(err.Error()) + ". Nothing was changed."}
	}
	return err
}

// hold keeps a pending action and returns its token. Expired ones are
// dropped at the same time, so the map stays small.
func (a *LibraryAdmin) hold(p *pendingAction) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	now := a.d.Now()
	p.expires = now.Add(a.d.PendingTTL)
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, v := range a.pending {
		if now.After(v.expires) {
			delete(a.pending, k)
		}
	}
	a.pending[token] = p
	return token
}

// take removes and returns the pending action named by token, if it has
// not expired and belongs to user.
func (a *LibraryAdmin) take(token, user string) (*pendingAction, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	p, ok := a.pending[token]
	if !ok || a.d.Now().After(p.expires) {
		delete(a.pending, token)
		return nil, UserError{Msg: "This request has expired or was already handled; run the command again."}
	}
	if p.user != user {
		return nil, UserError{Msg: "Only the moderator who started this can confirm it."}
	}
	delete(a.pending, token)
	return p, nil
}

// button handles Confirm, Cancel and paging.
func (a *LibraryAdmin) button(ctx context.Context, in *discordgo.Interaction, customID string) (*Response, error) {
	segs, err := splitID(customID)
	if err != nil || len(segs) < 3 {
		return nil, UserError{Msg: "This button no longer works; run the command again."}
	}
	update := func(r *Response, err error) (*Response, error) {
		if r != nil {
			r.Type = discordgo.InteractionResponseUpdateMessage
			r.Ephemeral = true
			if r.Components == nil {
				r.Components = []discordgo.MessageComponent{} // remove the buttons
			}
			if r.Embeds == nil {
				r.Embeds = []*discordgo.MessageEmbed{}
			}
		}
		return r, err
	}
	switch segs[1] {
	case "confirm":
		p, err := a.take(segs[2], userID(in))
		if err != nil {
			return nil, err
		}
		if p.doc != nil {
			return update(a.confirmAdd(ctx, in, p))
		}
		return update(a.confirmRemove(ctx, in, p))
	case "cancel":
		_, _ = a.take(segs[2], userID(in))
		return update(&Response{Content: "Cancelled; nothing was changed."}, nil)
	case "list":
		n, _ := strconv.Atoi(segs[2])
		return update(a.list(n))
	case "show":
		if len(segs) < 4 {
			return nil, UserError{Msg: "This button no longer works; run the command again."}
		}
		n, _ := strconv.Atoi(segs[3])
		return update(a.show(segs[2], n, true))
	}
	return nil, UserError{Msg: "This button no longer works; run the command again."}
}

func (a *LibraryAdmin) confirmAdd(ctx context.Context, in *discordgo.Interaction, p *pendingAction) (*Response, error) {
	if a.d.Librarian == nil {
		return nil, errBuiltin
	}
	p.meta.AddedAt = a.d.Now()
	file, err := a.d.Librarian.Save(ctx, p.doc.Name, []byte(p.doc.Text), p.meta)
	if err != nil {
		a.audit(ctx, in, "add", p.meta.Title, "refused: "+err.Error())
		return nil, UserError{Msg: "Not saved: " + Escape(err.Error()) + "."}
	}
	rep, err := a.d.Librarian.Reload(ctx)
	a.audit(ctx, in, "add", file, reportOrError(rep, err))
	if err != nil {
		return &Response{Content: Truncate("Saved as `"+strings.ReplaceAll(file, "`", "")+"`, but the refresh failed: "+Escape(err.Error()), MaxContent)}, nil
	}
	return &Response{Content: Truncate("**Added** "+Escape(p.meta.Title)+" as `"+strings.ReplaceAll(file, "`", "")+"`. "+Escape(rep.String()), MaxContent)}, nil
}

func reportOrError(rep librarian.Report, err error) string {
	if err != nil {
		return "refresh failed: " + err.Error()
	}
	return rep.String()
}

// findArticle resolves what a moderator typed or picked: an article ID, or
// a title (exact, then a unique partial match).
func findArticle(lib *knowledge.Library, typed string) (knowledge.Article, error) {
	if typed == "" {
		return knowledge.Article{}, UserError{Msg: "Name an article (pick one from the list)."}
	}
	if a, ok := lib.Article(typed); ok {
		return a, nil
	}
	low := strings.ToLower(typed)
	var partial []knowledge.Article
	for _, a := range lib.Articles() {
		if strings.EqualFold(a.Title, typed) {
			return a, nil
		}
		if strings.Contains(strings.ToLower(a.Title), low) || strings.Contains(strings.ToLower(a.ID), low) {
			partial = append(partial, a)
		}
	}
	if len(partial) == 1 {
		return partial[0], nil
	}
	if len(partial) > 1 {
		return knowledge.Article{}, UserError{Msg: fmt.Sprintf("%d articles match “%s”; pick one from the list.", len(partial), Escape(Truncate(typed, 100)))}
	}
	return knowledge.Article{}, UserError{Msg: fmt.Sprintf("No article matches “%s”. Use /library list to see them.", Escape(Truncate(typed, 100)))}
}

func (a *LibraryAdmin) askRemove(in *discordgo.Interaction, typed string) (*Response, error) {
	if a.d.Librarian == nil {
		return nil, errBuiltin
	}
	art, err := findArticle(a.d.Store.Current(), typed)
	if err != nil {
		return nil, err
	}
	token := a.hold(&pendingAction{user: userID(in), articleID: art.ID})
	return &Response{
		Content: Truncate(fmt.Sprintf("Remove **%s** (`%s`) from the library? The file is kept in the folder's .removed directory.",
			Escape(art.Title), strings.ReplaceAll(art.ID, "`", "")), MaxContent),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Remove", Style: discordgo.DangerButton, CustomID: joinID("library", "confirm", token)},
			discordgo.Button{Label: "Cancel", Style: discordgo.SecondaryButton, CustomID: joinID("library", "cancel", token)},
		}}},
	}, nil
}

func (a *LibraryAdmin) confirmRemove(ctx context.Context, in *discordgo.Interaction, p *pendingAction) (*Response, error) {
	if a.d.Librarian == nil {
		return nil, errBuiltin
	}
	art, err := a.d.Librarian.Remove(ctx, p.articleID)
	if err != nil {
		a.audit(ctx, in, "remove", p.articleID, "refused: "+err.Error())
		return nil, UserError{Msg: "Not removed: " + Escape(err.Error()) + "."}
	}
	rep, err := a.d.Librarian.Reload(ctx)
	a.audit(ctx, in, "remove", art.ID, reportOrError(rep, err))
	if err != nil {
		return &Response{Content: Truncate("Removed the file, but the refresh failed: "+Escape(err.Error()), MaxContent)}, nil
	}
	return &Response{Content: Truncate("**Removed** "+Escape(art.Title)+". "+Escape(rep.String()), MaxContent)}, nil
}

// list shows one page of the articles.
func (a *LibraryAdmin) list(page int) (*Response, error) {
	arts := a.d.Store.Current().Articles()
	pages := max(1, (len(arts)+libraryPageSize-1)/libraryPageSize)
	page = min(max(page, 1), pages)
	var b strings.Builder
	for _, art := range arts[(page-1)*libraryPageSize : min(len(arts), page*libraryPageSize)] {
		line := fmt.Sprintf("• **%s** — `%s`", Escape(Truncate(art.Title, 150)), strings.ReplaceAll(art.ID, "`", ""))
		if meta := strings.Join(nonEmpty(art.Publisher, art.Published), ", "); meta != "" {
			line += " (" + Escape(meta) + ")"
		}
		b.WriteString(Truncate(line, 380) + "\n")
	}
	e := &discordgo.MessageEmbed{
		Title:       "Library: " + plural(len(arts), "article"),
		Description: b.String(),
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d", page, pages)},
	}
	return &Response{Embeds: []*discordgo.MessageEmbed{FitEmbed(e)}, Components: pager(page, pages, func(n int) string {
		return joinID("library", "list", strconv.Itoa(n))
	})}, nil
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// pager returns Previous/Next buttons, or nothing for a single page or when
// an ID would be too long.
func pager(page, pages int, id func(int) string) []discordgo.MessageComponent {
	if pages <= 1 {
		return nil
	}
	prev, next := id(max(page-1, 1)), id(min(page+1, pages))
	if len(prev) > MaxCustomID || len(next) > MaxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prev, Disabled: page <= 1},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: next, Disabled: page >= pages},
	}}}
}

// show lists one article's people and one page of its quotes, so a
// moderator can see what the bot learned from it. A paging button names
// its article by ID (exact): were it matched like typed text, a button of
// a removed article would page through another whose ID contains it.
func (a *LibraryAdmin) show(typed string, page int, exact bool) (*Response, error) {
	lib := a.d.Store.Current()
	var art knowledge.Article
	var err error
	if exact {
		var ok bool
		if art, ok = lib.Article(typed); !ok {
			err = UserError{Msg: "That article is no longer in the library; run /library list."}
		}
	} else {
		art, err = findArticle(lib, typed)
	}
	if err != nil {
		return nil, err
	}
	var quotes []knowledge.Quote
	count := map[string]int{}
	for q := range lib.Quotes() {
		if q.ArticleID == art.ID {
			quotes = append(quotes, q)
			if q.Speaker != "" {
				count[q.Speaker]++
			}
		}
	}
	people := make([]string, 0, len(count))
	for p := range count {
		people = append(people, p)
	}
	sort.Slice(people, func(i, j int) bool {
		if count[people[i]] != count[people[j]] {
			return count[people[i]] > count[people[j]]
		}
		return people[i] < people[j]
	})
	pages := max(1, (len(quotes)+libraryPageSize-1)/libraryPageSize)
	page = min(max(page, 1), pages)

	desc := []string{"`" + strings.ReplaceAll(art.ID, "`", "") + "`"}
	if m := strings.Join(nonEmpty(art.Publisher, art.Published, art.Author), " · "); m != "" {
		desc = append(desc, Escape(Truncate(m, 300)))
	}
	if art.URL != "" {
		desc = append(desc, Escape(Truncate(art.URL, 300)))
	}
	peopleCount := plural(len(people), "person")
	if len(people) != 1 {
		peopleCount = strconv.Itoa(len(people)) + " people"
	}
	desc = append(desc, plural(len(art.Paragraphs), "paragraph")+", "+plural(len(quotes), "quote")+", "+peopleCount)
	e := &discordgo.MessageEmbed{Title: Escape(art.Title), Description: strings.Join(desc, "\n")}
	if len(people) > 0 {
		var ps []string
		for _, p := range people {
			ps = append(ps, fmt.Sprintf("%s (%d)", Escape(p), count[p]))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "People", Value: Truncate(strings.Join(ps, ", "), MaxFieldValue)})
	}
	// Ten long quotes and a full People field pass the 6,000 characters of
	// a whole embed, and FitEmbed would then drop the last quotes of the
	// page without a word; shorten every quote evenly until the page fits.
	head := e.Fields
	pageQuotes := quotes[(page-1)*libraryPageSize : min(len(quotes), page*libraryPageSize)]
	for limit := 400; ; limit -= 40 {
		e.Fields = slices.Clone(head)
		for _, q := range pageQuotes {
			name := firstNonEmpty(q.Speaker, "(unattributed)") + " · " + string(q.Kind) + " · " + q.ID
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: Truncate(Escape(name), 120), Value: Truncate("“"+Escape(q.Text)+"”", limit)})
		}
		if EmbedLen(e) <= MaxEmbedTotal-100 || limit <= 80 {
			break
		}
	}
	if len(quotes) == 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Quotes", Value: "No quotes were found in this article."})
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Quotes page %d of %d", page, pages)}
	return &Response{Embeds: []*discordgo.MessageEmbed{FitEmbed(e)}, Components: pager(page, pages, func(n int) string {
		return joinID("library", "show", art.ID, strconv.Itoa(n))
	})}, nil
}

// findQuote resolves a quote ID picked from autocomplete, or a unique piece
// of quote text typed by hand.
func findQuote(lib *knowledge.Library, typed string) (knowledge.Quote, error) {
	if typed == "" {
		return knowledge.Quote{}, UserError{Msg: "Name a quote (pick one from the list)."}
	}
	if q, ok := lib.Quote(typed); ok {
		return q, nil
	}
	low := strings.Join(strings.Fields(strings.ToLower(typed)), " ")
	var hits []knowledge.Quote
	for q := range lib.Quotes() {
		if strings.Contains(strings.Join(strings.Fields(strings.ToLower(q.Text)), " "), low) {
			hits = append(hits, q)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return knowledge.Quote{}, UserError{Msg: fmt.Sprintf("No quote matches “%s”. Use /library show to see an article's quotes.", Escape(Truncate(typed, 100)))}
	}
	return knowledge.Quote{}, UserError{Msg: fmt.Sprintf("%d quotes match “%s”; pick one from the list.", len(hits), Escape(Truncate(typed, 100)))}
}

// correct stores a new speaker for a quote, or hides it, and reloads.
func (a *LibraryAdmin) correct(ctx context.Context, in *discordgo.Interaction, typed, speaker string, hide bool) (*Response, error) {
	if a.d.Librarian == nil {
		return nil, errBuiltin
	}
	q, err := findQuote(a.d.Store.Current(), typed)
	if err != nil {
		return nil, err
	}
	speaker = strings.Join(strings.Fields(speaker), " ")
	if !hide && speaker == "" {
		return nil, UserError{Msg: "Give the name of the person who really said it."}
	}
	name, _ := who(in)
	c := knowledge.Correction{Match: q.Text, Speaker: speaker, Hide: hide, By: name, At: a.d.Now().UTC().Format(time.RFC3339)}
	what := "correct"
	if hide {
		what = "hide"
	}
	if err := a.d.Librarian.Correct(ctx, q.ArticleID, c); err != nil {
		a.audit(ctx, in, what, q.ID, "refused: "+err.Error())
		if librarian.IsNotFound(err) {
			return nil, UserError{Msg: "That quote's article is no longer in the library."}
		}
		return nil, UserError{Msg: "Not saved: " + Escape(err.Error()) + "."}
	}
	rep, rerr := a.d.Librarian.Reload(ctx)
	detail := fmt.Sprintf("%q → %s", Truncate(q.Text, 200), firstNonEmpty(speaker, "hidden"))
	a.audit(ctx, in, what, q.ID, detail+"; "+reportOrError(rep, rerr))
	msg := fmt.Sprintf("**Saved.** “%s” is now attributed to **%s**.", Escape(Truncate(q.Text, 300)), Escape(speaker))
	if hide {
		msg = fmt.Sprintf("**Hidden.** “%s” will no longer be quoted.", Escape(Truncate(q.Text, 300)))
	}
	if rerr != nil {
		msg += " The correction is stored but the refresh failed: " + Escape(rerr.Error())
	}
	return &Response{Content: Truncate(msg, MaxContent)}, nil
}

// autocomplete offers articles or quotes matching what is typed.
func (a *LibraryAdmin) autocomplete(sub string, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) *Response {
	resp := &Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Choices: []*discordgo.ApplicationCommandOptionChoice{}}
	lib := a.d.Store.Current()
	if lib == nil {
		return resp
	}
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		if o.Focused {
			focused = o
		}
	}
	if focused == nil {
		return resp
	}
	typed := strings.ToLower(strings.TrimSpace(str(focused)))
	add := func(name, value string) bool {
		if len(value) > MaxChoiceValue {
			return true
		}
		resp.Choices = append(resp.Choices, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(name, MaxChoiceName), Value: value})
		return len(resp.Choices) < MaxChoices
	}
	switch focused.Name {
	case "article":
		type scored struct {
			a     knowledge.Article
			score int
		}
		var hits []scored
		for _, art := range lib.Articles() {
			t, id := strings.ToLower(art.Title), strings.ToLower(art.ID)
			s := -1
			switch {
			case typed == "":
				s = 0
			case strings.HasPrefix(t, typed) || strings.HasPrefix(id, typed):
				s = 2
			case strings.Contains(t, typed) || strings.Contains(id, typed):
				s = 1
			}
			if s >= 0 {
				hits = append(hits, scored{art, s})
			}
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
		for _, h := range hits {
			if !add(firstNonEmpty(h.a.Title, h.a.ID)+" ("+h.a.ID+")", h.a.ID) {
				break
			}
		}
	case "quote":
		for q := range lib.Quotes() {
			if typed != "" && !strings.Contains(strings.ToLower(q.Text), typed) && !strings.Contains(strings.ToLower(q.Speaker), typed) {
				continue
			}
			if !add(firstNonEmpty(q.Speaker, "?")+": "+q.Text, q.ID) {
				break
			}
		}
	}
	return resp
}
