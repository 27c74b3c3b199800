package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// nameSkip are words that stand before or inside a name without being part
// of it: honorifics and the commonest titles, so "Mr Lavrov" and
// "Secretary Rice" are looked up by the name alone.
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
	// byWord lists the people whose names hold a word.
	byWord map[string][]int32
	// choices are the names and aliases offered to autocompletion, and
	// owner the person each belongs to.
	choices []string
	owner   []int32
}

// nameWords returns the lower-cased words of a name, without honorifics
// and titles.
func nameWords(name string) []string {
	var out []string
	for _, t := range tokenize(name) {
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
		seen := map[string]bool{}
		var words, surnames []string
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			ws := nameWords(name)
			if len(ws) == 0 {
				continue
			}
			for _, w := range ws {
				if !seen[w] {
					seen[w] = true
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
		all := nameWords(p.Name)
		n.org = append(n.org, len(all) > 0 && orgEnds[all[len(all)-1]] || len(all) == 0)
		n.words = append(n.words, words)
		n.surnames = append(n.surnames, surnames)
	}
	return n
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
	n := utf8.RuneCountInString(word)
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
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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
func (n *nameIndex) match(typed []string, all, prefix bool) []personMatch {
	var out []personMatch
	for pi := range n.words {
		var used []int
		score := 0.0
		surname := false
		for ti, w := range typed {
			best, bestWord := 0.0, ""
			for _, nw := range n.words[pi] {
				if s := wordMatch(w, nw, prefix && ti == len(typed)-1); s > best {
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
		case !surname:
			continue
		}
		// Reward names the query covers more completely.
		score += float64(len(used)) / float64(len(n.words[pi])+1)
		out = append(out, personMatch{person: int32(pi), score: score, words: used})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
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

// FindPerson returns the person a look-up such as "lavrov" or
// "condoleezza rice" means, or false when nobody in the library fits.
// Every word of the look-up must belong to the person's name or aliases,
// allowing for typing errors, so "boris johnson" finds nobody rather than
// somebody else.
func (l *Library) FindPerson(query string) (Person, bool) {
	words := queryWords(query)
	if len(words) == 0 {
		return Person{}, false
	}
	ms := l.names.match(words, true, true)
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

// Complete returns up to max people whose name or alias fuzzily matches
// the typed prefix, best first, for autocompletion. An empty prefix returns
// the most quoted people.
func (l *Library) Complete(prefix string, max int) []Person {
	if max <= 0 {
		return nil
	}
	prefix = strings.TrimSpace(prefix)
	var out []Person
	seen := map[int32]bool{}
	add := func(pi int32) {
		if !seen[pi] && len(out) < max {
			seen[pi] = true
			out = append(out, l.people[pi])
		}
	}
	if prefix == "" {
		for i := range l.people {
			if l.people[i].Quotes > 0 {
				add(int32(i))
			}
		}
		return out
	}
	// Whole-word matches (with typos) come first, then fuzzy subsequence
	// matches of what has been typed so far.
	if words := queryWords(prefix); len(words) > 0 {
		for _, m := range l.names.match(words, true, true) {
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
	pi, ok := l.personIdx[name]
	if !ok {
		for i, p := range l.people {
			if strings.EqualFold(p.Name, name) {
				pi, ok = int32(i), true
				break
			}
		}
	}
	if !ok {
		return nil
	}
	name = l.people[pi].Name
	type scored struct {
		q     int
		score float64
	}
	var qs []scored
	var topicScores map[int32]float64
	if strings.TrimSpace(topic) != "" {
		topicScores = l.topicScores(topic, pi)
	}
	for i, q := range l.quotes {
		if q.Speaker != name {
			continue
		}
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
		qs = append(qs, scored{i, s})
	}
	sort.SliceStable(qs, func(a, b int) bool {
		ka, kb := kindRank(l.quotes[qs[a].q].Kind), kindRank(l.quotes[qs[b].q].Kind)
		if ka != kb {
			return ka < kb
		}
		return qs[a].score > qs[b].score
	})
	out := make([]Quote, len(qs))
	for i, s := range qs {
		out[i] = l.quotes[s.q]
	}
	return out
}
