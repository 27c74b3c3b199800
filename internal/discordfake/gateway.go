package discordfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// frame is a gateway payload: op code, data, and for dispatches the
// sequence number and event name.
type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// outFrame is a payload the fake sends.
type outFrame struct {
	Op int     `json:"op"`
	D  any     `json:"d"`
	S  *int64  `json:"s"`
	T  *string `json:"t"`
}

// serveGateway runs one gateway connection: HELLO, then IDENTIFY or RESUME,
// then heartbeats until the connection ends.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	c, err := s.upg.Upgrade(w, r, nil)
	if err != nil {
		s.t.Logf("upgrade: %v", err)
		return
	}
	ws := &wsConn{c: c}
	defer func() {
		s.mu.Lock()
		if s.conn == ws {
			s.conn = nil
		}
		s.cond.Broadcast()
		s.mu.Unlock()
		c.Close()
	}()
	if err := ws.writeJSON(outFrame{Op: 10, D: map[string]any{"heartbeat_interval": s.HeartbeatInterval.Milliseconds()}}); err != nil {
		return
	}
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil {
			_ = c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4002, "Error while decoding payload."))
			return
		}
		switch f.Op {
		case 1: // heartbeat
			s.mu.Lock()
			s.heartbeats++
			s.mu.Unlock()
			if err := ws.writeJSON(outFrame{Op: 11}); err != nil {
				return
			}
		case 2: // identify
			var id Identify
			if err := json.Unmarshal(f.D, &id); err != nil {
				return
			}
			if !s.identify(ws, id) {
				return
			}
		case 6: // resume
			var res Resume
			if err := json.Unmarshal(f.D, &res); err != nil {
				return
			}
			if !s.resume(ws, res) {
				return
			}
		}
	}
}

// identify starts a new session on ws and sends READY.
func (s *Server) identify(ws *wsConn, id Identify) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.identifies = append(s.identifies, id)
	s.sessions++
	s.sessionID = fmt.Sprintf("fake-session-%d", s.sessions)
	s.seq = 0
	s.history = nil
	ready := Payload("ready.json")
	ready["session_id"] = s.sessionID
	ready["resume_gateway_url"] = s.GatewayURL()
	if id.Shard != nil {
		ready["shard"] = []int{id.Shard[0], id.Shard[1]}
	}
	s.seq++
	seq, t := s.seq, "READY"
	defer s.cond.Broadcast()
	if err := ws.writeJSON(outFrame{Op: 0, D: ready, S: &seq, T: &t}); err != nil {
		return false
	}
	s.conn = ws
	return true
}

// resume replays the events the session missed and sends RESUMED, or
// INVALID_SESSION when the session is unknown.
func (s *Server) resume(ws *wsConn, res Resume) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.cond.Broadcast()
	s.resumes = append(s.resumes, res)
	if res.SessionID != s.sessionID || s.sessionID == "" {
		return ws.writeJSON(outFrame{Op: 9, D: false}) == nil
	}
	for _, e := range s.history {
		if e.seq <= res.Seq {
			continue
		}
		seq, t := e.seq, e.typ
		if err := ws.writeJSON(outFrame{Op: 0, D: e.data, S: &seq, T: &t}); err != nil {
			return false
		}
	}
	s.seq++
	seq, t := s.seq, "RESUMED"
	if err := ws.writeJSON(outFrame{Op: 0, D: map[string]any{}, S: &seq, T: &t}); err != nil {
		return false
	}
	s.conn = ws
	return true
}

// Dispatch sends a gateway event (op 0) with the next sequence number. When
// no connection is up the event is kept and replayed on RESUME, as Discord
// does.
func (s *Server) Dispatch(eventType string, data any) int64 {
	raw, err := json.Marshal(data)
	if err != nil {
		s.t.Fatalf("discordfake: marshal %s: %v", eventType, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	e := event{seq: s.seq, typ: eventType, data: raw}
	s.history = append(s.history, e)
	if s.conn != nil {
		seq, t := e.seq, e.typ
		if err := s.conn.writeJSON(outFrame{Op: 0, D: e.data, S: &seq, T: &t}); err != nil {
			s.conn.c.Close()
			s.conn = nil
		}
	}
	return e.seq
}

// DropGateway cuts the gateway connection without a close frame, as a
// network failure would. Events dispatched until the bot resumes are kept
// for replay.
func (s *Server) DropGateway() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.c.UnderlyingConn().Close()
		s.conn = nil
	}
}

// InvalidateSession forgets the session and drops the connection, as when
// Discord cannot resume: the client's RESUME gets INVALID_SESSION (op 9)
// and it must IDENTIFY again. Events sent meanwhile are lost, as on
// Discord.
func (s *Server) InvalidateSession() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessionID = ""
	s.history = nil
	if s.conn != nil {
		s.conn.c.UnderlyingConn().Close()
		s.conn = nil
	}
}

// WaitIdentify waits for the n-th IDENTIFY (counting from 1) with a live
// connection, or fails the test.
func (s *Server) WaitIdentify(timeout time.Duration, n int) {
	s.t.Helper()
	if _, ok := s.waitFor(timeout, func() (Call, bool) { return Call{}, len(s.identifies) >= n && s.conn != nil }); !ok {
		s.t.Fatalf("no IDENTIFY #%d with a live connection within %v", n, timeout)
	}
}

// Connected reports whether a gateway session is live.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn != nil
}

// WaitConnected waits until a gateway session is live, or fails the test.
func (s *Server) WaitConnected(timeout time.Duration) {
	s.t.Helper()
	if _, ok := s.waitFor(timeout, func() (Call, bool) { return Call{}, s.conn != nil }); !ok {
		s.t.Fatalf("gateway not connected within %v", timeout)
	}
}

// WaitResume waits for the n-th RESUME (counting from 1) and returns it.
func (s *Server) WaitResume(timeout time.Duration, n int) Resume {
	s.t.Helper()
	var r Resume
	_, ok := s.waitFor(timeout, func() (Call, bool) {
		if len(s.resumes) >= n && s.conn != nil {
			r = s.resumes[n-1]
			return Call{}, true
		}
		return Call{}, false
	})
	if !ok {
		s.t.Fatalf("no RESUME #%d with a live connection within %v", n, timeout)
	}
	return r
}

// WaitDisconnected waits until no gateway session is live, or fails.
func (s *Server) WaitDisconnected(timeout time.Duration) {
	s.t.Helper()
	if _, ok := s.waitFor(timeout, func() (Call, bool) { return Call{}, s.conn == nil }); !ok {
		s.t.Fatalf("gateway still connected after %v", timeout)
	}
}

// Identifies returns the IDENTIFY payloads received so far.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Resumes returns the RESUME payloads received so far.
func (s *Server) Resumes() []Resume {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Resume(nil), s.resumes...)
}

// Heartbeats counts the heartbeats acknowledged so far.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}
