package bot_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/discordfake"
)

// TestRetriedReplyIsPostedOnce answers a DM while Discord stores the reply
// but answers 500 (the fake's FailAfterCommit), so Dispatch sends it again.
// The DM must hold one answer, not two: the create carries the asked
// message's ID as nonce with enforce_nonce, and Discord returns the message
// the first attempt stored.
func TestRetriedReplyIsPostedOnce(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway} {
		e.fake.FailAfterCommit(discordfake.MessageRoute, 1, status)
		before := e.fake.ChannelMessages(discordfake.DMChannelID)
		id := e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke about the radar?"))
		e.fake.WaitCall(wait, "the reply, sent again", func(c discordfake.Call) bool {
			return c.Route == discordfake.MessageRoute && c.Status == 200 && strings.Contains(string(c.Body), id)
		})
		time.Sleep(100 * time.Millisecond)
		if got := e.fake.ChannelMessages(discordfake.DMChannelID) - before; got != 1 {
			t.Errorf("after a %d the DM holds %d new replies; want 1", status, got)
		}
	}
}
