package knowledge

import (
	"encoding/binary"
	"hash/maphash"
	"iter"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Field weights of the BM25F score. The excerpt's own words count fully;
// the speaker's name counts a little less, because "what did Okafor say"
// should find Okafor's quotes even when his name is not in the sentence,
// but a sentence that mentions him by name is at least as good.
const (
	weightBody    = 1.0
	weightSpeaker = 0.7
	// weightContext is the weight of the names a sentence that opens with
	// a pronoun ("They also met ...") takes from the sentence before it.
	weightContext = 0.5
	// weightNeighbour is the weight of the words of the sentence before,
	// in the same paragraph, which often names what a quote is about:
	// "The mayor proposed a ferry to Lund. Okafor said the boat
	// 'would run all year'."
	weightNeighbour = 0.3
	// weightTitle is the weight of the article's headline words in each
	// of its excerpts: the headline says what the whole story is about.
	weightTitle = 0.2
	// bm25K1 and bm25B are the usual BM25 constants: k1 saturates repeated
	// words, b normalises for excerpt length.
	bm25K1 = 1.2
	bm25B  = 0.6
)

// Hints say what kind of information an excerpt holds, for questions that
// ask "when", "where", "who", "how many" or "why".
const (
	hintDate uint8 = 1 << iota
	hintPlace
	hintName
	hintNumber
	hintReason
)

// unit is one answerable excerpt, as the library's build cuts it from an
// article: a quote with the words around it that attribute it, or a
// sentence the article states in its own voice.
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
	// hints holds hintDate, hintPlace and hintName.
	hints uint8
	// contextCands are the words of the sentence before that may be the
	// names a sentence that opens with a pronoun refers to, read while
	// the people are not yet known; indexing picks the names from them.
	contextCands []contextCand
}

// excerpt is a unit as the built index gives it to ranking and answers:
// a view made on demand from a packedExcerpt (index.view), so readers see
// the text and term IDs without every excerpt keeping their headers.
type excerpt struct {
	// text is the excerpt as the article writes it.
	text string
	// terms holds the term IDs of text's words in order, -1 for
	// stopwords, so proximity can be measured.
	terms termSeq
	// kind is quote, statement or fact, in a byte rather than a string.
	kind excerptKind
	// quote is the index in Library.quotes, -1 for a fact.
	quote int32
	// speaker is the index in Library.people, -1 for a fact.
	speaker int32
	// article is the index in Library.articles.
	article int32
	// para is the paragraph the excerpt starts in.
	para int32
	// hints holds hintDate, hintPlace and hintName.
	hints uint8
}

// packedExcerpt is an excerpt as the built index keeps it, in 32 bytes
// with no pointers: a large library keeps tens of thousands, and a string
// and a slice header would take 40 bytes more each and give the garbage
// collector two pointers each to follow. Its text is bytes [from, to) of
// paragraph para of its article or, for the few excerpts whose words the
// paragraph does not hold as they are (sentences joined into one quote),
// of index.extra; its term IDs start at termFrom in index.narrowIDs (or
// index.termIDs) and end where the next excerpt's start.
type packedExcerpt struct {
	from, to, termFrom uint32
	quote, speaker     int32
	article, para      int32
	kind               excerptKind
	hints              uint8
	// extra says that the text is in index.extra.
	extra bool
}

// termSeq is an excerpt's term IDs in order, -1 for stopwords: a part of
// index.narrowIDs, or of index.termIDs when the library has too many
// terms for those. Readers go through len, at and all, so that the
// index can keep the IDs of a library's million words in two bytes each
// where the vocabulary allows. It is one pointer, a length and a flag,
// not two slices, because the compiler keeps a value of at most four
// words in registers: ranking reads every word of its candidates, and
// copying a larger termSeq to the stack for each read made proximity half
// as slow again.
type termSeq struct {
	// p points at n uint16s, each an ID plus one and 0 for a stopword,
	// or, when wide, at n int32 IDs.
	p    unsafe.Pointer
	n    int
	wide bool
}

// len returns the number of words.
func (s termSeq) len() int { return s.n }

// at returns the term ID of word i, -1 for a stopword.
func (s termSeq) at(i int) int32 {
	if uint(i) >= uint(s.n) {
		panic("knowledge: term index out of range")
	}
	if s.wide {
		return *(*int32)(unsafe.Add(s.p, 4*i))
	}
	return int32(*(*uint16)(unsafe.Add(s.p, 2*i))) - 1
}

// all yields each word's place and term ID, -1 for a stopword.
func (s termSeq) all() iter.Seq2[int, int32] {
	return func(yield func(int, int32) bool) {
		for i := range s.n {
			if !yield(i, s.at(i)) {
				return
			}
		}
	}
}

// maxNarrowTerms is the most terms a library can have for index.narrowIDs
// to hold its term IDs: each is kept plus one in a uint16.
const maxNarrowTerms = 1<<16 - 1

// packTermIDs keeps ids, the term IDs of all excerpts' words, in
// narrowIDs when every term fits, else in termIDs, in a slice of exactly
// their size either way. The build's ids are not kept.
func (ix *index) packTermIDs(ids []int32) {
	if len(ix.termNames) > maxNarrowTerms {
		ix.termIDs = slices.Clone(ids)
		return
	}
	ix.narrowIDs = make([]uint16, len(ids))
	for i, id := range ids {
		ix.narrowIDs[i] = uint16(id + 1)
	}
}

// wordCount returns the number of words of all excerpts.
func (ix *index) wordCount() int { return len(ix.termIDs) + len(ix.narrowIDs) }

// termsOf returns the term IDs of words [from, to) of all excerpts.
func (ix *index) termsOf(from, to uint32) termSeq {
	if ix.narrowIDs != nil {
		ids := ix.narrowIDs[from:to]
		return termSeq{p: unsafe.Pointer(unsafe.SliceData(ids)), n: len(ids)}
	}
	ids := ix.termIDs[from:to]
	return termSeq{p: unsafe.Pointer(unsafe.SliceData(ids)), n: len(ids), wide: true}
}

