package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/citebot/citebot/knowledge"
)

// errUsage marks a command line that cannot be run as typed; the command
// prints its usage and exits with status 2.
var errUsage = errors.New("usage")

// cliFlags are the options the engine's subcommands accept. Flags may come
// before or after the other words, so `citebot ask Why? --json` works.
type cliFlags struct {
	json    bool
	quotes  bool
	content string
	args    []string
}

// parseFlags reads the options allowed (a subset of json, quotes and
// content) from args.
func parseFlags(args []string, allowed ...string) (cliFlags, error) {
	var f cliFlags
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			f.args = append(f.args, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			f.args = append(f.args, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok[name] {
			return f, fmt.Errorf("%w: unknown flag %s", errUsage, a)
		}
		switch name {
		case "json", "quotes":
			if hasValue {
				return f, fmt.Errorf("%w: %s takes no value", errUsage, "--"+name)
			}
			if name == "json" {
				f.json = true
			} else {
				f.quotes = true
			}
		case "content":
			if !hasValue {
				if i+1 >= len(args) {
					return f, fmt.Errorf("%w: --content needs a folder", errUsage)
				}
				i++
				value = args[i]
			}
			if value == "" {
				return f, fmt.Errorf("%w: --content needs a folder", errUsage)
			}
			f.content = value
		}
	}
	return f, nil
}

// usageError prints a bad command line's problem with the command's usage
// and returns exit status 2.
func usageError(stderr io.Writer, cmd, synopsis string, err error) int {
	msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
	fmt.Fprintf(stderr, "citebot %s: %s\nusage: %s\n", cmd, msg, synopsis)
	return 2
}

// loadLibrary builds the library from --content, else CONTENT_DIR, else
// the built-in articles, and reports every skipped file on stderr.
func loadLibrary(content string, getenv func(string) string, stderr io.Writer) (*knowledge.Library, error) {
	dir := content
	if dir == "" {
		dir = getenv("CONTENT_DIR")
	}
	var (
		lib     *knowledge.Library
		skipped []knowledge.FileError
		err     error
	)
	if dir != "" {
		if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
			return nil, fmt.Errorf("content folder %s cannot be read", dir)
		}
		lib, skipped, err = knowledge.LoadDir(dir)
	} else {
		lib, skipped, err = knowledge.LoadFS(builtinFS())
	}
	for _, s := range skipped {
		fmt.Fprintf(stderr, "citebot: skipped %s: %s\n", s.File, s.Reason)
	}
	if err != nil {
		if dir != "" {
			return nil, fmt.Errorf("content folder %s: %w", dir, err)
		}
		return nil, err
	}
	return lib, nil
}

// articleJSON is how every command shows a cited article.
type articleJSON struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	File      string `json:"file"`
	URL       string `json:"url"`
}

// toArticleJSON keeps the fields a citation needs.
func toArticleJSON(a knowledge.Article) articleJSON {
	return articleJSON{ID: a.ID, Title: a.Title, Publisher: a.Publisher, Published: a.Published, File: a.File, URL: a.URL}
}

// answerJSON is one answer of `ask --json`.
type answerJSON struct {
	Text    string      `json:"text"`
	Speaker string      `json:"speaker"`
	Kind    string      `json:"kind"`
	Article articleJSON `json:"article"`
	Score   float64     `json:"score"`
}

// askJSON is the reply to one question in `ask --json`.
type askJSON struct {
	Question string       `json:"question"`
	Answers  []answerJSON `json:"answers"`
}

// maxAnswers is how many excerpts the command line shows, as the bot does.
const maxAnswers = 3

const askSynopsis = "citebot ask [--json] [--content DIR] QUESTION (with --json and no QUESTION, one question per line on stdin)"

// cmdAsk answers questions from the command line.
func cmdAsk(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	f, err := parseFlags(args, "json", "content")
	if err != nil {
		return usageError(stderr, "ask", askSynopsis, err)
	}
	question := strings.TrimSpace(strings.Join(f.args, " "))
	if question == "" && !f.json {
		return usageError(stderr, "ask", askSynopsis, errors.New("no question given"))
	}
	lib, err := loadLibrary(f.content, getenv, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "citebot ask: %v\n", err)
		return 1
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if question != "" {
		res := lib.Ask(question, maxAnswers)
		if f.json {
			writeJSONLine(out, askResultJSON(res))
		} else {
			writeAnswer(out, res)
		}
		return 0
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		if q == "" {
			continue
		}
		writeJSONLine(out, askResultJSON(lib.Ask(q, maxAnswers)))
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "citebot ask: reading questions: %v\n", err)
		return 1
	}
	return 0
}

