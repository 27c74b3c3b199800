package knowledge

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is one stretch of text in double quote marks within a paragraph.
type span struct {
	open   int  // byte offset of the opening mark
	s, e   int  // byte range of the quoted words
	close  int  // byte offset just after the closing mark (or paragraph end)
	closed bool // false when the quote runs on into the next paragraph
}

// findSpans finds the quotations of a paragraph. Curly and straight marks
// may be mixed ("…” opens straight and closes curly); a closing curly mark
// at the start of a word opens a quote, as careless typesetting does; an
// opening mark with no close runs to the end of the paragraph.
func findSpans(p string) []span {
	var out []span
	open := -1
	openLen := 0
	prev := ' '
	for i, r := range p {
		n := utf8.RuneLen(r)
		if open < 0 {
			switch {
			case r == '“' || r == '„' || r == '«' || r == '"',
				r == '”' && (unicode.IsSpace(prev) || prev == '(' || i == 0):
				open, openLen = i, n
			}
		} else {
			next, _ := utf8.DecodeRuneInString(p[i+n:])
			opener := (unicode.IsSpace(prev) || prev == '(' || prev == '[') && next != utf8.RuneError && !unicode.IsSpace(next)
			if r == '"' && opener && endsSentence(strings.TrimSpace(p[open+openLen:i])) {
				// A new quotation opens while one is still open: the earlier
				// one ran on without its closing mark (a quote of several
				// paragraphs joined on one line).
				out = append(out, span{open: open, s: open + openLen, e: i, close: i})
				open, openLen = i, n
			} else if r == '”' || r == '»' || r == '"' || (r == '“' && !unicode.IsSpace(prev) && i > open+openLen) {
				out = append(out, span{open: open, s: open + openLen, e: i, close: i + n, closed: true})
				open = -1
			}
		}
		prev = r
	}
	if open >= 0 {
		out = append(out, span{open: open, s: open + openLen, e: len(p), close: len(p)})
	}
	// drop empty spans
	k := 0
	for _, sp := range out {
		if strings.TrimSpace(p[sp.s:sp.e]) != "" {
			out[k] = sp
			k++
		}
	}
	out = out[:k]
	if sp, ok := danglingClose(p, out); ok {
		out = append(out, sp)
	}
	return out
}

// danglingClose finds a quotation whose opening mark was lost after an
// attribution: '"…," Jones said. It was never about the opponent …
// improve my game."' The paragraph ends with a closing mark that closes
// nothing, so the words from the sentence after the attribution to that
// mark are quoted too.
func danglingClose(p string, spans []span) (span, bool) {
	t := strings.TrimRight(p, " ")
	last, n := utf8.DecodeLastRuneInString(t)
	if last != '"' && last != '”' || len(spans) == 0 {
		return span{}, false
	}
	end := len(t) - n
	prev := spans[len(spans)-1]
	if prev.close >= len(t) || !prev.closed {
		return span{}, false
	}
	// the attribution after the last quote must end its sentence
	rest := p[prev.close:end]
	stop := strings.Index(rest, ". ")
	if stop < 0 || countWordToks(rest[:stop]) > 6 {
		return span{}, false
	}
	start := prev.close + stop + 2
	body := p[start:end]
	if hasQuoteMark(body) || countWords(body) < 4 || !startsUpper(body) {
		return span{}, false
	}
	return span{open: start, s: start, e: end, close: len(t), closed: true}, true
}

// findSingleSpans finds quotations set in single curly marks (‘…’), the
// house style of some British papers. An opening mark follows a space or
// a bracket; a closing mark is not followed by a letter, so apostrophes in
// "don’t" or "Lavrov’s" never close a quotation.
func findSingleSpans(p string) []span {
	var out []span
	open := -1
	prev := ' '
	for i, r := range p {
		n := utf8.RuneLen(r)
		next, _ := utf8.DecodeRuneInString(p[i+n:])
		switch {
		case open < 0 && r == '‘' && (unicode.IsSpace(prev) || strings.ContainsRune("([—–-", prev) || i == 0) && !unicode.IsSpace(next):
			open = i
		case open >= 0 && r == '’' && !unicode.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next):
			if prev == 's' && next == ' ' && pluralPossessive(p[i+n:]) {
				// "the nurses’ pay": an apostrophe, not the closing mark
				break
			}
			out = append(out, span{open: open, s: open + len("‘"), e: i, close: i + n, closed: true})
			open = -1
		}
		prev = r
	}
	if open >= 0 {
		out = append(out, span{open: open, s: open + len("‘"), e: len(p), close: len(p)})
	}
	k := 0
	for _, sp := range out {
		if strings.TrimSpace(p[sp.s:sp.e]) != "" {
			out[k] = sp
			k++
		}
	}
	return out[:k]
}

// pluralPossessive reports whether the text after "s’" continues a noun
// phrase ("nurses’ pay") rather than an attribution ("…’ she said").
func pluralPossessive(rest string) bool {
	ts := wordToks(rest)
	if len(ts) == 0 {
		return false
	}
	w := ts[0].core
	l := strings.ToLower(w)
	return w != "" && !isCapWord(w) && pronounGender[l] == "" && !speechVerbs[l]
}

// singleQuoteStyle reports whether an article quotes with single curly
// marks: it has no double quote marks at all but has opening single ones.
func singleQuoteStyle(blocks []block) bool {
	single := false
	for _, b := range blocks {
		if hasQuoteMark(b.text) {
			return false
		}
		if strings.Contains(b.text, "‘") {
			single = true
		}
	}
	return single
}

// personInfo is what the extractor knows of one person or organisation in
// one article.
type personInfo struct {
	desc    bool // an unnamed speaker known only by a description
	name    string
	roles   []string
	aliases []string
	gender  string
	org     bool
	spoke   bool
	titled  bool
	// sn caches surname(snOf), the family name of the name last asked
	// about, since names are compared far more often than they change.
	sn, snOf string
}

// familyName returns surname(p.name), cached.
func (p *personInfo) familyName() string {
	if p.snOf != p.name || p.sn == "" {
		p.sn, p.snOf = surname(p.name), p.name
	}
	return p.sn
}

// mention is a place where a person is named, for pronoun resolution.
type mention struct {
	p    *personInfo
	para int
	pos  int
	// subject is true when the person is the subject of a sentence or a
	// speaker, the usual antecedent of a later "he" or "she".
	subject bool
}

// extractor holds the state of quote extraction over one article.
type extractor struct {
	id        string
	blocks    []block
	persons   []*personInfo
	mentions  []mention
	quotes    []Quote
	last      *personInfo // the last speaker, for floating quotes
	descs     map[string]*personInfo
	descOrder []*personInfo // the described speakers in the order met
	spans     [][]span      // quote spans of each block
	sents     [][][2]int    // sentence ranges of each block
	pending   []int         // unattributed quotes that run on into the next paragraph
	lastPara  int
	// avoid holds the people a pronoun being resolved cannot stand for:
	// those named in the words it reports.
	avoid map[*personInfo]bool
	// toks is scratch memory for the words of one text at a time, reused
	// by collectNames, learnGender and reported (appendWordToks). None of
	// them keeps the words or calls another of them while it holds them.
	toks []wtok
	// cands is collectNames' scratch memory.
	cands []nameCand
}

// extractQuotes finds the direct, partial and reported quotes of an
// article and the people who speak or are named with a title in it.
// sents holds the sentence ranges of each block (sentenceRanges).
func extractQuotes(id string, blocks []block, sents [][][2]int, sc *parseScratch) ([]Quote, []Person) {
	x := &extractor{id: id, blocks: blocks, lastPara: -10, sents: sents}
	find := findSpans
	if singleQuoteStyle(blocks) {
		find = findSingleSpans
	}
	longest := 0
	for _, b := range blocks {
		x.spans = append(x.spans, find(b.text))
		longest = max(longest, len(b.text))
	}
	// every text x.toks holds lies within one block
	if sc != nil && cap(sc.toks) >= longest/5+1 {
		x.toks = sc.toks[:0]
	} else {
		x.toks = make([]wtok, 0, longest/5+1)
	}
	if sc != nil {
		x.cands = sc.cands
		defer func() { sc.toks, sc.cands = x.toks[:0], x.cands[:0] }()
	}
	x.collectNames()
	x.learnGender()
	for i := range blocks {
		x.paragraph(i)
	}
	x.dedupe()
	var people []Person
	for _, p := range x.persons {
		if !p.spoke && !p.titled || p.desc {
			continue
		}
		pp := Person{Name: p.name, Aliases: []string{}, Roles: []string{}}
		for _, a := range p.aliases {
			if a != p.name && !containsFold(pp.Aliases, a) {
				pp.Aliases = append(pp.Aliases, a)
			}
		}
		for _, r := range p.roles {
			if !containsFold(pp.Roles, r) {
				pp.Roles = append(pp.Roles, r)
			}
		}
		people = append(people, pp)
	}
	return x.quotes, people
}

// capRuns returns the runs of capitalised words of a text (outside the
// given quote spans) with the byte offset where each starts.
func capRuns(ts []wtok, spans []span) (runs [][]string, pos, idx []int) {
	// The runs share one backing array: a run is words[from:], cut off
	// with its capacity when it ends so the next run cannot write into
	// it. An array that grows leaves the runs before it in the old one.
	var words, cur []string
	from := 0
	start, first := 0, 0
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			pos = append(pos, start)
			idx = append(idx, first)
		}
		cur = nil
		from = len(words)
	}
	for k, t := range ts {
		if inSpans(t.s, spans) {
			flush()
			continue
		}
		c := t.core
		if strings.HasPrefix(t.t, "(") || strings.HasPrefix(t.t, "[") {
			flush()
		}
		cap := c != "" && isCapWord(c)
		conn := !cap && len(cur) > 0 && len(c) <= 4 && k+1 < len(ts) && nameConnectors[strings.ToLower(c)] && isCapWord(ts[k+1].core)
		if cap || conn {
			if len(cur) == 0 {
				start, first = t.s, k
			}
			if words == nil {
				words = make([]string, 0, (len(ts)-k)/4+4)
			}
			words = append(words, c)
			cur = words[from:len(words):len(words)]
			// possessives end a run: "Russia's Defense Ministry" is kept
			// whole only when an organisation word follows.
			if endsClause(t.t) || strings.ContainsAny(t.t[:len(t.t)-len(strings.TrimLeft(t.t, `"“‘(`))], `"“`) {
				flush()
			}
			continue
		}
		flush()
	}
	flush()
	return runs, pos, idx
}

// inSpans reports whether offset o lies inside one of the quote spans.
func inSpans(o int, spans []span) bool {
	// spans are in text order and do not overlap
	k := sort.Search(len(spans), func(i int) bool { return spans[i].close > o })
	return k < len(spans) && o >= spans[k].open
}