// view returns excerpt i with its text and term IDs.
func (ix *index) view(i int32) excerpt {
	p := &ix.units[i]
	return excerpt{text: ix.textOf(p), terms: ix.termsOf(p.termFrom, ix.termEnd(i)), kind: p.kind,
		quote: p.quote, speaker: p.speaker, article: p.article, para: p.para, hints: p.hints}
}

// textOf returns the text of a packed excerpt.
func (ix *index) textOf(p *packedExcerpt) string {
	if p.extra {
		return ix.extra[p.from:p.to]
	}
	return ix.articles[p.article].Paragraphs[p.para][p.from:p.to]
}

// termEnd returns where excerpt i's term IDs end in termIDs.
func (ix *index) termEnd(i int32) uint32 {
	if int(i)+1 < len(ix.units) {
		return ix.units[i+1].termFrom
	}
	return uint32(ix.wordCount())
}

// excerptKind is an AnswerKind in one byte: the index keeps one per
// excerpt, and a string takes sixteen.
type excerptKind uint8

// The kinds of excerpt, indexes into excerptKinds.
const (
	kindFact excerptKind = iota
	kindQuote
	kindStatement
)

// excerptKinds gives each excerptKind's AnswerKind.
var excerptKinds = [...]AnswerKind{kindFact: AnswerFact, kindQuote: AnswerQuote, kindStatement: AnswerStatement}

// kindOf returns k's excerptKind; a kind it does not know is a fact.
func kindOf(k AnswerKind) excerptKind {
	switch k {
	case AnswerQuote:
		return kindQuote
	case AnswerStatement:
		return kindStatement
	}
	return kindFact
}

// answer returns the AnswerKind k stands for.
func (k excerptKind) answer() AnswerKind { return excerptKinds[k] }

// postingLists holds the posting lists of every term in two flat arrays,
// because a large library has millions of postings and a slice of 8-byte
// structs per term, grown by append, kept about three times the bytes the
// lists need. A posting is 5 bytes: its excerpt, and the code of its term
// frequency in index.tfs, as a library has only a few dozen distinct
// frequencies (sums of the few field weights). The lists stay fixed-width
// rather than varint-encoded because ranking reads every posting of a
// question's words, and decoding varints cost more than a tenth of a
// question's time on a large library.
type postingLists struct {
	// start[id] is where term id's postings begin in units and codes;
	// start[id+1] is where they end.
	start []uint32
	units []int32
	codes []uint8
	// exotic holds, by posting index, the frequency of the postings whose
	// code is codeExotic: those beyond the commonest 255 frequencies,
	// which a library seldom has at all.
	exotic map[uint32]float32
}

// codeExotic marks a posting whose frequency is in postingLists.exotic.
const codeExotic = 255

// tf returns the term frequency of posting k with code c.
func (pl *postingLists) tf(tfs []float32, k uint32, c uint8) float32 {
	if c == codeExotic {
		return pl.exotic[k]
	}
	return tfs[c]
}

// index is the inverted index over the excerpts.
type index struct {
	units []packedExcerpt
	// narrowIDs holds the term IDs of all excerpts' words, excerpt after
	// excerpt (packedExcerpt.termFrom), each plus one, 0 for a stopword,
	// in two bytes where four would double the largest part of a small
	// library's index; a library with more than maxNarrowTerms terms
	// keeps them in termIDs instead, -1 for a stopword (termSeq).
	narrowIDs []uint16
	termIDs   []int32
	// articles are the library's articles, whose paragraphs hold the
	// excerpts' text, and extra the text of the excerpts no paragraph
	// holds as it is.
	articles []Article
	extra    string
	// lengths holds each excerpt's weighted number of words in all
	// fields, apart from units because ranking reads it for every
	// posting and a dense array keeps those reads in cache.
	lengths []float32
	// termTable finds a stemmed term's ID in termNames (termID).
	termTable strTable
	// termNames holds each term ID's stemmed term, so a rebuild can look
	// stems up instead of computing them again.
	termNames []string
	// postings lists, for each term ID, the excerpts that hold it in
	// excerpt order.
	postings postingLists
	// neighbours lists, for each term ID, the excerpts whose preceding
	// sentence in the same paragraph, or whose article's headline, holds
	// it.
	neighbours postingLists
	// df is, for each term ID, how many excerpts hold it: the length of
	// its list in postings.
	df []int32
	// tfs holds the commonest distinct term frequencies of all postings,
	// which the lists refer to by their place here: a library has only a
	// few dozen, as they are sums of the few field weights.
	tfs []float32
	// wordTable finds a lower-case word as written in wordList, and
	// wordInfos holds what the index knows of it (wordInfo), so a typo can
	// be corrected to a word the articles use and a name can be told from
	// a common word.
	wordList  []string
	wordInfos []wordInfo
	wordTable strTable
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
	// class holds the word's hintClasses and stop records
	// searchStop[word], so a rebuild that meets the word again need not
	// look it up in the lexicons. They fit in the struct's padding.
	class uint8
	stop  bool
}

// word returns the term ID of a written word.
func (ix *index) word(w string) (int32, bool) {
	if wi, ok := ix.wordInfo(w); ok {
		return wi.term, true
	}
	return 0, false
}

// known returns what ix, which may be nil, knows of a written word.
func (ix *index) known(norm string) (*wordInfo, bool) {
	if ix == nil {
		return nil, false
	}
	return ix.wordInfo(norm)
}

// wordInfo returns what the built index knows of a written word.
func (ix *index) wordInfo(w string) (*wordInfo, bool) {
	k, ok := ix.wordTable.find(ix.wordList, w)
	if !ok {
		return nil, false
	}
	return &ix.wordInfos[k], true
}

// wordInfoBytes is wordInfo for a word in bytes, which it does not copy:
// the string it looks up does not outlive the call.
func (ix *index) wordInfoBytes(w []byte) (*wordInfo, bool) {
	return ix.wordInfo(unsafe.String(unsafe.SliceData(w), len(w)))
}

// termID returns the ID of a stemmed term in the built index.
func (ix *index) termID(term string) (int32, bool) {
	id, ok := ix.termTable.find(ix.termNames, term)
	return int32(id), ok
}

