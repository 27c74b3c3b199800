package knowledge

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Weights of the words of a question. A topic word counts fully; a word
// that frames the question ("say", "position", "according") counts a
// little, because every quote is something somebody said.
const (
	weightTopic = 1.0
	weightWeak  = 0.35
	// Alternative forms of a word count less than the word itself.
	weightDemonym = 0.6
	weightTypo1   = 0.8
	weightTypo2   = 0.65
	weightAgent   = 0.8
)

// alt is one index term a question word may stand for.
type alt struct {
	id int32
	w  float64
}

// qword is one word of a question, with the index terms it stands for.
type qword struct {
	tok    token
	weight float64
	alts   []alt
	// idf is the word's rarity; a word the library never uses is as rare
	// as can be, so a question full of unknown words finds no support.
	idf float64
	// person is the named person the word belongs to, or -1.
	person int32
	// topic marks the words a "what did X say about Y" question asks about.
	topic bool
}

// mass is how much the word counts towards a question's coverage.
func (w qword) mass() float64 { return w.weight * w.idf }

// scratch holds the per-question buffers, recycled through a sync.Pool so
// a question allocates little however large the library is.
type scratch struct {
	score []float32
	cur   []float32
	stamp []int32
	mask  []uint64
	// near marks the question words an excerpt matched only through the
	// sentence before it.
	near    []uint64
	curNear []bool
	touched []int32
	round   []int32
	// top holds topUnits' heap, so a question does not allocate it
	// afresh.
	top []int32
}

// getScratch returns buffers sized for the library.
func (l *Library) getScratch() *scratch {
	if s, ok := l.scratch.Get().(*scratch); ok && len(s.score) == len(l.ix.units) {
		return s
	}
	n := len(l.ix.units)
	s := &scratch{score: make([]float32, n), cur: make([]float32, n), stamp: make([]int32, n), mask: make([]uint64, n), near: make([]uint64, n), curNear: make([]bool, n)}
	for i := range s.stamp {
		s.stamp[i] = -1
	}
	return s
}

// putScratch clears the buffers and returns them to the pool.
func (l *Library) putScratch(s *scratch) {
	for _, u := range s.touched {
		s.score[u] = 0
		s.mask[u] = 0
		s.near[u] = 0
		s.stamp[u] = -1
	}
	s.touched = s.touched[:0]
	s.round = s.round[:0]
	l.scratch.Put(s)
}

// accumulate adds the BM25F score of every question word to the excerpts
// that hold it. Each word counts once per excerpt, by its best-matching
// form. Weak words only add to excerpts other words found, since on their
// own they would find half the library.
func (l *Library) accumulate(words []qword, s *scratch) {
	ix := l.ix
	tfs := ix.tfs
	hasStrong := false
	for _, w := range words {
		if w.weight >= weightTopic && len(w.alts) > 0 {
			hasStrong = true
		}
	}
	for pass := 0; pass < 2; pass++ {
		for wi, w := range words {
			weak := w.weight < weightTopic
			if (pass == 0) == (weak && hasStrong) {
				continue
			}
			s.round = s.round[:0]
			for _, a := range w.alts {
				idf := ix.idf(a.id)
				for field, lists := range [2]*postingLists{&ix.postings, &ix.neighbours} {
					near := field == 1
					lo, hi := lists.start[a.id], lists.start[a.id+1]
					units, codes := lists.units[lo:hi], lists.codes[lo:hi]
					for k, u := range units {
						if pass == 1 && s.mask[u]|s.near[u] == 0 {
							continue
						}
						var c float32
						if w.person >= 0 {
							// A person is named or not: saying the name
							// twice, or in the text as well as through the
							// speaker, does not make an excerpt more theirs.
							c = float32(w.weight * a.w * idf)
							if near {
								c *= weightNeighbour
							}
						} else {
							tf := lists.tf(tfs, lo+uint32(k), codes[k])
							norm := 1 - bm25B + bm25B*float64(ix.lengths[u])/ix.avgLen
							c = float32(w.weight * a.w * idf * float64(tf) * (bm25K1 + 1) / (float64(tf) + bm25K1*norm))
						}
						if s.stamp[u] != int32(wi) {
							if s.mask[u]|s.near[u] == 0 && s.score[u] == 0 {
								s.touched = append(s.touched, u)
							}
							s.stamp[u] = int32(wi)
							s.cur[u] = c
							s.curNear[u] = near
							s.round = append(s.round, u)
						} else if c > s.cur[u] {
							s.cur[u] = c
							s.curNear[u] = near
						}
					}
				}
			}
			for _, u := range s.round {
				s.score[u] += s.cur[u]
				if wi < 64 {
					if s.curNear[u] {
						s.near[u] |= 1 << uint(wi)
					} else {
						s.mask[u] |= 1 << uint(wi)
					}
				}
			}
		}
	}
}

