package knowledge

import (
	"fmt"
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
