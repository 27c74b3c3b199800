package knowledge

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Field weights of the BM25F score. The excerpt's own words count fully;
// the speaker's name counts a little less, because "what did Lavrov say"
// should find Lavrov's quotes even when his name is not in the sentence,
// but a sentence that mentions him by name is at least as good.
const (
	weightBody    = 1.0
	weightSpeaker = 0.7
	// weightContext is the weight of the names a sentence that opens with
	// a pronoun ("They also met ...") takes from the sentence before it.
	weightContext = 0.5
	// bm25K1 and bm25B are the usual BM25 constants: k1 saturates repeated
	// words, b normalises for excerpt length.
	bm25K1 = 1.2
	bm25B  = 0.6
)

// Hints say what kind of information an excerpt holds, for questions that
// ask "when", "where", "who" or "how many".
const (
	hintDate uint8 = 1 << iota
	hintPlace
	hintName
	hintNumber
)

// unit is one answerable excerpt: a quote with the words around it that
// attribute it, or a sentence the article states in its own voice.
type unit struct {
	// text is the excerpt as the article writes it.
	text string
	// kind is quote, statement or fact.
	kind AnswerKind
	// quote is the index in Library.quotes, -1 for a fact.
	quote int32
	// speaker is the index in Library.people, -1 for a fact.
	speaker int32
	// article is the index in Library.articles.
	article int32
	// para is the paragraph the excerpt starts in.
	para int32
	// terms are the term IDs of text's words in order, -1 for stopwords,
	// so proximity can be measured.
	terms []int32
	// length is the weighted number of words in all fields.
	length float32
	// hints holds hintDate, hintPlace and hintName.
	hints uint8
	// context holds, while the library is built, the names a sentence
	// that opens with a pronoun refers to.
	context []string
}

// posting is one excerpt that holds a term, with the term's weighted
// frequency over the fields.
type posting struct {
	unit int32
	tf   float32
}

// index is the inverted index over the excerpts.
type index struct {
	units []unit
	// terms maps a stemmed term to its ID.
	terms map[string]int32
	// postings lists, for each term ID, the excerpts that hold it in
	// excerpt order.
	postings [][]posting
	// words maps a lower-case word as written to what the index knows of
	// it, so a typo can be corrected to a word the articles use and a name
	// can be told from a common word.
	words map[string]*wordInfo
	// wordsByLen lists the words of each length (in runes) for typo search.
	wordsByLen [][]string
	// avgLen is the mean weighted excerpt length.
	avgLen float64
}

// wordInfo is what the index knows of one written word.
type wordInfo struct {
	// term is the word's term ID.
	term int32
	// capital counts how often the word is written with a capital letter
	// away from the start of a sentence, and total how often it is
	// written there at all: a word nearly always capitalised is a name.
	capital, total int32
}

// word returns the term ID of a written word.
func (ix *index) word(w string) (int32, bool) {
	if wi, ok := ix.words[w]; ok {
		return wi.term, true
	}
	return 0, false
}

