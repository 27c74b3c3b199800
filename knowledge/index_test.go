package knowledge

import (
	"encoding/binary"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestWordKeyCuts(t *testing.T) {
	for _, s := range []string{
		`He said "we will not go" and left.`,
		`“It is over,” said Ms Roe. “Let's go home”`,
		`abc"def «ghi jkl» mno„pqr”`,
		`Roe’s „quoted words here” — and “more words” 'single'`,
		`No quote marks at all, here.`,
		`""`,
		``,
	} {
		key, cuts := wordKeyCuts(s, nil)
		if key != wordKey(s) {
			t.Errorf("wordKeyCuts(%q) key = %q; want %q", s, key, wordKey(s))
		}
		// The parts between cuts are the keys of the parts between quote
		// marks.
		var got, want []string
		from := 0
		for c := 0; c <= len(cuts); c++ {
			to := len(key)
			if c < len(cuts) {
				to = cuts[c]
			}
			if k := strings.TrimSpace(key[from:to]); k != "" {
				got = append(got, k)
			}
			from = to
		}
		for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(quoteMarks, r) }) {
			if k := wordKey(seg); k != "" {
				want = append(want, k)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("wordKeyCuts(%q) parts = %q; want %q", s, got, want)
		}
	}
}

// TestUvarintRoundTrip checks the index's uvarint reader against the
// standard library's writer, across every byte length a uint32 takes.
func TestUvarintRoundTrip(t *testing.T) {
	vals := []uint32{0, 1, 127, 128, 255, 16383, 16384, 1<<21 - 1, 1 << 21, 1<<28 - 1, 1 << 28, math.MaxUint32}
	var buf []byte
	for _, v := range vals {
		buf = binary.AppendUvarint(buf, uint64(v))
	}
	i := 0
	for _, want := range vals {
		var got uint32
		got, i = readUvarint(buf, i)
		if got != want {
			t.Errorf("readUvarint = %d; want %d", got, want)
		}
	}
	if i != len(buf) {
		t.Errorf("read %d bytes; want %d", i, len(buf))
	}
	// termIDs reads each value less one, so 0 is a stopword's -1.
	u := excerpt{terms: string(buf)}
	got := u.termIDs(nil)
	if len(got) != len(vals) {
		t.Fatalf("termIDs gave %d IDs; want %d", len(got), len(vals))
	}
	for k, v := range vals {
		if got[k] != int32(v-1) {
			t.Errorf("termIDs[%d] = %d; want %d", k, got[k], int32(v-1))
		}
	}
}

// TestIndexEncoding checks that the packed index says what the build
// learnt: every excerpt's decoded term IDs match its words, and every
// term's posting list holds, in order and once each, as many excerpts as
// its document frequency says, among them every excerpt whose words hold
// the term.
func TestIndexEncoding(t *testing.T) {
	lib, _ := Build(readSources(t, "../seeds"))
	ix := lib.ix
	holds := make([]map[int32]bool, len(ix.termNames))
	for ui := range ix.units {
		u := &ix.units[ui]
		ids := u.termIDs(nil)
		toks := tokenize(u.text)
		if len(ids) != len(toks) {
			t.Fatalf("excerpt %d: %d term IDs for %d words", ui, len(ids), len(toks))
		}
		for k, tok := range toks {
			want := int32(-1)
			if !isStop(tok) {
				want = ix.words[tok.norm].term
			}
			if ids[k] != want {
				t.Errorf("excerpt %d word %q: term %d; want %d", ui, tok.norm, ids[k], want)
			}
			if ids[k] >= 0 {
				if holds[ids[k]] == nil {
					holds[ids[k]] = map[int32]bool{}
				}
				holds[ids[k]][int32(ui)] = true
			}
		}
	}
	for id := range ix.termNames {
		list := ix.postings.list(int32(id))
		var units []int32
		u := int32(0)
		for i := 0; i < len(list); {
			var gap, code uint32
			gap, i = readUvarint(list, i)
			code, i = readUvarint(list, i)
			u += int32(gap)
			if len(units) > 0 && u <= units[len(units)-1] {
				t.Fatalf("term %q: excerpt %d after %d", ix.termNames[id], u, units[len(units)-1])
			}
			if int(code) >= len(ix.tfs) || ix.tfs[code] <= 0 {
				t.Fatalf("term %q: frequency code %d of %d", ix.termNames[id], code, len(ix.tfs))
			}
			units = append(units, u)
		}
		if len(units) != int(ix.df[id]) {
			t.Errorf("term %q: %d postings; df %d", ix.termNames[id], len(units), ix.df[id])
		}
		got := map[int32]bool{}
		for _, u := range units {
			got[u] = true
		}
		// Speakers' and context names add postings beyond the words.
		for u := range holds[id] {
			if !got[u] {
				t.Errorf("term %q: excerpt %d holds it but is not in its list", ix.termNames[id], u)
			}
		}
	}
}