// idf returns the inverse document frequency of term id.
func (ix *index) idf(id int32) float64 {
	n := float64(len(ix.units))
	df := float64(ix.df[id])
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
	wi, ok := ix.wordInfo(norm)
	return ok && wi.total > 0 && float64(wi.capital) >= 0.8*float64(wi.total)
}

// vocabWord is what a worker preparing excerpts knows of one normalised
// word, found with one look-up per word it reads instead of one in each
// lexicon and vocabulary.
type vocabWord struct {
	norm string
	// stem is the word's index term.
	stem string
	// class holds the word's hintClasses.
	class uint8
	// stop records searchStop[norm].
	stop bool
	// prevTerm is the stem's term ID in the vocabulary's prev index, -1
	// when it has none.
	prevTerm int32
	// info is the indexing goroutine's wordInfo for the word, nil until it
	// first meets this vocabWord. Only that goroutine reads or writes it.
	info *wordInfo
}

// isStop is isStop(t) for a token t of v's word.
func (v *vocabWord) isStop(t token) bool {
	return v.stop && !(t.acronym && len(t.norm) >= 2)
}

// vocabulary is one preparing worker's vocabWords by normalised word.
// It is an open-addressing hash table of its own rather than a Go map:
// nearly every word read is a short plain ASCII word, which asciiWord
// lower-cases into two machine words that are the word's key, so a
// look-up hashes two integers and compares them in the slot, with no
// second pass over the word and no pointer to follow to its text.
type vocabulary struct {
	// slots has a power-of-two length and is kept at most half full.
	slots []vocabSlot
	n     int
	// low is scratch memory for lower-casing a word (asciiWord).
	low [64]byte
	// prev is the index of an earlier library, whose words' stems are
	// known; nil when there is none. It is only read.
	prev *index
	// base holds the words of prev, shared by the preparing workers and
	// only read (newVocabularyBase); nil when there is no prev.
	base *vocabulary
}

// vocabSlot is one slot of a vocabulary: a word's vocabKey and its
// vocabWord, or nothing when w is nil.
type vocabSlot struct {
	key vocabKey
	w   *vocabWord
}

// vocabKey is what a vocabulary files a word under: its first 16 bytes,
// zero-padded (no word holds a zero byte), and a hash of the whole word
// with its length. Two words of up to 16 bytes are the same exactly when
// their keys are; longer ones are compared in full when their keys match.
type vocabKey struct {
	k0, k1, hash uint64
}

// vocabKeyOf returns the vocabKey of norm, whose first 16 bytes, padded
// with zeros, are in head.
func vocabKeyOf(head *[16]byte, norm string) vocabKey {
	return vocabKeyFrom(binary.LittleEndian.Uint64(head[:8]), binary.LittleEndian.Uint64(head[8:]), norm)
}

// vocabKeyFrom returns the vocabKey of norm, whose first 16 bytes, padded
// with zeros, are k0 and k1 read little-endian.
func vocabKeyFrom[T string | []byte](k0, k1 uint64, norm T) vocabKey {
	k := vocabKey{k0: k0, k1: k1}
	h := k0*0x9E3779B97F4A7C15 ^ bits.RotateLeft64(k1*0xC2B2AE3D27D4EB4F, 31) ^ uint64(len(norm))
	for i := 16; i < len(norm); i++ {
		h = (h ^ uint64(norm[i])) * 0x100000001B3
	}
	k.hash = h
	return k
}

// home returns the slot where a search for the word of k starts.
func (v *vocabulary) home(k vocabKey) int {
	return int((k.hash*0xFF51AFD7ED558CCD)>>32) & (len(v.slots) - 1)
}

// newVocabulary returns an empty vocabulary that first looks words up in
// base, which may be nil and is only read, and stems other words prev
// (which may be nil) knows by looking them up.
func newVocabulary(prev *index, base *vocabulary) *vocabulary {
	return &vocabulary{prev: prev, base: base, slots: make([]vocabSlot, 1<<12)}
}

// newVocabularyBase returns a vocabulary of every word prev knows, for
// the preparing workers to share (newVocabulary); nil when prev is nil.
// Seeding it once from prev's list of words costs less than each worker
// looking up in prev every word it meets, and lets the workers hand the
// indexing goroutine the same vocabWords, whose wordInfo it then finds
// once rather than once per worker.
func newVocabularyBase(prev *index) *vocabulary {
	if prev == nil {
		return nil
	}
	size := 1 << 12
	for size < 2*len(prev.wordList) {
		size <<= 1
	}
	v := &vocabulary{prev: prev, slots: make([]vocabSlot, size)}
	words := make([]vocabWord, len(prev.wordList))
	var head [16]byte
	for n, norm := range prev.wordList {
		wi := &prev.wordInfos[n]
		w := &words[n]
		*w = vocabWord{norm: norm, stem: prev.termNames[wi.term], class: wi.class, stop: wi.stop, prevTerm: wi.term}
		head = [16]byte{}
		copy(head[:], norm)
		k := vocabKeyOf(&head, norm)
		v.slots[v.find(k, norm)] = vocabSlot{key: k, w: w}
	}
	v.n = len(words)
	return v
}

// word returns the vocabWord of norm.
func (v *vocabulary) word(norm string) *vocabWord {
	var head [16]byte
	copy(head[:], norm)
	k := vocabKeyOf(&head, norm)
	if b := v.base; b != nil {
		if w := b.slots[b.find(k, norm)].w; w != nil {
			return w
		}
	}
	i := v.find(k, norm)
	if w := v.slots[i].w; w != nil {
		return w
	}
	return v.insert(i, k, norm)
}

// find returns the index of the slot of norm, whose key is k, or of the
// empty slot where it belongs.
func (v *vocabulary) find(k vocabKey, norm string) int {
	mask := len(v.slots) - 1
	for i := v.home(k); ; i = (i + 1) & mask {
		s := &v.slots[i]
		if s.w == nil || s.key == k && (len(norm) <= 16 || s.w.norm == norm) {
			return i
		}
	}
}

// findBytes is find for a word held in a byte slice; the comparison
// converts it without copying.
func (v *vocabulary) findBytes(k vocabKey, norm []byte) int {
	mask := len(v.slots) - 1
	for i := v.home(k); ; i = (i + 1) & mask {
		s := &v.slots[i]
		if s.w == nil || s.key == k && (len(norm) <= 16 || s.w.norm == string(norm)) {
			return i
		}
	}
}

