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
// one array: the positions for byte c are idx[start[c-lo]:start[c-lo+1]].
// start covers only the bytes from the smallest filed to the largest, as
// a group's words begin with few of the 256, and a full table in each of
// a library's dozens of groups was most of a small library's typo index.
type byteBuckets struct {
	lo    byte
	start []int32
	idx   []int32
}

// list returns the positions filed under byte c.
func (b *byteBuckets) list(c byte) []int32 {
	i := int(c) - int(b.lo)
	if i < 0 || i+1 >= len(b.start) {
		return nil
	}
	return b.idx[b.start[i]:b.start[i+1]]
}

// bucketRange counts the words long enough to have a byte at offset at,
// and finds the smallest and largest such byte.
func bucketRange(words []string, at int, count *[256]int32) (n, lo, hi int) {
	lo, hi = 255, 0
	for _, w := range words {
		if len(w) > at {
			c := int(w[at])
			if count != nil {
				count[c]++
			}
			n++
			lo, hi = min(lo, c), max(hi, c)
		}
	}
	return n, lo, hi
}

// bucketSize is how many int32s fill cuts from its slab for words.
func bucketSize(words []string, at int) int {
	n, lo, hi := bucketRange(words, at, nil)
	if n == 0 {
		return 0
	}
	return n + hi - lo + 2
}

// fill files the positions of words under the byte at offset at, leaving
// out words too short to have one. Its lists are cut from slab, which
// must hold bucketSize(words, at) more int32s.
func (b *byteBuckets) fill(words []string, at int, slab *[]int32) {
	var count [256]int32
	n, lo, hi := bucketRange(words, at, &count)
	if n == 0 {
		return
	}
	b.lo = byte(lo)
	b.start = cut(slab, hi-lo+2)
	for c := lo; c <= hi; c++ {
		b.start[c-lo+1] = b.start[c-lo] + count[c]
	}
	b.idx = cut(slab, n)
	next := make([]int32, hi-lo+1)
	copy(next, b.start)
	for i, w := range words {
		if len(w) > at {
			c := int(w[at]) - lo
			b.idx[next[c]] = int32(i)
			next[c]++
		}
	}
}

// newTypoIndex buckets the words of ix for correct.
func newTypoIndex(ix *index) *typoIndex {
	t := &typoIndex{groups: make([]typoGroup, len(ix.wordsByLen))}
	// The groups' arrays are cut from two slabs: a small library has
	// dozens of groups, and arrays of as many sizes would each take a
	// page of heap of their own.
	nWords, nInts := 0, 0
	for _, ws := range ix.wordsByLen {
		nWords += len(ws)
		nInts += bucketSize(ws, 0) + bucketSize(ws, 1)
	}
	letters := make([]uint64, nWords)
	ints := make([]int32, nInts)
	for m, ws := range ix.wordsByLen {
		g := &t.groups[m]
		g.words = ws
		g.letters = cut(&letters, len(ws))
		for i, w := range ws {
			g.letters[i] = letterSet(w)
		}
		g.first.fill(ws, 0, &ints)
		g.second.fill(ws, 1, &ints)
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
