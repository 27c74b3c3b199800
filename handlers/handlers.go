// Package handlers decides what the bot says. Each handler receives its
// dependencies in a Deps value and returns a Response; it never talks to
// Discord itself, so the same handlers serve Discord, the terminal chat and
// the tests, and a single Dispatch in package bot does all the sending.
package handlers

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/knowledge"
)

// Libraries gives the library in use. Handlers call Current once per request
// and use that library throughout, so a reload never changes an answer
// half-way.
type Libraries interface {
	Current() *knowledge.Library
}

// Response is what a handler wants sent. Dispatch turns it into an
// interaction callback, a follow-up edit or a channel message, and always
// sets AllowedMentions to none.
type Response struct {
	// Type is the interaction callback type. Zero means a new message
	// (InteractionResponseChannelMessageWithSource); components that edit
	// the message they sit on use InteractionResponseUpdateMessage, and
	// autocomplete uses InteractionApplicationCommandAutocompleteResult.
	Type discordgo.InteractionResponseType
	// Content is the message text, already escaped and within limits.
	Content string
	// Embeds are the answer cards, already within Discord's limits.
	Embeds []*discordgo.MessageEmbed
	// Components are the button rows.
	Components []discordgo.MessageComponent
	// Choices are the autocomplete choices, at most 25.
	Choices []*discordgo.ApplicationCommandOptionChoice
	// Ephemeral shows the response to the requesting user only.
	Ephemeral bool
	// Reply makes a message response reply to the triggering message.
	Reply bool
	// DeleteAfter, when positive, asks Dispatch to delete the channel
	// message it sent once this long has passed. A short note (a
	// cooldown, "I couldn't find a question") is ephemeral in an
	// interaction, but a mention in a guild channel can only be answered
	// with a public message, which would otherwise stay in the channel
	// for everyone, for good. Router.Message sets it on exactly those
	// notes; answers, abstentions, the help card and notes in DMs (where
	// only the asker sees them) keep zero and stay.
	DeleteAfter time.Duration
}

// HandlerFunc handles one interaction.
type HandlerFunc func(ctx context.Context, in *discordgo.Interaction) (*Response, error)