// insert makes the vocabWord of norm, whose key is k, in the empty slot
// i that find gave, and returns it.
func (v *vocabulary) insert(i int, k vocabKey, norm string) *vocabWord {
	w := &vocabWord{norm: norm, prevTerm: -1}
	if wi, ok := v.prev.known(norm); ok {
		w.stem, w.class, w.stop, w.prevTerm = v.prev.termNames[wi.term], wi.class, wi.stop, wi.term
	} else {
		w.stem, w.class, w.stop = stemWord(norm), hintClasses[norm], searchStop[norm]
	}
	v.slots[i] = vocabSlot{key: k, w: w}
	v.n++
	if 2*v.n > len(v.slots) {
		v.grow()
	}
	return w
}

// grow doubles the table.
func (v *vocabulary) grow() {
	old := v.slots
	v.slots = make([]vocabSlot, 2*len(old))
	mask := len(v.slots) - 1
	for _, s := range old {
		if s.w == nil {
			continue
		}
		i := v.home(s.key)
		for v.slots[i].w != nil {
			i = (i + 1) & mask
		}
		v.slots[i] = s
	}
}

// appendWords appends the words of text to toks, as appendTokens does,
// and their vocabWords to vs. A plain ASCII word is lower-cased in a
// buffer to be looked up, so it is read once and a word the vocabulary
// knows costs no new string; its token's norm is the vocabWord's.
func (v *vocabulary) appendWords(toks []token, vs []*vocabWord, text string) ([]token, []*vocabWord) {
	for i := 0; ; {
		start, end, letters := nextWord(text, i)
		if start < 0 {
			return toks, vs
		}
		i = end
		var t token
		var w *vocabWord
		if letters == "" {
			t, w = v.asciiWord(text, start, end)
		}
		if w == nil {
			t = wordToken(text, start, end, letters)
			w = v.word(t.norm)
		}
		toks, vs = append(toks, t), append(vs, w)
	}
}

// asciiWord is wordToken and word for text[start:end], a word nextWord
// found, when it is ASCII letters and digits only and fits v.low, as
// nearly every word is; otherwise it returns a nil vocabWord. The token's
// fields are those makeToken gives such a word.
func (v *vocabulary) asciiWord(text string, start, end int) (token, *vocabWord) {
	surface := text[start:end]
	if len(surface) > len(v.low) {
		return token{}, nil
	}
	letters, upper, digits := 0, 0, 0
	// The key's first 16 bytes are gathered in registers as they are
	// read: read back from v.low they would wait on the bytes' stores.
	var k0, k1 uint64
	for i := 0; i < len(surface); i++ {
		c := surface[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
		case c >= 'A' && c <= 'Z':
			letters++
			upper++
			c += 'a' - 'A'
		default:
			// an apostrophe, or another character's byte
			return token{}, nil
		}
		v.low[i] = c
		if i < 8 {
			k0 |= uint64(c) << (8 * i)
		} else if i < 16 {
			k1 |= uint64(c) << (8 * (i - 8))
		}
	}
	low := v.low[:len(surface)]
	k := vocabKeyFrom(k0, k1, low)
	var w *vocabWord
	if b := v.base; b != nil {
		if upper == 0 {
			w = b.slots[b.find(k, surface)].w
		} else {
			w = b.slots[b.findBytes(k, low)].w
		}
	}
	switch {
	case w != nil:
	case upper == 0:
		i := v.find(k, surface)
		if w = v.slots[i].w; w == nil {
			w = v.insert(i, k, surface)
		}
	default:
		i := v.findBytes(k, low)
		if w = v.slots[i].w; w == nil {
			w = v.insert(i, k, string(low))
		}
	}
	c := surface[0]
	return token{
		surface: surface, norm: w.norm, start: start, end: end,
		acronym: letters >= 2 && letters <= 5 && upper == letters,
		capital: c >= 'A' && c <= 'Z',
		number:  digits > 0 && letters == 0,
	}, w
}

// preppedWord is one word of an excerpt as indexing needs it: its
// vocabWord, nil for a stopword, and its wordOpens and wordCapital flags.
type preppedWord struct {
	v     *vocabWord
	flags uint8
}

// Flags of a preppedWord.
const (
	// wordOpens marks a word that opens a sentence.
	wordOpens uint8 = 1 << iota
	// wordCapital marks a word written with a capital letter.
	wordCapital
)

// indexBuilder collects excerpts and terms while the library is built.
type indexBuilder struct {
	ix   *index
	stem *stemmer
	// postings and neighbours collect every posting of every term in the
	// order they are made, which is excerpt order; finish sorts them by
	// term into the index. One flat array each grows far more cheaply than
	// a slice per term.
	postings, neighbours []termPosting
	// tfs lists the distinct term frequencies of the postings by the
	// number the builder gave each, and tfNum finds that number.
	tfs   []float32
	tfNum map[float32]uint32
	// tfCache remembers the numbers of recent frequencies by their bits.
	tfCache [1 << tfCacheBits]tfSlot
	// allTerms holds the term IDs of all excerpts' words, excerpt after
	// excerpt, each starting at its packedExcerpt.termFrom.
	allTerms []int32
	// texts holds each excerpt's text until finish packs it.
	texts []string
	// termMap maps a stemmed term prev does not know to its ID, and
	// wordMap a lower-case word as written to what the index knows of it;
	// finish packs the terms and words into the index's strTables.
	termMap map[string]int32
	wordMap map[string]*wordInfo
	// prev is the index the builder looks known words up in, nil when
	// there is none, and fromPrev[t] is one more than the builder's ID of
	// prev's term t, 0 until it has one: a term prev knows is found by
	// its ID in prev rather than in termMap, which holds only the others.
	prev     *index
	fromPrev []int32
	// counts and near are reused per excerpt to collect term frequencies.
	counts, near tfCounter
}

// termPosting is one posting as the builder collects it: the term, the
// excerpt, and the builder's number for its frequency (indexBuilder.tfs).
type termPosting struct {
	term, unit int32
	tf         uint32
}

