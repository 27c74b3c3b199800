package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/discordfake"
)

// TestMentionOfTheBotsRole asks by mentioning the bot's managed role, which
// is what Discord's mention picker often inserts for "@citebot": the
// message has <@&role> in its content and mention_roles, and no user
// mention. The bot must answer it as a mention, not answer a mention of
// another bot's role, and stop treating the role as itself once Discord
// deletes it.
func TestMentionOfTheBotsRole(t *testing.T) {
	t.Parallel()
	e := start(t, setup{})
	const botRole, otherBotRole = "1100000000000000901", "1100000000000000902"
	role := func(id, name, botID string) map[string]any {
		return map[string]any{"id": id, "name": name, "permissions": "0", "managed": true, "position": 1,
			"color": 0, "hoist": false, "mentionable": false, "tags": map[string]any{"bot_id": botID}}
	}
	e.fake.Dispatch("GUILD_CREATE", map[string]any{"id": discordfake.GuildID, "name": "Test server", "unavailable": false,
		"roles": []any{
			map[string]any{"id": discordfake.GuildID, "name": "@everyone", "permissions": "0", "managed": false},
			role(botRole, "citebot", discordfake.BotUserID),
			role(otherBotRole, "otherbot", "1100000000000000999"),
		}})
	ask := func(roleID, question string) string {
		p := discordfake.MessagePayload(discordfake.Other, "<@&"+roleID+"> "+question)
		p["mention_roles"] = []any{roleID}
		return e.fake.SendMessage(p)
	}
	repliesTo := func(id string) func(discordfake.Call) bool {
		return func(c discordfake.Call) bool {
			return c.Route == discordfake.MessageRoute && strings.Contains(string(c.Body), id)
		}
	}

	toOther := ask(otherBotRole, "what did Putin say about continuing the dialogue?")
	toUs := ask(botRole, "what did Putin say about continuing the dialogue?")
	c := e.fake.WaitCall(wait, "the reply to a mention of the bot's role", repliesTo(toUs))
	var m message
	_ = c.Decode(&m)
	if m.Reference == nil || m.Reference.MessageID != toUs {
		t.Errorf("reply references %+v; want message %s", m.Reference, toUs)
	}
	if len(m.Embeds) == 0 {
		t.Errorf("got %q; want an answer card", m.Content)
	}

	e.fake.Dispatch("GUILD_ROLE_DELETE", map[string]any{"guild_id": discordfake.GuildID, "role_id": botRole})
	afterDelete := ask(botRole, "what did Putin say about continuing the dialogue?")
	marker := e.fake.SendMessage(discordfake.MessagePayload(discordfake.DM, "who spoke?"))
	e.fake.WaitCall(wait, "reply to the marker DM", repliesTo(marker))
	time.Sleep(200 * time.Millisecond)
	for _, tt := range []struct{ what, id string }{{"another bot's role", toOther}, {"a deleted role", afterDelete}} {
		for _, c := range e.fake.CallsTo(discordfake.MessageRoute) {
			if repliesTo(tt.id)(c) {
				t.Errorf("the bot answered a mention of %s: %s", tt.what, c)
			}
		}
	}
}
