package handlers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/knowledge"
)

// QuotesPerPage is how many quotes one /quote page shows: few enough that
// each keeps its context button in one row of five.
const QuotesPerPage = 5

// handleQuote serves /quote, its autocomplete and its buttons.
func (r *Router) handleQuote(_ context.Context, in *discordgo.Interaction) (*Response, error) {
	lib := r.library()
	if lib == nil {
		return nil, UserError{Msg: "The library is still loading — try again in a moment."}
	}
	switch in.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		d, _ := commandData(in)
		typed, focused := option(d, "person")
		if !focused {
			return &Response{Type: discordgo.InteractionApplicationCommandAutocompleteResult}, nil
		}
		return &Response{
			Type:    discordgo.InteractionApplicationCommandAutocompleteResult,
			Choices: personChoices(completePeople(lib, typed, MaxChoices)),
		}, nil
	case discordgo.InteractionMessageComponent:
		d, _ := componentData(in)
		if strings.HasPrefix(d.CustomID, "quote/context/") {
			return quoteContext(lib, d.CustomID)
		}
		if strings.HasPrefix(d.CustomID, "quote/para/") {
			return paragraphContext(lib, d.CustomID)
		}
		return quotePageFromButton(lib, d.CustomID, in.Message)
	case discordgo.InteractionApplicationCommand:
		d, _ := commandData(in)
		typed, _ := option(d, "person")
		topic, _ := option(d, "topic")
		topic = cleanQuestion(topic)
		p, err := resolvePerson(lib, typed)
		if err != nil {
			return nil, err
		}
		quotes := sortQuotes(lib.QuotesOf(p.Name, topic))
		if len(quotes) == 0 {
			if topic != "" {
				return nil, UserError{Msg: fmt.Sprintf("I found no quote from %s about “%s”. Try without a topic.",
					Escape(Truncate(p.Name, 80)), Escape(Truncate(topic, 80)))}
			}
			return nil, UserError{Msg: fmt.Sprintf("I found no quote from %s in the articles.", Escape(Truncate(p.Name, 80)))}
		}
		return quotePage(lib.Article, p, quotes, topic, 1), nil
	}
	return nil, UserError{Msg: "That doesn't work here. Try /quote."}
}

// countSuffixRE matches the " (6)" an autocomplete choice's name ends with,
// which some clients send instead of the choice's value.
var countSuffixRE = regexp.MustCompile(`\s*\(\d+\)\s*$`)

// resolvePerson finds the person the user meant, whether the client sent
// the choice's value (the canonical name), its name ("Sergei Lavrov (6)")
// or text typed without picking a choice. When nobody fits it returns a
// UserError with the closest names.
func resolvePerson(lib *knowledge.Library, typed string) (knowledge.Person, error) {
	q := personQuery(typed)
	if q == "" {
		return knowledge.Person{}, UserError{Msg: "Tell me whose quotes to show, e.g. /quote person: " + examplePerson(lib)}
	}
	if p, ok := lib.FindPerson(q); ok {
		return p, nil
	}
	people := lib.People()
	for _, p := range people {
		if strings.EqualFold(p.Name, q) || slices.ContainsFunc(p.Aliases, func(a string) bool { return strings.EqualFold(a, q) }) {
			return p, nil
		}
	}
	msg := fmt.Sprintf("I found nobody called “%s” in the articles.", Escape(Truncate(q, 80)))
	if near := lib.Complete(q, 3); len(near) > 0 {
		names := make([]string, len(near))
		for i, p := range near {
			names[i] = "**" + Escape(Truncate(p.Name, 80)) + "**"
		}
		msg += " Did you mean " + joinOr(names) + "?"
	} else {
		msg += " Start typing a name and pick one of the suggestions."
	}
	return knowledge.Person{}, UserError{Msg: msg}
}

// personQuery turns what the client sent for the person option into a
// look-up: the choice's value as is, or its name without the " (6)" count.
func personQuery(typed string) string {
	return cleanQuestion(countSuffixRE.ReplaceAllString(typed, ""))
}

// examplePerson names the most quoted person, for hints.
func examplePerson(lib *knowledge.Library) string {
	if people := lib.People(); len(people) > 0 {
		return Escape(Truncate(people[0].Name, 60))
	}
	return "a name"
}

// joinOr joins names as "A, B or C".
func joinOr(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// completePeople returns the autocomplete candidates. It is the library's
// own ranking and nothing else, because the library knows which people have
// quotes: offering anyone else would lead to an empty page.
func completePeople(lib *knowledge.Library, typed string, n int) []knowledge.Person {
	return lib.Complete(personQuery(typed), n)
}

// personChoices turns people into autocomplete choices: the name with the
// number of quotes, the canonical name as value, both within Discord's 100
// characters, at most 25 and no duplicates.
func personChoices(people []knowledge.Person) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	for _, p := range people {
		name := strings.TrimSpace(p.Name)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		suffix := " (" + strconv.Itoa(p.Quotes) + ")"
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name:  Truncate(name, MaxChoiceName-Len(suffix)) + suffix,
			Value: Cut(name, MaxChoiceValue),
		})
		if len(choices) == MaxChoices {
			break
		}
	}
	return choices
}

