package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/discordfake"
)

// sentReply waits for the bot's reply to message mid and returns the call
// and the ID Discord gave the reply.
func (e *env) sentReply(mid string) (discordfake.Call, string) {
	e.t.Helper()
	c := e.fake.WaitCall(wait, "reply to "+mid, func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && c.Status == 200 && strings.Contains(string(c.Body), mid)
	})
	var out struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(c.Response, &out); err != nil || out.ID == "" {
		e.t.Fatalf("reply to %s: response %s has no message ID (%v)", mid, c.Response, err)
	}
	return c, out.ID
}

// deletesOf returns the delete calls for message id.
func (e *env) deletesOf(id string) []discordfake.Call {
	var out []discordfake.Call
	for _, c := range e.fake.CallsTo(discordfake.DeleteMessageRoute) {
		if c.Vars["id"] == id {
			out = append(out, c)
		}
	}
	return out
}

// TestMentionNotesAreDeleted checks, through the gateway and REST, that a
// note answering a mention in a guild channel (a cooldown, a bare mention)
// is deleted once NOTE_DELETE_AFTER has passed and not before, while
// answers and notes in a DM stay.
func TestMentionNotesAreDeleted(t *testing.T) {
	t.Parallel()
	const after = 300 * time.Millisecond
	e := start(t, setup{vars: map[string]string{"ASK_COOLDOWN_USER": "1h", "NOTE_DELETE_AFTER": after.String()}})
	const otherUser, abstainer = "1100000000000000399", "1100000000000000398"
	tests := []struct {
		name, kind, user, content string
		want                      string // what the reply says: "answer" or a phrase of the note
		deleted                   bool
	}{
		{"mention answered", discordfake.Mention, "", "what did the foreign minister say about the radar?", "answer", false},
		{"mention abstained", discordfake.Mention, abstainer, "Who is the president of France?", abstainPrefix, false},
		{"mention on cooldown", discordfake.Mention, "", "who spoke about the radar?", "asking quickly", true},
		{"DM on cooldown", discordfake.DM, "", "who spoke about the radar?", "asking quickly", false},
		{"bare mention", discordfake.Mention, "", "", "Ask me a question", true},
		{"DM from another user answered", discordfake.DM, otherUser, "who spoke about the radar?", "answer", false},
	}
	type sent struct {
		call discordfake.Call
		id   string
	}
	replies := make([]sent, len(tests))
	for i, tt := range tests {
		p := discordfake.MessagePayload(tt.kind, tt.content)
		if tt.user != "" {
			discordfake.SetUser(p, tt.user)
		}
		c, id := e.sentReply(e.fake.SendMessage(p))
		replies[i] = sent{c, id}
		var m message
		_ = c.Decode(&m)
		switch {
		case tt.want == "answer" && len(m.Embeds) == 0 && !strings.HasPrefix(m.Content, abstainPrefix):
			t.Errorf("%s: got reply %q; want an answer card or the abstention", tt.name, m.Content)
		case tt.want != "answer" && !strings.Contains(m.Content, tt.want):
			t.Errorf("%s: got reply %q; want a note containing %q", tt.name, m.Content, tt.want)
		}
	}
	for i, tt := range tests {
		if !tt.deleted {
			continue
		}
		r := replies[i]
		d := e.fake.WaitCall(wait, "deleting the note of "+tt.name, func(c discordfake.Call) bool {
			return c.Route == discordfake.DeleteMessageRoute && c.Vars["id"] == r.id
		})
		if d.Status != 204 || d.Vars["channel"] != r.call.Vars["channel"] {
			t.Errorf("%s: got %s; want 204 for message %s in channel %s", tt.name, d, r.id, r.call.Vars["channel"])
		}
		if gap := d.At.Sub(r.call.At); gap < after {
			t.Errorf("%s: note deleted %v after it was sent; want at least %v", tt.name, gap, after)
		}
	}
	// Every reply is now older than the delay, and the answers were sent
	// before the notes that were deleted; another delay's wait gives a
	// wrongly scheduled delete time to show.
	time.Sleep(2 * after)
	for i, tt := range tests {
		if got := len(e.deletesOf(replies[i].id)); tt.deleted && got != 1 || !tt.deleted && got != 0 {
			want := 0
			if tt.deleted {
				want = 1
			}
			t.Errorf("%s: got %d deletes of reply %s; want %d", tt.name, got, replies[i].id, want)
		}
	}
	e.waitLog("note deleted")
}

