package knowledge

import (
	"container/heap"
	"strings"
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

// candHeap keeps the best-scoring excerpts found so far, worst on top.
type candHeap struct {
	units []int32
	score []float32
}

func (h candHeap) Len() int           { return len(h.units) }
func (h candHeap) Less(i, j int) bool { return h.score[h.units[i]] < h.score[h.units[j]] }
func (h candHeap) Swap(i, j int)      { h.units[i], h.units[j] = h.units[j], h.units[i] }
func (h *candHeap) Push(x any)        { h.units = append(h.units, x.(int32)) }
func (h *candHeap) Pop() any {
	n := len(h.units)
	x := h.units[n-1]
	h.units = h.units[:n-1]
	return x
}

// topUnits returns the k excerpts with the highest accumulated score.
func topUnits(s *scratch, k int) []int32 {
	h := &candHeap{score: s.score}
	for _, u := range s.touched {
		if s.score[u] <= 0 {
			continue
		}
		if h.Len() < k {
			heap.Push(h, u)
		} else if s.score[u] > s.score[h.units[0]] {
			h.units[0] = u
			heap.Fix(h, 0)
		}
	}
	return h.units
}

// expand finds the index terms a question word stands for: its own stem;
// for a place or people word, the other of the pair ("Russian" and
// "Russia"); and, when the library does not use the word at all, the
// closest word it does use within the typing errors the word's length
// allows.
func (l *Library) expand(t token) []alt {
	ix := l.ix
	var alts []alt
	stem := stemWord(t.norm)
	if id, ok := ix.terms[stem]; ok {
		alts = append(alts, alt{id, 1})
	} else if id, ok := ix.word(t.norm); ok {
		alts = append(alts, alt{id, 1})
	}
	if len(alts) > 0 || t.number {
		return append(alts, l.demonyms(t, alts)...)
	}
	if w, d := l.correct(t.norm); w != "" {
		weight := weightTypo1
		if d > 1 {
			weight = weightTypo2
		}
		id, _ := ix.word(w)
		alts = append(alts, alt{id, weight})
	}
	return alts
}

// demonyms pairs a place with its people: "Russian" with "Russia",
// "Pakistani" with "Pakistan", "European" with "Europe", and back.
// Both forms must be words the library writes as names.
func (l *Library) demonyms(t token, have []alt) []alt {
	w := t.norm
	if utf8.RuneCountInString(w) < 4 || !(t.capital || l.ix.isNameWord(w)) {
		return nil
	}
	var forms []string
	for _, suf := range []string{"ian", "an", "n", "i", "ese"} {
		if strings.HasSuffix(w, suf) {
			base := strings.TrimSuffix(w, suf)
			forms = append(forms, base, base+"a")
		}
	}
	for _, suf := range []string{"n", "an", "ian", "i", "ese"} {
		forms = append(forms, w+suf)
		if strings.HasSuffix(w, "a") {
			forms = append(forms, strings.TrimSuffix(w, "a")+suf)
		}
	}
	var out []alt
	for _, f := range forms {
		if f == w || len(f) < 3 || !l.ix.isNameWord(f) {
			continue
		}
		id, ok := l.ix.word(f)
		if !ok {
			continue
		}
		dup := false
		for _, a := range append(have, out...) {
			if a.id == id {
				dup = true
			}
		}
		if !dup {
			out = append(out, alt{id, weightDemonym})
		}
	}
	return out
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
	best, bestD, bestDF := "", limit+1, -1
	for m := max(1, n-limit); m <= n+limit && m < len(l.ix.wordsByLen); m++ {
		// Every word in this group has m runes, so its allowance (for a
		// word that is not a number) is the same for the whole group.
		allow := min(limit, editsForLen(m))
		if allow == 0 {
			continue
		}
		for _, c := range l.ix.wordsByLen[m] {
			// The first letter is rarely the mistyped one; this check
			// keeps the search fast on large libraries.
			if c[0] != w[0] && (len(c) < 2 || len(w) < 2 || c[1] != w[1]) {
				continue
			}
			if c[0] >= '0' && c[0] <= '9' {
				continue
			}
			d := editDistance(w, c, allow)
			if d > allow {
				continue
			}
			df := int(l.ix.df[l.ix.words[c].term])
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
	idOf := map[int32]int{}
	for wi, w := range words {
		if wi >= 64 || mask&(1<<uint(wi)) == 0 {
			continue
		}
		found := false
		for _, a := range w.alts {
			if _, ok := idOf[a.id]; !ok {
				idOf[a.id] = want
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
	count := make([]int, want)
	have := 0
	best := len(u.terms) + 1
	lo := 0
	for hi, id := range u.terms {
		k, ok := idOf[id]
		if id < 0 || !ok {
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
			if k2, ok := idOf[u.terms[lo]]; ok && u.terms[lo] >= 0 {
				count[k2]--
				if count[k2] == 0 {
					have--
				}
			}
			lo++
		}
	}
	if best > len(u.terms) {
		// The words matched through the speaker's name, not the text.
		return 0
	}
	return float64(want) / float64(best)
}
