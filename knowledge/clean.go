package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// block is one cleaned paragraph of the body. pullName and pullRole are
// set when the paragraph is a pull-quote followed by a name line, so the
// quote extractor can credit it without seeing the name line as text.
type block struct {
	text     string
	pullName string
	pullRole string
}

// cleanDoc is the body of an article with boilerplate removed, plus the
// metadata found while removing it.
type cleanDoc struct {
	blocks    []block
	title     string
	publisher string
	published string
	dateline  string
	author    string
}

// line is one raw line with what the cleaner learnt about it.
type line struct {
	text string
	drop bool
}

// cleanDocument removes web furniture from raw scraped text by the shape
// of its lines (sentence punctuation, stopword density, script, repeated
// lines), not by knowing any site, and infers title, date, publisher and
// dateline on the way.
func cleanDocument(text string) cleanDoc {
	var d cleanDoc
	var ls []line
	for _, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(normSpaces(raw))
		t = trimUIPrefix(t)
		if t == "" {
			continue
		}
		ls = append(ls, line{text: t})
	}
	latin := mostlyLatin(text)

	// Pass 1: lines that are furniture wherever they stand, and metadata
	// lines (dates, site names, copyright notices).
	for i := range ls {
		t := ls[i].text
		if pub, ok := siteLine(t); ok {
			if d.publisher == "" {
				d.publisher = pub
			}
			ls[i].drop = true
			continue
		}
		if author, pub, ok := bylineLine(t); ok && i < 12 {
			if d.author == "" {
				d.author = author
			}
			if pub != "" && d.publisher == "" {
				d.publisher = pub
			}
			ls[i].drop = true
			continue
		}
		if date, ok := dateLine(t); ok {
			if d.published == "" {
				d.published = date
			}
			ls[i].drop = true
			continue
		}
		if pub, ok := copyrightLine(t); ok {
			if pub != "" && d.publisher == "" {
				d.publisher = pub
			}
			ls[i].drop = true
			continue
		}
		if isBoilerplate(t, latin) {
			ls[i].drop = true
		}
	}

	// Pass 2: the title is the first headline-shaped line near the top;
	// what stands before it is page header.
	d.title = findTitle(ls)
	if d.title != "" {
		tk := normKey(stripOuterQuotes(d.title))
		before := true
		for i := range ls {
			if ls[i].drop {
				continue
			}
			k := normKey(stripOuterQuotes(ls[i].text))
			if k == tk {
				ls[i].drop = true
				before = false
				continue
			}
			if before {
				ls[i].drop = true
			}
		}
		d.title = strings.TrimSpace(stripOuterQuotes(d.title))
	}

	// Pass 3: captions that end with the site's name ("... - Site").
	if d.publisher != "" {
		suffix := strings.ToLower(" - " + d.publisher)
		for i := range ls {
			if strings.HasSuffix(strings.ToLower(ls[i].text), suffix) {
				ls[i].drop = true
			}
		}
	}

	// Pass 4: body paragraphs, with pull-quote name lines folded in and
	// headings dropped.
	var kept []string
	for i := range ls {
		if !ls[i].drop {
			kept = append(kept, ls[i].text)
		}
	}
	for i := 0; i < len(kept); i++ {
		t := kept[i]
		if !isProse(t) {
			continue
		}
		b := block{text: t}
		if name, role, n := pullQuoteName(kept, i+1); n > 0 && !hasQuoteMark(t) {
			b.pullName, b.pullRole = name, role
			i += n
		}
		d.blocks = append(d.blocks, b)
	}

	// Pass 5: a dateline at the start of the first paragraph.
	if len(d.blocks) > 0 {
		rest, place, date, agency := splitDateline(d.blocks[0].text)
		if rest != d.blocks[0].text {
			d.blocks[0].text = rest
			if place != "" {
				d.dateline = place
			}
			if date != "" {
				d.published = date
			}
			if agency != "" {
				d.publisher = agency
			}
		}
	}

	// Pass 6: a headline run into the first paragraph with no break, as
	// some plain-text dumps have it ("Bank keeps rates on hold The Bank of
	// England …").
	if d.title == "" && len(d.blocks) > 0 {
		if title, rest, ok := splitGluedHeadline(d.blocks[0].text); ok {
			d.title = title
			d.blocks[0].text = rest
		}
	}

	d.blocks = dedupeBlocks(d.blocks)
	return d
}

