package knowledge

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wtok is one whitespace-separated word of a text with its byte range.
type wtok struct {
	t    string // the word as written, punctuation included
	core string // the word without surrounding punctuation
	s, e int
}

// wordToks splits s into words with their byte offsets.
func wordToks(s string) []wtok {
	return appendWordToks(nil, s)
}

// appendWordToks is wordToks appending to dst, so a caller that tokenises
// many texts in turn and keeps none of the words can reuse one slice: the
// extractor tokenises every paragraph and clause of every article, and the
// fresh slices were a third of all the bytes a build allocated.
func appendWordToks(out []wtok, s string) []wtok {
	if cap(out) == 0 {
		// about one word in five bytes: grow once rather than by doubling
		// (a buffer the caller gives grows only if the words need it)
		out = make([]wtok, 0, len(s)/5+1)
	}
	start := -1
	for i := 0; i < len(s); {
		sp, n := false, 1
		if c := s[i]; c < utf8.RuneSelf {
			sp = c == ' ' || c == '\n' || c == '\t' || c == '\r'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			sp = unicode.IsSpace(r)
		}
		if sp {
			if start >= 0 {
				out = append(out, mkTok(s, start, i))
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	if start >= 0 {
		out = append(out, mkTok(s, start, len(s)))
	}
	return out
}

// countWordToks is len(wordToks(s)) without making the words.
func countWordToks(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := r == ' ' || r < utf8.RuneSelf && (r == '\n' || r == '\t' || r == '\r') || r >= utf8.RuneSelf && unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// countFields is len(strings.Fields(s)) without making the slice: names
// and roles are measured in words many times per article.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

func mkTok(s string, a, b int) wtok {
	t := s[a:b]
	return wtok{t: t, core: trimPunct(t), s: a, e: b}
}

// trimPunct removes punctuation around a word but keeps the dots of
// abbreviations and initials ("U.S.", "J.") and inner apostrophes.
func trimPunct(w string) string {
	// A hand-written trim: this runs for every word of every article, and
	// strings.Trim with a cutset of non-ASCII marks is several times
	// slower.
	for w != "" {
		r, n := rune(w[0]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(w)
		}
		if !leadPunct(r) {
			break
		}
		w = w[n:]
	}
	for w != "" {
		r, n := rune(w[len(w)-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(w)
		}
		if !trailPunct(r) {
			break
		}
		w = w[:len(w)-n]
	}
	// keep a final dot only for abbreviations and initials
	if strings.HasSuffix(w, ".") {
		inner := w[:len(w)-1]
		if strings.Contains(inner, ".") || isInitial(w) {
			return w
		}
		low := strings.ToLower(w)
		if !(abbreviations[low[:len(low)-1]] || isHonorific(low) || titleWords[low]) {
			w = inner
		}
	}
	return w
}

// leadPunct reports whether r is punctuation trimmed from the start of a
// word: quote marks, brackets and dashes.
func leadPunct(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '(', '[', '{', '«', '—', '–', '-':
		return true
	}
	return false
}

// trailPunct reports whether r is punctuation trimmed from the end of a
// word (a final dot is handled apart).
func trailPunct(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', ')', ']', '}', '»', ',', ';', ':', '!', '?', '—', '–', '-':
		return true
	}
	return false
}

// isCapWord reports whether a word starts with a capital letter (or is an
// acronym such as "U.S." or "AFN").
func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	// "al-Shabaab", "bin-Salman": a particle joined to a capitalised name
	if pre, rest, ok := strings.Cut(w, "-"); ok && nameParticles[pre] {
		r, _ = utf8.DecodeRuneInString(rest)
		return unicode.IsUpper(r)
	}
	return false
}

// nameConnectors may stand inside a name or a title ("Secretary of State",
// "Ludwig van Beethoven").
// nameParticles join the parts of a family name ("Al Hashish", "van
// Gogh") or are initials, so a name may run to three words with them.
var nameParticles = set(`al el de del della van von der den la le du da di dos das bin ibn abu st st. mac ben`)

var nameConnectors = set(`of for the de van von der den la le du da di al el bin ibn`)

// runLeadSkip are capitalised words that open sentences and are not part
// of a name that follows ("Earlier Smith said").
var runLeadSkip = set(`unlike like despite including except the a an and but so then meanwhile earlier later instead however still now also yet thus in on at by for with from as after before when while if because although though this that these those his her their its our my your last next new`)

// speaker is one attributed speaker as the text names it.
type speaker struct {
	name    string // the name as written, honorifics and titles removed
	role    string // titles or apposition around the name
	gender  string // "m", "f" or "" when the text does not say
	org     bool   // an organisation rather than a person
	pronoun string // "he", "she", "it" when named by a pronoun
	roleRef string // "mayor" for "the mayor said": resolve to a person with that role
	desc    string // "a justice official": an unnamed speaker described, kept as said
	alias   string // the name as written, with honorific
	issued  bool   // "a statement said": the statement of whoever spoke last
}

// valid reports whether sp names anyone.
func (sp speaker) valid() bool {
	return sp.name != "" || sp.pronoun != "" || sp.roleRef != "" || sp.desc != "" || sp.issued
}

// documentSource reads who speaks through a document that is the subject
// of a reporting verb or follows "according to": "a release sent to
// media from Acme Local 9", "a study released Monday by Civic Works".
// A statement or release with no source named ("A statement said …") is
// marked issued: it is taken to be from whoever spoke just before. ts
// starts with the document's determiner.
func documentSource(ts []wtok) speaker {
	if len(ts) < 2 || !determiners[strings.ToLower(ts[0].core)] {
		return speaker{}
	}
	doc := -1
	for k := 1; k < len(ts) && k <= 3; k++ {
		l := strings.ToLower(ts[k].core)
		if documentNouns[l] {
			doc = k
			break
		}
		if isCapWord(ts[k].core) || endsClause(ts[k].t) {
			break
		}
	}
	if doc < 0 {
		return speaker{}
	}
	for k := doc + 1; k < len(ts) && k <= doc+12; k++ {
		if endsClause(ts[k-1].t) {
			break
		}
		l := strings.ToLower(ts[k].core)
		if l != "from" && l != "by" || k+1 >= len(ts) || !isCapWord(ts[k+1].core) {
			continue
		}
		var ws []string
		for j := k + 1; j < len(ts); j++ {
			c := ts[j].core
			if !(isCapWord(c) || isAcronym(c) || len(ws) > 0 && (nameConnectors[strings.ToLower(c)] || c != "" && unicode.IsDigit([]rune(c)[0]))) {
				break
			}
			ws = append(ws, c)
			if endsClause(ts[j].t) {
				break
			}
		}
		name := strings.Join(ws, " ")
		if sp := splitRun(ws); sp.name != "" && name == sp.name {
			if countFields(sp.name) == 1 || isAcronym(ws[0]) {
				sp.org = true
			}
			return sp
		}
		if len(ws) >= 2 && (isAcronym(ws[0]) || strings.ContainsAny(name, "0123456789")) {
			// "Brackton Local 99": a body's name with a number in it
			return speaker{name: name, org: true}
		}
		return speaker{}
	}
	if doc == len(ts)-1 && issuedNouns[strings.ToLower(ts[doc].core)] {
		return speaker{issued: true}
	}
	return speaker{}
}

// documentNouns are the papers and messages through which a body speaks.
var documentNouns = set(`statement release report study survey poll analysis review ruling decision judgment letter memo email e-mail tweet notice filing document documents research audit`)