// reportedClause reports whether the word ts[k] stands in a clause
// reported by a speaker named before the verb in the same sentence ("Ken
// Alder said Bob Roe had lied"), not after an inverted verb ("…, said
// Bob Roe").
func reportedClause(ts []wtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-12; j-- {
		// a comma, a sentence end, a quote mark or a dash ends the
		// clause ("… would not be sold, coach Roe insisted"); this runs
		// for every subject, so the bytes at the word's ends are read
		// first ("“", "”" and "—" start with 0xE2, and the quotes end in
		// 0x9C or 0x9D)
		if w := ts[j].t; w != "" {
			first, last := w[0], w[len(w)-1]
			if last == ',' || first == '"' || last == '"' || first == 0xE2 || last == 0x9C || last == 0x9D {
				return false
			}
			if (last == '.' || last == '!' || last == '?' || last == ')' || last == '\'') && endsSentenceTok(w) {
				return false
			}
		}
		if !reportVerbs[ts[j].core] {
			continue
		}
		if j+1 < len(ts) && strings.EqualFold(ts[j+1].core, "by") {
			return false // "were denied by Jim Wexley": the agent speaks
		}
		// the verb has its subject before it: a word of its own, not
		// the comma of an inverted attribution
		return j > 0 && !endsClause(ts[j-1].t) && !endsSentenceTok(ts[j-1].t)
	}
	return false
}

// nameCand is a name collectNames has found, with where and how the text
// uses it.
type nameCand struct {
	sp   speaker
	para int
	pos  int
	lead bool // the run opens its sentence, where news names its subject
	subj bool // the run is followed by a verb or preceded by a speech verb
	job  bool // a job title in lower case stands right before the name
}

// collectNames finds the people named with a title or honorific, or by a
// full name whose family name the article also uses alone, so pronouns and
// bare family names can be resolved to them.
func (x *extractor) collectNames() {
	cands := x.cands[:0]
	defer func() { x.cands = cands }()
	singles := map[string]bool{}
	for i, b := range x.blocks {
		spans := x.spans[i]
		ts := appendWordToks(x.toks[:0], b.text)
		x.toks = ts
		runs, pos, idx := capRuns(ts, spans)
		for k, r := range runs {
			open := openBefore(ts, idx[k])
			sp := splitRunOpen(r, open)
			if !open && len(r) >= 3 && sp.name != "" && (i > 0 || len(x.sents[0]) > 0 && pos[k] >= x.sents[0][0][1]) && (verbAfter(ts, idx[k]+len(r)) || appositionAfter(ts, idx[k]+len(r))) && !afterArticle(ts, idx[k]) {
				// "Pak Jin Su said …" or "Pak Jin Su, a spokesman, …"
				// opening a sentence or a clause, as its subject: the
				// first word is taken into the name when the article
				// gives it no other use. The article's first sentence
				// is left alone: it may be a headline run into the text
				// ("… rival Roe Jim Wexley saved …").
				if long := splitRunOpen(r, true); countFields(long.name) > countFields(sp.name) && x.givenNameFirst(long.name) {
					sp = long
				}
			}
			if sp.name == "" {
				continue
			}
			subj := subjectLike(ts, idx[k], len(r))
			if subj && reportedClause(ts, idx[k]) {
				// "Alder said Roe had lied": Roe is talked about, not the
				// subject a later "he said" takes up
				subj = false
			}
			if subj {
				singles[strings.ToLower(sp.name)] = true
			}
			if sp.org {
				continue // organisations are never antecedents (below)
			}
			lead := opensSentence(b.text, pos[k])
			if f := strings.ToLower(r[0]); f == "like" || f == "unlike" || idx[k] > 0 && comparisonWords[strings.ToLower(ts[idx[k]-1].core)] {
				// "who like Roe was born …": a person compared
				// with, not the one the sentence is about
				lead, subj = false, false
			}
			sp = x.checkedSpeaker(sp)
			// "Foreign Ministry spokesperson Li Wen": a job just before
			job := idx[k] > 0 && isTitleNoun(ts[idx[k]-1].core) && !isCapWord(ts[idx[k]-1].core)
			cands = append(cands, nameCand{sp, i, pos[k], lead, subj, job})
		}
	}
	for _, c := range cands {
		sp := c.sp
		sn := surname(sp.name)
		if placeWords[sn] || inParens(x.blocks[c.para].text, c.pos) {
			// organisations (left out above) speak only when attributed;
			// places and names in brackets (photo credits) are never
			// antecedents
			continue
		}
		words := strings.Fields(sp.name)
		full := len(words) >= 2
		titled := hasTitleWord(sp.role) || sp.gender != ""
		short := strings.ToLower(strings.Join(words[1:], " "))
		if !(full && (titled || c.job || singles[short] || singles[sn] || c.lead)) && !(titled && len(words) == 1) {
			// a bare family name refers to a known person
			if len(words) == 1 {
				if p := x.findPerson(sp.name, sp.gender); p != nil {
					x.addAlias(p, sp)
					x.mentions = append(x.mentions, mention{p, c.para, c.pos, c.lead || c.subj})
				}
			}
			continue
		}
		p := x.findPerson(sp.name, sp.gender)
		if p == nil {
			p = &personInfo{name: sp.name}
			x.persons = append(x.persons, p)
		}
		p.titled = p.titled || hasTitleWord(sp.role)
		x.addAlias(p, sp)
		x.mentions = append(x.mentions, mention{p, c.para, c.pos, c.lead || c.subj})
	}
}

// afterArticle reports whether ts[k] follows "the", "a" or "an": a run
// of capitalised words after one ("the Stade de Brackton") names a place
// or a thing, not a person.
func afterArticle(ts []wtok, k int) bool {
	if k == 0 {
		return false
	}
	l := strings.ToLower(ts[k-1].t)
	return l == "the" || l == "a" || l == "an"
}

// appositionAfter reports whether the words ending just before ts[k] end
// with a comma and an apposition follows ("…, a spokesman for Acme",
// "…, Acme's director"), not a place ("…, Brackton").
func appositionAfter(ts []wtok, k int) bool {
	if k <= 0 || k >= len(ts) || !strings.HasSuffix(ts[k-1].t, ",") {
		return false
	}
	t := ts[k].t
	return !isCapWord(ts[k].core) || strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "’s")
}

// givenNameFirst reports whether the first word of name, read from a run
// of capitalised words that opens a sentence, is a given name rather
// than a word that opens the sentence or a job before the name
// ("Organiser Jim Wexley"): it is no agent noun, the article never writes
// it in lower case, and the rest of the name never appears without it.
func (x *extractor) givenNameFirst(name string) bool {
	words := strings.Fields(name)
	if len(words) < 3 {
		return false
	}
	l := strings.ToLower(words[0])
	if sumWords[l] {
		return false // "Million Pound Duck"
	}
	for _, suf := range agentSuffixes {
		if strings.HasSuffix(l, suf) {
			return false
		}
	}
	for _, r := range words[0] {
		if !unicode.IsLetter(r) {
			return false // "Fly-half", "CD:UK"
		}
	}
	for _, b := range x.blocks {
		if countWord(b.text, l) > 0 || countWord(b.text, words[0]) > strings.Count(b.text, words[0]+" "+words[1]) {
			return false // a common noun, or a place or person of its own
		}
	}
	return !x.restAlone(words)
}

// countWord counts the places text holds w as a whole word.
func countWord(text, w string) int {
	n := 0
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return n
		}
		i += off
		off = i + len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[off:])
		if (i == 0 || !unicode.IsLetter(before)) && (off == len(text) || !unicode.IsLetter(after)) {
			n++
		}
	}
}

// sumWords open titles and sums, never names.
var sumWords = set(`hundred thousand million billion trillion dozen half double triple`)

// agentSuffixes end the nouns of jobs and doers ("Organiser", "Director",
// "Economist") that may open a sentence before a name.
var agentSuffixes = []string{"er", "or", "ist", "ant", "ent", "man", "men", "ess", "ster"}

// checkedSpeaker is sp with its name checked by checkedName, and the
// alias written with it cut the same way.
func (x *extractor) checkedSpeaker(sp speaker) speaker {
	if name := x.checkedName(sp.name); name != sp.name {
		sp.alias = strings.Replace(sp.alias, sp.name, name, 1)
		sp.name = name
	}
	return sp
}

// checkedName drops the first word of a name of three or more words when
// the article uses that word elsewhere on its own or before other words
// ("Michael Howard", "Manic Street Preachers"): it is then another name
// or a body run into this one ("says Howard Tony Blair"), not a given
// name, which appears only with the rest of its name.
func (x *extractor) checkedName(name string) string {
	words := strings.Fields(name)
	if len(words) < 3 || isInitialGroup(words[0]) || !isCapWord(words[0]) {
		return name
	}
	first := words[0]
	for _, b := range x.blocks {
		text := b.text
		for off := 0; ; {
			i := strings.Index(text[off:], first)
			if i < 0 {
				break
			}
			i += off
			off = i + len(first)
			if i > 0 {
				if r, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			rest := text[off:]
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue // a longer word
			}
			next := ""
			if strings.HasPrefix(rest, " ") {
				if f := strings.Fields(rest); len(f) > 0 {
					next = trimPunct(f[0])
				}
			}
			if next == "" || !containsFold(words[1:], next) {
				// alone, or before a word that is not of this name
				return strings.Join(words[1:], " ")
			}
		}
	}
	return name
}

// restAlone reports whether the words of a name after its first appear
// somewhere in the article without the first word before them.
func (x *extractor) restAlone(words []string) bool {
	rest := strings.Join(words[1:], " ")
	for _, b := range x.blocks {
		for off := 0; ; {
			i := strings.Index(b.text[off:], rest)
			if i < 0 {
				break
			}
			i += off
			off = i + len(rest)
			if !strings.HasSuffix(strings.TrimRight(b.text[:i], " "), words[0]) {
				return true
			}
		}
	}
	return false
}

// addAlias records a form of the name, a role and a gender cue.
func (x *extractor) addAlias(p *personInfo, sp speaker) {
	if countFields(sp.name) > countFields(p.name) {
		p.aliases = append(p.aliases, p.name)
		p.name = sp.name
	}
	for _, a := range []string{sp.name, sp.alias} {
		if a != "" && a != p.name && !containsFold(p.aliases, a) {
			p.aliases = append(p.aliases, a)
		}
	}
	if sp.role != "" && !containsFold(p.roles, sp.role) {
		p.roles = append(p.roles, sp.role)
	}
	if p.gender == "" && sp.gender != "" && sp.gender != "o" {
		p.gender = sp.gender
	}
}

// findPerson returns the known person a name refers to: the same name, or
// a fuller name with the same family name.
func (x *extractor) findPerson(name, gender string) *personInfo {
	sn := surname(name)
	var best *personInfo
	for _, p := range x.persons {
		if p.org || p.familyName() != sn {
			continue
		}
		if gender != "" && p.gender != "" && gender != p.gender {
			continue
		}
		if countFields(name) == 1 || sameName(p.name, name) || strings.HasSuffix(strings.ToLower(p.name), " "+strings.ToLower(name)) {
			// the first person named with this family name: when two
			// share it, the bare family name usually means the article's
			// main subject, and the other is called by a first name
			return p
		}
	}
	return best
}

