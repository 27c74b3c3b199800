package knowledge

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// testArticle is a small article in the style of a wire report, written
// for these tests: it names no seed person and has quotes of every kind.
const testArticle = `Harbour plan splits Port Ellis council

PORT ELLIS, March 3, 2021 (Coast Wire) -- The Port Ellis council voted on Tuesday to delay the harbour expansion until an environmental review is finished.

"We cannot pour concrete into a bay we do not understand," said Marta Okonkwo, the council's environment chair. "The review will take six months, and it is worth every day."

Mayor Tobias Lindqvist said the delay would cost the town jobs. He called the review "a luxury the fishermen cannot afford."

The expansion would double the number of berths at the northern quay, from 40 to 80.

Lindqvist argues that the harbour has lost ships to Brenner Bay since 2019.

Okonkwo believes the council can protect the salt marsh and still grow the port.
`

// secondArticle repeats a lead sentence and adds another speaker, to test
// duplicates and look-ups across articles.
const secondArticle = `Fishermen back mayor on harbour

PORT ELLIS, March 10, 2021 (Coast Wire) -- Fishermen marched to the town hall on Saturday in support of the harbour expansion.

"Every season we wait, we lose boats to Brenner Bay," said Ines Castellano, who leads the fishermen's cooperative.

Mr Lindqvist told reporters that the marsh study was already under way.
`

// testLibrary builds a library from the test articles, with corrections
// when given.
func testLibrary(t testing.TB, corrections string) *Library {
	t.Helper()
	srcs := []Source{
		{Name: "harbour.txt", Data: []byte(testArticle)},
		{Name: "fishermen.txt", Data: []byte(secondArticle)},
	}
	if corrections != "" {
		srcs[0].Corrections = []byte(corrections)
	}
	lib, skipped := Build(srcs)
	for _, s := range skipped {
		if !strings.HasSuffix(s.File, correctionsSuffix) {
			t.Fatalf("skipped %v", s)
		}
	}
	return lib
}

func TestAskFindsSpeakerWords(t *testing.T) {
	lib := testLibrary(t, "")
	tests := []struct {
		q, want, speaker string
	}{
		{"What did Okonkwo say about the review?", "worth every day", "Marta Okonkwo"},
		{"What did the mayor say about jobs?", "cost the town jobs", ""},
		{"How many berths will the northern quay have?", "from 40 to 80", ""},
		{"When did the council vote?", "voted on Tuesday", ""},
		{"lindqvist brenner bay", "lost ships to Brenner Bay", "Tobias Lindqvist"},
		{"What did Marta say about the review?", "worth every day", "Marta Okonkwo"},               // a first name nobody else has
		{"<@123456789012> what did okonkwo say about concrete?", "pour concrete", "Marta Okonkwo"}, // chat markup is not part of it
	}
	for _, tt := range tests {
		res := lib.Ask(tt.q, 3)
		if len(res.Answers) == 0 {
			t.Errorf("Ask(%q) abstained; want %q", tt.q, tt.want)
			continue
		}
		top := res.Answers[0]
		if !ContainsPhrase(top.Text, tt.want) {
			t.Errorf("Ask(%q) = %q; want it to hold %q", tt.q, top.Text, tt.want)
		}
		if tt.speaker != "" && top.Speaker != tt.speaker {
			t.Errorf("Ask(%q) speaker = %q; want %q", tt.q, top.Speaker, tt.speaker)
		}
	}
}

func TestAskToleratesTypos(t *testing.T) {
	lib := testLibrary(t, "")
	tests := []struct{ q, want string }{
		{"okonkow concrete", "pour concrete"},    // swapped letters in a name
		{"enviromental review", "environmental"}, // dropped letter
		{"what did lindqvst say about jobs", "cost the town jobs"},
	}
	for _, tt := range tests {
		res := lib.Ask(tt.q, 3)
		if len(res.Answers) == 0 || !ContainsPhrase(res.Answers[0].Text, tt.want) {
			t.Errorf("Ask(%q) = %v; want first answer holding %q", tt.q, texts(res), tt.want)
		}
	}
}