// askResultJSON shapes a result for `ask --json`; answers is [] when the
// library abstains.
func askResultJSON(res knowledge.Result) askJSON {
	out := askJSON{Question: res.Question, Answers: []answerJSON{}}
	for _, a := range res.Answers {
		out.Answers = append(out.Answers, answerJSON{Text: a.Text, Speaker: a.Speaker, Kind: string(a.Kind), Article: toArticleJSON(a.Article), Score: a.Score})
	}
	return out
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// citation formats where an excerpt comes from: publisher, date and title.
func citation(a knowledge.Article) string {
	var parts []string
	if a.Publisher != "" {
		parts = append(parts, a.Publisher)
	}
	if a.Published != "" {
		parts = append(parts, a.Published)
	}
	if a.Title != "" {
		parts = append(parts, "“"+a.Title+"”")
	}
	if len(parts) == 0 {
		parts = append(parts, a.File)
	}
	return strings.Join(parts, ", ")
}

// writeAnswer prints a result for people to read.
func writeAnswer(w io.Writer, res knowledge.Result) {
	if len(res.Answers) == 0 {
		fmt.Fprintln(w, "No passage in the articles answers that.")
		if len(res.Suggestions) > 0 {
			fmt.Fprintf(w, "You could ask about: %s.\n", strings.Join(res.Suggestions, ", "))
		}
		return
	}
	for i, a := range res.Answers {
		fmt.Fprintf(w, "%d. %s\n", i+1, a.Text)
		if a.Speaker != "" {
			fmt.Fprintf(w, "   — %s (%s); %s\n", a.Speaker, a.Kind, citation(a.Article))
		} else {
			fmt.Fprintf(w, "   — %s\n", citation(a.Article))
		}
		if a.Article.URL != "" {
			fmt.Fprintf(w, "   %s\n", a.Article.URL)
		}
	}
}

// personJSON is a person in `quotes --json` and `index --json`.
type personJSON struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Roles   []string `json:"roles"`
}

// quoteJSON is one quote of `quotes --json`.
type quoteJSON struct {
	Text    string      `json:"text"`
	Kind    string      `json:"kind"`
	Article articleJSON `json:"article"`
}

// quotesJSON is the reply of `quotes --json`.
type quotesJSON struct {
	Query  string      `json:"query"`
	Person *personJSON `json:"person"`
	Quotes []quoteJSON `json:"quotes"`
}

// nonNil turns a nil list into an empty one, so JSON shows [] not null.
func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

const quotesSynopsis = "citebot quotes [--json] [--content DIR] PERSON"

// cmdQuotes lists a person's quotes.
func cmdQuotes(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	f, err := parseFlags(args, "json", "content")
	if err != nil {
		return usageError(stderr, "quotes", quotesSynopsis, err)
	}
	query := strings.TrimSpace(strings.Join(f.args, " "))
	if query == "" {
		return usageError(stderr, "quotes", quotesSynopsis, errors.New("no person given"))
	}
	lib, err := loadLibrary(f.content, getenv, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "citebot quotes: %v\n", err)
		return 1
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	p, ok := lib.FindPerson(query)
	res := quotesJSON{Query: query, Quotes: []quoteJSON{}}
	var quotes []knowledge.Quote
	if ok {
		res.Person = &personJSON{Name: p.Name, Aliases: nonNil(p.Aliases), Roles: nonNil(p.Roles)}
		quotes = lib.QuotesOf(p.Name, "")
		for _, q := range quotes {
			a, _ := lib.Article(q.ArticleID)
			res.Quotes = append(res.Quotes, quoteJSON{Text: q.Text, Kind: string(q.Kind), Article: toArticleJSON(a)})
		}
	}
	if f.json {
		writeJSONLine(out, res)
		return 0
	}
	if !ok {
		fmt.Fprintf(out, "Nobody called %q is quoted in the articles.\n", query)
		if cs := lib.Complete(query, 3); len(cs) > 0 {
			var names []string
			for _, c := range cs {
				names = append(names, c.Name)
			}
			fmt.Fprintf(out, "Did you mean: %s?\n", strings.Join(names, ", "))
		}
		return 0
	}
	fmt.Fprintln(out, p.Name)
	if len(p.Roles) > 0 {
		fmt.Fprintf(out, "  %s\n", strings.Join(p.Roles, "; "))
	}
	if len(p.Aliases) > 0 {
		fmt.Fprintf(out, "  also: %s\n", strings.Join(p.Aliases, ", "))
	}
	if len(quotes) == 0 {
		fmt.Fprintln(out, "No quotes in the articles.")
	}
	for i, q := range quotes {
		a, _ := lib.Article(q.ArticleID)
		text := q.Text
		if q.Kind == knowledge.Direct {
			text = "“" + text + "”"
		}
		fmt.Fprintf(out, "%d. %s\n   (%s) %s\n", i+1, text, q.Kind, citation(a))
	}
	return 0
}