// topUnits returns the k excerpts with the highest accumulated score. It
// keeps them in a binary heap, worst on top, laid out and sifted exactly
// as container/heap does, so the same excerpts win ties; written out over
// int32s it needs no interface calls and no boxing. The result lives in
// s and is valid until s is put back.
func topUnits(s *scratch, k int) []int32 {
	h := s.top[:0]
	score := s.score
	for _, u := range s.touched {
		if score[u] <= 0 {
			continue
		}
		if len(h) < k {
			h = append(h, u)
			// Sift up, as heap.Push.
			for j := len(h) - 1; ; {
				i := (j - 1) / 2
				if i == j || !(score[h[j]] < score[h[i]]) {
					break
				}
				h[i], h[j] = h[j], h[i]
				j = i
			}
		} else if score[u] > score[h[0]] {
			h[0] = u
			// Sift down, as heap.Fix on the top (which only grew).
			for i, n := 0, len(h); ; {
				j := 2*i + 1
				if j >= n {
					break
				}
				if j2 := j + 1; j2 < n && score[h[j2]] < score[h[j]] {
					j = j2
				}
				if !(score[h[j]] < score[h[i]]) {
					break
				}
				h[i], h[j] = h[j], h[i]
				i = j
			}
		}
	}
	s.top = h
	return h
}

// expand finds the index terms a question word stands for: its own stem;
// for a place or people word, the other of the pair ("Russian" and
// "Russia"); and, when the library does not use the word at all, the
// closest word it does use within the typing errors the word's length
// allows.
//
// memo remembers corrections already searched for during one question;
// it may be nil. The forms are appended to alts (usually empty), so a
// caller can lend the room for them.
func (l *Library) expand(t token, memo *corrections, alts []alt) []alt {
	ix := l.ix
	// A word the library uses has its stem's term already (the index
	// stems every word it stores), so only a new word is stemmed here:
	// stemming is the costliest step of a short question.
	term := ""
	if id, ok := ix.word(t.norm); ok {
		alts = append(alts, alt{id, 1})
		term = ix.termNames[id]
	} else {
		term = questionStem(t.norm)
		if id, ok := ix.termID(term); ok {
			alts = append(alts, alt{id, 1})
		}
	}
	if !t.number {
		alts = l.agents(t, term, alts)
	}
	if len(alts) > 0 || t.number {
		return l.demonyms(t, alts)
	}
	if w, d := memo.correct(l, t.norm); w != "" {
		weight := weightTypo1
		if d > 1 {
			weight = weightTypo2
		}
		id, _ := ix.word(w)
		alts = append(alts, alt{id, weight})
	}
	return alts
}

// questionStems holds the stems of the words that frame questions ("say",
// "think", "view"), which questions use far more than articles do, so
// they are often missing from a library's words and would be stemmed
// again for every question. It is computed once from the lexicons and
// only read.
var questionStems = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, set := range []map[string]bool{speechAsk, weakWords} {
		for w := range set {
			m[w] = stemWord(w)
		}
	}
	return m
})

