package handlers

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/knowledge"
)

// Colours of the cards, so answers, look-ups and notices are told apart at
// a glance.
const (
	colourAnswer = 0x2b6cb0
	colourQuote  = 0x2f855a
	colourInfo   = 0x718096
)

// abstainText is what the bot says when no passage supports an answer:
// plainly, without guessing.
const abstainText = "No passage in the articles answers that."

// handleAsk answers /ask.
func (r *Router) handleAsk(ctx context.Context, in *discordgo.Interaction) (*Response, error) {
	d, _ := commandData(in)
	q, _ := option(d, "question")
	return r.ask(ctx, q, userID(in), in.ChannelID)
}

// ask answers a question from /ask, a mention or a DM: it checks the
// question, applies the cooldowns and renders the library's result.
func (r *Router) ask(_ context.Context, raw, user, channel string) (*Response, error) {
	lib := r.library()
	q := cleanQuestion(raw)
	if msg := checkQuestion(q, lib); msg != "" {
		return &Response{Content: msg, Ephemeral: true}, nil
	}
	if isHelp(q) {
		return helpResponse(lib), nil
	}
	if wait := r.d.Cooldowns.Allow(user, channel, r.d.Now()); wait > 0 {
		return &Response{Content: cooldownMessage(wait), Ephemeral: true}, nil
	}
	if lib == nil {
		return nil, UserError{Msg: "The library is still loading — try again in a moment."}
	}
	res := lib.Ask(q, r.d.MaxAnswers)
	if len(res.Answers) > r.d.MaxAnswers {
		res.Answers = res.Answers[:r.d.MaxAnswers]
	}
	r.d.Logger.Debug("question answered", "answers", len(res.Answers))
	return answerResponse(res), nil
}

// library returns the library in use, or nil when there is none yet.
func (r *Router) library() *knowledge.Library {
	if r.d.Library == nil {
		return nil
	}
	return r.d.Library.Current()
}

// cleanQuestion removes control characters and collapses white space, so
// pasted text with stray line breaks reads as one question. Invisible
// format characters (soft hyphens, zero-width joiners, word joiners,
// byte-order and direction marks) are dropped: text pasted from web pages
// and PDFs carries them inside words, where they would split "Lav\u00adrov"
// into two words the library has never seen and the question would be
// declined. A zero-width space marks a word break, so it becomes a space.
func cleanQuestion(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r) || r == zwspRune:
			return ' '
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}

// checkQuestion returns a helpful reply for a question the library cannot
// take, or "" when the question is fine.
func checkQuestion(q string, lib *knowledge.Library) string {
	example := exampleQuestion(lib)
	switch {
	case q == "":
		return "Ask me a question about the articles, e.g. " + example
	case utf8.RuneCountInString(q) > MaxQuestion:
		return fmt.Sprintf("That question is too long (%d characters). Please keep it under %d, e.g. %s",
			utf8.RuneCountInString(q), MaxQuestion, example)
	case !strings.ContainsFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		return "I couldn't find a question in that. Ask me about the articles in words, e.g. " + example
	}
	return ""
}

// exampleQuestion suggests a question the library can answer, naming its
// most quoted person when it knows one.
func exampleQuestion(lib *knowledge.Library) string {
	if lib != nil {
		if people := lib.People(); len(people) > 0 && people[0].Name != "" {
			return "“What did " + Escape(Truncate(people[0].Name, 60)) + " say?” — or try /help."
		}
	}
	return "“Who said what about the treaty?” — or try /help."
}

// isHelp reports whether a message just asks for help.
func isHelp(q string) bool {
	switch strings.ToLower(strings.Trim(q, " ?!.")) {
	case "help", "/help", "what can you do", "commands":
		return true
	}
	return false
}

// answerResponse renders the library's result: an answer card with up to
// three cited excerpts, or the plain abstention with a suggestion or two.
func answerResponse(res knowledge.Result) *Response {
	if len(res.Answers) == 0 {
		return &Response{Content: abstainMessage(res.Suggestions)}
	}
	e := &discordgo.MessageEmbed{
		Title:  Truncate(Escape(res.Question), MaxEmbedTitle),
		Color:  colourAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: "Excerpts are quoted from the articles. /quote shows everything a person said."},
	}
	var buttons []discordgo.MessageComponent
	for i, a := range res.Answers {
		e.Fields = append(e.Fields, answerField(i+1, a))
		if id := answerContextID(a); id != "" && len(buttons) < MaxButtonsPerRow {
			buttons = append(buttons, discordgo.Button{Label: fmt.Sprintf("Context %d", i+1), Style: discordgo.SecondaryButton, CustomID: id})
		}
	}
	resp := &Response{Embeds: []*discordgo.MessageEmbed{FitEmbed(e)}}
	if len(buttons) > 0 {
		resp.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return resp
}

// answerContextID is the custom ID of the button that shows the paragraph
// around an excerpt: by quote when there is one, otherwise by article and
// paragraph. It is "" when neither fits in a custom ID.
func answerContextID(a knowledge.Answer) string {
	if a.QuoteID != "" {
		if id := contextID(a.QuoteID); id != "" {
			return id
		}
	}
	if a.Article.ID != "" && a.Paragraph >= 0 {
		return paraID(a.Article.ID, a.Paragraph)
	}
	return ""
}

// abstainMessage is the "no passage" reply, with at most two suggestions of
// people or topics the library does cover.
func abstainMessage(suggestions []string) string {
	var s []string
	for _, sg := range suggestions {
		if sg = strings.TrimSpace(sg); sg != "" && len(s) < 2 {
			s = append(s, "**"+Escape(Truncate(sg, 80))+"**")
		}
	}
	switch len(s) {
	case 0:
		return abstainText + " Try /sources to see what the library covers."
	case 1:
		return Truncate(abstainText+" You could ask about "+s[0]+".", MaxContent)
	default:
		return Truncate(abstainText+" You could ask about "+s[0]+" or "+s[1]+".", MaxContent)
	}
}

