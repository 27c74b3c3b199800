package knowledge

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The helpers below replace slower standard calls on the build's hot
// paths; each must give exactly what the call it replaces gave.

var costTexts = []string{
	"",
	" ",
	"Mr Brown said",
	"  U.S. Secretary of State  Condoleezza Rice, \"we will\" …",
	"tab\tand\nnewline\r\v\f end",
	"no\u00a0break\u2009thin\u3000ideographic\u0085next",
	"bad \xc3 utf8 \xff\xfe here",
	"“Curly” ‘quotes’ — dashes – and «guillemets»",
	"İstanbul KELVIN\u212a ſ long s",
}

func TestCountFieldsMatchesFields(t *testing.T) {
	for _, s := range costTexts {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d; want %d", s, got, want)
		}
	}
}

func TestAppendWordToksReusesAndMatches(t *testing.T) {
	buf := make([]wtok, 0, 2) // too small: must grow and still be right
	for _, s := range costTexts {
		buf = appendWordToks(buf[:0], s)
		want := wordToks(s)
		if len(buf) != len(want) {
			t.Fatalf("appendWordToks(%q) gave %d words; want %d", s, len(buf), len(want))
		}
		for i := range want {
			if buf[i] != want[i] {
				t.Errorf("appendWordToks(%q)[%d] = %+v; want %+v", s, i, buf[i], want[i])
			}
		}
	}
	// appending keeps what was there
	got := appendWordToks(wordToks("one two"), "three")
	if len(got) != 3 || got[0].t != "one" || got[2].t != "three" || got[2].s != 0 {
		t.Errorf("appendWordToks after two words = %+v; want one, two, three (three at offset 0)", got)
	}
}

func TestPairMaskNeverRulesOutASubstring(t *testing.T) {
	for _, s := range costTexts {
		for i := 0; i <= len(s); i++ {
			for j := i; j <= len(s); j++ {
				if !pairsOf(s[i:j]).within(pairsOf(s)) {
					t.Fatalf("pairsOf(%q) is not within pairsOf(%q)", s[i:j], s)
				}
			}
		}
	}
	// and it does rule out texts that cannot occur
	if pairsOf("interest rates rose").within(pairsOf("the chancellor said")) {
		t.Errorf("pairsOf(interest rates rose) within pairsOf(the chancellor said); want ruled out")
	}
}

func TestSplitRunBranches(t *testing.T) {
	// splitRun lowers each word once and reads the lowered words; these
	// runs take each of its branches (results as before that change).
	tests := []struct {
		run  []string
		want speaker
	}{
		{[]string{"Mr", "Brown"}, speaker{name: "Brown", gender: "m", alias: "Mr Brown"}},
		{[]string{"U.S.", "Secretary", "of", "State", "Condoleezza", "Rice"}, speaker{name: "Condoleezza Rice", role: "U.S. Secretary of State", alias: "Condoleezza Rice"}},
		{[]string{"Bank", "of", "England"}, speaker{name: "Bank of England", org: true, alias: "Bank of England"}},
		{[]string{"Jane", "Doe", "of", "Acme"}, speaker{name: "Jane Doe", role: "Acme", alias: "Jane Doe"}},
		{[]string{"Analysts"}, speaker{desc: "analysts"}},
		{[]string{"Russia's", "Defense", "Ministry"}, speaker{name: "Russia's Defense Ministry", org: true, alias: "Russia's Defense Ministry"}},
		{[]string{"Monday", "The"}, speaker{}},
		{[]string{"Veterans", "Affairs"}, speaker{name: "Veterans Affairs", org: true, alias: "Veterans Affairs"}},
		{[]string{"Mrs", "Jane", "Doe"}, speaker{name: "Jane Doe", gender: "f", alias: "Mrs Jane Doe"}},
	}
	for _, tt := range tests {
		if got := splitRun(tt.run); got != tt.want {
			t.Errorf("splitRun(%q) = %+v; want %+v", tt.run, got, tt.want)
		}
	}
}

func TestNormQuotesASCIIUnchanged(t *testing.T) {
	for _, s := range costTexts {
		if got, want := normQuotes(s), quoteReplacer.Replace(s); got != want {
			t.Errorf("normQuotes(%q) = %q; want %q", s, got, want)
		}
	}
}

func TestCountWordsMax(t *testing.T) {
	for _, s := range costTexts {
		n := countWords(s)
		for limit := 0; limit <= n+2; limit++ {
			if got, want := countWordsMax(s, limit), min(n, limit); got != want {
				t.Errorf("countWordsMax(%q, %d) = %d; want %d", s, limit, got, want)
			}
		}
	}
}