// questionStem is stemWord, looked up for the words of questionStems.
func questionStem(norm string) string {
	if s, ok := questionStems()[norm]; ok {
		return s
	}
	return stemWord(norm)
}

// agents pairs a word for somebody who does a thing with the verb for
// doing it, by agentTerms: "founder" with "founded", "chairs" with
// "chairman". A question's -ing word is more often a noun or an adjective
// ("the printing press") than the verb, and is not paired with the doer.
// term is the word's index term, which the library may not use ("chairs"
// in a library that only writes "chairman"). It returns have with the
// partners the library uses appended.
func (l *Library) agents(t token, term string, have []alt) []alt {
	if strings.HasSuffix(t.norm, "ing") {
		return have
	}
	for _, term := range agentTerms[term] {
		if id, ok := l.ix.termID(term); ok && !containsAlt(have, id) {
			have = append(have, alt{id, weightAgent})
		}
	}
	return have
}

// demonyms pairs a place with its people: "Russian" with "Russia",
// "Pakistani" with "Pakistan", "European" with "Europe", and back.
// Both forms must be words the library writes as names. It returns have
// with the forms found appended. The forms are put together in a buffer
// on the stack and looked up without making strings, because every
// capitalised word of every question comes through here.
func (l *Library) demonyms(t token, have []alt) []alt {
	w := t.norm
	if utf8.RuneCountInString(w) < 4 || !(t.capital || l.ix.isNameWord(w)) {
		return have
	}
	var buf [64]byte
	try := func(f []byte) {
		if string(f) == w || len(f) < 3 {
			return
		}
		wi, ok := l.ix.wordInfoBytes(f)
		// As isNameWord, without turning f into a string.
		if !ok || wi.total <= 0 || float64(wi.capital) < 0.8*float64(wi.total) {
			return
		}
		for _, a := range have {
			if a.id == wi.term {
				return
			}
		}
		have = append(have, alt{wi.term, weightDemonym})
	}
	for _, suf := range [...]string{"ian", "an", "n", "i", "ese"} {
		if strings.HasSuffix(w, suf) {
			base := append(buf[:0], w[:len(w)-len(suf)]...)
			try(base)
			try(append(base, 'a'))
		}
	}
	for _, suf := range [...]string{"n", "an", "ian", "i", "ese"} {
		try(append(append(buf[:0], w...), suf...))
		if strings.HasSuffix(w, "a") {
			try(append(append(buf[:0], w[:len(w)-1]...), suf...))
		}
	}
	return have
}

// corrections remembers the corrections searched for during one
// question: analyze asks for the same unknown word up to three times
// (its terms, whether it is a name, whether it is known at all), and the
// search is the costly part of a question.
type corrections struct {
	words []string
	best  []string
	dist  []int
}

// correct is Library.correct, remembered; m may be nil.
func (m *corrections) correct(l *Library, w string) (string, int) {
	if m == nil {
		return l.correct(w)
	}
	for i, x := range m.words {
		if x == w {
			return m.best[i], m.dist[i]
		}
	}
	best, d := l.correct(w)
	m.words = append(m.words, w)
	m.best = append(m.best, best)
	m.dist = append(m.dist, d)
	return best, d
}

