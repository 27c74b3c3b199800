package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/discordfake"
)

// TestGlobalRateLimitHoldsOtherRequests answers a DM with Discord's global
// 429 (X-RateLimit-Global, Retry-After, no bucket headers) and then asks by
// mention in another channel and by /help. The mention's reply must wait
// until Retry-After has passed, though it uses another route bucket: a
// request sent in the window draws another 429, and enough of them get the
// bot's address banned. The /help callback must not wait, because
// interaction endpoints are outside the global limit and have 3 seconds.
func TestGlobalRateLimitHoldsOtherRequests(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	const window = 2 * time.Second
	e.fake.GlobalRateLimit(discordfake.MessageRoute, 1, window)
	dm := e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke about the radar?"))
	limited := e.fake.WaitCall(wait, "the global 429", func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && c.Status == 429
	})
	// A request the bot sent before it read the 429 cannot be held, so
	// give it time to read it: it logs the limit then (a bot that ignores
	// global limits never does, and after half a second the test goes on).
	for deadline := time.Now().Add(500 * time.Millisecond); time.Now().Before(deadline) &&
		!strings.Contains(e.logs.String(), "rate limited globally by Discord"); {
		time.Sleep(5 * time.Millisecond)
	}
	mention := e.fake.SendMessage(discordfake.MessagePayload(discordfake.Mention, "what did Putin say about the dialogue?"))
	help := e.fake.SendCommand("help")
	replied := func(id string) func(discordfake.Call) bool {
		return func(c discordfake.Call) bool {
			return c.Route == discordfake.MessageRoute && c.Status == 200 && strings.Contains(string(c.Body), id)
		}
	}
	reply := e.fake.WaitCall(wait, "the mention's reply", replied(mention))
	dmReply := e.fake.WaitCall(wait, "the DM's reply, retried", replied(dm))
	cb := e.fake.WaitCall(wait, "the /help callback", func(c discordfake.Call) bool { return help.IsCallbackFor(c) && c.Status == 204 })
	end := limited.At.Add(window)
	for _, tt := range []struct {
		what string
		call discordfake.Call
	}{{"mention reply", reply}, {"DM reply", dmReply}} {
		if tt.call.At.Before(end) {
			t.Errorf("%s sent %v after the global 429; want none before its Retry-After (%v) has passed",
				tt.what, tt.call.At.Sub(limited.At).Round(time.Millisecond), window)
		}
	}
	if !cb.At.Before(end) {
		t.Errorf("/help answered %v after the global 429; want at once (interaction calls are not bound to the global limit)",
			cb.At.Sub(limited.At).Round(time.Millisecond))
	}
}

// TestLongRateLimitDropsTheReply answers a mention in a channel whose
// slowmode (or any limit) makes Discord answer 429 with a retry_after of an
// hour. The bot must give the reply up and log it at once, not sleep for
// the hour holding the event (an answer an hour late is out of context,
// every further mention would hold another goroutine, and shutdown would
// wait for them). A short limit is still waited out: see TestRESTFailures.
func TestLongRateLimitDropsTheReply(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	e.fake.RateLimit(discordfake.MessageRoute, 1, time.Hour)
	id := e.fake.SendMessage(discordfake.MessagePayload(discordfake.Mention, "what did Putin say about the dialogue?"))
	e.waitLog("message reply not delivered")
	for _, c := range e.fake.CallsTo(discordfake.MessageRoute) {
		if strings.Contains(string(c.Body), id) && c.Status != 429 {
			t.Errorf("reply sent after an hour-long 429: %s", c)
		}
	}
	// The bot is free again: the next question is answered.
	next := e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke about the radar?"))
	e.fake.WaitCall(wait, "the next reply", func(c discordfake.Call) bool {
		return c.Route == discordfake.MessageRoute && c.Status == 200 && strings.Contains(string(c.Body), next)
	})
}

// TestLongRateLimitOnRegistration answers the start-up command
// registration with an hour-long 429 (Discord's daily limit on command
// creates answers so, for hours): the bot must log the failure and serve
// on, and a shutdown must not wait for the hour, since Run registers
// before it listens for the signal.
func TestLongRateLimitOnRegistration(t *testing.T) {
	t.Parallel()
	e := start(t, setup{noWait: true, prepare: func(f *discordfake.Server) {
		f.RateLimit(discordfake.GuildCmdsRoute, 1, time.Hour)
	}})
	e.waitLog("registering slash commands failed")
	cb := e.answered(e.fake.SendCommand("help"))
	if len(cb.Data.Embeds) == 0 {
		t.Errorf("/help after the failed registration: got %+v; want the help card", cb)
	}
	begin := time.Now()
	e.stop()
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("shutdown took %v; want it prompt", d)
	}
}
