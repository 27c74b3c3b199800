package knowledge

import (
	"fmt"
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
			if r == '”' || r == '»' || r == '"' || (r == '“' && !unicode.IsSpace(prev) && i > open+openLen) {
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
	return out[:k]
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
	id       string
	blocks   []block
	persons  []*personInfo
	mentions []mention
	quotes   []Quote
	last     *personInfo // the last speaker, for floating quotes
	descs    map[string]*personInfo
	pending  []int       // unattributed quotes that run on into the next paragraph
	lastPara int
}

// extractQuotes finds the direct, partial and reported quotes of an
// article and the people who speak or are named with a title in it.
func extractQuotes(id string, blocks []block) ([]Quote, []Person) {
	x := &extractor{id: id, blocks: blocks, lastPara: -10}
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
func capRuns(text string, spans []span) (runs [][]string, pos []int) {
	ts := wordToks(text)
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			pos = append(pos, start)
		}
		cur = nil
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
		conn := nameConnectors[strings.ToLower(c)] && len(cur) > 0 && k+1 < len(ts) && isCapWord(ts[k+1].core)
		if cap || conn {
			if len(cur) == 0 {
				start = t.s
			}
			// possessives end a run: "Russia's Defense Ministry" is kept
			// whole only when an organisation word follows.
			cur = append(cur, c)
			if endsClause(t.t) || strings.ContainsAny(t.t[:len(t.t)-len(strings.TrimLeft(t.t, `"“‘(`))], `"“`) {
				flush()
			}
			continue
		}
		flush()
	}
	flush()
	return runs, pos
}

// inSpans reports whether offset o lies inside one of the quote spans.
func inSpans(o int, spans []span) bool {
	for _, s := range spans {
		if o >= s.open && o < s.close {
			return true
		}
	}
	return false
}

