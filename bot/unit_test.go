package bot

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
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

// TestRotatingREST checks interaction calls move to a fresh REST session
// (and so a fresh rate limiter) every `every` calls, while everything else
// stays on the main session.
func TestRotatingREST(t *testing.T) {
	main, _ := discordgo.New("Bot x")
	made := 0
	r := newRotatingREST(main, 3, func() *discordgo.Session {
		made++
		s, _ := discordgo.New("Bot x")
		return s
	})
	var got []*discordgo.Session
	for range 7 {
		got = append(got, r.interactions())
	}
	if made != 3 {
		t.Errorf("7 calls at 3 per session made %d sessions; want 3", made)
	}
	for i := range got {
		same := got[i] == got[i/3*3]
		if !same {
			t.Errorf("call %d used another session than call %d; want the same within a group of 3", i, i/3*3)
		}
		if i%3 == 0 && i > 0 && got[i] == got[i-1] {
			t.Errorf("call %d reused the session of call %d; want a fresh one every 3 calls", i, i-1)
		}
		if got[i] == main || got[i].Ratelimiter == main.Ratelimiter {
			t.Errorf("call %d used the main session's rate limiter", i)
		}
	}
	if r.Session != main {
		t.Errorf("channel messages do not use the main session")
	}
}

// noContent answers every request with 204, in process, so a test can make
// thousands of REST calls quickly.
type noContent struct{}

func (noContent) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusNoContent, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
}

// TestInteractionCallsKeepMemoryFlat answers 10,000 interactions through
// Dispatch's REST and checks the live heap does not keep a trace of each:
// discordgo keeps a rate-limit bucket per interaction token forever, which
// made the 10-minute soak grow by megabytes a minute until rotatingREST.
func TestInteractionCallsKeepMemoryFlat(t *testing.T) {
	const n = 10000
	session := func() *discordgo.Session {
		s, _ := discordgo.New("Bot x")
		s.Client = &http.Client{Transport: noContent{}}
		s.LogLevel = -1
		return s
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// A real interaction token is about 200 characters.
	token := strings.Repeat("aW50ZXJhY3Rpb246", 12)
	respond := func(r REST) uint64 {
		before := heap()
		for i := range n {
			in := &discordgo.Interaction{ID: fmt.Sprint(1200000000000000000 + i), Token: token + fmt.Sprint(i)}
			if err := r.InteractionRespond(in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "ok"}}); err != nil {
				t.Fatalf("respond: %v", err)
			}
		}
		after := heap()
		runtime.KeepAlive(r)
		if after < before {
			return 0
		}
		return after - before
	}
	plain := respond(session())
	rotating := respond(newRotatingREST(session(), rotateEvery, session))
	t.Logf("live heap kept after %d interaction callbacks: %d KB through one discordgo session, %d KB through rotatingREST",
		n, plain>>10, rotating>>10)
	// One limiter's worth of buckets (rotateEvery of them, under 1 MB) may
	// stay; a bucket per callback (about 4.5 MB) may not.
	const limit = 2 << 20
	if rotating > limit {
		t.Errorf("rotatingREST kept %d KB after %d callbacks; want at most %d KB", rotating>>10, n, limit>>10)
	}
}

// TestWithNonce checks the nonce option adds nonce and enforce_nonce to a
// JSON object body, keeps the rest, and leaves other bodies alone.
func TestWithNonce(t *testing.T) {
	tests := []struct{ body, nonce, want string }{
		{`{"content":"hi"}`, "123", `{"content":"hi","nonce":"123","enforce_nonce":true}`},
		{`{}`, "123", `{"nonce":"123","enforce_nonce":true}`},
		{`{"content":"hi"}` + "\n", "123", `{"content":"hi","nonce":"123","enforce_nonce":true}`},
		{`not json`, "123", `not json`},
		{`{"content":"hi"}`, "", `{"content":"hi"}`},
		{`{"content":"hi"}`, strings.Repeat("9", 26), `{"content":"hi"}`}, // Discord allows 25
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("POST", "https://discord.com/api/v9/channels/1/messages", strings.NewReader(tt.body))
		withNonce(tt.nonce)(&discordgo.RequestConfig{Request: req})
		got, _ := io.ReadAll(req.Body)
		if string(got) != tt.want || req.ContentLength != int64(len(tt.want)) {
			t.Errorf("body %q with nonce %q: got %q (length %d); want %q", tt.body, tt.nonce, got, req.ContentLength, tt.want)
		}
		if req.GetBody != nil {
			again, _ := req.GetBody()
			b, _ := io.ReadAll(again)
			if string(b) != tt.want {
				t.Errorf("body %q: GetBody gives %q; want %q", tt.body, b, tt.want)
			}
		}
	}
}
