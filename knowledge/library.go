package knowledge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// Source is one file to build the library from.
type Source struct {
	// Name is the file name relative to the content folder.
	Name string
	// Data is the file's raw bytes.
	Data []byte
	// Corrections is the raw content of the file's corrections sidecar,
	// nil when there is none.
	Corrections []byte
}

// Library is an immutable, indexed set of articles. All its methods are
// safe for concurrent use because nothing changes after Build.
type Library struct {
	articles []Article
	quotes   []Quote
	people   []Person

	ix *index
	// quoteUnit maps a quote to the excerpt that shows it.
	quoteUnit []int32
	// articleIdx, quoteIdx and personIdx find items by ID or name.
	articleIdx map[string]int32
	quoteIdx   map[string]int32
	personIdx  map[string]int32
	names      *nameIndex
	// personArticles lists, per person, the articles they speak in.
	personArticles [][]int32
	// scratch recycles per-question buffers; sync.Pool is safe for
	// concurrent use, so the library stays safe to share.
	scratch sync.Pool
}

// ErrNoArticles is returned when a folder holds no usable article, so a
// reload can refuse to replace a working library with an empty one.
var ErrNoArticles = errors.New("no usable articles")

// contentExt lists the file types the library reads.
var contentExt = map[string]bool{".txt": true, ".md": true, ".html": true, ".htm": true}

// correctionsSuffix names the sidecar file that holds an article's
// corrections.
const correctionsSuffix = ".corrections.json"

// LoadDir builds a library from the .txt, .md and .html files of dir.
func LoadDir(dir string) (*Library, []FileError, error) {
	return LoadFS(os.DirFS(dir))
}

// LoadFS builds a library from the article files at the top of fsys. Files
// that cannot be used are reported and skipped; it fails only when the
// folder cannot be read or nothing usable is left.
func LoadFS(fsys fs.FS) (*Library, []FileError, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("read content folder: %w", err)
	}
	var srcs []Source
	var skipped []FileError
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !contentExt[strings.ToLower(path.Ext(name))] {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			skipped = append(skipped, FileError{File: name, Reason: "cannot be read: " + err.Error()})
			continue
		}
		src := Source{Name: name, Data: data}
		if c, err := fs.ReadFile(fsys, name+correctionsSuffix); err == nil {
			src.Corrections = c
		}
		srcs = append(srcs, src)
	}
	lib, more := Build(srcs)
	skipped = append(skipped, more...)
	if len(lib.articles) == 0 {
		return nil, skipped, ErrNoArticles
	}
	return lib, skipped, nil
}

// Build parses and indexes srcs. Sources that cannot be used are reported
// and skipped; a malformed corrections file is reported and ignored, and
// its article still loads.
func Build(srcs []Source) (*Library, []FileError) {
	var skipped []FileError
	var docs []*Parsed
	corr := map[string][]Correction{}
	parsed, errs := parseAll(srcs)
	for i, s := range srcs {
		p, err := parsed[i], errs[i]
		if err != nil {
			skipped = append(skipped, FileError{File: s.Name, Reason: err.Error()})
			continue
		}
		if s.Corrections != nil {
			cs, err := ParseCorrections(s.Corrections)
			if err != nil {
				skipped = append(skipped, FileError{File: s.Name + correctionsSuffix, Reason: err.Error() + "; the article loads without its corrections"})
			} else {
				corr[p.Article.ID] = cs
			}
		}
		docs = append(docs, p)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Article.ID < docs[j].Article.ID })
	// Two files with the same ID (a.txt and a.md) would make citations
	// ambiguous: keep the first and report the other.
	kept := docs[:0]
	seenID := map[string]bool{}
	for _, d := range docs {
		if seenID[d.Article.ID] {
			skipped = append(skipped, FileError{File: d.Article.File, Reason: "another file has the same name; it is skipped"})
			continue
		}
		seenID[d.Article.ID] = true
		kept = append(kept, d)
	}
	docs = kept
	people := MergePeople(docs)
	for _, d := range docs {
		if cs := corr[d.Article.ID]; cs != nil {
			d.Quotes = applyCorrections(d.Quotes, cs)
		}
	}
	return assemble(docs, people), skipped
}

