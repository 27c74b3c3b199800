package knowledge

import (
	"cmp"
	"container/heap"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The question path replaces general tools with faster special cases.
// These tests hold each one to the plain version it replaced, on random
// inputs, so a change that alters results shows up here and not only in
// answer quality.

func TestSortCandidatesMatchesSortFunc(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for trial := 0; trial < 500; trial++ {
		n := r.Intn(candidates + 1)
		got := make([]candidate, n)
		for i := range got {
			// Few distinct scores, so ties (broken by excerpt) are common.
			got[i] = candidate{unit: int32(r.Intn(1000)), score: float64(r.Intn(8)) / 3, coverage: r.Float64()}
		}
		want := slices.Clone(got)
		slices.SortFunc(want, func(a, b candidate) int {
			if a.score != b.score {
				return cmp.Compare(b.score, a.score)
			}
			return cmp.Compare(a.unit, b.unit)
		})
		sortCandidates(got)
		// Equal (score, unit) pairs may come in either order; compare
		// only what the order is defined on.
		for i := range got {
			if got[i].score != want[i].score || got[i].unit != want[i].unit {
				t.Fatalf("trial %d, n %d: position %d got %+v; want %+v", trial, n, i, got[i], want[i])
			}
		}
	}
}

// refHeap is topUnits as it was written with container/heap.
type refHeap struct {
	units []int32
	score []float32
}

func (h refHeap) Len() int           { return len(h.units) }
func (h refHeap) Less(i, j int) bool { return h.score[h.units[i]] < h.score[h.units[j]] }
func (h refHeap) Swap(i, j int)      { h.units[i], h.units[j] = h.units[j], h.units[i] }
func (h *refHeap) Push(x any)        { h.units = append(h.units, x.(int32)) }
func (h *refHeap) Pop() any {
	x := h.units[len(h.units)-1]
	h.units = h.units[:len(h.units)-1]
	return x
}

func TestTopUnitsMatchesContainerHeap(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.Intn(400)
		s := &scratch{score: make([]float32, n)}
		for u := 0; u < n; u++ {
			if r.Intn(4) > 0 {
				// Coarse scores make ties, which decide who is kept.
				s.score[u] = float32(r.Intn(12))
				s.touched = append(s.touched, int32(u))
			}
		}
		k := 1 + r.Intn(40)
		h := &refHeap{score: s.score}
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
		if got := topUnits(s, k); !slices.Equal(got, h.units) {
			t.Fatalf("trial %d: got %v; want %v", trial, got, h.units)
		}
	}
}

// fullScanCorrect is correct as it was before the typo index: every word
// of a nearby length that shares the first or second byte.
func fullScanCorrect(l *Library, w string) (string, int) {
	limit := maxEdits(w)
	if limit == 0 {
		return "", 0
	}
	n := utf8.RuneCountInString(w)
	best, bestD, bestDF := "", limit+1, -1
	for m := max(1, n-limit); m <= n+limit && m < len(l.ix.wordsByLen); m++ {
		allow := min(limit, editsForLen(m))
		if allow == 0 {
			continue
		}
		for _, c := range l.ix.wordsByLen[m] {
			if c[0] != w[0] && (len(c) < 2 || len(w) < 2 || c[1] != w[1]) || c[0] >= '0' && c[0] <= '9' {
				continue
			}
			if d := editDistance(w, c, allow); d <= allow {
				wi, _ := l.ix.wordInfo(c)
				df := int(l.ix.df[wi.term])
				if d < bestD || d == bestD && df > bestDF {
					best, bestD, bestDF = c, d, df
				}
			}
		}
	}
	return best, bestD
}

// misspell makes up to three typing errors in w.
func misspell(r *rand.Rand, w string) string {
	rs := []rune(w)
	for e := 1 + r.Intn(3); e > 0 && len(rs) > 1; e-- {
		i := r.Intn(len(rs))
		switch r.Intn(4) {
		case 0:
			rs = append(rs[:i:i], rs[i+1:]...)
		case 1:
			rs[i] = rune('a' + r.Intn(26))
		case 2:
			rs = append(rs[:i:i], append([]rune{'é'}, rs[i:]...)...)
		default:
			if i+1 < len(rs) {
				rs[i], rs[i+1] = rs[i+1], rs[i]
			}
		}
	}
	return string(rs)
}

