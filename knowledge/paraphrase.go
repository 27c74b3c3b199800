package knowledge

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// This file holds the generic lexicon of the paraphrase fallback: the
// ways a reader words a question differently from the article that
// answers it. British and American spellings, a noun and the verb it
// comes from where the stemmer does not join them, and the commonest
// synonyms of news prose. It names no article, person or sentence. It is
// read only when a question would otherwise be declined, so its cost and
// its looser matches never touch a question the plain words answer.

// Weights of the forms the fallback adds to a question word. A spelling
// variant is the same word; a derived form or a synonym is weaker
// evidence, and an excerpt matched only through one is credited with
// that share of the word.
const (
	weightVariant    = 1.0
	weightDerivation = 0.8
	weightSynonym    = 0.7
)

// derivations pairs words the stemmer leaves apart although one is made
// from the other: a noun and its verb or adjective. Each line is one
// family.
var derivations = families(`
decide decision
invade invasion
explode explosion
conclude conclusion
collide collision
divide division
extend extension
expand expansion
admit admission
permit permission
submit submission
omit omission
transmit transmission
acquire acquisition
die death dead
marry marriage
succeed success
grow growth
high height
long length
strong strength
deep depth
wide width
weigh weight
lose loss
sell sale
choose choice
prove proof
believe belief
speak speech
receive receipt
deceive deception
describe description
prescribe prescription
subscribe subscription
assume assumption
consume consumption
produce production
reduce reduction
introduce introduction
destroy destruction
apply application
satisfy satisfaction
maintain maintenance
detain detention
intervene intervention
compete competition
oppose opposition
deny denial
bury burial
analyse analysis
poor poverty
free freedom
able ability
true truth
young youth
angry anger
hungry hunger
proud pride
curious curiosity
generous generosity
anxious anxiety
fail failure
please pleasure
close closure
depart departure
seize seizure
hot heat
afraid fear
injure injury
fly flight
flee flight
born birth
`)

// synonyms are words news prose and its readers use for one another.
// Each line is one family; a word of two or more joined by "_" is a
// phrase, matched as the words side by side.
var synonyms = families(`
boss chief_executive ceo head
company firm
shares stock
jail prison
smell odour scent
fear scared
afraid scared
meddle interfere intervene
replace substitute
film movie
quit resign
buy purchase acquire
price cost
fine penalty
car vehicle
kill murder
rise increase climb jump
fall drop decline slump
cut reduce
big large huge
begin start
win victory
defeat beat
country nation
law legislation
plan proposal scheme
poll survey
child kid
doctor physician
illness disease sickness
try attempt
talks negotiations
deal agreement
pay salary wage
profit earnings
revenue sales
worker employee staff
pupil student
phone telephone
internet web online
soldier troops
gun firearm weapon
problem issue
goal target aim
rich wealthy
hurt injure
ban prohibit outlaw
arrest detain
accuse allege
lawyer attorney solicitor
criticise condemn
predict forecast
quick fast rapid
award prize
marry wed
worry concern
skill ability
hire recruit employ
sack dismiss
`)

// families reads a lexicon: each line's words all stand for one another.
func families(lines string) map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(lines, "\n") {
		words := strings.Fields(line)
		for i, w := range words {
			for j, o := range words {
				if i != j && !contains(m[w], o) {
					m[w] = append(m[w], o)
				}
			}
		}
	}
	return m
}

// spellingVariants returns the other spellings of a word, British and
// American: "odour" and "odor", "organise" and "organize", "centre" and
// "center", "defence" and "defense", "travelled" and "traveled". They are
// only guesses: a caller keeps those the library uses.
func spellingVariants(w string) []string {
	var out []string
	add := func(v string) {
		if v != w && len(v) >= 3 && !contains(out, v) {
			out = append(out, v)
		}
	}
	// -our / -or, with the endings that follow it.
	for _, suf := range [...]string{"", "s", "ed", "ing", "ite", "ites", "able", "ful"} {
		if i := len(w) - len(suf) - 3; i >= 2 && strings.HasSuffix(w, "our"+suf) {
			add(w[:i] + "or" + suf)
		}
		if i := len(w) - len(suf) - 2; i >= 2 && strings.HasSuffix(w, "or"+suf) && !isVowel(w[i-1]) {
			add(w[:i] + "our" + suf)
		}
	}
	// -ise / -ize and -yse / -yze, in all their forms.
	for _, pair := range [...][2]string{{"is", "iz"}, {"ys", "yz"}} {
		for _, tail := range [...]string{"e", "es", "ed", "ing", "ation", "ations"} {
			if strings.HasSuffix(w, pair[0]+tail) && len(w) > len(pair[0]+tail)+2 {
				add(strings.TrimSuffix(w, pair[0]+tail) + pair[1] + tail)
			}
			if strings.HasSuffix(w, pair[1]+tail) && len(w) > len(pair[1]+tail)+2 {
				add(strings.TrimSuffix(w, pair[1]+tail) + pair[0] + tail)
			}
		}
	}
	// -tre / -ter, -ence / -ense, -ogue / -og.
	for _, pair := range [...][2]string{{"tre", "ter"}, {"tres", "ters"}, {"ence", "ense"}, {"ogue", "og"}, {"ogues", "ogs"}} {
		if strings.HasSuffix(w, pair[0]) && len(w) > len(pair[0])+2 {
			add(strings.TrimSuffix(w, pair[0]) + pair[1])
		}
		if strings.HasSuffix(w, pair[1]) && len(w) > len(pair[1])+2 {
			add(strings.TrimSuffix(w, pair[1]) + pair[0])
		}
	}
	// A doubled l before an ending: "travelled", "traveled".
	for _, suf := range [...]string{"ed", "ing", "er", "ers"} {
		if strings.HasSuffix(w, "ll"+suf) && len(w) >= 7 {
			add(strings.TrimSuffix(w, "ll"+suf) + "l" + suf)
		}
		if i := len(w) - len(suf) - 1; i >= 2 && len(w) >= 7 && strings.HasSuffix(w, "l"+suf) && isVowel(w[i-1]) && !isVowel(w[i-2]) {
			add(w[:i] + "ll" + suf)
		}
	}
	return out
}

