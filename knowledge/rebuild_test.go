package knowledge

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// rebuildSources is the seed library plus the test articles, read fresh
// so each test can change its own copy.
func rebuildSources(t testing.TB) []Source {
	t.Helper()
	srcs := readSources(t, "../seeds")
	return append(srcs,
		Source{Name: "harbour.txt", Data: []byte(testArticle)},
		Source{Name: "fishermen.txt", Data: []byte(secondArticle)},
		Source{Name: "ferry.txt", Data: []byte(ferryArticle)},
	)
}

// ferryArticle names its speaker by family name only, so whether the
// library knows the full name depends on the other articles.
const ferryArticle = `Ferry line plans island routes

PORT ELLIS, March 20, 2021 (Coast Wire) -- A ferry line will ask the council for two berths at the northern quay.

Mehta said the ferries would run all year if the berths were built by the spring.
`

// changedHarbour is testArticle with a new paragraph: a new speaker and
// more words from a speaker other articles quote, so the people merged
// across articles change too.
const changedHarbour = testArticle + `
"The marsh is the nursery of every fish we catch," said Ines Castellano at the hearing.

Ravi Mehta, a ferry operator, said the berths would bring two new routes to the islands.
`

// rebuildQuestions are asked of both libraries a rebuild test compares.
var rebuildQuestions = []string{
	"What did Okonkwo say about the review?",
	"What did Castellano say about the marsh?",
	"Who is Ravi Mehta?",
	"What did the ferry operator say about new routes?",
	"How many berths does the northern quay have?",
	"When did the council vote on the harbour?",
	"What did Lavrov say about missile defence?",
	"What is the capital of Peru?",
}

// snapshot is everything a reader of a library can see, deep-copied so a
// later change to the library would show as a difference.
type snapshot struct {
	Articles []Article
	Quotes   []Quote
	People   []Person
	Stats    Stats
	Answers  []Result
	Lookups  [][]Quote
}

// takeSnapshot asks lib everything rebuild tests compare.
func takeSnapshot(lib *Library) snapshot {
	s := snapshot{
		Articles: append([]Article(nil), lib.Articles()...),
		Quotes:   slices.Collect(lib.Quotes()),
		Stats:    lib.Stats(),
	}
	for _, p := range lib.People() {
		p.Aliases = append([]string{}, p.Aliases...)
		p.Roles = append([]string{}, p.Roles...)
		s.People = append(s.People, p)
		s.Lookups = append(s.Lookups, lib.QuotesOf(p.Name, ""))
	}
	for _, q := range rebuildQuestions {
		s.Answers = append(s.Answers, lib.Ask(q, 3))
	}
	return s
}

