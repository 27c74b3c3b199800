package knowledge

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Answering rules. Each is a general property of questions and news text,
// not a setting for any article.
const (
	// minCoverage is the share of the question's weight (rare words weigh
	// more) an excerpt must match before it is offered: below it, the
	// excerpt answers a different question.
	minCoverage = 0.55
	// minTopicCoverage is the share of the topic of "what did X say about
	// Y" that X's words must match.
	minTopicCoverage = 0.4
	// followRatio is how close to the best score a second or third answer
	// must come to be worth showing.
	followRatio = 0.4
	// candidates is how many excerpts the first, cheap score keeps for the
	// finer one.
	candidates = 120
	// Boosts of the finer score.
	boostSpeaker     = 2.0  // the named person's own words, when asked what they said
	boostMentioned   = 1.15 // the named person's words otherwise
	boostDirect      = 1.2  // their own words in quote marks over a paraphrase
	boostHint        = 1.35 // a date for "when", a place for "where", a name for "who"
	boostProximity   = 0.3  // at most, for matched words side by side
	maxQuestionWords = 32
	// forgiveFrom is how many topic words (names aside) a question must
	// have before coverage overlooks the lightest one an excerpt misses:
	// the longer a question, the likelier it words one thing differently
	// from the article, while a short question's every word is its topic.
	forgiveFrom = 5
)

// speechAsk are the words with which a question asks what somebody said or
// thinks.
var speechAsk = setOf(`say said says tell told think thinks thought believe believes believed comment
comments commented speak spoke argue argues argued claim claims claimed feel feels felt write wrote
warn warned mean meant view views position stance opinion react reacted reaction respond responded
response according describe described call called predict predicted promise promised want wants wanted
hope hoped urge urged insist insisted`)

// topicPreps introduce the topic of what somebody said.
var topicPreps = setOf(`about on regarding concerning over of`)

// query is a question taken apart.
type query struct {
	words []qword
	// qtype is "when", "where", "who", "howmany", "why" or "".
	qtype string
	// persons are the people the question names, best first.
	persons []int32
	// speech is set when the question asks what somebody said or thinks.
	speech bool
	// sayAbout is set for "what did X say about Y": the answer must be
	// X's words about Y.
	sayAbout bool
	// unknownName is set when the question names somebody the library
	// does not know.
	unknownName bool
	// chat is set for a greeting or thanks with nothing to look up.
	chat bool
	// caps has a bit set for each common word the question writes with a
	// capital inside a sentence, as part of a name or title.
	caps uint64
	// speaker has a bit set for each word with which a question that
	// names nobody the library knows describes whose words it asks for
	// ("the president of Peru" in "what did the president of Peru
	// say"): an excerpt with none of them is somebody else's.
	speaker uint64
	// aboutAt is where the preposition before the topic of "what did X
	// say about Y" stands in the question, or 0.
	aboutAt int
	// para is set on a question the paraphrase fallback reworded.
	para *paraphrase
	// pairs are neighbouring topic words that form one phrase, such as
	// "president of France": an excerpt that has both words far apart
	// does not have the phrase.
	pairs [][2]int
}

