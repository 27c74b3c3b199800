package bot

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRewriteTransport checks every request goes to the base URL with the
// path kept (and prefixed) and the query intact.
func TestRewriteTransport(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.RequestURI())
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	tests := []struct {
		base, in, want string
	}{
		{srv.URL, "https://discord.com/api/v9/gateway", host + " /api/v9/gateway"},
		{srv.URL + "/", "https://discord.com/api/v9/webhooks/1/t/messages/@original?wait=true", host + " /api/v9/webhooks/1/t/messages/@original?wait=true"},
		{srv.URL + "/proxy/", "https://discord.com/api/v9/users/@me", host + " /proxy/api/v9/users/@me"},
	}
	for _, tt := range tests {
		rt, err := NewRewriteTransport(tt.base, nil)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", tt.in, nil)
		resp, err := (&http.Client{Transport: rt}).Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		resp.Body.Close()
		if g := got[len(got)-1]; g != tt.want {
			t.Errorf("%s via %s reached %q; want %q", tt.in, tt.base, g, tt.want)
		}
		if req.URL.Host != "discord.com" {
			t.Errorf("the caller's request was changed: %s", req.URL)
		}
	}
	for _, bad := range []string{"", "127.0.0.1:80", "ftp://x", "http://"} {
		if _, err := NewRewriteTransport(bad, nil); err == nil || !strings.Contains(err.Error(), "DISCORD_API_URL") {
			t.Errorf("NewRewriteTransport(%q) err = %v; want one naming DISCORD_API_URL", bad, err)
		}
	}
}

// TestIDSet checks duplicates are refused and memory stays bounded.
func TestIDSet(t *testing.T) {
	s := newIDSet(3)
	for _, tt := range []struct {
		id   string
		want bool
	}{{"a", true}, {"a", false}, {"b", true}, {"c", true}, {"d", true}, {"b", false}, {"a", true}} {
		if got := s.add(tt.id); got != tt.want {
			t.Errorf("add(%q) = %v; want %v", tt.id, got, tt.want)
		}
	}
	if len(s.ids) != 3 {
		t.Errorf("set holds %d IDs; want at most 3", len(s.ids))
	}
}

// TestHistogram checks buckets are cumulative and sum and count add up.
func TestHistogram(t *testing.T) {
	m := NewMetrics()
	for _, d := range []time.Duration{3 * time.Millisecond, 40 * time.Millisecond, 1500 * time.Millisecond, 20 * time.Second} {
		m.Observe(d)
	}
	var b strings.Builder
	m.Write(&b, Snapshot{})
	for _, want := range []string{
		`citebot_response_seconds_bucket{le="0.005"} 1`,
		`citebot_response_seconds_bucket{le="0.05"} 2`,
		`citebot_response_seconds_bucket{le="2"} 3`,
		`citebot_response_seconds_bucket{le="10"} 3`,
		`citebot_response_seconds_bucket{le="+Inf"} 4`,
		`citebot_response_seconds_count 4`,
		fmt.Sprintf("citebot_response_seconds_sum %g", 0.003+0.04+1.5+20),
		`citebot_library_articles 0`,
		`citebot_gateway_connected 0`,
	} {
		if !strings.Contains(b.String(), want+"\n") {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
}