// parseAll parses the sources on every core: parsing is most of the time
// a large library takes to build, and each article parses on its own.
func parseAll(srcs []Source) ([]*Parsed, []error) {
	parsed := make([]*Parsed, len(srcs))
	errs := make([]error, len(srcs))
	workers := min(runtime.GOMAXPROCS(0), len(srcs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(srcs) {
					return
				}
				parsed[i], errs[i] = parseSafely(srcs[i])
			}
		}()
	}
	wg.Wait()
	return parsed, errs
}

// parseSafely parses one source, turning a panic in the extractor into
// that file's error so one strange article cannot stop a reload.
func parseSafely(src Source) (p *Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("could not be parsed (internal error: %v)", r)
		}
	}()
	return Parse(src)
}

// ParseCorrections reads a corrections sidecar: a JSON array of
// Correction. Every entry must say which quotes it matches and what it
// does to them.
func ParseCorrections(data []byte) ([]Correction, error) {
	var cs []Correction
	if err := json.Unmarshal(data, &cs); err != nil {
		return nil, fmt.Errorf("malformed corrections: %v", err)
	}
	for i, c := range cs {
		if strings.TrimSpace(c.Match) == "" {
			return nil, fmt.Errorf("malformed corrections: entry %d has no match text", i+1)
		}
		if !c.Hide && strings.TrimSpace(c.Speaker) == "" {
			return nil, fmt.Errorf("malformed corrections: entry %d neither hides the quote nor names a speaker", i+1)
		}
	}
	return cs, nil
}

// correctionKey compares quote texts the way moderators expect: case,
// quote marks and runs of spaces ignored.
func correctionKey(s string) string {
	s = strings.ToLower(plainQuotes.Replace(s))
	s = strings.Trim(s, ` "'`)
	return strings.Join(strings.Fields(s), " ")
}

// plainQuotes turns typographic quote marks into plain ones.
var plainQuotes = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'", "\u00a0", " ")

// applyCorrections hides or re-attributes the quotes each correction
// matches by the start of their text. Later corrections win.
func applyCorrections(qs []Quote, cs []Correction) []Quote {
	out := qs[:0:0]
	for _, q := range qs {
		key := correctionKey(q.Text)
		hide := false
		for _, c := range cs {
			m := correctionKey(c.Match)
			if m == "" || !strings.HasPrefix(key, m) {
				continue
			}
			if c.Hide {
				hide = true
				continue
			}
			hide = false
			q.Speaker = strings.TrimSpace(c.Speaker)
		}
		if !hide {
			out = append(out, q)
		}
	}
	return out
}