// answerField renders one excerpt: who said it in the field name, the
// words (matched terms in bold) and the citation in the value.
func answerField(n int, a knowledge.Answer) *discordgo.MessageEmbedField {
	name := fmt.Sprintf("%d · %s", n, speakerLabel(a.Speaker, a.Role, a.Kind))
	cite := citation(a.Article)
	budget := MaxFieldValue - Len(cite) - 4
	text := strings.Join(strings.Fields(a.Text), " ")
	var excerpt string
	if inner := unquote(text); a.Kind == knowledge.AnswerQuote && !strings.ContainsAny(inner, `"“”«»`) {
		excerpt = "“" + highlight(inner, a.Terms, budget-2) + "”"
	} else {
		excerpt = highlight(text, a.Terms, budget)
	}
	return &discordgo.MessageEmbedField{
		Name:  Truncate(name, MaxFieldName),
		Value: "> " + excerpt + "\n" + cite,
	}
}

// unquote removes quote marks around the whole of s, so a card that adds
// its own curly quotes does not show them twice. Marks are removed only
// when nothing inside is quoted, so "no," he said, "yes" stays as it is.
func unquote(s string) string {
	t := strings.TrimSpace(s)
	if len(t) < 2 {
		return t
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	const marks = `"“”'‘’«»`
	if !strings.ContainsRune(marks, first) || !strings.ContainsRune(marks, last) {
		return t
	}
	inner := unquote(t[utf8.RuneLen(first) : len(t)-utf8.RuneLen(last)])
	if inner == "" || strings.ContainsAny(inner, `"“”«»`) {
		return t
	}
	return inner
}

// speakerLabel names who an excerpt is from.
func speakerLabel(speaker, role string, kind knowledge.AnswerKind) string {
	speaker = strings.TrimSpace(speaker)
	role = strings.TrimSpace(role)
	switch {
	case speaker != "" && role != "":
		return Escape(Truncate(speaker, 80)) + ", " + Escape(Truncate(role, 120))
	case speaker != "":
		return Escape(Truncate(speaker, 80))
	case kind == knowledge.AnswerFact:
		return "From the article"
	default:
		return "Unattributed"
	}
}

// citation is the line under an excerpt: publisher, date and the title,
// linked when the article's address is known.
func citation(a knowledge.Article) string {
	var parts []string
	if p := strings.TrimSpace(a.Publisher); p != "" {
		parts = append(parts, "*"+Escape(Truncate(p, 80))+"*")
	}
	if d := strings.TrimSpace(a.Published); d != "" {
		parts = append(parts, Escape(Truncate(d, 40)))
	}
	title := strings.TrimSpace(strings.Trim(strings.TrimSpace(a.Title), "“”\""))
	if title == "" {
		title = a.File
	}
	if title != "" {
		t := Escape(Truncate(title, 150))
		if u := safeURL(a.URL); u != "" {
			t = "[" + t + "](" + u + ")"
		}
		parts = append(parts, t)
	}
	if len(parts) == 0 {
		return "— source unknown"
	}
	return "— " + strings.Join(parts, " · ")
}

// safeURL returns u ready for a Markdown link, or "" when it is not a
// plain http(s) address that fits.
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	s := p.String()
	s = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(s)
	if len(s) > 512 {
		return ""
	}
	return s
}

// highlight escapes text and puts the matched terms in bold. It shortens
// the plain text first (so no bold marker is ever cut in half) until the
// rendered result fits budget.
func highlight(text string, terms []string, budget int) string {
	if budget < 1 {
		budget = 1
	}
	plain := budget
	for {
		cut := Truncate(text, plain)
		out := renderBold(cut, terms)
		if Len(out) <= budget || plain <= 1 {
			if Len(out) > budget {
				return Truncate(Escape(cut), budget)
			}
			return out
		}
		plain -= max(1, (Len(out)-budget+1)/2)
	}
}

// renderBold escapes text and wraps each whole-word occurrence of a term
// (case-insensitive) in "**".
func renderBold(text string, terms []string) string {
	spans := matchSpans(text, terms)
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(Escape(text[last:sp[0]]))
		b.WriteString("**" + Escape(text[sp[0]:sp[1]]) + "**")
		last = sp[1]
	}
	b.WriteString(Escape(text[last:]))
	return b.String()
}

// matchSpans finds the byte ranges of whole-word, case-insensitive
// occurrences of terms in text, merged and in order.
func matchSpans(text string, terms []string) [][2]int {
	lower := strings.ToLower(text)
	foldOK := len(lower) == len(text) // case folding kept byte offsets
	var spans [][2]int
	for _, t := range terms {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		hay, lt := lower, strings.ToLower(t)
		if !foldOK || len(lt) != len(t) {
			hay, lt = text, t
		}
		for from := 0; from < len(hay); {
			i := strings.Index(hay[from:], lt)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(lt)
			if wordEdge(text, s, true) && wordEdge(text, e, false) {
				spans = append(spans, [2]int{s, e})
			}
			from = s + max(1, len(lt))
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var merged [][2]int
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// wordEdge reports whether byte offset i of s is a word boundary: the
// character on the outer side is not a letter or digit.
func wordEdge(s string, i int, start bool) bool {
	var r rune
	if start {
		if i == 0 {
			return true
		}
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		if i >= len(s) {
			return true
		}
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
