package knowledge

import (
	"strings"
	"testing"
)

// TestReportedClauseOrObject checks that a reporting verb marks reported
// speech when a clause follows it and not when it merely takes a thing, or
// when it sits inside a noun or comparative clause.
func TestReportedClauseOrObject(t *testing.T) {
	tests := []struct {
		name, text string
		quote      string // a piece of the sentence
		want       bool   // whether it is extracted as a quote
	}{
		{"object of confirm", "Acme Corp confirmed the merger on Tuesday after months of talks.", "confirmed the merger", false},
		{"object of deny", "Jane Doe has denied the existence of any such deal with the council.", "existence of any such deal", false},
		{"object of add", "The agency added a premium for the new line, given it has not been built.", "added a premium", false},
		{"sports sense of deny", "Goalie John Roe stopped 30 shots and denied the Hawks on several chances.", "denied the Hawks", false},
		{"clause after confirm", "Acme Corp confirmed the merger would close in May.", "merger would close in May", true},
		{"clause after deny", "Jane Doe denied the company had broken any rule.", "company had broken any rule", true},
		{"that after announce", "The mayor announced that the pool will reopen next week.", "pool will reopen", true},
		{"what he said", "Some claims, such as what he said about taxes, do not seem to serve any purpose.", "about taxes", false},
		{"than it says", "The cost may be lower than the agency says it is, a study found.", "lower than the agency", false},
		{"possessive noun", "The paper studied the mayor's claims about the budget and found them wrong.", "found them wrong", false},
		{"argue for", "The needs of the chamber argue for a round layout with the benches facing in.", "round layout", false},
		{"comma before for", "As the party leader Jane Doe claimed, for most families the new tax is meaningless.", "for most families", true},
		{"negated", "Many voters won't believe it, of course, after the last vote.", "after the last vote", false},
		{"contracted has", "Jane Doe, the treasurer, she's said the budget would balance by June.", "budget would balance", true},
		{"plain say", "Jane Doe said the plan makes sense for the city.", "plan makes sense", true},
		{"partial keeps its verb", "Jane Doe acknowledged the size of the defeat, and she urged members to show \"what the House does support.\"", "what the House does support", true},
	}
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		_, got := findQuote([]*Parsed{p}, tt.quote)
		if got != tt.want {
			t.Errorf("%s: got quote %v; want %v (quotes %+v)", tt.name, got, tt.want, p.Quotes)
		}
	}
}

// TestTrailingPronounSkipsNamedPerson checks that "…, he said" after words
// naming a person is given to another speaker: the pronoun cannot stand for
// someone its own reported words call by name.
func TestTrailingPronounSkipsNamedPerson(t *testing.T) {
	tests := []speakerCase{
		{"named in the words", "Ken Alder, the manager, said he could not reach his staff.\n\nBob Roe said he ran downstairs after the blast.\n\nRoe and two colleagues hid under desks, he said, but one man ran to the roof.", "two colleagues hid under desks", "Ken Alder"},
		{"not named in the words", "Ken Alder, the manager, said he could not reach his staff.\n\nBob Roe said he ran downstairs after the blast.\n\nThe doors were locked, he said, and nobody could leave.", "doors were locked", "Bob Roe"},
		{"main clause after an opening phrase", "Ken Alder, the manager, spoke first.\n\nBob Roe runs the school.\n\nThe lessons were criticised by Mr Roe, and in a speech to the board, he warned that they were failing pupils.", "they were failing pupils", "Bob Roe"},
		{"pronoun before the words", "Ken Alder, the manager, spoke first.\n\nBob Roe was on the third floor.\n\nHe said Alder had told everyone to stay inside the office.", "Alder had told everyone", "Bob Roe"},
	}
	checkSpeakers(t, tests)
}

// TestSpeakerAfterVerbWithAge checks that a speaker named after the verb
// behind an age ("says 16-year-old Jane Doe"), at the end of the sentence or
// between commas inside it, is read as the speaker.
func TestSpeakerAfterVerbWithAge(t *testing.T) {
	tests := []speakerCase{
		{"named between commas mid-sentence", "Ken Alder, the manager, spoke first.\n\nThere is a particular pleasure, insists 16-year-old Bob Roe, in seeing a comic through to the end.", "particular pleasure", "Bob Roe"},
		{"age then name at the end", "Ken Alder, the manager, spoke first.\n\nThere is a real pleasure in seeing a comic through to the end, says 16-year-old Bob Roe.", "real pleasure", "Bob Roe"},
	}
	checkSpeakers(t, tests)
}

