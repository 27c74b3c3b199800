package discordfake

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// rewrite points every request at the fake, as the bot's transport does.
type rewrite struct{ base *url.URL }

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.Host = r.base.Scheme, r.base.Host, r.base.Host
	return http.DefaultTransport.RoundTrip(req)
}

// open connects a plain discordgo session to the fake.
func open(t *testing.T, f *Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot test-token")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(f.URL())
	s.Client = &http.Client{Transport: rewrite{base}, Timeout: 5 * time.Second}
	s.LogLevel = -1
	return s
}

// TestProtocolWithDiscordgo checks the fake against the real client: the
// handshake, the templates parsing into discordgo's types, callbacks and
// RESUME after a dropped connection.
func TestProtocolWithDiscordgo(t *testing.T) {
	f := New(t)
	f.HeartbeatInterval = 100 * time.Millisecond
	s := open(t, f)
	got := make(chan *discordgo.InteractionCreate, 10)
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { got <- ic })
	msgs := make(chan *discordgo.MessageCreate, 10)
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()

	ids := f.Identifies()
	if len(ids) != 1 || ids[0].Token != "Bot test-token" {
		t.Fatalf("identifies = %+v; want one with the token", ids)
	}
	if s.State.Ready.User == nil || s.State.Ready.User.ID != BotUserID || s.State.Ready.Application.ID != AppID {
		t.Fatalf("READY user/application not parsed: %+v", s.State.Ready)
	}

	in := f.SendCommand("ask", Option{Name: "question", Value: "who?"})
	var ic *discordgo.InteractionCreate
	select {
	case ic = <-got:
	case <-time.After(3 * time.Second):
		t.Fatal("no INTERACTION_CREATE delivered")
	}
	data := ic.ApplicationCommandData()
	if ic.ID != in.ID || data.Name != "ask" || data.Options[0].StringValue() != "who?" || ic.Member.User.ID != UserID {
		t.Fatalf("interaction parsed as %+v / %+v", ic.Interaction, data)
	}
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "hi"}}); err != nil {
		t.Fatalf("respond: %v", err)
	}
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "again"}}); err == nil {
		t.Fatal("second callback accepted; want 400 already acknowledged")
	}
	if n := len(f.CallsTo(CallbackRoute)); n != 2 {
		t.Fatalf("callbacks recorded = %d; want 2", n)
	}

	f.DropGateway()
	// Sent while the connection is down: must arrive through RESUME replay.
	mid := f.SendMessage(MessagePayload(Mention, "still there?"))
	r := f.WaitResume(10*time.Second, 1)
	if r.SessionID != "fake-session-1" || r.Seq < 2 {
		t.Fatalf("resume = %+v; want session 1 and the last seen sequence", r)
	}
	select {
	case m := <-msgs:
		if m.ID != mid || len(m.Mentions) != 1 || m.Mentions[0].ID != BotUserID {
			t.Fatalf("message parsed as %+v", m.Message)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("message sent during the outage was not replayed")
	}
	if n := len(f.Identifies()); n != 1 {
		t.Fatalf("identifies = %d after resume; want 1", n)
	}
}

// TestFaults checks that injected 429s and 500s are answered and recorded.
func TestFaults(t *testing.T) {
	f := New(t)
	s := open(t, f)
	f.RateLimit("GET /users/@me", 1, 50*time.Millisecond)
	start := time.Now()
	u, err := s.User("@me")
	if err != nil || u.ID != BotUserID {
		t.Fatalf("User after 429 = %v, %v; want the bot user (discordgo retries)", u, err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Fatalf("retried after %v; want at least retry_after", d)
	}
	calls := f.CallsTo("GET /users/@me")
	if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 200 {
		t.Fatalf("calls = %v; want 429 then 200", calls)
	}
	f.FailNext("GET /users/@me", 1, 500)
	if _, err := s.User("@me"); err == nil {
		t.Fatal("500 not reported as an error")
	}
	if _, err := s.User("@me"); err != nil {
		t.Fatalf("second call after one 500: %v", err)
	}
}

// TestTakeCallsAndForget checks what a long run relies on: TakeCalls hands
// over the recorded calls once, and Forget makes the fake drop an old
// interaction and its replay history.
func TestTakeCallsAndForget(t *testing.T) {
	f := New(t)
	post := func(in Sent) int {
		t.Helper()
		resp, err := http.Post(f.URL()+"/api/v9/interactions/"+in.ID+"/"+in.Token+"/callback", "application/json",
			strings.NewReader(`{"type":4,"data":{"content":"hi","allowed_mentions":{"parse":[]}}}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	old := f.SendCommand("help")
	if got := post(old); got != 204 {
		t.Fatalf("first callback: status %d; want 204", got)
	}
	if got := len(f.TakeCalls()); got != 1 {
		t.Errorf("TakeCalls returned %d calls; want 1", got)
	}
	if got := len(f.Calls()); got != 0 {
		t.Errorf("after TakeCalls, Calls has %d; want 0", got)
	}
	cut := time.Now()
	fresh := f.SendCommand("help")
	f.Forget(cut)
	f.mu.Lock()
	hist := len(f.history)
	f.mu.Unlock()
	if hist != 1 {
		t.Errorf("history after Forget has %d events; want 1 (the fresh one)", hist)
	}
	if got := post(old); got != 404 {
		t.Errorf("callback to a forgotten interaction: status %d; want 404", got)
	}
	if got := post(fresh); got != 204 {
		t.Errorf("callback to a kept interaction: status %d; want 204", got)
	}
}

// TestDeleteMessage checks the fake deletes a channel message the way
// Discord does: once, in its own channel, and refuses anything else with
// 404 Unknown Message, so a test cannot pass with a wrong ID or channel.
func TestDeleteMessage(t *testing.T) {
	f := New(t)
	s := open(t, f)
	m, err := s.ChannelMessageSendComplex(ChannelID, &discordgo.MessageSend{Content: "note",
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	other, err := s.ChannelMessageSendComplex(DMChannelID, &discordgo.MessageSend{Content: "other",
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	tests := []struct {
		name, channel, id string
		wantCode          int // 0: deleted
	}{
		{"wrong channel", DMChannelID, m.ID, discordgo.ErrCodeUnknownMessage},
		{"unknown ID", ChannelID, "1399999999999999999", discordgo.ErrCodeUnknownMessage},
		{"the message", ChannelID, m.ID, 0},
		{"the message again", ChannelID, m.ID, discordgo.ErrCodeUnknownMessage},
		{"the other message", DMChannelID, other.ID, 0},
	}
	for _, tt := range tests {
		err := s.ChannelMessageDelete(tt.channel, tt.id)
		code := 0
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Message != nil {
			code = re.Message.Code
		} else if err != nil {
			t.Errorf("%s: got error %v; want a Discord REST error or none", tt.name, err)
		}
		if code != tt.wantCode {
			t.Errorf("%s: got code %d (%v); want %d", tt.name, code, err, tt.wantCode)
		}
		if re != nil && re.Response.StatusCode != http.StatusNotFound {
			t.Errorf("%s: got status %d; want 404", tt.name, re.Response.StatusCode)
		}
	}
	calls := f.CallsTo(DeleteMessageRoute)
	if len(calls) != len(tests) {
		t.Fatalf("got %d delete calls recorded; want %d", len(calls), len(tests))
	}
	if c := calls[2]; c.Vars["channel"] != ChannelID || c.Vars["id"] != m.ID || c.Status != http.StatusNoContent {
		t.Errorf("got %s with vars %v; want 204 for channel %s message %s", c, c.Vars, ChannelID, m.ID)
	}
}