// assemble indexes the parsed articles into a Library.
func assemble(docs []*Parsed, merged []Person) *Library {
	lib := &Library{
		articleIdx: map[string]int32{},
		quoteIdx:   map[string]int32{},
		personIdx:  map[string]int32{},
	}
	// People: the merged list, plus anyone a correction named, counted
	// again because corrections move and hide quotes.
	people := append([]Person(nil), merged...)
	byName := map[string]int{}
	for i, p := range people {
		people[i].Quotes = 0
		byName[strings.ToLower(p.Name)] = i
	}
	for i, p := range people {
		for _, a := range p.Aliases {
			if _, ok := byName[strings.ToLower(a)]; !ok {
				byName[strings.ToLower(a)] = i
			}
		}
	}
	for _, d := range docs {
		for qi := range d.Quotes {
			q := &d.Quotes[qi]
			if q.Speaker == "" {
				continue
			}
			i, ok := byName[strings.ToLower(q.Speaker)]
			if !ok {
				i = len(people)
				people = append(people, Person{Name: q.Speaker})
				byName[strings.ToLower(q.Speaker)] = i
			}
			q.Speaker = people[i].Name
			people[i].Quotes++
		}
	}
	sort.SliceStable(people, func(i, j int) bool {
		if people[i].Quotes != people[j].Quotes {
			return people[i].Quotes > people[j].Quotes
		}
		return people[i].Name < people[j].Name
	})
	for i := range people {
		if people[i].Aliases == nil {
			people[i].Aliases = []string{}
		}
		if people[i].Roles == nil {
			people[i].Roles = []string{}
		}
		lib.personIdx[people[i].Name] = int32(i)
	}
	lib.people = people
	lib.names = newNameIndex(people)

	b := newIndexBuilder()
	seen := map[string]bool{}
	// unitStart[a] is the first excerpt of article a; they are in order.
	unitStart := make([]int32, 0, len(docs)+1)
	for _, d := range docs {
		unitStart = append(unitStart, int32(len(b.ix.units)))
		ai := int32(len(lib.articles))
		lib.articleIdx[d.Article.ID] = ai
		lib.articles = append(lib.articles, d.Article)
		first := len(lib.quotes)
		for _, q := range d.Quotes {
			lib.quoteIdx[q.ID] = int32(len(lib.quotes))
			lib.quotes = append(lib.quotes, q)
			lib.quoteUnit = append(lib.quoteUnit, -1)
		}
		for _, u := range articleUnits(d, lib.quotes[first:], first, func(w string) bool { return len(lib.names.byWord[w]) > 0 }) {
			key := wordKey(u.text)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			u.article = ai
			u.speaker = -1
			var names []string
			if u.quote >= 0 {
				q := lib.quotes[u.quote]
				if pi, ok := lib.personIdx[q.Speaker]; ok {
					u.speaker = pi
					names = lib.names.words[pi]
				}
				if lib.quoteUnit[u.quote] < 0 {
					lib.quoteUnit[u.quote] = int32(len(b.ix.units))
				}
			}
			b.add(u, names, u.context)
		}
	}
	unitStart = append(unitStart, int32(len(b.ix.units)))
	lib.ix = b.finish()
	lib.personArticles = make([][]int32, len(people))
	for _, q := range lib.quotes {
		pi, ok := lib.personIdx[q.Speaker]
		if !ok {
			continue
		}
		ai := lib.articleIdx[q.ArticleID]
		if !containsID(lib.personArticles[pi], ai) {
			lib.personArticles[pi] = append(lib.personArticles[pi], ai)
		}
	}
	// A quote whose words were folded into another excerpt (the same quote
	// repeated) is shown by the excerpt of its article that holds its words.
	for qi, ui := range lib.quoteUnit {
		if ui >= 0 {
			continue
		}
		qk := wordKey(lib.quotes[qi].Text)
		ai := lib.articleIdx[lib.quotes[qi].ArticleID]
		for uj := unitStart[ai]; uj < unitStart[ai+1]; uj++ {
			if strings.Contains(wordKey(lib.ix.units[uj].text), qk) {
				lib.quoteUnit[qi] = uj
				break
			}
		}
	}
	return lib
}

// articleUnits cuts one article into excerpts: each run of sentences that
// gives the same quote is one excerpt, and every other sentence is a fact.
// A quote that no sentence gives (a pull-quote set apart from the text)
// is an excerpt of its own. A fact that opens with a pronoun takes the
// people's names (isName) of the excerpt before it as context. Excerpts whose words all appear in a longer
// excerpt of the same article are dropped.
func articleUnits(d *Parsed, quotes []Quote, first int, isName func(string) bool) []unit {
	keys := make([]string, len(quotes))
	for i, q := range quotes {
		keys[i] = wordKey(q.Text)
	}
	var units []unit
	used := make([]bool, len(quotes))
	prev := -2
	for _, s := range d.Sentences {
		var cands []int
		for qi, q := range quotes {
			if q.Paragraph <= s.Paragraph && s.Paragraph <= q.Paragraph+3 {
				cands = append(cands, qi)
			}
		}
		qi := sentenceQuote(s.Text, cands, keys, quotes)
		if qi >= 0 && qi == prev {
			last := &units[len(units)-1]
			last.text += " " + strings.TrimSpace(s.Text)
			continue
		}
		prev = qi
		u := unit{text: strings.TrimSpace(s.Text), kind: AnswerFact, quote: -1, para: int32(s.Paragraph)}
		if qi >= 0 {
			used[qi] = true
			u.quote = int32(first + qi)
			u.kind = answerKind(quotes[qi].Kind)
		}
		if u.quote < 0 && len(units) > 0 && opensWithPronoun(u.text) {
			u.context = nameTokens(units[len(units)-1].text, isName)
		}
		units = append(units, u)
	}
	for qi, q := range quotes {
		if used[qi] || keys[qi] == "" {
			continue
		}
		units = append(units, unit{text: strings.TrimSpace(q.Text), kind: answerKind(q.Kind), quote: int32(first + qi), para: int32(q.Paragraph)})
	}
	// Drop excerpts contained in longer ones, and facts too short to say
	// anything (a name line, a caption fragment).
	ukeys := make([]string, len(units))
	for i, u := range units {
		ukeys[i] = wordKey(u.text)
	}
	out := units[:0]
	for i, u := range units {
		if u.quote < 0 && strings.Count(ukeys[i], " ") < 2 {
			continue
		}
		contained := false
		for j := range units {
			if j != i && len(ukeys[j]) > len(ukeys[i]) && strings.Contains(ukeys[j], ukeys[i]) {
				contained = true
				break
			}
		}
		if !contained {
			out = append(out, u)
		}
	}
	return out
}

