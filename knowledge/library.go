package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
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
}

// ErrNoArticles is returned when a folder holds no usable article, so a
// reload can refuse to replace a working library with an empty one.
var ErrNoArticles = errors.New("no usable articles")

// contentExt lists the file types the library reads.
var contentExt = map[string]bool{".txt": true, ".md": true, ".html": true, ".htm": true}

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
		if c, err := fs.ReadFile(fsys, name+".corrections.json"); err == nil {
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
// and skipped.
func Build(srcs []Source) (*Library, []FileError) {
	lib := &Library{}
	var skipped []FileError
	for _, s := range srcs {
		a, err := parseStub(s)
		if err != nil {
			skipped = append(skipped, FileError{File: s.Name, Reason: err.Error()})
			continue
		}
		lib.articles = append(lib.articles, a)
	}
	sort.Slice(lib.articles, func(i, j int) bool { return lib.articles[i].ID < lib.articles[j].ID })
	return lib, skipped
}

// parseStub is a placeholder until the extractor lands.
func parseStub(s Source) (Article, error) {
	text := strings.TrimSpace(string(s.Data))
	if text == "" {
		return Article{}, errors.New("no article text")
	}
	var paras []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return Article{ID: strings.TrimSuffix(s.Name, path.Ext(s.Name)), Title: paras[0], File: s.Name, Paragraphs: paras}, nil
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
	for _, a := range l.articles {
		if a.ID == id {
			return a, true
		}
	}
	return Article{}, false
}

// Quote returns the quote with the given ID.
func (l *Library) Quote(id string) (Quote, bool) {
	for _, q := range l.quotes {
		if q.ID == id {
			return q, true
		}
	}
	return Quote{}, false
}

// Ask answers a question with at most max excerpts, best first. An empty
// Answers means the library abstains.
func (l *Library) Ask(question string, max int) Result {
	return Result{Question: question}
}

// FindPerson returns the person a look-up such as "lavrov" or
// "condoleezza rice" means, or false when nobody in the library fits.
func (l *Library) FindPerson(query string) (Person, bool) {
	return Person{}, false
}

// QuotesOf returns the quotes of the person named exactly name (a canonical
// Person.Name), direct first, then partial, then reported; when topic is not
// empty, only quotes about it, best first within each kind.
func (l *Library) QuotesOf(name, topic string) []Quote {
	return nil
}

// Complete returns up to max people whose name or alias fuzzily matches
// the typed prefix, best first, for autocompletion. An empty prefix returns
// the most quoted people.
func (l *Library) Complete(prefix string, max int) []Person {
	return nil
}