// issuedNouns are the documents a speaker issues themselves, so that one
// with no source named comes from whoever spoke just before.
var issuedNouns = set(`statement release tweet letter email e-mail notice`)

// splitRun reads a run of capitalised words ("U.S. Secretary of State
// Condoleezza Rice", "Mr Lavrov", "Russia's Defense Ministry") into a
// name and the role before it.
func splitRun(ws []string) speaker {
	return splitRunOpen(ws, false)
}

// splitRunOpen is splitRun for a run whose context is known: open says
// the word before the run is an ordinary lower-case word mid-sentence
// ("said", "chief"), so the run's first word is capitalised because it is
// a name, not because it opens a sentence ("Striker Jim Doe said").
func splitRunOpen(ws []string, open bool) speaker {
	// Each word is lowered once here rather than at every test below:
	// this runs for every run of capitalised words of every article.
	var buf [8]string
	lw := buf[:0]
	for _, w := range ws {
		lw = append(lw, strings.ToLower(w))
	}
	return splitRunLower(ws, lw, open)
}

// splitRunLower is splitRun with lw[k] holding strings.ToLower(ws[k]).
func splitRunLower(ws, lw []string, open bool) speaker {
	var sp speaker
	// drop sentence openers and dates before the name
	for len(ws) > 0 {
		l := lw[0]
		if (l == "new" || weekdays[l]) && len(ws) >= 2 && orgWords[lw[len(lw)-1]] {
			// "New Brackton Times", "Sunday Herald": part of a body's name
			break
		}
		if runLeadSkip[l] || weekdays[l] || months[l] != 0 {
			ws, lw = ws[1:], lw[1:]
			continue
		}
		break
	}
	for len(ws) > 0 && nameConnectors[lw[len(lw)-1]] {
		ws, lw = ws[:len(ws)-1], lw[:len(lw)-1]
	}
	if len(ws) == 0 {
		return sp
	}
	// "Jane Doe of Acme": a name, then its affiliation after a connector
	for j := 1; j+1 < len(ws); j++ {
		l := lw[j]
		if l != "of" && l != "at" && l != "from" && l != "for" {
			continue
		}
		head, tail := ws[:j], ws[j+1:]
		hl := lw[j-1]
		if orgWords[hl] && (l == "of" || l == "for") && len(tail) <= 4 && !runLeadSkip[lw[0]] {
			// "Bank of England", "University of Toronto": a body
			sp.org = true
			sp.name = strings.Join(ws, " ")
			sp.alias = sp.name
			return sp
		}
		if titleWords[hl] || orgWords[hl] || len(tail) > 4 || hasTitleWord(strings.Join(tail, " ")) {
			break
		}
		sp := splitRunLower(head, lw[:j], open)
		if sp.name != "" && !sp.org {
			if sp.role == "" {
				sp.role = strings.Join(tail, " ")
			}
			return sp
		}
		break
	}
	// lowering keeps a final dot where it was
	last := strings.TrimSuffix(lw[len(lw)-1], ".")
	if groupNoun(last) && (len(ws) == 1 || !isAcronym(ws[0]) && !strings.ContainsAny(ws[0], "'’")) {
		// "Analysts said", "Liberal MPs say": people described, not named
		sp.desc = strings.Join(ws, " ")
		if len(ws) == 1 {
			sp.desc = lowerFirst(sp.desc)
		}
		return sp
	}
	if orgWords[last] || orgWords[lw[len(lw)-1]] {
		sp.org = true
		sp.name = strings.Join(ws, " ")
		sp.alias = sp.name
		return sp
	}
	// a generational suffix ends the name it follows ("King Jr.", "Doe
	// III") and is kept with it
	suffix := ""
	if len(ws) >= 2 && nameSuffixes[strings.TrimSuffix(lw[len(lw)-1], ".")] && isCapWord(ws[len(ws)-2]) && !isHonorific(lw[len(lw)-2]) && !notNameWords[lw[len(lw)-2]] {
		suffix = ws[len(ws)-1]
		ws, lw = ws[:len(ws)-1], lw[:len(lw)-1]
	}
	// honorific right before the name
	n := len(ws)
	i := n
	if suffix != "" {
		// the word before a suffix is a family name even where it is
		// also a title ("King Jr.")
		i--
	}
	for i > 0 && (n-i < 2 || n-i < 3 && (nameParticles[lw[i-1]] || nameParticles[lw[i]] || isInitialGroup(ws[i]))) {
		// initials run together ("P.J.") stand only inside a name: at
		// its end they are a place's abbreviation ("N.S.")
		w := ws[i-1]
		l := lw[i-1]
		if titleWords[l] || nameConnectors[l] && !(nameParticles[l] && isCapWord(w)) || isHonorific(l) || strings.Contains(w, ".") && !isInitial(w) && !(i < n && isInitialGroup(w)) || notNameWords[l] || nameBreakDates[l] || descriptorCompound(w) {
			break
		}
		if !isCapWord(w) {
			break
		}
		i--
	}
	if i < n {
		i = extendName(ws, lw, i, open)
	}
	if i == n {
		if n >= 2 && titleModifiers[last] && !titleWords[lw[0]] {
			// "Veterans Affairs", "Public Safety": a body named by its
			// field, with no person after it
			sp.org = true
			sp.name = strings.Join(ws, " ")
			sp.alias = sp.name
		}
		return sp
	}
	for _, l := range lw[i:] {
		if strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s") || strings.HasSuffix(l, "‘s") || strings.ContainsAny(l, "'’") && (strings.HasSuffix(l, "d") || strings.HasSuffix(l, "ll") || strings.HasSuffix(l, "m") || strings.HasSuffix(l, "re") || strings.HasSuffix(l, "ve")) && !strings.Contains(l, "o'") && !strings.Contains(l, "o’") {
			// a possessive is an owner, not a name ("the Department's",
			// "Musk's August"), and "I'd" is no name at all
			return sp
		}
	}
	sp.name = strings.Join(ws[i:], " ")
	if suffix != "" {
		sp.name += " " + suffix
	}
	sp.alias = sp.name
	if i == 0 && n >= 2 && orgLikeName(sp.name) {
		// "XY Hydro", "ABC Local": an acronym in capitals marks a body
		sp.org = true
		return sp
	}
	if i > 0 {
		h := lw[i-1]
		if g, ok := honorifics[h]; ok {
			sp.gender = g
			sp.alias = ws[i-1] + " " + sp.name
		} else if g, ok := honorifics[h+"."]; ok {
			sp.gender = g
			sp.alias = ws[i-1] + " " + sp.name
		}
		role, lrole := ws[:i], lw[:i]
		for len(role) > 0 {
			l := lrole[0]
			if isHonorific(l) {
				role, lrole = role[1:], lrole[1:]
				continue
			}
			break
		}
		for len(role) > 0 {
			l := lrole[len(lrole)-1]
			if _, ok := honorifics[l]; ok || nameConnectors[l] {
				role, lrole = role[:len(role)-1], lrole[:len(lrole)-1]
				continue
			}
			break
		}
		sp.role = trimRoleEnds(strings.Join(role, " "))
		if !hasTitleWord(sp.role) && !hasLowerWord(sp.role) {
			// "Getty Images Kevin Vickers" is a photo credit, not a role
			sp.role = ""
		}
	}
	return sp
}

// nameSuffixes are generational suffixes written after a family name
// ("Jr.", "III"); they belong to the name, so a name ending in one is read
// back from the word before it.
var nameSuffixes = set(`jr sr jnr snr ii iii iv`)

