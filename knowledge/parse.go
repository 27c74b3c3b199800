package knowledge

import (
	"bytes"
	"errors"
	"path"
	"strings"
	"unicode"
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
	// An unnamed speaker is given by the article's description of them
	// ("a justice official", "Russian officials"); such speakers have no
	// Person entry (test with DescribedSpeaker). Speaker is empty when
	// nobody can be credited.
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
	return parse(src, nil)
}

// parseScratch is memory that parsing one article needs only while it
// runs. A worker that parses many articles in turn passes the same
// scratch to each, so a library build reuses a few buffers instead of
// allocating one per article.
type parseScratch struct {
	// toks holds the words of one text at a time (extractor.toks).
	toks []wtok
	// cands holds the names an article's extractor finds (extractor.cands).
	cands []nameCand
}

// parse is Parse with the scratch memory sc, which may be nil.
func parse(src Source, sc *parseScratch) (*Parsed, error) {
	data := src.Data
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty file")
	}
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8 text")
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	// Doubled single marks stand for double ones in some feeds.
	if hasDoubledMarks(text) {
		text = doubledMarks.Replace(text)
	}

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
	if ext == ".md" || ext == ".markdown" {
		var title string
		body, title = markdownToText(body)
		if meta.title == "" {
			meta.title = title
		}
	}
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
		Author:    doc.author,
	}
	meta.applyTo(&art)
	fm.applyTo(&art)
	for _, b := range doc.blocks {
		art.Paragraphs = append(art.Paragraphs, b.text)
	}
	// Sentences are split once, for the title, the index and the
	// extractor alike.
	ranges := make([][][2]int, len(art.Paragraphs))
	for i, para := range art.Paragraphs {
		ranges[i] = sentenceRanges(para)
	}
	if art.Title == "" {
		first := art.Paragraphs[0]
		if len(ranges[0]) > 0 {
			first = strings.TrimSpace(first[ranges[0][0][0]:ranges[0][0][1]])
		}
		art.Title = fallbackTitle(first)
	}

	p := &Parsed{Article: art}
	seen := map[string]bool{}
	for i, para := range art.Paragraphs {
		for _, r := range ranges[i] {
			s := strings.TrimSpace(para[r[0]:r[1]])
			if s == "" {
				continue
			}
			k := normKey(s)
			if seen[k] {
				continue
			}
			seen[k] = true
			p.Sentences = append(p.Sentences, Sentence{Text: s, Paragraph: i})
		}
	}
	p.Quotes, p.People = extractQuotes(art.ID, doc.blocks, ranges, sc)
	return p, nil
}

// fallbackTitle makes a title from the first sentence when the text has no
// headline, so every citation names something a reader can recognise.
func fallbackTitle(first string) string {
	s := strings.TrimRight(first, ".")
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
func normKey(s string) string { return normKeyOpt(s, false) }

// normKeyBare is normKey(stripQuotesAll(s)) in one pass: the comparison
// key of text with its double quote marks removed.
func normKeyBare(s string) string { return normKeyOpt(s, true) }

// normKeyOpt builds a comparison key, dropping double quote marks when
// bare is set.
func normKeyOpt(s string, bare bool) string {
	// one pass: lower case, plain quote marks, single spaces. Bytes that
	// stay as they are (lower-case ASCII, digits, most punctuation) are
	// copied a run at a time: this runs on every sentence of a build.
	var b strings.Builder
	b.Grow(len(s))
	space := false
	run := -1 // start of the bytes of s not yet copied, or -1
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !('A' <= c && c <= 'Z') && c != '"' && c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			if run < 0 {
				if space {
					b.WriteByte(' ')
					space = false
				}
				run = i
			}
			i++
			continue
		}
		if run >= 0 {
			b.WriteString(s[run:i])
			run = -1
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch r {
		case '“', '”', '„', '«', '»', '‟', '"':
			if bare {
				continue
			}
			r = '"'
		case '‘', '’', '‚', '‛':
			r = '\''
		case '\u200b':
			continue
		}
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if run >= 0 {
		b.WriteString(s[run:])
	}
	return b.String()
}

// normQuotes turns typographic quote marks and spaces into plain ones.
func normQuotes(s string) string {
	// Every mark replaced is outside ASCII, and a Replacer copies even
	// text it leaves alone: most names and words are plain ASCII.
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return quoteReplacer.Replace(s)
		}
	}
	return s
}

// hasDoubledMarks reports whether s holds any pair doubledMarks replaces
// (" ‘’" holds "‘’"): most files hold none, and a Replacer reads and
// copies the whole file even then.
func hasDoubledMarks(s string) bool {
	return strings.Contains(s, "''") || strings.Contains(s, "``") || strings.Contains(s, "’’") || strings.Contains(s, "‘‘") || strings.Contains(s, "‘’")
}

// doubledMarks turns pairs of single marks that stand for a double one
// (two left or right curly marks, two apostrophes, two backticks, or a
// left and a right mark opening a quote in some wire copy) into double
// marks.
var doubledMarks = strings.NewReplacer("’’", "”", "‘‘", "“", " ‘’", " “", "''", `"`, "``", `"`)

var quoteReplacer = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‟", `"`,
	"‘", "'", "’", "'", "‚", "'", "‛", "'",
	"\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u200b", "",
)