// resolve turns a speaker as written into the person it names at the given
// place, registering new people as they are met.
func (x *extractor) resolve(sp speaker, para, pos int) *personInfo {
	switch {
	case sp.issued:
		if x.last != nil && para-x.lastPara <= 1 {
			return x.last
		}
		return nil
	case sp.pronoun == "they":
		// a group: the organisation or described speakers just quoted
		if x.last != nil && (x.last.org || x.last.desc) && para-x.lastPara <= 1 {
			return x.last
		}
		for _, k := range x.mentionOrder(para, pos) {
			m := x.mentions[k]
			if para-m.para > 1 {
				break
			}
			if m.p.org {
				return m.p
			}
		}
		if x.last != nil && para-x.lastPara <= 1 {
			// "…," they said: with no group in sight, the pair or
			// people just quoted
			return x.last
		}
		return nil
	case sp.pronoun != "":
		var best, bestSubj *mention
		for k := range x.mentions {
			m := &x.mentions[k]
			if m.para > para || m.para == para && m.pos > pos || para-m.para > 4 {
				continue
			}
			if x.avoid[m.p] {
				continue
			}
			if sp.pronoun == "it" {
				if !m.p.org {
					continue
				}
			} else if m.p.org || m.p.gender != "" && m.p.gender != sp.gender {
				continue
			}
			if best == nil || m.para > best.para || m.para == best.para && m.pos >= best.pos {
				best = m
			}
			if m.subject && para-m.para <= 1 && (bestSubj == nil || m.para > bestSubj.para || m.para == bestSubj.para && m.pos >= bestSubj.pos) {
				bestSubj = m
			}
		}
		if bestSubj != nil {
			best = bestSubj
		}
		if best == nil && sp.pronoun == "it" && x.last != nil && para-x.lastPara <= 1 && !x.avoid[x.last] && bodyLike(x.last) {
			// "Acme Freight said sales fell. It added …": the speaker
			// just quoted, not known to be a person, is the body
			return x.last
		}
		if best == nil {
			return nil
		}
		if best.p.gender == "" && sp.pronoun != "it" {
			best.p.gender = sp.gender
		}
		return best.p
	case sp.roleRef != "":
		var any, anySubj *personInfo
		want := roleWords(sp.desc, sp.roleRef)

		for _, k := range x.mentionOrder(para, pos) {
			m := x.mentions[k]
			if m.para > para || m.para == para && m.pos > pos || m.p.org {
				continue
			}
			if containsFoldStr(sp.desc, m.p.name) {
				// "the Brackton United boss" is not Brackton United:
				// a name inside the description modifies its head
				continue
			}
			for _, r := range m.p.roles {
				if roleHas(r, want) {
					return m.p
				}
			}
			if anySubj == nil && m.subject && para-m.para <= 1 && !bystanderNouns[sp.roleRef] {
				anySubj = m.p
			}
			if any == nil && para-m.para <= 3 && !bystanderNouns[sp.roleRef] {
				// "the mayor" is somebody named just before; "the father"
				// or "the witness" is not the last name in sight
				any = m.p
			}
		}
		if anySubj != nil {
			// the nearest person the text is about, not one just
			// mentioned in passing
			any = anySubj
		}
		if any != nil || sp.desc == "" {
			return any
		}
		return x.described(sp.desc)
	case sp.desc != "" && sp.name == "":
		if p := x.definiteOrg(sp.desc, para, pos); p != nil {
			return p
		}
		if head := epithetHead(sp.desc); head != "" {
			// "the 32-year-old labourer said": a definite description of
			// one person stands for somebody just named, or for the
			// unnamed speaker described earlier ("a justice official" …
			// "the justice official told reporters")
			for k := len(x.descOrder) - 1; k >= 0; k-- {
				p := x.descOrder[k]
				if f := strings.Fields(strings.ToLower(p.name)); len(f) > 1 && (f[0] == "a" || f[0] == "an" || f[0] == "one") && descHead(f[1:]) == head {
					return p
				}
			}
			return x.resolve(speaker{roleRef: head, desc: sp.desc}, para, pos)
		}
		return x.described(sp.desc)
	case sp.name == "":
		return nil
	}
	if !sp.org {
		sp = x.checkedSpeaker(sp)
	}
	name := strings.ReplaceAll(sp.name, "’", "'")
	sp.name = name
	if sp.org {
		for _, p := range x.persons {
			if p.org && strings.EqualFold(p.name, name) {
				return p
			}
		}
		p := &personInfo{name: name, org: true}
		x.persons = append(x.persons, p)
		return p
	}
	p := x.findPerson(name, sp.gender)
	if p == nil && countFields(name) == 1 {
		p = x.findByFirstName(name)
	}
	if p == nil {
		p = &personInfo{name: name}
		x.persons = append(x.persons, p)
	}
	x.addAlias(p, sp)
	return p
}

// findByFirstName returns the one known person whose first name is name,
// for articles that call people by their first names.
func (x *extractor) findByFirstName(name string) *personInfo {
	var found *personInfo
	for _, p := range x.persons {
		f := strings.Fields(p.name)
		if p.org || len(f) < 2 || !strings.EqualFold(f[0], name) {
			continue
		}
		if found != nil && found != p {
			return nil
		}
		found = p
	}
	return found
}

// attribution is a speaker found next to a quote, with where it was.
type attribution struct {
	sp  speaker
	pos int
}

// paragraph extracts the quotes of paragraph i.
func (x *extractor) paragraph(i int) {
	b := x.blocks[i]
	text := b.text
	spans := x.spans[i]

	if name, words, ok := tweetCredit(text); ok {
		// an embedded post: the words are the account holder's own, but
		// the post stands outside the report's thread, so its poster is
		// neither the last speaker nor an antecedent for "he" or "she"
		last, lastPara, nm := x.last, x.lastPara, len(x.mentions)
		p := x.resolve(speaker{name: name, alias: name, org: orgLikeName(name)}, i, len(text))
		x.add(Direct, words, p, i, "", len(text))
		x.last, x.lastPara, x.mentions = last, lastPara, x.mentions[:nm]
		// what the post reports in its turn is read as usual below
	}
	if b.pullName != "" && len(spans) == 0 {
		p := x.resolve(speaker{name: b.pullName, role: b.pullRole, alias: b.pullName}, i, 0)
		if p != nil && b.pullRole != "" && !containsFold(p.roles, b.pullRole) {
			p.roles = append(p.roles, b.pullRole)
		}
		x.add(Direct, strings.TrimRight(text, " ,"), p, i, b.pullRole, len(text))
		return
	}

	sents := x.sents[i]
	sentOf := func(o int) (int, int) {
		k := sort.Search(len(sents), func(i int) bool { return sents[i][1] > o })
		if k < len(sents) && o >= sents[k][0] {
			return sents[k][0], sents[k][1]
		}
		return 0, len(text)
	}

	type qinfo struct {
		sp       span
		attr     *attribution
		embedded bool
		skip     bool
		colon    bool // introduced by a colon: a quotation however short
	}
	qs := make([]qinfo, len(spans))
	for j, s := range spans {
		qs[j].sp = s
		ss, _ := sentOf(s.open)
		lo := ss
		if j > 0 && spans[j-1].close > lo {
			lo = spans[j-1].close
		}
		hi := len(text)
		if j+1 < len(spans) {
			hi = spans[j+1].open
		}
		before := text[lo:s.open]
		after := text[s.close:hi]
		content := strings.TrimSpace(text[s.s:s.e])

		fullStop := strings.HasSuffix(strings.TrimRight(content, `'’ `), ".")
		if a, ok := attrAfter(after, fullStop); ok && !(fullStop && colonLead(before, text[ss:s.open], content)) {
			qs[j].attr = &attribution{a, s.close}
		} else if a, ok, emb := attrBefore(before, text[ss:s.open], content); ok {
			qs[j].attr = &attribution{a, lo}
			qs[j].embedded = emb
		}
		lowB := strings.ToLower(strings.TrimSpace(before))
		joined := j > 0 && !qs[j-1].embedded && (lowB == "and" || lowB == "or" || lowB == "," || lowB == "")
		if joined {
			// "“A” and “B”": a list of quotations, like the first one
			qs[j].colon = qs[j-1].colon
		} else if !qs[j].embedded && isEmbedded(before, after, content, qs[j].attr != nil) {
			qs[j].embedded = true
		}
		if strings.HasSuffix(lowB, ":") {
			qs[j].colon = true
			if p := x.lastKnownPerson(text[ss:s.open]); p != nil && (qs[j].attr == nil || !x.isKnown(qs[j].attr.sp)) {
				// "… when Musk again took to Twitter with this: "…"": the
				// person the lead-in names speaks
				qs[j].attr = &attribution{speaker{name: p.name}, s.open}
			}
		}
		if lowBefore := strings.ToLower(strings.TrimSpace(before)); strings.HasSuffix(lowBefore, "so-called") || strings.HasSuffix(lowBefore, "so called") {
			qs[j].skip = true
		}
	}
	// A quote without its own attribution takes the one of a neighbouring
	// quote in the same paragraph ('"…," Putin said. "…"').
	for j := range qs {
		if qs[j].attr != nil || qs[j].embedded || qs[j].skip {
			continue
		}
		if j > 0 && isNarration(text[qs[j-1].sp.close:qs[j].sp.open]) {
			// narration stands between the quotes ('"…," House says.
			// Durning did not need coaxing. "…"'): the quote belongs to
			// that narration's subject, found later
			continue
		}
		for k := j - 1; k >= 0; k-- {
			if qs[k].attr != nil && !qs[k].embedded {
				qs[j].attr = qs[k].attr
				break
			}
		}
		if qs[j].attr == nil {
			for k := j + 1; k < len(qs); k++ {
				if qs[k].attr != nil && !qs[k].embedded {
					qs[j].attr = qs[k].attr
					break
				}
			}
		}
	}

	// Walk the sentences in reading order so that every speaker is known
	// before a later pronoun needs it.
	first := 0 // the first quote that may open in this sentence or later
	for _, r := range sents {
		hadDirect := false
		for first < len(qs) && qs[first].sp.open < r[0] {
			first++
		}
		last := first
		for last < len(qs) && qs[last].sp.open < r[1] {
			last++
		}
		for j := first; j < last; j++ {
			q := qs[j]
			if q.skip || q.embedded {
				continue
			}
			content := strings.TrimSpace(text[q.sp.s:q.sp.e])
			words := countWords(content)
			if looksLikeAttribution(content) {
				// quote marks out of step: '"…," he said. "' leaves the
				// attribution between two marks
				continue
			}
			var who *personInfo
			var role string
			switch {
			case q.attr != nil:
				who = x.resolve(q.attr.sp, i, q.attr.pos)
				role = q.attr.sp.role
			case j == 0 && i > 0 && q.sp.open == 0 && x.continues(i-1):
				who = x.last
			default:
				// a floating quote: a quote paragraph with no attribution
				// belongs to the last speaker, if there was one just before.
				if !q.colon && (words < 4 || !startsUpper(content) || q.sp.closed && !quoteLike(content)) {
					continue
				}
				if p := x.previousSubject(i, q.sp.open); p != nil {
					who = p
				} else if i-x.lastPara <= 2 {
					who = x.last
				}
			}
			if q.attr == nil && words < 3 && !q.colon {
				continue
			}
			hadDirect = true
			if who != nil && q.attr != nil {
				// a quote run over from earlier paragraphs gets this
				// attribution too
				for _, k := range x.pending {
					if x.quotes[k].Speaker == "" {
						x.quotes[k].Speaker = who.name
					}
				}
			}
			x.pending = nil
			if who == nil && !q.sp.closed {
				x.pending = append(x.pending, len(x.quotes))
			}
			x.add(Direct, trimQuoteText(content), who, i, role, q.sp.close)
		}
		if hadDirect {
			if last > first {
				x.trailingReport(text, r, qs[last-1].sp, qs[last-1].attr != nil, i)
			}
			continue
		}
		var local []span
		for _, q := range qs[first:last] {
			if !q.skip {
				local = append(local, span{open: q.sp.open - r[0], s: q.sp.s - r[0], e: min(q.sp.e, r[1]) - r[0], close: min(q.sp.close, r[1]) - r[0]})
			}
		}
		sent := text[r[0]:r[1]]
		for _, c := range clauses(sent, local) {
			var cl []span
			for _, sp := range local {
				if sp.open >= c[0] && sp.open < c[1] {
					cl = append(cl, span{open: sp.open - c[0], s: sp.s - c[0], e: min(sp.e, c[1]) - c[0], close: min(sp.close, c[1]) - c[0]})
				}
			}
			x.reported(sent[c[0]:c[1]], sent[:c[0]], cl, i, r[0]+c[0])
		}
	}
}

