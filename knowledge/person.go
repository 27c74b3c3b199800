package knowledge

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// nameSkip are words that stand before or inside a name without being part
// of it: honorifics and the commonest titles, so "Mr Okafor" and
// "Secretary Lund" are looked up by the name alone.
var nameSkip = setOf(`mr mrs ms miss mister madam dr prof professor sir dame lord lady rev reverend
president vice prime minister secretary deputy senator sen governor gov mayor chief general gen
ambassador spokesman spokeswoman spokesperson director chairman chairwoman king queen prince princess
pope chancellor premier foreign defense defence state under first former
of the de la le van von der du da al el bin`)

// orgEnds end the names of organisations. An organisation is never found
// by one word of its name, because "ministry" or "group" alone names
// nothing.
var orgEnds = setOf(`ministry department council agency police service office commission committee
company corporation government court university college school association board bank institute
foundation group authority administration embassy parliament senate congress assembly federation
league organization organisation network centre center society alliance coalition team club firm
tribunal bureau cabinet command forces army navy party union magazine newspaper times post journal
news press television radio channel kremlin pentagon`)

// nameIndex finds people by the words of their names.
type nameIndex struct {
	// words are each person's distinct name words, lower-cased.
	words [][]string
	// surnames are the last words of each person's name and aliases.
	surnames [][]string
	// org marks organisations.
	org []bool
	// family is the last word of each person's canonical name as written,
	// and quotes how many quotes they have.
	family []string
	quotes []int
	// byWord lists the people whose names hold a word while the index is
	// built; afterwards vocabTable finds a word in vocab and wordPeople
	// lists the people of vocab[k] from wordStart[k] to wordStart[k+1]
	// (holders), in a fraction of a map's memory.
	byWord     map[string][]int32
	vocabTable strTable
	wordStart  []int32
	wordPeople []int32
	// vocab is every name word, sorted, for prefix search; byLen groups
	// them by length in runes, for typo search.
	vocab []string
	byLen [][]string
	// byLenSets holds the letterSet of each word of byLen, which rules
	// most words out before an edit distance is taken.
	byLenSets [][]uint64
	// choices are the names and aliases offered to autocompletion, and
	// owner the person each belongs to.
	choices []string
	owner   []int32
}

// nameWords returns the lower-cased words of a name, without honorifics
// and titles.
func nameWords(name string) []string {
	return nameWordsOf(tokenize(name), nil)
}

// nameWordsOf appends to out the name words of a name's tokens toks, as
// nameWords gives them.
func nameWordsOf(toks []token, out []string) []string {
	for _, t := range toks {
		if nameSkip[t.norm] || t.norm == "" {
			continue
		}
		out = append(out, t.norm)
	}
	return out
}

// newNameIndex indexes people's names.
func newNameIndex(people []Person) *nameIndex {
	n := &nameIndex{byWord: map[string][]int32{}}
	for i, p := range people {
		// The name is read once, for its words and its family name; a
		// person has few name words, so a list finds repeats.
		raw := tokenize(p.Name)
		all := nameWordsOf(raw, nil)
		var words, surnames []string
		for a := -1; a < len(p.Aliases); a++ {
			name, ws := p.Name, all
			if a >= 0 {
				name, ws = p.Aliases[a], nameWords(p.Aliases[a])
			}
			if len(ws) == 0 {
				continue
			}
			for _, w := range ws {
				if !slices.Contains(words, w) {
					words = append(words, w)
					n.byWord[w] = append(n.byWord[w], int32(i))
				}
			}
			last := ws[len(ws)-1]
			if !contains(surnames, last) {
				surnames = append(surnames, last)
			}
			n.choices = append(n.choices, name)
			n.owner = append(n.owner, int32(i))
		}
		fam := ""
		if len(raw) > 0 {
			fam = raw[len(raw)-1].norm
		}
		n.family = append(n.family, fam)
		n.quotes = append(n.quotes, p.Quotes)
		n.org = append(n.org, len(all) > 0 && orgEnds[all[len(all)-1]] || len(all) == 0)
		n.words = append(n.words, words)
		n.surnames = append(n.surnames, surnames)
	}
	for w := range n.byWord {
		n.vocab = append(n.vocab, w)
		size := utf8.RuneCountInString(w)
		for len(n.byLen) <= size {
			n.byLen = append(n.byLen, nil)
		}
		n.byLen[size] = append(n.byLen[size], w)
	}
	sort.Strings(n.vocab)
	n.byLenSets = make([][]uint64, len(n.byLen))
	for m, ws := range n.byLen {
		n.byLenSets[m] = make([]uint64, len(ws))
		for i, w := range ws {
			n.byLenSets[m][i] = letterSet(w)
		}
	}
	n.pack()
	return n
}