// maxNameWords bounds how far a name is read back through a run: beyond
// it, the words are far more likely a place or a body before a name than
// more given names.
const maxNameWords = 4

// extendName widens a name that starts at ws[i] back through the run to
// take in more of its words: middle names ("Mary Jo White"), initials
// ("John F. Kennedy", "Justin P.J. Trudeau") and lower-case particles
// ("Ursula von der Leyen"). A capitalised word is taken only where what
// comes before it closes the name: the start of the run, a title or an
// honorific ("Mayor Sung Won Sohn"), never another capitalised word that
// may be a place or a body ("Ottawa Mayor", "Getty Images"). It returns
// the new start. The start of the run counts as closing the name only
// when open says the run does not open a sentence.
func extendName(ws, lw []string, i int, open bool) int {
	best := i
	plain := 0
	for j := i; j > 0 && len(ws)-(j-1) <= maxNameWords; j-- {
		w, l := ws[j-1], lw[j-1]
		switch {
		case isInitialGroup(w):
			// "F.", "P.J."
		case nameParticles[l] && !isCapWord(w) && l != "st." && l != "st":
			// "von", "der", "bin": they join, never start, a name
			continue
		case nameWordCandidate(w, l) && !containsFold(ws[i:], w):
			// not a word of the name again: "Blair Tony Blair" is a
			// headline run into the text
			plain++
			if plain > 1 {
				return best
			}
		default:
			return best
		}
		if j-1 == 0 && open || j-1 > 0 && nameOpener(ws[j-2], lw[j-2]) {
			best = j - 1
		} else if !isInitialGroup(w) || j-1 == 0 {
			// a capitalised word with another before it: a place or a
			// body as likely as a given name
			return best
		}
	}
	return best
}

// openBefore reports whether the token before ts[k] leaves a capitalised
// run starting at ts[k] open to a longer name: an ordinary lower-case
// word mid-sentence ("said", "chief"), not a sentence end, a preposition
// or another small word after which places and bodies come ("in London").
func openBefore(ts []wtok, k int) bool {
	if k <= 0 || k >= len(ts) {
		return false
	}
	t := ts[k-1]
	if endsClause(t.t) || t.core == "" || t.core != t.t {
		return false
	}
	if f := strings.TrimRight(ts[k].t, ",;:"); strings.HasSuffix(f, "'") || strings.HasSuffix(f, "’") {
		// "Acme' Jane Doe": the first word is an owner
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.core)
	if !unicode.IsLower(r) {
		return false
	}
	l := t.core
	return !stopwords[l] && !clauseWords[l] && !notNameWords[l] && !nameConnectors[l] && !placePrepositions[l] && !runRoleWords[l] && !genericOrgNouns[l] && !orgWords[l]
}

// placePrepositions come before places and bodies rather than people.
var placePrepositions = set(`in at from to into near across outside inside throughout toward towards via of for by with`)

// isInitialGroup reports whether w is one initial or several run together
// ("J.", "P.J."), and not a place's abbreviation ("U.S.").
func isInitialGroup(w string) bool {
	if isInitial(w) {
		return true
	}
	if len(w) < 4 || len(w) > 8 || !strings.HasSuffix(w, ".") || abbreviations[strings.ToLower(w[:len(w)-1])] {
		return false
	}
	for k := 0; k < len(w); k += 2 {
		if k+1 >= len(w) || w[k] < 'A' || w[k] > 'Z' || w[k+1] != '.' {
			return false
		}
	}
	return true
}

// nameOpener reports whether a word before a name closes it on the left:
// a title or an honorific ("Economist", "Dr.") is never part of the name
// that follows.
func nameOpener(w, l string) bool {
	return titleWords[l] || isHonorific(l) || strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s")
}

// runRoleWords are capitalised words that come before a name as a job, a
// party or a nationality ("Actor", "Tory", "Swede") without being titles
// of their own; they are never read as a given name.
var runRoleWords = set(`actor actress singer star striker keeper goalkeeper guitarist drummer
bassist producer writer novelist author journalist reporter farmer solicitor barrister
teenager comptroller controller auditor sultan emir sheikh legend veteran rookie
tory tories labour liberal liberals conservative conservatives democrat democrats
republican republicans swede spaniard dane finn pole scot turk briton brit fellow
agence agencia agenzia`)