// diffSnapshots describes the first differences between two snapshots.
func diffSnapshots(got, want snapshot) []string {
	var out []string
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < g.NumField(); i++ {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			out = append(out, fmt.Sprintf("%s differ:\n got  %.600v\n want %.600v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface()))
		}
	}
	return out
}

// replaceSource returns a copy of srcs with name's source changed by f,
// or removed when f returns false.
func replaceSource(srcs []Source, name string, f func(*Source) bool) []Source {
	var out []Source
	for _, s := range srcs {
		if s.Name == name && !f(&s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func TestRebuildMatchesBuild(t *testing.T) {
	// The first library knows the full name Ravi Mehta from harbour.txt.
	first := replaceSource(rebuildSources(t), "harbour.txt", func(s *Source) bool { s.Data = []byte(changedHarbour); return true })
	var seed string
	for _, s := range first {
		if strings.HasSuffix(s.Name, ".txt") && !strings.Contains(testArticle+secondArticle+ferryArticle, string(s.Data)) {
			seed = s.Name
			break
		}
	}
	if seed == "" {
		t.Fatal("no seed article found in ../seeds")
	}
	tests := []struct {
		name string
		next []Source
		// changed names the sources that must be parsed again.
		changed []string
	}{
		{"unchanged", first, nil},
		{"one changed", replaceSource(first, "harbour.txt", func(s *Source) bool {
			s.Data = []byte(changedHarbour + "\n\"We will listen to everyone,\" Okonkwo said.\n")
			return true
		}), []string{"harbour.txt"}},
		// The full name goes away again: the bare "Mehta" of the reused
		// ferry.txt must not keep it.
		{"full name gone", replaceSource(first, "harbour.txt", func(s *Source) bool { s.Data = []byte(testArticle); return true }), []string{"harbour.txt"}},
		{"one removed", replaceSource(first, "fishermen.txt", func(*Source) bool { return false }), nil},
		{"one added", append(append([]Source(nil), first...), Source{Name: "ferry2.md", Data: []byte(secondArticle + "\nCastellano said the cooperative has 40 boats.\n")}), []string{"ferry2.md"}},
		{"corrections added", replaceSource(first, "harbour.txt", func(s *Source) bool {
			s.Corrections = []byte(`[{"match": "We cannot pour concrete", "speaker": "Tobias Lindqvist"}, {"match": "The review will take", "hide": true}]`)
			return true
		}), nil},
		{"seed renamed", replaceSource(first, seed, func(s *Source) bool { s.Name = "renamed-" + s.Name; return true }), []string{"renamed-" + seed}},
		{"bad file added", append(append([]Source(nil), first...), Source{Name: "empty.txt", Data: []byte(" \n")}), []string{"empty.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, oldSkipped := Build(first)
			if len(oldSkipped) != 0 {
				t.Fatalf("building the first library skipped %v", oldSkipped)
			}
			rebuilt, gotSkipped := old.Rebuild(tt.next)
			fresh, wantSkipped := Build(tt.next)
			if !reflect.DeepEqual(gotSkipped, wantSkipped) {
				t.Errorf("rebuild skipped %v; want %v", gotSkipped, wantSkipped)
			}
			for _, d := range diffSnapshots(takeSnapshot(rebuilt), takeSnapshot(fresh)) {
				t.Error(d)
			}
			// Unchanged sources reuse the old extraction; changed ones are
			// parsed again.
			for _, s := range tt.next {
				reused := rebuilt.sources.get(s.Name).doc != nil && rebuilt.sources.get(s.Name).doc == old.sources.get(s.Name).doc
				if want := !contains(tt.changed, s.Name); reused != want {
					t.Errorf("%s: parse reused = %v; want %v", s.Name, reused, want)
				}
			}
			if len(rebuilt.sources) != len(tt.next) {
				t.Errorf("rebuilt library keeps %d parsed sources; want %d, one per source", len(rebuilt.sources), len(tt.next))
			}
		})
	}
}

func TestRebuildFromNil(t *testing.T) {
	srcs := rebuildSources(t)
	var none *Library
	got, _ := none.Rebuild(srcs)
	want, _ := Build(srcs)
	for _, d := range diffSnapshots(takeSnapshot(got), takeSnapshot(want)) {
		t.Error(d)
	}
}

// TestRebuildLeavesOldLibrary rebuilds twice at once from one library while
// readers ask it questions; run with -race, it fails when a rebuild writes
// to anything the old library or another rebuild shares.
func TestRebuildLeavesOldLibrary(t *testing.T) {
	base := rebuildSources(t)
	old, _ := Build(base)
	before := takeSnapshot(old)
	parsedBefore := parsedQuotes(old)
	changed := replaceSource(base, "harbour.txt", func(s *Source) bool {
		s.Data = []byte(changedHarbour)
		s.Corrections = []byte(`[{"match": "Every season we wait", "speaker": "Ravi Mehta"}]`)
		return true
	})
	stop := make(chan struct{})
	var readers, builders sync.WaitGroup
	for g := 0; g < 3; g++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, q := range rebuildQuestions {
					old.Ask(q, 3)
				}
				old.QuotesOf("Lindqvist", "")
				old.Complete("o", 25)
			}
		}()
	}
	var rebuilt [2]*Library
	for i := range rebuilt {
		builders.Add(1)
		go func() {
			defer builders.Done()
			rebuilt[i], _ = old.Rebuild(changed)
		}()
	}
	builders.Wait()
	close(stop)
	readers.Wait()
	for _, d := range diffSnapshots(takeSnapshot(old), before) {
		t.Errorf("the old library changed: %s", d)
	}
	if got := parsedQuotes(old); !reflect.DeepEqual(got, parsedBefore) {
		t.Errorf("the parsed articles the old library keeps changed:\n got  %.600v\n want %.600v", got, parsedBefore)
	}
	fresh, _ := Build(changed)
	want := takeSnapshot(fresh)
	for i, lib := range rebuilt {
		for _, d := range diffSnapshots(takeSnapshot(lib), want) {
			t.Errorf("rebuild %d: %s", i, d)
		}
	}
	// The rebuilt library must say something the old one did not, or the
	// comparison above proves nothing.
	if reflect.DeepEqual(want.People, before.People) {
		t.Error("the changed article added nobody; the test needs a change that shows")
	}
}

// parsedQuotes copies the quotes of the parsed sources lib keeps for reuse.
func parsedQuotes(lib *Library) map[string][]Quote {
	out := map[string][]Quote{}
	for _, ps := range lib.sources {
		if ps.doc != nil {
			out[ps.name] = ps.quotes()
		}
	}
	return out
}

func TestLoadDirFrom(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("harbour.txt", testArticle)
	write("fishermen.txt", secondArticle)
	write("notes.json", "{}")
	first, skipped, err := LoadDirFrom(nil, dir)
	if err != nil || len(skipped) != 0 {
		t.Fatalf("LoadDirFrom(nil) = %v, %v; want a library and nothing skipped", skipped, err)
	}
	write("harbour.txt", changedHarbour)
	write("fishermen.txt"+correctionsSuffix, `[{"match": "Every season", "hide": true}]`)
	write("empty.md", "")
	got, gotSkipped, err := LoadDirFrom(first, dir)
	if err != nil {
		t.Fatal(err)
	}
	want, wantSkipped, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotSkipped, wantSkipped) || len(gotSkipped) != 1 {
		t.Errorf("skipped %v; want %v, the empty file", gotSkipped, wantSkipped)
	}
	for _, d := range diffSnapshots(takeSnapshot(got), takeSnapshot(want)) {
		t.Error(d)
	}
	if got.sources.get("fishermen.txt").doc != first.sources.get("fishermen.txt").doc {
		t.Error("the unchanged fishermen.txt was parsed again")
	}
	// A folder emptied of articles fails and names the reason, as LoadDir.
	for _, name := range []string{"harbour.txt", "fishermen.txt", "empty.md"} {
		os.Remove(filepath.Join(dir, name))
	}
	if lib, _, err := LoadDirFrom(got, dir); err != ErrNoArticles || lib != nil {
		t.Errorf("LoadDirFrom on an empty folder = %v, %v; want nil, ErrNoArticles", lib, err)
	}
	if _, _, err := LoadDirFrom(got, filepath.Join(dir, "missing")); err == nil {
		t.Error("LoadDirFrom on a missing folder succeeded; want an error")
	}
}

