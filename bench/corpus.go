package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/citebot/citebot/knowledge"
)

// ReadSources reads the article files at the top of dir as knowledge
// sources, in name order, so both systems start from the same bytes.
func ReadSources(dir string) ([]knowledge.Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var srcs []knowledge.Source
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !knowledge.IsArticleFile(name) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, knowledge.Source{Name: name, Data: data})
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Name < srcs[j].Name })
	if len(srcs) == 0 {
		return nil, fmt.Errorf("%s: no article files", dir)
	}
	return srcs, nil
}

// Replicate returns n sources made by cycling through srcs, each copy under
// a distinct file name ("r0001-<name>"), so a library can be grown to any
// size with real text while every article keeps a unique ID. The first
// len(srcs) keep their own names.
func Replicate(srcs []knowledge.Source, n int) []knowledge.Source {
	out := make([]knowledge.Source, 0, n)
	for i := 0; len(out) < n; i++ {
		s := srcs[i%len(srcs)]
		if round := i / len(srcs); round > 0 {
			s.Name = fmt.Sprintf("r%04d-%s", round, s.Name)
		}
		out = append(out, s)
	}
	return out
}

// Doc is one sentence of one parsed article: the unit bleve indexes.
type Doc struct {
	// ID is "<article id>/<sentence>".
	ID string
	// Text is the sentence.
	Text string
}

// Sentences parses every source with the engine's own extractor
// (knowledge.Parse) and returns each body sentence as a document, so bleve
// indexes exactly the sentences our engine ranks, boilerplate already
// removed. Sources the engine rejects are skipped, as Build skips them.
func Sentences(srcs []knowledge.Source) []Doc {
	var docs []Doc
	for _, src := range srcs {
		p, err := knowledge.Parse(src)
		if err != nil {
			continue
		}
		for i, s := range p.Sentences {
			docs = append(docs, Doc{ID: p.Article.ID + "/" + strconv.Itoa(i), Text: s.Text})
		}
	}
	return docs
}