// newIndexBuilder returns an empty builder that stems words prev (which
// may be nil) already knows by looking them up. textBytes is the length of
// the articles' text, from which the builder guesses its sizes when there
// is no prev.
func newIndexBuilder(prev *index, textBytes int) *indexBuilder {
	// The maps are not sized ahead: sized for the previous library's
	// words they grow no faster and cost more to clear.
	b := &indexBuilder{
		ix:      &index{},
		termMap: make(map[string]int32),
		wordMap: make(map[string]*wordInfo),
		stem:    newStemmer(prev),
		tfNum:   map[float32]uint32{},
	}
	ix := b.ix
	if prev != nil {
		b.prev = prev
		b.fromPrev = make([]int32, len(prev.termNames))
		// A rebuild makes about as many excerpts, words and postings as
		// the library before it.
		n := len(prev.units)
		ix.units = make([]packedExcerpt, 0, n+n/16)
		ix.lengths = make([]float32, 0, cap(ix.units))
		b.texts = make([]string, 0, cap(ix.units))
		ix.termNames = make([]string, 0, len(prev.termNames)+len(prev.termNames)/16)
		words := prev.wordCount()
		b.allTerms = make([]int32, 0, words+words/16)
		np, nn := len(prev.postings.units), len(prev.neighbours.units)
		b.postings = make([]termPosting, 0, np+np/16)
		b.neighbours = make([]termPosting, 0, nn+nn/16)
	} else {
		// English news has about a posting per 11 bytes of text and a
		// neighbour posting per 8 (bbc: 5.0 MB, 450k and 600k); a guess a
		// little over saves the copies of growing the arrays from empty.
		b.postings = make([]termPosting, 0, textBytes/10)
		b.neighbours = make([]termPosting, 0, textBytes/7)
	}
	return b
}

// termID returns the ID of a stemmed term, adding it when new.
func (b *indexBuilder) termID(term string) int32 {
	if b.prev != nil {
		if t, ok := b.prev.termID(term); ok {
			return b.prevTermID(t)
		}
	}
	if id, ok := b.termMap[term]; ok {
		return id
	}
	id := int32(len(b.ix.termNames))
	b.termMap[term] = id
	b.ix.termNames = append(b.ix.termNames, term)
	return id
}

// prevTermID is termID for the term b.prev knows as t.
func (b *indexBuilder) prevTermID(t int32) int32 {
	if id := b.fromPrev[t]; id > 0 {
		return id - 1
	}
	id := int32(len(b.ix.termNames))
	b.fromPrev[t] = id + 1
	b.ix.termNames = append(b.ix.termNames, b.prev.termNames[t])
	return id
}

// word returns what the index knows of a written word, adding it when new.
func (b *indexBuilder) word(norm string) *wordInfo {
	if wi, ok := b.wordMap[norm]; ok {
		return wi
	}
	wi := &wordInfo{term: b.termID(b.stem.stem(norm)), class: hintClasses[norm], stop: searchStop[norm]}
	b.wordMap[norm] = wi
	return wi
}

// known returns the builder's wordInfo of a word a preparing worker met,
// looking it up only the first time this vocabWord is seen.
func (b *indexBuilder) known(v *vocabWord) *wordInfo {
	if v.info == nil {
		v.info = b.stemmedWord(v)
	}
	return v.info
}

// terms returns the term IDs of words, -1 for stopwords.
func (b *indexBuilder) terms(words []preppedWord) []int32 {
	out := make([]int32, len(words))
	for i, w := range words {
		out[i] = -1
		if w.v != nil {
			out[i] = b.known(w.v).term
		}
	}
	return out
}

// stemmedWord is word for a word a preparing worker has stemmed and
// classed.
func (b *indexBuilder) stemmedWord(v *vocabWord) *wordInfo {
	if wi, ok := b.wordMap[v.norm]; ok {
		return wi
	}
	var term int32
	if v.prevTerm >= 0 && b.prev != nil {
		term = b.prevTermID(v.prevTerm)
	} else {
		term = b.termID(v.stem)
	}
	wi := &wordInfo{term: term, class: v.class, stop: v.stop}
	b.wordMap[v.norm] = wi
	return wi
}

// tfNumber returns the builder's number for term frequency tf, numbering
// it when new.
func (b *indexBuilder) tfNumber(tf float32) uint32 {
	// A small cache in front of the map answers nearly every posting: a
	// library has few distinct frequencies.
	bits := math.Float32bits(tf)
	slot := &b.tfCache[bits*0x9E3779B1>>(32-tfCacheBits)]
	if slot.set && slot.bits == bits {
		return slot.n
	}
	n, ok := b.tfNum[tf]
	if !ok {
		n = uint32(len(b.tfs))
		b.tfNum[tf] = n
		b.tfs = append(b.tfs, tf)
	}
	*slot = tfSlot{bits: bits, n: n, set: true}
	return n
}

// tfCacheBits is the log2 of the number of slots in indexBuilder.tfCache.
const tfCacheBits = 6

// tfSlot is one slot of indexBuilder.tfCache: the number of the term
// frequency whose bits are bits, when set.
type tfSlot struct {
	bits, n uint32
	set     bool
}