// reTweetCredit matches the credit line that closes an embedded social
// media post: "… — Jane Doe (@janedoe) December 18, 2018".
var reTweetCredit = regexp.MustCompile(`\s*[—–-]+\s*([^()—–@]{2,60}?)\s*\(@\w{1,30}\)\s*` + monthRe + `\s+\d{1,2},\s+\d{4}\s*$`)

// reLink matches the links an embedded post carries ("pic.twitter.com/…",
// "https://t.co/…"), which are no part of its words.
var reLink = regexp.MustCompile(`(?:https?://|pic\.twitter\.com/)\S+`)

// tweetCredit reads a paragraph that is an embedded post with its credit
// line, returning the poster's name and the post's words.
func tweetCredit(text string) (name, words string, ok bool) {
	if !strings.Contains(text, "(@") {
		return "", "", false
	}
	m := reTweetCredit.FindStringSubmatchIndex(text)
	if m == nil {
		return "", "", false
	}
	name = strings.TrimSpace(text[m[2]:m[3]])
	words = strings.TrimSpace(reLink.ReplaceAllString(text[:m[0]], ""))
	if countFields(words) < 3 || !isCapWord(name) {
		return "", "", false
	}
	return name, words, true
}

// orgLikeName reports whether a name is an organisation's rather than a
// person's: it ends with an organisation word or holds an acronym in
// capitals ("XY Hydro", "ABC Local 832"), which people's names do not.
func orgLikeName(name string) bool {
	f := strings.Fields(name)
	if len(f) == 0 {
		return false
	}
	if orgWords[strings.ToLower(f[len(f)-1])] {
		return true
	}
	for _, w := range f {
		if isAcronym(w) {
			return true
		}
	}
	return false
}

// isAcronym reports whether a word is two or more capital letters with no
// dots ("BC", "UFCW", "RCMP"), as initials ("J.R.") are not.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '&' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return n >= 2
}

// trailingReport reads reported speech that follows a direct quote and
// its attribution in the same sentence: '"…," she said, noting that the
// public has "tremendous influence"'. The clause is the last speaker's
// too, as a partial or reported quote.
func (x *extractor) trailingReport(text string, r [2]int, sp span, attributed bool, para int) {
	if !attributed || x.last == nil || x.lastPara != para || sp.close >= r[1] {
		return
	}
	tail := text[sp.close:r[1]]
	ts := wordToks(firstWords(tail, 12))
	for k := 1; k < len(ts); k++ {
		if !participleSpeech[ts[k].core] || !strings.HasSuffix(ts[k-1].t, ",") {
			continue
		}
		// the attribution must come before: '," she said, noting that'
		speech := false
		for _, t := range ts[:k] {
			speech = speech || isSpeech(t)
		}
		if !speech {
			return
		}
		clause := strings.TrimSpace(tail[ts[k].s:])
		if countWords(clause) < 5 {
			return
		}
		kind := Reported
		if hasQuoteMark(clause) {
			kind = Partial
		}
		x.add(kind, strings.TrimRight(clause, ",;: "), x.last, para, "", sp.close+ts[k].s)
		return
	}
}

// clauses splits a sentence where a second reporting clause begins
// (", but", "; ", ", while"), so two speakers in one sentence get one
// quote each. Quoted words are never split.
func clauses(s string, spans []span) [][2]int {
	if !strings.Contains(s, ", ") && !strings.Contains(s, "; ") {
		// every separator starts with one of these, which lowering
		// neither makes nor unmakes: most sentences have no clauses
		return [][2]int{{0, len(s)}}
	}
	var cuts []int
	low := strings.ToLower(s)
	for _, sep := range []string{", but ", "; ", ", while ", ", whereas "} {
		from := 0
		for {
			i := strings.Index(low[from:], sep)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(sep)
			if inSpans(at, spans) {
				continue
			}
			// only split when the second part reports speech of its own,
			// by somebody else: "…, but he stressed …" goes on with the
			// same speaker and stays whole
			if f := wordToks(s[from:]); len(f) > 0 {
				l := strings.ToLower(f[0].core)
				if pronounGender[l] != "" || l == "they" || speechVerbs[l] || !isCapWord(f[0].core) && !determiners[l] {
					continue
				}
			}
			hasVerb := false
			for _, t := range wordToks(s[from:]) {
				if reportVerbs[t.core] {
					hasVerb = true
					break
				}
			}
			if hasVerb {
				cuts = append(cuts, at)
			}
		}
	}
	sort.Ints(cuts)
	var out [][2]int
	start := 0
	for _, c := range cuts {
		if c > start {
			out = append(out, [2]int{start, c + 1})
			start = c + 2
		}
	}
	return append(out, [2]int{start, len(s)})
}

// continues reports whether paragraph i ends inside a quote that the next
// paragraph carries on.
func (x *extractor) continues(i int) bool {
	spans := x.spans[i]
	return len(spans) > 0 && !spans[len(spans)-1].closed
}

// add records one quote and makes its speaker the last speaker.
func (x *extractor) add(kind QuoteKind, text string, who *personInfo, para int, role string, pos int) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	q := Quote{Kind: kind, Text: text, ArticleID: x.id, Paragraph: para}
	if who != nil {
		q.Speaker = who.name
		who.spoke = true
		if role == "" && len(who.roles) > 0 {
			role = who.roles[0]
		}
		q.Role = role
		x.last = who
		x.lastPara = para
		if !who.desc {
			x.mentions = append(x.mentions, mention{who, para, pos, true})
		}
	}
	x.quotes = append(x.quotes, q)
}

// dedupe drops repeated quotes (a pull-quote repeated in the body) and
// numbers the rest.
func (x *extractor) dedupe() {
	var out []Quote
	seen := map[string]int{}
	for _, q := range x.quotes {
		k := strings.TrimRight(normKeyBare(q.Text), ".,;: ")
		if j, ok := seen[k]; ok {
			if out[j].Speaker == "" {
				out[j].Speaker, out[j].Role = q.Speaker, q.Role
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, q)
	}
	// the speakers' final names (a fuller name may have been found later)
	for i := range out {
		if out[i].Speaker == "" {
			continue
		}
		for _, p := range x.persons {
			if p.name == out[i].Speaker || containsFold(p.aliases, out[i].Speaker) {
				out[i].Speaker = p.name
				break
			}
		}
		out[i].ID = fmt.Sprintf("%s/%d", x.id, i+1)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("%s/%d", x.id, i+1)
	}
	x.quotes = out
}

// sentenceRanges returns the byte ranges of the sentences of a paragraph.
func sentenceRanges(text string) [][2]int {
	var out [][2]int
	off := 0
	for _, s := range splitSentences(text) {
		i := strings.Index(text[off:], s)
		if i < 0 {
			continue
		}
		out = append(out, [2]int{off + i, off + i + len(s)})
		off += i + len(s)
	}
	if len(out) > 0 {
		out[len(out)-1][1] = len(text)
	}
	return out
}

// startsUpper reports whether s starts with a capital letter or digit
// (after any leading punctuation).
func startsUpper(s string) bool {
	s = strings.TrimLeft(s, `'‘"“(…. `)
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// quoteLike reports whether quoted words read as speech rather than a
// title: they end with sentence punctuation or a comma.
func quoteLike(s string) bool {
	s = strings.TrimRight(s, `'’ `)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".,?!…—-", r)
}

// trimQuoteText removes the comma that closes a quote before its
// attribution.
func trimQuoteText(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ",;:—– "))
}

// isSpeech reports whether a token is a speech verb (lower case, so
// "Says" in a headline does not count).
func isSpeech(t wtok) bool {
	c := t.core
	return c != "" && !isCapWord(c) && speechVerbs[c]
}

// attrAfter reads an attribution that follows a quote: '" Putin said',
// '" said Jane Doe, an analyst', '" Deputy Minister Ivan Petrov told
// reporters'.
func attrAfter(after string, fullStop bool) (speaker, bool) {
	a := strings.TrimLeft(after, " ,—–-")
	if a == "" || strings.HasPrefix(a, ".") || strings.HasPrefix(a, "(") {
		return speaker{}, false
	}
	var buf [64]wtok // most texts here are short: keep their words off the heap
	ts := appendWordToks(buf[:0], firstWords(a, 24))
	if len(ts) == 0 {
		return speaker{}, false
	}
	if isSpeech(ts[0]) {
		if len(ts) > 1 {
			rest := a[ts[1].s:]
			if sp := subjectAfterOpen(rest, true); sp.valid() {
				return sp, true
			}
		}
		return speaker{}, false
	}
	for k := 1; k < len(ts) && k <= 16; k++ {
		if endsSentenceTok(ts[k-1].t) || fullStop && k > 3 {
			// after a quote closed by a full stop, a new sentence is an
			// attribution only when it is short: '." Smith said.', not
			// '." The second initiative BT announced'
			break
		}
		if isSpeech(ts[k]) {
			sp := subjectBeforeToks(ts[:k])
			if !sp.valid() {
				return speaker{}, false
			}
			// the subject must start the attribution
			first := strings.ToLower(ts[0].core)
			if !isCapWord(ts[0].core) && stopwords[first] && pronounGender[first] == "" && first != "the" && first != "a" && first != "an" {
				return speaker{}, false
			}
			return sp, true
		}
	}
	return speaker{}, false
}

// colonLead reports whether a quote closed by a full stop was introduced
// by its own attribution and a colon ('He said: "…." Roe says the
// fine was fair.'): the speaker who leads in speaks, and the name after
// the quote opens a new sentence of its own.
func colonLead(before, sentence, content string) bool {
	if !strings.HasSuffix(strings.TrimSpace(before), ":") {
		return false
	}
	_, ok, emb := attrBefore(before, sentence, content)
	return ok && !emb
}

// atMostWords reports whether s has at most n words, reading no further
// than the (n+1)-th, so it stays cheap on a long sentence.
func atMostWords(s string, n int) bool {
	count, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
		if !sp && !in {
			count++
			if count > n {
				return false
			}
		}
		in = !sp
	}
	return true
}

