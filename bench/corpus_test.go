package bench

import (
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/knowledge"
)

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

func TestSentences(t *testing.T) {
	srcs := []knowledge.Source{
		{Name: "empty.txt", Data: []byte("  \n")},
		{Name: "x.txt", Data: []byte("Ministers meet in Geneva\n\nThe ministers met in Geneva on Monday. They agreed to talk again in May.\n\nThe next round will be held in Vienna.\n")},
	}
	docs := Sentences(srcs)
	var all []string
	ids := map[string]bool{}
	for _, d := range docs {
		all = append(all, d.Text)
		if ids[d.ID] {
			t.Errorf("document ID %q used twice", d.ID)
		}
		ids[d.ID] = true
		if !strings.HasPrefix(d.ID, "x/") {
			t.Errorf("document ID %q does not name its article x", d.ID)
		}
	}
	joined := strings.Join(all, " ")
	for _, s := range []string{"The ministers met in Geneva on Monday.", "They agreed to talk again in May.", "The next round will be held in Vienna."} {
		if !slices.Contains(all, s) {
			t.Errorf("sentences %q lack %q", joined, s)
		}
	}
}