// indexJSON is the reply of `index --json`.
type indexJSON struct {
	Articles []articleJSON     `json:"articles"`
	People   []indexPersonJSON `json:"people"`
	Quotes   []indexQuoteJSON  `json:"quotes"`
}

// indexPersonJSON is one person of `index --json`, with a quote count.
type indexPersonJSON struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Roles   []string `json:"roles"`
	Quotes  int      `json:"quotes"`
}

// indexQuoteJSON is one quote of `index --json`.
type indexQuoteJSON struct {
	Text    string      `json:"text"`
	Speaker string      `json:"speaker"`
	Kind    string      `json:"kind"`
	Article articleJSON `json:"article"`
}

const indexSynopsis = "citebot index [--json] [--content DIR]"

// cmdIndex prints what the library extracted.
func cmdIndex(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	f, err := parseFlags(args, "json", "content")
	if err != nil {
		return usageError(stderr, "index", indexSynopsis, err)
	}
	if len(f.args) > 0 {
		return usageError(stderr, "index", indexSynopsis, fmt.Errorf("unexpected argument %q", f.args[0]))
	}
	lib, err := loadLibrary(f.content, getenv, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "citebot index: %v\n", err)
		return 1
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if f.json {
		res := indexJSON{Articles: []articleJSON{}, People: []indexPersonJSON{}, Quotes: []indexQuoteJSON{}}
		for _, a := range lib.Articles() {
			res.Articles = append(res.Articles, toArticleJSON(a))
		}
		for _, p := range lib.People() {
			res.People = append(res.People, indexPersonJSON{Name: p.Name, Aliases: nonNil(p.Aliases), Roles: nonNil(p.Roles), Quotes: p.Quotes})
		}
		for q := range lib.Quotes() {
			a, _ := lib.Article(q.ArticleID)
			res.Quotes = append(res.Quotes, indexQuoteJSON{Text: q.Text, Speaker: q.Speaker, Kind: string(q.Kind), Article: toArticleJSON(a)})
		}
		writeJSONLine(out, res)
		return 0
	}
	st := lib.Stats()
	fmt.Fprintf(out, "%d articles, %d quotes, %d people, %d excerpts indexed\n\n", st.Articles, st.Quotes, st.People, st.Excerpts)
	fmt.Fprintln(out, "Articles:")
	for _, a := range lib.Articles() {
		fmt.Fprintf(out, "  %s  %s\n", a.ID, citation(a))
	}
	fmt.Fprintln(out, "\nPeople quoted:")
	for _, p := range lib.People() {
		if p.Quotes == 0 {
			continue
		}
		role := ""
		if len(p.Roles) > 0 {
			role = " (" + p.Roles[0] + ")"
		}
		fmt.Fprintf(out, "  %3d  %s%s\n", p.Quotes, p.Name, role)
	}
	return 0
}

const evalSynopsis = "citebot eval [--content DIR] FILE | citebot eval --quotes DIR"

// cmdEval scores the library against an evaluation file.
func cmdEval(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	f, err := parseFlags(args, "quotes", "content")
	if err != nil {
		return usageError(stderr, "eval", evalSynopsis, err)
	}
	if len(f.args) != 1 {
		return usageError(stderr, "eval", evalSynopsis, errors.New("give exactly one file (or --quotes DIR)"))
	}
	if f.quotes {
		s, err := knowledge.ScoreQuotes(f.args[0])
		if err != nil {
			fmt.Fprintf(stderr, "citebot eval: %v\n", err)
			return 1
		}
		fmt.Fprint(stdout, s.String())
		return 0
	}
	file, err := os.Open(f.args[0])
	if err != nil {
		fmt.Fprintf(stderr, "citebot eval: %v\n", err)
		return 1
	}
	defer file.Close()
	lib, err := loadLibrary(f.content, getenv, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "citebot eval: %v\n", err)
		return 1
	}
	s, err := lib.Evaluate(file)
	if err != nil {
		fmt.Fprintf(stderr, "citebot eval: %s: %v\n", f.args[0], err)
		return 1
	}
	fmt.Fprint(stdout, s.String())
	return 0
}