// TestRebuildMatchesBuildGGT changes one real news article of the GGT set
// (a quote by a new person added in its middle) and wants the rebuilt
// library to equal one built from scratch.
func TestRebuildMatchesBuildGGT(t *testing.T) {
	srcs := readSources(t, filepath.Join(sharedDir, "eval", "ggt-dev", "articles"))
	old, _ := Build(srcs)
	before := takeSnapshot(old)
	next := append([]Source(nil), srcs...)
	k := len(next) / 2
	text := string(next[k].Data)
	mid := strings.Index(text[len(text)/2:], "\n") + len(text)/2
	next[k].Data = []byte(text[:mid] + "\n\n\"We expect the work to finish next spring,\" said Dana Whitfield, a spokesperson for the province.\n" + text[mid:])
	rebuilt, gotSkipped := old.Rebuild(next)
	fresh, wantSkipped := Build(next)
	if !reflect.DeepEqual(gotSkipped, wantSkipped) {
		t.Errorf("rebuild skipped %v; want %v", gotSkipped, wantSkipped)
	}
	got, want := takeSnapshot(rebuilt), takeSnapshot(fresh)
	for _, d := range diffSnapshots(got, want) {
		t.Error(d)
	}
	for _, d := range diffSnapshots(takeSnapshot(old), before) {
		t.Errorf("the old library changed: %s", d)
	}
	if reflect.DeepEqual(got.Quotes, before.Quotes) {
		t.Errorf("the paragraph added to %s changed no quote; the test needs a change that shows", next[k].Name)
	}
}