// isVowel reports whether an ASCII letter is a vowel.
func isVowel(c byte) bool {
	return strings.IndexByte("aeiou", c) >= 0
}

// paraphrase is what the fallback knows of a reworded question, for
// crediting the matches its added forms make.
type paraphrase struct {
	// own is, per question word, how many of its alts are its own forms;
	// the rest were added from the lexicon.
	own []int
	// demoted has a bit set for each word that the question read as a
	// person's name and the fallback reads as a plain word.
	demoted uint64
}

// matched is the credit of a question word an excerpt matched: full when
// it holds one of the word's own forms, else the weight of the best
// added form it holds. reworded is set when the match is one the
// fallback made: through an added form, or a name read as a plain word.
func (p *paraphrase) matched(u *excerpt, w *qword, wi int) (share float64, reworded bool) {
	own, added := w.alts, []alt(nil)
	if wi < len(p.own) {
		own, added = w.alts[:p.own[wi]], w.alts[p.own[wi]:]
	}
	if p.demoted&(1<<uint(wi)) != 0 {
		// A name read as a plain word counts where the text has it, not
		// where a speaker of that name says the excerpt.
		return 1, holds(u, own)
	}
	if len(added) == 0 {
		return 1, false
	}
	best := 0.0
	for _, id := range u.terms.all() {
		if id < 0 {
			continue
		}
		if containsAlt(own, id) {
			return 1, false
		}
		for _, a := range added {
			if a.id == id {
				best = max(best, a.w)
			}
		}
	}
	if best == 0 {
		// Matched outside the text, as through the speaker's name.
		return 1, false
	}
	return best, true
}

// paraphrased returns a question reworded for the fallback, or nil when
// there is nothing to reword: each topic word also stands for its other
// spellings, its derived forms and its synonyms that the library uses; a
// word read as a person's name that the library mostly uses for
// something else is read as a plain word. Its matches are held to a
// stricter test than the plain words': see rank.
func (l *Library) paraphrased(q *query) *query {
	if len(q.words) == 0 || len(q.words) > 64 {
		return nil
	}
	q2 := *q
	q2.words = slices.Clone(q.words)
	p := &paraphrase{own: make([]int, len(q.words))}
	q2.para = p
	for i := range q2.words {
		w := &q2.words[i]
		if w.person >= 0 && l.ambiguousName(q, i) {
			w.person = -1
			p.demoted |= 1 << uint(i)
			w.topic = q.sayAbout && q.aboutAt > 0 && w.tok.start > q.aboutAt
		}
	}
	q2.persons = nil
	for _, pid := range q.persons {
		for _, w := range q2.words {
			if w.person == pid {
				q2.persons = append(q2.persons, pid)
				break
			}
		}
	}
	if len(q2.persons) == 0 {
		q2.sayAbout = false
	}
	for i := range q2.words {
		w := &q2.words[i]
		w.alts = slices.Clip(w.alts)
		p.own[i] = len(w.alts)
		if w.person >= 0 || w.weight < weightTopic {
			continue
		}
		for _, f := range l.otherForms(q2.words, i) {
			if !containsAlt(w.alts, f.id) {
				w.alts = append(w.alts, f)
			}
		}
		if p.own[i] == 0 && len(w.alts) > 0 {
			// A word the library does not use weighs as its forms do.
			w.idf = 0
			for _, a := range w.alts {
				w.idf = max(w.idf, a.w*l.ix.idf(a.id))
			}
		}
	}
	return &q2
}

