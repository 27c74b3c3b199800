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