// TestShutdownDeletesPendingNotes checks that a note still waiting for its
// delay when the bot shuts down is deleted before Run returns, rather than
// left in the channel for good.
func TestShutdownDeletesPendingNotes(t *testing.T) {
	t.Parallel()
	e := start(t, setup{vars: map[string]string{"NOTE_DELETE_AFTER": "1h"}})
	_, id := e.sentReply(e.fake.SendMessage(discordfake.MessagePayload(discordfake.Mention, "?!")))
	if got := len(e.deletesOf(id)); got != 0 {
		t.Fatalf("got %d deletes of the note before shutdown; want 0 (the delay is an hour)", got)
	}
	e.stop()
	ds := e.deletesOf(id)
	if len(ds) != 1 || ds[0].Status != 204 {
		t.Errorf("got deletes %v of the note by the time Run returned; want one, answered 204", ds)
	}
	e.waitLog("deleting notes before their time")
}

// TestNoteDeleteFailuresAreLogged checks a failed delete is logged once:
// as a warning when Discord refuses it, at debug level when the note is
// already gone (someone deleted it first), never with the token.
func TestNoteDeleteFailuresAreLogged(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		before func(e *env, channel, id string) // runs once the note is sent
		status int                              // what Discord answers the bot's delete
		want   string                           // the log record
	}{
		{"refused", func(e *env, _, _ string) { e.fake.FailNext(discordfake.DeleteMessageRoute, 1, 403) }, 403,
			`level=WARN msg="deleting a note failed"`},
		{"already gone", func(e *env, channel, id string) {
			req, _ := http.NewRequest("DELETE", e.fake.URL()+"/api/v9/channels/"+channel+"/messages/"+id, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != 204 {
				e.t.Errorf("deleting the note first: got %v, %v; want 204", resp, err)
			}
			resp.Body.Close()
		}, 404, `level=DEBUG msg="note already gone"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := start(t, setup{vars: map[string]string{"NOTE_DELETE_AFTER": "1s"}})
			c, id := e.sentReply(e.fake.SendMessage(discordfake.MessagePayload(discordfake.Mention, "?!")))
			tt.before(e, c.Vars["channel"], id)
			e.fake.WaitCall(wait, "the bot deleting the note", func(c discordfake.Call) bool {
				return c.Route == discordfake.DeleteMessageRoute && c.Vars["id"] == id && c.Status == tt.status
			})
			e.waitLog(tt.want)
			time.Sleep(200 * time.Millisecond) // time for a second record to show
			logs := e.logs.String()
			if got := strings.Count(logs, `msg="note `) + strings.Count(logs, `msg="deleting a note`); got != 1 {
				t.Errorf("got %d log records about the note; want 1:\n%s", got, logs)
			}
		})
	}
}

// failingMessages is the bot's router with every channel message failing,
// as when the library cannot be read.
type failingMessages struct{ bot.Router }

func (failingMessages) Message(context.Context, *discordgo.Message, string) (*handlers.Response, error) {
	return nil, errors.New("the library cannot be read")
}

// TestErrorRepliesToMentionsAreDeleted checks that the short error reply
// the dispatcher posts when answering a mention fails is deleted after
// NOTE_DELETE_AFTER like the handlers' own notes, while the one in a DM
// stays.
func TestErrorRepliesToMentionsAreDeleted(t *testing.T) {
	t.Parallel()
	const after = 300 * time.Millisecond
	e := start(t, setup{
		vars: map[string]string{"NOTE_DELETE_AFTER": after.String()},
		opts: func(o *bot.Options) { o.Router = failingMessages{o.Router} },
	})
	mention, mentionID := e.sentReply(e.fake.SendMessage(discordfake.MessagePayload(discordfake.Mention, "who spoke about the radar?")))
	_, dmID := e.sentReply(e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke about the radar?")))
	var m message
	_ = mention.Decode(&m)
	if !strings.Contains(m.Content, "went wrong") {
		t.Errorf("got reply %q to the mention; want the short error", m.Content)
	}
	d := e.fake.WaitCall(wait, "deleting the error reply to the mention", func(c discordfake.Call) bool {
		return c.Route == discordfake.DeleteMessageRoute && c.Vars["id"] == mentionID
	})
	if gap := d.At.Sub(mention.At); d.Status != 204 || gap < after {
		t.Errorf("got %s, %v after the reply; want 204 no sooner than %v", d, gap, after)
	}
	time.Sleep(2 * after)
	if got := len(e.deletesOf(dmID)); got != 0 {
		t.Errorf("got %d deletes of the error reply in the DM; want 0", got)
	}
}
