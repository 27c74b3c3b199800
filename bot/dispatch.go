package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/handlers"
)

// Router is what Dispatch needs from the handlers: it is satisfied by
// *handlers.Router and defined here, where it is used.
type Router interface {
	Interaction(ctx context.Context, in *discordgo.Interaction) (*handlers.Response, error)
	Message(ctx context.Context, m *discordgo.Message, botUserID string) (*handlers.Response, error)
	DeferEphemeral(in *discordgo.Interaction) bool
	Commands() []*discordgo.ApplicationCommand
}

// REST is the part of the Discord REST API that Dispatch sends with;
// *discordgo.Session satisfies it.
type REST interface {
	InteractionRespond(in *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	InteractionResponseEdit(in *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionResponseDelete(in *discordgo.Interaction, options ...discordgo.RequestOption) error
	FollowupMessageCreate(in *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageDelete(channelID, messageID string, options ...discordgo.RequestOption) error
	RequestWithBucketID(method, urlStr string, data any, bucketID string, options ...discordgo.RequestOption) ([]byte, error)
}

// genericError is what a user sees when something failed that they cannot
// fix; the details go to the log only.
const genericError = "Something went wrong while answering. Please try again in a moment."

// timeoutError is shown when a handler did not finish in time.
const timeoutError = "That took too long, sorry. Please try again in a moment."

// Dispatcher is the single place that sends handler responses to Discord.
// It answers within Discord's 3 seconds (deferring when the handler is
// slow), sets AllowedMentions to none on every message, recovers panics,
// turns errors into short ephemeral replies, deletes the transient notes
// that had to be public once their time is up, and logs each failure once.
// Use it by pointer: it keeps the pending deletes.
type Dispatcher struct {
	// Router produces the responses.
	Router Router
	// REST sends them.
	REST REST
	// Logger receives one record per failed event.
	Logger *slog.Logger
	// Metrics is updated for every event; nil disables it.
	Metrics *Metrics
	// DeferAfter is how long to wait for a handler before deferring
	// (default 2 s, leaving a second of Discord's three for the callback).
	DeferAfter time.Duration
	// HandlerTimeout bounds a handler's run (default 30 s).
	HandlerTimeout time.Duration
	// RetryDelay is the pause before retrying a send that failed with a
	// server error (default 250 ms).
	RetryDelay time.Duration
	// RateLimitWait is the longest rate limit a channel message (a reply
	// or a note's delete) waits out (default 10 s). Discord can ask for
	// far longer (a slowmode channel for hours), and a reply that late is
	// out of context, so the reply is given up and logged instead.
	RateLimitWait time.Duration
	// NoteDeleteAfter is how long the error reply to a message in a guild
	// channel stays before it is deleted; zero keeps it. The handlers mark
	// their own notes with Response.DeleteAfter, but an error becomes a
	// reply only here, and it is as much clutter as a note.
	NoteDeleteAfter time.Duration

	notes notes
}

// noMentions is what every message sends as allowed_mentions: an empty
// parse list, so that nothing in an article or a question (@everyone, a
// role, a user) can ping anybody, and replies do not ping their author.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// outcome is a handler's result.
type outcome struct {
	resp  *handlers.Response
	err   error
	panic bool
}

// panicError carries a recovered panic and its stack to the log.
type panicError struct {
	value any
	stack []byte
}

func (p panicError) Error() string { return fmt.Sprintf("handler panic: %v", p.value) }

// run calls h in its own goroutine, recovering a panic into an outcome,
// and delivers the outcome on the returned channel.
func run(h func() (*handlers.Response, error)) <-chan outcome {
	ch := make(chan outcome, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- outcome{err: panicError{value: v, stack: debug.Stack()}, panic: true}
			}
		}()
		r, err := h()
		ch <- outcome{resp: r, err: err}
	}()
	return ch
}

func (d *Dispatcher) deferAfter() time.Duration {
	if d.DeferAfter > 0 {
		return d.DeferAfter
	}
	return 2 * time.Second
}

func (d *Dispatcher) handlerTimeout() time.Duration {
	if d.HandlerTimeout > 0 {
		return d.HandlerTimeout
	}
	return 30 * time.Second
}

// Interaction handles one interaction from start to finish: it runs the
// handler, sends its response (directly, or deferred and then edited) and
// logs once if anything failed. ctx should not be cancelled by shutdown:
// an interaction that was taken is finished.
func (d *Dispatcher) Interaction(ctx context.Context, in *discordgo.Interaction) {
	start := time.Now()
	kind := interactionKind(in)
	if d.Metrics != nil {
		d.Metrics.event(kind)
	}
	hctx, cancel := context.WithTimeout(ctx, d.handlerTimeout())
	defer cancel()
	results := run(func() (*handlers.Response, error) { return d.Router.Interaction(hctx, in) })

	var (
		out      outcome
		deferred bool
		deferEph bool
		sendErr  error
	)
	timer := time.NewTimer(d.deferAfter())
	defer timer.Stop()
	select {
	case out = <-results:
	case <-timer.C:
		// Autocomplete cannot be deferred; it is answered whenever the
		// handler finishes.
		if kind != kindAutocomplete {
			deferred = true
			deferEph = kind != kindComponent && d.Router.DeferEphemeral(in)
			sendErr = d.deferResponse(in, kind, deferEph)
			if sendErr == nil && d.Metrics != nil {
				d.Metrics.Observe(time.Since(start))
			}
		}
		select {
		case out = <-results:
		case <-hctx.Done():
			out = outcome{err: fmt.Errorf("handler did not finish: %w", hctx.Err())}
		}
	}

	resp := out.resp
	switch {
	case out.err != nil:
		resp = errorResponse(in, out.err)
	case kind == kindAutocomplete && (resp == nil || resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult):
		// Discord takes only results for autocomplete; anything else
		// fails the member's option list. No result is an empty list.
		resp = &handlers.Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	case resp == nil:
		resp = &handlers.Response{Content: "Done.", Ephemeral: true}
	}
	resp = fitResponse(resp)
	if sendErr == nil {
		if deferred && kind != kindAutocomplete {
			sendErr = d.finishDeferred(in, kind, deferEph, resp)
		} else {
			sendErr = d.retry(func() error { return d.respond(in, resp) })
			if sendErr == nil && d.Metrics != nil {
				d.Metrics.Observe(time.Since(start))
			}
		}
	}
	if d.Metrics != nil && isQuestion(in) && out.err == nil {
		d.Metrics.Question(isAbstention(resp))
	}
	d.logOutcome("interaction", []any{"id", in.ID, "kind", kindNames[kind], "route", routeOf(in), "deferred", deferred,
		"duration", time.Since(start).Round(time.Millisecond)}, out, sendErr)
}

// deferResponse acknowledges a slow interaction: "thinking…" for commands
// (ephemeral when the reply will be), a silent acknowledgement for
// components.
func (d *Dispatcher) deferResponse(in *discordgo.Interaction, kind int, ephemeral bool) error {
	r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions()}}
	if kind == kindComponent {
		r.Type = discordgo.InteractionResponseDeferredMessageUpdate
	}
	if ephemeral {
		r.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return d.retry(func() error { return d.REST.InteractionRespond(in, r) })
}