// add indexes one excerpt, whose words are words (as a preparing worker
// read them), whose article's headline has the terms title and whose
// preceding sentence in the same paragraph has the terms before (-1 for
// stopwords); speakerNames are the words of its speaker's name and
// aliases, and context the names it refers to by pronoun.
func (b *indexBuilder) add(u unit, words []preppedWord, before, title []int32, speakerNames, context []string) {
	id := int32(len(b.ix.units))
	for _, t := range before {
		if t >= 0 {
			b.near.add(t, weightNeighbour)
		}
	}
	for _, t := range title {
		b.near.add(t, weightTitle)
	}
	for _, tid := range b.near.ids {
		b.neighbours = append(b.neighbours, termPosting{term: tid, unit: id, tf: b.tfNumber(b.near.val[tid])})
	}
	b.near.clear()
	// The words' term IDs go to the builder's one array; finish encodes
	// them into the excerpts.
	from := len(b.allTerms)
	b.allTerms = slices.Grow(b.allTerms, len(words))[:from+len(words)]
	terms := b.allTerms[from:]
	var length float32
	for i, w := range words {
		if w.v == nil {
			terms[i] = -1
			continue
		}
		wi := w.v.info
		if wi == nil {
			wi = b.known(w.v)
		}
		// A capital that opens a sentence says nothing about the word.
		if w.flags&wordOpens == 0 {
			wi.total++
			if w.flags&wordCapital != 0 {
				wi.capital++
			}
		}
		terms[i] = wi.term
		b.counts.add(wi.term, weightBody)
		length += weightBody
	}
	for _, w := range speakerNames {
		b.counts.add(b.word(w).term, weightSpeaker)
		length += weightSpeaker
	}
	for _, w := range context {
		b.counts.add(b.word(w).term, weightContext)
		length += weightContext
	}
	b.ix.lengths = append(b.ix.lengths, length)
	if u.speaker >= 0 {
		u.hints |= hintName
	}
	for _, tid := range b.counts.ids {
		b.postings = append(b.postings, termPosting{term: tid, unit: id, tf: b.tfNumber(b.counts.val[tid])})
	}
	b.counts.clear()
	b.ix.units = append(b.ix.units, packedExcerpt{
		termFrom: uint32(from), kind: kindOf(u.kind), quote: u.quote, speaker: u.speaker,
		article: u.article, para: u.para, hints: u.hints,
	})
	b.texts = append(b.texts, u.text)
}

// lastTerms returns the term IDs of the words of the excerpt added last,
// valid until the next add.
func (b *indexBuilder) lastTerms() []int32 {
	n := len(b.ix.units)
	if n == 0 {
		return nil
	}
	return b.allTerms[b.ix.units[n-1].termFrom:]
}

// tfCounter sums term frequencies for one excerpt in a slice indexed by
// term, which is much cheaper than a map for the millions of words of a
// large library.
type tfCounter struct {
	val []float32
	ids []int32
}

// add adds w to term id.
func (c *tfCounter) add(id int32, w float32) {
	if int(id) >= len(c.val) {
		c.val = append(c.val, make([]float32, int(id)+1-len(c.val))...)
	}
	if c.val[id] == 0 {
		c.ids = append(c.ids, id)
	}
	c.val[id] += w
}

// clear forgets every counted term; ids lists them in the order first
// counted until then.
func (c *tfCounter) clear() {
	for _, id := range c.ids {
		c.val[id] = 0
	}
	c.ids = c.ids[:0]
}

// sentenceStart reports whether toks[i] opens a sentence of text.
func sentenceStart(text string, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	between := text[toks[i-1].end:toks[i].start]
	return strings.ContainsAny(between, sentenceBreaks)
}

// finish computes the statistics queries need. articles are the
// library's articles, whose paragraphs hold the excerpts' text.
func (b *indexBuilder) finish(articles []Article) *index {
	ix := b.ix
	// Everything the index keeps is copied into slices of exactly its
	// size, so the built library holds no append slack and none of the
	// many small allocations the build made along the way.
	ix.units = slices.Clone(ix.units)
	ix.lengths = slices.Clone(ix.lengths)
	ix.packTermIDs(b.allTerms)
	ix.articles = articles
	ix.packTexts(b.texts)
	b.allTerms, b.texts = nil, nil
	ix.termNames = slices.Clone(ix.termNames)
	nTerms := len(ix.termNames)
	var wg sync.WaitGroup
	wg.Go(func() { ix.packWords(b.wordMap) })
	codes := b.tfCodes()
	ix.tfs = make([]float32, min(len(codes), codeExotic))
	for n, c := range codes {
		if c < codeExotic {
			ix.tfs[c] = b.tfs[n]
		}
	}
	wg.Go(func() { ix.neighbours = encodePostings(b.neighbours, nTerms, codes, b.tfs, nil) })
	ix.df = make([]int32, nTerms)
	ix.postings = encodePostings(b.postings, nTerms, codes, b.tfs, ix.df)
	var total float64
	for _, n := range ix.lengths {
		total += float64(n)
	}
	if len(ix.units) > 0 {
		ix.avgLen = total / float64(len(ix.units))
	}
	if ix.avgLen == 0 {
		ix.avgLen = 1
	}
	wg.Wait()
	b.postings, b.neighbours = nil, nil
	b.wordMap, b.termMap, b.fromPrev = nil, nil, nil
	return ix
}

// packWords moves the index's words and terms, and what it knows of each
// word, into a few allocations of exactly their size, lists the words by
// length, and finds them through strTables rather than maps. The build
// made each word, stem and wordInfo an allocation of its own among its
// garbage, and tens of thousands of small objects kept that way pin many
// partly empty pages of heap; a Go map of strings also keeps a 16-byte
// key and a value in a slot, with slots to spare, for every word. The
// build's map of words is given as words.
func (ix *index) packWords(words map[string]*wordInfo) {
	size := 0
	for _, t := range ix.termNames {
		size += len(t)
	}
	var maxLen int
	keys := make([]string, 0, len(words))
	for w, wi := range words {
		keys = append(keys, w)
		if w != ix.termNames[wi.term] {
			size += len(w)
		}
		maxLen = max(maxLen, utf8.RuneCountInString(w))
	}
	var b strings.Builder
	b.Grow(size)
	for _, t := range ix.termNames {
		b.WriteString(t)
	}
	for _, w := range keys {
		if w != ix.termNames[words[w].term] {
			b.WriteString(w)
		}
	}
	slab := b.String()
	off := 0
	for id, t := range ix.termNames {
		ix.termNames[id] = slab[off : off+len(t)]
		off += len(t)
	}
	count := make([]int, maxLen+1)
	for k, w := range keys {
		if wi := words[w]; w != ix.termNames[wi.term] {
			keys[k], off = slab[off:off+len(w)], off+len(w)
		} else {
			keys[k] = ix.termNames[wi.term]
		}
		count[utf8.RuneCountInString(w)]++
	}
	// wordList holds the words by length and, within a length, in order:
	// wordsByLen cuts it into its lengths.
	ix.wordList = make([]string, 0, len(keys))
	ix.wordsByLen = make([][]string, maxLen+1)
	for n, c := range count {
		at := len(ix.wordList)
		ix.wordsByLen[n] = ix.wordList[at : at : at+c]
		ix.wordList = ix.wordList[:at+c]
	}
	for _, w := range keys {
		n := utf8.RuneCountInString(w)
		ix.wordsByLen[n] = append(ix.wordsByLen[n], w)
	}
	for _, ws := range ix.wordsByLen {
		sort.Strings(ws)
	}
	ix.wordInfos = make([]wordInfo, len(ix.wordList))
	for k, w := range ix.wordList {
		ix.wordInfos[k] = *words[w]
	}
	ix.wordTable = newStrTable(ix.wordList)
	ix.termTable = newStrTable(ix.termNames)
}

