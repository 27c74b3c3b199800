package handlers

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/citebot/citebot/knowledge"
)

// update rewrites the golden files: go test ./handlers -update.
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// seedLibrary builds the library from the repository's seed articles, the
// same files the binary embeds.
func seedLibrary(t *testing.T) *knowledge.Library {
	t.Helper()
	lib, _, err := knowledge.LoadDir("../seeds")
	if err != nil {
		t.Fatalf("load ../seeds: %v", err)
	}
	return lib
}

// fixedClock is a settable clock for cooldown tests.
type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

// newTestRouter returns a router over the seed library with the given
// cooldowns and a settable clock.
func newTestRouter(t *testing.T, user, channel time.Duration) (*Router, *fixedClock) {
	t.Helper()
	clock := &fixedClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	r := New(Deps{
		Library:          knowledge.NewStore(seedLibrary(t)),
		Cooldowns:        NewCooldowns(user, channel),
		Now:              clock.Now,
		ListenChannelIDs: []string{"listen-chan"},
	})
	return r, clock
}

// golden compares v, as indented JSON, with testdata/name.json, or rewrites
// the file with -update.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatalf("marshal %s: %v", name, err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./handlers -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s; got:\n%s\nwant:\n%s\n(run go test ./handlers -update if the change is intended)", name, path, got, want)
	}
}
