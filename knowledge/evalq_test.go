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