// firstWords returns the start of s up to its n-th space, so code that
// reads only the first words of a long paragraph does not tokenize it all.
func firstWords(s string, n int) string {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			n--
			if n == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// endsSentenceTok reports whether a word ends a sentence.
func endsSentenceTok(w string) bool {
	w = strings.TrimRight(w, `"'”’)`)
	if !strings.HasSuffix(w, ".") && !strings.HasSuffix(w, "?") && !strings.HasSuffix(w, "!") {
		return false
	}
	c := trimPunct(w)
	return !strings.HasSuffix(c, ".")
}

// attrBefore reads an attribution that leads into a quote: 'Jane Doe
// said: "…"', 'he joked in his turn, "…"'. embedded is true when the quote
// continues a clause of the reporting sentence ('said the stand "was…"').
func attrBefore(before, sentBefore, content string) (sp speaker, ok, embedded bool) {
	var buf [64]wtok // most texts here are short: keep their words off the heap
	ts := appendWordToks(buf[:0], before)
	for k := len(ts) - 1; k >= 0 && len(ts)-k <= 14; k-- {
		if !isSpeech(ts[k]) {
			continue
		}
		between := strings.TrimSpace(before[ts[k].e:])
		if t := strings.TrimRight(ts[k].t, `"'”’`); strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":") {
			// 'said, "…' and 'said: "…': the punctuation is on the verb
			between = t[len(t)-1:] + between
		}
		lowBetween := strings.ToLower(between)
		direct := between == "" || strings.HasSuffix(between, ",") || strings.HasSuffix(between, ":") || lowBetween == "that" || strings.HasSuffix(between, "—") || strings.HasSuffix(between, "–")
		if between == "" || lowBetween == "that" {
			direct = direct && startsUpper(content)
		}
		sp = speaker{}
		if participleSpeech[ts[k].core] && k > 0 && strings.HasSuffix(ts[k-1].t, ",") {
			// "He voiced his anger on Twitter, writing "…"": the subject
			// of the main clause speaks
			lead := sentBefore[:len(sentBefore)-len(before)+ts[k].s]
			sp = leadSubject(lead)
		}
		if !sp.valid() && k+1 < len(ts) && isCapWord(ts[k+1].core) && strings.HasSuffix(between, ",") {
			// inverted: 'asks editor Jane Doe, "…"'
			sp = subjectAfter(between)
		}
		if !sp.valid() {
			sp = subjectBeforeToks(ts[:k])
		}
		if !sp.valid() {
			sp = leadSubject(before[:ts[k].s])
		}
		if !sp.valid() {
			return speaker{}, false, false
		}
		return sp, true, !direct
	}
	if b := strings.TrimSpace(before); strings.HasSuffix(b, ":") {
		// "Treasurer Jane Doe was blunt: "…""
		if sp = leadSubject(strings.TrimSuffix(b, ":")); sp.valid() {
			return sp, true, false
		}
	}
	return speaker{}, false, false
}

// leadSubject finds the subject of a clause whose verb it cannot reach
// directly: the speaker named at the start ("Tauscher dismissed the
// threats … and said", "Rice fired back, saying").
func leadSubject(s string) speaker {
	var buf [64]wtok // most texts here are short: keep their words off the heap
	ts := appendWordToks(buf[:0], s)
	if len(ts) > 0 {
		if l := strings.ToLower(ts[0].core); pronounGender[l] != "" {
			return speaker{pronoun: l, gender: pronounGender[l]}
		}
	}
	// "Jane Doe was one of them, upset …": a full name that opens the
	// clause and is followed by a verb is its subject
	n := 0
	for n < len(ts) && n < 5 && isCapWord(ts[n].core) && !endsClause(ts[n].t) {
		n++
	}
	if n >= 2 && n < len(ts) {
		next := ts[n].core
		if l := strings.ToLower(next); !isCapWord(next) && (auxiliaries[l] || speechVerbs[l] || strings.HasSuffix(l, "ed")) {
			ws := make([]string, n)
			for k := range ws {
				ws[k] = ts[k].core
			}
			if sp := splitRun(ws); sp.name != "" && !sp.org && countFields(sp.name) >= 2 {
				return sp
			}
		}
	}
	// skip an introductory phrase ending with a comma (not a comma inside
	// quoted words), unless the words before the comma are a name with an
	// apposition after it ("Trevor Nicholson, a senior analyst, …")
	start := 0
	for k, t := range ts {
		if k > 6 || hasQuoteMark(t.t) {
			break
		}
		if strings.HasSuffix(t.t, ",") {
			var ws []string
			for _, u := range ts[:k+1] {
				if !isCapWord(u.core) {
					ws = nil
					break
				}
				ws = append(ws, u.core)
			}
			if sp := splitRun(ws); sp.name != "" && !runLeadSkip[strings.ToLower(ts[0].core)] {
				return sp
			}
			start = k + 1
			break
		}
	}
	if start >= len(ts) {
		start = 0
	}
	if start < len(ts) {
		if g, ok := pronounGender[strings.ToLower(ts[start].core)]; ok {
			return speaker{pronoun: strings.ToLower(ts[start].core), gender: g}
		}
	}
	var ws []string
	for k := start; k < len(ts); k++ {
		c := ts[k].core
		if c != "" && (isCapWord(c) || nameConnectors[strings.ToLower(c)] && len(ws) > 0 && k+1 < len(ts) && isCapWord(ts[k+1].core)) {
			ws = append(ws, c)
			if endsClause(ts[k].t) {
				break
			}
			continue
		}
		if len(ws) > 0 {
			// "Russian officials": the capitalised word qualifies a noun
			// for people, and the phrase describes the speakers
			n := strings.ToLower(c)
			if !endsClause(ts[k-1].t) && (personNouns[n] || personNouns[strings.TrimSuffix(n, "s")]) {
				d := strings.Join(append(ws, c), " ")
				if determiners[strings.ToLower(ws[0])] {
					d = lowerFirst(d)
				}
				return speaker{desc: d}
			}
		}
		if len(ws) > 0 || k > start+3 {
			break
		}
	}
	return splitRun(ws)
}

// isEmbedded reports whether a quote is part of a longer clause (a partial
// quote or a scare quote) rather than a sentence of its own.
func isEmbedded(before, after, content string, attributed bool) bool {
	b := strings.TrimSpace(before)
	if b != "" {
		last, _ := utf8.DecodeLastRuneInString(b)
		if !strings.ContainsRune(",:—–-(", last) {
			var buf [64]wtok // most texts here are short: keep their words off the heap
			ts := appendWordToks(buf[:0], b)
			if !(len(ts) > 0 && isSpeech(ts[len(ts)-1]) && startsUpper(content)) {
				return true
			}
		}
	}
	if attributed {
		return false
	}
	a := strings.TrimSpace(after)
	if a != "" {
		r, _ := utf8.DecodeRuneInString(a)
		if unicode.IsLower(r) && !quoteLike(content) {
			return true
		}
	}
	return false
}

// reported finds reported speech in one sentence without a direct quote:
// "X said …", "X argues that …", "…, X said.", "according to X, …",
// "X …, saying …". Sentences with quoted words become partial quotes.
func (x *extractor) reported(s, lead string, spans []span, para, off int) {
	ts := appendWordToks(x.toks[:0], s)
	x.toks = ts
	if len(ts) < 4 {
		return
	}
	partial := len(spans) > 0
	verbs := reportVerbs
	if partial {
		verbs = speechVerbs
	}
	var sp speaker
	found, generic, usedLead := false, false, false
	pos := off
	for k, t := range ts {
		if inSpans(t.s, spans) {
			continue
		}
		c := t.core
		if len(c) == len("according") && strings.EqualFold(c, "according") && k+2 < len(ts) && strings.EqualFold(ts[k+1].core, "to") {
			sp = accordingTo(ts[k+2:])
			found, generic, pos = true, !sp.valid(), off+t.s
			break
		}
		if isCapWord(c) || !verbs[c] && !participleSpeech[c] && !clauseVerbs[c] {
			continue
		}
		next, prev := "", ""
		if k+1 < len(ts) {
			next = strings.ToLower(ts[k+1].core)
		}
		if k > 0 {
			prev = strings.ToLower(ts[k-1].core)
		}
		if clauseVerbs[c] && !verbs[c] && (next != "that" || beForms[prev] || prev == "been" || k >= 2 && beForms[strings.ToLower(ts[k-2].core)]) {
			// "Acme reported that …", but not "Acme reported strong
			// sales" or "it was widely reported that …"
			continue
		}
		if c == "saying" && prev == "as" && k >= 2 && strings.EqualFold(ts[k-2].core, "quoted") {
			// "He was quoted as saying by local media that …": the
			// subject of "was quoted" speaks
			if a := leadSubject(s[:ts[k-2].s]); a.valid() {
				sp, found, pos = a, true, off+t.s
				break
			}
		}
		if next == "by" || next == "to" && c != "told" || notSpeechBefore[prev] && !(participleSpeech[c] && next == "that") {
			continue
		}
		if !partial && nounUse(prev, next, t.t) {
			// "the mayor's claims", "argue for a new layout": a noun, or
			// a verb that takes no clause
			continue
		}
		if !partial && embeddedVerb(ts, k) {
			// "what he said about Uber", "lower than the agency says":
			// the verb sits inside a noun or comparative clause
			continue
		}
		if !partial && objectVerbs[c] && articles[next] && !finiteAfter(ts[k+1:]) {
			// "denied the existence of a link", "confirmed the wedding",
			// "added a premium": the verb takes a thing, not a clause
			// (words in quote marks are speech whatever the verb takes)
			continue
		}
		if next != "" && (unicode.IsDigit([]rune(next)[0]) && !strings.Contains(next, "-year-old") || nounVerbs[c] && next != "that" && pronounGender[prev] == "" && prev != "they" && prev != "we") {
			// "the index added 0.2 per cent", "the Treasury note rose":
			// the word is not reporting speech here
			continue
		}
		rest := len(ts) - k - 1
		if participleSpeech[c] {
			if k > 0 && strings.HasSuffix(ts[k-1].t, ",") && rest >= 3 {
				a := leadSubject(s[:t.s])
				if !a.valid() && lead != "" {
					a = leadSubject(lead)
				}
				sp, found, generic, pos = a, true, !a.valid(), off+t.s
				break
			}
			if next == "that" && k > 0 {
				// "with Putin reiterating that Russia may quit"
				if a := runBackward(ts[:k]); a.name != "" {
					sp, found, pos = a, true, off+t.s
					break
				}
				// "Researchers have for years been saying that …": a
				// progressive form after its subject
				j := k - 1
				for j >= 0 && progressiveFiller[strings.ToLower(ts[j].core)] && !endsClause(ts[j].t) {
					j--
				}
				if j < k-1 && j >= 0 && (strings.EqualFold(ts[j+1].core, "been") || j+1 < k && auxiliaries[strings.ToLower(ts[j+1].core)] || strings.EqualFold(ts[k-1].core, "been")) {
					if a := subjectBeforeToks(ts[:j+1]); a.valid() {
						sp, found, pos = a, true, off+t.s
						break
					}
				}
			}
			continue
		}
		if rest < 2 {
			// "…, Lonechild said." ends the sentence: the subject must
			// follow a comma closely.
			cut := strings.LastIndex(s[:t.s], ",")
			if cut < 0 || countWordToks(s[cut+1:t.s]) > 8 {
				continue
			}
		}
		var a speaker
		if k > 0 && strings.HasSuffix(ts[k-1].t, ",") && rest >= 1 && rest <= 12 && k+1 < len(ts) && isCapWord(ts[k+1].core) {
			// inverted: "…, adds Jane Doe."
			a = subjectAfterOpen(s[ts[k].e:], true)
		}
		if !a.valid() && k > 0 && strings.HasSuffix(ts[k-1].t, ",") {
			// mid-sentence: "There is a satisfaction, insists
			// 16-year-old Jane Doe, in seeing it through."
			a = midSentenceSpeaker(s, ts, k)
		}
		if !a.valid() {
			a = subjectBeforeToks(ts[:k])
		}
		if !a.valid() {
			// "A release from Acme Local 9 said": the source speaks
			a = documentSource(ts[:k])
		}
		if a.pronoun == "they" && k >= 2 && strings.EqualFold(ts[k-2].core, "and") {
			// "Republican senators are eager to move on, and they
			// say …": "they" takes up the group the clause it is
			// joined to opens with
			if b := leadGroup(ts[:k-2]); b.valid() {
				a = b
			}
		}
		if !a.valid() {
			if prev == "and" || prev == "but" {
				a = leadSubject(s[:t.s])
				if !a.valid() && k == 1 && lead != "" {
					a = leadSubject(lead)
					usedLead = a.valid()
				}
			} else if k == 0 && lead != "" {
				a = leadSubject(lead)
				usedLead = a.valid()
			}
		}
		if !a.valid() && k > 0 && strings.HasSuffix(ts[k-1].t, ",") && rest >= 1 && rest <= 12 {
			// inverted: "…, said Jane Doe."
			a = subjectAfterOpen(s[ts[k].e:], true)
		}
		if !a.valid() {
			// a plain noun phrase ("Some voters say", "the utility said")
			j := k - 1
			for j >= 0 && speechOpeners[strings.ToLower(ts[j].core)] {
				j--
			}
			if j >= 0 && nounish(ts[j]) {
				found, generic, pos = true, true, off+t.s
				break
			}
			continue
		}
		sp, found, pos = a, true, off+t.s
		break
	}
	if !found {
		return
	}
	var who *personInfo
	if !generic {
		if sp.name != "" && !sp.org && countFields(sp.name) == 1 && x.findPerson(sp.name, "") == nil && x.findByFirstName(sp.name) == nil {
			// A lone capitalised word is a person only when the article
			// names that person in full somewhere ("Lonechild said");
			// otherwise it is a body speaking through its name ("Google
			// said", "Washington says"), never a "he" or "she".
			sp.org = true
		}
		at := pos
		if sp.pronoun != "" && trailingPronoun(ts, sp.pronoun) {
			// "Macharia and colleagues hid, he said": a pronoun after the
			// words it reports does not stand for a person those words
			// name, so only people named before the sentence, and not
			// in it, compete
			at = off - len(lead) - 1
			x.avoid = map[*personInfo]bool{}
			for _, m := range x.mentions {
				if m.para == para && m.pos > at && m.pos < pos {
					x.avoid[m.p] = true
				}
			}
		}
		who = x.resolve(sp, para, at)
		x.avoid = nil
	}
	kind := Reported
	if partial {
		kind = Partial
	}
	text := s
	if usedLead {
		// "Rice accepted …, but said she was willing …": the clause has
		// no subject of its own, so the statement is the whole sentence
		text = lead + s
	}
	x.add(kind, strings.TrimRight(strings.TrimSpace(text), ",;: "), who, para, sp.role, pos)
}

