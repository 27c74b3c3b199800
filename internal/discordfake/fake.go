// Package discordfake is a stand-in for Discord that speaks its REST API and
// gateway (version 9) the way discordgo uses them, so that end-to-end tests
// can run the real bot wiring and assert on the calls it makes instead of
// mocking our own functions.
//
// One httptest server serves both sides: the REST API under /api/v9 and the
// gateway websocket at the root, like wss://gateway.discord.gg. The REST side records every call and can
// be told to fail (429 with Retry-After, or 5xx); the gateway sends HELLO,
// answers IDENTIFY with READY and heartbeats with ACKs, supports RESUME after
// the fake drops the connection, and dispatches events built from payload
// shapes kept under testdata/.
package discordfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Well-known IDs used by the payloads in testdata, so tests can refer to
// them without parsing the templates.
const (
	// AppID is the application ID, which is also the bot user's ID.
	AppID = "1100000000000000001"
	// BotUserID is the bot's user ID.
	BotUserID = AppID
	// GuildID is the guild the payloads come from.
	GuildID = "1100000000000000100"
	// ChannelID is the guild text channel the payloads come from.
	ChannelID = "1100000000000000200"
	// DMChannelID is the DM channel of message_create_dm.json.
	DMChannelID = "1100000000000000250"
	// UserID is the human user who asks.
	UserID = "1100000000000000300"
)

// Call is one REST request the bot made, as the fake received it.
type Call struct {
	// Method and Path are the request's; Path excludes the /api/v9 prefix
	// and the query string.
	Method, Path string
	// Query is the raw query string.
	Query string
	// Route is the pattern that matched, such as
	// "POST /interactions/{id}/{token}/callback", or "" when none did.
	Route string
	// Vars holds the pattern's wildcards, such as "id" and "token".
	Vars map[string]string
	// Header is the request's headers.
	Header http.Header
	// Body is the raw request body.
	Body []byte
	// Status is what the fake answered.
	Status int
	// Response is the body the fake answered with.
	Response []byte
	// At is when the call arrived.
	At time.Time
}

// Decode unmarshals the call's JSON body into v.
func (c Call) Decode(v any) error { return json.Unmarshal(c.Body, v) }

// ErrorCode returns the Discord error code the fake answered with, or 0.
func (c Call) ErrorCode() int {
	var e struct {
		Code int `json:"code"`
	}
	_ = json.Unmarshal(c.Response, &e)
	return e.Code
}

// JSON returns the body decoded into a generic map (nil when the body is
// not a JSON object), for assertions on the exact wire shape.
func (c Call) JSON() map[string]any {
	var m map[string]any
	if json.Unmarshal(c.Body, &m) != nil {
		return nil
	}
	return m
}

// String describes the call for test failure messages.
func (c Call) String() string {
	if c.Status >= 400 {
		return fmt.Sprintf("%s %s -> %d %s %s", c.Method, c.Path, c.Status, c.Response, c.Body)
	}
	return fmt.Sprintf("%s %s -> %d %s", c.Method, c.Path, c.Status, c.Body)
}

// Identify is one IDENTIFY (op 2) the gateway received.
type Identify struct {
	// Token is what the bot authenticated with ("Bot " and the token), so
	// tests can check the configured token reached the gateway.
	Token string `json:"token"`
	// Intents is the intent bit set the bot asked for.
	Intents int `json:"intents"`
	// Shard is [shard_id, shard_count], nil when the bot sent none.
	Shard *[2]int `json:"shard"`
}

