package knowledge

import (
	"errors"
	"path"
	"strings"
	"unicode/utf8"
)

// Sentence is one sentence of an article body. The index ranks sentences
// rather than whole paragraphs so that an answer cites the words that
// matter.
type Sentence struct {
	// Text is the sentence as written, quote marks included.
	Text string
	// Paragraph is the index in Article.Paragraphs the sentence comes from.
	Paragraph int
}

// Parsed is one article after extraction: the cleaned article, its
// sentences, and who said what in it.
type Parsed struct {
	// Article is the cleaned article with its metadata.
	Article Article
	// Sentences are the body sentences in reading order, each once.
	Sentences []Sentence
	// Quotes are the quotes in reading order. IDs are "<article id>/<n>".
	// Speaker is the fullest form of the speaker's name within this
	// article (MergePeople later rewrites it to the library-wide name).
	// An unnamed speaker is given by the article's description of them,
	// in lower case ("a justice official"); such speakers have no Person
	// entry. Speaker is empty when nobody can be credited.
	// For direct quotes Text is the quoted words without their marks; for
	// partial and reported ones it is the reporting clause, with any
	// quoted words still in their marks, so it reads on its own.
	Quotes []Quote
	// People are the people and organisations named in this article as
	// speakers or with a title, with the aliases and roles seen here.
	People []Person
}

// Parse extracts one source file into a cleaned article with its
// sentences, quotes and people. The error, when there is one, is a short
// reason a moderator can act on, such as "no article text".
func Parse(src Source) (*Parsed, error) {
	data := src.Data
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, errors.New("empty file")
	}
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8 text")
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	// Doubled single marks stand for double ones in some feeds.
	text = strings.NewReplacer("’’", "”", "‘‘", "“", "''", `"`, "``", `"`).Replace(text)

	var meta docMeta
	ext := strings.ToLower(path.Ext(src.Name))
	if ext == ".html" || ext == ".htm" {
		var err error
		text, meta, err = htmlToText(text)
		if err != nil {
			return nil, err
		}
	}
	fm, body := splitFrontMatter(text)
	doc := cleanDocument(body)
	if len(doc.blocks) == 0 {
		return nil, errors.New("no article text")
	}
	art := Article{
		ID:        strings.TrimSuffix(src.Name, path.Ext(src.Name)),
		File:      src.Name,
		Title:     doc.title,
		Publisher: doc.publisher,
		Published: doc.published,
		Dateline:  doc.dateline,
	}
	meta.applyTo(&art)
	fm.applyTo(&art)
	for _, b := range doc.blocks {
		art.Paragraphs = append(art.Paragraphs, b.text)
	}
	if art.Title == "" {
		art.Title = fallbackTitle(art.Paragraphs[0])
	}

	p := &Parsed{Article: art}
	seen := map[string]bool{}
	for i, para := range art.Paragraphs {
		for _, s := range splitSentences(para) {
			k := normKey(s)
			if seen[k] {
				continue
			}
			seen[k] = true
			p.Sentences = append(p.Sentences, Sentence{Text: s, Paragraph: i})
		}
	}
	p.Quotes, p.People = extractQuotes(art.ID, doc.blocks)
	return p, nil
}

// fallbackTitle makes a title from the first sentence when the text has no
// headline, so every citation names something a reader can recognise.
func fallbackTitle(para string) string {
	s := para
	if ss := splitSentences(para); len(ss) > 0 {
		s = ss[0]
	}
	s = strings.TrimRight(s, ".")
	if utf8.RuneCountInString(s) <= 90 {
		return s
	}
	cut := 0
	for i := range s {
		if i > 85 {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(s)
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// normKey reduces text to a comparison key: lower case, quote marks
// unified, spacing collapsed. Two texts with the same key are the same
// words.
func normKey(s string) string {
	s = strings.ToLower(normQuotes(s))
	return strings.Join(strings.Fields(s), " ")
}

// normQuotes turns typographic quote marks and spaces into plain ones.
func normQuotes(s string) string {
	return quoteReplacer.Replace(s)
}

var quoteReplacer = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‟", `"`,
	"‘", "'", "’", "'", "‚", "'", "‛", "'",
	"\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u200b", "",
)
