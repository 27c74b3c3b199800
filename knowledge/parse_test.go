package knowledge

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// update rewrites golden files under testdata/ instead of comparing with
// them: go test ./knowledge -update. Other tests of the package may use it.
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// seedDir is the repository's built-in articles, relative to knowledge/.
const seedDir = "../seeds"

// loadSeeds parses every seed article, failing the test on any error.
func loadSeeds(t testing.TB) []*Parsed {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed articles in %s: %v", seedDir, err)
	}
	sort.Strings(files)
	var docs []*Parsed
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(Source{Name: filepath.Base(f), Data: data})
		if err != nil {
			t.Fatalf("Parse(%s): %v", f, err)
		}
		docs = append(docs, p)
	}
	return docs
}

// goldenQuote is the golden form of one quote.
type goldenQuote struct {
	Article string    `json:"article"`
	Kind    QuoteKind `json:"kind"`
	Speaker string    `json:"speaker"`
	Text    string    `json:"text"`
}

func TestSeedQuotesGolden(t *testing.T) {
	docs := loadSeeds(t)
	MergePeople(docs)
	var got []goldenQuote
	for _, d := range docs {
		for _, q := range d.Quotes {
			got = append(got, goldenQuote{Article: d.Article.ID, Kind: q.Kind, Speaker: q.Speaker, Text: q.Text})
		}
	}
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	path := filepath.Join("testdata", "seed_quotes.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./knowledge -update to create it): %v", err)
	}
	if !bytes.Equal(data, want) {
		var w []goldenQuote
		_ = json.Unmarshal(want, &w)
		for i := 0; i < len(got) || i < len(w); i++ {
			var g, x goldenQuote
			if i < len(got) {
				g = got[i]
			}
			if i < len(w) {
				x = w[i]
			}
			if g != x {
				t.Errorf("quote %d: got %+v; want %+v", i, g, x)
			}
		}
		t.Errorf("seed quotes differ from %s (run with -update after checking the change)", path)
	}
}

// findQuote returns the first quote of docs whose text contains s.
func findQuote(docs []*Parsed, s string) (Quote, bool) {
	for _, d := range docs {
		for _, q := range d.Quotes {
			if strings.Contains(q.Text, s) {
				return q, true
			}
		}
	}
	return Quote{}, false
}