// Resume is one RESUME (op 6) the gateway received.
type Resume struct {
	// Token is what the bot authenticated with.
	Token string `json:"token"`
	// SessionID and Seq say which session the bot resumes and the last
	// event it saw, so tests can check nothing is replayed or lost.
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

// fault is an injected failure for the next calls to a route.
type fault struct {
	status     int
	retryAfter time.Duration
	global     bool
	// afterCommit does the request, then answers status anyway, as when
	// Discord stores a message and the answer is lost to a 5xx.
	afterCommit bool
	left        int
}

// event is one dispatched gateway event, kept for RESUME replay.
type event struct {
	seq  int64
	typ  string
	data json.RawMessage
	at   time.Time
}

// Server is the fake Discord. Create it with New; it closes itself when the
// test ends.
type Server struct {
	// HeartbeatInterval is sent in HELLO. It is short so that tests that
	// watch heartbeats run fast.
	HeartbeatInterval time.Duration
	// InteractionDeadline is how long after INTERACTION_CREATE the fake
	// still accepts the first callback, as Discord does (3 s); later
	// callbacks get 404 Unknown interaction.
	InteractionDeadline time.Duration

	t      testing.TB
	srv    *httptest.Server
	mux    *http.ServeMux
	upg    websocket.Upgrader
	mu     sync.Mutex
	cond   *sync.Cond
	calls  []Call
	faults map[string]*fault

	// gateway state
	conn       *wsConn // the connection that completed IDENTIFY/RESUME
	sessionID  string
	sessions   int
	seq        int64
	history    []event
	identifies []Identify
	resumes    []Resume
	heartbeats int

	// interaction state
	nextID     int64
	dispatched map[string]time.Time // interaction ID -> when sent
	kinds      map[string]int       // interaction ID -> interaction type
	acked      map[string]bool      // interaction ID -> callback accepted
	commands   map[string][]json.RawMessage
	messageSeq int64
	// messages holds the channel messages the bot posted and has not
	// deleted ("channel/id" -> when posted), so a delete of a message
	// that does not exist, or no longer does, fails as on Discord.
	messages map[string]time.Time
	// nonces maps "channel/nonce" to the message created with
	// enforce_nonce, so that a second create returns it, as on Discord.
	nonces map[string]nonceMsg
}

// nonceMsg is a message created with enforce_nonce, and when.
type nonceMsg struct {
	msg map[string]any
	at  time.Time
}

// wsConn serialises writes on one websocket.
type wsConn struct {
	mu sync.Mutex
	c  *websocket.Conn
}

func (w *wsConn) writeJSON(v any) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	_ = w.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return w.c.WriteJSON(v)
}

// New starts a fake Discord and registers its shutdown with t.Cleanup.
func New(t testing.TB) *Server {
	s := &Server{
		HeartbeatInterval:   500 * time.Millisecond,
		InteractionDeadline: 3 * time.Second,
		t:                   t,
		mux:                 http.NewServeMux(),
		faults:              map[string]*fault{},
		dispatched:          map[string]time.Time{},
		kinds:               map[string]int{},
		acked:               map[string]bool{},
		commands:            map[string][]json.RawMessage{},
		messages:            map[string]time.Time{},
		nonces:              map[string]nonceMsg{},
		nextID:              1200000000000000000,
	}
	s.cond = sync.NewCond(&s.mu)
	s.routes()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// URL is the base URL to point the bot's REST client at (DISCORD_API_URL).
func (s *Server) URL() string { return s.srv.URL }

// GatewayURL is the websocket address /gateway returns.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway-ws"
}

// Close drops the gateway and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	if s.conn != nil {
		s.conn.c.Close()
		s.conn = nil
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// serve records REST calls, applies faults and hands the request to the
// route table; the websocket endpoint bypasses recording.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if websocket.IsWebSocketUpgrade(r) {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")

	_, route := s.mux.Handler(cloneWithPath(r, path))

	call := Call{Method: r.Method, Path: path, Query: r.URL.RawQuery, Route: route,
		Header: r.Header.Clone(), Body: body, At: time.Now()}

	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if !strings.HasPrefix(r.URL.Path, "/api/v9/") {
		writeError(rec, http.StatusNotFound, 0, "404: Not Found")
	} else if f := s.takeFault(route); f != nil {
		if f.afterCommit {
			s.mux.ServeHTTP(httptest.NewRecorder(), cloneWithPath(r, path))
			writeError(rec, f.status, 0, http.StatusText(f.status))
		} else if f.status == http.StatusTooManyRequests {
			secs := f.retryAfter.Seconds()
			rec.Header().Set("Retry-After", strconv.Itoa(int(secs+0.999)))
			if f.global {
				// Discord's global 429 has no X-RateLimit-Reset-After or
				// bucket headers, only these.
				rec.Header().Set("X-RateLimit-Global", "true")
				rec.Header().Set("X-RateLimit-Scope", "global")
			} else {
				rec.Header().Set("X-RateLimit-Scope", "user")
			}
			rec.Header().Set("Content-Type", "application/json")
			rec.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(rec, `{"message":"You are being rate limited.","retry_after":%g,"global":%t}`, secs, f.global)
		} else {
			writeError(rec, f.status, 0, http.StatusText(f.status))
		}
	} else {
		s.mux.ServeHTTP(rec, cloneWithPath(r, path))
	}
	call.Vars = routeVars(route, path)
	call.Status = rec.status
	call.Response = rec.body.Bytes()
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.cond.Broadcast()
	s.mu.Unlock()
	// Answer only now that the call is recorded, so a client that has its
	// answer finds the call in Calls.
	w.WriteHeader(rec.status)
	_, _ = w.Write(call.Response)
}

