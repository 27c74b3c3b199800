package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSpellingVariants(t *testing.T) {
	tests := []struct {
		word string
		want []string // each must be among the variants
		not  []string // none may be
	}{
		{"odour", []string{"odor"}, nil},
		{"behaviours", []string{"behaviors"}, nil},
		{"labor", []string{"labour"}, nil},
		{"organise", []string{"organize"}, nil},
		{"criticized", []string{"criticised"}, nil},
		{"analyse", []string{"analyze"}, nil},
		{"centre", []string{"center"}, nil},
		{"theaters", []string{"theatres"}, nil},
		{"defence", []string{"defense"}, nil},
		{"catalogue", []string{"catalog"}, nil},
		{"travelled", []string{"traveled"}, nil},
		{"canceling", []string{"cancelling"}, nil},
		// Too short, or a vowel before "or": no variant.
		{"tour", nil, []string{"tor"}},
		{"four", nil, []string{"for"}},
		{"door", nil, []string{"dour"}},
		{"filed", nil, []string{"filled"}},
	}
	for _, tt := range tests {
		got := spellingVariants(tt.word)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("spellingVariants(%q) = %v; want %q among them", tt.word, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("spellingVariants(%q) = %v; want no %q", tt.word, got, w)
			}
		}
	}
}

// TestLexiconFamiliesAreSymmetric checks that every word of a family
// stands for the others, and that the derivations are pairs the stemmer
// does not already join (else the entry would be dead weight).
func TestLexiconFamiliesAreSymmetric(t *testing.T) {
	for name, lex := range map[string]map[string][]string{"derivations": derivations, "synonyms": synonyms} {
		for w, fam := range lex {
			for _, o := range fam {
				if !slices.Contains(lex[o], w) {
					t.Errorf("%s: %q lists %q, but %q does not list %q", name, w, o, o, w)
				}
				if name == "derivations" && stemWord(w) == stemWord(o) {
					t.Errorf("derivations: %q and %q already share the stem %q", w, o, stemWord(w))
				}
			}
		}
	}
}

// paraphraseSources is a small library of invented news in which the
// answers are worded differently from the questions below.
func paraphraseSources() []Source {
	srcs := []Source{
		{Name: "mill.txt", Data: []byte(`Old mill school to be rebuilt

BRACKEN, May 2, 2019 (Valley Wire) -- Parents at the Bracken mill school have complained for years about the building.

"Our school has quite the unique smell, because of its age," Ada Quill said.

Quill chairs the parents' council. The board said a new school would open in 2022.
`)},
		{Name: "ferro.txt", Data: []byte(`Ferro picks a leader

LANTERN, May 3, 2019 (Valley Wire) -- Ferro Works said on Friday that Tomas Reed would become its CEO in June.

"We are delighted," the company said in a statement.
`)},
		{Name: "cup.txt", Data: []byte(`Team sets off for Glenmoor

HARLOW, May 4, 2019 (Valley Wire) -- "We are going to Glenmoor for the first away win and nothing else," said coach Piet Varga.
`)},
		{Name: "baroness.txt", Data: []byte(`Peer opens library

HARLOW, May 5, 2019 (Valley Wire) -- "Books open doors," said Baroness Glenmoor as she opened the new library.
`)},
	}
	for i, place := range []string{"Glenmoor", "Glenmoor", "Glenmoor", "Lantern"} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("n%d.txt", i), Data: []byte(fmt.Sprintf("Weather news %d\n\nHARLOW, May %d, 2019 (Valley Wire) -- Heavy rain fell in %s on day %d, and roads in %s were closed.\n", i, 6+i, place, i, place))})
	}
	for i, town := range []string{"Ashby", "Brill", "Corran", "Dunmore", "Eskdale", "Farley", "Garth", "Hollin", "Irby", "Jessop", "Kilby", "Lowick"} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("f%d.txt", i), Data: []byte(fmt.Sprintf("Fair news %d\n\nHARLOW, June %d, 2019 (Valley Wire) -- The %s fair trip sold out of apples on day %d.\n", i, 1+i, town, i))})
	}
	return srcs
}

// TestAskParaphraseFallback checks that a question the plain words would
// decline is answered when its other wording is in the article (British
// and American spelling, a synonym, a two-word title for its short form,
// a place that is also somebody's name), and that the fallback still
// declines a question the rewording does not answer.
func TestAskParaphraseFallback(t *testing.T) {
	lib, _ := Build(paraphraseSources())
	checkAnswers(t, lib, []answerCase{
		{"What did Ada Quill say about the odor of the school?", "unique smell"},
		{"What did Ada Quill say about the odour of the school?", "unique smell"},
		{"Who will be the chief executive of Ferro Works?", "Tomas Reed"},
		{"What did Piet Varga say about the trip to Glenmoor?", "first away win"},
		// The rewording finds nothing about perfume.
		{"What did Ada Quill say about the perfume of the gym?", ""},
	})
}