// nameWordCandidate reports whether a capitalised word read back from a
// name may be one more of its given names: not a common word opening a
// sentence, a date, a title, a body or a place word.
func nameWordCandidate(w, l string) bool {
	if !isCapWord(w) || isAcronym(w) || strings.ContainsAny(w, ".'’0123456789") {
		return false
	}
	if titleWords[l] || isHonorific(l) || runRoleWords[l] || notNameWords[l] || runLeadSkip[l] || stopwords[l] || weekdays[l] || months[l] != 0 ||
		orgWords[l] || titleModifiers[l] || placeWords[l] || personNouns[l] || timeWords[l] || discourseWords[l] || clauseWords[l] || speechOpeners[l] || groupNoun(l) || descriptorCompound(w) {
		return false
	}
	// "Separately", "Speaking", "Asked": adverbs and participles open
	// sentences, and demonyms ("Canadian", "British") describe
	return !(strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ish") || strings.HasSuffix(l, "ese") || strings.HasSuffix(l, "ian") || strings.HasSuffix(l, "can"))
}

// descriptorCompound reports whether a capitalised word is a compound
// adjective or noun ending in lower case ("Paris-based", "Coffee-loving",
// "Man-of-the-match"), which describes a name but is never part of one
// ("Smith-Jones", "al-Assad" end in capitals).
func descriptorCompound(w string) bool {
	i := strings.LastIndexByte(w, '-')
	if i <= 0 || i == len(w)-1 {
		return false
	}
	tail := w[i+1:]
	r, _ := utf8.DecodeRuneInString(tail)
	if !unicode.IsLower(r) {
		return false
	}
	// "Ji-hoon", "Jong-un" are given names; descriptors end in a
	// participle or a common word
	return strings.HasSuffix(tail, "ed") || strings.HasSuffix(tail, "ing") || strings.Count(w, "-") >= 2 || compoundTails[tail]
}

// compoundTails end compound descriptors that are not participles.
var compoundTails = set(`born run led old time cost style class match year quarters wide`)

// nameBreakDates are capitalised words of dates that never begin a name
// ("Until December Microsoft said"). Months that are also first names
// (April, May, June, August) are left out.
var nameBreakDates = set(`january february march september october november december monday tuesday wednesday thursday friday saturday sunday`)

// groupNoun reports whether a capitalised word is a plural noun for people
// ("Analysts", "Officials", "MPs"), which describes speakers rather than
// naming one.
func groupNoun(l string) bool {
	if !strings.HasSuffix(l, "s") || len(l) < 3 {
		return false
	}
	sing := strings.TrimSuffix(l, "s")
	if strings.HasSuffix(l, "ies") {
		// "authorities"
		sing = strings.TrimSuffix(l, "ies") + "y"
	}
	if personNouns[sing] || titleWords[sing] && !titleModifiers[sing] && len(sing) > 1 || sourceNouns[l] {
		return true
	}
	// "economists", "analysts"; not "-er" or "-or", which brand names
	// share ("Reuters", "Fosters")
	return strings.HasSuffix(sing, "ist") || strings.HasSuffix(sing, "analyst")
}

// sourceNouns are plural nouns that speak for unnamed sources in news
// ("Reports say", "Polls suggest").
var sourceNouns = set(`reports sources polls surveys studies documents figures records`)

// hasLowerWord reports whether s has a word in lower case, as
// descriptions ("Cambridge cartoonist") do and credits do not.
func hasLowerWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// subjectBefore finds the speaker at the end of s, the text right before
// a speech verb: "Deputy Minister Anatoly Antonov", "he", "Mr Lavrov",
// "Jane Doe, CEO of Acme Action,".
func subjectBefore(s string) speaker {
	var buf [64]wtok // most texts here are short: keep their words off the heap
	return subjectBeforeToks(appendWordToks(buf[:0], s))
}

// subjectBeforeToks is subjectBefore on the words of s (wordToks), for a
// caller that has them already: the words of a text cut right before one
// of its words are the words before that one. It does not change ts.
func subjectBeforeToks(ts []wtok) speaker {
	// skip adverbs, auxiliaries and time phrases between subject and verb
	for len(ts) > 0 {
		l := strings.ToLower(ts[len(ts)-1].t)
		if speechOpeners[l] || lyAdverb(l) {
			ts = ts[:len(ts)-1]
			continue
		}
		if timeWords[l] {
			ts = ts[:len(ts)-1]
			for len(ts) > 0 {
				m := strings.ToLower(ts[len(ts)-1].t)
				if m != "this" && m != "last" && m != "next" && m != "on" && m != "earlier" && m != "late" && m != "early" {
					break
				}
				ts = ts[:len(ts)-1]
			}
			continue
		}
		break
	}
	if len(ts) == 0 {
		return speaker{}
	}
	lastTok := ts[len(ts)-1]
	if strings.HasSuffix(lastTok.t, ",") {
		return subjectWithApposition(ts)
	}
	l := strings.ToLower(lastTok.t)
	if g, ok := pronounGender[l]; ok {
		return speaker{pronoun: l, gender: g}
	}
	if isTitleNoun(l) && !titleModifiers[l] && len(ts) >= 2 {
		d := strings.ToLower(ts[len(ts)-2].t)
		if d == "the" {
			return speaker{roleRef: l, desc: d + " " + l}
		}
		if d == "a" || d == "an" {
			// indefinite: somebody not named, not a person named before
			return speaker{desc: d + " " + l}
		}
	}
	if sp := runBackward(ts); sp.valid() {
		if d := complementOf(ts); d.valid() {
			return d
		}
		return sp
	}
	return descriptionBefore(ts)
}

// openingNoun reports whether token k opens the text with a capital only
// because it starts the sentence: "The", "Lawyers", "Officials".
func openingNoun(ts []wtok, k int) bool {
	if k != 0 {
		return false
	}
	l := strings.ToLower(ts[0].core)
	return determiners[l] || personNouns[l] || groupNoun(l)
}

// complementOf reads a subject whose names stand in a phrase after a
// preposition: "Lawyers for Mr Roe and Mr Poe", "the former
// sergeant-at-arms of the House of Commons". The speaker is the head
// before the preposition, kept with its phrase as a description.
func complementOf(ts []wtok) speaker {
	k := len(ts) - 1
	for k >= 0 {
		c := ts[k].core
		l := strings.ToLower(c)
		switch {
		case k < len(ts)-1 && endsClause(ts[k].t) && !strings.HasSuffix(ts[k].t, ","):
			return speaker{}
		case isCapWord(c) && !openingNoun(ts, k), l == "and", l == "&", nameConnectors[l] && k > 0 && isCapWord(ts[k-1].core) && !openingNoun(ts, k-1) && k+1 < len(ts) && isCapWord(ts[k+1].core):
			k--
			continue
		case l == "the" && k+1 < len(ts) && isCapWord(ts[k+1].core):
			k--
			continue
		}
		break
	}
	if k < 1 || k == len(ts)-1 {
		return speaker{}
	}
	switch strings.ToLower(ts[k].core) {
	case "for", "of", "with", "from", "at", "to":
	default:
		return speaker{}
	}
	phrase := strings.TrimRight(joinToks(ts[k:]), ",;:")
	d := descriptionBefore1(ts[:k])
	if d.desc == "" {
		// "Tim Roe with the Health Authority", "professor Jane Doe at
		// the University of Toronto": a person and an affiliation
		if sp := runBackward(ts[:k]); sp.name != "" && !sp.org && !strings.ContainsAny(sp.name, "'’") && (countFields(sp.name) >= 2 || sp.gender != "") {
			if sp.role == "" {
				sp.role = strings.TrimSpace(phrase[len(ts[k].t):])
			}
			return sp
		}
		return speaker{}
	}
	d.desc += " " + phrase
	return d
}

// lyAdverb reports whether a lower-case word is an adverb in -ly that may
// stand between a speaker and the verb ("the ministry suggests
// euphemistically", "Doe angrily said"), not a noun such as "family".
func lyAdverb(l string) bool {
	return len(l) > 5 && strings.HasSuffix(l, "ly") && !personNouns[l] && !lyNouns[l]
}

// lyNouns end in -ly but are nouns or adjectives that can end a subject.
var lyNouns = set(`family assembly ally rally supply reply anomaly monopoly homily daily weekly monthly quarterly elderly`)

// determiners open a description of an unnamed speaker.
var determiners = set(`a an the one another some many several most two three four five my our his her their its this that these those`)

// descriptionBefore reads an unnamed speaker described right before the
// verb: "a justice official", "some voters", "protesters".
func descriptionBefore(ts []wtok) speaker {
	if d := descriptionBefore1(ts); d.valid() {
		return d
	}
	// "a person familiar with the talks": the description of the
	// speaker, then a phrase qualifying it
	last := strings.ToLower(ts[len(ts)-1].core)
	if stopwords[last] || endsClause(ts[len(ts)-1].t) {
		// "… in a briefing on", "… for Steven and": not a phrase that
		// ends where the verb begins
		return speaker{}
	}
	for p := len(ts) - 2; p > 0 && p >= len(ts)-6; p-- {
		l := strings.ToLower(ts[p].t)
		switch {
		case l == "with", l == "for", l == "from", l == "at", l == "in", l == "on", postModifiers[l]:
			// "a guard present during the attack"
			if d := descriptionBefore1(ts[:p]); d.desc != "" {
				d.desc += " " + strings.TrimRight(joinToks(ts[p:]), ",;:")
				return d
			}
			return speaker{}
		}
		if endsClause(ts[p].t) {
			break
		}
	}
	return speaker{}
}

// descriptionBefore1 reads a description that ends right before the verb.
func descriptionBefore1(ts []wtok) speaker {
	var ws []string
	for k := len(ts) - 1; k >= 0 && len(ws) < 6; k-- {
		t := ts[k]
		if k < len(ts)-1 && endsClause(t.t) {
			break
		}
		c := strings.ToLower(t.core)
		if c == "" || pronounGender[c] != "" || speechVerbs[c] || clauseWords[c] || strings.HasSuffix(c, "ly") {
			break
		}
		if determiners[c] {
			ws = append([]string{c}, ws...)
			break
		}
		if (stopwords[c] && c != "of" || runLeadSkip[c]) && !(isAcronym(t.core) && len(ws) > 0) {
			// "US" in "the US company" is no pronoun
			break
		}
		if isCapWord(t.core) && k == 0 && (personNouns[c] || groupNoun(c)) && len(ws) == 0 {
			// "Lawyers for …" opening the sentence: a common noun in
			// capitals
			ws = append(ws, c)
			continue
		}
		if isCapWord(t.core) {
			// a possessive owner: "the U.S. State Department's top
			// official"; a place or a demonym between an article and the
			// head ("the Nova Brackton judge", "the Ruritanian government");
			// any other capitalised word ends the description
			if !(strings.HasSuffix(t.core, "’s") || strings.HasSuffix(t.core, "'s")) {
				if mods := capModifiers(ts[:k+1]); mods > 0 && len(ws) > 0 {
					for j := k; j > k-mods; j-- {
						ws = append([]string{ts[j].core}, ws...)
					}
					ws = append([]string{strings.ToLower(ts[k-mods].core)}, ws...)
				}
				break
			}
			ws = append([]string{t.core}, ws...)
			for k--; k >= 0 && isCapWord(ts[k].core) && !endsClause(ts[k].t) && !runLeadSkip[strings.ToLower(ts[k].core)]; k-- {
				ws = append([]string{ts[k].core}, ws...)
			}
			if k >= 0 && strings.ToLower(ts[k].core) == "the" {
				ws = append([]string{"the"}, ws...)
			}
			break
		}
		ws = append([]string{t.core}, ws...)
	}
	for len(ws) > 0 && (ws[0] == "of" || nameConnectors[strings.ToLower(ws[0])] && !determiners[strings.ToLower(ws[0])]) {
		ws = ws[1:]
	}
	if len(ws) == 0 || determiners[strings.ToLower(ws[len(ws)-1])] {
		return speaker{}
	}
	if r, _ := utf8.DecodeRuneInString(ws[0]); unicode.IsDigit(r) && !strings.Contains(ws[0], "-") {
		// "25 member states": a count of things, not a speaker
		return speaker{}
	}
	head := strings.ToLower(ws[len(ws)-1])
	if len(ws) == 1 && (isCapWord(ws[0]) || !strings.HasSuffix(head, "s")) {
		// a lone word is a description only as a plural ("protesters")
		return speaker{}
	}
	if !personNounPhrase(ws) {
		return speaker{}
	}
	if isCapWord(ws[0]) && !determiners[strings.ToLower(ws[0])] {
		return speaker{desc: strings.Join(ws, " ")}
	}
	return speaker{desc: lowerFirst(strings.Join(ws, " "))}
}

// personNounPhrase reports whether a description names people or a body
// that can speak ("a justice official", "one of the players", "the
// commission"), not a thing or a time ("this week", "a game").
func personNounPhrase(ws []string) bool {
	head := ""
	for _, w := range ws {
		l := strings.ToLower(strings.Trim(w, ",.;:"))
		if head != "" && (l == "of" || l == "with" || l == "for" || l == "at" || l == "from" || l == "in" || l == "on" || postModifiers[l] ||
			strings.HasSuffix(l, "ed") && (personNouns[head] || personNouns[strings.TrimSuffix(head, "s")])) {
			// "team members dressed for a game", "people arrested last
			// week": a participle after the head qualifies it
			// "a person familiar with the talks": the head comes first
			break
		}
		head = l
	}
	if personNouns[head] || orgWords[head] || titleWords[head] && !titleModifiers[head] {
		return true
	}
	if head == "those" && len(ws) > 1 && !strings.EqualFold(ws[len(ws)-1], "those") {
		// "those involved", "those affected by the cuts"
		return true
	}
	sing := strings.TrimSuffix(head, "s")
	if personNouns[sing] || orgWords[sing] || titleWords[sing] && !titleModifiers[sing] {
		return true
	}
	if first, _, ok := strings.Cut(head, "-"); ok && (personNouns[first] || titleWords[first] && !titleModifiers[first]) {
		// "sergeant-at-arms", "editor-in-chief"
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ess", "ee", "year-old"} {
		if strings.HasSuffix(sing, suf) && len(sing) > len(suf)+2 && !thingNouns[sing] {
			return true
		}
	}
	return false
}

// capModifiers returns how many capitalised words end ts, up to three,
// when an article ("the", "a", "an") comes right before them and they
// read as a place or a demonym modifying a noun after them: "the Nova
// Brackton", "a Ruritanian". It returns 0 otherwise.
func capModifiers(ts []wtok) int {
	n := 0
	for k := len(ts) - 1; k >= 0 && n <= 3; k-- {
		t := ts[k]
		l := strings.ToLower(t.core)
		if l == "the" || l == "a" || l == "an" {
			if n == 0 || t.core != t.t {
				return 0
			}
			return n
		}
		if !isCapWord(t.core) || t.core != t.t || isHonorific(l) {
			return 0
		}
		n++
	}
	return 0
}

// bareDescription reads a description of unnamed speakers with no
// determiner, as after "according to": "administration officials
// unauthorized to speak publicly", "people familiar with the talks". The
// head, a noun for people, comes within its first three words and the
// rest qualifies it.
func bareDescription(ph []wtok) speaker {
	if len(ph) == 0 || len(ph) > 14 {
		return speaker{}
	}
	for k := 0; k < len(ph) && k < 3; k++ {
		c := ph[k].core
		l := strings.ToLower(c)
		if c == "" || isCapWord(c) && k > 0 || determiners[l] || pronounGender[l] != "" {
			return speaker{}
		}
		if !(personNouns[l] || personNouns[strings.TrimSuffix(l, "s")]) || endsClause(ph[k].t) && k < len(ph)-1 {
			continue
		}
		if k+1 < len(ph) {
			n := strings.ToLower(ph[k+1].core)
			if !(postModifiers[n] || n == "with" || n == "for" || n == "from" || n == "at" || n == "in" || n == "close" || strings.HasSuffix(n, "ed")) {
				return speaker{}
			}
		}
		return speaker{desc: lowerFirst(strings.TrimRight(joinToks(ph), ",;:."))}
	}
	return speaker{}
}

// postModifiers are adjectives that follow the noun they qualify ("a
// person familiar with", "officials close to"), so the head comes first.
var postModifiers = set(`familiar close involved responsible knowledgeable briefed present unauthorized unauthorised`)

// descriptionAfter reads an unnamed speaker described after an inverted
// verb: "said a justice official", "says one of the players".
func descriptionAfter(ts []wtok) speaker {
	if len(ts) == 0 || !determiners[strings.ToLower(ts[0].core)] {
		return speaker{}
	}
	var ws []string
	for k := 0; k < len(ts) && k < 7; k++ {
		c := strings.ToLower(ts[k].core)
		if k > 0 && (c == "who" || c == "which" || c == "that" || clauseWords[c] || speechVerbs[c]) {
			break
		}
		ws = append(ws, ts[k].core)
		if endsClause(ts[k].t) {
			break
		}
	}
	if len(ws) < 2 || !personNounPhrase(ws) {
		return speaker{}
	}
	return speaker{desc: lowerFirst(strings.Join(ws, " "))}
}

// lowerFirst lower-cases the first letter, so a description reads as one
// inside a citation ("— a justice official").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// isTitleNoun reports whether a lower-case word is a job title that a
// report uses alone for a person named earlier ("the mayor said").
func isTitleNoun(l string) bool {
	return titleWords[l] && !stopwords[l] && len(l) > 3
}

// runBackward reads the capitalised run that ends the tokens.
func runBackward(ts []wtok) speaker {
	var ws []string
	first := len(ts)
	for k := len(ts) - 1; k >= 0; k-- {
		t := ts[k]
		if k < len(ts)-1 && endsClause(t.t) {
			break
		}
		c := t.core
		if c == "" || strings.HasPrefix(t.t, "(") {
			break
		}
		if isCapWord(c) || (nameConnectors[strings.ToLower(c)] && len(ws) > 0 && k > 0 && isCapWord(ts[k-1].core)) {
			ws = append([]string{c}, ws...)
			first = k
			if strings.HasPrefix(t.t, "(") {
				break
			}
			continue
		}
		break
	}
	sp := splitRunOpen(ws, openBefore(ts, first))
	if sp.name != "" && sp.role == "" {
		// lower-case role words before the name: "mayoral candidate Doug
		// McCallum", "oil and gas worker Mike Wipf"
		var role []string
		for k := len(ts) - 1 - len(ws); k >= 0 && len(role) < 5; k-- {
			t := ts[k]
			l := strings.ToLower(t.core)
			if t.core == "" || endsClause(t.t) || stopwords[l] && l != "and" && !isCapWord(t.core) || speechVerbs[l] || clauseWords[l] || strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ing") || hasQuoteMark(t.t) {
				break
			}
			role = append([]string{t.core}, role...)
		}
		for len(role) > 0 && strings.ToLower(role[0]) == "and" {
			role = role[1:]
		}
		// the words must name a job or a kind of person ("mayoral
		// candidate", "lead singer"), not whatever noun came before the
		// name ("poorer countries", "progress")
		if len(role) > 0 && hasLowerWord(strings.Join(role, " ")) && (personNounPhrase(role) || hasTitleWord(strings.Join(role, " "))) {
			for len(role) > 1 && (strings.EqualFold(role[0], "the") || strings.EqualFold(role[0], "a") || strings.EqualFold(role[0], "an")) {
				role = role[1:] // "The band's lead singer"
			}
			sp.role = trimRoleEnds(strings.Join(role, " "))
		}
	}
	return sp
}

