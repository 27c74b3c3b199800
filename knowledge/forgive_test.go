package knowledge

import (
	"fmt"
	"testing"
)

// forgiveSources is a small library in which "pupils" and "school" are
// common, "go" and "daily" rarer, and "Kelso" rarest.
func forgiveSources() []Source {
	srcs := []Source{{Name: "kelso.txt", Data: []byte(`Kelso school is full

KELSO, May 2, 2019 (Valley Wire) -- About 550 pupils attend Kelso school, the board said on Monday.
`)}}
	for i, line := range []string{
		"Pupils at the Brook school go to the pool daily.",
		"Pupils of the Hill school go home early in winter.",
		"The Lake club feeds its members daily.",
		"The Fen club paints its hall green.",
		"The Moor club has many members this year.",
		"The Ridge club asked members about the new field.",
	} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("s%d.txt", i), Data: []byte("School news\n\nVALLEY, May 3, 2019 (Valley Wire) -- " + line + "\n")})
	}
	return srcs
}

// TestAskForgivesOneLightWordOfALongQuestion checks that a long question
// worded differently from the article in one of its commoner words is
// still answered, while a short question missing words, or a long one
// missing its rarest word as well, is still declined.
func TestAskForgivesOneLightWordOfALongQuestion(t *testing.T) {
	lib, _ := Build(forgiveSources())
	tests := []answerCase{
		// "go" and "daily" are not in the answer, which says "attend".
		{"How many pupils go daily to Kelso school?", "550 pupils"},
		// Too short to overlook a word.
		{"How many pupils go daily to Kelso?", ""},
		// "haunted", the rarest word, is in no article, and "daily" is
		// missing too.
		{"How many pupils attend the haunted Kelso school daily?", ""},
	}
	checkAnswers(t, lib, tests)
}