// finishDeferred delivers the response to a deferred interaction: it edits
// the original message when that fits, and otherwise sends a follow-up
// (an ephemeral reply to a public deferral, or a new message from a
// button).
func (d *Dispatcher) finishDeferred(in *discordgo.Interaction, kind int, deferEph bool, resp *handlers.Response) error {
	edit := func() error {
		_, err := d.REST.InteractionResponseEdit(in, webhookEdit(resp))
		return err
	}
	followup := func() error {
		p := &discordgo.WebhookParams{Content: resp.Content, Embeds: resp.Embeds, Components: resp.Components,
			AllowedMentions: noMentions()}
		if resp.Ephemeral {
			p.Flags = discordgo.MessageFlagsEphemeral
		}
		_, err := d.REST.FollowupMessageCreate(in, true, p)
		return err
	}
	switch {
	case kind == kindComponent && resp.Type == discordgo.InteractionResponseUpdateMessage:
		return d.retry(edit)
	case kind == kindComponent:
		return d.retry(followup)
	case resp.Ephemeral && !deferEph:
		// A public "thinking…" cannot become private: say it privately
		// and remove the public placeholder.
		if err := d.retry(followup); err != nil {
			return err
		}
		return d.retry(func() error { return d.REST.InteractionResponseDelete(in) })
	default:
		return d.retry(edit)
	}
}