// clauseVerbs report speech only with a clause after them that opens
// with "that", since they also take things ("reported a loss").
var clauseVerbs = set(`reported`)

// embeddingWords open a clause in which a speech verb names speech
// rather than reports it ("what she said", "more than he says").
var embeddingWords = set(`what than whatever`)

// contractedHas are the pronoun forms whose "'s" is "has" ("she's said"),
// not a possessive.
var contractedHas = set(`he's she's it's that's who's there's he’s she’s it’s that’s who’s there’s`)

// nounUse reports whether a speech word (as written, with its
// punctuation), given the words either side of it, is a noun after a possessive ("the mayor's claims") or a verb taking
// a prepositional object ("argue for", "vote against") rather than one
// reporting speech.
func nounUse(prev, next, word string) bool {
	if (next == "for" || next == "against") && !strings.ContainsAny(word[len(word)-1:], ",;:") {
		return true
	}
	return (strings.HasSuffix(prev, "'s") || strings.HasSuffix(prev, "’s") || strings.HasSuffix(prev, "s'") || strings.HasSuffix(prev, "s’")) && !contractedHas[prev]
}

// midSentenceSpeaker reads a speaker named right after the speech verb at
// k, between commas in the middle of the words it reports ("…, insists
// 16-year-old Jane Doe, in seeing …") or after an age at the end ("…,
// says 16-year-old Jane Doe."): a name of two or more words within six
// words of the verb.
func midSentenceSpeaker(s string, ts []wtok, k int) speaker {
	j := k + 1
	for j < len(ts) && j <= k+2 && strings.ContainsAny(ts[j].core, "0123456789") {
		j++
	}
	for e := j; e < len(ts) && e <= k+6; e++ {
		if !isCapWord(ts[e].core) {
			return speaker{}
		}
		if strings.HasSuffix(ts[e].t, ",") || e == len(ts)-1 && j > k+1 {
			if e == j {
				return speaker{}
			}
			a := subjectAfterOpen(s[ts[j].s:ts[e].e], true)
			if a.name == "" || a.org || countFields(a.name) < 2 {
				return speaker{}
			}
			return a
		}
	}
	return speaker{}
}

// leadGroup reads a described group opening a sentence, before its first
// verb ("City councillors are eager …"), for a "they" later in it.
func leadGroup(ts []wtok) speaker {
	for i, t := range ts {
		if endsClause(t.t) && i < len(ts)-1 {
			return speaker{}
		}
		if c := strings.ToLower(t.core); beForms[c] || auxiliaries[c] || c == "have" {
			if i == 0 {
				return speaker{}
			}
			return descriptionBefore(ts[:i])
		}
	}
	return speaker{}
}

// beForms are the finite forms of "be" that end a subject.
var beForms = set(`is are was were`)

// embeddedVerb reports whether the speech verb at k follows a one-word
// subject, bare or after "the" or "a", that "what" or "than" opens.
func embeddedVerb(ts []wtok, k int) bool {
	j := k - 2
	if j >= 1 && articles[strings.ToLower(ts[j].t)] {
		j--
	}
	return j >= 0 && embeddingWords[strings.ToLower(ts[j].t)]
}

// objectVerbs are reporting verbs that as often take a plain object ("denied
// the charge", "announced the end of the siege") as a reported clause; after
// a determiner they report speech only when a finite verb follows.
var objectVerbs = set(`
add adds added announce announces announced confirm confirms confirmed
deny denies denied reveal reveals revealed report reports reported
predict predicts predicted recall recalls recalled stress stresses stressed
emphasize emphasizes emphasized emphasise emphasises emphasised
admit admits admitted acknowledge acknowledges acknowledged vow vows vowed
declare declares declared reiterate reiterates reiterated
`)

// articles open a noun phrase.
var articles = set(`the a an`)

// finiteVerbs mark a clause with a verb of its own after a noun phrase.
var finiteVerbs = set(`is are was were has have had will would can could did does do should may might must isn't aren't wasn't weren't hasn't haven't hadn't didn't doesn't don't won't can't couldn't wouldn't shouldn't`)

// finiteAfter reports whether the words up to the first comma or semicolon
// hold a finite verb, so that "confirmed the plan was dead" is a reported
// clause and "confirmed the wedding" is not.
func finiteAfter(ts []wtok) bool {
	for _, t := range ts {
		if finiteVerbs[strings.ToLower(t.core)] {
			return true
		}
		if strings.HasSuffix(t.t, ",") || strings.HasSuffix(t.t, ";") {
			return false
		}
	}
	return false
}

// trailingPronoun reports whether the pronoun subject of a speech verb
// follows the reported words after a comma ("…, he said"), the place where
// it cannot stand for a person those words name.
func trailingPronoun(ts []wtok, pronoun string) bool {
	for j := 1; j < len(ts); j++ {
		if !strings.EqualFold(ts[j].core, pronoun) || !strings.HasSuffix(ts[j-1].t, ",") || j+1 >= len(ts) || !speechVerbs[ts[j+1].core] {
			continue
		}
		// the pronoun and verb stand apart, between commas or at the
		// end ("…, he said, but …"); "…, he warned that …" is a main
		// clause after an opening phrase
		if v := ts[j+1].t; j+2 == len(ts) || strings.HasSuffix(v, ",") || strings.HasSuffix(v, ".") {
			return true
		}
	}
	return false
}

// accordingTo reads the source named after "according to": a person
// ("according to Jane Doe, …"), a body named anywhere in the phrase
// ("the latest figures from Statistics Canada", "a study released Monday
// by Acme Action", "the United Nations"), a title ("the mayor") or a
// description of people ("national security experts"). Documents and
// places alone ("government data", "the city") name nobody.
func accordingTo(ts []wtok) speaker {
	n := 0
	for n < len(ts) && n < 14 {
		c := strings.ToLower(ts[n].core)
		if c == "" || n > 0 && (clauseWords[c] || c == "which" || c == "who" || c == "that") {
			break
		}
		n++
		if endsClause(ts[n-1].t) {
			break
		}
	}
	ph := ts[:n]
	if len(ph) == 0 {
		return speaker{}
	}
	if sp := documentSource(ts); sp.name != "" {
		// "according to a study released Monday by Civic Works"
		return sp
	}
	first := strings.ToLower(ph[0].core)
	if g, ok := pronounGender[first]; ok && first != "it" {
		return speaker{pronoun: first, gender: g}
	}
	if isCapWord(ph[0].core) && !runLeadSkip[first] {
		if sp := subjectAfter(joinToks(ph)); sp.name != "" {
			return sp
		}
	}
	if determiners[first] {
		if d := descriptionAfter(ph); d.valid() {
			return d
		}
	}
	if l := strings.ToLower(ph[1%len(ph)].core); len(ph) == 2 && first == "the" && isTitleNoun(l) && !titleModifiers[l] {
		// "according to the mayor", not "the city": a place is nobody
		return speaker{roleRef: strings.ToLower(ph[1].core), desc: "the " + strings.ToLower(ph[1].core)}
	}
	// the first capitalised run that names somebody
	for k := 0; k < len(ph); k++ {
		if !isCapWord(ph[k].core) {
			continue
		}
		var ws []string
		j := k
		for ; j < len(ph); j++ {
			c := ph[j].core
			if !(isCapWord(c) || nameConnectors[strings.ToLower(c)] && len(ws) > 0 && j+1 < len(ph) && isCapWord(ph[j+1].core)) {
				break
			}
			ws = append(ws, c)
			if endsClause(ph[j].t) {
				j++
				break
			}
		}
		if sp := splitRun(ws); sp.name != "" && !strings.ContainsAny(sp.name, "'’") {
			if !sp.org && sp.role == "" && sp.gender == "" && (countFields(sp.name) == 1 || k > 0) {
				// a capitalised word or phrase inside a description is a
				// body ("the Acme Action study"), not a person
				sp.org = true
			}
			return sp
		}
		k = j
	}
	if d := bareDescription(ph); d.valid() {
		return d
	}
	return descriptionBefore(ph)
}