// TestTheyAfterAndTakesUpGroup checks that "…, and they say …" is given to
// the described group the sentence opens with, not to a body quoted before.
func TestTheyAfterAndTakesUpGroup(t *testing.T) {
	text := "Acme Corp said prices would rise.\n\nCity councillors are eager to finish the budget, and they say they want no more delays unless the mayor agrees."
	p, err := Parse(Source{Name: "t.txt", Data: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	q, ok := findQuote([]*Parsed{p}, "no more delays")
	if !ok {
		t.Fatalf("no quote containing %q in %+v", "no more delays", p.Quotes)
	}
	if !strings.Contains(q.Speaker, "councillors") {
		t.Errorf("got speaker %q; want the councillors", q.Speaker)
	}
}

// speakerCase is one article text, a piece of one of its quotes, and the
// speaker that quote must be given to.
type speakerCase struct {
	name, text, quote, speaker string
}

// checkSpeakers parses each case's text and checks the quote holding its
// piece is attributed to its speaker.
func checkSpeakers(t *testing.T, tests []speakerCase) {
	t.Helper()
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		q, ok := findQuote([]*Parsed{p}, tt.quote)
		if !ok {
			t.Errorf("%s: no quote containing %q in %+v", tt.name, tt.quote, p.Quotes)
			continue
		}
		if !strings.Contains(q.Speaker, tt.speaker) {
			t.Errorf("%s: got speaker %q; want %q", tt.name, q.Speaker, tt.speaker)
		}
	}
}

// TestDefiniteOrgTakesUpNamedBody checks that "the company" or "the
// agency" is given to the business named just before it even when that
// business has not spoken yet, and stays a description when the name
// before it is a place, a person or a public body. The names are
// invented.
func TestDefiniteOrgTakesUpNamedBody(t *testing.T) {
	tests := []speakerCase{
		{"subject of a verb", "Shares fell after Brackwater Freight posted a loss on Monday.\n\nThe company said sales would recover by June.", "sales would recover", "Brackwater Freight"},
		{"ampersand", "Fenwick & Hale rallied 6 per cent after its results. The company said its profit could be stronger than it expected.", "profit could be stronger", "Fenwick & Hale"},
		{"agent after by", "But the mayor claimed a study had been done by Metrolane. The agency told reporters it has not done any such study.", "not done any such study", "Metrolane"},
		{"owner", "Shares fell after Brackton's regulator fined the retailer. In early May the company announced that Ada Quell would chair its board.", "Ada Quell would chair", "the company"},
		{"place", "Workers gathered in Brackton on Monday.\n\nThe company said wages would rise next year.", "wages would rise", "the company"},
		{"person with a job", "The firm collapsed and new boss Tom Vardy has sued the lenders. The firm also said it is preparing further suits.", "preparing further suits", "the firm"},
		{"apposition", "Rally Brackton, the group that organised the march, said it had hundreds of letters.\n\nThe group says those people include hikers and anglers.", "include hikers and anglers", "Rally Brackton"},
		{"apposition with a verb", "Shoppers queued early. In Brackton, the company is fighting plans for new stores. The company says the plans are unfair.", "plans are unfair", "the company"},
		{"public body", "The Trade Commission fined the retailer on Monday. The company said it would appeal the fine.", "would appeal the fine", "the company"},
	}
	checkExactSpeakers(t, tests)
}

// TestDescriptionWithPlaceOrNationality checks that a speaker described
// with a place or a nationality between the article and the noun ("the
// Brackton judge", "the Ruritanian government") is read as a description,
// and that a name inside such a description is not taken for the speaker.
// The names are invented.
func TestDescriptionWithPlaceOrNationality(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"nationality", "Two men were held in the capital.\n\nThe Ruritanian government has said its two citizens are being detained arbitrarily.", "citizens are being detained", "the Ruritanian government"},
		{"place of two words", "The appeal was heard on Monday.\n\nIn his oral judgment, the Nova Brackton judge said he did not see a way to release him.", "did not see a way", "the Nova Brackton judge"},
		{"acronym that is also a pronoun", "Prices rose in May.\n\nThe US company said profits would rise next year.", "profits would rise", "the US company"},
		{"party", "Prices rose in May.\n\nA Ruritanian Labour party spokesman said the plan was flawed.", "plan was flawed", "a Ruritanian Labour party spokesman"},
		{"long acronym", "Prices rose in May.\n\nA RUKIP spokesman said the vote was lost.", "vote was lost", "a RUKIP spokesman"},
		{"name inside the description", "Brackton United lost again on Saturday.\n\nThe Brackton United boss said the team would recover.", "team would recover", "the Brackton United boss"},
	})
}

