package handlers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/citebot/citebot/knowledge"
)

// sampleResult is a result as the engine returns it, with text that tries
// to break the card: Markdown, a mass mention and a long excerpt.
func sampleResult() knowledge.Result {
	art := knowledge.Article{
		ID: "a1", Title: "“Russia firm on *missile* defense”", Publisher: "RFE/RL",
		Published: "2007-10-12", URL: "https://example.org/news/a(1)", File: "a1.txt",
	}
	noURL := knowledge.Article{ID: "a2", Title: "Talks in Moscow", Publisher: "RIA Novosti", Published: "August 8", File: "a2.txt"}
	return knowledge.Result{
		Question: "What did Lavrov say about the INF treaty? @everyone",
		Answers: []knowledge.Answer{
			{
				Text:    "The INF treaty is a relic; we will not be bound by it, said the minister. @everyone look",
				Speaker: "Sergei Lavrov", Role: "Russian Foreign Minister", Kind: knowledge.AnswerQuote,
				Article: art, Terms: []string{"INF treaty", "treaty"}, QuoteID: "a1/0",
			},
			{
				Text:    "Moscow said the *shield* would threaten Russia's INF_obligations.",
				Speaker: "Sergei Lavrov", Kind: knowledge.AnswerStatement, Article: noURL, Terms: []string{"threaten"},
			},
			{
				Text: strings.Repeat("A very long factual sentence about the INF treaty. ", 60),
				Kind: knowledge.AnswerFact, Article: knowledge.Article{ID: "a3", File: "a3.txt"}, Terms: []string{"INF"},
			},
		},
	}
}

func TestAnswerCard(t *testing.T) {
	resp := answerResponse(sampleResult())
	if len(resp.Embeds) != 1 {
		t.Fatalf("got %d embeds; want 1", len(resp.Embeds))
	}
	e := resp.Embeds[0]
	if len(e.Fields) != 3 {
		t.Fatalf("got %d fields; want 3, one per excerpt", len(e.Fields))
	}
	if resp.Ephemeral {
		t.Errorf("got an ephemeral answer; want everyone in the channel to see it")
	}
	checks := []struct {
		what, in, want string
	}{
		{"first speaker", e.Fields[0].Name, "Sergei Lavrov, Russian Foreign Minister"},
		{"matched words in bold", e.Fields[0].Value, "**INF treaty**"},
		{"publisher", e.Fields[0].Value, "*RFE/RL*"},
		{"date", e.Fields[0].Value, "2007-10-12"},
		{"linked title", e.Fields[0].Value, "[Russia firm on \\*missile\\* defense](https://example.org/news/a%281%29)"},
		{"escaped text", e.Fields[1].Value, "\\*shield\\*"},
		{"escaped underscore", e.Fields[1].Value, "INF\\_obligations"},
		{"unlinked title", e.Fields[1].Value, "Talks in Moscow"},
		{"fact label", e.Fields[2].Name, "From the article"},
		{"file as title when none", e.Fields[2].Value, "a3.txt"},
		{"cut with ellipsis", e.Fields[2].Value, "…"},
	}
	for _, c := range checks {
		if !strings.Contains(c.in, c.want) {
			t.Errorf("%s: got %q; want it to contain %q", c.what, c.in, c.want)
		}
	}
	if len(resp.Components) != 1 {
		t.Fatalf("got %d button rows; want 1 row of context buttons", len(resp.Components))
	}
	btns := resp.Components[0].(discordgo.ActionsRow).Components
	wantIDs := []string{contextID("a1/0"), paraID("a2", 0), paraID("a3", 0)}
	if len(btns) != len(wantIDs) {
		t.Fatalf("got %d context buttons; want %d", len(btns), len(wantIDs))
	}
	for i, b := range btns {
		if got := b.(discordgo.Button).CustomID; got != wantIDs[i] {
			t.Errorf("button %d has custom ID %q; want %q", i, got, wantIDs[i])
		}
	}
	all := e.Title + e.Description
	for _, f := range e.Fields {
		all += f.Name + f.Value
		if Len(f.Value) > MaxFieldValue {
			t.Errorf("field %q value has %d characters; want at most %d", f.Name, Len(f.Value), MaxFieldValue)
		}
	}
	if strings.Contains(all, "@everyone") {
		t.Errorf("card contains a live @everyone; want it neutralised")
	}
	if EmbedLen(e) > MaxEmbedTotal {
		t.Errorf("card has %d characters; want at most %d", EmbedLen(e), MaxEmbedTotal)
	}
	golden(t, "answer_card", resp)
}