// sortQuotes puts direct quotes first, then partial, then reported,
// keeping the library's order within each kind.
func sortQuotes(qs []knowledge.Quote) []knowledge.Quote {
	rank := map[knowledge.QuoteKind]int{knowledge.Direct: 0, knowledge.Partial: 1, knowledge.Reported: 2}
	out := slices.Clone(qs)
	slices.SortStableFunc(out, func(a, b knowledge.Quote) int {
		ra, ok := rank[a.Kind]
		if !ok {
			ra = 3
		}
		rb, ok := rank[b.Kind]
		if !ok {
			rb = 3
		}
		return ra - rb
	})
	return out
}

// pages returns how many pages n quotes fill.
func pages(n int) int {
	return max(1, (n+QuotesPerPage-1)/QuotesPerPage)
}

// quotePageFromButton serves a paging button, updating the message in
// place. msg is the message the button sits on, whose footer holds a topic
// too long for the custom ID.
func quotePageFromButton(lib *knowledge.Library, customID string, msg *discordgo.Message) (*Response, error) {
	name, topic, n, err := parsePageID(customID)
	if err == nil && topic == topicInFooter {
		var ok bool
		if topic, ok = footerTopic(msg); !ok {
			err = errors.New("no topic in the message's footer")
		}
	}
	if err != nil {
		return nil, UserError{Msg: "That button is out of date. Run /quote again."}
	}
	p := knowledge.Person{Name: name}
	if found, ok := lib.FindPerson(name); ok && (strings.EqualFold(found.Name, name) || len(lib.QuotesOf(name, topic)) == 0) {
		// The same person (for their canonical name and roles), or the one
		// a name shortened to fit the custom ID, or renamed by a reload,
		// now resolves to.
		p = found
	}
	quotes := sortQuotes(lib.QuotesOf(p.Name, topic))
	if len(quotes) == 0 {
		return &Response{
			Type:    discordgo.InteractionResponseUpdateMessage,
			Content: fmt.Sprintf("The library no longer has quotes from %s. Run /quote again.", Escape(Truncate(name, 80))),
			Embeds:  []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{},
		}, nil
	}
	resp := quotePage(lib.Article, p, quotes, topic, n)
	resp.Type = discordgo.InteractionResponseUpdateMessage
	return resp, nil
}

// quotePage renders page n (from 1, clamped) of a person's quotes: one
// embed with a field per quote, a row of paging buttons and a row of
// context buttons. article looks up the cited articles (Library.Article).
func quotePage(article func(id string) (knowledge.Article, bool), p knowledge.Person, quotes []knowledge.Quote, topic string, n int) *Response {
	total := pages(len(quotes))
	n = min(max(n, 1), total)
	start := (n - 1) * QuotesPerPage
	end := min(start+QuotesPerPage, len(quotes))

	title := "Quotes from " + Escape(p.Name)
	if topic != "" {
		title += " on “" + Escape(topic) + "”"
	}
	e := &discordgo.MessageEmbed{Title: Truncate(title, MaxEmbedTitle), Color: colourQuote}
	var desc []string
	if len(p.Roles) > 0 {
		var roles []string
		for _, r := range p.Roles[:min(3, len(p.Roles))] {
			roles = append(roles, Escape(Truncate(r, 100)))
		}
		desc = append(desc, strings.Join(roles, "; "))
	}
	if topic != "" {
		desc = append(desc, plural(len(quotes), "quote")+" on this topic, direct quotes first.")
	} else {
		desc = append(desc, plural(len(quotes), "quote")+" in the library, direct quotes first.")
	}
	e.Description = strings.Join(desc, "\n")
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d", n, total)}
	prevID, nextID := pageID(p.Name, topic, max(1, n-1)), pageID(p.Name, topic, min(total, n+1))
	if topicLeftToFooter(pageID(p.Name, topic, n), topic) || topicLeftToFooter(prevID, topic) || topicLeftToFooter(nextID, topic) {
		// A paging button cannot carry this topic (the next page's number
		// may be a digit longer than this one's); it reads it here.
		e.Footer.Text += footerTopicSep + topic
	}

	// Five long quotes can pass the 6,000 characters of a whole embed, so
	// every quote is shortened evenly until the page fits, rather than
	// dropping the last ones and leaving their buttons behind.
	page := quotes[start:end]
	for limit := MaxFieldValue; ; limit -= 64 {
		e.Fields = quoteFields(article, page, start, max(limit, 128))
		if EmbedLen(e) <= MaxEmbedTotal || limit <= 128 {
			break
		}
	}
	FitEmbed(e)

	var ctxButtons []discordgo.MessageComponent
	for i, q := range page {
		if id := contextID(q.ID); id != "" {
			ctxButtons = append(ctxButtons, discordgo.Button{
				Label: fmt.Sprintf("Context %d", start+i+1), Style: discordgo.SecondaryButton, CustomID: id,
			})
		}
	}

	// Previous and next always point at different pages when there is
	// more than one, so their custom IDs never collide.
	var rows []discordgo.MessageComponent
	if total > 1 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "◀ Previous", Style: discordgo.PrimaryButton, CustomID: prevID, Disabled: n == 1},
			discordgo.Button{Label: "Next ▶", Style: discordgo.PrimaryButton, CustomID: nextID, Disabled: n == total},
		}})
	}
	if len(ctxButtons) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: ctxButtons[:min(len(ctxButtons), MaxButtonsPerRow)]})
	}
	return &Response{Embeds: []*discordgo.MessageEmbed{e}, Components: rows}
}

