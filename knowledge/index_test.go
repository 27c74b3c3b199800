package knowledge

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
	b := &indexBuilder{tfNum: map[float32]uint32{}}
	want := make([]float32, 300)
	for i := range want {
		want[i] = 1 + float32(i)/7
		b.postings = append(b.postings, termPosting{term: int32(i), unit: int32(i), tf: b.tfNumber(want[i])})
	}
	codes := b.tfCodes()
	tfs := make([]float32, min(len(codes), codeExotic))
	for n, c := range codes {
		if c < codeExotic {
			tfs[c] = b.tfs[n]
		}
	}
	df := make([]int32, len(want))
	pl := encodePostings(b.postings, len(want), codes, b.tfs, df)
	for id, tf := range want {
		k := pl.start[id]
		if pl.start[id+1]-k != 1 || pl.units[k] != int32(id) || df[id] != 1 {
			t.Fatalf("term %d: postings %v, df %d; want unit %d once", id, pl.units[k:pl.start[id+1]], df[id], id)
		}
		if got := pl.tf(tfs, k, pl.codes[k]); got != tf {
			t.Errorf("term %d: tf %v; want %v", id, got, tf)
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
		ids := make([]int32, u.terms.len())
		for k := range ids {
			ids[k] = u.terms.at(k)
		}
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

// TestAppendWordsMatchesTokenize checks that the preparing workers read
// the same words as tokenize, each with the vocabWord of its norm, on
// every line of the seeds and, when it is there, of a tenth of the bbc
// benchmark set, with and without the shared words of a built index.
func TestAppendWordsMatchesTokenize(t *testing.T) {
	texts := []string{
		"U.S. officials and the UN's envoy", "Don't", "Müller’s ÉCOLE café", "ABCDE abcdef ABCDEF 2010 8-1 A1 a I",
		strings.Repeat("Long", 20) + " " + strings.Repeat("x", 64) + " " + strings.Repeat("Y", 65), "",
	}
	for _, dir := range []string{"../seeds", bbcDir} {
		entries, err := os.ReadDir(dir)
		if err != nil && dir == "../seeds" {
			t.Fatal(err)
		}
		for k, e := range entries {
			if dir == bbcDir && k%10 != 0 {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.Split(string(data), "\n")...)
		}
	}
	// A vocabulary of its own, and one that shares the words of a built
	// index, as a rebuild's workers do.
	ix := seedLibrary(t).ix
	for _, voc := range []*vocabulary{newVocabulary(nil, nil), newVocabulary(ix, newVocabularyBase(ix))} {
		var toks []token
		var vs []*vocabWord
		for _, text := range texts {
			for _, s := range []string{text, strings.ToUpper(text)} {
				want := tokenize(s)
				toks, vs = voc.appendWords(toks[:0], vs[:0], s)
				if !slices.Equal(toks, want) {
					t.Fatalf("appendWords(%q) = %+v; want %+v", s, toks, want)
				}
				for i, v := range vs {
					if v.norm != toks[i].norm || v.stem != stemWord(v.norm) {
						t.Fatalf("appendWords(%q): word %d has vocabWord %q (stem %q); want %q", s, i, v.norm, v.stem, toks[i].norm)
					}
				}
			}
		}
	}
}

// TestAppendWordKey checks that keys written one after another into one
// buffer are the keys and cuts wordKeyCuts gives each text alone, and
// stay so as the buffer grows.
func TestAppendWordKey(t *testing.T) {
	texts := []string{
		`He said "we will not go" and left.`, ``, `“It is over,” said Ms Roe.`, `  "  `,
		`Roe’s „quoted words here” — and “more words” 'single'`, `Ⱥ İstanbul ÉCOLE`,
	}
	var buf []byte
	var keys []string
	var cuts [][]int
	for round := 0; round < 3; round++ {
		for _, s := range texts {
			var k string
			var c []int
			buf, k, c = appendWordKey(buf, s, nil)
			keys, cuts = append(keys, k), append(cuts, c)
		}
	}
	for i, k := range keys {
		s := texts[i%len(texts)]
		wantKey, wantCuts := wordKeyCuts(s, nil)
		if k != wantKey || !slices.Equal(cuts[i], wantCuts) {
			t.Errorf("appendWordKey(%q) = %q, %v; want %q, %v", s, k, cuts[i], wantKey, wantCuts)
		}
	}
}

// TestTermSeq checks that an index gives back the term IDs it was built
// with, in two bytes each when the vocabulary fits and in four when it
// does not, through every way of reading them.
func TestTermSeq(t *testing.T) {
	ids := []int32{-1, 0, 5, maxNarrowTerms - 1, -1, 7}
	for _, c := range []struct {
		terms  int
		narrow bool
	}{{maxNarrowTerms, true}, {maxNarrowTerms + 1, false}} {
		ix := &index{termNames: make([]string, c.terms)}
		ix.packTermIDs(ids)
		if got := ix.narrowIDs != nil; got != c.narrow {
			t.Errorf("%d terms: narrow = %v; want %v", c.terms, got, c.narrow)
		}
		if n := ix.wordCount(); n != len(ids) {
			t.Errorf("%d terms: wordCount = %d; want %d", c.terms, n, len(ids))
		}
		s := ix.termsOf(1, 5)
		want := ids[1:5]
		if s.len() != len(want) {
			t.Fatalf("%d terms: len = %d; want %d", c.terms, s.len(), len(want))
		}
		var got []int32
		for i, id := range s.all() {
			if i != len(got) {
				t.Errorf("%d terms: all yields place %d; want %d", c.terms, i, len(got))
			}
			got = append(got, id)
			if at := s.at(i); at != want[i] {
				t.Errorf("%d terms: at(%d) = %d; want %d", c.terms, i, at, want[i])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d terms: all = %v; want %v", c.terms, got, want)
		}
	}
}