func TestSeedQuoteExpectations(t *testing.T) {
	docs := loadSeeds(t)
	MergePeople(docs)
	tests := []struct {
		text, speaker string // speaker: a word of the canonical name
		kind          QuoteKind
	}{
		{"antimissile-defense system can be deployed on the moon", "Putin", Direct},
		{"But before we get there", "Putin", Direct},
		{"We believe collective work would be much more effective", "Lavrov", Direct},
		{"Such unilateral actions stand in contrast", "Lavrov", Direct},
		{"we will sanction them", "Rice", Direct},
		{"We have agreed that our experts should work very urgently", "Rice", Direct},
		{"how how to make this treaty viable", "Lavrov", Direct},
		{"About the issue of Poland and Czech Republic", "Rice", Direct},
		{"has already been reached", "Kobrinskaya", Direct},
		{"It is unlikely the U.S. will change track", "Beloruchev", Direct},
		{"we expect the consultations to be constructive", "Antonov", Direct},
		{"The only thing that’s new", "Tauscher", Direct},
		{"This is the place where we can begin", "Tauscher", Direct},
		{"What they (Russia) are looking for", "Tauscher", Direct},
		{"We need the elections [to] pass", "Tauscher", Direct},
		{"called additional sanctions “counterproductive”", "Medvedev", Partial},
		{"would have a “constructive nature”", "Ministry", Partial},
		{"could play a very useful role", "Gates", Partial},
		{"David Kramer believes Moscow has limited influence", "Kramer", Reported},
		{"Gary Samore stated that US concessions", "Samore", Reported},
		{"Robert Legvold argues that", "Legvold", Reported},
		{"Mr Lavrov added that Russia appreciates", "Lavrov", Reported},
	}
	for _, tt := range tests {
		q, ok := findQuote(docs, tt.text)
		if !ok {
			t.Errorf("no quote containing %q", tt.text)
			continue
		}
		if !strings.Contains(q.Speaker, tt.speaker) {
			t.Errorf("quote %q: got speaker %q; want one containing %q", tt.text, q.Speaker, tt.speaker)
		}
		if q.Kind != tt.kind {
			t.Errorf("quote %q: got kind %q; want %q", tt.text, q.Kind, tt.kind)
		}
	}
	// Not quotes: scare quotes and headlines in quote marks.
	for _, s := range []string{"two-plus-two", "2+2 format", "Despite continued US efforts", "grand bargain", "rogue states"} {
		for _, d := range docs {
			for _, q := range d.Quotes {
				if q.Kind == Direct && strings.Contains(q.Text, s) {
					t.Errorf("got direct quote %q; %q is not a quotation", q.Text, s)
				}
			}
		}
	}
	// The pull-quote repeated in the body is one quote.
	n := 0
	for _, d := range docs {
		for _, q := range d.Quotes {
			if strings.Contains(q.Text, "We have agreed that our experts should work very urgently") {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("got %d quotes of the repeated pull-quote; want 1", n)
	}
}

func TestSeedPeople(t *testing.T) {
	docs := loadSeeds(t)
	people := MergePeople(docs)
	byName := map[string]Person{}
	for _, p := range people {
		byName[p.Name] = p
	}
	var lavrov *Person
	for i, p := range people {
		if strings.HasSuffix(p.Name, "Lavrov") {
			if lavrov != nil {
				t.Errorf("got two Lavrov entries: %q and %q; want one", lavrov.Name, p.Name)
			}
			lavrov = &people[i]
		}
	}
	if lavrov == nil {
		t.Fatal("no Lavrov entry")
	}
	for _, alias := range []string{"Lavrov", "Mr Lavrov"} {
		if lavrov.Name != alias && !containsFold(lavrov.Aliases, alias) {
			t.Errorf("Lavrov aliases %q lack %q", lavrov.Aliases, alias)
		}
	}
	if !(strings.Contains(lavrov.Name, "Serge") && (containsFold(lavrov.Aliases, "Sergei Lavrov") || containsFold(lavrov.Aliases, "Sergey Lavrov"))) {
		t.Errorf("got Lavrov %q with aliases %q; want both Sergei and Sergey spellings", lavrov.Name, lavrov.Aliases)
	}
	if lavrov.Quotes < 4 {
		t.Errorf("got %d Lavrov quotes; want at least 4", lavrov.Quotes)
	}
	if !containsFold(lavrov.Roles, "Russia's Foreign Minister") && !containsFold(lavrov.Roles, "Foreign Minister") {
		t.Errorf("Lavrov roles %q lack his title", lavrov.Roles)
	}
	for i := 1; i < len(people); i++ {
		if people[i].Quotes > people[i-1].Quotes {
			t.Errorf("people not sorted by quotes: %q (%d) after %q (%d)", people[i].Name, people[i].Quotes, people[i-1].Name, people[i-1].Quotes)
		}
	}
	for _, d := range docs {
		for _, q := range d.Quotes {
			if q.Speaker != "" && !isDescription(q.Speaker) {
				if _, ok := byName[q.Speaker]; !ok {
					t.Errorf("quote speaker %q is not a person's canonical name", q.Speaker)
				}
			}
		}
	}
}

func TestSeedBoilerplateRemoved(t *testing.T) {
	docs := loadSeeds(t)
	leaks := []string{
		"icon bookmark", "chevron", "Leave a Reply", "Leave a Comment", "Fill in your details",
		"You are commenting using", "Related post", "Podcasts", "0:00", "Subscribe",
		"Newsfeed", "log in or register", "Copyright", "Reprinted with the permission",
		"© RIA Novosti", "mediabank", "Join the GlobalSecurity.org mailing list",
		"bloggers like this", "Connecting to", "UNITED24", "banner", "Заголовок",
		"Post a Comment", "No comments", "Responses to", "Stay tuned", "Chats",
		"Reuters | Agence", "Points Of Disagreement",
	}
	for _, d := range docs {
		for i, p := range d.Article.Paragraphs {
			for _, l := range leaks {
				if strings.Contains(p, l) {
					t.Errorf("%s paragraph %d leaks %q: %q", d.Article.ID, i, l, p)
				}
			}
		}
		for _, s := range d.Sentences {
			if strings.TrimSpace(s.Text) == "" {
				t.Errorf("%s: empty sentence", d.Article.ID)
			}
		}
	}
	// The lead repeated in the Sputnik-style article is kept once, in its
	// fuller form.
	n := 0
	for _, d := range docs {
		for _, p := range d.Article.Paragraphs {
			if strings.Contains(p, "top arms control official has said") {
				n++
				if !strings.Contains(p, "magazine reported") {
					t.Errorf("kept the shorter copy of the repeated lead: %q", p)
				}
			}
		}
	}
	if n != 1 {
		t.Errorf("got the repeated lead %d times; want 1", n)
	}
}

func TestSeedMetadata(t *testing.T) {
	docs := loadSeeds(t)
	want := []struct{ title, publisher, published, dateline string }{
		{"Despite continued US efforts, Russia firm on missile defense, sanctions", "", "July 4-14, 2009", ""},
		{"Russia, U.S. Fail To Bridge Differences Over Missile Defense", "RFE/RL", "2007-10-12", ""},
		{"Russia and U.S. remain divided over European missile shield", "", "2007-10-12", ""},
		{"", "RIA Novosti", "August 8", "MOSCOW"},
		{"U.S. says will give no missile defense assurances to Russia", "Sputnik International", "", ""},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d seeds; want %d", len(docs), len(want))
	}
	for i, w := range want {
		a := docs[i].Article
		if w.title != "" && a.Title != w.title {
			t.Errorf("%s: got title %q; want %q", a.ID, a.Title, w.title)
		}
		if a.Title == "" {
			t.Errorf("%s: empty title", a.ID)
		}
		if a.Publisher != w.publisher {
			t.Errorf("%s: got publisher %q; want %q", a.ID, a.Publisher, w.publisher)
		}
		if a.Published != w.published {
			t.Errorf("%s: got published %q; want %q", a.ID, a.Published, w.published)
		}
		if a.Dateline != w.dateline {
			t.Errorf("%s: got dateline %q; want %q", a.ID, a.Dateline, w.dateline)
		}
	}
	// The dateline is not left in the text.
	if p := docs[3].Article.Paragraphs[0]; strings.HasPrefix(p, "MOSCOW") {
		t.Errorf("dateline left in first paragraph: %q", p)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.txt", []byte(""), "empty"},
		{"blank.txt", []byte("  \n\n \t\n"), "empty"},
		{"latin1.txt", []byte("Caf\xe9 owners said the rent was too high.\n"), "not UTF-8"},
		{"junk.txt", []byte("Subscribe\nLog in\n0:00\n"), "no article text"},
	}
	for _, tt := range tests {
		_, err := Parse(Source{Name: tt.name, Data: tt.data})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s): got error %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestFrontMatterOverrides(t *testing.T) {
	src := "---\ntitle: A Better Title\npublisher: The Daily Test\nurl: https://example.com/a\npublished: 2020-03-04\nauthor: Jo Writer\n---\nHeadline From The Page Itself\n\n\"We will build the bridge this year,\" Mayor Jane Doe said on Monday.\n"
	p, err := Parse(Source{Name: "a.md", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	a := p.Article
	got := []string{a.Title, a.Publisher, a.URL, a.Published, a.Author, a.ID}
	want := []string{"A Better Title", "The Daily Test", "https://example.com/a", "2020-03-04", "Jo Writer", "a"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: got %q; want %q", i, got[i], want[i])
		}
	}
	if len(p.Quotes) != 1 || p.Quotes[0].Speaker != "Jane Doe" {
		t.Errorf("got quotes %+v; want one by Jane Doe", p.Quotes)
	}
}

func TestBylineAndDateLabels(t *testing.T) {
	src := "Council Approves New Bridge\nBy Jane Writer, The Daily Test\nPublished: March 3, 2019 10:15 AM\n\nThe city council approved the new bridge on Tuesday after a long debate.\n"
	p, err := Parse(Source{Name: "b.txt", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	a := p.Article
	got := []string{a.Title, a.Author, a.Publisher, a.Published}
	want := []string{"Council Approves New Bridge", "Jane Writer", "The Daily Test", "2019-03-03"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: got %q; want %q", i, got[i], want[i])
		}
	}
	if len(a.Paragraphs) != 1 {
		t.Errorf("got paragraphs %q; want only the body", a.Paragraphs)
	}
}

func TestTitleInference(t *testing.T) {
	body := " saved a match point before fighting back to beat his rival in three long sets on Tuesday, and the crowd on the centre court rose to him at the end of a long and tense match."
	tests := []struct{ name, text, title, first string }{
		{"headline run into the text", "Henman beats rival in final Tim Henman" + body, "Henman beats rival in final", "Tim Henman saved"},
		{"headline before 'The'", "Bank keeps rates on hold The Bank of England" + body, "Bank keeps rates on hold", "The Bank of England"},
		{"ordinary first sentence", "The player Tim Henman" + body, "The player Tim Henman saved a match point before fighting back to beat his rival in…", "The player Tim Henman"},
		{"credit line", "Jane Writer, The Associated Press\n\nTim Henman" + body, "Tim Henman saved a match point before fighting back to beat his rival in three long…", "Tim Henman"},
		{"photo widget", "Open this photo in gallery A cyclist rides by on Monday. Jane Doe/The Daily Test\n\nTim Henman" + body, "A cyclist rides by on Monday", "A cyclist"},
	}
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if p.Article.Title != tt.title || !strings.HasPrefix(p.Article.Paragraphs[0], tt.first) {
			t.Errorf("%s: got title %q, body %.40q; want %q, body starting %q", tt.name, p.Article.Title, p.Article.Paragraphs[0], tt.title, tt.first)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	src := "# Council Approves *New* Bridge\n\n![photo](a.jpg)\n\nThe city council approved the [new bridge](https://example.com/b) on **Tuesday** after a long debate.\n\n> \"This bridge will serve us for a century,\" Mayor Jane Doe said.\n"
	p, err := Parse(Source{Name: "bridge.md", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	if p.Article.Title != "Council Approves New Bridge" {
		t.Errorf("got title %q; want %q", p.Article.Title, "Council Approves New Bridge")
	}
	body := strings.Join(p.Article.Paragraphs, "\n")
	for _, leak := range []string{"**", "](", "![", "> ", "#"} {
		if strings.Contains(body, leak) {
			t.Errorf("body keeps Markdown %q: %q", leak, body)
		}
	}
	if !strings.Contains(body, "approved the new bridge on Tuesday") {
		t.Errorf("got body %q; want the link text kept", body)
	}
	if len(p.Quotes) != 1 || p.Quotes[0].Speaker != "Jane Doe" {
		t.Errorf("got quotes %+v; want the mayor's quote from the block quote", p.Quotes)
	}
}

func TestParseHTML(t *testing.T) {
	src := `<!doctype html><html><head><title>Page title | Site</title>
<meta property="og:title" content="Council Approves Bridge">
<meta property="og:site_name" content="The Test Gazette">
<meta property="article:published_time" content="2021-05-06T10:00:00Z">
<script>var x = "not text";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council Approves Bridge</h1>
<p>The city council approved the new bridge on Tuesday after a long debate.</p>
<p>&ldquo;This bridge will serve us for a century,&rdquo; Mayor Jane Doe said.</p>
</article><footer>Copyright 2021 The Test Gazette. All rights reserved.</footer></body></html>`
	p, err := Parse(Source{Name: "bridge.html", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	a := p.Article
	if a.Title != "Council Approves Bridge" || a.Publisher != "The Test Gazette" || a.Published != "2021-05-06" {
		t.Errorf("got title %q publisher %q published %q", a.Title, a.Publisher, a.Published)
	}
	body := strings.Join(a.Paragraphs, "\n")
	for _, leak := range []string{"Home", "not text", "Copyright"} {
		if strings.Contains(body, leak) {
			t.Errorf("body leaks %q: %q", leak, body)
		}
	}
	if len(p.Quotes) != 1 || p.Quotes[0].Speaker != "Jane Doe" || !strings.Contains(p.Quotes[0].Text, "serve us for a century") {
		t.Errorf("got quotes %+v; want the mayor's quote", p.Quotes)
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. Secretary Rice met Mr. Lavrov. They talked.", []string{"U.S. Secretary Rice met Mr. Lavrov.", "They talked."}},
		{"Mr Lavrov and Mrs. Rice spoke about U.S.-led sanctions. Nothing changed.", []string{"Mr Lavrov and Mrs. Rice spoke about U.S.-led sanctions.", "Nothing changed."}},
		{"Write to 1201 Connecticut Ave., N.W. Washington DC. Thanks.", []string{"Write to 1201 Connecticut Ave., N.W. Washington DC.", "Thanks."}},
		{"J. R. Smith arrived. He sat.", []string{"J. R. Smith arrived.", "He sat."}},
		{"The plan came from the U.S. The talks failed.", []string{"The plan came from the U.S.", "The talks failed."}},
		{`"We tried. We failed. We will try again," he said. Then he left.`, []string{`"We tried. We failed. We will try again," he said.`, "Then he left."}},
		{`“It is over.” The crowd left.`, []string{`“It is over.”`, "The crowd left."}},
		{"Is it true? Yes! It is.", []string{"Is it true?", "Yes!", "It is."}},
	}
	for _, tt := range tests {
		got := splitSentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitSentences(%q):\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestQuotePatterns(t *testing.T) {
	tests := []struct {
		name, text string
		quote      string // a piece of the expected quote text
		speaker    string
		kind       QuoteKind
	}{
		{"mismatched marks", "Jane Doe is the mayor.\n\n\"We will build it this year,” Doe said.", "We will build it this year", "Jane Doe", Direct},
		{"continuation", "\"First part of it,\" Mayor Jane Doe said. \"Second part of it follows here.\"", "Second part of it follows here", "Jane Doe", Direct},
		{"over paragraphs", "Mayor Jane Doe spoke on Monday.\n\n\"The first paragraph of a long quote goes on here.\n\n\"And the second paragraph ends it,\" she said.", "The first paragraph of a long quote", "Jane Doe", Direct},
		{"pronoun", "Councillor John Roe spoke first. Mayor Jane Doe answered.\n\n\"We cannot afford this plan,\" she said.", "We cannot afford this plan", "Jane Doe", Direct},
		{"name after verb", "\"The budget is balanced,\" said Jane Doe, the city treasurer.", "The budget is balanced", "Jane Doe", Direct},
		{"colon lead", "Treasurer Jane Doe was blunt: \"The budget is not balanced at all.\"", "The budget is not balanced", "Jane Doe", Direct},
		{"reported that", "Economist Jane Doe argues that the rates will rise next year.", "rates will rise next year", "Jane Doe", Reported},
		{"according to", "Rates will rise next year, according to economist Jane Doe.", "Rates will rise next year", "Jane Doe", Reported},
		{"told reporters", "Jane Doe told reporters the plant would close in May.", "plant would close in May", "Jane Doe", Reported},
		{"partial", "Jane Doe called the plan \"reckless\" and asked for a vote.", "reckless", "Jane Doe", Partial},
		{"organisation", "The city's Transport Department said the road would reopen on Friday.", "road would reopen", "Transport Department", Reported},
		{"floating", "\"We will appeal the ruling,\" lawyer Jane Doe said.\n\n\"This is not over by any means.\"", "This is not over", "Jane Doe", Direct},
		{"according to a body", "Youth unemployment fell in May, according to the latest figures from Statistics Canada.", "Youth unemployment fell in May", "Statistics Canada", Reported},
		{"according to people", "Prices will rise again next year, according to several bank economists.", "Prices will rise again", "several bank economists", Reported},
		{"person familiar with", "A person familiar with the talks says the two sides are close to a deal.", "two sides are close", "a person familiar with the talks", Reported},
		{"epithet", "Jane Doe opened her bakery in 2010.\n\n\"We bake every loaf by hand,\" says the 39-year-old owner.", "We bake every loaf", "Jane Doe", Direct},
		{"described body", "Regulators met on Monday. The commission said the merger would be reviewed in full by March.", "merger would be reviewed", "the commission", Reported},
		{"kin word is not the last name", "Jane Doe runs the clinic downtown.\n\n\"He is gone, he is gone,\" the father repeated into his phone.", "He is gone", "the father", Direct},
		{"participle after a name and verb", "Jane Doe was one of them, upset about the vote, calling it a \"global takeover.\"", "global takeover", "Jane Doe", Partial},
		{"body, job, name", "\"Our mission was always to serve everyone,\" said Acme spokeswoman, Jane Doe.", "Our mission was always", "Jane Doe", Direct},
		{"names after a preposition", "Lawyers for Mr Roe and Mr Poe denied that the pair were involved in the chase.", "the pair were involved", "lawyers for Mr Roe and Mr Poe", Reported},
		{"job of a body", "John Roe became ambassador in 2016.\n\nThe former sergeant-at-arms of the House of Commons said Monday he is considering a run for the leadership.", "considering a run", "John Roe", Reported},
		{"compared person is not the subject", "I am talking about Jane Doe, who like Mary Roe was born in Mexico. \"We sell only local books,\" says the 39-year-old founder of the shop.\n\nDoe opened it in 2017. Roe moved to Spain.", "We sell only local books", "Jane Doe", Direct},
		{"compound descriptor is not a name", "\"We will bid for the exchange,\" said Paris-based Acme.", "We will bid", "Acme", Direct},
		{"hyphenated given name", "\"We need to expand production,\" said Chung Mong-koo, the chairman.", "We need to expand", "Chung Mong-koo", Direct},
		{"description then name", "\"We asked ourselves if we should cancel,\" said the festival's executive director, Jane Doe.", "We asked ourselves", "Jane Doe", Direct},
		{"spokesman for a body with apposition", "A spokesman for Acme, the country's biggest union, said after the meeting: \"At least we are still talking.\"", "At least we are still talking", "a spokesman for Acme", Direct},
		{"name with a complement apposition", "Jane Doe, chief economist at Acme Bank, said the figures were strong.", "figures were strong", "Jane Doe", Reported},
		{"person with an affiliation", "Tim Roe with the Health Authority says there are many reasons for the delays.", "many reasons for the delays", "Tim Roe", Reported},
		{"job before a name", "Foreign Ministry spokesperson Lu Kang gave no details of the visit. But he said more would be \"released in due course.\"", "released in due course", "Lu Kang", Partial},
		{"lower-case apposition", "Ross Roe, UK economist at Royal Bank of Scotland, said he was surprised by the vote.", "surprised by the vote", "Ross Roe", Reported},
		{"body of a place", "Prices rose again in May, the Bank of England said.", "Prices rose again", "Bank of England", Reported},
		{"participle after the head", "Mayor Jane Doe spoke first.\n\n\"Help us help our coach,\" team members dressed for a game say in the video.", "Help us help our coach", "team members dressed for a game", Direct},
		{"quoted as saying", "Police chief Jane Doe warned the public on Monday. She was quoted as saying by local media that police had received several reports.", "police had received several reports", "Jane Doe", Reported},
		{"progressive report", "Health researchers have for years been saying that governments need to act on diet.", "governments need to act", "researchers", Reported},
		{"title reference needs the whole title", "Home Secretary John Roe spoke first. Foreign Secretary Jane Doe spoke next.\n\nThe home secretary insisted that Parliament should decide the matter.", "Parliament should decide", "John Roe", Reported},
		{"lost opening mark", "\"It was always about being the champion again,\" Jane Doe said. It was never about the opponent, nothing personal. I am just happy with my belt.\"", "It was never about the opponent", "Jane Doe", Direct},
		{"doubled single marks", "\"If we blame each other, this could last,\" Jane Doe said on Sunday. ‘’It is not a question of who wins. Nobody wins in a shutdown.\"", "Nobody wins in a shutdown", "Jane Doe", Direct},
		{"report after a quote", "\"Our goal is to keep our promises,\" Jane Doe said, noting that the public has great influence on what happens in the capital.", "the public has great influence", "Jane Doe", Reported},
		{"acronym body", "Acme BC said the storm cut power to homes on Friday.\n\n\"Crews will work through the night,\" it said.", "Crews will work through the night", "Acme BC", Direct},
		{"embedded post", "Storm closes roads\n\nThe storm closed roads across the region on Monday, the utility said.\n\nThe roads are closed until noon, stay home. pic.twitter.com/abc123 — Acme Power (@acmepower) December 22, 2018", "The roads are closed until noon, stay home.", "Acme Power", Direct},
	}
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		q, ok := findQuote([]*Parsed{p}, tt.quote)
		if !ok {
			t.Errorf("%s: no quote containing %q in %+v", tt.name, tt.quote, p.Quotes)
			continue
		}
		if !strings.Contains(q.Speaker, tt.speaker) || q.Kind != tt.kind {
			t.Errorf("%s: got %q by %q (%s); want by %q (%s)", tt.name, q.Text, q.Speaker, q.Kind, tt.speaker, tt.kind)
		}
	}
	// Scare quotes and quoted titles are not quotes.
	for _, text := range []string{
		"The so-called \"peace dividend\" never arrived, the figures show.",
		"Officials held \"two-plus-two\" meetings in the capital on Monday.",
	} {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(text)})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range p.Quotes {
			if q.Kind == Direct {
				t.Errorf("got direct quote %q from %q; want none", q.Text, text)
			}
		}
	}
}

func TestDescribedSpeaker(t *testing.T) {
	tests := []struct {
		speaker string
		want    bool
	}{
		{"a justice official", true},
		{"experts", true},
		{"Russian officials", true},
		{"U.S. State Department’s top arms control official", true},
		{"Sergei Lavrov", false},
		{"Russia's Defense Ministry", false},
		{"Washington", false},
	}
	for _, tt := range tests {
		if got := DescribedSpeaker(tt.speaker); got != tt.want {
			t.Errorf("DescribedSpeaker(%q) = %v; want %v", tt.speaker, got, tt.want)
		}
	}
}

func TestSingleQuoteStyle(t *testing.T) {
	src := "Ministers defend plan\n\nHealth Secretary Jane Doe defended the plan on Monday.\n\n‘We won’t back down on the nurses’ pay,’ Doe said. ‘This is about the country’s future.’\n\nThe shadow minister, John Roe, said: ‘It is a shambles.’\n"
	p, err := Parse(Source{Name: "uk.txt", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"We won’t back down on the nurses’ pay": "Jane Doe",
		"This is about the country’s future.":   "Jane Doe",
		"It is a shambles.":                     "John Roe",
	}
	for text, speaker := range want {
		q, ok := findQuote([]*Parsed{p}, text)
		if !ok {
			t.Errorf("no quote %q in %+v", text, p.Quotes)
			continue
		}
		if q.Speaker != speaker || q.Kind != Direct {
			t.Errorf("quote %q: got %q (%s); want %q (direct)", text, q.Speaker, q.Kind, speaker)
		}
	}
}

func TestMergePeopleAcrossArticles(t *testing.T) {
	mk := func(id string, people []Person, speakers ...string) *Parsed {
		p := &Parsed{Article: Article{ID: id}, People: people}
		for _, s := range speakers {
			p.Quotes = append(p.Quotes, Quote{Speaker: s, ArticleID: id, Kind: Direct})
		}
		return p
	}
	docs := []*Parsed{
		mk("a", []Person{{Name: "Sergei Lavrov", Roles: []string{"Foreign Minister"}}}, "Sergei Lavrov"),
		mk("b", []Person{{Name: "Sergey Lavrov", Aliases: []string{"Mr Lavrov"}}}, "Sergey Lavrov", "Sergey Lavrov"),
		mk("c", []Person{{Name: "Lavrov"}, {Name: "Jane Doe"}}, "Lavrov", "Jane Doe"),
		mk("d", []Person{{Name: "John Doe"}}, "John Doe"),
	}
	people := MergePeople(docs)
	if len(people) != 3 {
		t.Fatalf("got %d people %+v; want 3 (Lavrov, Jane Doe, John Doe)", len(people), people)
	}
	top := people[0]
	if !strings.HasSuffix(top.Name, "Lavrov") || top.Quotes != 4 {
		t.Errorf("got first person %q with %d quotes; want Lavrov with 4", top.Name, top.Quotes)
	}
	if !containsFold(top.Roles, "Foreign Minister") {
		t.Errorf("got roles %q; want Foreign Minister kept", top.Roles)
	}
	for _, d := range docs {
		for _, q := range d.Quotes {
			if strings.HasSuffix(q.Speaker, "Lavrov") && q.Speaker != top.Name {
				t.Errorf("quote speaker %q not rewritten to %q", q.Speaker, top.Name)
			}
		}
	}
}

func BenchmarkParseSeeds(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	var srcs []Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, Source{Name: filepath.Base(f), Data: data})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, s := range srcs {
			if _, err := Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzParse checks that no input makes Parse panic and that what it
// returns is consistent: quotes point into the article's paragraphs.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(filepath.Base(file), data)
		}
	}
	f.Add("a.md", []byte("# T\n\n> \"Quote,\" he said.\n"))
	f.Add("a.html", []byte("<p>“Hi,” she said.</p>"))
	f.Add("uk.txt", []byte("‘We won’t,’ Doe said. ‘The nurses’ pay’ ‘"))
	f.Add("a.txt", []byte("---\ntitle: x\n---\n\"\"\"“”” said said, “"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		p, err := Parse(Source{Name: name, Data: data})
		if err != nil {
			if p != nil {
				t.Errorf("got both an article and error %v", err)
			}
			return
		}
		if len(p.Article.Paragraphs) == 0 {
			t.Errorf("got an article with no paragraphs")
		}
		for _, q := range p.Quotes {
			if q.Paragraph < 0 || q.Paragraph >= len(p.Article.Paragraphs) {
				t.Errorf("quote %q points at paragraph %d of %d", q.Text, q.Paragraph, len(p.Article.Paragraphs))
			}
			if q.Text == "" || q.ArticleID != p.Article.ID {
				t.Errorf("malformed quote %+v", q)
			}
		}
		for _, s := range p.Sentences {
			if s.Paragraph < 0 || s.Paragraph >= len(p.Article.Paragraphs) {
				t.Errorf("sentence %q points at paragraph %d", s.Text, s.Paragraph)
			}
		}
	})
}

// BenchmarkParseBBC measures the extractor alone, on one core, over the
// 2,225 BBC articles, the bulk of building the large library.
func BenchmarkParseBBC(b *testing.B) {
	srcs := readSources(b, bbcDir)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range srcs {
			if _, err := Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestNameShape checks how runs of capitalised words are read as names,
// bodies or descriptions.
func TestNameShape(t *testing.T) {
	tests := []struct {
		run        string
		name, desc string
		org        bool
	}{
		{"Paris-based Acme", "Acme", "", false},
		{"Man-of-the-match Doe", "Doe", "", false},
		{"Chung Mong-koo", "Chung Mong-koo", "", false},
		{"Jane Kilroy-Silk", "Jane Kilroy-Silk", "", false},
		{"Until December Acme", "Acme", "", false},
		{"Analysts", "", "analysts", false},
		{"Liberal MPs", "", "Liberal MPs", false},
		{"Authorities", "", "authorities", false},
		{"Reports", "", "reports", false},
		{"Reuters", "Reuters", "", false},
		{"Jane Doe‘s", "", "", false},
		{"BC Hydro", "BC Hydro", "", true},
		{"Veterans Affairs", "Veterans Affairs", "", true},
	}
	for _, tt := range tests {
		sp := splitRun(strings.Fields(tt.run))
		if sp.name != tt.name || sp.desc != tt.desc || sp.org != tt.org {
			t.Errorf("splitRun(%q): got name %q desc %q org %v; want %q %q %v", tt.run, sp.name, sp.desc, sp.org, tt.name, tt.desc, tt.org)
		}
	}
}

// TestRoles checks that roles name a job or a kind of person, never a
// stray word before or after the name.
func TestRoles(t *testing.T) {
	tests := []struct{ text, person, role, notRole string }{
		{"The plan will bring relief for poorer countries Jane Doe said on Monday.", "Jane Doe", "", "poorer countries"},
		{"The band's lead singer Jane Doe said the band would tour in May.", "Jane Doe", "band's lead singer", ""},
		{"Jane Doe, meanwhile, said the band would tour again in May.", "Jane Doe", "", "meanwhile"},
	}
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Fatal(err)
		}
		var roles []string
		found := false
		for _, pp := range p.People {
			if pp.Name == tt.person {
				found, roles = true, pp.Roles
			}
		}
		if !found {
			t.Errorf("%q: no person %q in %+v", tt.text, tt.person, p.People)
			continue
		}
		if tt.role != "" && !containsFold(roles, tt.role) || tt.notRole != "" && containsFold(roles, tt.notRole) {
			t.Errorf("%q: got roles %q; want %q and not %q", tt.text, roles, tt.role, tt.notRole)
		}
	}
}
