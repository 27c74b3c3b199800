package bot

import (
	"sync"

	"github.com/bwmarrin/discordgo"
)

// rotateEvery is how many interaction calls go through one rate limiter
// before a fresh one takes over.
const rotateEvery = 2048

// rotatingREST is the REST that Dispatch sends with. Channel messages go
// through the bot's own session; interaction callbacks, edits and
// follow-ups go through a REST-only session that is replaced every
// rotateEvery calls.
//
// Why: discordgo v0.29 keys a rate-limit bucket by the full endpoint of an
// interaction (POST /interactions/{id}/{token}/callback,
// /webhooks/{app}/{token}) and never deletes a bucket, so one bucket (about
// 300 bytes) stays in memory for every interaction the bot ever answered:
// the memory soak grew by about 7 MB a minute at 500 events per second.
// Those buckets are useless once the interaction is answered (each token is
// used a handful of times, and interaction endpoints are not bound to the
// global rate limit), so dropping the whole limiter now and then keeps
// memory flat and loses nothing that matters. A session that is replaced
// finishes the calls already using it and is then collected.
type rotatingREST struct {
	*discordgo.Session // channel messages and everything not overridden

	fresh func() *discordgo.Session
	every int

	mu   sync.Mutex
	cur  *discordgo.Session
	uses int
}

// newRotatingREST returns a REST over main; fresh makes the REST-only
// sessions for interactions.
func newRotatingREST(main *discordgo.Session, every int, fresh func() *discordgo.Session) *rotatingREST {
	return &rotatingREST{Session: main, fresh: fresh, every: every, cur: fresh()}
}

// interactions returns the session for the next interaction call.
func (r *rotatingREST) interactions() *discordgo.Session {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.uses >= r.every {
		r.cur = r.fresh()
		r.uses = 0
	}
	r.uses++
	return r.cur
}

// InteractionRespond sends an interaction's callback.
func (r *rotatingREST) InteractionRespond(in *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error {
	return r.interactions().InteractionRespond(in, resp, options...)
}

// InteractionResponseEdit edits a deferred or sent response.
func (r *rotatingREST) InteractionResponseEdit(in *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error) {
	return r.interactions().InteractionResponseEdit(in, edit, options...)
}

// InteractionResponseDelete removes a response.
func (r *rotatingREST) InteractionResponseDelete(in *discordgo.Interaction, options ...discordgo.RequestOption) error {
	return r.interactions().InteractionResponseDelete(in, options...)
}

// FollowupMessageCreate sends a follow-up message to an interaction.
func (r *rotatingREST) FollowupMessageCreate(in *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error) {
	return r.interactions().FollowupMessageCreate(in, wait, data, options...)
}

// RequestWithBucketID is used for autocomplete callbacks, whose bucket is
// per interaction too.
func (r *rotatingREST) RequestWithBucketID(method, urlStr string, data any, bucketID string, options ...discordgo.RequestOption) ([]byte, error) {
	return r.interactions().RequestWithBucketID(method, urlStr, data, bucketID, options...)
}