// routeVars extracts the {wildcards} of route (such as
// "POST /interactions/{id}/{token}/callback") from path.
func routeVars(route, path string) map[string]string {
	vars := map[string]string{}
	_, pattern, _ := strings.Cut(route, " ")
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(xs) {
		return vars
	}
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			vars[strings.Trim(p, "{}")] = xs[i]
		}
	}
	return vars
}

// cloneWithPath returns r with its path replaced, for routing without the
// API prefix.
func cloneWithPath(r *http.Request, path string) *http.Request {
	r2 := r.Clone(r.Context())
	r2.URL.Path = path
	r2.URL.RawPath = ""
	return r2
}

// statusRecorder holds a route's answer (its headers go straight to the
// real writer's map) until serve has recorded the call.
type statusRecorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *statusRecorder) Write(p []byte) (int, error) { return r.body.Write(p) }

func (r *statusRecorder) WriteHeader(code int) { r.status = code }

// writeError answers with Discord's error body shape.
func writeError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"message":%q,"code":%d}`, msg, code)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// takeFault consumes one injected failure for route, if any.
func (s *Server) takeFault(route string) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[route]
	if f == nil || f.left == 0 {
		return nil
	}
	f.left--
	c := *f
	return &c
}

// RateLimit makes the next n calls to route answer 429 with a Retry-After
// header and a JSON retry_after of d. Route is a pattern as in Call.Route,
// such as "POST /interactions/{id}/{token}/callback".
func (s *Server) RateLimit(route string, n int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = &fault{status: http.StatusTooManyRequests, retryAfter: d, left: n}
}

// GlobalRateLimit makes the next n calls to route answer 429 as Discord
// does when the bot's global limit (50 requests a second across routes) is
// exceeded: X-RateLimit-Global and X-RateLimit-Scope "global", Retry-After
// and a JSON body with "global": true, and none of the bucket headers. The
// fake does not itself refuse other calls during the window; tests check
// the bot held them.
func (s *Server) GlobalRateLimit(route string, n int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = &fault{status: http.StatusTooManyRequests, retryAfter: d, global: true, left: n}
}

// FailNext makes the next n calls to route answer status (such as 500)
// without doing anything.
func (s *Server) FailNext(route string, n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = &fault{status: status, left: n}
}

// FailAfterCommit makes the next n calls to route do what they ask and
// then answer status (such as 500) all the same, as when Discord stores a
// message and the response is lost: a client that simply sends again
// posts a second message.
func (s *Server) FailAfterCommit(route string, n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = &fault{status: status, afterCommit: true, left: n}
}

// ChannelMessages returns how many messages the bot has posted in channel
// and not deleted.
func (s *Server) ChannelMessages(channel string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for key := range s.messages {
		if strings.HasPrefix(key, channel+"/") {
			n++
		}
	}
	return n
}

// Calls returns a copy of every REST call so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// TakeCalls returns every REST call recorded so far and forgets them, so
// that a long run (a load or soak test) holds only the calls it has not
// looked at yet. Calls, CallsTo and the Wait methods no longer see them.
func (s *Server) TakeCalls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.calls
	s.calls = nil
	return out
}

// Forget drops what the fake keeps about events dispatched before t: their
// place in the RESUME replay and the state of their interactions, and the
// channel messages (and their nonces) posted before t. A forgotten interaction answers 404
// Unknown interaction, as one past its deadline does, and a forgotten
// message 404 Unknown Message, so pass a t older than InteractionDeadline
// (and older than any edit, follow-up or delete still expected). With TakeCalls it keeps a long run's
// memory flat.
func (s *Server) Forget(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := 0
	for i < len(s.history) && s.history[i].at.Before(t) {
		i++
	}
	s.history = append([]event(nil), s.history[i:]...)
	for id, at := range s.dispatched {
		if at.Before(t) {
			delete(s.dispatched, id)
			delete(s.acked, id)
			delete(s.kinds, id)
		}
	}
	for key, at := range s.messages {
		if at.Before(t) {
			delete(s.messages, key)
		}
	}
	for key, n := range s.nonces {
		if n.at.Before(t) {
			delete(s.nonces, key)
		}
	}
}

// CallsTo returns the calls whose route is route.
func (s *Server) CallsTo(route string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Route == route {
			out = append(out, c)
		}
	}
	return out
}

// WaitCall waits until a call satisfying match has been recorded and
// returns the first one, or fails the test after timeout.
func (s *Server) WaitCall(timeout time.Duration, what string, match func(Call) bool) Call {
	s.t.Helper()
	c, ok := s.waitFor(timeout, func() (Call, bool) {
		for _, c := range s.calls {
			if match(c) {
				return c, true
			}
		}
		return Call{}, false
	})
	if !ok {
		s.t.Fatalf("no REST call %s within %v; calls:\n%s", what, timeout, s.dump())
	}
	return c
}

// WaitCalls waits until n calls satisfy match and returns them, or fails
// the test after timeout.
func (s *Server) WaitCalls(timeout time.Duration, n int, what string, match func(Call) bool) []Call {
	s.t.Helper()
	var got []Call
	_, ok := s.waitFor(timeout, func() (Call, bool) {
		got = got[:0]
		for _, c := range s.calls {
			if match(c) {
				got = append(got, c)
			}
		}
		return Call{}, len(got) >= n
	})
	if !ok {
		s.t.Fatalf("got %d REST calls %s within %v; want %d", len(got), what, timeout, n)
	}
	return append([]Call(nil), got...)
}

// waitFor evaluates cond under the lock each time something is recorded
// until it holds or timeout passes.
func (s *Server) waitFor(timeout time.Duration, cond func() (Call, bool)) (Call, bool) {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() {
		s.mu.Lock()
		s.cond.Broadcast()
		s.mu.Unlock()
	})
	defer timer.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if c, ok := cond(); ok {
			return c, true
		}
		if !time.Now().Before(deadline) {
			return Call{}, false
		}
		s.cond.Wait()
	}
}

// dump lists the calls for failure messages; the caller holds the lock.
func (s *Server) dump() string {
	var b strings.Builder
	for _, c := range s.calls {
		fmt.Fprintf(&b, "  %s\n", c)
	}
	return b.String()
}

// Commands returns the last command list put to scope ("global" or a
// guild ID) by a bulk overwrite.
func (s *Server) Commands(scope string) []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[scope]
}

// routes installs the REST endpoints the bot uses.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /gateway", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"url": s.GatewayURL()})
	})
	s.mux.HandleFunc("GET /gateway/bot", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"url": s.GatewayURL(), "shards": 1,
			"session_start_limit": map[string]int{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
	})
	s.mux.HandleFunc("GET /users/@me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": BotUserID, "username": "citebot", "discriminator": "0", "bot": true})
	})
	overwrite := func(w http.ResponseWriter, r *http.Request, scope string) {
		var cmds []map[string]any
		if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
			writeError(w, 400, 50109, "The request body contains invalid JSON.")
			return
		}
		var raws []json.RawMessage
		for i, c := range cmds {
			raw, _ := json.Marshal(c)
			raws = append(raws, raw)
			c["id"] = strconv.Itoa(1100000000000001000 + i)
			c["application_id"] = r.PathValue("app")
			c["version"] = "1"
			if scope != "global" {
				c["guild_id"] = scope
			}
		}
		s.mu.Lock()
		s.commands[scope] = raws
		s.mu.Unlock()
		writeJSON(w, 200, cmds)
	}
	s.mux.HandleFunc("PUT /applications/{app}/commands", func(w http.ResponseWriter, r *http.Request) {
		overwrite(w, r, "global")
	})
	s.mux.HandleFunc("PUT /applications/{app}/guilds/{guild}/commands", func(w http.ResponseWriter, r *http.Request) {
		overwrite(w, r, r.PathValue("guild"))
	})
	s.mux.HandleFunc("POST /interactions/{id}/{token}/callback", s.callback)
	s.mux.HandleFunc("PATCH /webhooks/{app}/{token}/messages/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "@original" && !s.isAcked(r.PathValue("token")) {
			writeError(w, 404, 10008, "Unknown Message")
			return
		}
		s.echoMessage(w, r, "")
	})
	s.mux.HandleFunc("DELETE /webhooks/{app}/{token}/messages/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("POST /webhooks/{app}/{token}", func(w http.ResponseWriter, r *http.Request) {
		if !s.isAcked(r.PathValue("token")) {
			writeError(w, 404, 10015, "Unknown Webhook")
			return
		}
		s.echoMessage(w, r, "")
	})
	s.mux.HandleFunc("POST /channels/{channel}/messages", func(w http.ResponseWriter, r *http.Request) {
		s.echoMessage(w, r, r.PathValue("channel"))
	})
	s.mux.HandleFunc("DELETE /channels/{channel}/messages/{id}", func(w http.ResponseWriter, r *http.Request) {
		key := r.PathValue("channel") + "/" + r.PathValue("id")
		s.mu.Lock()
		_, ok := s.messages[key]
		delete(s.messages, key)
		s.mu.Unlock()
		if !ok {
			writeError(w, 404, 10008, "Unknown Message")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// callback accepts the first response to an interaction within the
// deadline, as Discord does, and refuses any second one.
func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body["type"] == nil {
		writeError(w, 400, 50035, "Invalid Form Body")
		return
	}
	if le := checkCallback(body); le != nil {
		writeError(w, 400, le.code, le.msg)
		return
	}
	s.mu.Lock()
	kind, typed := s.kinds[id]
	s.mu.Unlock()
	if typ, _ := body["type"].(float64); typed && !callbackFits(kind, int(typ)) {
		writeError(w, 400, 50035, fmt.Sprintf("Invalid Form Body: type: callback type %d is not valid for an interaction of type %d", int(typ), kind))
		return
	}
	s.mu.Lock()
	sent, known := s.dispatched[id]
	already := s.acked[id]
	late := known && time.Since(sent) > s.InteractionDeadline
	if known && !already && !late {
		s.acked[id] = true
	}
	s.mu.Unlock()
	switch {
	case !known || late:
		writeError(w, 404, 10062, "Unknown interaction")
	case already:
		writeError(w, 400, 40060, "Interaction has already been acknowledged.")
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// callbackFits reports whether Discord accepts a callback of type cb for
// an interaction of type kind: autocomplete takes only its results (8),
// a command cannot update a message (6, 7), and a ping takes only a pong.
func callbackFits(kind, cb int) bool {
	switch kind {
	case 1: // ping
		return cb == 1
	case 2: // application command
		return cb == 4 || cb == 5 || cb == 9
	case 3: // message component
		return cb == 4 || cb == 5 || cb == 6 || cb == 7 || cb == 9
	case 4: // autocomplete
		return cb == 8
	case 5: // modal submit
		return cb == 4 || cb == 5 || cb == 6 || cb == 7
	}
	return true
}

// isAcked reports whether the interaction with this token was answered, so
// that edits and follow-ups before the callback fail as on Discord.
func (s *Server) isAcked(token string) bool {
	id, _, _ := strings.Cut(token, "-")
	id = strings.TrimPrefix(id, "tok")
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.acked[id]
}

// echoMessage answers a message create or edit with a message object built
// from the request, as Discord returns the stored message.
func (s *Server) echoMessage(w http.ResponseWriter, r *http.Request, channel string) {
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		writeError(w, 400, 50109, "The request body contains invalid JSON.")
		return
	}
	if le := checkMessage(m, r.Method == "POST"); le != nil {
		writeError(w, 400, le.code, le.msg)
		return
	}
	// With enforce_nonce, a create whose nonce this channel has seen
	// returns the message made then and makes no new one.
	nonceKey := ""
	if nonce, ok := m["nonce"].(string); ok && nonce != "" && m["enforce_nonce"] == true && r.Method == "POST" && channel != "" {
		nonceKey = channel + "/" + nonce
		s.mu.Lock()
		prev, seen := s.nonces[nonceKey]
		s.mu.Unlock()
		if seen {
			writeJSON(w, 200, prev.msg)
			return
		}
	}
	s.mu.Lock()
	s.messageSeq++
	id := strconv.FormatInt(1300000000000000000+s.messageSeq, 10)
	if r.Method == "POST" && channel != "" {
		s.messages[channel+"/"+id] = time.Now()
	}
	s.mu.Unlock()
	if channel == "" {
		channel = ChannelID
	}
	out := map[string]any{
		"id": id, "channel_id": channel, "type": 0, "tts": false, "pinned": false,
		"mention_everyone": false, "mentions": []any{}, "mention_roles": []any{},
		"attachments": []any{}, "embeds": []any{}, "components": []any{},
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "edited_timestamp": nil, "flags": 0,
		"author": map[string]any{"id": BotUserID, "username": "citebot", "discriminator": "0", "bot": true},
	}
	for _, k := range []string{"content", "embeds", "components", "flags", "message_reference", "nonce"} {
		if v, ok := m[k]; ok && v != nil {
			out[k] = v
		}
	}
	if nonceKey != "" {
		s.mu.Lock()
		s.nonces[nonceKey] = nonceMsg{msg: out, at: time.Now()}
		s.mu.Unlock()
	}
	writeJSON(w, 200, out)
}