func TestDoubledMarksSkippedOnlyWhenNothingToReplace(t *testing.T) {
	texts := append([]string{"it''s", "``quoted''", "’’x", "‘‘x", "a ‘’b", "a‘’b", "’ ’", "' '"}, costTexts...)
	for _, s := range texts {
		if !hasDoubledMarks(s) && doubledMarks.Replace(s) != s {
			t.Errorf("hasDoubledMarks(%q) = false; but doubledMarks changes it to %q", s, doubledMarks.Replace(s))
		}
	}
	if !hasDoubledMarks("it''s") {
		t.Errorf("hasDoubledMarks(it''s) = false; want true")
	}
}

// normKeyOptBefore is normKeyOpt as it was before it copied runs of
// unchanged bytes at once; the two must agree on every text.
func normKeyOptBefore(s string, bare bool) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '“', '”', '„', '«', '»', '‟', '"':
			if bare {
				continue
			}
			r = '"'
		case '‘', '’', '‚', '‛':
			r = '\''
		case '\u200b':
			continue
		}
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func TestNormKeyOptMatchesBefore(t *testing.T) {
	texts := append([]string{}, costTexts...)
	// random texts from pieces that take every branch
	pieces := []string{"a", "Z", "q", "7", ".", ",", "\"", "“", "”", "‘", "’", "'", " ", "  ", "\n", "\t", "\r", "\u00a0", "\u200b", "\u3000", "É", "ß", "İ", "\xc3", "\xff", "—", "«", "»", "‟", "„", "‚", "‛"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 5000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, sb.String())
	}
	for _, s := range texts {
		for _, bare := range []bool{false, true} {
			if got, want := normKeyOpt(s, bare), normKeyOptBefore(s, bare); got != want {
				t.Fatalf("normKeyOpt(%q, %v) = %q; want %q", s, bare, got, want)
			}
		}
	}
}

func TestContainsFoldASCII(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"All Rights Reserved.", true},
		{"ALL RIGHTS RESERVED", true},
		{"reserve", false},
		{"", false},
		{"RéSERVED", false},
		{"the seats were reserved", true},
	}
	for _, tt := range tests {
		if got := containsFoldASCII(tt.s, "reserved"); got != tt.want {
			t.Errorf("containsFoldASCII(%q, reserved) = %v; want %v", tt.s, got, tt.want)
		}
	}
}

func TestCopyrightLineStillFound(t *testing.T) {
	// lines the quick check must let through
	for _, s := range []string{"Copyright 2019 Acme News", "copyright © 2019 Acme", "(c) 2019 Acme", "© 2019 Acme", "2019 Acme. All Rights Reserved.", "ALL RIGHTS RESERVED"} {
		if _, ok := copyrightLine(s); !ok {
			t.Errorf("copyrightLine(%q) = false; want true", s)
		}
	}
	if _, ok := copyrightLine("The minister said it would not happen."); ok {
		t.Errorf("copyrightLine(prose) = true; want false")
	}
}

func TestCountWordToks(t *testing.T) {
	for _, s := range append([]string{"a\vb\fc", "x\u2028y"}, costTexts...) {
		if got, want := countWordToks(s), len(wordToks(s)); got != want {
			t.Errorf("countWordToks(%q) = %d; want %d", s, got, want)
		}
	}
}

func TestSubjectBeforeToksOnWordsBefore(t *testing.T) {
	// the words of a text cut before its k-th word are its first k words
	for _, s := range []string{"Deputy Minister Anatoly Antonov said", "Jane Doe, CEO of Acme Action, said", "he  told", "Mr Lavrov\ttold reporters"} {
		ts := wordToks(s)
		for k := range ts {
			if got, want := subjectBeforeToks(ts[:k]), subjectBefore(s[:ts[k].s]); got != want {
				t.Errorf("subjectBeforeToks(words of %q before %d) = %+v; want %+v", s, k, got, want)
			}
		}
	}
}

// normSpacesBefore is normSpaces as it was before it copied runs of
// unchanged bytes at once; the two must agree on every text.
func normSpacesBefore(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
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
	return b.String()
}

func TestNormSpacesMatchesBefore(t *testing.T) {
	texts := append([]string{"plain line", " lead", "trail ", "two  spaces"}, costTexts...)
	pieces := []string{"a", "Z", ".", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x00", "\u00a0", "\u2009", "\u202f", "\u2007", "\u2002", "\u2003", "\u200b", "\ufeff", "\u3000", "\u0085", "é", "£", "\xc3", "\xff"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 5000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, sb.String())
	}
	for _, s := range texts {
		if got, want := normSpaces(s), normSpacesBefore(s); got != want {
			t.Fatalf("normSpaces(%q) = %q; want %q", s, got, want)
		}
	}
}

