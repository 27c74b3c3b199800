package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// RewriteTransport sends every request to Base instead of discord.com,
// keeping the path (prefixed with Base's path, if any) and the query. It is
// how DISCORD_API_URL points the whole session at a REST proxy or a test
// server: discordgo computes its endpoint variables once from discord.com
// when the package starts, so changing them would mean reassigning a dozen
// globals, while a transport moves every call at once.
type RewriteTransport struct {
	// Base is the scheme, host and optional path prefix to send to.
	Base *url.URL
	// Next does the actual round trip; nil means http.DefaultTransport.
	Next http.RoundTripper
}

// NewRewriteTransport parses base (such as "http://127.0.0.1:8081") and
// returns a transport that sends every request there.
func NewRewriteTransport(base string, next http.RoundTripper) (*RewriteTransport, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("DISCORD_API_URL %q: want an http or https base URL such as http://127.0.0.1:8081", base)
	}
	return &RewriteTransport{Base: u, Next: next}, nil
}

// RoundTrip rewrites the request's scheme, host and path prefix and passes
// it on. The original request is not changed, as RoundTripper requires.
func (t *RewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = t.Base.Scheme
	r.URL.Host = t.Base.Host
	r.Host = t.Base.Host
	if p := strings.TrimSuffix(t.Base.Path, "/"); p != "" {
		r.URL.Path = p + r.URL.Path
		if r.URL.RawPath != "" {
			r.URL.RawPath = p + r.URL.RawPath
		}
	}
	next := t.Next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(r)
}
