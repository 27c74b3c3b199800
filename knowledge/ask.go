package knowledge

import (
	"sort"
	"strings"
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
	toks := tokenize(text)
	titled := isTitleCase(toks)
	q.qtype = questionType(toks)

	// Content words: everything but function words.
	var content []token
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
	norms := make([]string, len(content))
	for i, t := range content {
		norms[i] = t.norm
	}
	personOf := make([]int32, len(content))
	for i := range personOf {
		personOf[i] = -1
	}
	claimed := make([]float64, len(content))
	typos := make([]bool, len(content))
	for i, t := range content {
		_, known := l.ix.words[t.norm]
		typos[i] = !known
	}
	for _, m := range l.names.match(norms, typos, false, false) {
		ok := true
		for _, wi := range m.words {
			t := content[wi]
			if !(t.capital && !titled) && !l.ix.isNameWord(t.norm) && !l.nameWordTypo(t.norm) {
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
	for i, t := range content {
		w := qword{tok: t, weight: weightTopic, person: personOf[i]}
		if weakWords[t.norm] || speechAsk[t.norm] || chitchat[t.norm] || t.start == measureAt {
			w.weight = weightWeak
		}
		if speechAsk[t.norm] && speechAt < 0 {
			speechAt = i
		}
		w.alts = l.expand(t)
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
	for i := 1; i < len(q.words); i++ {
		a, b := q.words[i-1], q.words[i]
		if a.weight < weightTopic || b.weight < weightTopic || a.person >= 0 || b.person >= 0 {
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
			for i := range q.words {
				if q.words[i].tok.start > prepAt && q.words[i].person < 0 && q.words[i].weight >= weightTopic {
					q.words[i].topic = true
					q.sayAbout = true
				}
			}
		}
	}

	// A capitalised word inside the question that the library never uses,
	// even allowing for typing errors, names somebody or something it does
	// not know ("Boris Johnson", "Britain"): nothing in it can be about
	// them.
	if !titled {
		for i, t := range toks {
			if i > 0 && t.capital && !t.acronym && !isStop(t) && !chitchat[t.norm] && !whenWords[t.norm] && !sentenceStart(text, toks, i) && !l.knownWord(t) {
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
	for _, t := range tokenize(between) {
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
// holds the words of a question's phrase far apart: half the phrase.
func brokenPhrases(u *excerpt, q *query, mask uint64) float64 {
	lost := 0.0
	for _, p := range q.pairs {
		a, b := q.words[p[0]], q.words[p[1]]
		if p[1] >= 64 || mask&(1<<uint(p[0])) == 0 || mask&(1<<uint(p[1])) == 0 {
			continue
		}
		if d := wordDistance(u.terms, a.alts, b.alts); d > phraseWindow {
			lost += (a.mass() + b.mass()) / 2
		}
	}
	return lost
}

// wordDistance returns the fewest words between an occurrence of one of
// a's terms and one of b's in terms, or 0 when either is missing.
func wordDistance(terms []int32, a, b []alt) int {
	lastA, lastB := -1, -1
	best := 0
	for i, id := range terms {
		if id < 0 {
			continue
		}
		if containsAlt(a, id) {
			lastA = i
			if lastB >= 0 && (best == 0 || i-lastB < best) {
				best = i - lastB
			}
		} else if containsAlt(b, id) {
			lastB = i
			if lastA >= 0 && (best == 0 || i-lastA < best) {
				best = i - lastA
			}
		}
	}
	return best
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
// word the library writes as a name.
func (l *Library) nameWordTypo(w string) bool {
	if _, ok := l.ix.words[w]; ok {
		return false
	}
	c, _ := l.correct(w)
	return c != "" && l.ix.isNameWord(c)
}

// knownWord reports whether the library uses a word, allowing for typing
// errors.
func (l *Library) knownWord(t token) bool {
	if _, ok := l.ix.words[t.norm]; ok {
		return true
	}
	if _, ok := l.ix.terms[stemWord(t.norm)]; ok {
		return true
	}
	c, _ := l.correct(t.norm)
	return c != ""
}

// personAlts adds the name word a typed word stands for when the typed
// form itself is not in the library: "condoleeza" for "condoleezza".
func (l *Library) personAlts(typed string, person int32, have []alt) []alt {
	var out []alt
	for _, nw := range l.names.words[person] {
		if s := wordMatch(typed, nw, false); s > 0 {
			id, ok := l.ix.terms[stemWord(nw)]
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
	if q.unknownName {
		res.Suggestions = l.suggest(q, nil)
		return res
	}
	s := l.getScratch()
	defer l.putScratch(s)
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
	identity := q.qtype == "who" && len(q.persons) > 0
	for _, w := range q.words {
		if w.person < 0 && w.weight >= weightTopic {
			identity = false
		}
	}
	asked := map[int32]bool{}
	for _, w := range q.words {
		for _, a := range w.alts {
			asked[a.id] = true
		}
	}
	cands := make([]candidate, 0, len(top))
	for _, ui := range top {
		u := &l.ix.units[ui]
		c := candidate{unit: ui, score: float64(s.score[ui]), mask: s.mask[ui]}
		covered, topicCovered := 0.0, 0.0
		for wi, w := range q.words {
			share := 0.0
			switch {
			case wi < 64 && c.mask&(1<<uint(wi)) != 0:
				share = 1
			case w.person >= 0 && l.personInArticle(w.person, u.article):
				share = 1
			case wi < 64 && s.near[ui]&(1<<uint(wi)) != 0:
				// Only the sentence before has the word: half the credit.
				share = 0.5
			}
			covered += share * w.mass()
			if w.topic {
				topicCovered += share * w.mass()
			}
		}
		covered -= brokenPhrases(u, q, c.mask)
		if total > 0 {
			c.coverage = max(covered, 0) / total
		}
		byNamed := u.speaker >= 0 && containsID(q.persons, u.speaker)
		if u.kind == AnswerQuote && u.speaker < 0 && mentionsPerson(q, c.mask) {
			// A quote the extractor could not attribute, whose excerpt
			// names the person, is most likely theirs.
			byNamed = true
		}
		c.eligible = c.coverage >= minCoverage
		if q.sayAbout {
			// X's words about Y: spoken by X, or mentioning X, and about Y.
			mentions := mentionsPerson(q, c.mask)
			// A fact that mentions X is not X's words; an unattributed
			// statement that mentions X may be.
			theirs := byNamed || mentions && u.kind != AnswerFact && u.speaker < 0
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
			if u.kind == AnswerQuote {
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
			q.qtype == "howmany" && u.hints&hintNumber != 0,
			q.qtype == "why" && u.hints&hintReason != 0:
			c.score *= boostHint
		}
		c.score *= 1 + boostProximity*proximity(u, q.words, c.mask)
		c.score *= c.coverage
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].unit < cands[j].unit
	})

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
	if len(chosen) == 0 {
		res.Suggestions = l.suggest(q, cands)
		return res
	}
	for _, c := range chosen {
		res.Answers = append(res.Answers, l.answer(c, q))
	}

	return res
}

// newName reports whether an excerpt names someone (or, with place set,
// somewhere after "at", "in", "from") the question does not: the answer
// to "who" or "where" is a name the asker does not already know. asked
// holds the question's terms.
func (l *Library) newName(u *excerpt, asked map[int32]bool, place bool) bool {
	toks := tokenize(u.text)
	if len(toks) != len(u.terms) {
		return false
	}
	isCap := func(i int) bool {
		return i < len(toks) && toks[i].capital && !toks[i].acronym && u.terms[i] >= 0 && !whenWords[toks[i].norm]
	}
	fresh := func(i int) bool { return !asked[u.terms[i]] }
	for i := range toks {
		if place {
			// "at Gdansk", "in Peru", "during a meeting of the Harbour
			// Users Forum": a new capitalised word a few
			// lower-case words after a place preposition.
			if placePreps[toks[i].norm] && !toks[i].capital {
				for j := i + 1; j < len(toks) && j <= i+5; j++ {
					if isCap(j) && fresh(j) {
						return true
					}
					if toks[j].capital || placePreps[toks[j].norm] {
						break
					}
				}
			}
			continue
		}
		// A run of two capitalised words, one of them new.
		if isCap(i) && isCap(i+1) && (fresh(i) || fresh(i+1)) {
			return true
		}
	}
	return false
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
	u := &l.ix.units[c.unit]
	for _, o := range chosen {
		v := &l.ix.units[o.unit]
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
// other one also holds.
func overlap(a, b []int32) float64 {
	sa, sb := map[int32]bool{}, map[int32]bool{}
	for _, t := range a {
		if t >= 0 {
			sa[t] = true
		}
	}
	for _, t := range b {
		if t >= 0 {
			sb[t] = true
		}
	}
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	if len(sa) == 0 {
		return 0
	}
	n := 0
	for t := range sa {
		if sb[t] {
			n++
		}
	}
	return float64(n) / float64(len(sa))
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
	u := &l.ix.units[c.unit]
	a := Answer{
		Text:      u.text,
		Kind:      u.kind,
		Article:   l.articles[u.article],
		Score:     c.score,
		Paragraph: int(u.para),
	}
	if u.quote >= 0 {
		qt := l.quotes[u.quote]
		a.Speaker = qt.Speaker
		a.Role = qt.Role
		a.QuoteID = qt.ID
	}
	// The words to show in bold: those of the excerpt whose terms matched.
	ids := map[int32]bool{}
	for wi, w := range q.words {
		if wi < 64 && c.mask&(1<<uint(wi)) != 0 {
			for _, al := range w.alts {
				ids[al.id] = true
			}
		}
	}
	seen := map[string]bool{}
	for i, t := range tokenize(u.text) {
		if i < len(u.terms) && u.terms[i] >= 0 && ids[u.terms[i]] && !seen[t.surface] {
			seen[t.surface] = true
			a.Terms = append(a.Terms, t.surface)
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
		w := qword{tok: t, weight: weightTopic, person: -1, alts: l.expand(t)}
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