// splitGluedHeadline finds a headline joined to the first sentence of a
// long paragraph without punctuation. The body starts at a capitalised
// word right after a lower-case one (where running prose would need a
// full stop) when that word opens sentences ("The", "A", "Shares") or
// names again, within a few words, someone or something the headline
// named ("Roe beats rival in final Jane Roe saved …", "SBC plans
// job cuts US phone company SBC …"). The headline must be short and the
// paragraph long, so ordinary first sentences are left whole.
func splitGluedHeadline(p string) (title, rest string, ok bool) {
	if strings.Count(p, " ") < 24 {
		return "", "", false
	}
	head := p
	if len(head) > 400 {
		// the headline and the few words after it are all that is read
		head = head[:400]
	}
	var buf [64]wtok // most texts here are short: keep their words off the heap
	ts := appendWordToks(buf[:0], head)
	if len(head) < len(p) && len(ts) > 0 {
		ts = ts[:len(ts)-1] // the last word may be cut
	}
	for k := 3; k < len(ts) && k <= 12; k++ {
		prev := ts[k-1]
		if strings.ContainsAny(prev.t[len(prev.t)-1:], ".!?:;,—–-") {
			return "", "", false
		}
		c := ts[k].core
		if !isCapWord(c) {
			continue
		}
		pl := strings.ToLower(prev.core)
		if pl == "" || isCapWord(prev.core) || stopwords[pl] || speechVerbs[pl] || clauseWords[pl] || nameConnectors[pl] {
			continue
		}
		l := strings.ToLower(c)
		opener := l == "the" || l == "a" || l == "an" || pronounGender[l] != "" || isHonorific(l)
		again := false
		for n := k; n < len(ts) && n < k+4 && !again; n++ {
			if n > k && endsClause(ts[n-1].t) {
				break
			}
			if !isCapWord(ts[n].core) || stopwords[strings.ToLower(ts[n].core)] {
				continue
			}
			w := strings.TrimSuffix(strings.TrimSuffix(ts[n].core, "'s"), "’s")
			for _, h := range ts[:k] {
				if hw := strings.TrimSuffix(strings.TrimSuffix(h.core, "'s"), "’s"); hw == w && (len(w) > 2 || isAcronym(w)) {
					again = true
				}
			}
		}
		if !opener && !again {
			continue
		}
		return strings.TrimSpace(p[:ts[k].s]), p[ts[k].s:], true
	}
	return "", "", false
}

// uiPrefixes are the words of a photo widget that some pages run into
// the caption or paragraph that follows ("Open this photo in gallery A
// cyclist rides …").
var uiPrefixes = []string{"open this photo in gallery", "enlarge this image", "image caption", "hide caption", "toggle caption"}

// trimUIPrefix removes a photo widget's words from the start of a line.
func trimUIPrefix(t string) string {
	if len(t) < 12 {
		return t
	}
	for _, p := range uiPrefixes {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
			return strings.TrimSpace(t[len(p):])
		}
	}
	return t
}

// normSpaces turns the many Unicode spaces of scraped pages into plain
// spaces and collapses runs of them.
func normSpaces(s string) string {
	// ASCII other than spaces is copied a run at a time: this runs on
	// every line of every file.
	var b strings.Builder
	space := false
	run := 0 // start of the bytes of s not yet copied, or -1
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' {
			if run < 0 {
				if space {
					b.WriteByte(' ')
					space = false
				}
				run = i
			}
			i++
			continue
		}
		if run >= 0 {
			if run == 0 && b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[run:i])
			run = -1
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch r {
		case '\u200b', '\ufeff':
			continue
		case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2009', '\u202f', '\u2007', '\u2002', '\u2003':
			space = b.Len() > 0
			continue
		}
		if r >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if run == 0 {
		// nothing to change; still a copy, so that the lines kept do not
		// hold the whole file in memory
		return strings.Clone(s)
	}
	if run > 0 {
		b.WriteString(s[run:])
	}
	return b.String()
}