// holders returns the people whose names hold the name word w.
func (n *nameIndex) holders(w string) []int32 {
	k, ok := n.vocabTable.find(n.vocab, w)
	if !ok {
		return nil
	}
	return n.wordPeople[n.wordStart[k]:n.wordStart[k+1]]
}

// pack moves the index's words into one string and its many short lists
// into a few shared arrays. Built word by word, each word and list would
// be an allocation of its own, with room to grow, scattered among the
// garbage of the build; a large library has tens of thousands of them.
func (n *nameIndex) pack() {
	size := 0
	for _, w := range n.vocab {
		size += len(w)
	}
	var b strings.Builder
	b.Grow(size)
	for _, w := range n.vocab {
		b.WriteString(w)
	}
	text := b.String()
	// Equal strings are interchangeable: each word becomes its bytes in text.
	moved := make(map[string]string, len(n.vocab))
	off := 0
	for i, w := range n.vocab {
		moved[w] = text[off : off+len(w)]
		n.vocab[i] = moved[w]
		off += len(w)
	}
	move := func(w string) string {
		if m, ok := moved[w]; ok {
			return m
		}
		return w
	}
	nIDs := 0
	for _, ids := range n.byWord {
		nIDs += len(ids)
	}
	n.wordPeople = make([]int32, 0, nIDs)
	n.wordStart = make([]int32, len(n.vocab)+1)
	for k, w := range n.vocab {
		n.wordPeople = append(n.wordPeople, n.byWord[w]...)
		n.wordStart[k+1] = int32(len(n.wordPeople))
	}
	n.vocabTable = newStrTable(n.vocab)
	n.byWord = nil
	nWords := 0
	for i := range n.words {
		nWords += len(n.words[i]) + len(n.surnames[i])
	}
	wordSlab := make([]string, nWords)
	packList := func(ws []string) []string {
		if ws == nil {
			return nil
		}
		packed := cut(&wordSlab, len(ws))
		for i, w := range ws {
			packed[i] = move(w)
		}
		return packed
	}
	for i := range n.words {
		n.words[i], n.surnames[i] = packList(n.words[i]), packList(n.surnames[i])
		n.family[i] = move(n.family[i])
	}
	// The lists were built by append: keep them at their size.
	n.words, n.surnames, n.family = slices.Clone(n.words), slices.Clone(n.surnames), slices.Clone(n.family)
	n.choices, n.owner = slices.Clone(n.choices), slices.Clone(n.owner)
	n.quotes, n.org = slices.Clone(n.quotes), slices.Clone(n.org)
	for _, ws := range n.byLen {
		for i, w := range ws {
			ws[i] = move(w)
		}
	}
}

// contains reports whether ss holds s.
func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// maxEdits is how many typing errors a word of this length may hold and
// still match: none in short words, where one edit makes another word,
// one up to seven letters, two beyond. Numbers are never corrected.
func maxEdits(word string) int {
	if word != "" && word[0] >= '0' && word[0] <= '9' {
		return 0
	}
	return editsForLen(utf8.RuneCountInString(word))
}

// editsForLen is the typo allowance of a word of n runes that is not a
// number, so a search over words grouped by length can work it out once
// per group.
func editsForLen(n int) int {
	switch {
	case n <= 4:
		return 0
	case n <= 7:
		return 1
	}
	return 2
}