func TestAskNeverCorrectsNumbersOrShortWords(t *testing.T) {
	lib := testLibrary(t, "")
	// 2019 is in the library; 2018 is one edit away and must not match it.
	for _, q := range []string{"What happened in 2018?", "baz"} {
		if res := lib.Ask(q, 3); len(res.Answers) != 0 {
			t.Errorf("Ask(%q) = %v; want an abstention", q, texts(res))
		}
	}
	if got := maxEdits("2019"); got != 0 {
		t.Errorf("maxEdits(2019) = %d; want 0", got)
	}
	for w, want := range map[string]int{"bay": 0, "port": 0, "harbour": 1, "environmental": 2} {
		if got := maxEdits(w); got != want {
			t.Errorf("maxEdits(%q) = %d; want %d", w, got, want)
		}
	}
}

func TestAskAbstains(t *testing.T) {
	lib := testLibrary(t, "")
	for _, q := range []string{
		"hello!",
		"thanks, bye",
		"What did Angela Merkel say about the harbour?", // somebody not in the articles
		"What did Okonkwo say about football?",          // a person in them, a topic not
		"Who is the president of France?",
		"How do rockets reach orbit?",
		"What do you think?", // framing words only
		"What year is it?",   // "year" frames a when-question
		"Can you help me?",
		"",
		"?!",
		"How many ships has the harbour lost?", // ships named, but no count beside them
		"Who is the chair of Brenner Bay?",     // "Brenner Bay" without a chair is not its chair
	} {
		res := lib.Ask(q, 3)
		if len(res.Answers) != 0 {
			t.Errorf("Ask(%q) = %v; want an abstention", q, texts(res))
		}
		if res.Question != q {
			t.Errorf("Ask(%q).Question = %q", q, res.Question)
		}
	}
	res := lib.Ask("What did Okonkwo say about football?", 3)
	if len(res.Suggestions) == 0 || res.Suggestions[0] != "Marta Okonkwo" {
		t.Errorf("got suggestions %v; want Marta Okonkwo first", res.Suggestions)
	}
}

// TestAskWantsTheKindOfAnswerAsked checks that an excerpt sharing a
// question's words is not offered when it cannot be the kind of answer
// asked for: a count for "how many", the articles' own words rather than
// advice to the asker; and that the same words asked for what the
// articles do give still find it.
func TestAskWantsTheKindOfAnswerAsked(t *testing.T) {
	lib, _ := Build([]Source{{Name: "navy.txt", Data: []byte(`Navy and guide mark harbour week

PORT ELLIS, March 3, 2021 (Coast Wire) -- The town guide recommended the harbour cafe to visitors on Monday.

The navy keeps its submarines at the northern base, where the cafe stands.

The navy said it has 12 frigates at the southern base.
`)}})
	tests := []answerCase{
		{"Recommend me a cafe", ""},
		{"Can you recommend a harbour cafe?", ""},
		{"<@123456789012> Recommend a cafe", ""},
		{"What did the guide recommend?", "recommended the harbour cafe"},
		{"How many submarines does the navy have?", ""},
		{"How many frigates does the navy have?", "12 frigates"},
	}
	checkAnswers(t, lib, tests)
}

func TestAskAnswerFields(t *testing.T) {
	lib := testLibrary(t, "")
	res := lib.Ask("What did Okonkwo say about concrete?", 3)
	if len(res.Answers) == 0 {
		t.Fatal("abstained")
	}
	a := res.Answers[0]
	if a.Kind != AnswerQuote {
		t.Errorf("got kind %q; want quote", a.Kind)
	}
	if a.Article.ID != "harbour" || a.Article.File != "harbour.txt" {
		t.Errorf("got article %q (%q); want harbour", a.Article.ID, a.Article.File)
	}
	if a.QuoteID == "" {
		t.Error("got no quote ID for a quote")
	}
	if !containsString(a.Terms, "concrete") || !containsString(a.Terms, "Okonkwo") {
		t.Errorf("got terms %v; want concrete and Okonkwo as written", a.Terms)
	}
	for _, term := range a.Terms {
		if !strings.Contains(a.Text, term) {
			t.Errorf("term %q is not in the text %q", term, a.Text)
		}
	}
	if got := lib.Paragraph(a.Article.ID, a.Paragraph); !strings.Contains(got, "concrete") {
		t.Errorf("Paragraph(%d) = %q; want the paragraph of the quote", a.Paragraph, got)
	}
}

