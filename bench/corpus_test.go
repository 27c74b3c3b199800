package bench

import (
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/knowledge"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"Mr. Smith met U.S. officials. They left.", []string{"Mr. Smith met U.S. officials.", "They left."}},
		{`He said: "No." Then he left.`, []string{`He said: "No."`, "Then he left."}},
		{"“We will act,” she said. “Soon.”", []string{"“We will act,” she said.", "“Soon.”"}},
		{"Pay 3.5 dollars. 2008 was hard.", []string{"Pay 3.5 dollars.", "2008 was hard."}},
		{"J. R. Smith spoke. the end", []string{"J. R. Smith spoke. the end"}},
		{"No full stop", []string{"No full stop"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := SplitSentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitSentences(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestReplicate(t *testing.T) {
	srcs := []knowledge.Source{{Name: "a.txt", Data: []byte("A")}, {Name: "b.txt", Data: []byte("B")}}
	got := Replicate(srcs, 5)
	var names []string
	seen := map[string]bool{}
	for _, s := range got {
		if seen[s.Name] {
			t.Errorf("Replicate gave %q twice", s.Name)
		}
		seen[s.Name] = true
		names = append(names, s.Name)
	}
	want := []string{"a.txt", "b.txt", "r0001-a.txt", "r0001-b.txt", "r0002-a.txt"}
	if !slices.Equal(names, want) {
		t.Errorf("Replicate names = %q; want %q", names, want)
	}
	if string(got[4].Data) != "A" {
		t.Errorf("replica 4 holds %q; want the text of a.txt", got[4].Data)
	}
}

func TestSentencesCoverLibrary(t *testing.T) {
	srcs := []knowledge.Source{
		{Name: "x.txt", Data: []byte("Headline here\n\nFirst sentence. Second sentence.\n\nThird one.\n")},
	}
	lib, skipped := knowledge.Build(srcs)
	if len(skipped) > 0 || len(lib.Articles()) != 1 {
		t.Fatalf("Build kept %d articles, skipped %v; want the one article", len(lib.Articles()), skipped)
	}
	docs := Sentences(lib)
	var all []string
	ids := map[string]bool{}
	for _, d := range docs {
		all = append(all, d.Text)
		if ids[d.ID] {
			t.Errorf("document ID %q used twice", d.ID)
		}
		ids[d.ID] = true
	}
	joined := strings.Join(all, " ")
	for _, s := range []string{"First sentence.", "Second sentence.", "Third one."} {
		if !slices.Contains(all, s) {
			t.Errorf("sentences %q lack %q", joined, s)
		}
	}
}
