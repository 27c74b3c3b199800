package knowledge

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestStrTable checks that a strTable finds every key of its list at its
// place and no other string, whatever the table's size.
func TestStrTable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("w%d", i*7)
		}
		tab := newStrTable(keys)
		for i, k := range keys {
			if got, ok := tab.find(keys, k); !ok || got != i {
				t.Fatalf("n=%d: find(%q) = %d, %v; want %d, true", n, k, got, ok, i)
			}
		}
		for _, miss := range []string{"", "w1", "w7x", "x", fmt.Sprintf("w%d", n*7)} {
			if got, ok := tab.find(keys, miss); ok {
				t.Errorf("n=%d: find(%q) = %d, true; want not found", n, miss, got)
			}
		}
	}
}

// TestKeepQuotes checks that quotes kept compactly come back as they
// were, and that quotes the compact form cannot hold are refused rather
// than changed.
func TestKeepQuotes(t *testing.T) {
	paras := []string{"He said: \u201cWe will talk.\u201d", "Nothing else."}
	ok := func() []Quote {
		return []Quote{
			{ID: "a/1", Text: paras[0][len("He said: \u201c") : len(paras[0])-len("\u201d")], Speaker: "Jo Bloggs", Role: "minister", Kind: Direct, ArticleID: "a", Paragraph: 0},
			{ID: "a/2", Text: "else", Speaker: "", Kind: Reported, ArticleID: "a", Paragraph: 1},
		}
	}
	tests := []struct {
		name string
		edit func(qs []Quote)
		kept bool
	}{
		{"as extracted", func([]Quote) {}, true},
		{"text copied elsewhere", func(qs []Quote) { qs[0].Text = strings.Clone(qs[0].Text) }, true},
		{"text not in its paragraph", func(qs []Quote) { qs[1].Text = "something new" }, false},
		{"paragraph out of range", func(qs []Quote) { qs[1].Paragraph = 2 }, false},
		{"ID out of order", func(qs []Quote) { qs[0].ID, qs[1].ID = "a/2", "a/1" }, false},
		{"another article", func(qs []Quote) { qs[1].ArticleID = "b" }, false},
		{"unknown kind", func(qs []Quote) { qs[1].Kind = "rumour" }, false},
	}
	for _, tt := range tests {
		qs := ok()
		tt.edit(qs)
		slab := make([]keptQuote, len(qs))
		kept := keepQuotes(qs, "a", paras, &slab)
		if (kept != nil) != tt.kept {
			t.Errorf("%s: kept = %v; want %v", tt.name, kept != nil, tt.kept)
			continue
		}
		if kept == nil {
			continue
		}
		ps := parsedSource{doc: &Parsed{Article: Article{ID: "a", Paragraphs: paras}}, kept: kept}
		got := ps.quotes()
		for i := range qs {
			if got[i] != qs[i] {
				t.Errorf("%s: quote %d came back as %+v; want %+v", tt.name, i, got[i], qs[i])
			}
		}
	}
}

// TestSourceSetKeepsLast checks that of two sources given with the same
// name the library keeps the last one's extraction, as a map would.
func TestSourceSetKeepsLast(t *testing.T) {
	srcs := []Source{{Name: "b.txt"}, {Name: "a.txt"}, {Name: "b.txt"}, {Name: "c.txt"}}
	parsed := make([]parsedSource, len(srcs))
	for i := range parsed {
		parsed[i].sum[0] = byte(i)
	}
	set := newSourceSet(srcs, parsed)
	if len(set) != 3 {
		t.Fatalf("%d sources kept; want 3", len(set))
	}
	for name, want := range map[string]byte{"a.txt": 1, "b.txt": 2, "c.txt": 3} {
		ps, ok := set.lookup(name)
		if !ok || ps.sum[0] != want {
			t.Errorf("lookup(%q) = source %d, %v; want source %d", name, ps.sum[0], ok, want)
		}
	}
	if _, ok := set.lookup("d.txt"); ok {
		t.Error("lookup(\"d.txt\") found a source; want none")
	}
}