// footerTopicSep introduces a topic in a quote page's footer. Footers do
// not render Markdown, so the topic is kept as typed (cleaned).
const footerTopicSep = " · topic: "

// footerTopic reads the topic a quote page left in its footer.
func footerTopic(msg *discordgo.Message) (string, bool) {
	if msg == nil || len(msg.Embeds) == 0 || msg.Embeds[0] == nil || msg.Embeds[0].Footer == nil {
		return "", false
	}
	_, topic, ok := strings.Cut(msg.Embeds[0].Footer.Text, footerTopicSep)
	topic = cleanQuestion(topic)
	return topic, ok && topic != ""
}

// quoteFields renders one field per quote, numbered from first+1, each
// value at most limit characters.
func quoteFields(article func(id string) (knowledge.Article, bool), quotes []knowledge.Quote, first, limit int) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	for i, q := range quotes {
		a, _ := article(q.ArticleID)
		label := fmt.Sprintf("%d · %s", first+i+1, kindLabel(q.Kind))
		if q.Role != "" {
			label += " · " + Escape(Truncate(q.Role, 100))
		}
		cite := citation(a)
		text := strings.Join(strings.Fields(q.Text), " ")
		budget := max(limit-Len(cite)-6, 16)
		var body string
		if q.Kind == knowledge.Reported {
			body = Escape(Truncate(text, budget))
		} else {
			body = "“" + Escape(Truncate(unquote(text), budget-2)) + "”"
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: Truncate(label, MaxFieldName), Value: Truncate("> "+body+"\n"+cite, limit)})
	}
	return fields
}

// kindLabel names a quote kind for readers.
func kindLabel(k knowledge.QuoteKind) string {
	switch k {
	case knowledge.Direct:
		return "Direct quote"
	case knowledge.Partial:
		return "Partial quote"
	case knowledge.Reported:
		return "Reported"
	}
	return "Quote"
}

// plural writes "1 quote" or "6 quotes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// quoteContext shows the paragraph around a quote, privately.
func quoteContext(lib *knowledge.Library, customID string) (*Response, error) {
	id, err := parseContextID(customID)
	if err != nil {
		return nil, UserError{Msg: "That button is out of date. Run /quote again."}
	}
	q, ok := lib.Quote(id)
	if !ok {
		return nil, UserError{Msg: "That quote is no longer in the library. Run /quote again."}
	}
	a, _ := lib.Article(q.ArticleID)
	return contextResponse(q, a), nil
}

// paragraphContext shows one paragraph of an article, privately, for an
// answer excerpt that is not a quote.
func paragraphContext(lib *knowledge.Library, customID string) (*Response, error) {
	id, n, err := parseParaID(customID)
	if err != nil {
		return nil, UserError{Msg: "That button is out of date. Ask again."}
	}
	a, ok := lib.Article(id)
	if !ok || n >= len(a.Paragraphs) {
		return nil, UserError{Msg: "That passage is no longer in the library. Ask again."}
	}
	return contextResponse(knowledge.Quote{ArticleID: id, Paragraph: n}, a), nil
}

// contextResponse renders the paragraph a quote starts in, with the quote
// in bold and the citation below, shown only to the user who asked.
func contextResponse(q knowledge.Quote, a knowledge.Article) *Response {
	para := q.Text
	if q.Paragraph >= 0 && q.Paragraph < len(a.Paragraphs) {
		para = a.Paragraphs[q.Paragraph]
	}
	para = strings.Join(strings.Fields(para), " ")
	cite := citation(a)
	e := &discordgo.MessageEmbed{
		Title:       "Context" + speakerSuffix(q.Speaker),
		Description: highlight(para, []string{strings.Join(strings.Fields(q.Text), " ")}, MaxEmbedDescription-Len(cite)-2) + "\n\n" + cite,
		Color:       colourQuote,
	}
	return &Response{Embeds: []*discordgo.MessageEmbed{FitEmbed(e)}, Ephemeral: true}
}

// speakerSuffix is " — Name" when the speaker is known.
func speakerSuffix(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return ""
	}
	return " — " + Escape(Truncate(s, 100))
}
