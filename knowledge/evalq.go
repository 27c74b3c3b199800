package knowledge

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// EvalItem is one line of an evaluation file. Question files have Q with
// either Any (phrases the top answer must contain) or Abstain; people files
// have Query, Name (null when nobody may be found) and MustQuote.
type EvalItem struct {
	ID        string   `json:"id"`
	Q         string   `json:"q"`
	Any       []string `json:"any"`
	Abstain   bool     `json:"abstain"`
	Query     *string  `json:"query"`
	Name      *string  `json:"name"`
	MustQuote []string `json:"must_quote"`
}

// EvalMiss is one item the library got wrong, with what it answered.
type EvalMiss struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	// Got is the top answer, the person found, or "" for an abstention.
	Got string `json:"got"`
	// Why says what was expected.
	Why string `json:"why"`
}

// EvalScore is the result of scoring an evaluation file, so the command
// line and the tests judge the library by the same rules.
type EvalScore struct {
	// Questions counts questions that have an answer; Hit1 and Hit3 those
	// whose first answer, or one of the first three, holds a phrase.
	Questions, Hit1, Hit3 int
	// Declined counts in-domain questions the library wrongly abstained
	// on.
	Declined int
	// AbstainWanted counts questions the library must decline;
	// AbstainDone those it did decline.
	AbstainWanted, AbstainDone int
	// People counts person look-ups; PeopleRight those that found the
	// right person (or nobody, when nobody fits) with every listed quote.
	People, PeopleRight int
	// Misses lists every item the library got wrong.
	Misses []EvalMiss
}

