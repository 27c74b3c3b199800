package discordfake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestLimits checks the fake refuses what Discord refuses, so e2e tests
// catch a handler that breaks a limit.
func TestLimits(t *testing.T) {
	f := New(t)
	button := func(id string) map[string]any {
		return map[string]any{"type": 1, "components": []any{map[string]any{"type": 2, "style": 2, "label": "Next", "custom_id": id}}}
	}
	choices := func(n int) []any {
		var out []any
		for i := 0; i < n; i++ {
			out = append(out, map[string]any{"name": "Person", "value": "Person"})
		}
		return out
	}
	tests := []struct {
		name     string
		path     string
		body     map[string]any
		wantCode int // Discord error code, 0 for success
	}{
		{"plain message", "/channels/1/messages", map[string]any{"content": "hi"}, 0},
		{"2000 characters", "/channels/1/messages", map[string]any{"content": strings.Repeat("é", 2000)}, 0},
		{"2001 characters", "/channels/1/messages", map[string]any{"content": strings.Repeat("a", 2001)}, 50035},
		{"empty message", "/channels/1/messages", map[string]any{"content": ""}, 50006},
		{"long description", "/channels/1/messages", map[string]any{"embeds": []any{map[string]any{"description": strings.Repeat("a", 4097)}}}, 50035},
		{"embed over 6000", "/channels/1/messages", map[string]any{"embeds": []any{map[string]any{
			"description": strings.Repeat("a", 4000),
			"fields": []any{
				map[string]any{"name": "x", "value": strings.Repeat("b", 1024)},
				map[string]any{"name": "y", "value": strings.Repeat("b", 1024)},
			}}}}, 50035},
		{"two embeds over 6000 together", "/channels/1/messages", map[string]any{"embeds": []any{
			map[string]any{"description": strings.Repeat("a", 3500)},
			map[string]any{"description": strings.Repeat("b", 3500)},
		}}, 50035},
		{"two embeds within 6000 together", "/channels/1/messages", map[string]any{"embeds": []any{
			map[string]any{"description": strings.Repeat("a", 3000)},
			map[string]any{"description": strings.Repeat("b", 3000)},
		}}, 0},
		{"long custom ID", "/channels/1/messages", map[string]any{"components": []any{button(strings.Repeat("q", 101))}}, 50035},
		{"button row", "/channels/1/messages", map[string]any{"components": []any{button("quote/page/x/2")}}, 0},
		{"26 choices", "/interactions/9/tok9-x/callback", map[string]any{"type": 8, "data": map[string]any{"choices": choices(26)}}, 50035},
		{"no choices field", "/interactions/9/tok9-x/callback", map[string]any{"type": 8, "data": map[string]any{}}, 50035},
		{"25 choices, unknown interaction", "/interactions/9/tok9-x/callback", map[string]any{"type": 8, "data": map[string]any{"choices": choices(25)}}, 10062},
	}
	for _, tt := range tests {
		status, code := post(t, f.URL()+"/api/v9"+tt.path, tt.body)
		if code != tt.wantCode {
			t.Errorf("%s: got status %d code %d; want code %d", tt.name, status, code, tt.wantCode)
		}
	}
}

// post sends body as JSON and returns the status and Discord error code
// (0 when none) of the answer itself. (The fake records a call after it
// has answered, so the last recorded call may not be this one yet.)
func post(t *testing.T, url string, body map[string]any) (status, code int) {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct {
		Code int `json:"code"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, e.Code
}

// TestCallbackTypeMustFitInteraction checks the fake refuses, as Discord
// does, a callback whose type the interaction cannot take: a message for an
// autocomplete, results or a message update for a command.
func TestCallbackTypeMustFitInteraction(t *testing.T) {
	f := New(t)
	tests := []struct {
		name     string
		payload  map[string]any
		callback map[string]any
		wantCode int // Discord error code, 0 for success
	}{
		{"autocomplete answered with a message", AutocompletePayload("quote"),
			map[string]any{"type": 4, "data": map[string]any{"content": "Done."}}, 50035},
		{"autocomplete answered with results", AutocompletePayload("quote"),
			map[string]any{"type": 8, "data": map[string]any{"choices": []any{}}}, 0},
		{"command answered with results", CommandPayload("ask"),
			map[string]any{"type": 8, "data": map[string]any{"choices": []any{}}}, 50035},
		{"command answered with an update", CommandPayload("ask"),
			map[string]any{"type": 7, "data": map[string]any{"content": "x"}}, 50035},
		{"command answered with a message", CommandPayload("ask"),
			map[string]any{"type": 4, "data": map[string]any{"content": "x"}}, 0},
		{"button answered with an update", ComponentPayload("quote/page/x/2"),
			map[string]any{"type": 7, "data": map[string]any{"content": "x"}}, 0},
	}
	for _, tt := range tests {
		in := f.SendInteraction(tt.payload)
		status, code := post(t, f.URL()+"/api/v9/interactions/"+in.ID+"/"+in.Token+"/callback", tt.callback)
		if code != tt.wantCode || (tt.wantCode == 0 && status != 204) {
			t.Errorf("%s: got status %d code %d; want code %d", tt.name, status, code, tt.wantCode)
		}
	}
}

// TestHeartbeats checks the gateway acknowledges the client's heartbeats
// at the interval HELLO gives.
func TestHeartbeats(t *testing.T) {
	f := New(t)
	f.HeartbeatInterval = 50 * time.Millisecond
	s := open(t, f)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	time.Sleep(300 * time.Millisecond)
	if n := f.Heartbeats(); n < 3 {
		t.Errorf("heartbeats = %d after 300ms at a 50ms interval; want at least 3", n)
	}
	s.RLock()
	ack := s.LastHeartbeatAck
	s.RUnlock()
	if time.Since(ack) > 200*time.Millisecond {
		t.Errorf("last heartbeat ACK %v ago; want recent ACKs", time.Since(ack))
	}
}
