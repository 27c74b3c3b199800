package knowledge

import (
	"math/bits"
	"unicode/utf8"
)

// typoIndex finds the library words a mistyped word may stand for without
// reading the whole vocabulary. Correction only considers words of a
// similar length that share the typed word's first or second letter (the
// first letter is rarely the mistyped one), so the words of each length
// are bucketed by their first and by their second byte, and each word
// keeps a set of the letters it holds, which bounds how many edits it
// is from another word before any distance is computed.
type typoIndex struct {
	// groups holds, per length in runes, the words of that length.
	groups []typoGroup
}

// typoGroup is the words of one length, in index.wordsByLen's order.
type typoGroup struct {
	words []string
	// letters holds each word's letterSet.
	letters []uint64
	// first and second list the words (by position in words) by their
	// first and second byte.
	first, second byteBuckets
}

// byteBuckets lists positions by a byte, each list in ascending order, in
// one array: the positions for byte c are idx[start[c]:start[c+1]].
type byteBuckets struct {
	start [257]int32
	idx   []int32
}

// list returns the positions filed under byte c.
func (b *byteBuckets) list(c byte) []int32 {
	return b.idx[b.start[c]:b.start[c+1]]
}

// fill files the positions of words under the byte at offset at, leaving
// out words too short to have one.
func (b *byteBuckets) fill(words []string, at int) {
	var count [256]int32
	n := 0
	for _, w := range words {
		if len(w) > at {
			count[w[at]]++
			n++
		}
	}
	for c := 0; c < 256; c++ {
		b.start[c+1] = b.start[c] + count[c]
	}
	b.idx = make([]int32, n)
	next := b.start
	for i, w := range words {
		if len(w) > at {
			b.idx[next[w[at]]] = int32(i)
			next[w[at]]++
		}
	}
}

// newTypoIndex buckets the words of ix for correct.
func newTypoIndex(ix *index) *typoIndex {
	t := &typoIndex{groups: make([]typoGroup, len(ix.wordsByLen))}
	for m, ws := range ix.wordsByLen {
		g := &t.groups[m]
		g.words = ws
		g.letters = make([]uint64, len(ws))
		for i, w := range ws {
			g.letters[i] = letterSet(w)
		}
		g.first.fill(ws, 0)
		g.second.fill(ws, 1)
	}
	return t
}

// letterSet is the set of the characters of s, each folded into one of
// 64 classes. A class present in one word and absent from another needs
// an edit of its own to remove (a swap of neighbours adds or removes no
// character), so the number of such classes is a lower bound on the edit
// distance, far cheaper to take than the distance itself.
func letterSet(s string) uint64 {
	var set uint64
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			set |= 1 << (c & 63)
			continue
		}
		for _, r := range s[i:] {
			set |= 1 << (uint32(r) & 63)
		}
		break
	}
	return set
}

// editsAtLeast is the lower bound on the edit distance between two words
// that their letterSets give.
func editsAtLeast(a, b uint64) int {
	return max(bits.OnesCount64(a&^b), bits.OnesCount64(b&^a))
}