func TestAskNoDuplicateAnswers(t *testing.T) {
	// The same lead in two files is one excerpt.
	lead := "Harbour fight\n\nThe council voted to delay the harbour expansion until a review of the salt marsh is finished.\n\nOther news followed in the town that week."
	lib, _ := Build([]Source{
		{Name: "a.txt", Data: []byte(lead)},
		{Name: "b.txt", Data: []byte(lead + "\n\nA second paragraph about the marsh review and its cost.")},
	})
	res := lib.Ask("Why did the council delay the harbour expansion?", 3)
	seen := map[string]bool{}
	for _, a := range res.Answers {
		k := matchKey(a.Text)
		if seen[k] {
			t.Errorf("answer %q given twice", a.Text)
		}
		seen[k] = true
	}
	if len(res.Answers) == 0 {
		t.Error("abstained; want the lead")
	}
}

func TestFindPerson(t *testing.T) {
	lib := testLibrary(t, "")
	tests := []struct{ query, want string }{
		{"okonkwo", "Marta Okonkwo"},
		{"Marta Okonkwo", "Marta Okonkwo"},
		{"marta okonkow", "Marta Okonkwo"},
		{"Mr Lindqvist", "Tobias Lindqvist"},
		{"Mayor Lindqvist", "Tobias Lindqvist"},
		{"castellano", "Ines Castellano"},
		{"boris johnson", ""},
		{"marta lindqvist", ""}, // two real words that do not make one person
		{"", ""},
	}
	for _, tt := range tests {
		p, ok := lib.FindPerson(tt.query)
		if tt.want == "" {
			if ok {
				t.Errorf("FindPerson(%q) = %q; want nobody", tt.query, p.Name)
			}
			continue
		}
		if !ok || p.Name != tt.want {
			t.Errorf("FindPerson(%q) = %q, %v; want %q", tt.query, p.Name, ok, tt.want)
		}
	}
}

func TestQuotesOfOrdersKinds(t *testing.T) {
	lib := testLibrary(t, "")
	qs := lib.QuotesOf("Tobias Lindqvist", "")
	if len(qs) < 2 {
		t.Fatalf("got %d quotes of Lindqvist; want at least 2: %v", len(qs), qs)
	}
	for i := 1; i < len(qs); i++ {
		if kindRank(qs[i-1].Kind) > kindRank(qs[i].Kind) {
			t.Errorf("quote %d is %s after %s; want direct, partial, reported", i, qs[i].Kind, qs[i-1].Kind)
		}
	}
	for _, q := range qs {
		if q.Speaker != "Tobias Lindqvist" {
			t.Errorf("got a quote of %q", q.Speaker)
		}
	}
	topic := lib.QuotesOf("Tobias Lindqvist", "ships")
	if len(topic) != 1 || !strings.Contains(topic[0].Text, "ships") {
		t.Errorf("QuotesOf(Lindqvist, ships) = %v; want the one about ships", topic)
	}
	if got := lib.QuotesOf("lindqvist", ""); len(got) != len(qs) {
		t.Errorf("QuotesOf(alias lindqvist) = %d quotes; want the %d of Tobias Lindqvist", len(got), len(qs))
	}
	if got := lib.QuotesOf("Nobody Here", ""); got != nil {
		t.Errorf("QuotesOf(unknown) = %v; want nil", got)
	}
}

