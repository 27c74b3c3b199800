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
	// Byte offsets throughout: this runs on every paragraph, and a rune
	// slice of each one was the parser's largest allocation.
	closedQuotes := quoteClosesInParagraph(p)
	var out []string
	start := 0
	inQuote := false
	for i := 0; i < len(p); {
		r, n := rune(p[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(p[i:])
		}
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
			i += n
			continue
		}
		// Take in closing quote marks and brackets after the stop.
		j := i + n
		for j < len(p) && (p[j] == '.' || p[j] == '?' || p[j] == '!') {
			j++
		}
		closes := false
		for j < len(p) {
			rj, m := utf8.DecodeRuneInString(p[j:])
			if !strings.ContainsRune(`"”’')]»`, rj) {
				break
			}
			if rj == '"' || rj == '”' || rj == '»' {
				closes = true
			}
			j += m
		}
		if j < len(p) {
			if rj, _ := utf8.DecodeRuneInString(p[j:]); !unicode.IsSpace(rj) {
				i += n
				continue
			}
		}
		if inQuote && !closes {
			i += n
			continue
		}
		// Find the next word.
		k := j
		for k < len(p) {
			rk, m := utf8.DecodeRuneInString(p[k:])
			if !unicode.IsSpace(rk) {
				break
			}
			k += m
		}
		if k >= len(p) {
			break
		}
		if r == '.' && !sentenceBreakAfterPeriod(p, i, k) {
			i += n
			continue
		}
		if closes {
			// A quote that ends with a stop and is followed by its
			// attribution ('"... lost." he said') is not a break.
			if closedQuotes {
				inQuote = false
			}
			if nextIsLower(p, k) {
				i += n
				continue
			}
		}
		if s := strings.TrimSpace(p[start:j]); s != "" {
			out = append(out, s)
		}
		start = k
		i = k
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// nextIsLower reports whether the word at byte k starts with a lower-case
// letter.
func nextIsLower(p string, k int) bool {
	r, _ := utf8.DecodeRuneInString(p[k:])
	return k < len(p) && unicode.IsLower(r)
}

// sentenceBreakAfterPeriod decides whether the full stop at byte i, with
// the next word starting at byte k, ends a sentence.
func sentenceBreakAfterPeriod(p string, i, k int) bool {
	// The word before the stop.
	w := i
	for w > 0 {
		r, m := utf8.DecodeLastRuneInString(p[:w])
		if unicode.IsSpace(r) || strings.ContainsRune(`"“”(`, r) {
			break
		}
		w -= m
	}
	word := p[w:i]
	low := strings.ToLower(strings.TrimLeft(word, `'‘(["“`))
	next, _ := utf8.DecodeRuneInString(p[k:])
	if unicode.IsLower(next) || unicode.IsDigit(next) && isNumberish(low) {
		return false
	}
	if utf8.RuneCountInString(low) == 1 {
		if last, _ := utf8.DecodeLastRuneInString(word); unicode.IsUpper(last) {
			// An initial, as in "J. Smith"; "Plan B." ends a sentence only
			// before a common sentence opener.
			return startsWithStopword(p, k)
		}
	}
	if abbreviations[low] || abbreviations[strings.TrimSuffix(low, ".")] {
		switch low {
		case "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "rev", "hon", "supt", "det", "const", "cpl", "pvt", "maj", "brig", "insp", "coun", "fr", "mt", "ft", "cmdr", "adm", "no", "vs", "fig", "approx", "dept", "est":
			return false
		}
		// "U.S.", "Inc.", "a.m." can end a sentence: break only before a
		// word that usually opens one.
		return startsWithStopword(p, k)
	}
	if strings.Count(low, ".") >= 1 && len(low) <= 6 {
		// Dotted acronyms not in the list: "N.W.", "U.S.-led" handled by
		// the hyphen (no space), so here only a bare acronym.
		return startsWithStopword(p, k)
	}
	return true
}

// isNumberish reports whether w ends in a digit, so "No. 5" or "3. 4"
// are not breaks.
func isNumberish(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsDigit(r) || w == "no"
}

// startsWithStopword reports whether the word at byte k is a function word
// that typically opens a sentence ("The", "He", "But").
func startsWithStopword(p string, k int) bool {
	e := k
	for e < len(p) {
		r, m := utf8.DecodeRuneInString(p[e:])
		if !(unicode.IsLetter(r) || r == '\'' || r == '’') {
			break
		}
		e += m
	}
	w := strings.ToLower(p[k:e])
	if w == "" {
		// Quote mark or digit: an opening quote starts a sentence.
		r, _ := utf8.DecodeRuneInString(p[k:])
		return k < len(p) && strings.ContainsRune(`"“‘`, r)
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