func TestAbstention(t *testing.T) {
	tests := []struct {
		name        string
		suggestions []string
		want        []string
		notWant     []string
	}{
		{"none", nil, []string{abstainText, "/sources"}, nil},
		{"one", []string{"Sergei Lavrov"}, []string{abstainText, "**Sergei Lavrov**"}, nil},
		{"two of three", []string{"Sergei Lavrov", "missile_defence", "Third"}, []string{"**Sergei Lavrov** or **missile\\_defence**"}, []string{"Third"}},
		{"blank ones skipped", []string{" ", "@everyone"}, []string{"**@\u200beveryone**"}, []string{"@everyone"}},
	}
	for _, tt := range tests {
		resp := answerResponse(knowledge.Result{Question: "q", Suggestions: tt.suggestions})
		if len(resp.Embeds) != 0 {
			t.Errorf("%s: got %d embeds; want a short text reply and no excerpt", tt.name, len(resp.Embeds))
		}
		for _, w := range tt.want {
			if !strings.Contains(resp.Content, w) {
				t.Errorf("%s: got %q; want it to contain %q", tt.name, resp.Content, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(resp.Content, w) {
				t.Errorf("%s: got %q; want no %q", tt.name, resp.Content, w)
			}
		}
	}
	golden(t, "abstain", answerResponse(knowledge.Result{Question: "q", Suggestions: []string{"Sergei Lavrov", "missile defence"}}))
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		text   string
		terms  []string
		budget int
		want   string
	}{
		{"the INF treaty holds", []string{"treaty"}, 100, "the INF **treaty** holds"},
		{"The Treaty; treaty", []string{"treaty"}, 100, "The **Treaty**; **treaty**"},
		{"retreaty treatyx", []string{"treaty"}, 100, "retreaty treatyx"},
		{"missile defense system", []string{"missile", "missile defense"}, 100, "**missile defense** system"},
		{"a *b* c", []string{"b"}, 100, "a \\***b**\\* c"},
		{"Zoë said so", []string{"zoë"}, 100, "**Zoë** said so"},
		{"one two three four five six", []string{"six"}, 15, "one two three…"},
	}
	for _, tt := range tests {
		got := highlight(tt.text, tt.terms, tt.budget)
		if got != tt.want {
			t.Errorf("highlight(%q, %q, %d) = %q; want %q", tt.text, tt.terms, tt.budget, got, tt.want)
		}
		if Len(got) > tt.budget {
			t.Errorf("highlight(%q) has %d characters; want at most %d", tt.text, Len(got), tt.budget)
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/a", "https://example.org/a"},
		{"http://x.org/a(b)", "http://x.org/a%28b%29"},
		{"javascript:alert(1)", ""},
		{"ftp://x.org/", ""},
		{"", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := safeURL(tt.in); got != tt.want {
			t.Errorf("safeURL(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// sampleArticles stands in for Library.Article, so the cards do not
// depend on how the engine parses the seed files.
func sampleArticles(id string) (knowledge.Article, bool) {
	arts := map[string]knowledge.Article{
		"art1": {
			ID: "art1", Title: "Russia firm on missile defense, sanctions", Publisher: "RFE/RL", Published: "2009-07-14",
			URL: "https://example.org/art1", File: "art1.txt",
			Paragraphs: []string{
				"MOSCOW — Talks resumed on Monday.",
				"Russian President Dmitry Medvedev called additional sanctions “counterproductive” and urged the US to continue pursuing dialogue with Iran. Officials said more talks would follow.",
			},
		},
	}
	a, ok := arts[id]
	return a, ok
}

// sampleQuotes gives 12 quotes of mixed kinds, out of order.
func sampleQuotes() (knowledge.Person, []knowledge.Quote) {
	kinds := []knowledge.QuoteKind{knowledge.Reported, knowledge.Direct, knowledge.Partial}
	var qs []knowledge.Quote
	for i := range 12 {
		qs = append(qs, knowledge.Quote{
			ID: fmt.Sprintf("art1/%d", i), Text: fmt.Sprintf("Quote number %d about *sanctions* @here", i),
			Speaker: "Dmitry Medvedev", Role: "Russian President", Kind: kinds[i%3], ArticleID: "art1", Paragraph: 1,
		})
	}
	return knowledge.Person{Name: "Dmitry Medvedev", Aliases: []string{"Medvedev"}, Roles: []string{"Russian President"}, Quotes: 12}, qs
}

func TestQuotePaging(t *testing.T) {
	p, qs := sampleQuotes()
	sorted := sortQuotes(qs)
	for i := 1; i < len(sorted); i++ {
		rank := map[knowledge.QuoteKind]int{knowledge.Direct: 0, knowledge.Partial: 1, knowledge.Reported: 2}
		if rank[sorted[i-1].Kind] > rank[sorted[i].Kind] {
			t.Fatalf("quote %d is %s after %s; want direct, then partial, then reported", i, sorted[i].Kind, sorted[i-1].Kind)
		}
	}
	tests := []struct {
		page, wantPage, wantFields int
		wantPrev, wantNext         bool
	}{
		{1, 1, 5, false, true},
		{2, 2, 5, true, true},
		{3, 3, 2, true, false},
		{99, 3, 2, true, false},
		{0, 1, 5, false, true},
	}
	for _, tt := range tests {
		resp := quotePage(sampleArticles, p, sorted, "", tt.page)
		e := resp.Embeds[0]
		if len(e.Fields) != tt.wantFields {
			t.Errorf("page %d: got %d quotes; want %d", tt.page, len(e.Fields), tt.wantFields)
		}
		if want := fmt.Sprintf("Page %d of 3", tt.wantPage); e.Footer == nil || e.Footer.Text != want {
			t.Errorf("page %d: got footer %+v; want %q", tt.page, e.Footer, want)
		}
		rows := resp.Components
		if len(rows) != 2 || len(rows) > MaxRows {
			t.Fatalf("page %d: got %d button rows; want 2 (paging, context)", tt.page, len(rows))
		}
		ids := map[string]bool{}
		for _, row := range rows {
			btns := row.(discordgo.ActionsRow).Components
			if len(btns) > MaxButtonsPerRow {
				t.Errorf("page %d: a row has %d buttons; want at most %d", tt.page, len(btns), MaxButtonsPerRow)
			}
			for _, c := range btns {
				id := c.(discordgo.Button).CustomID
				if len(id) > MaxCustomID || ids[id] {
					t.Errorf("page %d: custom ID %q is too long or repeated", tt.page, id)
				}
				ids[id] = true
			}
		}
		nav := rows[0].(discordgo.ActionsRow).Components
		prev, next := nav[0].(discordgo.Button), nav[1].(discordgo.Button)
		if prev.Disabled == tt.wantPrev || next.Disabled == tt.wantNext {
			t.Errorf("page %d: previous enabled %v, next enabled %v; want %v, %v", tt.page, !prev.Disabled, !next.Disabled, tt.wantPrev, tt.wantNext)
		}
		if tt.wantNext {
			if _, _, n, err := parsePageID(next.CustomID); err != nil || n != tt.wantPage+1 {
				t.Errorf("page %d: next button %q leads to page %d (%v); want %d", tt.page, next.CustomID, n, err, tt.wantPage+1)
			}
		}
		ctx := rows[1].(discordgo.ActionsRow).Components
		if len(ctx) != tt.wantFields {
			t.Errorf("page %d: got %d context buttons; want one per quote (%d)", tt.page, len(ctx), tt.wantFields)
		}
		if strings.Contains(e.Fields[0].Value, "@here") {
			t.Errorf("page %d: quote text %q contains a live @here", tt.page, e.Fields[0].Value)
		}
	}
	first := quotePage(sampleArticles, p, sorted, "", 1)
	if !strings.Contains(first.Embeds[0].Fields[0].Name, "Direct quote") {
		t.Errorf("first quote is %q; want a direct quote first", first.Embeds[0].Fields[0].Name)
	}
	golden(t, "quote_page1", first)
	golden(t, "quote_page3_topic", quotePage(sampleArticles, p, sorted, "sanctions", 3))

	single := quotePage(sampleArticles, p, sorted[:2], "", 1)
	if len(single.Components) != 1 {
		t.Errorf("one page: got %d rows; want only the context row", len(single.Components))
	}
}

func TestContextResponse(t *testing.T) {
	art, _ := sampleArticles("art1")
	para := art.Paragraphs[1]
	words := strings.Fields(para)
	q := knowledge.Quote{ID: "art1/0", Text: "counterproductive", Speaker: "Dmitry Medvedev", Kind: knowledge.Partial, ArticleID: "art1", Paragraph: 1}
	resp := contextResponse(q, art)
	if !resp.Ephemeral {
		t.Errorf("got a public context reply; want it ephemeral")
	}
	d := resp.Embeds[0].Description
	if !strings.Contains(d, "**"+Escape(q.Text)+"**") {
		t.Errorf("got %q; want the quote %q in bold", d[:min(len(d), 200)], q.Text)
	}
	if !strings.Contains(d, Escape(words[0])) {
		t.Errorf("got %q; want the surrounding paragraph, starting %q", d[:min(len(d), 200)], words[0])
	}
	q.Paragraph = 999
	if d := contextResponse(q, art).Embeds[0].Description; !strings.Contains(d, Escape(q.Text)) {
		t.Errorf("paragraph out of range: got %q; want the quote text itself", d)
	}
	golden(t, "context", resp)
}

func TestPersonChoices(t *testing.T) {
	var people []knowledge.Person
	for i := range 30 {
		people = append(people, knowledge.Person{Name: fmt.Sprintf("Person %02d", i), Quotes: 30 - i})
	}
	people = append(people[:3], append([]knowledge.Person{{Name: "Person 00", Quotes: 1}}, people[3:]...)...)
	long := knowledge.Person{Name: strings.Repeat("Verylongname ", 12), Quotes: 123}
	choices := personChoices(append([]knowledge.Person{long}, people...))
	if len(choices) != MaxChoices {
		t.Fatalf("got %d choices; want %d", len(choices), MaxChoices)
	}
	seen := map[any]bool{}
	for _, c := range choices {
		v, _ := c.Value.(string)
		if Len(c.Name) > MaxChoiceName || Len(v) > MaxChoiceValue || v == "" {
			t.Errorf("choice %q = %q: name %d, value %d characters; want 1..100", c.Name, v, Len(c.Name), Len(v))
		}
		if seen[v] {
			t.Errorf("value %q offered twice", v)
		}
		seen[v] = true
	}
	if got, want := choices[1].Name, "Person 00 (30)"; got != want {
		t.Errorf("got choice name %q; want %q", got, want)
	}
	if got, want := choices[1].Value, "Person 00"; got != want {
		t.Errorf("got choice value %q; want the canonical name %q", got, want)
	}
	if !strings.HasSuffix(choices[0].Name, "… (123)") {
		t.Errorf("long name choice is %q; want it shortened with the count kept", choices[0].Name)
	}
}

func TestPersonQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sergei Lavrov", "Sergei Lavrov"},
		{"Sergei Lavrov (6)", "Sergei Lavrov"},
		{"  Sergei   Lavrov (12) ", "Sergei Lavrov"},
		{"Group (G8)", "Group (G8)"},
		{"(6)", ""},
	}
	for _, tt := range tests {
		if got := personQuery(tt.in); got != tt.want {
			t.Errorf("personQuery(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestCompletePeopleOffersOnlyQuotedPeople checks autocomplete and the
// "did you mean" hint find people through typos and partial names, and never
// offer someone the articles mention but never quote, whose page would be
// empty.
func TestCompletePeopleOffersOnlyQuotedPeople(t *testing.T) {
	article := "Harbour plan approved\n\n" +
		"Mayor Quentin Varga opened the meeting on Tuesday.\n\n" +
		"\"The harbour will be rebuilt by spring,\" said Ottoline Brackenridge, the port director.\n\n" +
		"\"We have waited long enough,\" said councillor Desmond Achterberg.\n"
	lib, errs := knowledge.Build([]knowledge.Source{{Name: "harbour.txt", Data: []byte(article)}})
	if len(errs) > 0 {
		t.Fatalf("build: %v", errs)
	}
	var unquoted string
	for _, p := range lib.People() {
		if strings.Contains(p.Name, "Varga") {
			unquoted = p.Name
			if p.Quotes != 0 {
				t.Fatalf("%s has %d quotes; the test needs a person with none", p.Name, p.Quotes)
			}
		}
	}
	if unquoted == "" {
		t.Fatalf("the library does not list the mayor at all; people: %+v", lib.People())
	}
	tests := []struct {
		typed string
		want  string // first choice; empty means no choice at all
	}{
		{"brackenridge", "Ottoline Brackenridge"},
		{"brakenridge", "Ottoline Brackenridge"},
		{"otto", "Ottoline Brackenridge"},
		{"achterberg", "Desmond Achterberg"},
		{"Desmond Achterberg (1)", "Desmond Achterberg"},
		{"varga", ""},
		{"zzzz", ""},
	}
	for _, tt := range tests {
		got := completePeople(lib, tt.typed, MaxChoices)
		for _, p := range got {
			if p.Quotes == 0 {
				t.Errorf("completePeople(%q) offers %q, who has no quotes", tt.typed, p.Name)
			}
		}
		switch {
		case tt.want == "" && len(got) > 0 && strings.Contains(got[0].Name, "Varga"):
			t.Errorf("completePeople(%q) = %v; want the unquoted mayor left out", tt.typed, got)
		case tt.want != "" && (len(got) == 0 || got[0].Name != tt.want):
			t.Errorf("completePeople(%q) = %v; want %q first", tt.typed, got, tt.want)
		}
	}
	// Typed text that names nobody gets a "did you mean" hint; fuzzy
	// subsequence matching would reach the mayor, but he has no quotes.
	for _, typed := range []string{"qntnvrg", "quvarg", "tinvar"} {
		_, err := resolvePerson(lib, typed)
		msg, ok := IsUserError(err)
		if !ok || strings.Contains(msg, "Varga") {
			t.Errorf("resolvePerson(%q) = %q, %v; want a user error that does not suggest the unquoted %q", typed, msg, err, unquoted)
		}
	}
}

// TestQuotePageLongQuotes checks five very long quotes still fit one embed
// with all five shown, each shortened, and a button for each.
func TestQuotePageLongQuotes(t *testing.T) {
	p, qs := sampleQuotes()
	for i := range qs {
		qs[i].Text = strings.Repeat(fmt.Sprintf("Long sentence %d here. ", i), 150)
	}
	resp := quotePage(sampleArticles, p, qs, "", 1)
	e := resp.Embeds[0]
	if len(e.Fields) != QuotesPerPage {
		t.Fatalf("got %d quotes; want all %d on the page", len(e.Fields), QuotesPerPage)
	}
	if EmbedLen(e) > MaxEmbedTotal {
		t.Errorf("page has %d characters; want at most %d", EmbedLen(e), MaxEmbedTotal)
	}
	for i, f := range e.Fields {
		if !strings.Contains(f.Value, "…") || !strings.Contains(f.Value, "RFE/RL") {
			t.Errorf("quote %d = %q; want it shortened with its citation kept", i, f.Value)
		}
	}
	if got := len(resp.Components[1].(discordgo.ActionsRow).Components); got != QuotesPerPage {
		t.Errorf("got %d context buttons; want %d", got, QuotesPerPage)
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"But before we get there."`, "But before we get there."},
		{`“"nested"”`, "nested"},
		{"«Bonjour»", "Bonjour"},
		{`He said "no" today`, `He said "no" today`},
		{`"No," he said, "yes"`, `"No," he said, "yes"`},
		{"‘We will not’", "We will not"},
		{`"`, `"`},
		{`""`, `""`},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := unquote(tt.in); got != tt.want {
			t.Errorf("unquote(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestAnswerFieldQuoteMarks checks that a card adds its own quote marks only
// around bare quoted words, never around a sentence that already shows the
// speaker's marks and its attribution.
func TestAnswerFieldQuoteMarks(t *testing.T) {
	for _, tt := range []struct {
		name, text, wantPrefix string
	}{
		{"bare words get marks", "We will act.", "> “We will act.”"},
		{"marked words keep one pair", "“We will act.”", "> “We will act.”"},
		{"sentence with attribution is shown as written", `"We will act," she said.`, `> "We will act," she said.`},
	} {
		f := answerField(1, knowledge.Answer{Text: tt.text, Kind: knowledge.AnswerQuote, Speaker: "Jane Doe"})
		if !strings.HasPrefix(f.Value, tt.wantPrefix) {
			t.Errorf("%s: got value %q; want it to start with %q", tt.name, f.Value, tt.wantPrefix)
		}
	}
}