// TestParaphraseFallbackLeavesAnsweredQuestionsAlone checks that a
// question the plain words answer gets exactly the same answer, so the
// fallback neither costs nor changes anything there.
func TestParaphraseFallbackLeavesAnsweredQuestionsAlone(t *testing.T) {
	lib, _ := Build(paraphraseSources())
	for _, q := range []string{
		"What did Ada Quill say about the smell of the school?",
		"Who will be the CEO of Ferro Works?",
	} {
		plain := lib.analyze(q)
		s := lib.getScratch()
		cands := lib.choose(lib.rank(plain, s), 3)
		lib.putScratch(s)
		res := lib.Ask(q, 3)
		if len(cands) == 0 || len(res.Answers) != len(cands) || res.Answers[0].Text != lib.ix.view(cands[0].unit).text {
			t.Errorf("Ask(%q) = %v; want the plain ranking's %d answers", q, texts(res), len(cands))
		}
	}
}

// TestAskWantsTheDescribedSpeaker checks that "what did the mayor of X
// say" is not answered by an excerpt that has the topic but none of the
// words that describe the speaker, while the speaker's own words are,
// whether the excerpt or the speaker's role holds the description.
func TestAskWantsTheDescribedSpeaker(t *testing.T) {
	srcs := []Source{
		{Name: "brill.txt", Data: []byte(`Bridge to reopen

BRILL, May 2, 2019 (Valley Wire) -- The mayor of Brill said the old bridge would reopen in June.
`)},
		{Name: "corran.txt", Data: []byte(`Tolls rise

CORRAN, May 3, 2019 (Valley Wire) -- Bridge tolls in Corran rose sharply on Monday after the repairs.
`)},
		{Name: "rates.txt", Data: []byte(`Rates to stay low

LANTERN, May 3, 2019 (Valley Wire) -- Chancellor Ada Pike spoke to bankers on Monday.

"Interest rates will stay low all year," Pike said.
`)},
		{Name: "fair.txt", Data: []byte(`Fair opens

ASHBY, May 4, 2019 (Valley Wire) -- The Ashby fair opened with a parade on Saturday.
`)},
	}
	for i, town := range []string{"Dunmore", "Eskdale", "Farley", "Garth"} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("h%d.txt", i), Data: []byte(fmt.Sprintf("Harbour news %d\n\n%s, May %d, 2019 (Valley Wire) -- The harbour master of %s counted the boats on day %d.\n", i, strings.ToUpper(town), 5+i, town, i))})
	}
	lib, _ := Build(srcs)
	checkAnswers(t, lib, []answerCase{
		{"What did the mayor of Brill say about the bridge?", "would reopen in June"},
		{"What did the harbour master say about bridge tolls in Corran?", ""},
		// The words are the chancellor's, though the excerpt does not
		// say "chancellor".
		{"What did the chancellor say about interest rates?", "will stay low"},
	})
}

// TestAskWantsMoreThanOneThingAsked checks that a question about two
// things is not answered by an excerpt that has only one of them, even
// the rarer one, while an excerpt with both answers it.
func TestAskWantsMoreThanOneThingAsked(t *testing.T) {
	srcs := []Source{{Name: "zoo.txt", Data: []byte(`Zoo news

ASHBY, May 2, 2019 (Valley Wire) -- Two elephants were seen at the Ashby fair on Saturday, 40 years after the last visit.
`)}}
	for i, town := range []string{"Brill", "Corran", "Dunmore", "Eskdale", "Farley", "Garth", "Hollin", "Irby"} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("t%d.txt", i), Data: []byte(fmt.Sprintf("Town news %d\n\n%s, May %d, 2019 (Valley Wire) -- About %d00 people live in %s, the council said on day %d.\n", i, strings.ToUpper(town), 3+i, i+2, town, i))})
	}
	lib, _ := Build(srcs)
	checkAnswers(t, lib, []answerCase{
		{"How long do elephants live?", ""},
		{"How many people live in Corran?", "people live in Corran"},
	})
}

// TestAskCapitalisedNamesWantCapitals checks that a title the question
// capitalises ("War and Peace") is not answered by an excerpt that has
// its words only in lower case, while one that writes the title is.
func TestAskCapitalisedNamesWantCapitals(t *testing.T) {
	srcs := []Source{
		{Name: "speech.txt", Data: []byte(`Minister speaks

ASHBY, May 2, 2019 (Valley Wire) -- "Issues of war and peace weigh on every voter," the minister said.
`)},
		{Name: "play.txt", Data: []byte(`Play opens

BRILL, May 3, 2019 (Valley Wire) -- The Brill players staged Garden and Glory, which Ada Pike wrote in 1990.
`)},
	}
	for i, town := range []string{"Corran", "Dunmore", "Eskdale", "Farley", "Garth", "Hollin"} {
		srcs = append(srcs, Source{Name: fmt.Sprintf("g%d.txt", i), Data: []byte(fmt.Sprintf("Town news %d\n\n%s, May %d, 2019 (Valley Wire) -- The garden show in %s drew crowds on day %d.\n", i, strings.ToUpper(town), 4+i, town, i))})
	}
	lib, _ := Build(srcs)
	checkAnswers(t, lib, []answerCase{
		{"Who wrote War and Peace?", ""},
		{"Who wrote Garden and Glory?", "Ada Pike"},
	})
}
