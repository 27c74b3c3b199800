package knowledge

import (
	"fmt"
	"testing"
)

// amountSources is a small library whose sums are written the way news
// writes them, with an abbreviated multiplier straight after the figure.
func amountSources() []Source {
	var srcs []Source
	for i, line := range []string{
		"Brackenfield agreed to pay $640m to settle the lawsuit over its ferry fares.",
		"Morwick Rail is still struggling with debts of more than 7bn euros.",
		"A £3m grant will help nurses who treated the flood victims of Ostvale.",
		"The Ostvale flood left 1,200 nurses without homes, the council said.",
		"The Tamsin Fund raised $12k for the school roof at a summer fair.",
	} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("a%d.txt", i), Data: []byte("Valley news\n\nVALLEY, May 3, 2019 (Valley Wire) -- " + line + "\n")})
	}
	return srcs
}

// TestAskHowMuchFindsAbbreviatedSums checks that "how much" is answered
// by a sum such as "$640m" or "7bn", which the index reads as a word and
// not a number, while "how many" still wants a count, not a sum.
func TestAskHowMuchFindsAbbreviatedSums(t *testing.T) {
	lib, _ := Build(amountSources())
	tests := []answerCase{
		{"How much did Brackenfield pay to settle the ferry fares lawsuit?", "$640m"},
		{"How much debt does Morwick Rail have?", "7bn euros"},
		{"How much did the Tamsin Fund raise for the school roof?", "$12k"},
		// A grant of £3m is no count of nurses.
		{"How many nurses did the Ostvale flood leave without homes?", "1,200 nurses"},
	}
	checkAnswers(t, lib, tests)
}

// TestIsAmount checks which words are figures with a multiplier.
func TestIsAmount(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"850m", true}, {"6bn", true}, {"12k", true}, {"3g", false}, {"1990s", false},
		{"12th", false}, {"m", false}, {"850", false},
	} {
		if got := isAmount(tt.in); got != tt.want {
			t.Errorf("isAmount(%q): got %v; want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"paid $850m (£415m) to settle", true}, {"debts of 6BN euros", true}, {"a 3G phone", false},
		{"the MP3m player", false}, {"in the 1990s", false}, {"worth 12k.", true}, {"no figure", false},
	} {
		if got := amountIn(tt.in); got != tt.want {
			t.Errorf("amountIn(%q): got %v; want %v", tt.in, got, tt.want)
		}
	}
}

// agentSources is a small library that names people by what they do
// ("founder", "chairman") where questions ask with the verb, and the
// other way round.
func agentSources() []Source {
	var srcs []Source
	for i, line := range []string{
		"Orla Bramwell, the founder of Kestrel Ales, still brews on Mondays.",
		"Kestrel Ales sells its stout in four counties.",
		"Norrow Freight chairman Piet Almsgrove wrote to the board on Friday.",
		"Norrow Freight said its lorries would run on gas by next year.",
		"The prosecuting attorney said the case against Tam Weller looked strong.",
		"Tam Weller will appear in court in Ostvale on Monday.",
		"Quillmark Press opened in Ostvale. The shop is also a printer and publisher for local poets.",
	} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("g%d.txt", i), Data: []byte("Valley news\n\nVALLEY, May 3, 2019 (Valley Wire) -- " + line + "\n")})
	}
	return srcs
}

// TestAskPairsDoerAndDeed checks that a question asking with a verb
// finds the noun for the doer, and the other way round, while an -ing
// word of a question, more often a noun, is not paired.
func TestAskPairsDoerAndDeed(t *testing.T) {
	lib, _ := Build(agentSources())
	tests := []answerCase{
		{"Who founded Kestrel Ales?", "Orla Bramwell"},
		{"Who chairs Norrow Freight?", "Piet Almsgrove"},
		{"What did the prosecutor say about the case against Tam Weller?", "looked strong"},
		// "printing" is not "printer": no excerpt tells of a press.
		{"What is the printing press?", ""},
	}
	checkAnswers(t, lib, tests)
}

// TestAskSpeakerFitsByTerm checks that the words with which a question
// describes a speaker fit the speaker's role through their index terms,
// not only letter for letter: "the prosecutor" is the Prosecuting
// Attorney the article quotes.
func TestAskSpeakerFitsByTerm(t *testing.T) {
	lib, _ := Build([]Source{{Name: "voss.txt", Data: []byte("Ostvale trial opens\n\nOSTVALE, May 3, 2019 (Valley Wire) -- " +
		"Ostvale County Prosecuting Attorney Dana Voss said the jury would sit on Monday.\n\n" +
		"“This case has all the marks of a long trial,” Voss said.\n\n" +
		"The defence lawyer, Omar Pell, said his client would plead not guilty.\n")}})
	checkAnswers(t, lib, []answerCase{
		{"What did the prosecutor say about a long trial?", "long trial"},
	})
}

// TestAskNameIsFraming checks that "name" in "what's the name of" frames
// the question rather than naming its topic: the answer gives the name
// without the word, and an excerpt that merely has the word "name" must
// not outrank it.
func TestAskNameIsFraming(t *testing.T) {
	var srcs []Source
	for i, line := range []string{
		"Mira Tolan coaches the Otters, a junior swim club in Ostvale.",
		"Mira Tolan put her name forward to run the club's summer fair.",
		"The coaches of Ostvale met on Friday to plan the season.",
	} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("n%d.txt", i), Data: []byte("Valley news\n\nVALLEY, May 3, 2019 (Valley Wire) -- " + line + "\n")})
	}
	lib, _ := Build(srcs)
	checkAnswers(t, lib, []answerCase{
		{"what's the name of the club Mira Tolan coaches?", "the Otters"},
	})
}