// correct returns the library word closest to an unknown word within the
// typing errors its length allows, preferring the commoner word between
// equally close ones, and the number of edits; "" when there is none.
func (l *Library) correct(w string) (string, int) {
	limit := maxEdits(w)
	if limit == 0 {
		return "", 0
	}
	n := utf8.RuneCountInString(w)
	set := letterSet(w)
	groups := l.typos.groups
	best, bestD, bestDF := "", limit+1, -1
	for m := max(1, n-limit); m <= n+limit && m < len(groups); m++ {
		// Every word in this group has m runes, so its allowance (for a
		// word that is not a number) is the same for the whole group.
		allow := min(limit, editsForLen(m))
		if allow == 0 {
			continue
		}
		g := &groups[m]
		// The first letter is rarely the mistyped one: only words that
		// share the first or the second byte are candidates. The two
		// lists are merged in the group's order, so ties go as before.
		a := g.first.list(w[0])
		var b []int32
		if len(w) >= 2 {
			b = g.second.list(w[1])
		}
		for len(a) > 0 || len(b) > 0 {
			var k int32
			switch {
			case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
				k, a = a[0], a[1:]
			case len(a) == 0 || b[0] < a[0]:
				k, b = b[0], b[1:]
			default:
				k, a, b = a[0], a[1:], b[1:]
			}
			c := g.words[k]
			if c[0] >= '0' && c[0] <= '9' {
				continue
			}
			// A word further than the best so far cannot win.
			lim := min(allow, bestD)
			if editsAtLeast(set, g.letters[k]) > lim {
				continue
			}
			d := editDistance(w, c, lim)
			if d > lim {
				continue
			}
			wi, _ := l.ix.wordInfo(c)
			df := int(l.ix.df[wi.term])
			if d < bestD || d == bestD && df > bestDF {
				best, bestD, bestDF = c, d, df
			}
		}
	}
	return best, bestD
}

// isTitleCase reports whether most words of a text start with a capital,
// as in a headline, where capitals say nothing about names.
func isTitleCase(toks []token) bool {
	caps, words := 0, 0
	for _, t := range toks {
		if t.number {
			continue
		}
		words++
		if t.capital {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// allUpper reports whether s has letters and all are capitals.
func allUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

// proximity measures how close together an excerpt holds the question's
// words: the number of matched words over the length of the shortest
// stretch of the excerpt that holds one of each. It is 0 when fewer than
// two words match.
func proximity(u *excerpt, words []qword, mask uint64) float64 {
	want := 0
	// idOf finds which matched word a term stands for. A question has a
	// handful of terms, so a short list on the stack beats a map.
	var idBuf [32]int32
	var kBuf [32]int
	ids, ks := idBuf[:0], kBuf[:0]
	// seen has bit id%64 set for every id in ids, which rules out most
	// of an excerpt's words without a search.
	var seen uint64
	idOf := func(id int32) (int, bool) {
		if id < 0 || seen&(1<<(uint32(id)&63)) == 0 {
			return 0, false
		}
		for i, x := range ids {
			if x == id {
				return ks[i], true
			}
		}
		return 0, false
	}
	for wi, w := range words {
		if wi >= 64 || mask&(1<<uint(wi)) == 0 {
			continue
		}
		found := false
		for _, a := range w.alts {
			if _, ok := idOf(a.id); !ok {
				ids, ks = append(ids, a.id), append(ks, want)
				seen |= 1 << (uint32(a.id) & 63)
				found = true
			}
		}
		if found {
			want++
		}
	}
	if want < 2 {
		return 0
	}
	// Sliding window over the excerpt's words for the shortest stretch
	// that holds every matched word.
	// want counts words of the mask, so at most 64.
	var countBuf [64]int
	count := countBuf[:want]
	have := 0
	best := u.terms.len() + 1
	lo := 0
	for hi := range u.terms.len() {
		id := u.terms.at(hi)
		// (The filter test is repeated here, where a call would cost
		// more than it.)
		if id < 0 || seen&(1<<(uint32(id)&63)) == 0 {
			continue
		}
		k, ok := idOf(id)
		if !ok {
			continue
		}
		if count[k] == 0 {
			have++
		}
		count[k]++
		for have == want {
			if span := hi - lo + 1; span < best {
				best = span
			}
			if t := u.terms.at(lo); t >= 0 && seen&(1<<(uint32(t)&63)) != 0 {
				if k2, ok := idOf(t); ok {
					count[k2]--
					if count[k2] == 0 {
						have--
					}
				}
			}
			lo++
		}
	}
	if best > u.terms.len() {
		// The words matched through the speaker's name, not the text.
		return 0
	}
	return float64(want) / float64(best)
}