// Message handles one channel message or DM: it asks the router whether
// and how to answer, and sends the reply (referencing the message when the
// response asks for it, as mention replies do). A reply with DeleteAfter
// is deleted once that time has passed (see FlushNotes for shutdown).
func (d *Dispatcher) Message(ctx context.Context, m *discordgo.Message, botUserID string) {
	start := time.Now()
	hctx, cancel := context.WithTimeout(ctx, d.handlerTimeout())
	defer cancel()
	var out outcome
	select {
	case out = <-run(func() (*handlers.Response, error) { return d.Router.Message(hctx, m, botUserID) }):
	case <-hctx.Done():
		out = outcome{err: fmt.Errorf("handler did not finish: %w", hctx.Err())}
	}
	if out.resp == nil && out.err == nil {
		return // not for us
	}
	if d.Metrics != nil {
		d.Metrics.event(kindMessage)
	}
	resp := out.resp
	if out.err != nil {
		resp = errorResponse(nil, out.err)
		resp.Reply = true
		if m.GuildID != "" {
			resp.DeleteAfter = d.NoteDeleteAfter
		}
	}
	resp = fitResponse(resp)
	send := &discordgo.MessageSend{Content: resp.Content, Embeds: resp.Embeds, Components: resp.Components,
		AllowedMentions: noMentions()}
	if resp.Reply {
		no := false
		send.Reference = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID,
			FailIfNotExists: &no}
	}
	var sent *discordgo.Message
	sendErr := d.retry(func() error {
		var err error
		sent, err = d.REST.ChannelMessageSendComplex(m.ChannelID, send, withNonce(m.ID), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if sendErr == nil && d.Metrics != nil {
		d.Metrics.Observe(time.Since(start))
	}
	if sendErr == nil && resp.DeleteAfter > 0 && sent != nil && sent.ID != "" {
		channel, id := m.ChannelID, sent.ID
		d.notes.schedule(resp.DeleteAfter, func() { d.deleteNote(channel, id) })
	}
	if d.Metrics != nil && out.err == nil {
		d.Metrics.Question(isAbstention(resp))
	}
	d.logOutcome("message", []any{"id", m.ID, "channel", m.ChannelID, "duration", time.Since(start).Round(time.Millisecond)},
		out, sendErr)
}

// withNonce makes a message create idempotent: it adds nonce (the ID of
// the message being answered) and enforce_nonce to the JSON body, so that
// when a create is sent again, by retry after a 500 or by discordgo itself
// after a 502, Discord returns the message the first attempt made instead
// of posting the answer twice. (A 5xx can come after Discord has stored
// the message.) discordgo v0.29's MessageSend has no nonce field, hence a
// request option; it runs again on each of discordgo's own retries. A
// body it cannot read is left as it is.
func withNonce(nonce string) discordgo.RequestOption {
	return func(cfg *discordgo.RequestConfig) {
		req := cfg.Request
		if req == nil || req.Body == nil || nonce == "" || len(nonce) > 25 {
			return
		}
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		set := func(b []byte) {
			req.Body = io.NopCloser(bytes.NewReader(b))
			req.ContentLength = int64(len(b))
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		}
		trimmed := bytes.TrimSpace(body)
		if err != nil || !json.Valid(trimmed) || len(trimmed) < 2 || trimmed[0] != '{' {
			set(body)
			return
		}
		quoted, _ := json.Marshal(nonce)
		out := append([]byte{}, trimmed[:len(trimmed)-1]...)
		if len(bytes.TrimSpace(out)) > 1 {
			out = append(out, ',')
		}
		out = append(out, `"nonce":`...)
		out = append(out, quoted...)
		out = append(out, `,"enforce_nonce":true}`...)
		set(out)
	}
}

// logOutcome writes the one log record of a failed event (debug for a
// success or a user mistake) and counts errors.
func (d *Dispatcher) logOutcome(what string, attrs []any, out outcome, sendErr error) {
	var pe panicError
	isPanic := errors.As(out.err, &pe)
	_, userErr := handlers.IsUserError(out.err)
	switch {
	case out.err != nil && !userErr:
		if d.Metrics != nil {
			d.Metrics.Error(isPanic)
		}
		attrs = append(attrs, "err", redactErr(out.err))
		if isPanic {
			attrs = append(attrs, "stack", string(pe.stack))
		}
		if sendErr != nil {
			attrs = append(attrs, "send_err", redactErr(sendErr))
		}
		d.logger().Error(what+" failed", attrs...)
	case sendErr != nil:
		if d.Metrics != nil {
			d.Metrics.Error(false)
		}
		d.logger().Error(what+" reply not delivered", append(attrs, "err", redactErr(sendErr))...)
	default:
		if userErr {
			attrs = append(attrs, "user_error", out.err.Error())
		}
		d.logger().Debug(what+" handled", attrs...)
	}
}

// interactionTokenRE finds the interaction token in a callback or webhook
// URL (/interactions/<id>/<token>/callback, /webhooks/<app>/<token>/...).
var interactionTokenRE = regexp.MustCompile(`(/(?:interactions|webhooks)/[0-9]+/)[^/?"\s]+`)

// redactErr is err's message for the log with any interaction token
// replaced. A transport failure in discordgo is a *url.Error whose message
// repeats the request URL, and for interactions that URL carries the token
// that lets anyone answer or edit the reply for 15 minutes.
func redactErr(err error) string {
	return interactionTokenRE.ReplaceAllString(err.Error(), "${1}[redacted]")
}

func (d *Dispatcher) logger() *slog.Logger {
	if d.Logger != nil {
		return d.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// retry runs send, and again after a pause if Discord answered with a
// server error (discordgo itself retries 502s, but not 500 or 503), or
// with a 429 that send asked discordgo not to wait out
// (WithRetryOnRatelimit(false)): that is waited out here when it is no
// longer than RateLimitWait, and otherwise returned. (discordgo waits out
// every 429 itself, however long.) It gives up after three attempts. A
// second attempt that finds the interaction already acknowledged means the
// first one went through.
func (d *Dispatcher) retry(send func() error) error {
	delay := d.RetryDelay
	if delay <= 0 {
		delay = 250 * time.Millisecond
	}
	maxWait := d.RateLimitWait
	if maxWait <= 0 {
		maxWait = 10 * time.Second
	}
	var err error
	pause := time.Duration(0)
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 {
			time.Sleep(pause)
		}
		pause = delay
		err = send()
		var re *discordgo.RESTError
		var rl *discordgo.RateLimitError
		if err == nil {
			return nil
		}
		if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
			if d.Metrics != nil {
				d.Metrics.rateLimited()
			}
			if rl.RetryAfter > maxWait {
				return fmt.Errorf("rate limited for %v, longer than the %v a reply may wait: %w", rl.RetryAfter, maxWait, err)
			}
			d.logger().Info("rate limited by Discord; retrying", "retry_after", rl.RetryAfter)
			pause = rl.RetryAfter
			continue
		}
		if !errors.As(err, &re) || re.Response == nil {
			return err
		}
		if attempt > 0 && re.Message != nil && re.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
			return nil
		}
		if re.Response.StatusCode < http.StatusInternalServerError {
			return err
		}
	}
	return err
}

// errorResponse turns a handler error into what the user sees: a user
// error's own message or a generic one, always ephemeral; an empty choice
// list for autocomplete.
func errorResponse(in *discordgo.Interaction, err error) *handlers.Response {
	if in != nil && in.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &handlers.Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	}
	msg, ok := handlers.IsUserError(err)
	if !ok {
		msg = genericError
		if errors.Is(err, context.DeadlineExceeded) {
			msg = timeoutError
		}
	}
	return &handlers.Response{Content: msg, Ephemeral: true}
}