// TestPackQuotes checks that a library's compact quotes come back as they
// were, by place, by ID and in order, including quotes the compact form
// cannot hold (another article's ID, a number out of order, text not in
// its paragraph, an unknown kind), and that the last quote with an ID
// wins.
func TestPackQuotes(t *testing.T) {
	arts := []Article{
		{ID: "a", Paragraphs: []string{"He said: \u201cWe will talk.\u201d", "Nothing else."}},
		{ID: "b", Paragraphs: []string{"Quiet."}},
		{ID: "c", Paragraphs: []string{"She said it again and again."}},
	}
	quotes := []Quote{
		{ID: "a/1", Text: "We will talk.", Speaker: "Jo Bloggs", Role: "minister", Kind: Direct, ArticleID: "a", Paragraph: 0},
		{ID: "a/3", Text: "else", Kind: Reported, ArticleID: "a", Paragraph: 1},
		{ID: "a/03", Text: "else", Kind: Reported, ArticleID: "a", Paragraph: 1},
		{ID: "a/4", Text: "not there", Speaker: "Jo Bloggs", Kind: Partial, ArticleID: "a", Paragraph: 1},
		{ID: "a/5", Text: "talk", Kind: "odd", ArticleID: "a", Paragraph: 0},
		{ID: "x/6", Text: "talk", Kind: Direct, ArticleID: "x", Paragraph: 0},
		{ID: "c/1", Text: "again", Speaker: "Ann", Kind: Partial, ArticleID: "c", Paragraph: 0},
		{ID: "c/1", Text: "said it", Speaker: "Ann", Role: "aide", Kind: Reported, ArticleID: "c", Paragraph: 0},
	}
	lib := &Library{articles: arts, quoteStart: []int32{0, 6, 6, 8}}
	lib.quotes, lib.quoteStrs, lib.oddQuotes = packQuotes(quotes, lib.quoteStart, arts)
	lib.packIDs()
	if len(lib.oddQuotes) != 4 {
		t.Errorf("%d odd quotes; want 4 (a/03, a/4, a/5, x/6)", len(lib.oddQuotes))
	}
	var got []Quote
	for q := range lib.Quotes() {
		got = append(got, q)
	}
	if !reflect.DeepEqual(got, quotes) {
		t.Errorf("Quotes() = %+v; want %+v", got, quotes)
	}
	for i, want := range quotes {
		if q := lib.quote(int32(i)); q != want {
			t.Errorf("quote(%d) = %+v; want %+v", i, q, want)
		}
		if s := lib.quoteSpeaker(int32(i)); s != want.Speaker {
			t.Errorf("quoteSpeaker(%d) = %q; want %q", i, s, want.Speaker)
		}
	}
	for _, c := range []struct {
		id   string
		want int
	}{{"a/1", 0}, {"a/3", 1}, {"a/03", 2}, {"a/4", 3}, {"a/5", 4}, {"x/6", -1}, {"c/1", 7}, {"a/2", -1}, {"a/+1", -1}, {"b/1", -1}, {"a", -1}} {
		q, ok := lib.Quote(c.id)
		if c.want < 0 {
			if ok {
				t.Errorf("Quote(%q) = %+v; want none", c.id, q)
			}
			continue
		}
		if !ok || q != quotes[c.want] {
			t.Errorf("Quote(%q) = %+v, %v; want %+v", c.id, q, ok, quotes[c.want])
		}
	}
	// Stopping early stops the iterator.
	n := 0
	for range lib.Quotes() {
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("iterated %d quotes before break; want 2", n)
	}
}

// TestStrTableOf checks that a strTable made through a key function finds
// every string at its place, the last of equal strings as a map would,
// and no string it was not made of.
func TestStrTableOf(t *testing.T) {
	for _, n := range []int{0, 1, 3, 1000} {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("k%d", i%(n/2+1))
		}
		key := func(i int) string { return keys[i] }
		tab := newStrTableOf(n, key)
		want := map[string]int{}
		for i, k := range keys {
			want[k] = i
		}
		for k, i := range want {
			if got, ok := tab.findOf(k, key); !ok || got != i {
				t.Errorf("n=%d: findOf(%q) = %d, %v; want %d, true", n, k, got, ok, i)
			}
		}
		if got, ok := tab.findOf("missing", key); ok {
			t.Errorf("n=%d: findOf(missing) = %d, true; want not found", n, got)
		}
	}
}