func TestIsWordRuneASCII(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		if got, want := isWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("isWordRune(%q) = %v; want %v", r, got, want)
		}
	}
}

func TestSurnameMatchesBefore(t *testing.T) {
	before := func(name string) string {
		name = strings.TrimRightFunc(name, unicode.IsSpace)
		last := name[strings.LastIndexFunc(name, unicode.IsSpace)+1:]
		return strings.ToLower(strings.Trim(last, ".,'’"))
	}
	names := append([]string{"Jane Doe", "Mr. Lavrov.", "  Doe  ", "Jane\u00a0Doe", "Jane\u3000Doe ", "O'Neil,", "single", "x \xff", "\xa0", "Anne-Marie\tDupont\n"}, costTexts...)
	for _, n := range names {
		if got, want := surname(n), before(n); got != want {
			t.Errorf("surname(%q) = %q; want %q", n, got, want)
		}
	}
}

// wordToksBefore is wordToks as it was before it read ASCII bytes
// directly; the two must agree on every text.
func wordToksBefore(s string) []wtok {
	var out []wtok
	start := -1
	for i, r := range s {
		if r == ' ' || r < utf8.RuneSelf && (r == '\n' || r == '\t' || r == '\r') || r >= utf8.RuneSelf && unicode.IsSpace(r) {
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

// mostlyLatinBefore is mostlyLatin as it was before it stopped early.
func mostlyLatinBefore(text string) bool {
	var latin, other int
	for _, r := range text {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				latin++
			}
			continue
		}
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

func TestWordToksAndMostlyLatinMatchBefore(t *testing.T) {
	texts := append([]string{}, costTexts...)
	pieces := []string{"a", "Z", "Mr.", "U.S.", "\"", "“", "”", "(", ")", ",", " ", "  ", "\n", "\t", "\r", "\v", "\u00a0", "\u3000", "\u0085", "é", "ж", "Жизнь", "東京", "日本語", "\xc3", "\xff", "—", "'s"}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 3000; n++ {
		var sb strings.Builder
		for k := rng.IntN(200); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, sb.String())
	}
	for _, s := range texts {
		got, want := wordToks(s), wordToksBefore(s)
		if len(got) != len(want) {
			t.Fatalf("wordToks(%q) gave %d words; want %d", s, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("wordToks(%q)[%d] = %+v; want %+v", s, i, got[i], want[i])
			}
		}
		if got, want := mostlyLatin(s), mostlyLatinBefore(s); got != want {
			t.Fatalf("mostlyLatin(%q) = %v; want %v", s, got, want)
		}
	}
}

func TestInParensMatchesBefore(t *testing.T) {
	before := func(text string, pos int) bool {
		w := text[max(0, pos-200):pos]
		open := strings.LastIndexAny(w, "([")
		if open < 0 {
			return false
		}
		close := strings.LastIndexAny(w, ")]")
		return close < open
	}
	texts := append([]string{"(Photo: Jane Doe)", "a [b] (c", "x) y (z] w", strings.Repeat("(", 1) + strings.Repeat("a", 300) + " Doe"}, costTexts...)
	for _, s := range texts {
		for pos := 0; pos <= len(s); pos++ {
			if got, want := inParens(s, pos), before(s, pos); got != want {
				t.Fatalf("inParens(%q, %d) = %v; want %v", s, pos, got, want)
			}
		}
	}
}

func TestFirstRangeIsFirstSentence(t *testing.T) {
	// Parse takes the fallback title's first sentence from the sentence
	// ranges; it must be splitSentences' first sentence.
	pieces := []string{"Mr. Smith said.", " ", "  ", "\n", "\"We will go.\"", " he said", "U.S. officials", "agreed!", "Why?", "…", "“Quote.”", "(c) 2019", "3.5 per cent.", "J. Doe", "end"}
	rng := rand.New(rand.NewPCG(7, 8))
	texts := append([]string{}, costTexts...)
	for n := 0; n < 3000; n++ {
		var sb strings.Builder
		for k := rng.IntN(10); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, sb.String())
	}
	for _, p := range texts {
		ss, rs := splitSentences(p), sentenceRanges(p)
		if (len(ss) > 0) != (len(rs) > 0) {
			t.Fatalf("splitSentences(%q) has %d sentences, sentenceRanges %d", p, len(ss), len(rs))
		}
		if len(ss) > 0 {
			if got := strings.TrimSpace(p[rs[0][0]:rs[0][1]]); got != ss[0] {
				t.Fatalf("first range of %q = %q; want %q", p, got, ss[0])
			}
		}
	}
}