// idf returns the inverse document frequency of term id.
func (ix *index) idf(id int32) float64 {
	n := float64(len(ix.units))
	df := float64(len(ix.postings[id]))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// maxIDF is the idf of a word the library never uses, which makes an
// unknown word weigh as much as the rarest known one.
func (ix *index) maxIDF() float64 {
	n := float64(len(ix.units))
	return math.Log(1 + (n+0.5)/0.5)
}

// isNameWord reports whether the library nearly always writes norm with a
// capital letter, as it writes names.
func (ix *index) isNameWord(norm string) bool {
	wi, ok := ix.words[norm]
	return ok && wi.total > 0 && float64(wi.capital) >= 0.8*float64(wi.total)
}

// indexBuilder collects excerpts and terms while the library is built.
type indexBuilder struct {
	ix   *index
	stem *stemmer
	// counts is reused per excerpt to collect term frequencies.
	counts map[int32]float32
	// toks is reused per excerpt to hold its words.
	toks []token
}

// newIndexBuilder returns an empty builder.
func newIndexBuilder() *indexBuilder {
	return &indexBuilder{
		ix: &index{
			terms: make(map[string]int32),
			words: make(map[string]*wordInfo),
		},
		stem:   newStemmer(),
		counts: make(map[int32]float32),
	}
}

// termID returns the ID of a stemmed term, adding it when new.
func (b *indexBuilder) termID(term string) int32 {
	if id, ok := b.ix.terms[term]; ok {
		return id
	}
	id := int32(len(b.ix.postings))
	b.ix.terms[term] = id
	b.ix.postings = append(b.ix.postings, nil)
	return id
}

// word returns what the index knows of a written word, adding it when new.
func (b *indexBuilder) word(norm string) *wordInfo {
	if wi, ok := b.ix.words[norm]; ok {
		return wi
	}
	wi := &wordInfo{term: b.termID(b.stem.stem(norm))}
	b.ix.words[norm] = wi
	return wi
}

// add indexes one excerpt; speakerNames are the words of its speaker's
// name and aliases, and context the names it refers to by pronoun.
func (b *indexBuilder) add(u unit, speakerNames, context []string) {
	id := int32(len(b.ix.units))
	clear(b.counts)
	b.toks = appendTokens(b.toks[:0], u.text)
	toks := b.toks
	u.terms = make([]int32, len(toks))
	var length float32
	for i, t := range toks {
		if isStop(t) {
			u.terms[i] = -1
			continue
		}
		wi := b.word(t.norm)
		// A capital that opens a sentence says nothing about the word.
		if !sentenceStart(u.text, toks, i) {
			wi.total++
			if t.capital {
				wi.capital++
			}
		}
		u.terms[i] = wi.term
		b.counts[wi.term] += weightBody
		length += weightBody
	}
	for _, w := range speakerNames {
		tid := b.word(w).term
		b.counts[tid] += weightSpeaker
		length += weightSpeaker
	}
	for _, w := range context {
		tid := b.word(w).term
		b.counts[tid] += weightContext
		length += weightContext
	}
	u.length = length
	u.context = nil
	u.hints |= textHints(toks)
	if u.speaker >= 0 {
		u.hints |= hintName
	}
	for tid, tf := range b.counts {
		b.ix.postings[tid] = append(b.ix.postings[tid], posting{unit: id, tf: tf})
	}
	b.ix.units = append(b.ix.units, u)
}

// sentenceStart reports whether toks[i] opens a sentence of text.
func sentenceStart(text string, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	between := text[toks[i-1].end:toks[i].start]
	return strings.ContainsAny(between, ".!?:;\"“‘(\n")
}

// finish computes the statistics queries need.
func (b *indexBuilder) finish() *index {
	ix := b.ix
	var total float64
	for _, u := range ix.units {
		total += float64(u.length)
	}
	if len(ix.units) > 0 {
		ix.avgLen = total / float64(len(ix.units))
	}
	if ix.avgLen == 0 {
		ix.avgLen = 1
	}
	for w := range ix.words {
		n := utf8.RuneCountInString(w)
		for len(ix.wordsByLen) <= n {
			ix.wordsByLen = append(ix.wordsByLen, nil)
		}
		ix.wordsByLen[n] = append(ix.wordsByLen[n], w)
	}
	for _, ws := range ix.wordsByLen {
		sort.Strings(ws)
	}
	return ix
}

// dateWords are words that make an excerpt answer "when".
var dateWords = setOf(`january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow tonight week weekend month year years decade century spring summer autumn winter
morning evening earlier later ago since until`)

// numberWords make an excerpt answer "how many".
var numberWords = setOf(`two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred hundreds thousand thousands million millions billion billions trillion dozen dozens half quarter
percent per cent`)

// placePreps are prepositions that put a capitalised word after them in a
// place: "at Novo-Ogaryevo", "in Washington", "outside Moscow".
var placePreps = setOf(`at in near outside inside from to across throughout toward towards`)

// textHints finds dates, places and names in an excerpt's words.
func textHints(toks []token) uint8 {
	var h uint8
	for i, t := range toks {
		if t.number && len(t.norm) == 4 && (strings.HasPrefix(t.norm, "19") || strings.HasPrefix(t.norm, "20")) {
			h |= hintDate
		}
		if t.number || numberWords[t.norm] {
			h |= hintNumber
		}
		if dateWords[t.norm] && (t.capital || !monthLike(t.norm)) {
			h |= hintDate
		}
		if i+1 < len(toks) && placePreps[t.norm] && !t.capital {
			n := toks[i+1]
			if n.norm == "the" && i+2 < len(toks) {
				n = toks[i+2]
			}
			if n.capital && !n.acronym && !dateWords[n.norm] {
				h |= hintPlace
			}
		}
		if i > 0 && i+1 < len(toks) && t.capital && toks[i+1].capital && !isStop(t) && !t.acronym && !toks[i+1].acronym {
			h |= hintName
		}
	}
	return h
}

// monthLike reports whether a date word is also an everyday word ("may",
// "march") that only means a month when capitalised.
func monthLike(w string) bool {
	switch w {
	case "may", "march", "jan", "mar", "sep", "dec", "oct", "nov", "aug", "jun", "jul", "apr", "feb", "sept":
		return true
	}
	return false
}

// wordKey reduces text to lower-case words separated by single spaces, so
// texts that differ only in quote marks, punctuation or spacing compare
// equal.
func wordKey(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				continue
			default:
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '’' {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return string(b)
}

// quoteMarks split a sentence into the parts inside and outside quotes.
const quoteMarks = "\"“”„«»"

// sentenceQuote finds the quote a sentence gives, or -1: a sentence gives
// a quote when the quote's text lies inside it, or when a stretch of at
// least three words of the sentence lies inside the quote's text.
func sentenceQuote(sent string, cands []int, quoteKeys []string, quotes []Quote) int {
	if len(cands) == 0 {
		return -1
	}
	sk := wordKey(sent)
	var segs []string
	for _, seg := range strings.FieldsFunc(sent, func(r rune) bool { return strings.ContainsRune(quoteMarks, r) }) {
		if k := wordKey(seg); strings.Count(k, " ") >= 2 {
			segs = append(segs, k)
		}
	}
	best, bestLen := -1, 0
	for _, qi := range cands {
		qk := quoteKeys[qi]
		if qk == "" {
			continue
		}
		n := 0
		switch {
		case strings.Contains(sk, qk):
			n = len(qk)
		case strings.Contains(qk, sk):
			n = len(sk)
		default:
			for _, k := range segs {
				if len(k) > n && strings.Contains(qk, k) {
					n = len(k)
				}
			}
		}
		if n == 0 {
			continue
		}
		// Prefer the longest overlap; between equals, the more direct kind.
		if n > bestLen || (n == bestLen && best >= 0 && kindRank(quotes[qi].Kind) < kindRank(quotes[best].Kind)) {
			best, bestLen = qi, n
		}
	}
	return best
}

// kindRank orders quote kinds: direct, partial, reported.
func kindRank(k QuoteKind) int {
	switch k {
	case Direct:
		return 0
	case Partial:
		return 1
	}
	return 2
}

// answerKind maps a quote kind to the kind of answer it makes.
func answerKind(k QuoteKind) AnswerKind {
	if k == Reported {
		return AnswerStatement
	}
	return AnswerQuote
}