func TestCorrectMatchesFullScan(t *testing.T) {
	lib, _ := Build(readSources(t, "../seeds"))
	vocab := slices.Clone(lib.ix.wordList)
	slices.Sort(vocab)
	r := rand.New(rand.NewSource(3))
	found := 0
	for i := 0; i < 3000; i++ {
		w := misspell(r, vocab[r.Intn(len(vocab))])
		if w == "" {
			continue
		}
		want, wantD := fullScanCorrect(lib, w)
		got, gotD := lib.correct(w)
		if got != want || gotD != wantD {
			t.Fatalf("correct(%q) = %q, %d; want %q, %d", w, got, gotD, want, wantD)
		}
		if want != "" {
			found++
		}
	}
	if found == 0 {
		t.Fatal("no misspelling was corrected; the test tests nothing")
	}
}

func TestLetterSetBoundsEditDistance(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	words := []string{"missile", "defence", "lavrov", "Müller", "über", "radar", "2007", "talks", "moscow"}
	for i := 0; i < 5000; i++ {
		a := words[r.Intn(len(words))]
		b := misspell(r, a)
		if r.Intn(3) == 0 {
			b = words[r.Intn(len(words))]
		}
		if lb, d := editsAtLeast(letterSet(a), letterSet(b)), editDistance(a, b, 20); lb > d {
			t.Fatalf("editsAtLeast(%q, %q) = %d; more than the distance %d", a, b, lb, d)
		}
	}
}

// plainNewName is newName as it was first written, over the excerpt's
// full token list.
func plainNewName(u *excerpt, asked map[int32]bool, place bool) bool {
	toks := tokenize(u.text)
	if len(toks) != u.terms.len() {
		return false
	}
	isCap := func(i int) bool {
		return i < len(toks) && toks[i].capital && !toks[i].acronym && u.terms.at(i) >= 0 && !whenWords[toks[i].norm]
	}
	fresh := func(i int) bool { return !asked[u.terms.at(i)] }
	for i := range toks {
		if place {
			if placePreps[toks[i].norm] && !toks[i].capital {
				for j := i + 1; j < len(toks) && j <= i+5; j++ {
					if isCap(j) && fresh(j) {
						return true
					}
					if toks[j].capital || placePreps[toks[j].norm] {
						break
					}
				}
			}
			continue
		}
		if isCap(i) && isCap(i+1) && (fresh(i) || fresh(i+1)) {
			return true
		}
	}
	return false
}

func TestNewNameMatchesPlainVersion(t *testing.T) {
	for _, dir := range []string{"../seeds"} {
		lib, _ := Build(readSources(t, dir))
		r := rand.New(rand.NewSource(1))
		diff, trues := 0, 0
		for ui := range lib.ix.units {
			uv := lib.ix.view(int32(ui))
			u := &uv
			for trial := 0; trial < 3; trial++ {
				var asked []int32
				m := map[int32]bool{}
				for _, id := range u.terms.all() {
					if id >= 0 && r.Intn(2+trial) == 0 {
						asked = append(asked, id)
						m[id] = true
					}
				}
				for _, place := range []bool{false, true} {
					a, b := plainNewName(u, m, place), lib.newName(u, asked, place)
					if a {
						trues++
					}
					if a != b {
						diff++
						if diff < 5 {
							t.Errorf("unit %d place=%v old %v new %v: %q", ui, place, a, b, u.text)
						}
					}
				}
			}
		}
		if trues == 0 {
			t.Errorf("%s: no excerpt names anyone new; the test tests nothing", dir)
		}
	}
}

func TestRemoveApostrophesMatchesReplacer(t *testing.T) {
	want := strings.NewReplacer("'", "", "’", "")
	// Pieces of a curly apostrophe make broken text in which removing
	// the marks in the wrong order would differ.
	parts := []string{"'", "’", "\xe2", "\x80", "\x99", "a", "é", "s"}
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := r.Intn(10); k >= 0; k-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		s := b.String()
		if got, want := removeApostrophes(s), want.Replace(s); got != want {
			t.Fatalf("removeApostrophes(%q) = %q; want %q", s, got, want)
		}
	}
}