// progressiveFiller are the words of a progressive verb form and the time
// phrases inside it ("have for years been saying", "are now saying").
var progressiveFiller = set(`been be is are was were has have had also now long still for years months weeks decades some time`)

// notSpeechBefore are words after which a speech verb is not reporting
// speech ("is said to", "to say", "never said").
var notSpeechBefore = set(`to be been being is are was were not never who which that what didn't doesn't don't won't wouldn't couldn't can't hasn't haven't hadn't didn’t doesn’t don’t won’t wouldn’t couldn’t can’t hasn’t haven’t hadn’t`)

// nounish reports whether a word can end the subject of a reporting verb:
// a noun rather than a function word or an adverb.
func nounish(t wtok) bool {
	c := strings.ToLower(t.core)
	if c == "" || stopwords[c] || strings.HasSuffix(c, "ly") || len(c) < 3 || speechVerbs[c] {
		return false
	}
	return !strings.ContainsAny(t.t, ",;:.!?")
}

// hasTitleWord reports whether a role holds a job title ("Deputy Defense
// Minister"), as opposed to a stray capitalised word before a name.
func hasTitleWord(role string) bool {
	for _, w := range strings.Fields(strings.ToLower(role)) {
		if titleWords[w] && !stopwords[w] && !titleModifiers[w] {
			return true
		}
	}
	return false
}

// subjectLike reports whether the capitalised run at pos reads as a
// person acting or speaking: followed by an auxiliary, a speech verb, a
// past-tense verb or a comma, or preceded by a speech verb.
func subjectLike(ts []wtok, first, n int) bool {
	if first+n >= len(ts) {
		return false
	}
	if strings.HasSuffix(ts[first+n-1].t, ",") {
		return true
	}
	next := strings.ToLower(ts[first+n].core)
	if speechVerbs[next] || auxiliaries[next] || strings.HasSuffix(next, "ed") {
		return true
	}
	return first > 0 && isSpeech(ts[first-1])
}

// mentionOrder returns the indexes of the mentions before (para, pos),
// nearest first.
func (x *extractor) mentionOrder(para, pos int) []int {
	var idx []int
	for k, m := range x.mentions {
		if m.para < para || m.para == para && m.pos <= pos {
			idx = append(idx, k)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ma, mb := x.mentions[idx[a]], x.mentions[idx[b]]
		if ma.para != mb.para {
			return ma.para > mb.para
		}
		return ma.pos > mb.pos
	})
	return idx
}

// learnGender reads gender cues the text gives: in a sentence that names
// exactly one person outside quotes, "she"/"her" or "he"/"his" refer to
// that person.
func (x *extractor) learnGender() {
	for i, b := range x.blocks {
		spans := x.spans[i]
		for _, r := range x.sents[i] {
			var who *personInfo
			n, at := 0, 0
			for _, m := range x.mentions {
				// only the subject that opens the sentence: "she" in "after
				// she had heard that Doe was …" is somebody else
				if m.para == i && m.pos >= r[0] && m.pos < r[1] && !m.p.org && atMostWords(b.text[r[0]:m.pos], 4) {
					if who != m.p {
						n++
					}
					who, at = m.p, m.pos
				}
			}
			if n != 1 || who.gender != "" {
				continue
			}
			appos := appositionAfterName(b.text[:r[1]], at)
			f, male := 0, 0
			x.toks = appendWordToks(x.toks[:0], b.text[r[0]:r[1]])
			for _, t := range x.toks {
				if inSpans(r[0]+t.s, spans) || r[0]+t.s >= appos[0] && r[0]+t.s < appos[1] {
					// "Sam Ito, her rival, said": the pronoun inside the
					// subject's apposition is somebody else
					continue
				}
				switch strings.ToLower(t.core) {
				case "she", "her", "hers", "herself":
					f++
				case "he", "his", "him", "himself":
					male++
				}
			}
			switch {
			case f > 0 && male == 0:
				who.gender = "f"
			case male > 0 && f == 0:
				who.gender = "m"
			}
		}
	}
}

// appositionAfterName returns the byte range of text holding the
// apposition set off by commas right after the name that starts at pos
// ("Sam Ito, her rival, said"), or an empty range when the name is not
// followed by a comma.
func appositionAfterName(text string, pos int) [2]int {
	k := pos
	for k < len(text) {
		r, n := utf8.DecodeRuneInString(text[k:])
		if r == ',' {
			break
		}
		if unicode.IsLower(r) && (k == 0 || text[k-1] == ' ') {
			return [2]int{} // a lower-case word before any comma
		}
		k += n
	}
	if k >= len(text) {
		return [2]int{}
	}
	end := strings.IndexByte(text[k+1:], ',')
	if end < 0 {
		return [2]int{}
	}
	return [2]int{k + 1, k + 1 + end}
}

// opensSentence reports whether offset pos starts a sentence of text: it
// is at the start, or follows a sentence end or an introductory comma.
func opensSentence(text string, pos int) bool {
	b := strings.TrimRight(text[:pos], " ")
	if b == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(b)
	if r == ',' {
		// after a short introductory phrase: "Down the street, Jane Doe"
		start := strings.LastIndexAny(b[:len(b)-1], ".!?”\"")
		return countFields(b[start+1:]) <= 5
	}
	return r == '.' || r == '!' || r == '?' || r == '"' || r == '”'
}

// inParens reports whether offset pos of text is inside brackets.
func inParens(text string, pos int) bool {
	w := text[max(0, pos-200):pos] // brackets around a credit are short
	// the last bracket before pos opens: one pass back, no set to build
	for i := len(w) - 1; i >= 0; i-- {
		switch w[i] {
		case '(', '[':
			return true
		case ')', ']':
			return false
		}
	}
	return false
}

// previousSubject returns the person who is the subject of the sentence
// just before offset pos of paragraph i (or of the previous paragraph's
// last sentence when pos opens the paragraph), when that sentence is
// narration about them: "Durning did not need much coaxing. “I’m …”".
func (x *extractor) previousSubject(i, pos int) *personInfo {
	text := x.blocks[i].text[:pos]
	para := i
	if strings.TrimSpace(text) == "" {
		if i == 0 {
			return nil
		}
		para = i - 1
		text = x.blocks[para].text
	}
	rs := sentenceRanges(text)
	if len(rs) == 0 {
		return nil
	}
	r := rs[len(rs)-1]
	sent := text[r[0]:r[1]]
	if hasQuoteMark(sent) {
		return nil
	}
	// the last speaker the sentence names ("… but Chapman says that's not
	// what the union sees."), else its opening subject
	ts := wordToks(sent)
	for k := len(ts) - 1; k > 0; k-- {
		if !isSpeech(ts[k]) || !reportVerbs[ts[k].core] {
			continue
		}
		if a := subjectBeforeToks(ts[:k]); a.name != "" && !a.org {
			if p := x.findPerson(a.name, a.gender); p != nil {
				return p
			}
		}
		break
	}
	sp := leadSubject(sent)
	if !sp.valid() {
		return nil
	}
	if sp.pronoun != "" {
		return x.resolve(sp, para, r[0])
	}
	if sp.org {
		return nil
	}
	if p := x.findPerson(sp.name, sp.gender); p != nil || countFields(sp.name) == 1 {
		return p
	}
	// a full name opening the narration: "Trevor Nicholson, a senior
	// analyst, outlined …" followed by the quote
	return x.resolve(sp, para, r[0])
}

// described returns the unnamed speaker with this description, the same
// one each time within the article. Described speakers are quoted under
// their description but are not people: they get no Person entry and are
// never the antecedent of a pronoun.
func (x *extractor) described(desc string) *personInfo {
	if x.descs == nil {
		x.descs = map[string]*personInfo{}
	}
	if p, ok := x.descs[desc]; ok {
		return p
	}
	p := &personInfo{name: desc, desc: true}
	x.descs[desc] = p
	x.descOrder = append(x.descOrder, p)
	return p
}

// definiteOrg resolves "the company" or "the agency" to the organisation
// that spoke or was named as a speaker most recently, within three
// paragraphs.
func (x *extractor) definiteOrg(desc string, para, pos int) *personInfo {
	f := strings.Fields(desc)
	if len(f) < 2 || f[0] != "the" || !orgWords[f[len(f)-1]] {
		return nil
	}
	head := f[len(f)-1]
	for _, w := range f[1:] {
		if isCapWord(w) && !demonymLike(w) {
			// "the Brackton Freight group", "the Brackton-based firm": the
			// description names or places its own body
			return nil
		}
	}
	for _, k := range x.mentionOrder(para, pos) {
		m := x.mentions[k]
		if para-m.para > 3 {
			break
		}
		// "the company" is any business just named; "the commission"
		// only a body whose name says it is one
		if m.p.org && (genericOrgNouns[head] || containsFold(strings.Fields(m.p.name), head)) {
			return m.p
		}
	}
	if genericOrgNouns[head] && !hasCapWord(f) {
		// "the Ruritanian firm" may be any Ruritanian firm
		if name := x.namedBodyBefore(para, pos, head); name != "" {
			return x.resolve(speaker{name: name, org: true}, para, pos)
		}
	}
	return nil
}

// namedBodyBefore returns the name of the body that "the company" or "the
// agency" at (para, pos) most likely takes up when no organisation has
// spoken yet: the nearest name before it, in its paragraph or the two
// before, that is not a person, a place or a sentence's opening word
// ("Acme Freight lost money. The company said …"). It is "" when there is
// none. It runs only for such references, so it may read the text again.
func (x *extractor) namedBodyBefore(para, pos int, head string) string {
	for i := para; i >= 0 && para-i <= 2; i-- {
		text := x.blocks[i].text
		if i == para {
			text = text[:pos]
			// the reference itself ("Meanwhile, the company said") is
			// not an apposition to the name before it
			if j := strings.LastIndex(strings.ToLower(text), "the "+head); j >= 0 {
				text = text[:j]
			}
		}
		ts := wordToks(text)
		runs, rpos, idx := capRuns(ts, x.spans[i])
		for k := len(runs) - 1; k >= 0; k-- {
			r := runs[k]
			if k > 0 && idx[k] >= 2 && ts[idx[k]-1].t == "&" && idx[k-1]+len(runs[k-1]) == idx[k]-1 {
				// "Fenwick & Hale": one name around the ampersand
				r = append(append(append([]string{}, runs[k-1]...), "&"), r...)
				k--
			}
			if name := x.bodyName(ts, r, idx[k], opensSentence(text, rpos[k]), head); name != "" {
				return name
			}
		}
	}
	return ""
}