// mostlyLatin reports whether the letters of text are mostly Latin, so a
// line in another script stands out as page furniture.
func mostlyLatin(text string) bool {
	var latin, other int
	check := 0
	for i := 0; i < len(text); {
		if i >= check {
			// A letter outside ASCII takes two bytes or more, so the rest
			// of the text cannot add more than half its length to other:
			// most texts are decided long before their end.
			if latin >= other+(len(text)-i)/2 {
				return true
			}
			check = i + 256
		}
		if c := text[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				latin++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsLetter(r) {
			if unicode.Is(unicode.Latin, r) {
				latin++
			} else {
				other++
			}
		}
	}
	return latin >= other
}

var (
	reTimestamp = regexp.MustCompile(`^[\d:./\s-]*$`)
	rePrintf    = regexp.MustCompile(`%[sd]\b`)
	reListItem  = regexp.MustCompile(`^\d+\.\s`)
)

// isBoilerplate reports whether a line is web furniture by its shape:
// icon strings, forms, menus, timestamps, lines in a foreign script.
func isBoilerplate(t string, latin bool) bool {
	nWords := countWordsMax(t, 26) // compared with 25 at most
	switch {
	case reTimestamp.MatchString(t):
		return true
	case rePrintf.MatchString(t):
		return true
	case strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
		return true
	case strings.HasPrefix(t, "©"):
		return true
	case strings.Count(t, " | ") >= 2:
		return true
	}
	if latin {
		var l, other int
		for _, r := range t {
			if r < utf8.RuneSelf {
				if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
					l++
				}
				continue
			}
			if unicode.IsLetter(r) {
				if unicode.Is(unicode.Latin, r) {
					l++
				} else {
					other++
				}
			}
		}
		if other > l {
			return true
		}
	}
	// Long runs of words with almost no function words and no sentence
	// punctuation are icon names, tag clouds or menus.
	if nWords >= 8 && !strings.ContainsAny(t, ".?!") && stopRatio(strings.Fields(t)) < 0.08 {
		return true
	}
	if nWords <= 3 || nWords <= 25 && (!endsSentence(t) || reListItem.MatchString(t)) {
		low := strings.ToLower(t)
		for _, p := range uiPhrases {
			if strings.Contains(low, p) {
				return true
			}
		}
	}
	return false
}

// countWords counts the space-separated words of t without allocating.
func countWords(t string) int {
	return countWordsMax(t, len(t))
}

// countWordsMax is min(countWords(t), limit): it stops reading at the word
// past the limit, for callers that only compare the count with small
// numbers while t may be a whole paragraph.
func countWordsMax(t string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(t); i++ {
		sp := t[i] == ' ' || t[i] == '\t' || t[i] == '\n'
		if !sp && !in {
			if n == limit {
				return n
			}
			n++
		}
		in = !sp
	}
	return n
}

// stopRatio is the share of words that are stopwords.
func stopRatio(words []string) float64 {
	if len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if stopwords[strings.ToLower(strings.Trim(w, `.,;:!?"'()“”‘’`))] {
			n++
		}
	}
	return float64(n) / float64(len(words))
}

// endsSentence reports whether a line ends like a sentence: with a full
// stop, question or exclamation mark, possibly inside closing quotes or
// brackets.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, `"'”’)]» `)
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == '?' || r == '!' || r == '…'
}

// isProse reports whether a kept line is body text rather than a heading,
// a label or a stray fragment.
func isProse(t string) bool {
	if _, _, ok := tweetCredit(t); ok {
		// an embedded post ends with its credit line, not a full stop
		return true
	}
	n := countWordsMax(t, 10) // compared with 10 at most
	if endsSentence(t) {
		return n >= 3 || hasQuoteMark(t)
	}
	// Long lines without final punctuation are still prose (a pull-quote
	// ends with a comma, some scraped paragraphs lose their full stop).
	return n >= 10 && stopRatio(strings.Fields(t)) >= 0.15
}

// hasQuoteMark reports whether t contains a double quote mark of any kind.
func hasQuoteMark(t string) bool {
	return strings.ContainsAny(t, "\"“”„«»")
}

// stripOuterQuotes removes quote marks that wrap a whole line.
func stripOuterQuotes(t string) string {
	t = strings.TrimSpace(t)
	for {
		r, n := utf8.DecodeRuneInString(t)
		if n == 0 || !isDoubleQuote(r) {
			break
		}
		l, m := utf8.DecodeLastRuneInString(t)
		if !isDoubleQuote(l) || len(t) <= n+m {
			break
		}
		t = strings.TrimSpace(t[n : len(t)-m])
	}
	return t
}

// isDoubleQuote reports whether r is a double quote mark of any style.
func isDoubleQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

// findTitle picks the headline: the first line near the top that is
// shaped like one (a few words, no final full stop) and is preceded only
// by page furniture.
func findTitle(ls []line) string {
	seen, words := 0, 0
	for _, l := range ls {
		if l.drop {
			continue
		}
		if seen >= 4 || words > 60 {
			return ""
		}
		if headlineShaped(l.text) {
			return l.text
		}
		seen++
		words += countWordsMax(l.text, 61) // only "more than 60" matters
	}
	return ""
}