// ratioOf returns n/d, or 1 when there is nothing to score.
func ratioOf(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// Hit1Rate is the share of answerable questions answered right first.
func (s EvalScore) Hit1Rate() float64 { return ratioOf(s.Hit1, s.Questions) }

// Hit3Rate is the share answered right within the first three answers.
func (s EvalScore) Hit3Rate() float64 { return ratioOf(s.Hit3, s.Questions) }

// String prints the score as a short readable report.
func (s EvalScore) String() string {
	var b strings.Builder
	if s.Questions > 0 || s.AbstainWanted > 0 {
		fmt.Fprintf(&b, "questions: %d\n", s.Questions)
		fmt.Fprintf(&b, "hit@1: %.3f (%d/%d)\n", s.Hit1Rate(), s.Hit1, s.Questions)
		fmt.Fprintf(&b, "hit@3: %.3f (%d/%d)\n", s.Hit3Rate(), s.Hit3, s.Questions)
		fmt.Fprintf(&b, "abstentions: %d/%d out-of-domain questions declined; %d answerable questions declined\n", s.AbstainDone, s.AbstainWanted, s.Declined)
	}
	if s.People > 0 {
		fmt.Fprintf(&b, "people: %d/%d look-ups right\n", s.PeopleRight, s.People)
	}
	for _, m := range s.Misses {
		id := m.ID
		if id == "" {
			id = "-"
		}
		fmt.Fprintf(&b, "miss %s: %s\n  want %s\n  got  %s\n", id, m.Question, m.Why, orNone(m.Got))
	}
	return b.String()
}

// orNone shows an empty answer as "(nothing)".
func orNone(s string) string {
	if s == "" {
		return "(nothing)"
	}
	return s
}

// matchKey normalises text the way the evaluation compares it: case,
// quote marks, Markdown emphasis and runs of spaces ignored.
func matchKey(s string) string {
	s = matchStrip.Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// matchStrip drops what the evaluation ignores: quote marks and Markdown
// emphasis. It is built once; a Replacer is safe for concurrent use.
var matchStrip = strings.NewReplacer(`"`, "", "“", "", "”", "", "„", "", "«", "", "»", "", "'", "", "‘", "", "’", "", "`", "",
	"*", "", "_", "", "~", "", "\u00a0", " ")

// ContainsPhrase reports whether text holds phrase under the evaluation's
// matching rule.
func ContainsPhrase(text, phrase string) bool {
	p := matchKey(phrase)
	return p != "" && strings.Contains(matchKey(text), p)
}

// Evaluate scores the library against an evaluation file of JSON lines,
// questions or person look-ups (told apart by their fields). A line that
// is not JSON is an error naming its line number.
func (l *Library) Evaluate(r io.Reader) (EvalScore, error) {
	var s EvalScore
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		var it EvalItem
		if err := json.Unmarshal([]byte(raw), &it); err != nil {
			return s, fmt.Errorf("line %d: %v", line, err)
		}
		switch {
		case it.Query != nil:
			l.evalPerson(&s, it)
		case it.Q != "":
			l.evalQuestion(&s, it)
		default:
			return s, fmt.Errorf("line %d: neither a question (\"q\") nor a look-up (\"query\")", line)
		}
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	return s, nil
}

// evalQuestion scores one question.
func (l *Library) evalQuestion(s *EvalScore, it EvalItem) {
	res := l.Ask(it.Q, 3)
	top := ""
	if len(res.Answers) > 0 {
		top = res.Answers[0].Text
	}
	if it.Abstain {
		s.AbstainWanted++
		if len(res.Answers) == 0 {
			s.AbstainDone++
		} else {
			s.Misses = append(s.Misses, EvalMiss{ID: it.ID, Question: it.Q, Got: top, Why: "no answer"})
		}
		return
	}
	s.Questions++
	hit := -1
	for i, a := range res.Answers {
		for _, p := range it.Any {
			if ContainsPhrase(a.Text, p) && hit < 0 {
				hit = i
			}
		}
	}
	if hit == 0 {
		s.Hit1++
	}
	if hit >= 0 && hit < 3 {
		s.Hit3++
	}
	if len(res.Answers) == 0 {
		s.Declined++
	}
	if hit != 0 {
		s.Misses = append(s.Misses, EvalMiss{ID: it.ID, Question: it.Q, Got: top, Why: "first answer holding one of " + strings.Join(quoteAll(it.Any), ", ")})
	}
}

// evalPerson scores one person look-up: the person whose family name is
// in Name, with a quote holding each listed phrase, or nobody when Name is
// null.
func (l *Library) evalPerson(s *EvalScore, it EvalItem) {
	s.People++
	query := *it.Query
	p, ok := l.FindPerson(query)
	if it.Name == nil {
		if !ok {
			s.PeopleRight++
		} else {
			s.Misses = append(s.Misses, EvalMiss{ID: it.ID, Question: query, Got: p.Name, Why: "nobody"})
		}
		return
	}
	words := strings.Fields(*it.Name)
	family := ""
	if len(words) > 0 {
		family = strings.ToLower(words[len(words)-1])
	}
	if !ok || !hasWordFold(strings.Fields(p.Name), family) {
		s.Misses = append(s.Misses, EvalMiss{ID: it.ID, Question: query, Got: p.Name, Why: *it.Name})
		return
	}
	quotes := l.QuotesOf(p.Name, "")
	for _, phrase := range it.MustQuote {
		found := false
		for _, q := range quotes {
			if ContainsPhrase(q.Text, phrase) {
				found = true
				break
			}
		}
		if !found {
			s.Misses = append(s.Misses, EvalMiss{ID: it.ID, Question: query, Got: p.Name, Why: fmt.Sprintf("%s with a quote holding %q", *it.Name, phrase)})
			return
		}
	}
	s.PeopleRight++
}

// hasWordFold reports whether words holds w, ignoring case.
func hasWordFold(words []string, w string) bool {
	for _, x := range words {
		if strings.EqualFold(strings.Trim(x, ".,"), w) {
			return true
		}
	}
	return false
}

// quoteAll puts each phrase in quotes for a readable report.
func quoteAll(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%q", p)
	}
	return out
}
