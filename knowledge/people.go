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

// tokenize splits s into words with their byte offsets.
func wordToks(s string) []wtok {
	out := make([]wtok, 0, len(s)/6+1)
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, mkTok(s, start, i))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, mkTok(s, start, len(s)))
	}
	return out
}

func mkTok(s string, a, b int) wtok {
	t := s[a:b]
	return wtok{t: t, core: trimPunct(t), s: a, e: b}
}

// trimPunct removes punctuation around a word but keeps the dots of
// abbreviations and initials ("U.S.", "J.") and inner apostrophes.
func trimPunct(w string) string {
	w = strings.TrimLeft(w, `"'“”‘’([{«—–-`)
	w = strings.TrimRight(w, `"'“”‘’)]}»,;:!?—–-`)
	// keep a final dot only for abbreviations and initials
	if strings.HasSuffix(w, ".") {
		inner := strings.TrimSuffix(w, ".")
		if !(strings.Contains(inner, ".") || isInitial(w) || abbreviations[strings.ToLower(inner)] || honorifics[strings.ToLower(w)] != "" || titleWords[strings.ToLower(w)]) {
			w = inner
		}
	}
	return w
}

// isCapWord reports whether a word starts with a capital letter (or is an
// acronym such as "U.S." or "AFN").
func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// nameConnectors may stand inside a name or a title ("Secretary of State",
// "Ludwig van Beethoven").
// nameParticles join the parts of a family name ("Al Hashish", "van
// Gogh") or are initials, so a name may run to three words with them.
var nameParticles = set(`al el de del della van von der den la le du da di dos das bin ibn abu st st. mac ben`)

var nameConnectors = set(`of for the de van von der den la le du da di al el bin ibn`)

// runLeadSkip are capitalised words that open sentences and are not part
// of a name that follows ("Earlier Smith said").
var runLeadSkip = set(`the a an and but so then meanwhile earlier later instead however still now also yet thus in on at by for with from as after before when while if because although though this that these those his her their its our my your last next new`)

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
}

// valid reports whether sp names anyone.
func (sp speaker) valid() bool {
	return sp.name != "" || sp.pronoun != "" || sp.roleRef != "" || sp.desc != ""
}

// splitRun reads a run of capitalised words ("U.S. Secretary of State
// Condoleezza Rice", "Mr Lavrov", "Russia's Defense Ministry") into a
// name and the role before it.
func splitRun(ws []string) speaker {
	var sp speaker
	// drop sentence openers and dates before the name
	for len(ws) > 0 {
		l := strings.ToLower(ws[0])
		if runLeadSkip[l] || weekdays[l] || months[l] != 0 {
			ws = ws[1:]
			continue
		}
		break
	}
	for len(ws) > 0 && nameConnectors[strings.ToLower(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return sp
	}
	// "Jane Doe of Acme": a name, then its affiliation after a connector
	for j := 1; j+1 < len(ws); j++ {
		l := strings.ToLower(ws[j])
		if l != "of" && l != "at" && l != "from" && l != "for" {
			continue
		}
		head, tail := ws[:j], ws[j+1:]
		hl := strings.ToLower(head[len(head)-1])
		if titleWords[hl] || orgWords[hl] || len(tail) > 4 || hasTitleWord(strings.Join(tail, " ")) {
			break
		}
		sp := splitRun(head)
		if sp.name != "" && !sp.org {
			if sp.role == "" {
				sp.role = strings.Join(tail, " ")
			}
			return sp
		}
		break
	}
	last := strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))
	if orgWords[last] || orgWords[strings.ToLower(ws[len(ws)-1])] {
		sp.org = true
		sp.name = strings.Join(ws, " ")
		sp.alias = sp.name
		return sp
	}
	// honorific right before the name
	n := len(ws)
	i := n
	for i > 0 && (n-i < 2 || n-i < 3 && (nameParticles[strings.ToLower(ws[i-1])] || nameParticles[strings.ToLower(ws[i])] || isInitial(ws[i]))) {
		w := ws[i-1]
		l := strings.ToLower(w)
		if titleWords[l] || nameConnectors[l] && !(nameParticles[l] && isCapWord(w)) || honorifics[l] != "" || honorifics[l+"."] != "" || strings.Contains(w, ".") && !isInitial(w) || notNameWords[l] {
			break
		}
		if !isCapWord(w) {
			break
		}
		i--
	}
	if i == n {
		return sp
	}
	if l := ws[n-1]; strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s") {
		// a possessive is an owner, not a name ("the Department's")
		return sp
	}
	sp.name = strings.Join(ws[i:], " ")
	sp.alias = sp.name
	if i > 0 {
		h := strings.ToLower(ws[i-1])
		if g, ok := honorifics[h]; ok {
			sp.gender = g
			sp.alias = ws[i-1] + " " + sp.name
		} else if g, ok := honorifics[h+"."]; ok {
			sp.gender = g
			sp.alias = ws[i-1] + " " + sp.name
		}
		role := ws[:i]
		for len(role) > 0 {
			l := strings.ToLower(role[0])
			if honorifics[l] != "" || honorifics[l+"."] != "" {
				role = role[1:]
				continue
			}
			break
		}
		for len(role) > 0 {
			l := strings.ToLower(role[len(role)-1])
			if _, ok := honorifics[l]; ok || nameConnectors[l] {
				role = role[:len(role)-1]
				continue
			}
			break
		}
		sp.role = strings.Join(role, " ")
		if !hasTitleWord(sp.role) && !hasLowerWord(sp.role) {
			// "Getty Images Kevin Vickers" is a photo credit, not a role
			sp.role = ""
		}
	}
	return sp
}

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
// "Sevaun Palvetzian, CEO of Civic Action,".
func subjectBefore(s string) speaker {
	ts := wordToks(s)
	// skip adverbs and auxiliaries between subject and verb
	for len(ts) > 0 && speechOpeners[strings.ToLower(ts[len(ts)-1].t)] {
		ts = ts[:len(ts)-1]
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
	if isTitleNoun(l) && len(ts) >= 2 {
		d := strings.ToLower(ts[len(ts)-2].t)
		if d == "the" || d == "a" || d == "an" {
			return speaker{roleRef: l, desc: d + " " + l}
		}
	}
	if sp := runBackward(ts); sp.valid() {
		return sp
	}
	return descriptionBefore(ts)
}

// determiners open a description of an unnamed speaker.
var determiners = set(`a an the one another some many several most two three four five my our his her their its this that these those`)

// descriptionBefore reads an unnamed speaker described right before the
// verb: "a justice official", "some voters", "protesters".
func descriptionBefore(ts []wtok) speaker {
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
		if stopwords[c] && c != "of" || runLeadSkip[c] {
			break
		}
		if isCapWord(t.core) {
			// a possessive owner: "the U.S. State Department's top
			// official"; any other capitalised word ends the description
			if !(strings.HasSuffix(t.core, "’s") || strings.HasSuffix(t.core, "'s")) {
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
	for len(ws) > 0 && (ws[0] == "of" || nameConnectors[strings.ToLower(ws[0])]) {
		ws = ws[1:]
	}
	if len(ws) == 0 || determiners[strings.ToLower(ws[len(ws)-1])] {
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
		if l == "of" && head != "" {
			break
		}
		head = l
	}
	if personNouns[head] || orgWords[head] || titleWords[head] && !titleModifiers[head] {
		return true
	}
	sing := strings.TrimSuffix(head, "s")
	if personNouns[sing] || orgWords[sing] || titleWords[sing] && !titleModifiers[sing] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ess", "ee"} {
		if strings.HasSuffix(sing, suf) && len(sing) > len(suf)+2 && !thingNouns[sing] {
			return true
		}
	}
	return false
}

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
			if strings.HasPrefix(t.t, "(") {
				break
			}
			continue
		}
		break
	}
	return splitRun(ws)
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
		if k > 0 && (first == "a" || first == "an" || first == "the" || first == "who" || first == "which" || !isCapWord(seg[0].core) || titleWords[first]) {
			role = joinToks(seg)
			skipped++
			continue
		}
		// strip the trailing comma of the name segment
		last := seg[len(seg)-1]
		last.t = strings.TrimRight(last.t, ",")
		seg2 := append(append([]wtok{}, seg[:len(seg)-1]...), last)
		sp := runBackward(seg2)
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
	if strings.HasPrefix(strings.ToLower(r), "who ") || strings.HasPrefix(strings.ToLower(r), "which ") {
		return ""
	}
	if len(strings.Fields(r)) > 12 {
		return ""
	}
	return r
}

