package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/citebot/citebot/knowledge"
)

// Question is one line of the shared evaluation file: either a question
// whose top answer must contain one of Any, or one that must be declined.
type Question struct {
	ID      string   `json:"id"`
	Q       string   `json:"q"`
	Any     []string `json:"any"`
	Abstain bool     `json:"abstain"`
}

// LoadQuestions reads a JSON-lines evaluation file.
func LoadQuestions(path string) ([]Question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []Question
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q Question
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if q.Q == "" || (!q.Abstain && len(q.Any) == 0) {
			return nil, fmt.Errorf("%s:%d: question %q has no text or no expected phrase", path, n, q.ID)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// Contains reports whether text contains one of the phrases under the
// shared scoring rules. It uses the engine's own rule, so the comparison
// scores bleve exactly as `citebot eval` scores us.
func Contains(text string, phrases []string) bool {
	for _, p := range phrases {
		if knowledge.ContainsPhrase(text, p) {
			return true
		}
	}
	return false
}

// Quality is the score of one system on the evaluation questions.
type Quality struct {
	// Answerable counts the questions with expected phrases.
	Answerable int
	// Hit1 counts answerable questions whose top answer holds a phrase.
	Hit1 int
	// Hit3 counts answerable questions where one of the top three does.
	Hit3 int
	// Declines counts the questions that must be declined.
	Declines int
	// Abstained counts must-decline questions that got no answer.
	Abstained int
	// WrongAbstain counts answerable questions that got no answer.
	WrongAbstain int
	// Misses lists the IDs of answerable questions missed at hit@1 and of
	// must-decline questions that were answered, for the report.
	Misses []string
}

// Answerer returns the texts of at most three answers, best first; none
// means the system abstains.
type Answerer func(question string) []string

// Score runs every question through ask and scores the answers.
func Score(qs []Question, ask Answerer) Quality {
	var s Quality
	for _, q := range qs {
		got := ask(q.Q)
		if q.Abstain {
			s.Declines++
			if len(got) == 0 {
				s.Abstained++
			} else {
				s.Misses = append(s.Misses, q.ID)
			}
			continue
		}
		s.Answerable++
		if len(got) == 0 {
			s.WrongAbstain++
			s.Misses = append(s.Misses, q.ID)
			continue
		}
		if Contains(got[0], q.Any) {
			s.Hit1++
			s.Hit3++
			continue
		}
		s.Misses = append(s.Misses, q.ID)
		for _, t := range got[1:min(3, len(got))] {
			if Contains(t, q.Any) {
				s.Hit3++
				break
			}
		}
	}
	return s
}
