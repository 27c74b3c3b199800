package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/knowledge"
)

// handleSources lists the articles the bot quotes from.
func (r *Router) handleSources(_ context.Context, _ *discordgo.Interaction) (*Response, error) {
	lib := r.library()
	if lib == nil {
		return nil, UserError{Msg: "The library is still loading — try again in a moment."}
	}
	arts := lib.Articles()
	e := &discordgo.MessageEmbed{
		Title: fmt.Sprintf("Articles in the library (%d)", len(arts)),
		Color: colourInfo,
	}
	var b strings.Builder
	for i, a := range arts {
		line := fmt.Sprintf("**%d.** %s\n", i+1, strings.TrimPrefix(citation(a), "— "))
		more := fmt.Sprintf("…and %d more.", len(arts)-i)
		if Len(b.String())+Len(line)+Len(more) > MaxEmbedDescription {
			b.WriteString(more)
			break
		}
		b.WriteString(line)
	}
	if len(arts) == 0 {
		b.WriteString("The library is empty.")
	}
	e.Description = strings.TrimSpace(b.String())
	e.Footer = &discordgo.MessageEmbedFooter{Text: "Ask about them with /ask, or look a person up with /quote."}
	return &Response{Embeds: []*discordgo.MessageEmbed{FitEmbed(e)}}, nil
}

// handleHelp says what the bot can do.
func (r *Router) handleHelp(_ context.Context, _ *discordgo.Interaction) (*Response, error) {
	return helpResponse(r.library()), nil
}

// helpText is the body of /help.
const helpText = "I answer questions about a library of news articles with cited excerpts: who said what, where and when.\n\n" +
	"**/ask** `question` — the best one to three excerpts, each with its speaker, publisher, date and article. " +
	"If the articles say nothing on it, I say so rather than guess.\n" +
	"**/quote** `person` `[topic]` — everything a person said: direct quotes first, then partial and reported ones, with buttons to page and to show the surrounding paragraph.\n" +
	"**/sources** — the articles I quote from.\n" +
	"**/help** — this message.\n\n" +
	"You can also mention me with a question, or ask me in a DM."

// helpResponse is the /help card, shown only to the asker. It takes the
// library the request already holds, so one request reads the store once.
func helpResponse(lib *knowledge.Library) *Response {
	e := &discordgo.MessageEmbed{
		Title:       "citebot",
		Description: helpText,
		Color:       colourInfo,
	}
	if lib != nil {
		e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d articles · %d quotes · %d people in the library",
			len(lib.Articles()), lib.Stats().Quotes, len(lib.People()))}
	}
	return &Response{Embeds: []*discordgo.MessageEmbed{FitEmbed(e)}, Ephemeral: true}
}
