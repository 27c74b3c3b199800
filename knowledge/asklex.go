package knowledge

import (
	"slices"
	"strings"
)

// Lexicons the question answering reads, beside those of ask.go: general
// facts of how news English writes amounts, not rules for any article.

// amountUnits are the abbreviated multipliers news writing puts straight
// after a figure ("$850m", "6bn", "20k"). The tokenizer reads such a word
// as letters, not a number, yet it is the very answer to "how much".
var amountUnits = setOf(`m bn b k mn mln bln tn trn`)

// isAmount reports whether a normalised word is a figure with an
// abbreviated multiplier, such as "850m" or "6bn".
func isAmount(norm string) bool {
	i := 0
	for i < len(norm) && norm[i] >= '0' && norm[i] <= '9' {
		i++
	}
	return i > 0 && i < len(norm) && amountUnits[norm[i:]]
}

// amountIn reports whether a text holds a figure with an abbreviated
// multiplier: a run of digits, straight after it one of amountUnits in
// any case, and then no further letter or digit.
func amountIn(text string) bool {
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || i > 0 && (isDigit(text[i-1]) || isLetter(text[i-1])) {
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		k := j
		for k < len(text) && isLetter(text[k]) && k-j < 4 {
			k++
		}
		if k > j && (k == len(text) || !isDigit(text[k]) && !isLetter(text[k])) && amountUnits[lowerASCII(text[j:k])] {
			return true
		}
		i = k
	}
	return false
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lowerASCII lowers a short ASCII word, allocating only when it has a
// capital.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := range b {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// agentPairs pairs nouns for somebody who does a thing with the verb for
// doing it (its -ing form), since a question and an article often word
// the same fact the two ways: "who founded the firm" and "the firm's
// founder", "what did the prosecutor say" and "the prosecuting attorney
// said". The stemmer leaves such nouns apart from their verbs. It is a
// lexicon of English, not of any article. A noun whose plain base is an
// unrelated word ("former", "counter", "factor") is left out, and so are
// the everyday verbs ("make", "win", "run", "lead"), whose nouns ("maker",
// "winner") turn up in too many unrelated excerpts.
var agentPairs = `prosecutor:prosecuting founder:founding co-founder:founding printer:printing
chairman:chairing chairwoman:chairing chairperson:chairing governor:governing investor:investing
editor:editing teacher:teaching brewer:brewing farmer:farming singer:singing
investigator:investigating negotiator:negotiating organiser:organising organizer:organizing
campaigner:campaigning protester:protesting lender:lending borrower:borrowing attacker:attacking
murderer:murdering manufacturer:manufacturing exporter:exporting importer:importing
supplier:supplying inventor:inventing photographer:photographing broadcaster:broadcasting
publisher:publishing distributor:distributing retailer:retailing adviser:advising
advisor:advising composer:composing performer:performing regulator:regulating`

// agentTerms maps the index term of each word of agentPairs to the terms
// of its partners: the noun's to the verb's and the verb's to the nouns'.
// (The two never share a term: the stemmer keeps the nouns apart.)
var agentTerms = func() map[string][]string {
	m := map[string][]string{}
	add := func(from, to string) {
		if from != to && !slices.Contains(m[from], to) {
			m[from] = append(m[from], to)
		}
	}
	for _, pair := range strings.Fields(agentPairs) {
		noun, verb, _ := strings.Cut(pair, ":")
		n, v := stemWord(noun), stemWord(verb)
		add(n, v)
		add(v, n)
	}
	return m
}()