// strTable finds a string's place in a list of distinct strings kept
// elsewhere. It keeps only a 4-byte slot per string and a quarter more
// to spare, where a map would keep the string's header and a value too,
// and at most half its slots filled when just grown.
type strTable struct {
	seed maphash.Seed
	// slots holds, at each string's hash and the slots after it, 1 + its
	// place in the list; 0 marks a free slot.
	slots []uint32
}

// newStrTable returns the table of keys, which must be distinct.
func newStrTable(keys []string) strTable {
	t := strTable{seed: maphash.MakeSeed(), slots: make([]uint32, len(keys)+len(keys)/4+1)}
	for k, key := range keys {
		i := t.home(key)
		for t.slots[i] != 0 {
			if i++; i == len(t.slots) {
				i = 0
			}
		}
		t.slots[i] = uint32(k + 1)
	}
	return t
}

// newStrTableOf returns the table of n strings, string i being key(i),
// for lists kept as fields of larger structs. Of equal strings, the last
// is found, as a map keeps the last value set.
func newStrTableOf(n int, key func(int) string) strTable {
	t := strTable{seed: maphash.MakeSeed(), slots: make([]uint32, n+n/4+1)}
	for k := 0; k < n; k++ {
		s := key(k)
		i := t.home(s)
		for t.slots[i] != 0 && key(int(t.slots[i]-1)) != s {
			if i++; i == len(t.slots) {
				i = 0
			}
		}
		t.slots[i] = uint32(k + 1)
	}
	return t
}