func TestQuotesOfDedupesCopies(t *testing.T) {
	// The same story filed twice: one quote, found by a topic search too.
	lib, _ := Build([]Source{{Name: "a.txt", Data: []byte(testArticle)}, {Name: "b.txt", Data: []byte(testArticle)}})
	single := testLibrary(t, "")
	for _, topic := range []string{"", "concrete"} {
		got, want := len(lib.QuotesOf("Marta Okonkwo", topic)), 0
		for _, q := range single.QuotesOf("Marta Okonkwo", topic) {
			if q.ArticleID == "harbour" {
				want++
			}
		}
		if got != want || want == 0 {
			t.Errorf("QuotesOf(Okonkwo, %q) on a doubled story = %d quotes; want %d", topic, got, want)
		}
	}
}

func TestComplete(t *testing.T) {
	lib := testLibrary(t, "")
	if got := lib.Complete("okon", 25); len(got) == 0 || got[0].Name != "Marta Okonkwo" {
		t.Errorf("Complete(okon) = %v; want Marta Okonkwo first", names(got))
	}
	if got := lib.Complete("lindq", 25); len(got) == 0 || got[0].Name != "Tobias Lindqvist" {
		t.Errorf("Complete(lindq) = %v; want Tobias Lindqvist first", names(got))
	}
	all := lib.Complete("", 2)
	if len(all) != 2 || all[0].Quotes < all[1].Quotes {
		t.Errorf("Complete(\"\", 2) = %v; want the two most quoted", names(all))
	}
	if got := lib.Complete("zzzzqx", 25); len(got) != 0 {
		t.Errorf("Complete(zzzzqx) = %v; want none", names(got))
	}
	// People the articles name but never quote are not offered.
	seeds := seedLibrary(t)
	for _, prefix := range []string{"", "s", "serg", "ivanov"} {
		for _, p := range seeds.Complete(prefix, 25) {
			if p.Quotes == 0 {
				t.Errorf("Complete(%q) offers %s, who has no quotes", prefix, p.Name)
			}
		}
	}
}

func TestCorrections(t *testing.T) {
	plain := testLibrary(t, "")
	var target Quote
	for q := range plain.Quotes() {
		if strings.Contains(q.Text, "salt marsh and still grow") {
			target = q
		}
	}
	if target.ID == "" {
		t.Fatal("the extractor found no quote about the salt marsh; the test needs one")
	}
	prefix := strings.ToUpper(strings.Join(strings.Fields(target.Text)[:4], "  "))
	lib := testLibrary(t, fmt.Sprintf(`[{"match": %q, "speaker": "Ines Castellano", "by": "mod", "at": "2024-01-01T00:00:00Z"},
		{"match": "\u201cWe cannot pour concrete", "hide": true}]`, prefix))
	got, ok := lib.Quote(target.ID)
	if !ok || got.Speaker != "Ines Castellano" {
		t.Errorf("corrected quote speaker = %q, %v; want Ines Castellano", got.Speaker, ok)
	}
	if target.Speaker != got.Speaker && target.Role != "" && got.Role == target.Role {
		t.Errorf("corrected quote role = %q; want the old speaker's role dropped", got.Role)
	}
	for q := range lib.Quotes() {
		if strings.HasPrefix(q.Text, "We cannot pour concrete") {
			t.Errorf("hidden quote still listed: %q", q.Text)
		}
	}
	var counts = map[string]int{}
	for q := range lib.Quotes() {
		counts[q.Speaker]++
	}
	for _, p := range lib.People() {
		if p.Quotes != counts[p.Name] {
			t.Errorf("%s has Quotes=%d; want %d after corrections", p.Name, p.Quotes, counts[p.Name])
		}
	}
}

func TestMalformedCorrectionsKeepArticle(t *testing.T) {
	for _, bad := range []string{`{not json`, `[{"match": ""}]`, `[{"match": "x"}]`} {
		lib, skipped := Build([]Source{{Name: "harbour.txt", Data: []byte(testArticle), Corrections: []byte(bad)}})
		if len(lib.Articles()) != 1 {
			t.Errorf("corrections %q: got %d articles; want the article kept", bad, len(lib.Articles()))
		}
		if len(skipped) != 1 || skipped[0].File != "harbour.txt"+correctionsSuffix || skipped[0].Reason == "" {
			t.Errorf("corrections %q: got skipped %v; want the corrections file reported", bad, skipped)
		}
	}
}