// editDistance returns the optimal-string-alignment distance between a and
// b (insertions, deletions, substitutions and swaps of neighbours each
// cost one), or limit+1 as soon as it must exceed limit.
func editDistance(a, b string, limit int) int {
	if isASCII(a) && isASCII(b) {
		return osaDistance([]byte(a), []byte(b), limit)
	}
	return osaDistance([]rune(a), []rune(b), limit)
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// osaDistance is editDistance over bytes or runes.
func osaDistance[T byte | rune](ra, rb []T, limit int) int {
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	var buf [3 * 40]int
	var prev2, prev, cur []int
	if n := len(rb) + 1; n <= 40 {
		prev2, prev, cur = buf[:n], buf[40:40+n], buf[80:80+n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// wordMatch scores how well a typed word matches a name word: 1 when
// equal, less for a typo or, when prefix is set, an unfinished word.
func wordMatch(typed, name string, prefix bool) float64 {
	if typed == name {
		return 1
	}
	if prefix && utf8.RuneCountInString(typed) >= 3 && strings.HasPrefix(name, typed) {
		return 0.9
	}
	limit := maxEdits(name)
	if limit == 0 {
		return 0
	}
	if d := editDistance(typed, name, limit); d <= limit {
		return 1 - 0.15*float64(d)
	}
	return 0
}

// personMatch is a person whose name a query names.
type personMatch struct {
	person int32
	score  float64
	// words are the indexes of the query words that belong to the name.
	words []int
}

// match finds the people a list of typed words names. Every typed word
// must belong to the name when all is set (a look-up); otherwise a person
// is named by a surname, or by two words of an organisation's name.
//
// typos says which typed words may be typing errors for a name word (nil
// means all): a question's words the library uses as they are need not
// be searched for near misses, which is the costly part.
func (n *nameIndex) match(typed []string, typos []bool, all, prefix bool) []personMatch {
	// Only people with a name word close to a typed word can match: find
	// those words first, through the sorted list of all name words.
	scores := make([]map[string]float64, len(typed))
	var cands []int32
	// seen is only made when a look-up's prefix finds many people; a
	// question names few, which are quicker to find in cands.
	var seen map[int32]bool
	for ti, w := range typed {
		scores[ti] = n.similarWords(w, prefix && ti == len(typed)-1, typos == nil || typos[ti])
		for nw := range scores[ti] {
			for _, pi := range n.holders(nw) {
				if seen == nil && len(cands) >= 16 {
					seen = make(map[int32]bool, 2*len(cands))
					for _, c := range cands {
						seen[c] = true
					}
				}
				if seen != nil {
					if seen[pi] {
						continue
					}
					seen[pi] = true
				} else if slices.Contains(cands, pi) {
					continue
				}
				cands = append(cands, pi)
			}
		}
	}
	slices.Sort(cands)
	var out []personMatch
	for _, pi := range cands {
		var used []int
		score := 0.0
		surname := false
		for ti := range typed {
			best, bestWord := 0.0, ""
			for _, nw := range n.words[pi] {
				if s := scores[ti][nw]; s > best {
					best, bestWord = s, nw
				}
			}
			if best == 0 {
				if all {
					used = nil
					break
				}
				continue
			}
			used = append(used, ti)
			score += best
			if contains(n.surnames[pi], bestWord) {
				surname = true
			}
		}
		if len(used) == 0 {
			continue
		}
		switch {
		case all:
			// A look-up names the person by any part of the name.
		case n.org[pi]:
			if len(used) < 2 && len(n.words[pi]) > 1 {
				continue
			}
		case !surname && !n.onlyOwner(pi, typed, used, scores):
			continue
		}
		// Reward the family name itself (not a word inside a description
		// such as "Mr Blair's spokesman"), names the query covers more
		// completely, and, a little, the people quoted most, whom a
		// look-up most likely means.
		for _, ti := range used {
			if scores[ti][n.family[pi]] > 0 {
				score += 0.5
				break
			}
		}
		score += 0.3 * float64(len(used)) / float64(len(n.words[pi]))
		score += 0.1 * math.Log10(1+float64(n.quotes[pi]))
		out = append(out, personMatch{person: int32(pi), score: score, words: used})
	}
	slices.SortStableFunc(out, func(a, b personMatch) int { return cmp.Compare(b.score, a.score) })
	return out
}

// onlyOwner reports whether the typed words that matched a person's
// name all belong to nobody else, so a first name ("Condoleezza") that
// only one person has names that person.
func (n *nameIndex) onlyOwner(pi int32, typed []string, used []int, scores []map[string]float64) bool {
	for _, ti := range used {
		for nw, sc := range scores[ti] {
			if sc <= 0 || !contains(n.words[pi], nw) {
				continue
			}
			if len(n.holders(nw)) != 1 {
				return false
			}
		}
	}
	return len(used) > 0
}

// similarWords returns the name words a typed word may stand for, with
// how well each matches (see wordMatch). Most words of a question are
// not names, so the map is only made when a word matches.
func (n *nameIndex) similarWords(w string, prefix, typos bool) map[string]float64 {
	var out map[string]float64
	put := func(nw string, s float64) {
		if out == nil {
			out = map[string]float64{}
		}
		out[nw] = s
	}
	if len(n.holders(w)) > 0 {
		put(w, 1)
	}
	if prefix && utf8.RuneCountInString(w) >= 3 {
		i := sort.SearchStrings(n.vocab, w)
		for ; i < len(n.vocab) && strings.HasPrefix(n.vocab[i], w); i++ {
			if n.vocab[i] != w {
				put(n.vocab[i], 0.9)
			}
		}
	}
	if !typos || len(w) < 4 {
		return out
	}
	size := utf8.RuneCountInString(w)
	set := letterSet(w)
	for m := max(1, size-2); m <= size+2 && m < len(n.byLen); m++ {
		// wordMatch allows a name word of m runes editsForLen(m) edits
		// (none if it is a number), and the lengths alone may differ by
		// more than that.
		limit := editsForLen(m)
		if limit == 0 || size-m > limit || m-size > limit {
			continue
		}
		for i, nw := range n.byLen[m] {
			if editsAtLeast(set, n.byLenSets[m][i]) > limit {
				continue
			}
			if _, done := out[nw]; done {
				continue
			}
			if s := wordMatch(w, nw, false); s > 0 {
				put(nw, s)
			}
		}
	}
	return out
}

// queryWords returns the lower-cased words of a typed name, without
// honorifics and titles.
func queryWords(q string) []string {
	var out []string
	for _, t := range tokenize(q) {
		if !nameSkip[t.norm] {
			out = append(out, t.norm)
		}
	}
	return out
}

// FindPerson returns the person a look-up such as "okafor" or
// "ada okafor" means, or false when nobody in the library fits.
// Every word of the look-up must belong to the person's name or aliases,
// allowing for typing errors, so "boris johnson" finds nobody rather than
// somebody else.
func (l *Library) FindPerson(query string) (Person, bool) {
	words := queryWords(query)
	if len(words) == 0 {
		return Person{}, false
	}
	ms := l.names.match(words, nil, true, true)
	if len(ms) == 0 {
		return Person{}, false
	}
	best := ms[0]
	// Between equally good matches, the person with more quotes is the
	// one people look up.
	for _, m := range ms[1:] {
		if m.score == best.score && l.people[m.person].Quotes > l.people[best.person].Quotes {
			best = m
		}
	}
	return l.people[best.person], true
}

// Complete returns up to max quoted people whose name or alias fuzzily
// matches the typed prefix, best first, for autocompletion. An empty
// prefix returns the most quoted people.
func (l *Library) Complete(prefix string, max int) []Person {
	if max <= 0 {
		return nil
	}
	prefix = strings.TrimSpace(prefix)
	var out []Person
	seen := map[int32]bool{}
	add := func(pi int32) {
		// Only people with quotes: choosing anyone else would show an
		// empty page.
		if !seen[pi] && len(out) < max && l.people[pi].Quotes > 0 {
			seen[pi] = true
			out = append(out, l.people[pi])
		}
	}
	if prefix == "" {
		for i := range l.people {
			add(int32(i))
		}
		return out
	}
	// Whole-word matches (with typos) come first, then fuzzy subsequence
	// matches of what has been typed so far.
	if words := queryWords(prefix); len(words) > 0 {
		for _, m := range l.names.match(words, nil, true, true) {
			add(m.person)
		}
	}
	for _, m := range fuzzy.Find(prefix, l.names.choices) {
		add(l.names.owner[m.Index])
	}
	return out
}

// QuotesOf returns the quotes of the person named exactly name (a canonical
// Person.Name), direct first, then partial, then reported; when topic is not
// empty, only quotes about it, best first within each kind.
func (l *Library) QuotesOf(name, topic string) []Quote {
	pi, ok := l.person(name)
	if !ok {
		// Be forgiving with what a front end passes: a name in other
		// case, or an alias.
	search:
		for i, p := range l.people {
			for _, n := range append([]string{p.Name}, p.Aliases...) {
				if strings.EqualFold(n, name) {
					pi, ok = int32(i), true
					break search
				}
			}
		}
	}
	if !ok {
		return nil
	}
	name = l.people[pi].Name
	type scored struct {
		q     Quote
		score float64
	}
	var qs []scored
	var topicScores map[int32]float64
	if strings.TrimSpace(topic) != "" {
		topicScores = l.topicScores(topic, pi)
	}
	seen := map[string]bool{}
	for a := range l.articles {
		for i := l.quoteStart[a]; i < l.quoteStart[a+1]; i++ {
			if l.quoteSpeaker(i) != name {
				continue
			}
			q := l.quoteIn(i, a, "")
			// The same words in two articles (a story carried twice) are
			// one quote.
			k := wordKey(q.Text)
			if seen[k] {
				continue
			}
			seen[k] = true
			s := 0.0
			if topicScores != nil {
				u := l.quoteUnit[i]
				if u < 0 {
					continue
				}
				if s = topicScores[u]; s <= 0 {
					continue
				}
			}
			qs = append(qs, scored{q, s})
		}
	}
	sort.SliceStable(qs, func(a, b int) bool {
		ka, kb := kindRank(qs[a].q.Kind), kindRank(qs[b].q.Kind)
		if ka != kb {
			return ka < kb
		}
		return qs[a].score > qs[b].score
	})
	out := make([]Quote, len(qs))
	for i, s := range qs {
		out[i] = s.q
	}
	return out
}