// fitResponse brings a response within Discord's limits before it is sent.
// Handlers already keep their cards within them, but some text reaches a
// reply unmeasured (a UserError echoing a long URL or file name, an error
// from the content folder), and Discord answers an oversized body with 400,
// so the user would get no reply at all. Over-long text is cut with an
// ellipsis, surplus embeds, fields, rows, buttons and choices are dropped,
// and a message left with nothing to show says so. It changes resp in place
// and returns it.
func fitResponse(resp *handlers.Response) *handlers.Response {
	if resp == nil {
		return nil
	}
	switch resp.Type {
	case discordgo.InteractionResponsePong:
		return resp
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if len(resp.Choices) > handlers.MaxChoices {
			resp.Choices = resp.Choices[:handlers.MaxChoices]
		}
		for _, c := range resp.Choices {
			if c == nil {
				continue
			}
			c.Name = handlers.Truncate(c.Name, handlers.MaxChoiceName)
			if v, ok := c.Value.(string); ok {
				c.Value = handlers.Cut(v, handlers.MaxChoiceValue)
			}
		}
		return resp
	}
	resp.Content = handlers.Truncate(resp.Content, handlers.MaxContent)
	if len(resp.Embeds) > handlers.MaxEmbeds {
		resp.Embeds = resp.Embeds[:handlers.MaxEmbeds]
	}
	total := 0
	for i, e := range resp.Embeds {
		handlers.FitEmbed(e)
		if total += handlers.EmbedLen(e); total > handlers.MaxEmbedTotal && i > 0 {
			resp.Embeds = resp.Embeds[:i]
			break
		}
	}
	if len(resp.Components) > handlers.MaxRows {
		resp.Components = resp.Components[:handlers.MaxRows]
	}
	for i, c := range resp.Components {
		if row, ok := c.(discordgo.ActionsRow); ok && len(row.Components) > handlers.MaxButtonsPerRow {
			row.Components = row.Components[:handlers.MaxButtonsPerRow]
			resp.Components[i] = row
		}
	}
	if strings.TrimSpace(resp.Content) == "" && len(resp.Embeds) == 0 && len(resp.Components) == 0 &&
		resp.Type != discordgo.InteractionResponseUpdateMessage {
		resp.Content = "Done."
	}
	return resp
}

