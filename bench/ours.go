package bench

import "github.com/citebot/citebot/knowledge"

// AskOurs asks our engine and returns the texts of at most max answers,
// best first; none means it abstains.
func AskOurs(lib *knowledge.Library, question string, max int) []string {
	res := lib.Ask(question, max)
	out := make([]string, 0, len(res.Answers))
	for _, a := range res.Answers {
		out = append(out, a.Text)
	}
	return out
}