// TestClauseJoinedWithAndIsNoApposition guards the descriptions above: a
// description that ends a clause joined on with "and" before the verb
// ("…, a tourist, and a clerk were among the dead, said Jo Roe") is not
// the speaker; the name after the verb is. The names are invented.
func TestClauseJoinedWithAndIsNoApposition(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"clause joined with and", "Ten people — including a guard — a Ruritanian tourist, and a British aid worker were among the casualties, said police Chief Jim Wexley.", "were among the casualties", "Jim Wexley"},
	})
}

// checkExactSpeakers is checkSpeakers with the speaker matched whole.
func checkExactSpeakers(t *testing.T, tests []speakerCase) {
	t.Helper()
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		q, ok := findQuote([]*Parsed{p}, tt.quote)
		if !ok {
			t.Errorf("%s: no quote containing %q in %+v", tt.name, tt.quote, p.Quotes)
			continue
		}
		if q.Speaker != tt.speaker {
			t.Errorf("%s: got speaker %q; want %q", tt.name, q.Speaker, tt.speaker)
		}
	}
}

// TestDocumentSpeaksForItsSource checks that a statement, release or
// study that reports something is given to the body it comes from, and
// that a statement with no source named is given to whoever spoke just
// before. The names are invented.
func TestDocumentSpeaksForItsSource(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"release from a body", "The workers met on Friday.\n\nA release sent to media from Brackton Local 99 late Friday said most of the workers voted to join the union.", "most of the workers voted", "Brackton Local 99"},
		{"according to a study by", "Those jobs are the best bets for youth, according to a study which is being released Monday by Civic Works.", "best bets for youth", "Civic Works"},
		{"statement by", "A statement by Corvane played down the flaw and said few people would be hit.", "few people would be hit", "Corvane"},
		{"statement of the last speaker", "The aid group Westmark said its director was among those killed. A statement said the group was \"shocked and saddened\" by the death.", "shocked and saddened", "Westmark"},
		{"statement long after", "The aid group Westmark said its director was among those killed.\n\nThe hotel was closed for a week.\n\nGuests were moved to other towns.\n\nA statement said the hotel had no guards.", "hotel had no guards", ""},
	})
}

// TestPronounInAppositionIsSomebodyElse checks that a possessive inside
// the apposition of a sentence's subject ("Sam Ito, her rival, said") does
// not give the subject that gender, so a later "he" can still stand for
// them. The people are invented.
func TestPronounInAppositionIsSomebodyElse(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"her rival", "Pat Lane won the seat in 2019.\n\nSam Ito, her rival, said the count was wrong.\n\n\"We will appeal,\" he said.", "We will appeal", "Sam Ito"},
		{"his own words", "Pat Lane won the seat in 2019.\n\nSam Ito said his count was right.\n\n\"We will appeal,\" he said.", "We will appeal", "Sam Ito"},
	})
}

// TestUnnamedSpeakersDescribed checks descriptions of unnamed speakers
// with no determiner after "according to", "those" with a participle,
// and a description qualified by an adjective that follows its noun.
func TestUnnamedSpeakersDescribed(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"according to, no determiner", "The mayor is committed for the long haul, according to city officials unauthorized to speak publicly.", "committed for the long haul", "city officials unauthorized to speak publicly"},
		{"according to people familiar", "The deal is close, according to people familiar with the talks.", "deal is close", "people familiar with the talks"},
		{"those involved", "All those involved say the issue is complex and cannot be fixed by one group.", "issue is complex", "those involved"},
		{"adjective after the noun", "One group entered an office, where they left a bag in the lobby, a private security professional present during the attack told reporters.", "left a bag in the lobby", "a private security professional present during the attack"},
	})
}

