package knowledge

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir is the team's shared data, beside the repository.
const sharedDir = "../../shared"

// openEval opens an evaluation file. The eval gates fail rather than skip
// when it is missing, because CI always has it.
func openEval(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir, "eval", name))
	if err != nil {
		t.Fatalf("eval file missing (CI keeps ../shared beside the clone): %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// seedLibrary builds the built-in library from the repository's seeds.
func seedLibrary(t testing.TB) *Library {
	t.Helper()
	lib, skipped, err := LoadDir("../seeds")
	if err != nil {
		t.Fatalf("load seeds: %v", err)
	}
	if len(skipped) > 0 {
		t.Fatalf("seed files skipped: %v", skipped)
	}
	return lib
}

func TestEvalQuestionsGate(t *testing.T) {
	lib := seedLibrary(t)
	s, err := lib.Evaluate(openEval(t, "questions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", s)
	if s.Questions == 0 || s.AbstainWanted == 0 {
		t.Fatalf("got %d questions and %d abstentions; want both kinds in the file", s.Questions, s.AbstainWanted)
	}
	if got := s.Hit1Rate(); got < 0.95 {
		t.Errorf("got hit@1 %.3f; want >= 0.95", got)
	}
	if got := s.Hit3Rate(); got < 1 {
		t.Errorf("got hit@3 %.3f; want 1.0", got)
	}
	if s.AbstainDone != s.AbstainWanted {
		t.Errorf("got %d/%d out-of-domain questions declined; want all", s.AbstainDone, s.AbstainWanted)
	}
}

func TestEvalPeopleGate(t *testing.T) {
	lib := seedLibrary(t)
	s, err := lib.Evaluate(openEval(t, "people.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", s)
	if s.People == 0 || s.PeopleRight != s.People {
		t.Errorf("got %d/%d look-ups right; want all", s.PeopleRight, s.People)
	}
}

// TestDevQuestions guards the answers on questions the team wrote
// beyond the shared eval: paraphrases on the seeds, and questions on
// articles of other kinds, so ranking changes that only fit the shared
// questions show up.
func TestDevQuestions(t *testing.T) {
	tests := []struct {
		file, content    string
		minHit1, minHit3 float64
	}{
		{"dev_seeds.jsonl", "../seeds", 0.9, 0.95},
		{"dev_ggt.jsonl", filepath.Join(sharedDir, "eval", "ggt-dev", "articles"), 0.75, 0.9},
		{"dev_bbc.jsonl", bbcDir, 0.7, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if testing.Short() && tt.content == bbcDir {
				t.Skip("the 2,225-article library is slow to build in -short mode")
			}
			if _, err := os.Stat(tt.content); err != nil {
				t.Skipf("%s is not available: %v", tt.content, err)
			}
			lib, _, err := LoadDir(tt.content)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			s, err := lib.Evaluate(f)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("\n%s", s)
			if s.Hit1Rate() < tt.minHit1 || s.Hit3Rate() < tt.minHit3 {
				t.Errorf("got hit@1 %.3f, hit@3 %.3f; want at least %.2f and %.2f", s.Hit1Rate(), s.Hit3Rate(), tt.minHit1, tt.minHit3)
			}
			if s.AbstainDone != s.AbstainWanted {
				t.Errorf("got %d/%d out-of-domain questions declined; want all", s.AbstainDone, s.AbstainWanted)
			}
		})
	}
}