// respond sends resp as the interaction's callback. Autocomplete results
// are sent by hand because discordgo drops an empty choices list
// (omitempty), and Discord requires the field: an empty list is how the
// client shows "no matches".
func (d *Dispatcher) respond(in *discordgo.Interaction, resp *handlers.Response) error {
	r := interactionResponse(resp)
	if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		return d.REST.InteractionRespond(in, r)
	}
	var body struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		} `json:"data"`
	}
	body.Type = r.Type
	body.Data.Choices = r.Data.Choices
	_, err := d.REST.RequestWithBucketID("POST", discordgo.EndpointInteractionResponse(in.ID, in.Token), body,
		discordgo.EndpointInteractionResponse(in.ID, ""))
	return err
}

// interactionResponse builds the callback for resp. Every message-bearing
// callback carries AllowedMentions none.
func interactionResponse(resp *handlers.Response) *discordgo.InteractionResponse {
	typ := resp.Type
	if typ == 0 {
		typ = discordgo.InteractionResponseChannelMessageWithSource
	}
	r := &discordgo.InteractionResponse{Type: typ}
	switch typ {
	case discordgo.InteractionResponsePong:
		return r
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		choices := resp.Choices
		if choices == nil {
			choices = []*discordgo.ApplicationCommandOptionChoice{}
		}
		if len(choices) > 25 {
			choices = choices[:25]
		}
		r.Data = &discordgo.InteractionResponseData{Choices: choices, AllowedMentions: noMentions()}
		return r
	}
	r.Data = &discordgo.InteractionResponseData{Content: resp.Content, Embeds: resp.Embeds,
		Components: resp.Components, AllowedMentions: noMentions()}
	if resp.Ephemeral {
		r.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return r
}

// webhookEdit builds the edit of a deferred response.
func webhookEdit(resp *handlers.Response) *discordgo.WebhookEdit {
	content := resp.Content
	embeds := resp.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	comps := resp.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: noMentions()}
}

// interactionKind classifies in for metrics and for how to defer it.
func interactionKind(in *discordgo.Interaction) int {
	switch in.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return kindAutocomplete
	case discordgo.InteractionMessageComponent:
		return kindComponent
	case discordgo.InteractionModalSubmit:
		return kindModal
	}
	return kindCommand
}

// routeOf names an interaction for the log: the command name or the
// custom ID.
func routeOf(in *discordgo.Interaction) string {
	switch d := in.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return "/" + d.Name
	case discordgo.MessageComponentInteractionData:
		return d.CustomID
	case discordgo.ModalSubmitInteractionData:
		return d.CustomID
	}
	return ""
}

// isQuestion reports whether in is an /ask.
func isQuestion(in *discordgo.Interaction) bool {
	d, ok := in.Data.(discordgo.ApplicationCommandInteractionData)
	return ok && in.Type == discordgo.InteractionApplicationCommand && d.Name == "ask"
}

// isAbstention reports whether the reply to a question is the library's
// "no passage" answer: a public reply without an answer card. (Ephemeral
// replies are cooldowns and malformed questions, not abstentions.)
func isAbstention(resp *handlers.Response) bool {
	return resp != nil && !resp.Ephemeral && len(resp.Embeds) == 0
}
