package handlers

import "github.com/bwmarrin/discordgo"

// Lengths of the text options, enforced by Discord's client before a
// command is even sent, and again by the handlers.
const (
	MaxQuestion = 300
	MaxPerson   = 100
	MaxTopic    = 100
)

// builtinCommands defines the bot's own slash commands. They work in
// guilds and in DMs with the bot, since reading the library needs no
// permission.
func builtinCommands() []*discordgo.ApplicationCommand {
	contexts := func() *[]discordgo.InteractionContextType {
		return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	}
	installs := func() *[]discordgo.ApplicationIntegrationType {
		return &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	}
	one, two := 1, 2
	return []*discordgo.ApplicationCommand{
		{
			Name:             "ask",
			Description:      "Ask a question about the articles; get cited excerpts",
			Contexts:         contexts(),
			IntegrationTypes: installs(),
			Options: []*discordgo.ApplicationCommandOption{{
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "question",
				Description: "What you want to know, e.g. what somebody said about something",
				Required:    true,
				MinLength:   &two,
				MaxLength:   MaxQuestion,
			}},
		},
		{
			Name:             "quote",
			Description:      "Show what a person said in the articles",
			Contexts:         contexts(),
			IntegrationTypes: installs(),
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         "person",
					Description:  "Who; start typing a name",
					Required:     true,
					Autocomplete: true,
					MinLength:    &one,
					MaxLength:    MaxPerson,
				},
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        "topic",
					Description: "Only quotes about this topic",
					MinLength:   &one,
					MaxLength:   MaxTopic,
				},
			},
		},
		{
			Name:             "sources",
			Description:      "List the articles the bot quotes from",
			Contexts:         contexts(),
			IntegrationTypes: installs(),
		},
		{
			Name:             "help",
			Description:      "What the bot can do",
			Contexts:         contexts(),
			IntegrationTypes: installs(),
		},
	}
}
