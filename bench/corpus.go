package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".txt", ".md", ".html", ".htm":
		default:
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
	// ID is "<article id>/<paragraph>/<sentence>".
	ID string
	// Text is the sentence.
	Text string
}

// Sentences splits every paragraph of every article of lib into sentences.
// It works on the library's cleaned paragraphs, so bleve sees exactly the
// text our engine kept (boilerplate already removed).
func Sentences(lib *knowledge.Library) []Doc {
	var docs []Doc
	for _, a := range lib.Articles() {
		for pi, p := range a.Paragraphs {
			for si, s := range SplitSentences(p) {
				docs = append(docs, Doc{ID: fmt.Sprintf("%s/%d/%d", a.ID, pi, si), Text: s})
			}
		}
	}
	return docs
}

// abbreviations end in a full stop without ending a sentence. It is a
// generic English list, not one written for any article.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "maj": true, "adm": true, "jr": true, "sr": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"etc": true, "e.g": true, "i.e": true, "approx": true, "dept": true, "est": true,
}

// closers may follow a sentence's final punctuation and still belong to it.
const closers = "\"'”’)]»"

// SplitSentences cuts a paragraph into sentences at ".", "!" or "?"
// (with any closing quotes or brackets) followed by a space and a capital,
// a digit or an opening quote, except after common abbreviations and
// initials such as "U.S." or "J.".
func SplitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); {
		r, w := utf8.DecodeRuneInString(p[i:])
		i += w
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i
		for end < len(p) {
			c, cw := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune(closers, c) && c != '.' && c != '!' && c != '?' {
				break
			}
			end += cw
		}
		next := end
		for next < len(p) {
			c, cw := utf8.DecodeRuneInString(p[next:])
			if !unicode.IsSpace(c) {
				break
			}
			next += cw
		}
		if next == end || next >= len(p) {
			i = end
			continue
		}
		c, _ := utf8.DecodeRuneInString(p[next:])
		if !(unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune("\"'“‘«(", c)) {
			i = end
			continue
		}
		if r == '.' && isAbbreviation(p[start:i-1]) {
			i = end
			continue
		}
		if s := strings.TrimSpace(p[start:end]); s != "" {
			out = append(out, s)
		}
		start, i = next, next
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// isAbbreviation reports whether the word at the end of before (the text
// up to a full stop) is an abbreviation or an initial.
func isAbbreviation(before string) bool {
	j := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' })
	word := before[j+1:]
	if j >= 0 {
		_, w := utf8.DecodeRuneInString(before[j:])
		word = before[j+w:]
	}
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	if strings.Contains(word, ".") {
		return true // U.S, U.N, a.m
	}
	return abbreviations[strings.ToLower(word)]
}