// TestReportedThat checks that "reported" marks reported speech when
// "that" follows it, and not when it takes a thing or is passive.
func TestReportedThat(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"reported that", "Late Tuesday, Brackton Wire reported that Acme paid teens to download an app.", "Acme paid teens", "Brackton Wire"},
		{"a newspaper", "The Sunday Herald Post reported that the mayor would resign.", "mayor would resign", "Sunday Herald Post"},
	})
	tests := []struct{ name, text, quote string }{
		{"takes a thing", "Acme reported strong sales across the region this year.", "strong sales"},
		{"passive", "It was widely reported that the mayor would resign in May.", "mayor would resign"},
	}
	for _, tt := range tests {
		p, err := Parse(Source{Name: "t.txt", Data: []byte(tt.text)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if q, ok := findQuote([]*Parsed{p}, tt.quote); ok {
			t.Errorf("%s: got quote %q (speaker %q); want none", tt.name, q.Text, q.Speaker)
		}
	}
}

// TestItTakesUpTheBodyJustQuoted checks that "It said …" goes to the body
// quoted just before when no organisation has been named: a described
// body or a one-word name not shown to be a person's, never a person
// with a full name. The names are invented.
func TestItTakesUpTheBodyJustQuoted(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"described body", "Sales fell in May, the firm said.\n\nIt added it would now review its leases.", "review its leases", "the firm"},
		{"one-word name", "Corvane said it would double its hotspots.\n\nIt also said it was adding wi-fi to trains.", "adding wi-fi to trains", "Corvane"},
		{"a person's full name", "Jim Wexley said the plan was sound.\n\nIt also said the roads would close.", "roads would close", ""},
	})
}

// TestPersonInReportedClauseIsNotTheSubject checks that a person named
// inside the words another speaker reports ("Alder said Roe had lied") is
// not the subject a following "he said" takes up, while the agent of a
// passive ("denied by Jim Wexley") and a name opening its own clause
// still are. The people are invented.
func TestPersonInReportedClauseIsNotTheSubject(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"reported clause", "Talks ended on Monday.\n\nKen Alder met Bob Roe at the office.\n\nAlder said Roe had lied to the board. \"It was a disgrace,\" he said.", "It was a disgrace", "Ken Alder"},
		{"passive agent", "Ken Alder made the claims on Monday.\n\nHis claims were denied by Foreign Secretary Bob Roe, who accused him of lying. The figures were right, he argued.", "figures were right", "Bob Roe"},
		{"own clause after a comma", "Ken Alder spoke first.\n\nEven before the club said the player would stay, coach Bob Roe insisted he would not leave. \"I want to play here,\" he said.", "I want to play here", "Bob Roe"},
	})
}

// TestBodyWordIsNoPersonsTitle checks that "the party", "the police" or
// "the city" speaking is not read as a title standing for the last
// person named ("the mayor" is). The names are invented.
func TestBodyWordIsNoPersonsTitle(t *testing.T) {
	checkExactSpeakers(t, []speakerCase{
		{"the party", "Party leader Jim Wexley spoke in Brackton.\n\nThe party says its plan can be funded at no extra cost.", "funded at no extra cost", "the party"},
		{"according to the city", "Mayor Jim Wexley promised three new rinks.\n\nThe project will replace the old arena, according to the city.", "replace the old arena", ""},
		{"the mayor", "Mayor Jim Wexley spoke on Monday.\n\nThe mayor said the rinks would open in May.", "rinks would open", "Jim Wexley"},
	})
}

// TestColonLeadKeepsItsSpeaker checks that a quote introduced by its own
// attribution and a colon and closed by a full stop stays with that
// speaker when the next sentence opens with somebody else's "says …"; a
// bare '." Smith said.' after a quote with no lead-in still names the
// speaker. The names are invented.
func TestColonLeadKeepsItsSpeaker(t *testing.T) {
	tests := []speakerCase{
		{"colon lead, next sentence reports another", `Ada Quell claims the rider failed a test. Criticised for the claim, she said: "I will never apologise." Tom Vardy says the pills were a cold remedy.`, "never apologise", "Ada Quell"},
		{"named colon lead", `Ada Quell said: "We will appeal the fine." Tom Vardy says the fine was fair.`, "appeal the fine", "Ada Quell"},
		{"no lead-in", `The club was fined on Monday. "We will appeal the fine." Tom Vardy said.`, "appeal the fine", "Tom Vardy"},
	}
	checkSpeakers(t, tests)
}