// findOf returns the place of s in the strings t was made of by
// newStrTableOf with the same key.
func (t *strTable) findOf(s string, key func(int) string) (int, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	for i := t.home(s); ; {
		k := t.slots[i]
		if k == 0 {
			return 0, false
		}
		if key(int(k-1)) == s {
			return int(k - 1), true
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// home returns the slot where key's search starts.
func (t *strTable) home(key string) int {
	hi, _ := bits.Mul64(maphash.String(t.seed, key), uint64(len(t.slots)))
	return int(hi)
}

// find returns key's place in keys, the list t was made of.
func (t *strTable) find(keys []string, key string) (int, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	for i := t.home(key); ; {
		k := t.slots[i]
		if k == 0 {
			return 0, false
		}
		if keys[k-1] == key {
			return int(k - 1), true
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// packTexts locates each excerpt's text in its paragraph, where nearly
// every excerpt's text lies, and copies the rest into ix.extra.
func (ix *index) packTexts(texts []string) {
	var extra strings.Builder
	for i, t := range texts {
		p := &ix.units[i]
		para := ix.articles[p.article].Paragraphs[p.para]
		at := int(stringAddr(t) - stringAddr(para))
		if t == "" || stringAddr(t) < stringAddr(para) || at+len(t) > len(para) {
			// Not a part of its paragraph: the same bytes elsewhere in
			// it do as well, else the text goes to extra.
			at = strings.Index(para, t)
		}
		if at < 0 {
			p.extra = true
			at = extra.Len()
			extra.WriteString(t)
		}
		p.from, p.to = uint32(at), uint32(at+len(t))
	}
	ix.extra = extra.String()
}

// tfCodes orders the builder's numbered term frequencies, the commonest
// first, so that nearly every posting's code fits a byte: codes[n] is the
// code of frequency b.tfs[n].
func (b *indexBuilder) tfCodes() []uint32 {
	count := make([]int, len(b.tfs))
	for _, ps := range [2][]termPosting{b.postings, b.neighbours} {
		for _, p := range ps {
			count[p.tf]++
		}
	}
	order := make([]uint32, len(b.tfs))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(i, j int) bool {
		a, c := order[i], order[j]
		if count[a] != count[c] {
			return count[a] > count[c]
		}
		return b.tfs[a] < b.tfs[c]
	})
	codes := make([]uint32, len(b.tfs))
	for code, n := range order {
		codes[n] = uint32(code)
	}
	return codes
}

// encodePostings packs ps, postings of nTerms terms in excerpt order, into
// postingLists, each frequency number n written as its code codes[n]
// (tfs[n] itself in exotic when the code does not fit). When df is not
// nil, it receives the length of each term's list.
func encodePostings(ps []termPosting, nTerms int, codes []uint32, tfs []float32, df []int32) postingLists {
	pl := postingLists{start: make([]uint32, nTerms+1), units: make([]int32, len(ps)), codes: make([]uint8, len(ps))}
	// Count each term's postings into start[id+1], sum, then place each
	// posting at its term's next free slot: the lists keep excerpt order.
	for _, p := range ps {
		pl.start[p.term+1]++
	}
	for id := 1; id <= nTerms; id++ {
		if df != nil {
			df[id-1] = int32(pl.start[id])
		}
		pl.start[id] += pl.start[id-1]
	}
	next := slices.Clone(pl.start[:nTerms])
	for _, p := range ps {
		k := next[p.term]
		next[p.term]++
		c := codes[p.tf]
		if c >= codeExotic {
			if pl.exotic == nil {
				pl.exotic = map[uint32]float32{}
			}
			pl.exotic[k] = tfs[p.tf]
			c = codeExotic
		}
		pl.units[k] = p.unit
		pl.codes[k] = uint8(c)
	}
	return pl
}

// whenWords are words that make an excerpt answer "when".
var whenWords = setOf(`january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow tonight week weekend month year years decade century spring summer autumn winter
morning evening earlier later ago since until`)

// numberWords make an excerpt answer "how many".
var numberWords = setOf(`two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred hundreds thousand thousands million millions billion billions trillion dozen dozens half quarter
percent per cent`)

// reasonWords make an excerpt answer "why".
var reasonWords = setOf(`because due reason reasons therefore thus hence cause caused causes since result
consequence intended aimed designed purpose`)

// placePreps are prepositions that put a capitalised word after them in a
// place: "at Gdansk", "in Lima", "outside Oslo".
var placePreps = setOf(`at in near outside inside from to across throughout toward towards during`)

// Word classes for textHints, so each word is looked up once.
const (
	classWhen uint8 = 1 << iota
	classNumber
	classReason
	classPlacePrep
)

// hintClasses gives the classes of each word of whenWords, numberWords,
// reasonWords and placePreps.
var hintClasses = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, set := range []struct {
		words map[string]bool
		class uint8
	}{{whenWords, classWhen}, {numberWords, classNumber}, {reasonWords, classReason}, {placePreps, classPlacePrep}} {
		for w := range set.words {
			m[w] |= set.class
		}
	}
	return m
}()

// isYear reports whether t is a four-digit number that reads as a year
// of the last two centuries.
func isYear(t token) bool {
	return t.number && len(t.norm) == 4 && (strings.HasPrefix(t.norm, "19") || strings.HasPrefix(t.norm, "20"))
}

// sentenceBreaks holds the characters after which a word opens a sentence
// or a quotation, for sentenceStart and sentenceStartAt.
const sentenceBreaks = ".!?:;\"“‘(\n"

// textHints finds dates, places and names in an excerpt's words, whose
// vocabWords (in the same order) hold their word classes.
func textHints(toks []token, vs []*vocabWord) uint8 {
	var h uint8
	for i, t := range toks {
		c := vs[i].class
		year := isYear(t)
		if year {
			h |= hintDate
		}
		if c&classReason != 0 {
			h |= hintReason
		}
		if t.number && !year || c&classNumber != 0 {
			h |= hintNumber
		}
		if c&classWhen != 0 && (t.capital || !monthLike(t.norm)) {
			h |= hintDate
		}
		if c&classPlacePrep != 0 && !t.capital {
			for j := i + 1; j < len(toks) && j <= i+5; j++ {
				n := toks[j]
				nc := vs[j].class
				if n.capital && !n.acronym && nc&classWhen == 0 && !vs[j].isStop(n) {
					h |= hintPlace
				}
				if n.capital || nc&classPlacePrep != 0 {
					break
				}
			}
		}
		if i > 0 && i+1 < len(toks) && t.capital && toks[i+1].capital && !vs[i].isStop(t) && !t.acronym && !toks[i+1].acronym {
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
	k, _ := wordKeyCuts(s, nil)
	return k
}

// wordKeyCuts is wordKey that also appends to cuts the offset in the key
// of every quote mark of s: the keys of the parts of s between quote marks
// are the parts of the key between cuts.
func wordKeyCuts(s string, cuts []int) (string, []int) {
	_, k, cuts := appendWordKey(make([]byte, 0, len(s)), s, cuts)
	return k, cuts
}

// appendWordKey is wordKeyCuts writing the key at the end of dst, which
// it returns grown, with the key as a string that shares dst's memory:
// cutting an article into excerpts makes the keys of all its sentences in
// one allocation. The bytes of dst up to its length must never be
// written again, and those of the key never are.
func appendWordKey(dst []byte, s string, cuts []int) ([]byte, string, []int) {
	// The key is written into a byte slice and handed out as a string
	// without copying, as a strings.Builder would, but with no checks
	// between bytes: building keys is a large part of cutting articles
	// into excerpts.
	from := len(dst)
	buf := dst
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			k := keyBytes[c]
			if k >= keyWord {
				if space && len(buf) > from {
					buf = append(buf, ' ')
				}
				space = false
				buf = append(buf, k)
				// The rest of the word, without the checks above.
				for i < len(s) && keyBytes[s[i]] >= keyWord {
					buf = append(buf, keyBytes[s[i]])
					i++
				}
				continue
			}
			switch k {
			case keySkip:
				continue
			case keyQuote:
				cuts = append(cuts, len(buf)-from)
			}
			space = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '’' {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if strings.ContainsRune(quoteMarks, r) {
				cuts = append(cuts, len(buf)-from)
			}
			space = true
			continue
		}
		if space && len(buf) > from {
			buf = append(buf, ' ')
		}
		space = false
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	if len(buf) == from {
		return buf, "", cuts
	}
	return buf, unsafe.String(&buf[from], len(buf)-from), cuts
}

// What wordKeyCuts makes of each byte: keySpace, keySkip, keyQuote, or
// the byte itself (lower-cased) when it is ASCII and belongs to a word.
// Bytes of other characters are keySpace here, so a run of word bytes ends
// at them and wordKeyCuts decodes their character.
const (
	// keySpace separates words.
	keySpace = iota
	// keySkip is left out of the word it stands in (an apostrophe).
	keySkip
	// keyQuote separates words and marks a cut.
	keyQuote
	// keyWord is less than every byte of a word.
	keyWord = '0'
)

// keyBytes gives wordKeyCuts's reading of each byte.
var keyBytes = func() (t [256]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case c == '\'':
			t[c] = keySkip
		case c == '"':
			t[c] = keyQuote
		default:
			t[c] = keySpace
		}
	}
	return t
}()

// quoteMarks split a sentence into the parts inside and outside quotes.
const quoteMarks = "\"“”„«»"

// sentenceQuote finds the quote a sentence gives, or -1: a sentence gives
// a quote when the quote's text lies inside it, or when a stretch of at
// least three words of the sentence lies inside the quote's text. sk is
// the sentence's wordKey and cuts the offsets of its quote marks in sk
// (see wordKeyCuts).
func sentenceQuote(sk string, cuts []int, cands []int, quoteKeys []string, quotes []Quote) int {
	if len(cands) == 0 {
		return -1
	}
	// segs are the wordKeys of the sentence's parts inside and outside
	// quote marks, found only when a quote needs them.
	var segs []string
	segsDone := false
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
			if !segsDone {
				segsDone = true
				segs = quoteSegs(sk, cuts, segs)
			}
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
