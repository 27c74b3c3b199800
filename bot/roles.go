package bot

import (
	"encoding/json"
	"slices"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// botRoles remembers, for each guild, the ID of the bot's own managed role:
// the role Discord creates when the bot joins, named after it and tagged
// with its user ID.
//
// Why: when someone types "@citebot", Discord's mention picker offers the
// bot and that role side by side, and many people pick the role. The
// message then carries <@&role> in its content and mention_roles, and
// nothing in mentions, so a bot that looks only for its user mention
// ignores a question that was plainly addressed to it. discordgo v0.29's
// Role has no tags, so the roles are read from the raw GUILD_CREATE and
// GUILD_ROLE_* events (the Guilds intent, which the bot has). One entry per
// guild keeps memory bounded by the guilds of the shard.
type botRoles struct {
	mu      sync.Mutex
	byGuild map[string]string
}

// rawRole is the part of a role object the bot reads.
type rawRole struct {
	ID   string `json:"id"`
	Tags *struct {
		BotID string `json:"bot_id"`
	} `json:"tags"`
}

// ofBot reports whether r is the managed role of the bot with user ID bot.
func (r rawRole) ofBot(bot string) bool {
	return bot != "" && r.Tags != nil && r.Tags.BotID == bot
}

// apply updates the map from one gateway event; bot is the bot's user ID.
// Events of other types, and malformed ones, are ignored.
func (br *botRoles) apply(e *discordgo.Event, bot string) {
	if e == nil {
		return
	}
	switch e.Type {
	case "GUILD_CREATE":
		var g struct {
			ID    string    `json:"id"`
			Roles []rawRole `json:"roles"`
		}
		if json.Unmarshal(e.RawData, &g) != nil || g.ID == "" {
			return
		}
		i := slices.IndexFunc(g.Roles, func(r rawRole) bool { return r.ofBot(bot) })
		if i < 0 {
			br.set(g.ID, "")
			return
		}
		br.set(g.ID, g.Roles[i].ID)
	case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE":
		var ev struct {
			GuildID string  `json:"guild_id"`
			Role    rawRole `json:"role"`
		}
		if json.Unmarshal(e.RawData, &ev) == nil && ev.GuildID != "" && ev.Role.ofBot(bot) {
			br.set(ev.GuildID, ev.Role.ID)
		}
	case "GUILD_ROLE_DELETE":
		var ev struct {
			GuildID string `json:"guild_id"`
			RoleID  string `json:"role_id"`
		}
		if json.Unmarshal(e.RawData, &ev) == nil && ev.RoleID != "" && br.get(ev.GuildID) == ev.RoleID {
			br.set(ev.GuildID, "")
		}
	case "GUILD_DELETE":
		var ev struct {
			ID          string `json:"id"`
			Unavailable bool   `json:"unavailable"`
		}
		// An outage (unavailable) keeps the guild: it comes back with
		// another GUILD_CREATE.
		if json.Unmarshal(e.RawData, &ev) == nil && !ev.Unavailable {
			br.set(ev.ID, "")
		}
	}
}

// set records guild's bot role; "" forgets the guild.
func (br *botRoles) set(guild, role string) {
	br.mu.Lock()
	defer br.mu.Unlock()
	if role == "" {
		delete(br.byGuild, guild)
		return
	}
	if br.byGuild == nil {
		br.byGuild = map[string]string{}
	}
	br.byGuild[guild] = role
}

// get returns guild's bot role, or "".
func (br *botRoles) get(guild string) string {
	br.mu.Lock()
	defer br.mu.Unlock()
	return br.byGuild[guild]
}

// asMention returns m as the handlers should see it: when m mentions the
// bot's managed role in its guild and not the bot itself, a copy with the
// bot added to its mentions, so it is answered like any mention (the
// handlers strip role mentions from the question). Otherwise m itself.
func (br *botRoles) asMention(m *discordgo.Message, bot string) *discordgo.Message {
	if m.GuildID == "" || bot == "" || len(m.MentionRoles) == 0 {
		return m
	}
	role := br.get(m.GuildID)
	if role == "" || !slices.Contains(m.MentionRoles, role) {
		return m
	}
	if slices.ContainsFunc(m.Mentions, func(u *discordgo.User) bool { return u != nil && u.ID == bot }) {
		return m
	}
	c := *m
	c.Mentions = append(slices.Clone(m.Mentions), &discordgo.User{ID: bot, Bot: true})
	return &c
}