// rePossessiveApposition matches "Owner's noun, First Last", a relation
// followed by the name of the person it describes.
var rePossessiveApposition = regexp.MustCompile(`^([A-Z][\w.-]*['’]s(?:\s+[a-z-]+){1,3}),\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\b`)

// subjectAfter finds the speaker at the start of s, the text right after
// an inverted speech verb: "Irina Kobrinskaya, an analyst from ...".
func subjectAfter(s string) speaker {
	ts := wordToks(s)
	if len(ts) == 0 {
		return speaker{}
	}
	l := strings.ToLower(ts[0].core)
	if g, ok := pronounGender[l]; ok && l != "it" {
		return speaker{pronoun: l, gender: g}
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
			ws = append(ws, c)
			continue
		}
		break
	}
	sp := splitRun(ws)
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
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[len(f)-1], ".,'’"))
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
		org    bool
	}
	var entries []*entry
	bySurname := map[string][]*entry{}
	find := func(name string) *entry {
		sn := surname(name)
		f := strings.Fields(name)
		for _, e := range bySurname[sn] {
			for form := range e.forms {
				if sameName(form, name) {
					return e
				}
			}
		}
		// a bare family name joins the only person with that family name
		if len(f) == 1 && len(bySurname[sn]) == 1 {
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
				full := len(strings.Fields(p.Name)) > 1
				if full == (pass == 0) {
					add(p.Name, p.Roles, p.Aliases)
				}
			}
		}
	}
	canon := func(e *entry) string {
		best := ""
		for _, form := range e.order {
			if best == "" || len(strings.Fields(form)) > len(strings.Fields(best)) ||
				len(strings.Fields(form)) == len(strings.Fields(best)) && e.forms[form] > e.forms[best] {
				if honorifics[strings.ToLower(strings.Fields(form)[0])] != "" {
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
	for _, d := range docs {
		for i := range d.Quotes {
			q := &d.Quotes[i]
			if q.Speaker == "" || isDescription(q.Speaker) {
				continue
			}
			e := find(q.Speaker)
			if e == nil {
				e = add(q.Speaker, []string{q.Role}, nil)
				names[e] = canon(e)
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
	fa, fb := personWords(a), personWords(b)
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
	return x[0] == y[0] && nameEditDistance(x, y) <= 2 && len(x) > 3 && len(y) > 3
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

// isDescription reports whether a speaker is an unnamed one given by a
// description ("a justice official"): descriptions start in lower case,
// names never do.
func isDescription(speaker string) bool {
	r, _ := utf8.DecodeRuneInString(speaker)
	return unicode.IsLower(r) || strings.Contains(speaker, "’s ") || strings.Contains(speaker, "'s ")
}