// collectNames finds the people named with a title or honorific, or by a
// full name whose family name the article also uses alone, so pronouns and
// bare family names can be resolved to them.
func (x *extractor) collectNames() {
	type cand struct {
		sp   speaker
		para int
		pos  int
		lead bool // the run opens its sentence, where news names its subject
		subj bool // the run is followed by a verb or preceded by a speech verb
	}
	var cands []cand
	singles := map[string]bool{}
	for i, b := range x.blocks {
		spans := findSpans(b.text)
		runs, pos := capRuns(b.text, spans)
		for k, r := range runs {
			sp := splitRun(r)
			if sp.name == "" {
				continue
			}
			subj := subjectLike(b.text, pos[k], r)
			if subj {
				singles[strings.ToLower(sp.name)] = true
			}
			cands = append(cands, cand{sp, i, pos[k], opensSentence(b.text, pos[k]), subj})
		}
	}
	for _, c := range cands {
		sp := c.sp
		if sp.org || placeWords[surname(sp.name)] || inParens(x.blocks[c.para].text, c.pos) {
			// organisations speak only when attributed; places and names
			// in brackets (photo credits) are never antecedents
			continue
		}
		words := strings.Fields(sp.name)
		full := len(words) >= 2
		titled := hasTitleWord(sp.role) || sp.gender != ""
		short := strings.ToLower(strings.Join(words[1:], " "))
		if !(full && (titled || singles[short] || singles[surname(sp.name)] || c.lead)) && !(titled && len(words) == 1) {
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

// addAlias records a form of the name, a role and a gender cue.
func (x *extractor) addAlias(p *personInfo, sp speaker) {
	if len(strings.Fields(sp.name)) > len(strings.Fields(p.name)) {
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
		if p.org || surname(p.name) != sn {
			continue
		}
		if gender != "" && p.gender != "" && gender != p.gender {
			continue
		}
		if len(strings.Fields(name)) == 1 || sameName(p.name, name) || strings.HasSuffix(strings.ToLower(p.name), " "+strings.ToLower(name)) {
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
	case sp.pronoun != "":
		var best, bestSubj *mention
		for k := range x.mentions {
			m := &x.mentions[k]
			if m.para > para || m.para == para && m.pos > pos || para-m.para > 4 {
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
		if best == nil {
			return nil
		}
		if best.p.gender == "" && sp.pronoun != "it" {
			best.p.gender = sp.gender
		}
		return best.p
	case sp.roleRef != "":
		var any *personInfo
		for _, k := range x.mentionOrder(para, pos) {
			m := x.mentions[k]
			if m.para > para || m.para == para && m.pos > pos || m.p.org {
				continue
			}
			if para-m.para > 3 {
				continue
			}
			for _, r := range m.p.roles {
				if strings.Contains(strings.ToLower(r), sp.roleRef) {
					return m.p
				}
			}
			if any == nil {
				any = m.p
			}
		}
		if any != nil || sp.desc == "" {
			return any
		}
		return x.described(sp.desc)
	case sp.desc != "" && sp.name == "":
		if p := x.definiteOrg(sp.desc, para, pos); p != nil {
			return p
		}
		return x.described(sp.desc)
	case sp.name == "":
		return nil
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
	if p == nil && len(strings.Fields(name)) == 1 {
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
	spans := findSpans(text)

	if b.pullName != "" && len(spans) == 0 {
		p := x.resolve(speaker{name: b.pullName, role: b.pullRole, alias: b.pullName}, i, 0)
		if p != nil && b.pullRole != "" && !containsFold(p.roles, b.pullRole) {
			p.roles = append(p.roles, b.pullRole)
		}
		x.add(Direct, strings.TrimRight(text, " ,"), p, i, b.pullRole, len(text))
		return
	}

	sents := sentenceRanges(text)
	sentOf := func(o int) (int, int) {
		for _, r := range sents {
			if o >= r[0] && o < r[1] {
				return r[0], r[1]
			}
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
		ss, se := sentOf(s.open)
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

		if a, ok := attrAfter(after); ok {
			qs[j].attr = &attribution{a, s.close}
		} else if a, ok, emb := attrBefore(before, content); ok {
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
		}
		_ = se
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
	for _, r := range sents {
		hadDirect := false
		for j, q := range qs {
			if q.sp.open < r[0] || q.sp.open >= r[1] || q.skip || q.embedded {
				continue
			}
			content := strings.TrimSpace(text[q.sp.s:q.sp.e])
			words := len(strings.Fields(content))
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
			continue
		}
		var local []span
		for _, q := range qs {
			if q.sp.open >= r[0] && q.sp.open < r[1] && !q.skip {
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

// clauses splits a sentence where a second reporting clause begins
// (", but", "; ", ", while"), so two speakers in one sentence get one
// quote each. Quoted words are never split.
func clauses(s string, spans []span) [][2]int {
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
			// only split when the second part reports speech of its own
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
	spans := findSpans(x.blocks[i].text)
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
		k := strings.TrimRight(normKey(stripQuotesAll(q.Text)), ".,;: ")
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
func attrAfter(after string) (speaker, bool) {
	a := strings.TrimLeft(after, " ,—–-")
	if a == "" || strings.HasPrefix(a, ".") || strings.HasPrefix(a, "(") {
		return speaker{}, false
	}
	ts := wordToks(a)
	if len(ts) == 0 {
		return speaker{}, false
	}
	if isSpeech(ts[0]) {
		if len(ts) > 1 {
			rest := a[ts[1].s:]
			if sp := subjectAfter(rest); sp.valid() {
				return sp, true
			}
		}
		return speaker{}, false
	}
	for k := 1; k < len(ts) && k <= 16; k++ {
		if endsSentenceTok(ts[k-1].t) {
			break
		}
		if isSpeech(ts[k]) {
			sp := subjectBefore(a[:ts[k].s])
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
func attrBefore(before, content string) (sp speaker, ok, embedded bool) {
	ts := wordToks(before)
	for k := len(ts) - 1; k >= 0 && len(ts)-k <= 14; k-- {
		if !isSpeech(ts[k]) {
			continue
		}
		between := strings.TrimSpace(before[ts[k].e:])
		lowBetween := strings.ToLower(between)
		direct := between == "" || strings.HasSuffix(between, ",") || strings.HasSuffix(between, ":") || lowBetween == "that" || strings.HasSuffix(between, "—") || strings.HasSuffix(between, "–")
		if between == "" || lowBetween == "that" {
			direct = direct && startsUpper(content)
		}
		sp = speaker{}
		if k+1 < len(ts) && isCapWord(ts[k+1].core) && strings.HasSuffix(between, ",") {
			// inverted: 'asks editor Jane Doe, "…"'
			sp = subjectAfter(between)
		}
		if !sp.valid() {
			sp = subjectBefore(before[:ts[k].s])
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
	ts := wordToks(s)
	// skip an introductory phrase ending with a comma
	start := 0
	for k, t := range ts {
		if k > 6 {
			break
		}
		if strings.HasSuffix(t.t, ",") {
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
			ts := wordToks(b)
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
	ts := wordToks(s)
	if len(ts) < 4 {
		return
	}
	partial := len(spans) > 0
	verbs := reportVerbs
	if partial {
		verbs = speechVerbs
	}
	var sp speaker
	found, generic := false, false
	pos := off
	for k, t := range ts {
		if inSpans(t.s, spans) {
			continue
		}
		c := t.core
		low := strings.ToLower(c)
		if low == "according" && k+2 < len(ts) && strings.ToLower(ts[k+1].core) == "to" {
			sp = subjectAfter(s[ts[k+2].s:])
			found, generic, pos = true, !sp.valid(), off+t.s
			break
		}
		if isCapWord(c) || !verbs[c] && !participleSpeech[c] {
			continue
		}
		next, prev := "", ""
		if k+1 < len(ts) {
			next = strings.ToLower(ts[k+1].core)
		}
		if k > 0 {
			prev = strings.ToLower(ts[k-1].core)
		}
		if next == "by" || next == "to" && c != "told" || notSpeechBefore[prev] {
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
			continue
		}
		if rest < 2 {
			// "…, Lonechild said." ends the sentence: the subject must
			// follow a comma closely.
			cut := strings.LastIndex(s[:t.s], ",")
			if cut < 0 || len(wordToks(s[cut+1:t.s])) > 8 {
				continue
			}
		}
		var a speaker
		if k > 0 && strings.HasSuffix(ts[k-1].t, ",") && rest >= 1 && rest <= 12 && k+1 < len(ts) && isCapWord(ts[k+1].core) {
			// inverted: "…, adds Jane Doe."
			a = subjectAfter(s[ts[k].e:])
		}
		if !a.valid() {
			a = subjectBefore(s[:t.s])
		}
		if !a.valid() {
			if prev == "and" || prev == "but" {
				a = leadSubject(s[:t.s])
				if !a.valid() && k == 1 && lead != "" {
					a = leadSubject(lead)
				}
			} else if k == 0 && lead != "" {
				a = leadSubject(lead)
			}
		}
		if !a.valid() && k > 0 && strings.HasSuffix(ts[k-1].t, ",") && rest >= 1 && rest <= 12 {
			// inverted: "…, said Jane Doe."
			a = subjectAfter(s[ts[k].e:])
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
		if sp.name != "" && !sp.org && len(strings.Fields(sp.name)) == 1 && x.findPerson(sp.name, "") == nil {
			// A lone capitalised word is a person only when the article
			// names that person in full somewhere: "Washington says"
			// reports no speaker, "Lonechild said" does.
			sp = speaker{}
		} else {
			who = x.resolve(sp, para, pos)
		}
	}
	kind := Reported
	if partial {
		kind = Partial
	}
	x.add(kind, strings.TrimRight(strings.TrimSpace(s), ",;: "), who, para, sp.role, pos)
}

// notSpeechBefore are words after which a speech verb is not reporting
// speech ("is said to", "to say", "never said").
var notSpeechBefore = set(`to be been being is are was were not never who which that what`)

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
func subjectLike(text string, pos int, run []string) bool {
	end := min(len(text), pos+40*(len(run)+2))
	ts := wordToks(text[pos:end])
	if len(ts) <= len(run) {
		return false
	}
	last := ts[len(run)-1].t
	if strings.HasSuffix(last, ",") {
		return true
	}
	next := strings.ToLower(ts[len(run)].core)
	if speechVerbs[next] || auxiliaries[next] || strings.HasSuffix(next, "ed") {
		return true
	}
	before := wordToks(text[max(0, pos-40):pos])
	return len(before) > 0 && isSpeech(before[len(before)-1])
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
		spans := findSpans(b.text)
		for _, r := range sentenceRanges(b.text) {
			var who *personInfo
			n := 0
			for _, m := range x.mentions {
				// only the subject that opens the sentence: "she" in "after
				// she had heard that Doe was …" is somebody else
				if m.para == i && m.pos >= r[0] && m.pos < r[1] && !m.p.org && len(strings.Fields(b.text[r[0]:m.pos])) <= 4 {
					if who != m.p {
						n++
					}
					who = m.p
				}
			}
			if n != 1 || who.gender != "" {
				continue
			}
			f, male := 0, 0
			for _, t := range wordToks(b.text[r[0]:r[1]]) {
				if inSpans(r[0]+t.s, spans) {
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
		return len(strings.Fields(b[start+1:])) <= 5
	}
	return r == '.' || r == '!' || r == '?' || r == '"' || r == '”'
}

// inParens reports whether offset pos of text is inside brackets.
func inParens(text string, pos int) bool {
	open := strings.LastIndexAny(text[:pos], "([")
	if open < 0 {
		return false
	}
	close := strings.LastIndexAny(text[:pos], ")]")
	return close < open
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
	return x.findPerson(sp.name, sp.gender)
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
	for _, k := range x.mentionOrder(para, pos) {
		m := x.mentions[k]
		if para-m.para > 3 {
			break
		}
		if m.p.org {
			return m.p
		}
	}
	return nil
}
