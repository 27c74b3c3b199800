package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/knowledge"
)

// chatHelp is printed when chat starts at a terminal.
const chatHelp = `citebot chat: type a question, or /ask QUESTION, /quote NAME [topic: TOPIC],
/complete NAME, /sources, /help, /press BUTTON-ID. Ctrl-D or /quit ends.`

// cmdChat runs the bot's own Router in the terminal, on the built-in
// library or --content DIR, so anyone can see what the bot would answer
// without a Discord token. Each line is a DM to the bot, or a slash command
// turned into the interaction Discord would send; the response is printed
// as plain text.
func cmdChat(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fset := flag.NewFlagSet("chat", flag.ContinueOnError)
	fset.SetOutput(stderr)
	content := fset.String("content", "", "folder of articles (default: CONTENT_DIR, else the built-in library)")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "chat: unexpected argument %q; questions are read from standard input\n", fset.Arg(0))
		return 2
	}
	env, err := config.WithDotEnv(getenv, ".env")
	if err != nil {
		fmt.Fprintln(stderr, "chat:", err)
		return 2
	}
	cfg, err := config.Load(env)
	if err != nil {
		fmt.Fprintln(stderr, "chat:", err)
		return 2
	}
	dir := *content
	if dir == "" {
		dir = cfg.ContentDir
	}
	var lib *knowledge.Library
	var skipped []knowledge.FileError
	if dir != "" {
		lib, skipped, err = knowledge.LoadDir(dir)
	} else {
		lib, skipped, err = knowledge.LoadFS(builtinFS())
	}
	for _, fe := range skipped {
		fmt.Fprintln(stderr, "chat: skipped", fe.Error())
	}
	if err != nil {
		fmt.Fprintln(stderr, "chat: cannot load the library:", err)
		return 1
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: max(cfg.LogLevel, slog.LevelWarn)}))
	router := handlers.New(handlers.Deps{Library: knowledge.NewStore(lib), Logger: logger})

	interactive := isTerminal(stdin)
	if interactive {
		fmt.Fprintln(stderr, chatHelp)
	}
	c := &chat{router: router, out: stdout, log: logger}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for {
		if interactive {
			fmt.Fprint(stdout, "> ")
		}
		if !sc.Scan() {
			break
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if line == "/quit" || line == "/exit" {
			break
		}
		c.handle(line)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(stderr, "chat: reading input:", err)
		return 1
	}
	return 0
}

// isTerminal reports whether r is an interactive terminal, to decide
// whether to prompt.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// chat is one terminal conversation.
type chat struct {
	router *handlers.Router
	out    io.Writer
	log    *slog.Logger
	n      int
	// shown are the last replies with buttons, newest last: /press sends
	// the message its button sits on, as Discord does, because a page
	// button can leave its topic to that message's footer.
	shown []*discordgo.Message
}

// maxShown is how many replies with buttons /press can still find.
const maxShown = 16

// remember keeps a reply with buttons for /press.
func (c *chat) remember(r *handlers.Response) {
	if r == nil || len(r.Components) == 0 {
		return
	}
	m := &discordgo.Message{Embeds: r.Embeds, Components: r.Components, Content: r.Content}
	c.shown = append(c.shown, m)
	if len(c.shown) > maxShown {
		c.shown = c.shown[len(c.shown)-maxShown:]
	}
}

// messageWith returns the newest remembered reply with a button whose
// custom ID is id, or nil.
func (c *chat) messageWith(id string) *discordgo.Message {
	for i := len(c.shown) - 1; i >= 0; i-- {
		for _, row := range c.shown[i].Components {
			ar, ok := row.(discordgo.ActionsRow)
			if !ok {
				continue
			}
			for _, comp := range ar.Components {
				if b, ok := comp.(discordgo.Button); ok && b.CustomID == id {
					return c.shown[i]
				}
			}
		}
	}
	return nil
}

// handle answers one line and prints the reply, recovering a panic the
// way Dispatch would so one bad line does not end the session.
func (c *chat) handle(line string) {
	defer func() {
		if p := recover(); p != nil {
			c.log.Error("handler panicked", "panic", p)
			fmt.Fprint(c.out, "Something went wrong. Please try again.\n\n")
		}
	}()
	ctx := context.Background()
	var resp *handlers.Response
	var err error
	if in := c.interaction(line); in != nil {
		resp, err = c.router.Interaction(ctx, in)
	} else {
		c.n++
		resp, err = c.router.Message(ctx, &discordgo.Message{
			ID: strconv.Itoa(c.n), ChannelID: "terminal", Content: line,
			Author: &discordgo.User{ID: "terminal-user", Username: "you"},
			Type:   discordgo.MessageTypeDefault,
		}, "citebot")
	}
	if err != nil {
		if msg, ok := handlers.IsUserError(err); ok {
			fmt.Fprint(c.out, plainText(msg), "\n\n")
			return
		}
		c.log.Error("handler failed", "err", err)
		fmt.Fprint(c.out, "Something went wrong. Please try again.\n\n")
		return
	}
	if resp == nil {
		return
	}
	c.remember(resp)
	fmt.Fprint(c.out, renderText(resp), "\n")
}