// ambiguousName reports whether question word wi, read as a person's
// name, is more likely something else: the question gives only that one
// word of the name, and most excerpts that hold it are in articles the
// person (or anyone else the question names) does not speak in, as a
// place named like a family name is.
func (l *Library) ambiguousName(q *query, wi int) bool {
	w := &q.words[wi]
	if !l.ix.isNameWord(w.tok.norm) {
		// A common word ("swift", "rice") read as a name is no place.
		return false
	}
	for j, o := range q.words {
		if j != wi && o.person == w.person {
			return false
		}
	}
	// A place follows "in", "from", "to"; a family name follows an
	// honorific or a first name. Which the library writes more often
	// tells a place named like a person from a person it does not know.
	asPlace, asName := 0, 0
	// One token buffer serves every excerpt: a name common in a large
	// library is in hundreds of them.
	var toks []token
	for _, a := range w.alts {
		lo, hi := l.ix.postings.start[a.id], l.ix.postings.start[a.id+1]
		for _, ui := range l.ix.postings.units[lo:hi] {
			u := l.ix.view(ui)
			toks = appendTokens(toks[:0], u.text)
			if len(toks) != u.terms.len() {
				continue
			}
			for k := 1; k < len(toks); k++ {
				if u.terms.at(k) != a.id || toks[k].norm != w.tok.norm {
					continue
				}
				prev := toks[k-1]
				switch {
				case placePreps[prev.norm] || prev.norm == "of":
					asPlace++
				case honorifics[prev.norm] != "" || prev.capital && !sentenceStart(u.text, toks, k-1):
					asName++
				}
			}
		}
	}
	if asPlace <= asName {
		return false
	}
	inside, outside := 0, 0
	for _, a := range w.alts {
		lo, hi := l.ix.postings.start[a.id], l.ix.postings.start[a.id+1]
		for _, u := range l.ix.postings.units[lo:hi] {
			if l.anyInArticle(q.persons, l.ix.units[u].article) {
				inside++
			} else {
				outside++
			}
		}
	}
	return outside > inside
}

// holds reports whether an excerpt's text holds one of the terms alts.
func holds(u *excerpt, alts []alt) bool {
	for _, id := range u.terms.all() {
		if id >= 0 && containsAlt(alts, id) {
			return true
		}
	}
	return false
}

// anyInArticle reports whether one of persons speaks in an article.
func (l *Library) anyInArticle(persons []int32, article int32) bool {
	for _, p := range persons {
		if l.personInArticle(p, article) {
			return true
		}
	}
	return false
}

// otherForms returns the index terms a question word also stands for in
// the fallback: its other spellings, its derived forms and its synonyms,
// those the library uses, each weighted by how near it is to the word.
// A synonym of two words, such as "chief executive", is found when the
// question has both side by side.
func (l *Library) otherForms(words []qword, i int) []alt {
	var out []alt
	add := func(form string, weight float64) {
		for _, part := range strings.Split(form, "_") {
			id, ok := l.ix.word(part)
			if !ok {
				id, ok = l.ix.termID(stemWord(part))
			}
			if ok && !containsAlt(out, id) {
				out = append(out, alt{id, weight})
			}
		}
	}
	w := words[i].tok.norm
	keys := []string{w}
	if i+1 < len(words) && adjacent(words[i].tok, words[i+1].tok) {
		keys = append(keys, w+"_"+words[i+1].tok.norm)
	}
	if i > 0 && adjacent(words[i-1].tok, words[i].tok) {
		keys = append(keys, words[i-1].tok.norm+"_"+w)
	}
	for _, v := range spellingVariants(w) {
		add(v, weightVariant)
		// "odor" finds the family of "odour".
		keys = append(keys, v)
	}
	for _, k := range keys {
		for _, f := range lookUp(derivations, derivationStems(), k) {
			add(f, weightDerivation)
		}
		for _, f := range lookUp(synonyms, synonymStems(), k) {
			add(f, weightSynonym)
		}
	}
	return out
}

// lookUp finds a question word's family in a lexicon: by the word
// itself, or by its stem ("invaded" finds "invade"), stems mapping the
// stem of each entry to the entry.
func lookUp(lex map[string][]string, stems map[string]string, w string) []string {
	if f, ok := lex[w]; ok {
		return f
	}
	if strings.Contains(w, "_") {
		return nil
	}
	return lex[stems[stemWord(w)]]
}

// derivationStems and synonymStems map the stem of each lexicon entry to
// the entry. They are computed once and only read.
var (
	derivationStems = sync.OnceValue(func() map[string]string { return entryStems(derivations) })
	synonymStems    = sync.OnceValue(func() map[string]string { return entryStems(synonyms) })
)

// entryStems maps the stem of each single-word entry of a lexicon to the
// entry; of entries that share a stem, the first in order wins, so the
// map is the same on every run.
func entryStems(lex map[string][]string) map[string]string {
	keys := slices.Sorted(maps.Keys(lex))
	m := map[string]string{}
	for _, w := range keys {
		if strings.Contains(w, "_") {
			continue
		}
		if _, ok := m[stemWord(w)]; !ok {
			m[stemWord(w)] = w
		}
	}
	return m
}
