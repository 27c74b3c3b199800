package bot

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// globalLimit is the RoundTripper under every REST call the bot makes. It
// holds back requests while Discord's global rate limit is in force.
//
// Why: discordgo v0.29 retries the one request that got a 429, after the
// body's retry_after, but it blocks its other requests only when the 429
// carries X-RateLimit-Reset-After, and Discord's global 429 does not (it
// has X-RateLimit-Global and Retry-After). So every other channel message,
// delete and command registration went out during the window and drew its
// own 429, and 429s count towards the 10,000 invalid requests in 10
// minutes after which Cloudflare bans the bot's address. The bot's
// sessions (the gateway's and the rotating REST ones) share this
// transport, so one global 429 pauses them all.
//
// Interaction callbacks and webhook calls are not bound to the global
// limit (Discord's rate-limit documentation says so) and must answer
// within 3 seconds, so they are never held.
type globalLimit struct {
	next http.RoundTripper
	// onLimit, when set, is told of each global 429 and how long requests
	// are held.
	onLimit func(wait time.Duration)

	mu    sync.Mutex
	until time.Time
}

// newGlobalLimit wraps next (nil means http.DefaultTransport).
func newGlobalLimit(next http.RoundTripper, onLimit func(time.Duration)) *globalLimit {
	if next == nil {
		next = http.DefaultTransport
	}
	return &globalLimit{next: next, onLimit: onLimit}
}

// RoundTrip waits out a global limit in force (or until the request's
// context ends), sends the request and starts a new wait when the answer
// is a global 429.
func (g *globalLimit) RoundTrip(req *http.Request) (*http.Response, error) {
	if !exemptFromGlobal(req.URL.Path) {
		g.mu.Lock()
		wait := time.Until(g.until)
		g.mu.Unlock()
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-req.Context().Done():
				t.Stop()
				return nil, req.Context().Err()
			}
		}
	}
	resp, err := g.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests {
		return resp, err
	}
	if resp.Header.Get("X-RateLimit-Global") == "" && resp.Header.Get("X-RateLimit-Scope") != "global" {
		return resp, err // a route's own limit: discordgo's bucket handles it
	}
	if wait := retryAfterHeader(resp.Header); wait > 0 {
		g.mu.Lock()
		if until := time.Now().Add(wait); until.After(g.until) {
			g.until = until
		}
		g.mu.Unlock()
		if g.onLimit != nil {
			g.onLimit(wait)
		}
	}
	return resp, err
}

// exemptFromGlobal reports whether a request path is an interaction
// callback or an interaction webhook call, which the global limit does
// not cover.
func exemptFromGlobal(path string) bool {
	return strings.Contains(path, "/interactions/") || strings.Contains(path, "/webhooks/")
}

// retryAfterHeader reads Retry-After in seconds (Discord sends whole
// seconds; a fraction is accepted), or 0 when it is missing or malformed.
func retryAfterHeader(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	secs, err := strconv.ParseFloat(v, 64)
	if err != nil || secs <= 0 || secs > 24*3600 {
		return 0
	}
	return time.Duration(secs * float64(time.Second))
}