// interaction turns a slash-command line into the interaction Discord
// would send, or returns nil for an ordinary message.
func (c *chat) interaction(line string) *discordgo.Interaction {
	if !strings.HasPrefix(line, "/") {
		return nil
	}
	c.n++
	name, rest, _ := strings.Cut(strings.TrimPrefix(line, "/"), " ")
	rest = strings.TrimSpace(rest)
	in := &discordgo.Interaction{
		ID: strconv.Itoa(c.n), Type: discordgo.InteractionApplicationCommand, ChannelID: "terminal",
		User: &discordgo.User{ID: "terminal-user", Username: "you"},
	}
	str := func(name, v string, focused bool) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v, Focused: focused}
	}
	data := discordgo.ApplicationCommandInteractionData{ID: name, Name: name}
	switch name {
	case "ask":
		data.Options = append(data.Options, str("question", strings.TrimPrefix(rest, "question:"), false))
	case "quote", "complete":
		person, topic := splitTopic(strings.TrimSpace(strings.TrimPrefix(rest, "person:")))
		if name == "complete" {
			in.Type = discordgo.InteractionApplicationCommandAutocomplete
			data.Name = "quote"
			data.Options = append(data.Options, str("person", person, true))
			break
		}
		data.Options = append(data.Options, str("person", person, false))
		if topic != "" {
			data.Options = append(data.Options, str("topic", topic, false))
		}
	case "press", "click":
		in.Type = discordgo.InteractionMessageComponent
		in.Data = discordgo.MessageComponentInteractionData{CustomID: rest, ComponentType: discordgo.ButtonComponent}
		in.Message = c.messageWith(rest)
		return in
	}
	in.Data = data
	return in
}

// splitTopic splits "NAME topic: TOPIC" into its parts.
func splitTopic(s string) (person, topic string) {
	if i := strings.Index(strings.ToLower(s), "topic:"); i >= 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len("topic:"):])
	}
	return s, ""
}

// renderText prints a Response the way a reader would see it in Discord,
// without Markdown: embeds become titled blocks, buttons list the command
// that presses them.
func renderText(r *handlers.Response) string {
	var b strings.Builder
	if r.Ephemeral {
		b.WriteString("(only you can see this)\n")
	}
	if r.Content != "" {
		b.WriteString(plainText(r.Content) + "\n")
	}
	for _, e := range r.Embeds {
		if e == nil {
			continue
		}
		if e.Title != "" {
			t := plainText(e.Title)
			b.WriteString(t + "\n" + strings.Repeat("=", min(utf8.RuneCountInString(t), 72)) + "\n")
		}
		if e.Description != "" {
			b.WriteString(plainText(e.Description) + "\n")
		}
		for _, f := range e.Fields {
			b.WriteString("\n" + plainText(f.Name) + "\n")
			for _, l := range strings.Split(plainText(f.Value), "\n") {
				b.WriteString("  " + l + "\n")
			}
		}
		if e.Footer != nil && e.Footer.Text != "" {
			b.WriteString("\n(" + plainText(e.Footer.Text) + ")\n")
		}
	}
	for _, row := range r.Components {
		ar, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range ar.Components {
			if btn, ok := comp.(discordgo.Button); ok && !btn.Disabled && btn.CustomID != "" {
				b.WriteString(fmt.Sprintf("[%s] /press %s\n", btn.Label, btn.CustomID))
			}
		}
	}
	if r.Type == discordgo.InteractionApplicationCommandAutocompleteResult && len(r.Choices) == 0 {
		b.WriteString("(no suggestions)\n")
	}
	for _, ch := range r.Choices {
		b.WriteString(fmt.Sprintf("- %s\n", ch.Name))
	}
	return b.String()
}

// plainText removes the Markdown the handlers add (bold, italics, code, escapes,
// links, zero-width spaces) so the terminal shows clean text. Links keep
// their address in angle brackets.
func plainText(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && unicode.IsPunct(rs[i+1]) || r == '\\' && i+1 < len(rs) && unicode.IsSymbol(rs[i+1]):
			i++
			b.WriteRune(rs[i])
		case r == '*' || r == '`' || r == '\u200b':
			// bold or italic marker, or mention breaker
		case r == '[':
			// Our own link: [text](url). Literal brackets are escaped.
			end := indexRune(rs, i+1, ']')
			if end > 0 && end+1 < len(rs) && rs[end+1] == '(' {
				close := indexRune(rs, end+2, ')')
				if close > 0 {
					b.WriteString(plainText(string(rs[i+1:end])) + " <" + string(rs[end+2:close]) + ">")
					i = close
					continue
				}
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// indexRune finds r in rs from i, skipping escaped characters.
func indexRune(rs []rune, i int, r rune) int {
	for ; i < len(rs); i++ {
		if rs[i] == '\\' {
			i++
			continue
		}
		if rs[i] == r {
			return i
		}
	}
	return -1
}
