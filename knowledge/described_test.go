package knowledge

import "testing"

// TestDescribedSpeakersAreNotPeople checks that an unnamed speaker given by
// a description keeps the quote but gets no Person entry, so person
// look-ups and autocompletion offer only real names.
func TestDescribedSpeakersAreNotPeople(t *testing.T) {
	src := Source{Name: "harbour.txt", Data: []byte("Council approves harbour plan\n\n" +
		"The city council approved the new harbour plan on Tuesday after a long debate about costs and the schedule for construction.\n\n" +
		"\"This plan will bring jobs to the waterfront for a decade,\" said Mayor Jane Doe at the meeting.\n\n" +
		"\"The costs are far higher than anyone admits in public,\" a city official said.\n")}
	lib, skipped := Build([]Source{src})
	if len(skipped) > 0 {
		t.Fatalf("got skipped %v; want none", skipped)
	}
	speakers := map[string]bool{}
	for q := range lib.Quotes() {
		speakers[q.Speaker] = true
	}
	if !speakers["a city official"] {
		t.Fatalf("got speakers %v; want the described speaker kept on its quote", speakers)
	}
	for _, p := range lib.People() {
		if DescribedSpeaker(p.Name) {
			t.Errorf("got person %q; want no Person for a described speaker", p.Name)
		}
	}
	if _, ok := lib.FindPerson("Jane Doe"); !ok {
		t.Errorf("got no person for %q; want the named speaker found", "Jane Doe")
	}
}