// Articles returns the articles in ID order. The slice must not be changed.
func (l *Library) Articles() []Article { return l.articles }

// Quotes returns every quote. The slice must not be changed.
func (l *Library) Quotes() []Quote { return l.quotes }

// People returns every person, most quoted first. The slice must not be
// changed.
func (l *Library) People() []Person { return l.people }

// Article returns the article with the given ID.
func (l *Library) Article(id string) (Article, bool) {
	if i, ok := l.articleIdx[id]; ok {
		return l.articles[i], true
	}
	return Article{}, false
}

// Quote returns the quote with the given ID.
func (l *Library) Quote(id string) (Quote, bool) {
	if i, ok := l.quoteIdx[id]; ok {
		return l.quotes[i], true
	}
	return Quote{}, false
}

// Paragraph returns paragraph n of an article, or "" when there is none,
// so a front end can show the text around an excerpt.
func (l *Library) Paragraph(articleID string, n int) string {
	a, ok := l.Article(articleID)
	if !ok || n < 0 || n >= len(a.Paragraphs) {
		return ""
	}
	return a.Paragraphs[n]
}

// Stats counts what the library holds.
type Stats struct {
	Articles int `json:"articles"`
	Quotes   int `json:"quotes"`
	People   int `json:"people"`
	// Excerpts counts the quotes and fact sentences questions are
	// answered from.
	Excerpts int `json:"excerpts"`
	// Terms counts the distinct stemmed words indexed.
	Terms int `json:"terms"`
}

// Stats reports the size of the library, for logs and the index command.
func (l *Library) Stats() Stats {
	return Stats{
		Articles: len(l.articles),
		Quotes:   len(l.quotes),
		People:   len(l.people),
		Excerpts: len(l.ix.units),
		Terms:    len(l.ix.postings),
	}
}

// referringPronouns open sentences that continue about the people of the
// sentence before.
var referringPronouns = setOf(`he she they his her their it its we`)

// opensWithPronoun reports whether a sentence starts with a pronoun.
func opensWithPronoun(text string) bool {
	text = strings.TrimLeft(text, " \"“‘'(")
	end := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(text)
	}
	return referringPronouns[strings.ToLower(text[:end])]
}

// nameTokens returns the words of the names a text mentions: capitalised
// words, away from the start of a sentence, that are a known person's
// (isName) or stand in a run of two or more ("Floella Benjamin").
func nameTokens(text string, isName func(string) bool) []string {
	toks := tokenize(text)
	capital := func(i int) bool {
		return i >= 0 && i < len(toks) && toks[i].capital && !toks[i].acronym && !isStop(toks[i])
	}
	var out []string
	for i, t := range toks {
		if !capital(i) || contains(out, t.norm) {
			continue
		}
		inRun := capital(i-1) && !sentenceStart(text, toks, i) || capital(i+1) && !sentenceStart(text, toks, i+1)
		if isName(t.norm) && !sentenceStart(text, toks, i) || inRun {
			out = append(out, t.norm)
		}
	}
	return out
}
