package knowledge

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestQuoteByID checks that every quote of a library is found by its ID,
// and that IDs the library does not hold are not, since Quote looks IDs up
// through their article rather than in a map of every quote.
func TestQuoteByID(t *testing.T) {
	for _, dir := range []string{"../seeds", filepath.Join(sharedDir, "eval", "ggt-dev", "articles")} {
		lib, _ := Build(readSources(t, dir))
		if lib.Stats().Quotes == 0 {
			t.Fatalf("%s: no quotes", dir)
		}
		for q := range lib.Quotes() {
			got, ok := lib.Quote(q.ID)
			if !ok || got.ID != q.ID || got.Text != q.Text || got.Speaker != q.Speaker {
				t.Errorf("%s: Quote(%q) = %+v, %v; want %+v", dir, q.ID, got, ok, q)
			}
		}
		a := lib.Articles()[0].ID
		for _, id := range []string{"", "/", a, a + "/", a + "/0", a + "/99999", "no such article/1", "1"} {
			if got, ok := lib.Quote(id); ok {
				t.Errorf("%s: Quote(%q) = %+v; want none", dir, id, got)
			}
		}
	}
}

// TestPackedSourcesKeepParse checks that what a library keeps of each
// parsed source for Rebuild (its text moved into one allocation, its
// sentences as spans) reads exactly as Parse returned it.
func TestPackedSourcesKeepParse(t *testing.T) {
	srcs := readSources(t, filepath.Join(sharedDir, "eval", "ggt-dev", "articles"))
	srcs = append(srcs, readSources(t, "../seeds")...)
	lib, _ := Build(srcs)
	for _, src := range srcs {
		want, err := Parse(src)
		if err != nil {
			continue
		}
		ps := lib.sources.get(src.Name)
		if ps.doc == nil {
			t.Fatalf("%s: not kept", src.Name)
		}
		got := *ps.doc
		got.Sentences, got.Quotes = ps.sentences(), ps.quotes()
		if len(want.Sentences) == 0 || !reflect.DeepEqual(&got, want) {
			t.Errorf("%s: kept parse differs from Parse:\n got %+v\nwant %+v", src.Name, got, *want)
		}
	}
}
