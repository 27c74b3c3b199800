package knowledge

import (
	"reflect"
	"strings"
	"testing"
)

func TestWordKeyCuts(t *testing.T) {
	for _, s := range []string{
		`He said "we will not go" and left.`,
		`“It is over,” said Ms Roe. “Let's go home”`,
		`abc"def «ghi jkl» mno„pqr”`,
		`Roe’s „quoted words here” — and “more words” 'single'`,
		`No quote marks at all, here.`,
		`""`,
		``,
	} {
		key, cuts := wordKeyCuts(s, nil)
		if key != wordKey(s) {
			t.Errorf("wordKeyCuts(%q) key = %q; want %q", s, key, wordKey(s))
		}
		// The parts between cuts are the keys of the parts between quote
		// marks.
		var got, want []string
		from := 0
		for c := 0; c <= len(cuts); c++ {
			to := len(key)
			if c < len(cuts) {
				to = cuts[c]
			}
			if k := strings.TrimSpace(key[from:to]); k != "" {
				got = append(got, k)
			}
			from = to
		}
		for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(quoteMarks, r) }) {
			if k := wordKey(seg); k != "" {
				want = append(want, k)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("wordKeyCuts(%q) parts = %q; want %q", s, got, want)
		}
	}
}
