package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noEnv is a getenv with nothing set.
func noEnv(string) string { return "" }

// runCLI runs the binary's entry point and returns its exit code and
// output.
func runCLI(t *testing.T, stdin string, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb, getenv)
	return code, out.String(), errb.String()
}

// contentDir writes a small content folder: one good article and one file
// with no article text.
func contentDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	article := "Harbour plan splits council\n\nPORT ELLIS, March 3, 2021 (Coast Wire) -- The council voted on Tuesday to delay the harbour expansion.\n\n\"We cannot pour concrete into a bay we do not understand,\" said Marta Okonkwo, the council's environment chair.\n"
	if err := os.WriteFile(filepath.Join(dir, "harbour.txt"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "blank.md"), []byte("   \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wantKeys fails unless m has exactly the keys listed.
func wantKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: missing key %q in %v", what, k, m)
		}
	}
	if len(m) != len(keys) {
		t.Errorf("%s: got keys %v; want exactly %v", what, mapKeys(m), keys)
	}
}

func mapKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAskJSONLines(t *testing.T) {
	code, out, errs := runCLI(t, "What did Putin say about continuing the dialogue?\n\nthanks!\n", noEnv, "ask", "--json")
	if code != 0 {
		t.Fatalf("got exit %d (%s); want 0", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines; want one per question (blank lines skipped):\n%s", len(lines), out)
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "reply", first, "question", "answers")
	answers, _ := first["answers"].([]any)
	if len(answers) == 0 {
		t.Fatalf("got no answers for an in-domain question: %s", lines[0])
	}
	a := answers[0].(map[string]any)
	wantKeys(t, "answer", a, "text", "speaker", "kind", "article", "score")
	wantKeys(t, "article", a["article"].(map[string]any), "id", "title", "publisher", "published", "file", "url")
	if a["speaker"] != "Vladimir Putin" || a["kind"] != "quote" {
		t.Errorf("got speaker %v kind %v; want Vladimir Putin, quote", a["speaker"], a["kind"])
	}
	if !strings.Contains(lines[1], `"answers":[]`) {
		t.Errorf("abstention: got %s; want \"answers\":[]", lines[1])
	}
	if second["question"] != "thanks!" {
		t.Errorf("got question %v; want thanks!", second["question"])
	}
}

func TestAskOneQuestion(t *testing.T) {
	code, out, _ := runCLI(t, "", noEnv, "ask", "--json", "Where was Snowden granted asylum?")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "temporary asylum in Russia") {
		t.Errorf("got exit %d, %q; want one JSON line citing the asylum", code, out)
	}
	code, out, _ = runCLI(t, "", noEnv, "ask", "What", "did", "Boris", "Johnson", "say", "about", "Brexit?")
	if code != 0 || !strings.Contains(out, "No passage in the articles answers that.") {
		t.Errorf("got exit %d, %q; want the abstention message", code, out)
	}
	code, out, _ = runCLI(t, "", noEnv, "ask", "Where did Rice and Gates meet Putin?")
	for _, want := range []string{"Novo-Ogaryevo", "RFE/RL", "2007-10-12", "Russia, U.S. Fail To Bridge Differences Over Missile Defense"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("got exit %d, %q; want it to show %q", code, out, want)
		}
	}
}

func TestQuotesJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", noEnv, "quotes", "--json", "condoleezza rice")
	if code != 0 {
		t.Fatalf("got exit %d", code)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "quotes reply", res, "query", "person", "quotes")
	person, _ := res["person"].(map[string]any)
	if person == nil || person["name"] != "Condoleezza Rice" {
		t.Fatalf("got person %v; want Condoleezza Rice", res["person"])
	}
	wantKeys(t, "person", person, "name", "aliases", "roles")
	quotes := res["quotes"].([]any)
	if len(quotes) == 0 {
		t.Fatal("got no quotes")
	}
	q := quotes[0].(map[string]any)
	wantKeys(t, "quote", q, "text", "kind", "article")
	if q["kind"] != "direct" {
		t.Errorf("got first kind %v; want direct first", q["kind"])
	}

	code, out, _ = runCLI(t, "", noEnv, "quotes", "--json", "boris johnson")
	if code != 0 || !strings.Contains(out, `"person":null`) || !strings.Contains(out, `"quotes":[]`) {
		t.Errorf("got exit %d, %s; want person null and no quotes", code, out)
	}
}

func TestIndexJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", noEnv, "index", "--json")
	if code != 0 {
		t.Fatalf("got exit %d", code)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "index", res, "articles", "people", "quotes")
	if n := len(res["articles"].([]any)); n != 5 {
		t.Errorf("got %d articles; want the 5 built-in ones", n)
	}
	q := res["quotes"].([]any)[0].(map[string]any)
	wantKeys(t, "quote", q, "text", "speaker", "kind", "article")
}

func TestContentFlagAndEnv(t *testing.T) {
	dir := contentDir(t)
	for _, tc := range []struct {
		name   string
		args   []string
		getenv func(string) string
	}{
		{"flag", []string{"ask", "--content", dir, "What did Okonkwo say about concrete?"}, noEnv},
		{"flag=", []string{"ask", "--content=" + dir, "What did Okonkwo say about concrete?"}, noEnv},
		{"env", []string{"ask", "What did Okonkwo say about concrete?"}, func(k string) string {
			if k == "CONTENT_DIR" {
				return dir
			}
			return ""
		}},
	} {
		code, out, errs := runCLI(t, "", tc.getenv, tc.args...)
		if code != 0 || !strings.Contains(out, "pour concrete") {
			t.Errorf("%s: got exit %d, %q; want the quote from the content folder", tc.name, code, out)
		}
		if !strings.Contains(errs, "blank.md") || !strings.Contains(errs, "skipped") {
			t.Errorf("%s: got stderr %q; want the skipped file named with its reason", tc.name, errs)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"ask", "--bogus", "x"},
		{"ask"},
		{"ask", "--content"},
		{"quotes"},
		{"quotes", "--json=yes", "rice"},
		{"index", "extra"},
		{"eval"},
		{"eval", "a", "b"},
	} {
		code, _, errs := runCLI(t, "", noEnv, args...)
		if code != 2 {
			t.Errorf("%v: got exit %d; want 2", args, code)
		}
		if !strings.Contains(errs, "usage:") {
			t.Errorf("%v: got stderr %q; want a usage line", args, errs)
		}
	}
	code, _, errs := runCLI(t, "", noEnv, "ask", "--content", "/nonexistent/folder", "why?")
	if code != 1 || !strings.Contains(errs, "/nonexistent/folder") {
		t.Errorf("missing folder: got exit %d, %q; want 1 naming the folder", code, errs)
	}
}

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "q.jsonl")
	lines := `{"id":"1","q":"Where did Rice and Gates meet Putin?","any":["Novo-Ogaryevo"]}
{"id":"2","q":"What is the capital of Peru?","abstain":true}
{"id":"3","q":"Where was Snowden granted asylum?","any":["a phrase that is nowhere"]}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", noEnv, "eval", file)
	if code != 0 {
		t.Fatalf("got exit %d (%s)", code, errs)
	}
	for _, want := range []string{"hit@1: 0.500 (1/2)", "hit@3: 0.500 (1/2)", "abstentions: 1/1", "miss 3"} {
		if !strings.Contains(out, want) {
			t.Errorf("got %q; want it to hold %q", out, want)
		}
	}
	people := filepath.Join(dir, "p.jsonl")
	if err := os.WriteFile(people, []byte(`{"query":"tauscher","name":"Ellen Tauscher","must_quote":["The only thing that"]}
{"query":"boris johnson","name":null,"must_quote":[]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "", noEnv, "eval", people)
	if code != 0 || !strings.Contains(out, "people: 2/2") {
		t.Errorf("got exit %d, %q; want people: 2/2", code, out)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "", noEnv, "eval", bad); code != 1 || !strings.Contains(errs, "line 1") {
		t.Errorf("got exit %d, %q; want 1 naming line 1", code, errs)
	}
}