func TestBuildReportsBadFiles(t *testing.T) {
	lib, skipped := Build([]Source{
		{Name: "good.txt", Data: []byte(testArticle)},
		{Name: "empty.txt", Data: []byte("  \n ")},
		{Name: "binary.txt", Data: []byte{0xff, 0xfe, 0x00, 0x01}},
	})
	if len(lib.Articles()) != 1 {
		t.Errorf("got %d articles; want 1", len(lib.Articles()))
	}
	files := map[string]bool{}
	for _, s := range skipped {
		files[s.File] = s.Reason != ""
	}
	if !files["empty.txt"] || !files["binary.txt"] {
		t.Errorf("got skipped %v; want empty.txt and binary.txt with reasons", skipped)
	}
}

func TestAskConcurrent(t *testing.T) {
	lib := testLibrary(t, "")
	want := texts(lib.Ask("What did Okonkwo say about the review?", 3))
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got := texts(lib.Ask("What did Okonkwo say about the review?", 3))
				if strings.Join(got, "|") != strings.Join(want, "|") {
					errs <- fmt.Sprintf("got %v; want %v", got, want)
					return
				}
				lib.Ask("lindqvist ships", 3)
				lib.FindPerson("okonkwo")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestTokenize(t *testing.T) {
	toks := tokenize(`U.S.-led talks, Russia’s "two-plus-two" don't 2+2`)
	var got []string
	for _, tk := range toks {
		got = append(got, tk.norm)
	}
	want := "us led talks russia two plus two dont 2 2"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q; want %q", strings.Join(got, " "), want)
	}
	if !toks[0].acronym || isStop(toks[0]) {
		t.Error("U.S. should be an acronym and not the stopword us")
	}
	if toks[0].surface != "U.S." {
		t.Errorf("got surface %q; want U.S.", toks[0].surface)
	}
}

func TestStemWord(t *testing.T) {
	tests := map[string]string{"met": "meet", "said": "say", "sanctions": "sanction", "withdrawn": "withdraw", "2010": "2010"}
	for in, want := range tests {
		if got := stemWord(in); got != want {
			t.Errorf("stemWord(%q) = %q; want %q", in, got, want)
		}
	}
}

// texts lists the answer texts of a result.
func texts(r Result) []string {
	var out []string
	for _, a := range r.Answers {
		out = append(out, a.Text)
	}
	return out
}

// names lists people's names.
func names(ps []Person) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// containsString reports whether ss holds s.
func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestMayAskAdvice checks the cheap scan that spares most questions a
// second tokenisation finds every advice verb whatever its case, and only
// whole words.
func TestMayAskAdvice(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"Recommend me a good film", true},
		{"can you SUGGEST a book?", true},
		{"<@123> advise us on shares", true},
		{"What did the minister recommend?", true},
		{"What did the minister say about recommendations?", false},
		{"Who suggested the plan?", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := mayAskAdvice(tt.q); got != tt.want {
			t.Errorf("mayAskAdvice(%q) = %v; want %v", tt.q, got, tt.want)
		}
		if asksAdvice(tt.q) && !tt.want {
			t.Errorf("asksAdvice(%q) is true though the scan finds no advice verb", tt.q)
		}
	}
}

// answerCase is a question and a phrase its first answer must hold; an
// empty phrase means the library must decline.
type answerCase struct{ q, want string }

// checkAnswers asks lib each question and checks the first answer, or
// the abstention.
func checkAnswers(t *testing.T, lib *Library, tests []answerCase) {
	t.Helper()
	for _, tt := range tests {
		res := lib.Ask(tt.q, 3)
		switch {
		case tt.want == "" && len(res.Answers) > 0:
			t.Errorf("Ask(%q) = %v; want an abstention", tt.q, texts(res))
		case tt.want != "" && (len(res.Answers) == 0 || !ContainsPhrase(res.Answers[0].Text, tt.want)):
			t.Errorf("Ask(%q) = %v; want %q first", tt.q, texts(res), tt.want)
		}
	}
}
