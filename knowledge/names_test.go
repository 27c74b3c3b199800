package knowledge

import (
	"strings"
	"testing"
)

// TestLongNames checks that names of three or more words survive whole
// and that the capitalised words around them (places, bodies, titles,
// sentence openers) stay out. The names are invented.
func TestLongNames(t *testing.T) {
	tests := []struct {
		run, name string
		open      bool
	}{
		{"Hal Min Dorsey", "Hal Min Dorsey", true},
		{"Economist Hal Min Dorsey", "Hal Min Dorsey", true},
		{"Mary Lou Pember", "Mary Lou Pember", true},
		{"Carla Alba Quintero", "Carla Alba Quintero", true},
		{"Greta von der Hollen", "Greta von der Hollen", true},
		{"President Greta von der Hollen", "Greta von der Hollen", true},
		{"Luther Orrin Bask Jr.", "Luther Orrin Bask Jr.", true},
		{"Orrin Bask Jr.", "Orrin Bask Jr.", true},
		{"Rev. Orrin Bask Jr", "Orrin Bask Jr", true},
		{"Orrin Bask III", "Orrin Bask III", true},
		{"Dale Orrin King Jr.", "Dale Orrin King Jr.", true},
		{"Dale Orrin King Jr.", "Orrin King Jr.", false},
		{"Jean-Luc Le Vanne", "Jean-Luc Le Vanne", true},
		{"Justin P.J. Cardew", "Justin P.J. Cardew", true},
		{"Dara F. Kell", "Dara F. Kell", true},
		{"Pak Jin Su", "Pak Jin Su", true},
		{"Dr. Pak Jin Su", "Pak Jin Su", true},
		{"Mr. Pak Jin Su", "Pak Jin Su", true},
		{"Amira bin Talal Sayed", "Amira bin Talal Sayed", true},
		// a run that may open a sentence keeps only a bounded name
		{"Striker Jim Wexley", "Jim Wexley", false},
		{"London Jim Wexley", "Jim Wexley", false},
		{"Hal Min Dorsey", "Min Dorsey", false},
		{"Economist Hal Min Dorsey", "Hal Min Dorsey", false},
		{"Dara F. Kell", "Dara F. Kell", false},
		{"Justin P.J. Cardew", "Justin P.J. Cardew", false},
		{"U.S. Jim Wexley", "Jim Wexley", true},
		{"President Greta von der Hollen", "Greta von der Hollen", false},
		// neighbours that are not part of the name
		{"Ottawa Mayor Jim Wexley", "Jim Wexley", true},
		{"Getty Images Kevin Marsh", "Kevin Marsh", true},
		{"Meanwhile Jim Wexley", "Jim Wexley", true},
		{"Today Jim Wexley", "Jim Wexley", true},
		{"Separately Jim Wexley", "Jim Wexley", true},
		{"Canadian Jim Wexley", "Jim Wexley", true},
		{"Liberal MP Jim Wexley", "Jim Wexley", true},
		{"Toronto Police Chief Jim Wexley", "Jim Wexley", true},
		{"Acme Hydro Jim Wexley", "Jim Wexley", true},
		{"Northland Tea Company Jim Wexley", "Jim Wexley", true},
		// a body whose name opens with "New" or a weekday keeps it
		{"New Brackton Times", "New Brackton Times", false},
		{"Sunday Herald Post", "Sunday Herald Post", false},
		{"Sunday Jim Wexley", "Jim Wexley", false},
	}
	for _, tt := range tests {
		sp := splitRunOpen(strings.Fields(tt.run), tt.open)
		if sp.name != tt.name {
			t.Errorf("splitRunOpen(%q, %v): got name %q; want %q", tt.run, tt.open, sp.name, tt.name)
		}
	}
}

// TestLongNamesInText checks full names of three words end to end: the
// quotes carry the whole name, later references by family name or with an
// honorific resolve to it, neighbouring places, bodies and titles stay
// out, and a look-up by the last two words still finds the person. The
// people and places are invented.
func TestLongNamesInText(t *testing.T) {
	text := `Rates may rise again next year, economists say.

"We are seeing a gradual approach in raising rates," said Hal Min Dorsey, chief economist at Northland Bank.

Later, Mr. Dorsey said: "The pace will slow in the spring."

"Nobody expected this," said Greta von der Hollen, a trade official.

Brackton Mayor Jim Wexley said: "We will keep the bridge open."

"The tests were clean," said Northland Health spokesperson Ada Quell.

Dorsey added: "Growth will hold up."`
	lib, errs := Build([]Source{{Name: "rates.txt", Data: []byte(text)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{
		"We are seeing a gradual approach": "Hal Min Dorsey",
		"The pace will slow":               "Hal Min Dorsey",
		"Growth will hold up":              "Hal Min Dorsey",
		"Nobody expected this":             "Greta von der Hollen",
		"We will keep the bridge open":     "Jim Wexley",
		"The tests were clean":             "Ada Quell",
	}
	p, ok := lib.FindPerson("Hal Min Dorsey")
	if !ok {
		t.Fatalf("FindPerson(%q): nobody; want Hal Min Dorsey", "Hal Min Dorsey")
	}
	seen := map[string]bool{}
	for _, name := range []string{"Hal Min Dorsey", "Greta von der Hollen", "Jim Wexley", "Ada Quell"} {
		for _, q := range lib.QuotesOf(name, "") {
			for prefix, who := range want {
				if strings.HasPrefix(q.Text, prefix) {
					seen[prefix] = true
					if q.Speaker != who {
						t.Errorf("quote %q: got speaker %q; want %q", prefix, q.Speaker, who)
					}
				}
			}
		}
	}
	for prefix, who := range want {
		if !seen[prefix] {
			t.Errorf("quote %q: not found among the quotes of %q", prefix, who)
		}
	}
	for _, q := range []string{"Min Dorsey", "Dorsey", "Mr. Dorsey"} {
		if got, ok := lib.FindPerson(q); !ok || got.Name != p.Name {
			t.Errorf("FindPerson(%q) = %q, %v; want %q", q, got.Name, ok, p.Name)
		}
	}
}

// TestLongNameOpeningSentence checks that a name of three words that
// opens a sentence stays whole when the article gives its first word no
// other use, and is still cut when that word is a job, a common noun, a
// place used elsewhere or a sum. The people and places are invented.
func TestLongNameOpeningSentence(t *testing.T) {
	tests := []speakerCase{
		{"given name first", "Talks resumed on Monday.\n\nPak Jin Su said the missiles would be moved by spring.", "missiles would be moved", "Pak Jin Su"},
		{"middle name", "Rates rose again.\n\nHal Min Dorsey said the pace would slow.\n\nDorsey added that growth would hold up.", "pace would slow", "Hal Min Dorsey"},
		{"job before the name", "The rally drew a crowd.\n\nOrganiser Jim Wexley said the turnout beat all hopes.", "turnout beat all hopes", "Jim Wexley"},
		{"place used elsewhere", "The race returns to Brackton in May.\n\nBrackton Jim Wexley said the course would be flat.\n\nWexley added that he would run.", "course would be flat", "Jim Wexley"},
	}
	checkExactSpeakers(t, tests)
}