// bodyName returns the run of capitalised words r, starting at ts[first],
// as the name of a body that "the company" (head) may take up, or "" when
// the text gives no sign that it is one. A name marked as a body by its
// last word counts ("Acme Freight Corp"), but a public body ("Trade
// Commission") only for a reference with its own noun ("the commission").
// Any other name must be used as a body is, as the subject of a verb (or
// for one word the agent after "by"), and must not
// read as a person, a place, a date, a title, a demonym or a word
// capitalised only because it opens a sentence (lead). A business is
// named without an article ("Acme said"), so "the Acme" is left to the
// other references.
func (x *extractor) bodyName(ts []wtok, r []string, first int, lead bool, head string) string {
	prev := ""
	if first > 0 {
		prev = strings.ToLower(ts[first-1].core)
		if prev != "by" && (placePrepositions[prev] || notBodyBefore[prev]) || isTitleNoun(prev) || personNouns[prev] && !orgWords[prev] || prev == "the" && commercialNouns[head] {
			// "in Brackton", "on Main Street": places; "boss Jim
			// Wexley": a person
			return ""
		}
	}
	if appositionHead(ts, first+len(r), head) {
		// "Rally Brackton, the group that organised the march": the
		// apposition says what the name is
		name := strings.Join(r, " ")
		if sp := splitRunOpen(r, openBefore(ts, first)); sp.name == name && !strings.ContainsAny(name, "'’/") {
			return name
		}
		return ""
	}
	for j := range r {
		if t := ts[min(first+j, len(ts)-1)].t; strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "’s") {
			// "Brackton's mayor", "Acme's results": owners are places
			// and people as often as bodies
			return ""
		}
	}
	if !(prev == "by" && len(r) == 1) && !verbAfter(ts, first+len(r)) {
		return ""
	}
	if containsFold(r, "&") {
		// "Fenwick & Hale": names joined by an ampersand are a firm's
		return strings.Join(r, " ")
	}
	sp := splitRunOpen(r, openBefore(ts, first))
	if sp.name == "" || sp.gender != "" || hasTitleWord(sp.role) || sp.name != strings.Join(r, " ") || strings.ContainsRune(sp.name, '/') {
		// a name cut from a longer run ("New Brackton", "Writers
		// Without Walls") may not be the one meant; a photo credit
		// ("Jo Roe/Acme News") is nobody's
		return ""
	}
	ws := strings.Fields(sp.name)
	if lead && len(ws) == 1 {
		return "" // "News of the deal came …"
	}
	lastWord := strings.ToLower(ws[len(ws)-1])
	if documentWords[lastWord] {
		return "" // "the Brackton Water Act"
	}
	if sp.org {
		if !(commercialNouns[head] && nonBusinessWords[lastWord] || publicBodyWords[lastWord] && lastWord != head) {
			return sp.name
		}
		return ""
	}
	for _, w := range ws {
		l := strings.ToLower(w)
		if !isAcronym(w) && (!isCapWord(w) || descriptorCompound(w) || titleWords[l] || isHonorific(l) || runLeadSkip[l] || weekdays[l] || months[l] != 0 || placeWords[l] || timeWords[l]) {
			return ""
		}
	}
	if len(ws) == 1 {
		w := ws[0]
		l := strings.ToLower(w)
		if isAcronym(w) && len(w) <= 2 {
			return "" // "US", "EU": places and blocs
		}
		if !isAcronym(w) && (!nameWordCandidate(w, l) || lead || strings.HasSuffix(l, "ic") || strings.HasSuffix(l, "an")) {
			// one ordinary word opening a sentence ("Investors were
			// pleased"), a demonym or a common noun
			return ""
		}
	}
	// a name the article uses for a person is not a body's
	if x.findPerson(sp.name, "") != nil || len(ws) == 1 && x.findByFirstName(sp.name) != nil {
		return ""
	}
	for _, p := range x.persons {
		if !p.org && containsFold(p.aliases, sp.name) {
			return ""
		}
	}
	return sp.name
}

// bodyLike reports whether p, quoted just before an "it said", can be
// the body that "it" stands for: an organisation, a described body ("the
// firm"), or a one-word name the article never shows to be a person's
// (no gender, title or role).
func bodyLike(p *personInfo) bool {
	if p.org {
		return true
	}
	if p.desc {
		f := strings.Fields(strings.ToLower(p.name))
		return len(f) > 0 && orgWords[f[len(f)-1]]
	}
	// a one-word name never shown to be a person's: "Corvane", "Q-Mobile"
	return countFields(p.name) == 1 && p.gender == "" && !p.titled && len(p.roles) == 0
}

// containsFoldStr reports whether s holds sub, case ignored, without
// lowering either (it runs for every mention a role reference passes).
func containsFoldStr(s, sub string) bool {
	if sub == "" {
		return false
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// demonymLike reports whether a capitalised word has the ending of a
// nationality ("German", "Japanese", "Swedish", "Dutch").
func demonymLike(w string) bool {
	l := strings.ToLower(w)
	for _, suf := range []string{"an", "ese", "ish", "ch"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// hasCapWord reports whether one of the words is capitalised.
func hasCapWord(ws []string) bool {
	for _, w := range ws {
		if isCapWord(w) {
			return true
		}
	}
	return false
}

// appositionHead reports whether the name ending before ts[k] is followed
// by a comma and an apposition whose noun is head: "Acme, the company
// that …", "Acme, a Brackton firm,".
func appositionHead(ts []wtok, k int, head string) bool {
	if k <= 0 || k >= len(ts) || !strings.HasSuffix(ts[k-1].t, ",") {
		return false
	}
	if l := strings.ToLower(ts[k].core); l != "the" && l != "a" && l != "an" {
		return false
	}
	for j := k + 1; j < len(ts) && j <= k+3; j++ {
		if strings.ToLower(ts[j].core) == head {
			// "In Brackton, the company is fighting …": a subject with
			// its verb, not an apposition
			return strings.HasSuffix(ts[j].t, ",") || !verbAfter(ts, j+1)
		}
		if endsClause(ts[j].t) {
			break
		}
	}
	return false
}

// verbAfter reports whether ts[k] reads as the verb of a subject just
// before it: a speech verb, an auxiliary or a past form ("Acme said",
// "Acme has", "Acme posted").
func verbAfter(ts []wtok, k int) bool {
	if k >= len(ts) {
		return false
	}
	next := strings.ToLower(ts[k].core)
	return speechVerbs[next] || auxiliaries[next] || len(next) > 4 && strings.HasSuffix(next, "ed") && !strings.HasSuffix(next, "eed")
}

// documentWords end the names of laws and papers, which never speak.
var documentWords = set(`act bill law treaty accord agreement report plan code charter`)

// notBodyBefore come before places, times and things rather than bodies,
// besides placePrepositions: "on Main Street", "known as Brackton".
var notBodyBefore = set(`on over under about around against between beyond past as like than`)

// commercialNouns are the definite references that mean a business ("the
// company said"), which a public body ("Trade Commission") never is.
var commercialNouns = set(`company firm business retailer automaker carmaker airline insurer manufacturer developer startup giant corporation`)

// nonBusinessWords end the names of newspapers, broadcasters and schools,
// which "the company" does not mean.
var nonBusinessWords = set(`journal magazine newspaper times post press news channel radio television university college school hospital church`)

// publicBodyWords end the names of public bodies rather than businesses.
var publicBodyWords = set(`ministry department council police service office commission committee government court parliament senate congress assembly tribunal bureau cabinet embassy authority administration regulator watchdog`)

// epithetHead returns the head noun of a definite description of one
// person ("the 32-year-old labourer", "the affable proprietor"), or ""
// for groups, bodies and indefinite descriptions.
func epithetHead(desc string) string {
	f := strings.Fields(desc)
	if len(f) < 2 || f[0] != "the" {
		return ""
	}
	head := descHead(f[1:])
	base, _, _ := strings.Cut(head, "-") // "sergeant-at-arms" is one person
	if head == "" || orgWords[head] || strings.HasSuffix(base, "s") && !strings.HasSuffix(base, "ss") || head == "people" || head == "police" || head == "public" || head == "staff" || head == "family" || head == "government" {
		return ""
	}
	return head
}

// descHead returns the head noun of the words of a description: the last
// word before a preposition.
func descHead(f []string) string {
	head := ""
	for _, w := range f {
		l := strings.ToLower(strings.Trim(w, ",.;:"))
		if head != "" && (l == "of" || l == "with" || l == "for" || l == "at" || l == "from" || l == "in" || l == "who" || postModifiers[l] ||
			strings.HasSuffix(l, "ed") && (personNouns[head] || personNouns[strings.TrimSuffix(head, "s")])) {
			break
		}
		head = l
	}
	return head
}

// roleWords are the words a role must hold to match a description used
// as a reference: "the prime minister" needs "prime" and "minister", so
// it is not the home office minister named just before.
func roleWords(desc, head string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(desc)) {
		w = strings.Trim(w, ",.;:")
		if w == head {
			break
		}
		if !determiners[w] && !stopwords[w] && (titleWords[w] || titleModifiers[w]) {
			out = append(out, w)
		}
	}
	return append(out, head)
}

// roleHas reports whether a role holds every word of want.
func roleHas(role string, want []string) bool {
	low := strings.ToLower(role)
	for _, w := range want {
		if !strings.Contains(low, w) {
			return false
		}
	}
	return true
}

// comparisonWords introduce a person compared with the subject.
var comparisonWords = set(`like unlike`)

// bystanderNouns name people by kinship or circumstance ("the father",
// "the witness"), who are seldom the person just named, unlike a job
// ("the mayor", "the owner").
var bystanderNouns = set(`father mother son daughter wife husband brother sister uncle aunt cousin grandmother grandfather relative sibling friend neighbour neighbor witness victim child parent man woman boy girl baby fan viewer passerby bystander stranger`)

// genericOrgNouns stand for any organisation in a definite reference ("the
// company said"), unlike "the commission", which names a kind of body.
var genericOrgNouns = set(`company firm group organization organisation utility agency business retailer automaker carmaker airline insurer broadcaster manufacturer developer operator provider startup giant network corporation`)

// looksLikeAttribution reports whether quoted words are really an
// attribution caught between misplaced marks ("he said in a statement.").
func looksLikeAttribution(s string) bool {
	var buf [64]wtok // most texts here are short: keep their words off the heap
	ts := appendWordToks(buf[:0], firstWords(s, 11))
	if len(ts) == 0 || len(ts) > 10 || isCapWord(ts[0].core) {
		return false
	}
	for k := 0; k < len(ts) && k < 3; k++ {
		if isSpeech(ts[k]) {
			return k == 0 || pronounGender[strings.ToLower(ts[0].core)] != "" || ts[0].core == "they"
		}
	}
	return false
}

// isNarration reports whether the text between two quotations holds a
// sentence of narration, not just an attribution: '" Durning did not need
// much coaxing. "' as against '," Putin said. "'.
func isNarration(between string) bool {
	for _, sent := range splitSentences(strings.TrimSpace(between)) {
		ts := wordToks(sent)
		if len(ts) < 3 || !endsSentence(sent) {
			continue
		}
		speech := false
		for _, t := range ts {
			if isSpeech(t) {
				speech = true
				break
			}
		}
		if !speech {
			return true
		}
	}
	return false
}

// lastKnownPerson returns the last person named in text who is already
// known in the article, if any.
func (x *extractor) lastKnownPerson(text string) *personInfo {
	runs, _, _ := capRuns(wordToks(text), nil)
	for k := len(runs) - 1; k >= 0; k-- {
		sp := splitRun(runs[k])
		if sp.name == "" || sp.org {
			continue
		}
		if p := x.findPerson(sp.name, sp.gender); p != nil {
			return p
		}
	}
	return nil
}

// isKnown reports whether a speaker names a person or organisation the
// article has already met, or is a pronoun or description.
func (x *extractor) isKnown(sp speaker) bool {
	if sp.name == "" || sp.org {
		return sp.valid()
	}
	return x.findPerson(sp.name, sp.gender) != nil
}
