package knowledge

import (
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

// TestEncodePostingsExotic checks that frequencies beyond the 255 a code
// byte holds come back exactly.
func TestEncodePostingsExotic(t *testing.T) {
	var lists [][]posting
	b := &indexBuilder{}
	for i := 0; i < 300; i++ {
		ps := []posting{{unit: int32(i), tf: 1 + float32(i)/7}}
		lists = append(lists, ps)
	}
	b.postings = lists
	codes := b.tfCodes()
	tfs := make([]float32, min(len(codes), codeExotic))
	for tf, c := range codes {
		if c < codeExotic {
			tfs[c] = tf
		}
	}
	pl := encodePostings(lists, codes)
	for id, ps := range lists {
		k := pl.start[id]
		if pl.start[id+1]-k != 1 || pl.units[k] != ps[0].unit {
			t.Fatalf("term %d: postings %v; want unit %d", id, pl.units[k:pl.start[id+1]], ps[0].unit)
		}
		if got := pl.tf(tfs, k, pl.codes[k]); got != ps[0].tf {
			t.Errorf("term %d: tf %v; want %v", id, got, ps[0].tf)
		}
	}
	if len(pl.exotic) != 300-codeExotic {
		t.Errorf("%d exotic frequencies; want %d", len(pl.exotic), 300-codeExotic)
	}
}

// TestIndexEncoding checks that the packed index says what the build
// learnt: every excerpt's term IDs match its words, and every
// term's posting list holds, in order and once each, as many excerpts as
// its document frequency says, among them every excerpt whose words hold
// the term.
func TestIndexEncoding(t *testing.T) {
	lib, _ := Build(readSources(t, "../seeds"))
	ix := lib.ix
	holds := make([]map[int32]bool, len(ix.termNames))
	for ui := range ix.units {
		uv := ix.view(int32(ui))
		u := &uv
		ids := u.terms
		toks := tokenize(u.text)
		if len(ids) != len(toks) {
			t.Fatalf("excerpt %d: %d term IDs for %d words", ui, len(ids), len(toks))
		}
		for k, tok := range toks {
			want := int32(-1)
			if !isStop(tok) {
				wi, _ := ix.wordInfo(tok.norm)
				want = wi.term
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
		pl := &ix.postings
		var units []int32
		for k := pl.start[id]; k < pl.start[id+1]; k++ {
			u := pl.units[k]
			if len(units) > 0 && u <= units[len(units)-1] {
				t.Fatalf("term %q: excerpt %d after %d", ix.termNames[id], u, units[len(units)-1])
			}
			if tf := pl.tf(ix.tfs, k, pl.codes[k]); tf <= 0 {
				t.Fatalf("term %q: frequency %v", ix.termNames[id], tf)
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