// analyze takes a question apart: its words and what they stand for in
// the library, the people it names, and what kind of answer it wants.
func (l *Library) analyze(question string) *query {
	q := &query{}
	text := strings.TrimSpace(stripMarkup(question))
	if allUpper(text) {
		text = strings.ToLower(text)
	}
	// A question is short: its words fit in a buffer on the stack.
	var tokBuf [2 * maxQuestionWords]token
	toks := appendTokens(tokBuf[:0], text)
	titled := isTitleCase(toks)
	q.qtype = questionType(toks)

	// Content words: everything but function words.
	var contentBuf [maxQuestionWords]token
	content := contentBuf[:0]
	chatOnly := true
	for _, t := range toks {
		if isStop(t) {
			continue
		}
		content = append(content, t)
		if !chitchat[t.norm] {
			chatOnly = false
		}
	}
	if len(content) == 0 || chatOnly {
		q.chat = len(content) > 0 || len(toks) > 0
		return q
	}
	if len(content) > maxQuestionWords {
		content = content[:maxQuestionWords]
	}

	// People named: by surname, with typing errors allowed. A word only
	// counts as a name when the question or the library writes it as one.
	// content holds at most maxQuestionWords words, so the per-word
	// bookkeeping fits in arrays on the stack.
	var normsA [maxQuestionWords]string
	var personOfA [maxQuestionWords]int32
	var claimedA [maxQuestionWords]float64
	var typosA [maxQuestionWords]bool
	norms, personOf := normsA[:len(content)], personOfA[:len(content)]
	claimed, typos := claimedA[:len(content)], typosA[:len(content)]
	for i, t := range content {
		norms[i] = t.norm
		personOf[i] = -1
		_, known := l.ix.wordInfo(t.norm)
		typos[i] = !known
	}
	// An unknown word may be searched for a correction up to three
	// times below; the search is done once.
	memo := &corrections{}
	for _, m := range l.names.match(norms, typos, false, false) {
		ok := true
		for _, wi := range m.words {
			t := content[wi]
			if !(t.capital && !titled) && !l.ix.isNameWord(t.norm) && !l.nameWordTypo(t.norm, memo) {
				ok = false
			}
			// Several people may share a family name: all who match
			// about as well are named; quote counts do not decide.
			if claimed[wi] > m.score+0.35 {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, wi := range m.words {
			claimed[wi] = max(claimed[wi], m.score)
			personOf[wi] = m.person
		}
		if !containsID(q.persons, m.person) {
			q.persons = append(q.persons, m.person)
		}
	}

	// The word after "how" in "how many", "how strong" names the measure
	// asked for, which the answer gives as a number, not as that word; so
	// does "year" in "what year": framing, not topic.
	measureAt := -1
	for i := 0; i+1 < len(toks) && i < 3; i++ {
		switch {
		case q.qtype == "howmany" && toks[i].norm == "how",
			(q.qtype == "when" || q.qtype == "where") && (toks[i].norm == "what" || toks[i].norm == "which"):
			measureAt = toks[i+1].start
		}
		if measureAt >= 0 {
			break
		}
	}

	// Words of the question and what they stand for.
	speechAt, prepAt := -1, -1
	q.words = make([]qword, 0, len(content))
	// Each word's forms get a slot of room in one array, capped so that
	// one word's extra forms never run into the next word's.
	const altRoom = 4
	altBuf := make([]alt, altRoom*len(content))
	for i, t := range content {
		w := qword{tok: t, weight: weightTopic, person: personOf[i]}
		if weakWords[t.norm] || speechAsk[t.norm] || chitchat[t.norm] || t.start == measureAt {
			w.weight = weightWeak
		}
		if speechAsk[t.norm] && speechAt < 0 {
			speechAt = i
		}
		w.alts = l.expand(t, memo, altBuf[altRoom*i:altRoom*i:altRoom*(i+1)])
		if w.person >= 0 {
			w.weight = weightTopic
			w.alts = append(w.alts, l.personAlts(t.norm, w.person, w.alts)...)
		}
		if len(w.alts) == 0 && chitchat[t.norm] {
			continue // "please", "thanks" around a real question
		}
		w.idf = l.ix.maxIDF()
		if len(w.alts) > 0 {
			w.idf = 0
			for _, a := range w.alts {
				w.idf = max(w.idf, a.w*l.ix.idf(a.id))
			}
		}
		q.words = append(q.words, w)
	}
	q.speech = speechAt >= 0
	if q.speech && len(q.persons) == 0 {
		// "What did the president of Peru say ...": the speaker is
		// described, not named, by the words before the speech word.
		for i := range q.words {
			if i < 64 && q.words[i].tok.start < content[speechAt].start && q.words[i].weight >= weightTopic {
				q.speaker |= 1 << uint(i)
			}
		}
	}
	// A question of framing words alone ("what do you think?", "what
	// year is it?") names nothing to look up, unless it names a person.
	if len(q.persons) == 0 {
		topic := false
		for _, w := range q.words {
			if w.weight >= weightTopic {
				topic = true
			}
		}
		if !topic {
			q.chat = true
			return q
		}
	}
	// A name may be half of such a phrase ("president of France"), but
	// two names side by side are one name, not a phrase.
	for i := 1; i < len(q.words); i++ {
		a, b := q.words[i-1], q.words[i]
		if a.weight < weightTopic || b.weight < weightTopic || a.person >= 0 && b.person >= 0 {
			continue
		}
		if phraseGap(text[a.tok.end:b.tok.start]) {
			q.pairs = append(q.pairs, [2]int{i - 1, i})
		}
	}

	// The topic of "what did X say about Y" is what follows the
	// preposition after the speech word.
	if q.speech && len(q.persons) > 0 {
		for i := range toks {
			if topicPreps[toks[i].norm] && toks[i].start > content[speechAt].start {
				prepAt = toks[i].start
				break
			}
		}
		if prepAt >= 0 {
			q.aboutAt = prepAt
			for i := range q.words {
				if q.words[i].tok.start > prepAt && q.words[i].person < 0 && q.words[i].weight >= weightTopic {
					q.words[i].topic = true
					q.sayAbout = true
				}
			}
		}
	}

	// A common word the question capitalises inside a sentence ("War and
	// Peace", "the Four Seasons") is part of a name or a title, which an
	// excerpt writing the word in lower case does not mention.
	if !titled {
		for i := range q.words {
			t := q.words[i].tok
			if i < 64 && q.words[i].person < 0 && t.capital && !t.acronym && !titleWords[t.norm] && !whenWords[t.norm] && !l.ix.isNameWord(t.norm) && len(q.words[i].alts) > 0 && q.words[i].alts[0].w >= 1 && !sentenceStartAt(text, t.start) {
				q.caps |= 1 << uint(i)
			}
		}
	}

	// A capitalised word inside the question that the library never uses,
	// even allowing for typing errors, names somebody or something it does
	// not know ("Boris Johnson", "Britain"): nothing in it can be about
	// them.
	if !titled {
		for i, t := range toks {
			if i > 0 && t.capital && !t.acronym && !isStop(t) && !chitchat[t.norm] && !whenWords[t.norm] && !sentenceStart(text, toks, i) && !l.knownWord(t, memo) {
				q.unknownName = true
			}
		}
	}
	return q
}

// phraseJoin are the words that may stand inside a phrase.
var phraseJoin = setOf(`of the a an`)

// phraseGap reports whether the text between two words joins them in one
// phrase, as "of" does in "president of France": an excerpt with
// "President" in one place and "France" in another does not answer it.
// Nouns side by side are not held to this ("wind gusts" may be "wind
// advisory ... gusts"; "Okafor asylum").
func phraseGap(between string) bool {
	if strings.ContainsAny(between, ",;:.?!()") {
		return false
	}
	of := false
	var buf [8]token
	for _, t := range appendTokens(buf[:0], between) {
		if !phraseJoin[t.norm] {
			return false
		}
		if t.norm == "of" {
			of = true
		}
	}
	return of
}

// phraseWindow is how far apart, in words, the two words of a phrase may
// be in an excerpt and still make the phrase.
const phraseWindow = 8

// brokenPhrases returns the coverage mass an excerpt loses because it
// does not hold a question's phrase: half the phrase when it holds the
// two words far apart, and half the word it has when it lacks the other
// one ("Norway" without "king" says nothing of the king of Norway). mask
// holds the question words in the excerpt's text; present adds the named
// people who speak in its article.
func brokenPhrases(u *excerpt, q *query, mask, present uint64) float64 {
	lost := 0.0
	for _, p := range q.pairs {
		a, b := q.words[p[0]], q.words[p[1]]
		if p[1] >= 64 {
			continue
		}
		hasA, hasB := present&(1<<uint(p[0])) != 0, present&(1<<uint(p[1])) != 0
		switch {
		case hasA && !hasB:
			lost += a.mass() / 2
			continue
		case hasB && !hasA:
			lost += b.mass() / 2
			continue
		}
		if mask&(1<<uint(p[0])) == 0 || mask&(1<<uint(p[1])) == 0 {
			continue
		}
		if phraseApart(u.terms, a.alts, b.alts) {
			lost += (a.mass() + b.mass()) / 2
		}
	}
	return lost
}

// reverseWindow is how far apart the two words of "X of Y" may be when
// the excerpt gives them the other way round, as "Y's X", "Y's new X" or
// "Canadian Prime Minister": a few words, not a clause.
const reverseWindow = 3

// phraseApart reports whether an excerpt's terms hold the two words of a
// question's "X of Y" phrase (a's terms, then b's) too far apart to
// make the phrase: further than phraseWindow in the question's order,
// and further than reverseWindow the other way round.
func phraseApart(terms termSeq, a, b []alt) bool {
	lastA, lastB := -1, -1
	for i, id := range terms.all() {
		if id < 0 {
			continue
		}
		if containsAlt(a, id) {
			lastA = i
			if lastB >= 0 && i-lastB <= reverseWindow {
				return false
			}
		} else if containsAlt(b, id) {
			lastB = i
			if lastA >= 0 && i-lastA <= phraseWindow {
				return false
			}
		}
	}
	return true
}

// stripMarkup removes angle-bracket markup, such as chat mentions
// ("<@1234>") and links ("<https://...>"), which is never part of the
// question.
func stripMarkup(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 || strings.ContainsAny(s[i:i+j], " \t\n") {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// nameWordTypo reports whether an unknown word is a typing error for a
// word the library writes as a name. memo (which may be nil) remembers
// corrections already searched for.
func (l *Library) nameWordTypo(w string, memo *corrections) bool {
	if _, ok := l.ix.wordInfo(w); ok {
		return false
	}
	c, _ := memo.correct(l, w)
	return c != "" && l.ix.isNameWord(c)
}

// knownWord reports whether the library uses a word, allowing for typing
// errors. memo (which may be nil) remembers corrections already searched
// for.
func (l *Library) knownWord(t token, memo *corrections) bool {
	if _, ok := l.ix.wordInfo(t.norm); ok {
		return true
	}
	if _, ok := l.ix.termID(stemWord(t.norm)); ok {
		return true
	}
	c, _ := memo.correct(l, t.norm)
	return c != ""
}

// personAlts adds the name word a typed word stands for when the typed
// form itself is not in the library: "condoleeza" for "condoleezza".
func (l *Library) personAlts(typed string, person int32, have []alt) []alt {
	var out []alt
	for _, nw := range l.names.words[person] {
		if s := wordMatch(typed, nw, false); s > 0 {
			// A word the index stores has its stem's term already.
			id, ok := l.ix.word(nw)
			if !ok {
				id, ok = l.ix.termID(stemWord(nw))
			}
			if !ok || containsAlt(have, id) || containsAlt(out, id) {
				continue
			}
			out = append(out, alt{id, s})
		}
	}
	return out
}

// containsAlt reports whether alts holds term id.
func containsAlt(alts []alt, id int32) bool {
	for _, a := range alts {
		if a.id == id {
			return true
		}
	}
	return false
}

// containsID reports whether ids holds id.
func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// mannerHow are words after "how" that ask for a manner, not a measure.
var mannerHow = setOf(`come`)

// questionType reads what kind of answer the question wants from its
// first words.
func questionType(toks []token) string {
	for i := 0; i < len(toks) && i < 3; i++ {
		switch toks[i].norm {
		case "when":
			return "when"
		case "how":
			// "How many", "how strong", "how long" ask for a measure;
			// "how did", "how can" ask for a manner.
			if i+1 < len(toks) && !searchStop[toks[i+1].norm] && !mannerHow[toks[i+1].norm] {
				return "howmany"
			}
		case "where":
			return "where"
		case "who", "whom", "whose":
			return "who"
		case "why":
			return "why"
		case "what", "which":
			if i+1 < len(toks) {
				switch toks[i+1].norm {
				case "year", "date", "day", "month", "time":
					return "when"
				case "city", "country", "place", "town", "venue":
					return "where"
				}
			}
		}
	}
	return ""
}

// candidate is one excerpt under consideration for an answer.
type candidate struct {
	unit     int32
	score    float64
	coverage float64
	mask     uint64
	eligible bool
}

// Ask answers a question with at most limit excerpts, best first. An empty
// Answers means the library abstains: the question is small talk, names
// somebody the articles do not, or no excerpt matches enough of it.
func (l *Library) Ask(question string, limit int) Result {
	if limit <= 0 {
		limit = 3
	}
	res := Result{Question: question}
	q := l.analyze(question)
	if q.chat || len(q.words) == 0 {
		res.Suggestions = l.suggest(q, nil)
		return res
	}
	if q.unknownName || asksAdvice(question) {
		res.Suggestions = l.suggest(q, nil)
		return res
	}
	s := l.getScratch()
	defer l.putScratch(s)
	cands := l.rank(q, s)
	chosen := l.choose(cands, limit)
	if len(chosen) == 0 {
		// Only a question the plain words cannot answer is tried again
		// in other words, so the fallback costs the others nothing.
		if q2 := l.paraphrased(q); q2 != nil {
			s2 := l.getScratch()
			defer l.putScratch(s2)
			if c2 := l.rank(q2, s2); len(c2) > 0 {
				if ch := l.choose(c2, limit); len(ch) > 0 {
					q, cands, chosen = q2, c2, ch
				}
			}
		}
	}
	if len(chosen) == 0 {
		res.Suggestions = l.suggest(q, cands)
		return res
	}
	for _, c := range chosen {
		res.Answers = append(res.Answers, l.answer(c, q))
	}

	return res
}

// rank scores the excerpts that match a question's words and returns the
// best of them, best first, each marked eligible or not to be offered.
// s holds the scores and lives until the candidates are no longer needed.
func (l *Library) rank(q *query, s *scratch) []candidate {
	l.accumulate(q.words, s)
	top := topUnits(s, candidates)

	total := 0.0
	topicTotal := 0.0
	for _, w := range q.words {
		total += w.mass()
		if w.topic {
			topicTotal += w.mass()
		}
	}
	// A long question paraphrases: one of its lesser words may be
	// missing from an excerpt that answers it, as long as the excerpt has
	// the question's rarest word, its likeliest subject. rarest is that
	// word's place, or -1 when the question is too short to forgive.
	topicWords, rarest := 0, -1
	var topicMask uint64
	for wi, w := range q.words {
		if w.weight >= weightTopic && w.person < 0 {
			topicWords++
			if wi < 64 {
				topicMask |= 1 << uint(wi)
			}
		}
		if rarest < 0 || w.mass() > q.words[rarest].mass() {
			rarest = wi
		}
	}
	if topicWords < forgiveFrom || q.para != nil {
		rarest = -1
	}
	identity := q.qtype == "who" && len(q.persons) > 0
	for _, w := range q.words {
		if w.person < 0 && w.weight >= weightTopic {
			identity = false
		}
	}
	// asked holds the question's terms, for telling new names from
	// asked ones; only "who" and "where" need it.
	var asked []int32
	if q.qtype == "who" || q.qtype == "where" {
		for _, w := range q.words {
			for _, a := range w.alts {
				asked = append(asked, a.id)
			}
		}
	}
	counting, stance := false, false
	counted := -1
	// amounts is unset for "how many", whose answer counts things: a sum
	// such as "$4m" answers "how much", not how many people.
	amounts := true
	for wi, w := range q.words {
		if q.qtype == "howmany" && countAsk[w.tok.norm] && !counting {
			counting = true
			amounts = w.tok.norm != "many"
			// The thing counted is the word right after "how many":
			// "how much did prices rise" counts no word.
			if wi+1 < len(q.words) && q.words[wi+1].weight >= weightTopic && q.words[wi+1].person < 0 && adjacent(q.words[wi].tok, q.words[wi+1].tok) {
				counted = wi + 1
			}
		}
		stance = stance || stanceWords[w.tok.norm]
	}
	cands := make([]candidate, 0, len(top))
	for _, ui := range top {
		uv := l.ix.view(ui)
		u := &uv
		c := candidate{unit: ui, score: float64(s.score[ui]), mask: s.mask[ui]}
		if c.mask&q.caps != 0 {
			c.mask &^= lowerOnly(u, q, c.mask&q.caps)
		}
		covered, topicCovered := 0.0, 0.0
		lightestMiss, rarestFound := 0.0, false
		reworded, plain := false, 0.0
		present := c.mask
		for wi := range q.words {
			w := &q.words[wi] // a pointer: a qword is large to copy
			share := 0.0
			switch {
			case wi < 64 && c.mask&(1<<uint(wi)) != 0:
				share = 1
				if q.para != nil {
					var rw bool
					share, rw = q.para.matched(u, w, wi)
					reworded = reworded || rw
				}
			case w.person >= 0 && l.personInArticle(w.person, u.article):
				share = 1
				if wi < 64 {
					present |= 1 << uint(wi)
				}
			case wi < 64 && s.near[ui]&(1<<uint(wi)) != 0 && q.para == nil:
				// Only the sentence before has the word: half the credit.
				// (The fallback's stricter test credits the excerpt's own
				// words alone.)
				share = 0.5
			}
			m := w.mass()
			covered += share * m
			if share == 1 {
				plain += m
			}
			if rarest >= 0 {
				if wi == rarest {
					rarestFound = share == 1
				}
				if share == 0 && w.weight >= weightTopic && w.person < 0 && (lightestMiss == 0 || m < lightestMiss) {
					lightestMiss = m
				}
			}
			if w.topic {
				topicCovered += share * m
			}
		}
		covered -= brokenPhrases(u, q, c.mask, present)
		// enough is the coverage the abstention rule judges, with the
		// lightest missing word of a long question overlooked. It decides
		// only whether the excerpt may be offered; ranking keeps the plain
		// coverage, so an excerpt with every word still comes first.
		enough := 0.0
		if total > 0 {
			c.coverage = max(covered, 0) / total
			enough = c.coverage
			if rarestFound && total > lightestMiss {
				enough = max(covered, 0) / (total - lightestMiss)
			}
		}
		byNamed := u.speaker >= 0 && containsID(q.persons, u.speaker)
		if u.kind == kindQuote && u.speaker < 0 && mentionsPerson(q, c.mask) {
			// A quote the extractor could not attribute, whose excerpt
			// names the person, is most likely theirs.
			byNamed = true
		}
		c.eligible = enough >= minCoverage && l.fits(q, u, c.mask|s.near[ui], counting, amounts, counted)
		if len(q.persons) == 0 && bits.OnesCount64(topicMask) >= 2 && bits.OnesCount64((c.mask|s.near[ui])&topicMask) < 2 {
			// A question about two things or more is not answered by an
			// excerpt that has one of them, however rare that one is
			// ("how long do elephants live?").
			c.eligible = false
		}
		if c.eligible && q.speaker != 0 && c.mask&q.speaker == 0 && !l.speakerFits(u, q) {
			c.eligible = false
		}
		if q.para != nil && (!reworded || plain < total/2) {
			// The fallback offers only what its rewording found (an
			// excerpt it would offer without it failed the plain rules),
			// and only where the question's own words still carry the
			// greater part of it.
			c.eligible = false
		}
		if q.sayAbout {
			// X's words about Y: spoken by X, or mentioning X, and about Y.
			mentions := mentionsPerson(q, c.mask)
			// A fact that mentions X is not X's words; an unattributed
			// statement that mentions X may be. X's position or view,
			// though, is what the reporter says X holds, so a fact
			// about X gives it.
			theirs := byNamed || mentions && (u.kind != kindFact || stance) && u.speaker < 0
			if topicTotal > 0 && topicCovered/topicTotal < minTopicCoverage || !theirs {
				c.eligible = false
			}
		}
		if identity {
			// "Who is X?" wants the sentence that says what X is.
			if l.statesRole(u, q.persons) {
				c.score *= boostSpeaker
			}
		} else if byNamed {
			if u.kind == kindQuote {
				c.score *= boostDirect
			}
			if q.speech {
				c.score *= boostSpeaker
			} else {
				c.score *= boostMentioned
			}
		}
		switch {
		case q.qtype == "when" && u.hints&hintDate != 0,
			q.qtype == "where" && u.hints&hintPlace != 0 && l.newName(u, asked, true),
			q.qtype == "who" && u.hints&hintName != 0 && (u.speaker >= 0 && !containsID(q.persons, u.speaker) || l.newName(u, asked, false)),
			q.qtype == "howmany" && hasNumber(u, amounts),
			q.qtype == "why" && u.hints&hintReason != 0:
			c.score *= boostHint
		}
		if bits.OnesCount64(c.mask) >= 2 {
			// proximity is 0 for fewer than two matched words.
			c.score *= 1 + boostProximity*proximity(u, q.words, c.mask)
		}
		c.score *= c.coverage
		cands = append(cands, c)
	}
	sortCandidates(cands)
	return cands
}

// choose picks at most limit answers from ranked candidates: eligible,
// close enough to the best, and not repeating one another.
func (l *Library) choose(cands []candidate, limit int) []candidate {
	var chosen []candidate
	for _, c := range cands {
		if len(chosen) == limit {
			break
		}
		if !c.eligible {
			continue
		}
		if len(chosen) > 0 && c.score < followRatio*chosen[0].score {
			break
		}
		if l.duplicates(c, chosen) {
			continue
		}
		chosen = append(chosen, c)
	}
	return chosen
}

// adviceAsk are the verbs with which somebody asks the bot itself for
// advice.
var adviceAsk = setOf(`recommend suggest advise`)

// asksAdvice reports whether a question asks the bot for its own advice,
// as "recommend me ..." or "can you suggest ...": news reports what people
// said and did, and recommends nothing to the asker, so an excerpt that
// happens to share the words would be a guess.
func asksAdvice(question string) bool {
	if !mayAskAdvice(question) {
		return false
	}
	toks := tokenize(stripMarkup(question))
	for i, t := range toks {
		if !adviceAsk[t.norm] {
			continue
		}
		if i+1 < len(toks) && (toks[i+1].norm == "me" || toks[i+1].norm == "us") || i > 0 && toks[i-1].norm == "you" || i == 0 {
			return true
		}
	}
	return false
}

// mayAskAdvice reports whether question holds one of the advice verbs at
// all, scanning word bounds without building tokens: almost no question
// does, and tokenising every question again cost a tenth of Ask.
func mayAskAdvice(question string) bool {
	var buf [16]byte
	for i := 0; ; {
		start, end, _ := nextWord(question, i)
		if start < 0 {
			return false
		}
		// The advice verbs are short ASCII words: lower-case the word
		// in a buffer on the stack, so the look-up allocates nothing.
		if w := question[start:end]; len(w) <= len(buf) {
			n := 0
			for ; n < len(w) && w[n] < utf8.RuneSelf; n++ {
				c := w[n]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[n] = c
			}
			if n == len(w) && adviceAsk[string(buf[:n])] {
				return true
			}
		}
		i = end
	}
}

// countAsk follow "how" when a question asks for a count or an amount,
// which only an excerpt with a number gives.
var countAsk = setOf(`many much`)

// stanceWords ask for the position somebody holds rather than the words
// they said.
var stanceWords = setOf(`position positions stance view views opinion opinions attitude`)

// fits reports whether an excerpt can be the answer at all, whatever its
// score. It must involve every person the question names (in its words,
// the sentence before, or as a speaker of its article), since an excerpt
// about somebody else answers a different question; a lower-case word
// the library does not know, read as a name only by its likeness to one,
// is too weak a guess to hold an excerpt to. A question asking how many
// or how much wants a number, and counted (the index of the question
// word after "how many", or -1) is the thing it counts; amounts lets a
// sum such as "$850m" be the number. found holds the question words the
// excerpt or the sentence before it matched.
func (l *Library) fits(q *query, u *excerpt, found uint64, counting, amounts bool, counted int) bool {
	if counting && !hasNumber(u, amounts) {
		return false
	}
	// An excerpt that does not name the thing counted may still count it
	// ("the quake killed 200"); one that names it must count it.
	if counting && counted >= 0 && counted < 64 && found&(1<<uint(counted)) != 0 && !countsWord(u, q.words[counted].alts, amounts) {
		return false
	}
	for wi, w := range q.words {
		if w.person < 0 || wi < 64 && found&(1<<uint(wi)) != 0 || l.personInArticle(w.person, u.article) {
			continue
		}
		if _, known := l.ix.wordInfo(w.tok.norm); !known && !w.tok.capital {
			continue // a guess: "abuot" may be "about" rather than "Abbot"
		}
		return false
	}
	return true
}

// hasNumber reports whether an excerpt gives a number: its number hint,
// or, with amounts set, a figure with an abbreviated multiplier ("$850m"),
// which the index reads as a word.
func hasNumber(u *excerpt, amounts bool) bool {
	return u.hints&hintNumber != 0 || amounts && amountIn(u.text)
}

// adjacent reports whether b is the word right after a in the question,
// with nothing but a space between them.
func adjacent(a, b token) bool {
	return b.start > a.end && b.start-a.end <= 1
}

// countWindow is how many words before or after the thing counted a
// number may stand and still count it: "25,000 girls and women", "400
// nuclear-tipped missiles".
const countWindow = 8

// countsWord reports whether an excerpt gives a number beside the thing a
// "how many" question counts (the word after "how many", with its index
// terms in alts). An excerpt that names the thing with no number beside
// it, or whose sentence before names it, speaks of the thing without
// counting it. amounts lets a sum such as "6bn" be the number.
func countsWord(u *excerpt, alts []alt, amounts bool) bool {
	toks := tokenize(u.text)
	if len(toks) != u.terms.len() {
		return true
	}
	for i, id := range u.terms.all() {
		if id < 0 || !containsAlt(alts, id) {
			continue
		}
		for j := max(i-countWindow, 0); j < len(toks) && j <= i+countWindow; j++ {
			if isQuantity(u.text, toks[j], amounts) {
				return true
			}
		}
	}
	return false
}

// isQuantity reports whether a word is a number that may count
// something: digits that are not a year or part of a code such as
// "SM-3", or a number word; with amounts set, also a figure with an
// abbreviated multiplier such as "850m".
func isQuantity(text string, t token, amounts bool) bool {
	if !t.number {
		return hintClasses[t.norm]&classNumber != 0 || amounts && isAmount(t.norm)
	}
	if isYear(t) {
		return false
	}
	if t.start >= 2 && text[t.start-1] == '-' {
		r, _ := utf8.DecodeLastRuneInString(text[:t.start-1])
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// newName reports whether an excerpt names someone (or, with place set,
// somewhere after "at", "in", "from") the question does not: the answer
// to "who" or "where" is a name the asker does not already know. asked
// holds the question's terms.
//
// It reads the excerpt's words in one pass and works out a word's case
// and normal form only when a rule needs them, since "who" and "where"
// questions ask this of every candidate excerpt.
func (l *Library) newName(u *excerpt, asked []int32, place bool) bool {
	fresh := func(i int) bool { return i < u.terms.len() && u.terms.at(i) >= 0 && !containsID(asked, u.terms.at(i)) }
	isCap := func(w *lazyWord, i int) bool {
		return i < u.terms.len() && u.terms.at(i) >= 0 && w.properName()
	}
	found := false
	n := 0 // words read
	// The current word and the one before take turns in two slots.
	var slots [2]lazyWord
	scan := 0 // words left to look at after a place preposition
	for at := 0; ; n++ {
		start, end, letters := nextWord(u.text, at)
		if start < 0 {
			break
		}
		at = end
		if found {
			continue // only counting the words now
		}
		cur, prev := &slots[n&1], &slots[(n+1)&1]
		cur.set(u.text, start, end, letters)
		if place {
			// "at Gdansk", "in Peru", "during a meeting of the Harbour
			// Users Forum": a new capitalised word a few
			// lower-case words after a place preposition.
			if scan > 0 {
				switch {
				case fresh(n) && isCap(cur, n):
					found = true
				case cur.capital() || cur.placePrep():
					scan = 0
				default:
					scan--
				}
			}
			if !found && !cur.capital() && cur.placePrep() {
				scan = 5
			}
			continue
		}
		// A run of two capitalised words, one of them new.
		if n > 0 && (fresh(n-1) || fresh(n)) && isCap(prev, n-1) && isCap(cur, n) {
			found = true
		}
	}
	// Words that do not line up with the excerpt's terms say nothing.
	return found && n == u.terms.len()
}

// lazyWord is a word nextWord found, whose token is only made when
// asked for: most words need no more than a glance at their first byte.
type lazyWord struct {
	text       string
	start, end int
	letters    string
	tok        token
	made       bool
}

// set makes w the word text[start:end], with letters as nextWord gives
// them; its token is made afresh when asked for.
func (w *lazyWord) set(text string, start, end int, letters string) {
	w.text, w.start, w.end, w.letters, w.made = text, start, end, letters, false
}

// properName reports whether the word is capitalised, not an acronym and
// not a word of dates (token().capital && !token().acronym &&
// !whenWords[token().norm]), without making the token of a word of plain
// ASCII letters and digits, whose normal form is just its lower case.
func (w *lazyWord) properName() bool {
	if s := w.text[w.start:w.end]; w.letters == "" && len(s) <= 32 {
		var lower [32]byte
		letters, upper := 0, 0
		plain := true
		for i := 0; i < len(s) && plain; i++ {
			switch c := s[i]; {
			case 'a' <= c && c <= 'z':
				letters++
				lower[i] = c
			case 'A' <= c && c <= 'Z':
				letters++
				upper++
				lower[i] = c + ('a' - 'A')
			case '0' <= c && c <= '9':
				lower[i] = c
			default:
				plain = false
			}
		}
		if plain {
			capital := 'A' <= s[0] && s[0] <= 'Z'
			acronym := letters >= 2 && letters <= 5 && upper == letters
			return capital && !acronym && !whenWords[string(lower[:len(s)])]
		}
	}
	t := w.token()
	return t.capital && !t.acronym && !whenWords[t.norm]
}

// token returns the word's token, made once.
func (w *lazyWord) token() *token {
	if !w.made {
		w.tok = wordToken(w.text, w.start, w.end, w.letters)
		w.made = true
	}
	return &w.tok
}

// capital is token().capital, read off an ASCII first letter directly.
func (w *lazyWord) capital() bool {
	if c := w.text[w.start]; w.letters == "" && c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	return w.token().capital
}

// placePrep reports whether the word is one of placePreps. A word of
// plain lower-case ASCII letters and digits is its own normal form, and
// most such words are ruled out by their length and first letter
// before the set is consulted.
func (w *lazyWord) placePrep() bool {
	if w.letters == "" {
		surface := w.text[w.start:w.end]
		plain := true
		for i := 0; i < len(surface); i++ {
			if c := surface[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
				plain = false
				break
			}
		}
		if plain {
			return placePrepShapes.has(surface) && placePreps[surface]
		}
	}
	return placePreps[w.token().norm]
}

// placePrepShapes are the lengths and first letters of placePreps.
var placePrepShapes = shapesOf(placePreps)

// wordShapes holds the lengths and the first bytes of a set of words,
// a quick test that a word cannot be in the set.
type wordShapes struct {
	lens  uint64
	first [4]uint64
	// all is set when the set holds a word this cannot describe (empty,
	// or 64 bytes or longer), and then every word may be in it.
	all bool
}

// shapesOf returns the shapes of a set's words.
func shapesOf(set map[string]bool) wordShapes {
	var ws wordShapes
	for w := range set {
		if len(w) == 0 || len(w) >= 64 {
			ws.all = true
			continue
		}
		ws.lens |= 1 << len(w)
		ws.first[w[0]>>6] |= 1 << (w[0] & 63)
	}
	return ws
}

// has reports whether a word may be in the set.
func (ws *wordShapes) has(w string) bool {
	if ws.all {
		return true
	}
	return len(w) > 0 && len(w) < 64 && ws.lens&(1<<len(w)) != 0 && ws.first[w[0]>>6]&(1<<(w[0]&63)) != 0
}

// statesRole reports whether an excerpt gives one of the roles the
// articles give the named people, as in "Under Secretary of State Ellen
// Okafor".
func (l *Library) statesRole(u *excerpt, persons []int32) bool {
	text := strings.ToLower(u.text)
	for _, p := range persons {
		for _, r := range l.people[p].Roles {
			if len(r) >= 4 && strings.Contains(text, strings.ToLower(r)) {
				return true
			}
		}
	}
	return false
}

// lowerOnly returns those of the question words in mask (common words the
// question capitalises) that an excerpt writes only in lower case, or
// only at the start of a sentence: it does not name what the question
// names with them.
func lowerOnly(u *excerpt, q *query, mask uint64) uint64 {
	named := uint64(0)
	n := 0
	for at := 0; ; n++ {
		start, end, _ := nextWord(u.text, at)
		if start < 0 || n >= u.terms.len() {
			break
		}
		at = end
		id := u.terms.at(n)
		if id < 0 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(u.text[start:]); !unicode.IsUpper(r) || sentenceStartAt(u.text, start) {
			continue
		}
		for wi := range q.words {
			if wi < 64 && mask&(1<<uint(wi)) != 0 && containsAlt(q.words[wi].alts, id) {
				named |= 1 << uint(wi)
			}
		}
	}
	return mask &^ named
}

// sentenceStartAt reports whether the word at byte start begins a
// sentence: it is the first word, or a full stop, a colon or an opening
// quote stands between it and the word before.
func sentenceStartAt(text string, start int) bool {
	i := start
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if isWordRune(r) {
			return false
		}
		if strings.ContainsRune(sentenceBreaks, r) {
			return true
		}
		i -= size
	}
	return true
}

// speakerFits reports whether an excerpt's speaker is described by one
// of the words with which the question describes whose words it wants:
// "the chancellor" fits a quote by somebody the articles call
// Chancellor. A role word also fits through the index terms the question
// word stands for, so "the prosecutor" fits a Prosecuting Attorney (by
// agentTerms) and "the ministers" a Minister. The roles are read word by
// word, without allocating.
func (l *Library) speakerFits(u *excerpt, q *query) bool {
	if u.speaker < 0 {
		return false
	}
	var low [32]byte
	for _, role := range l.people[u.speaker].Roles {
		for at := 0; ; {
			start, end, _ := nextWord(role, at)
			if start < 0 {
				break
			}
			at = end
			w := role[start:end]
			term := int32(-1)
			if len(w) <= len(low) {
				b := low[:len(w)]
				for i := 0; i < len(w); i++ {
					c := w[i]
					if c >= 'A' && c <= 'Z' {
						c += 'a' - 'A'
					}
					b[i] = c
				}
				if wi, ok := l.ix.wordInfoBytes(b); ok {
					term = wi.term
				}
			}
			for wi := range q.words {
				if wi < 64 && q.speaker&(1<<uint(wi)) != 0 && (strings.EqualFold(w, q.words[wi].tok.norm) || term >= 0 && containsAlt(q.words[wi].alts, term)) {
					return true
				}
			}
		}
	}
	return false
}

// mentionsPerson reports whether an excerpt matched a named person's
// name.
func mentionsPerson(q *query, mask uint64) bool {
	for wi, w := range q.words {
		if w.person >= 0 && wi < 64 && mask&(1<<uint(wi)) != 0 {
			return true
		}
	}
	return false
}

// duplicates reports whether an excerpt repeats one already chosen: the
// same quote, or nearly the same words.
func (l *Library) duplicates(c candidate, chosen []candidate) bool {
	uv := l.ix.view(c.unit)
	u := &uv
	for _, o := range chosen {
		vv := l.ix.view(o.unit)
		v := &vv
		if u.quote >= 0 && u.quote == v.quote {
			return true
		}
		if overlap(u.terms, v.terms) >= 0.7 {
			return true
		}
	}
	return false
}

// overlap is the share of the shorter excerpt's distinct words that the
// other one also holds. The words are compared as sorted lists, which
// for excerpt-sized texts beats building two maps.
func overlap(a, b termSeq) float64 {
	var bufA, bufB [128]int32
	sa, sb := distinctTerms(bufA[:0], a), distinctTerms(bufB[:0], b)
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	if len(sa) == 0 {
		return 0
	}
	n := 0
	for i, j := 0, 0; i < len(sa) && j < len(sb); {
		switch {
		case sa[i] < sb[j]:
			i++
		case sa[i] > sb[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(len(sa))
}

// distinctTerms appends the distinct terms (not stopwords) of terms to
// buf, sorted.
func distinctTerms(buf []int32, terms termSeq) []int32 {
	for _, t := range terms.all() {
		if t >= 0 {
			buf = append(buf, t)
		}
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// personInArticle reports whether a person speaks in an article, so a
// question about "the Okafor comments" is covered by the article's
// sentences even where they do not repeat the name.
func (l *Library) personInArticle(p int32, article int32) bool {
	for _, a := range l.personArticles[p] {
		if a == article {
			return true
		}
	}
	return false
}

// answer turns a chosen excerpt into an Answer.
func (l *Library) answer(c candidate, q *query) Answer {
	uv := l.ix.view(c.unit)
	u := &uv
	a := Answer{
		Text:      u.text,
		Kind:      u.kind.answer(),
		Article:   l.articles[u.article],
		Score:     c.score,
		Paragraph: int(u.para),
	}
	if u.quote >= 0 {
		qt := l.quote(u.quote)
		a.Speaker = qt.Speaker
		a.Role = qt.Role
		a.QuoteID = qt.ID
	}
	// The words to show in bold: those of the excerpt whose terms matched.
	// A question has few words with few forms each, so a short list
	// beats a map, and a 64-bit filter of it rules out most words at
	// once; a.Terms holds the surfaces already shown.
	var idBuf [32]int32
	ids := idBuf[:0]
	var filter uint64
	for wi, w := range q.words {
		if wi < 64 && c.mask&(1<<uint(wi)) != 0 {
			for _, al := range w.alts {
				ids = append(ids, al.id)
				filter |= 1 << (uint32(al.id) & 63)
			}
		}
	}
	matched := func(id int32) bool {
		return filter&(1<<(uint32(id)&63)) != 0 && containsID(ids, id)
	}
	// Only the bounds of the words are needed, not their normal forms,
	// and only up to the last matched word.
	last := u.terms.len() - 1
	for last >= 0 && (u.terms.at(last) < 0 || !matched(u.terms.at(last))) {
		last--
	}
	for i, at := 0, 0; i <= last; i++ {
		start, end, _ := nextWord(u.text, at)
		if start < 0 {
			break
		}
		at = end
		if u.terms.at(i) >= 0 && matched(u.terms.at(i)) {
			if surface := u.text[start:end]; !contains(a.Terms, surface) {
				a.Terms = append(a.Terms, surface)
			}
		}
	}
	return a
}

// suggest offers up to two people or topics that do exist when the
// library abstains: people the question names, else the speakers of the
// nearest excerpts or the headline of their story, else the most quoted
// people.
func (l *Library) suggest(q *query, cands []candidate) []string {
	var out []string
	add := func(s string) {
		if s != "" && len(out) < 2 && !contains(out, s) {
			out = append(out, s)
		}
	}
	for _, p := range q.persons {
		add(l.people[p].Name)
	}
	for _, c := range cands {
		if c.coverage >= minCoverage/2 {
			if sp := l.ix.units[c.unit].speaker; sp >= 0 {
				add(l.people[sp].Name)
			}
		}
	}
	// Then the story that came nearest, by its headline.
	for _, c := range cands {
		if c.coverage >= minCoverage/2 {
			if t := l.articles[l.ix.units[c.unit].article].Title; utf8.RuneCountInString(t) <= 100 {
				add(t)
			}
			break
		}
	}
	for _, p := range l.people {
		if p.Quotes > 0 {
			add(p.Name)
		}
	}
	return out
}

// topicScores scores the excerpts that match a topic, for QuotesOf.
func (l *Library) topicScores(topic string, person int32) map[int32]float64 {
	var words []qword
	for _, t := range tokenize(topic) {
		if isStop(t) {
			continue
		}
		w := qword{tok: t, weight: weightTopic, person: -1, alts: l.expand(t, nil, nil)}
		if weakWords[t.norm] {
			w.weight = weightWeak
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return nil
	}
	out := map[int32]float64{}
	s := l.getScratch()
	defer l.putScratch(s)
	l.accumulate(words, s)
	for _, u := range s.touched {
		if l.ix.units[u].speaker == person && s.score[u] > 0 {
			out[u] = float64(s.score[u])
		}
	}
	return out
}

// sortCandidates orders candidates best first, and equal scores by
// excerpt. That is a total order, so any correct sort gives the same
// result; this merge sort compares inline, without a function call per
// comparison as slices.SortFunc makes.
func sortCandidates(cands []candidate) {
	n := len(cands)
	before := func(a, b *candidate) bool {
		return a.score > b.score || a.score == b.score && a.unit < b.unit
	}
	// Insertion sort runs of 8, then merge runs pairwise.
	const run = 8
	for lo := 0; lo < n; lo += run {
		hi := min(lo+run, n)
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && before(&cands[j], &cands[j-1]); j-- {
				cands[j], cands[j-1] = cands[j-1], cands[j]
			}
		}
	}
	if n <= run {
		return
	}
	var buf [candidates]candidate
	tmp := buf[:0]
	if n > len(buf) {
		tmp = make([]candidate, 0, n)
	}
	tmp = tmp[:n]
	src, dst := cands, tmp
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid, hi := min(lo+width, n), min(lo+2*width, n)
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if before(&src[j], &src[i]) {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if &src[0] != &cands[0] {
		copy(cands, src)
	}
}
