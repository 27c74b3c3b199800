package bench

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestContains(t *testing.T) {
	tests := []struct {
		text    string
		phrases []string
		want    bool
	}{
		{"He said it was Novo-Ogaryevo.", []string{"novo-ogaryevo"}, true},
		{"called sanctions “counterproductive”", []string{`"counterproductive"`}, true},
		{"a **step** in the  right\n direction", []string{"step in the right direction"}, true},
		{"It's _temporary_ asylum", []string{"its temporary asylum"}, true},
		{"temporary shelter", []string{"temporary asylum", "asylum"}, false},
		{"anything", []string{""}, false},
		{"", []string{"x"}, false},
		{"Iran and North Korea", []string{"nothing", "iran and north korea"}, true},
	}
	for _, tt := range tests {
		if got := Contains(tt.text, tt.phrases); got != tt.want {
			t.Errorf("Contains(%q, %q) = %v; want %v", tt.text, tt.phrases, got, tt.want)
		}
	}
}

func TestScore(t *testing.T) {
	qs := []Question{
		{ID: "top", Q: "q1", Any: []string{"alpha"}},
		{ID: "second", Q: "q2", Any: []string{"beta"}},
		{ID: "fourth", Q: "q3", Any: []string{"gamma"}},
		{ID: "silent", Q: "q4", Any: []string{"delta"}},
		{ID: "declined", Q: "q5", Abstain: true},
		{ID: "answered", Q: "q6", Abstain: true},
	}
	answers := map[string][]string{
		"q1": {"the Alpha one", "x"},
		"q2": {"x", "*beta* here", "y"},
		"q3": {"x", "y", "z", "gamma"}, // beyond the top three
		"q6": {"something"},
	}
	got := Score(qs, func(q string) []string { return answers[q] })
	want := Quality{Answerable: 4, Hit1: 1, Hit3: 2, Declines: 2, Abstained: 1, WrongAbstain: 1,
		Misses: []string{"second", "fourth", "silent", "answered"}}
	if got.Answerable != want.Answerable || got.Hit1 != want.Hit1 || got.Hit3 != want.Hit3 ||
		got.Declines != want.Declines || got.Abstained != want.Abstained || got.WrongAbstain != want.WrongAbstain ||
		!slices.Equal(got.Misses, want.Misses) {
		t.Errorf("Score = %+v; want %+v", got, want)
	}
}

func TestLoadQuestions(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte(`{"id":"a","q":"Who?","any":["x"]}`+"\n\n"+`{"id":"b","q":"Weather?","abstain":true}`+"\n"), 0o644)
	qs, err := LoadQuestions(good)
	if err != nil || len(qs) != 2 || !qs[1].Abstain || qs[0].Any[0] != "x" {
		t.Errorf("LoadQuestions(good) = %+v, %v; want two questions, the second to decline", qs, err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"a","q":"Who?"}`+"\n"), 0o644)
	if _, err := LoadQuestions(bad); err == nil {
		t.Error("LoadQuestions(question without phrases) succeeded; want an error")
	}
}

func TestSharedQuestions(t *testing.T) {
	path := "../../shared/eval/questions.jsonl"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared evaluation file not found beside the repository: %v", err)
	}
	qs, err := LoadQuestions(path)
	if err != nil {
		t.Fatal(err)
	}
	var declines int
	for _, q := range qs {
		if q.Abstain {
			declines++
		}
	}
	if len(qs) < 10 || declines == 0 || declines == len(qs) {
		t.Errorf("loaded %d questions, %d to decline; want a mix", len(qs), declines)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i))
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{50, 50}, {99, 99}, {100, 100}, {1, 1}, {0, 1}}
	for _, tt := range tests {
		if got := Percentile(ds, tt.p); got != tt.want {
			t.Errorf("Percentile(1..100, %v) = %v; want %v", tt.p, got, tt.want)
		}
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("Percentile(nil) = %v; want 0", got)
	}
	if ds[0] != 100 {
		t.Error("Percentile sorted its argument in place")
	}
}

func TestRatio(t *testing.T) {
	tests := []struct {
		a, b float64
		want string
	}{{1, 0, "n/a"}, {25, 1, "25"}, {3, 2, "1.5"}, {1, 4, "0.25"}, {88, 1e7, "0.0000088"}}
	for _, tt := range tests {
		if got := ratio(tt.a, tt.b); got != tt.want {
			t.Errorf("ratio(%v, %v) = %q; want %q", tt.a, tt.b, got, tt.want)
		}
	}
}