// trimRoleEnds removes conjunctions left at either end of a role
// ("chat show host and" from "host and Euro MP …").
func trimRoleEnds(r string) string {
	f := strings.Fields(r)
	for len(f) > 0 && (strings.EqualFold(f[0], "and") || strings.EqualFold(f[0], "or") || f[0] == "&") {
		f = f[1:]
	}
	for len(f) > 0 {
		l := strings.ToLower(f[len(f)-1])
		if l != "and" && l != "or" && l != "&" && !nameConnectors[l] {
			break
		}
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// endsClause reports whether a word ends with punctuation that closes a
// phrase (so a name run cannot cross it).
func endsClause(w string) bool {
	w = strings.TrimRight(w, `"'”’)`)
	if w == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(w)
	if last == '.' {
		c := trimPunct(w)
		return !strings.HasSuffix(c, ".")
	}
	return strings.ContainsRune(",;:!?—–", last)
}

// subjectWithApposition handles "Name, apposition, said": it skips up to
// two appositions and takes the name before them, keeping the first
// apposition as the role.
func subjectWithApposition(ts []wtok) speaker {
	// split tokens into comma-separated segments
	var segs [][]wtok
	cur := []wtok{}
	for _, t := range ts {
		cur = append(cur, t)
		if strings.HasSuffix(strings.TrimRight(t.t, `"'”’)`), ",") {
			segs = append(segs, cur)
			cur = []wtok{}
		}
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	var role string
	for k, skipped := len(segs)-1, 0; k >= 0 && skipped <= 3; k-- {
		seg := segs[k]
		first := strings.ToLower(seg[0].core)
		if k > 0 && len(seg) == 1 && (lyAdverb(first) || discourseWords[first]) {
			// "Acme, meanwhile, said": a sentence adverb, not a role
			skipped++
			continue
		}
		if k > 0 && (first == "and" || first == "or" || first == "but") && len(seg) > 3 {
			// "…, and a clerk were among the dead, said Jo Roe": a
			// clause joined on, not an apposition to a subject
			return speaker{}
		}
		if k > 0 && (first == "a" || first == "an" || first == "the" || first == "who" || first == "which" || !isCapWord(seg[0].core) || titleWords[first]) {
			role = joinToks(seg)
			skipped++
			continue
		}
		// strip the trailing comma of the name segment
		last := seg[len(seg)-1]
		last.t = strings.TrimRight(last.t, ",")
		seg2 := append(append([]wtok{}, seg[:len(seg)-1]...), last)
		if k > 0 && reParty.MatchString(strings.TrimSpace(joinToks(seg2))) {
			// "Rep. Jane Doe, D-Calif., said": party and state
			role = joinToks(seg2)
			skipped++
			continue
		}
		if k > 0 && lowerContentWord(seg) {
			// "Ross Roe, UK economist at Acme Bank,": an
			// apposition in lower case describes the name before it
			role = joinToks(seg)
			skipped++
			continue
		}
		sp := runBackward(seg2)
		if sp.name != "" {
			if d := complementOf(seg2); d.valid() {
				if k == 0 {
					// "A spokesman for Acme, Britain's biggest union,
					// said"
					return d
				}
				// "Jane Doe, chief economist at Acme Bank, said": the
				// phrase is an apposition
				role = joinToks(seg)
				skipped++
				continue
			}
		}
		if sp.name == "" && k == 0 {
			// "a citizen, whose name is redacted, wrote"
			if d := descriptionBefore(seg2); d.valid() {
				return d
			}
		}
		if sp.name == "" && k > 0 {
			// a capitalised apposition such as "Yellowhead MP"
			role = joinToks(seg)
			skipped++
			continue
		}
		if sp.name != "" && sp.role == "" {
			sp.role = cleanRole(role)
		}
		return sp
	}
	return speaker{}
}

// discourseWords are sentence adverbs set off by commas ("Acme,
// meanwhile, said").
var discourseWords = set(`meanwhile however though too also instead nonetheless nevertheless therefore moreover furthermore separately similarly likewise again still yet now then though`)

// lowerContentWord reports whether a segment holds a lower-case word
// other than a name connector ("economist" in "UK economist at Acme").
func lowerContentWord(seg []wtok) bool {
	for _, t := range seg {
		r, _ := utf8.DecodeRuneInString(t.core)
		if unicode.IsLower(r) && !nameConnectors[t.core] && !nameParticles[t.core] {
			return true
		}
	}
	return false
}

// joinToks joins tokens back into text.
func joinToks(ts []wtok) string {
	var ws []string
	for _, t := range ts {
		ws = append(ws, t.t)
	}
	return strings.Join(ws, " ")
}

// cleanRole tidies an apposition into a role: no article, no trailing
// punctuation, no relative clause.
func cleanRole(r string) string {
	r = strings.TrimSpace(strings.Trim(r, ",.;: "))
	low := strings.ToLower(r)
	for _, a := range []string{"a ", "an ", "the "} {
		if strings.HasPrefix(low, a) {
			r = r[len(a):]
			break
		}
	}
	first := strings.ToLower(strings.Fields(r + " x")[0])
	if first != "of" && (stopwords[first] || clauseWords[first] || first == "whose" || strings.HasSuffix(first, "ing") || strings.HasSuffix(first, "ed")) {
		// a clause ("who joined the board", "speaking at a conference"),
		// not a role
		return ""
	}
	if countFields(r) > 12 {
		return ""
	}
	return trimRoleEnds(r)
}

// reParty matches a party-and-state tag such as "D-Calif." or "R-Texas".
var reParty = regexp.MustCompile(`^[A-Z]-[A-Z][A-Za-z.]*$`)

// rePossessiveApposition matches "Owner's noun, First Last", a relation
// followed by the name of the person it describes.
var rePossessiveApposition = regexp.MustCompile(`^([A-Z][\w.-]*['’]s(?:\s+[a-z-]+){1,3}),\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\b`)

// subjectAfter finds the speaker at the start of s, the text right after
// an inverted speech verb: "Irina Kobrinskaya, an analyst from ...".
func subjectAfter(s string) speaker {
	return subjectAfterOpen(s, false)
}

// subjectAfterOpen is subjectAfter where open says s follows a speech
// verb ("said Jane Doe"), so a capitalised word that starts it is part of
// a name rather than the start of a sentence.
func subjectAfterOpen(s string, open bool) speaker {
	s = firstWords(s, 40) // a name and its apposition, never a paragraph
	var buf [64]wtok      // most texts here are short: keep their words off the heap
	ts := appendWordToks(buf[:0], s)
	if len(ts) == 0 {
		return speaker{}
	}
	l := strings.ToLower(ts[0].core)
	if g, ok := pronounGender[l]; ok && l != "it" {
		return speaker{pronoun: l, gender: g}
	}
	if determiners[l] && len(ts) > 2 && !isCapWord(ts[1].core) {
		// "said the festival's executive director, Jane Doe": the
		// description is the role of the person named after the comma
		for k := 1; k < len(ts)-1 && k < 8; k++ {
			if !strings.HasSuffix(ts[k].t, ",") {
				if endsClause(ts[k].t) || speechVerbs[ts[k].core] {
					break
				}
				continue
			}
			if isCapWord(ts[k+1].core) {
				if p := subjectAfter(s[ts[k+1].s:]); p.name != "" && !p.org && countFields(p.name) >= 2 {
					if p.role == "" {
						p.role = cleanRole(joinToks(ts[:k+1]))
					}
					return p
				}
			}
			break
		}
	}
	if l == "the" && len(ts) > 1 && !isCapWord(ts[1].core) {
		// a description: "says the 39-year-old founder of the press"
		head := ""
		for k := 1; k < len(ts) && k < 6; k++ {
			c := strings.ToLower(ts[k].core)
			if stopwords[c] || isCapWord(ts[k].core) {
				break
			}
			head = c
			if endsClause(ts[k].t) {
				break
			}
		}
		if head != "" {
			d := descriptionAfter(ts)
			return speaker{roleRef: head, desc: d.desc}
		}
	}
	if determiners[l] && l != "the" {
		if d := descriptionAfter(ts); d.valid() {
			return d
		}
	}
	if m := rePossessiveApposition.FindStringSubmatch(s); m != nil {
		// "Campbell's partner, Jason Louth"
		if sp := splitRun(strings.Fields(m[2])); sp.name != "" {
			if sp.role == "" {
				sp.role = m[1]
			}
			return sp
		}
	}
	var ws []string
	k := 0
	for ; k < len(ts); k++ {
		c := ts[k].core
		if c == "" {
			break
		}
		if isCapWord(c) || (nameConnectors[strings.ToLower(c)] && len(ws) > 0 && k+1 < len(ts) && isCapWord(ts[k+1].core)) {
			ws = append(ws, c)
			if endsClause(ts[k].t) {
				k++
				break
			}
			continue
		}
		// lower-case role words before the name: "Cambridge cartoonist
		// Andre Campbell", "union organizer Jane Doe"
		if len(ws) <= 3 && roleWordsThenName(ts[k:]) {
			for k < len(ts) && !isCapWord(ts[k].core) {
				ws = append(ws, ts[k].core)
				k++
			}
			k--
			continue
		}
		break
	}
	if len(ws) > 0 && len(ws) <= 3 && k+1 < len(ts) && strings.HasSuffix(ts[k].t, ",") && isCapWord(ts[k+1].core) {
		// "said Acme spokeswoman, Jane Doe": a body and a job, then
		// the person holding it
		if l := strings.ToLower(ts[k].core); titleWords[l] || personNouns[l] {
			if p := subjectAfter(s[ts[k+1].s:]); p.name != "" && !p.org && countFields(p.name) >= 2 {
				if p.role == "" {
					p.role = strings.Join(ws, " ") + " " + ts[k].core
				}
				return p
			}
		}
	}
	sp := splitRunOpen(ws, open)
	if sp.name == "" {
		return sp
	}
	// apposition or "from X" after the name gives the role
	if k < len(ts) && k > 0 && strings.HasSuffix(strings.TrimRight(ts[k-1].t, `"”’`), ",") {
		var role []string
		for ; k < len(ts); k++ {
			role = append(role, ts[k].t)
			if endsClause(ts[k].t) {
				break
			}
		}
		if sp.role == "" {
			sp.role = cleanRole(strings.Join(role, " "))
		}
	} else if k < len(ts) && (strings.ToLower(ts[k].t) == "from" || strings.ToLower(ts[k].t) == "of" || strings.ToLower(ts[k].t) == "at") {
		var role []string
		for k++; k < len(ts); k++ {
			role = append(role, ts[k].t)
			if endsClause(ts[k].t) {
				break
			}
		}
		if sp.role == "" {
			sp.role = cleanRole(strings.Join(role, " "))
		}
	}
	return sp
}

// surname is the last word of a name, the part later references use.
func surname(name string) string {
	// strings.TrimRightFunc and LastIndexFunc with unicode.IsSpace, read
	// a byte at a time where the text is ASCII: this runs for every name
	// the extractor meets.
	end := len(name)
	for end > 0 && isSpaceBefore(name, end) {
		_, n := utf8.DecodeLastRuneInString(name[:end])
		end -= n
	}
	start := end
	for start > 0 && !isSpaceBefore(name, start) {
		_, n := utf8.DecodeLastRuneInString(name[:start])
		start -= n
	}
	if start > 0 {
		// as LastIndexFunc(…)+1 did: the word starts one byte into the
		// space, which for a space of several bytes (never left by
		// normSpaces) keeps its tail
		_, n := utf8.DecodeLastRuneInString(name[:start])
		start += 1 - n
	}
	last := strings.ToLower(strings.Trim(name[start:end], ".,'’"))
	if nameSuffixes[last] && start > 0 && strings.ContainsRune(strings.TrimSpace(name[:start]), ' ') {
		// "Martin Luther King Jr.": the family name comes before the
		// suffix (a name of two words, "Edward III", has none)
		return surname(name[:start])
	}
	return last
}

// isSpaceBefore reports whether the rune that ends s[:i] is a space.
func isSpaceBefore(s string, i int) bool {
	if c := s[i-1]; c < utf8.RuneSelf {
		return c == ' ' || '\t' <= c && c <= '\r'
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r)
}

// MergePeople makes one Person per real person across articles, so that
// "Sergei Lavrov", "Sergey Lavrov", "Lavrov" and "Mr Lavrov" are one entry
// with aliases and roles, and rewrites every Quote.Speaker in docs to the
// canonical Person.Name. It returns people sorted most quoted first.
func MergePeople(docs []*Parsed) []Person {
	type entry struct {
		forms  map[string]int // name form -> times seen
		order  []string
		roles  []string
		quotes int
	}
	var entries []*entry
	bySurname := map[string][]*entry{}
	// A common family name gathers many entries and forms, each compared
	// with every name that comes: read each form's gender and words once.
	genders := map[string]string{}
	genderOf := func(form string) string {
		g, ok := genders[form]
		if !ok {
			g = nameGender(form)
			genders[form] = g
		}
		return g
	}
	words := map[string][]string{}
	wordsOf := func(form string) []string {
		w, ok := words[form]
		if !ok {
			w = personWords(form)
			words[form] = w
		}
		return w
	}
	find := func(name string) *entry {
		sn := surname(name)
		// Only the number of words counts, not the words.
		nf := countFields(name)
		g := genderOf(name)
		clash := func(e *entry) bool {
			for form := range e.forms {
				if h := genderOf(form); g != "" && h != "" && h != g {
					return true // "Mrs Howard" is not "Mr Howard"
				}
			}
			return false
		}
		for _, e := range bySurname[sn] {
			if clash(e) {
				continue
			}
			for form := range e.forms {
				if sameNameWords(wordsOf(form), wordsOf(name)) {
					return e
				}
			}
		}
		// a bare family name joins the only person with that family name
		if nf == 1 && len(bySurname[sn]) == 1 && !clash(bySurname[sn][0]) {
			return bySurname[sn][0]
		}
		return nil
	}
	add := func(name string, roles []string, aliases []string) *entry {
		e := find(name)
		if e == nil {
			e = &entry{forms: map[string]int{}}
			entries = append(entries, e)
			bySurname[surname(name)] = append(bySurname[surname(name)], e)
		}
		for _, form := range append([]string{name}, aliases...) {
			if _, ok := e.forms[form]; !ok {
				e.order = append(e.order, form)
			}
			e.forms[form]++
		}
		for _, r := range roles {
			if r != "" && !containsFold(e.roles, r) {
				e.roles = append(e.roles, r)
			}
		}
		return e
	}
	// Full names first, so bare family names find them.
	for pass := 0; pass < 2; pass++ {
		for _, d := range docs {
			for _, p := range d.People {
				full := countFields(p.Name) > 1
				if full == (pass == 0) {
					add(p.Name, p.Roles, p.Aliases)
				}
			}
		}
	}
	canon := func(e *entry) string {
		best := ""
		for _, form := range e.order {
			if best == "" || countFields(form) > countFields(best) ||
				countFields(form) == countFields(best) && e.forms[form] > e.forms[best] {
				if isHonorific(strings.ToLower(strings.Fields(form)[0])) {
					continue
				}
				best = form
			}
		}
		if best == "" {
			best = e.order[0]
		}
		return best
	}
	names := map[*entry]string{}
	for _, e := range entries {
		names[e] = canon(e)
	}
	// A speaker is usually quoted many times: remember what each name was
	// found to be. What find answers for a name changes only when an
	// entry with the same family name is added, which bumps added.
	type speakerMemo struct {
		e    *entry
		desc bool
		sn   string
		gen  int
	}
	memo := map[string]speakerMemo{}
	added := map[string]int{}
	for _, d := range docs {
		for i := range d.Quotes {
			q := &d.Quotes[i]
			if q.Speaker == "" {
				continue
			}
			m, ok := memo[q.Speaker]
			if !ok || !m.desc && added[m.sn] != m.gen {
				if !ok {
					m.desc, m.sn = isDescription(q.Speaker), surname(q.Speaker)
				}
				if !m.desc {
					m.e, m.gen = find(q.Speaker), added[m.sn]
				}
				memo[q.Speaker] = m
			}
			if m.desc {
				continue
			}
			e := m.e
			if e == nil {
				e = add(q.Speaker, []string{q.Role}, nil)
				names[e] = canon(e)
				added[m.sn]++
			}
			e.quotes++
			q.Speaker = names[e]
		}
	}
	var out []Person
	for _, e := range entries {
		name := names[e]
		p := Person{Name: name, Roles: e.roles, Quotes: e.quotes}
		for _, form := range e.order {
			if form != name {
				p.Aliases = append(p.Aliases, form)
			}
		}
		if p.Aliases == nil {
			p.Aliases = []string{}
		}
		if p.Roles == nil {
			p.Roles = []string{}
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Quotes != out[j].Quotes {
			return out[i].Quotes > out[j].Quotes
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// sameName reports whether two forms of a name can be the same person:
// the same family name and first names that agree, allowing
// transliteration variants ("Sergei"/"Sergey") and a missing first name.
func sameName(a, b string) bool {
	return sameNameWords(personWords(a), personWords(b))
}

// sameNameWords is sameName on the names' personWords, which it does not
// change.
func sameNameWords(fa, fb []string) bool {
	if len(fa) == 0 || len(fb) == 0 {
		return false
	}
	if fa[len(fa)-1] != fb[len(fb)-1] {
		return false
	}
	if len(fa) == 1 || len(fb) == 1 {
		return len(fa) == len(fb)
	}
	x, y := fa[0], fb[0]
	if x == y {
		return true
	}
	if isInitial(strings.ToUpper(x[:1])+".") && (len(x) <= 2 || len(y) <= 2) {
		return x[0] == y[0]
	}
	// transliterations: "Sergei"/"Sergey", "Aleksandr"/"Alexander"
	limit := 1
	if len(x) > 6 && len(y) > 6 {
		limit = 2
	}
	return len(x) > 3 && len(y) > 3 && x[:2] == y[:2] && nameEditDistance(x, y) <= limit
}

// nameWords lower-cases a name and drops honorifics.
func personWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(normQuotes(s))) {
		if _, ok := honorifics[w]; ok {
			continue
		}
		out = append(out, strings.Trim(w, ".,"))
	}
	return out
}

// editDistance is the Levenshtein distance between two short words.
func nameEditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// roleWordsThenName reports whether ts starts with up to three lower-case
// nouns followed by a capitalised word in the same phrase, as in
// "cartoonist Andre Campbell".
func roleWordsThenName(ts []wtok) bool {
	for k := 0; k < len(ts) && k < 5; k++ {
		c := ts[k].core
		if c == "" {
			return false
		}
		if isCapWord(c) {
			return k > 0 && !stopwords[strings.ToLower(c)]
		}
		l := strings.ToLower(c)
		if l == "and" && k > 0 {
			continue
		}
		if stopwords[l] || clauseWords[l] || speechVerbs[l] || strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ing") || endsClause(ts[k].t) {
			return false
		}
	}
	return false
}

// DescribedSpeaker reports whether a Quote.Speaker is an unnamed speaker
// given by the article's description ("a justice official", "experts",
// "Russian officials") rather than a person's or organisation's name.
// Such speakers are shown with their quotes but have no Person entry, so
// they are not offered in person look-ups or autocompletion.
func DescribedSpeaker(speaker string) bool { return isDescription(speaker) }

// isDescription reports whether a speaker is an unnamed one given by a
// description ("a justice official"): descriptions start in lower case,
// names never do.
func isDescription(speaker string) bool {
	r, _ := utf8.DecodeRuneInString(speaker)
	if unicode.IsLower(r) {
		return true
	}
	f := strings.Fields(speaker)
	last := strings.ToLower(f[len(f)-1])
	if len(f) < 2 || orgWords[last] {
		// a name, or a body named by its own name ("Russia's Defense
		// Ministry")
		return false
	}
	return strings.Contains(speaker, "’s ") || strings.Contains(speaker, "'s ") ||
		personNouns[last] || personNouns[strings.TrimSuffix(last, "s")] || groupNoun(last)
}

// isHonorific reports whether a lower-case word is an honorific such as
// "mr", "mrs." or "dr".
func isHonorific(l string) bool {
	_, ok := honorifics[l]
	_, ok2 := honorifics[l+"."]
	return ok || ok2
}

// nameGender is the gender an honorific in a name form gives ("Mrs Rice"
// is "f"), or "" when the form has none.
func nameGender(form string) string {
	f := strings.Fields(strings.ToLower(form))
	if len(f) == 0 {
		return ""
	}
	if g, ok := honorifics[f[0]]; ok {
		return g
	}
	return honorifics[f[0]+"."]
}