// headlineShaped reports whether t looks like a headline.
func headlineShaped(t string) bool {
	s := stripOuterQuotes(t)
	if n := countWordsMax(s, 21); n < 3 || n > 20 {
		return false
	}
	end := strings.TrimRight(s, `"'”’)`)
	if strings.HasSuffix(end, ".") || strings.HasSuffix(end, "…") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return false
	}
	if len(splitSentences(s)) > 1 {
		return false
	}
	low := strings.ToLower(s)
	for _, p := range uiPhrases {
		if strings.Contains(low, p) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

var reSiteLine = regexp.MustCompile(`^[-–—|]\s*([A-Z][\w.&'’ /-]{1,60})$`)

// siteLine recognises a line that names the site alone, as in
// "- Site Name", and returns the name.
func siteLine(t string) (string, bool) {
	m := reSiteLine.FindStringSubmatch(t)
	if m == nil || countFields(m[1]) > 5 {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

var reCopyright = regexp.MustCompile(`(?i)^(?:copyright|\(c\)|©)\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[.,]?\s*([^.,]*(?:\.[A-Za-z]+)?)`)

// containsFoldASCII reports whether s contains sub, a lower-case ASCII
// word, in any mix of ASCII case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// copyrightLine recognises a copyright footer and returns the holder it
// names, which is usually the publisher.
func copyrightLine(t string) (string, bool) {
	if t == "" || t[0] != 'c' && t[0] != 'C' && t[0] != '(' && !strings.HasPrefix(t, "©") && !containsFoldASCII(t, "reserved") {
		// Nothing below can match: lowering maps only "C"/"c" to "c",
		// "(" to itself, and only ASCII letters to the letters of
		// "reserved". Most lines are not footers; skip the lowering.
		return "", false
	}
	low := strings.ToLower(t)
	if !strings.HasPrefix(low, "copyright") && !strings.HasPrefix(low, "(c)") && !strings.HasPrefix(t, "©") {
		if !strings.Contains(low, "all rights reserved") {
			return "", false
		}
		return "", true
	}
	m := reCopyright.FindStringSubmatch(t)
	if m == nil {
		return "", true
	}
	holder := strings.TrimSpace(m[1])
	for _, suf := range []string{" Inc", " Ltd", " LLC", " Corp", " Co"} {
		holder = strings.TrimSuffix(holder, suf)
	}
	holder = strings.TrimSpace(strings.Trim(holder, ",. "))
	if countFields(holder) > 5 || holder == "" {
		return "", true
	}
	return holder, true
}

// pullQuoteName recognises the name line under a pull-quote:
// "Role,\nFirst Last" or "— First Last". It returns the name, the role and
// how many lines it used, or 0 when lines[i:] does not start with one.
func pullQuoteName(lines []string, i int) (name, role string, n int) {
	if i >= len(lines) {
		return "", "", 0
	}
	t := strings.TrimSpace(strings.TrimLeft(lines[i], "-–— "))
	if strings.HasSuffix(t, ",") && i+1 < len(lines) && nameLine(lines[i+1]) {
		return strings.TrimSpace(lines[i+1]), strings.TrimSuffix(t, ","), 2
	}
	if nameLine(t) && lines[i] != t {
		return t, "", 1
	}
	if before, after, ok := strings.Cut(t, ", "); ok && nameLine(before) && countFields(after) <= 8 && !endsSentence(t) {
		return before, after, 1
	}
	return "", "", 0
}

// nameLine reports whether a whole line is a person's name: two to four
// capitalised words and nothing else.
func nameLine(t string) bool {
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, ",.;:!?\"“”") && !isInitial(w) {
			return false
		}
		if titleWords[strings.ToLower(w)] || stopwords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// isInitial reports whether w is an initial such as "J.".
func isInitial(w string) bool {
	return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, ".") && unicode.IsUpper([]rune(w)[0])
}

// dedupeBlocks drops repeated paragraphs. When one paragraph repeats
// another and adds to it (a lead repeated with its attribution), the
// fuller one is kept in the place of the first.
func dedupeBlocks(bs []block) []block {
	var out []block
	var keys []string
	for _, b := range bs {
		k := strings.TrimRight(normKeyBare(b.text), ".,;: ")
		dup := false
		for j, o := range keys {
			if k == o || len(k) >= 40 && strings.HasPrefix(o, k) {
				if k == o && hasQuoteMark(b.text) && !hasQuoteMark(out[j].text) {
					// the same words in quote marks say more: who speaks
					out[j].text = b.text
				}
				dup = true
				break
			}
			if len(o) >= 40 && strings.HasPrefix(k, o) {
				out[j].text = b.text
				keys[j] = k
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, b)
			keys = append(keys, k)
		}
	}
	return out
}
