package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSentences splits one paragraph into sentences. A full stop ends a
// sentence only when it is not part of an abbreviation ("U.S.", "Mr.",
// "N.W."), an initial ("J. Smith") or a number, and never inside a quote
// that closes within the paragraph, so a quotation of several sentences
// stays with its attribution.
func splitSentences(p string) []string {
	closedQuotes := quoteClosesInParagraph(p)
	var out []string
	start := 0
	inQuote := false
	rs := []rune(p)
	// byte offsets of each rune
	offs := make([]int, len(rs)+1)
	{
		o := 0
		for i, r := range rs {
			offs[i] = o
			o += utf8.RuneLen(r)
		}
		offs[len(rs)] = o
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if closedQuotes {
			switch {
			case r == '“' || r == '„' || r == '«':
				inQuote = true
			case r == '”' || r == '»':
				inQuote = false
			case r == '"':
				inQuote = !inQuote
			}
		}
		if r != '.' && r != '?' && r != '!' && r != '…' {
			continue
		}
		// Take in closing quote marks and brackets after the stop.
		j := i + 1
		for j < len(rs) && (rs[j] == '.' || rs[j] == '?' || rs[j] == '!') {
			j++
		}
		closes := false
		for j < len(rs) && strings.ContainsRune(`"”’')]»`, rs[j]) {
			if rs[j] == '"' || rs[j] == '”' || rs[j] == '»' {
				closes = true
			}
			j++
		}
		if j < len(rs) && !unicode.IsSpace(rs[j]) {
			continue
		}
		if inQuote && !closes {
			continue
		}
		// Find the next word.
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k >= len(rs) {
			break
		}
		if r == '.' && !sentenceBreakAfterPeriod(rs, i, k) {
			continue
		}
		if closes {
			// A quote that ends with a stop and is followed by its
			// attribution ('"... lost." he said') is not a break.
			if closedQuotes {
				inQuote = false
			}
			if nextIsLower(rs, k) {
				continue
			}
		}
		s := strings.TrimSpace(p[offs[start]:offs[j]])
		if s != "" {
			out = append(out, s)
		}
		start = k
		i = k - 1
	}
	if s := strings.TrimSpace(p[offs[start]:]); s != "" {
		out = append(out, s)
	}
	return out
}

// nextIsLower reports whether the word at k starts with a lower-case
// letter.
func nextIsLower(rs []rune, k int) bool {
	return k < len(rs) && unicode.IsLower(rs[k])
}

// sentenceBreakAfterPeriod decides whether the full stop at i, with the
// next word starting at k, ends a sentence.
func sentenceBreakAfterPeriod(rs []rune, i, k int) bool {
	// The word before the stop.
	w := i
	for w > 0 && !unicode.IsSpace(rs[w-1]) && !strings.ContainsRune(`"“”(`, rs[w-1]) {
		w--
	}
	word := string(rs[w:i])
	low := strings.ToLower(strings.TrimLeft(word, `'‘(["“`))
	next := rs[k]
	if unicode.IsLower(next) || unicode.IsDigit(next) && isNumberish(low) {
		return false
	}
	if utf8.RuneCountInString(low) == 1 && unicode.IsUpper([]rune(word)[len([]rune(word))-1]) {
		// An initial, as in "J. Smith"; "Plan B." ends a sentence only
		// before a common sentence opener.
		return startsWithStopword(rs, k)
	}
	if abbreviations[low] || abbreviations[strings.TrimSuffix(low, ".")] {
		switch low {
		case "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "rev", "hon", "supt", "det", "const", "cpl", "pvt", "maj", "brig", "insp", "coun", "fr", "mt", "ft", "cmdr", "adm", "no", "vs", "fig", "approx", "dept", "est":
			return false
		}
		// "U.S.", "Inc.", "a.m." can end a sentence: break only before a
		// word that usually opens one.
		return startsWithStopword(rs, k)
	}
	if strings.Count(low, ".") >= 1 && len(low) <= 6 {
		// Dotted acronyms not in the list: "N.W.", "U.S.-led" handled by
		// the hyphen (no space), so here only a bare acronym.
		return startsWithStopword(rs, k)
	}
	return true
}

// isNumberish reports whether w ends in a digit, so "No. 5" or "3. 4"
// are not breaks.
func isNumberish(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsDigit(r) || w == "no"
}

// startsWithStopword reports whether the word at k is a function word that
// typically opens a sentence ("The", "He", "But").
func startsWithStopword(rs []rune, k int) bool {
	e := k
	for e < len(rs) && (unicode.IsLetter(rs[e]) || rs[e] == '\'' || rs[e] == '’') {
		e++
	}
	w := strings.ToLower(string(rs[k:e]))
	if w == "" {
		// Quote mark or digit: an opening quote starts a sentence.
		return k < len(rs) && strings.ContainsRune(`"“‘`, rs[k])
	}
	return stopwords[w] || w == "however" || w == "meanwhile" || w == "but"
}

// quoteClosesInParagraph reports whether the double quotes of p pair up,
// so quote tracking is safe; an unclosed quote (continued in the next
// paragraph) must not swallow the rest of the paragraph.
func quoteClosesInParagraph(p string) bool {
	open := 0
	straight := 0
	for _, r := range p {
		switch r {
		case '“', '„', '«':
			open++
		case '”', '»':
			open--
		case '"':
			straight++
		}
	}
	return open == 0 && straight%2 == 0 || (open+straight)%2 == 0 && open+straight >= 0 && straight > 0 && strings.Count(p, "”")+strings.Count(p, "“") > 0
}
