package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chatRun runs "citebot chat" with input on stdin.
func chatRun(t *testing.T, input string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"chat"}, args...), strings.NewReader(input), &out, &errb, func(string) string { return "" })
	return out.String(), errb.String(), code
}

func TestChatEOF(t *testing.T) {
	out, errs, code := chatRun(t, "")
	if code != 0 || out != "" {
		t.Errorf("chat with no input: exit %d, stdout %q, stderr %q; want exit 0 and no output", code, out, errs)
	}
}

func TestChatAnswers(t *testing.T) {
	input := strings.Join([]string{
		"What did Lavrov say about the INF treaty?",
		"/sources",
		"/help",
		"",
		"???",
		"/quote Nobody *Special*",
		"/complete zzzz",
		"/frobnicate",
	}, "\n")
	out, errs, code := chatRun(t, input)
	if code != 0 {
		t.Fatalf("exit %d; want 0 (stderr %q)", code, errs)
	}
	wants := []string{
		"Articles in the library (5)",              // /sources
		"/quote person [topic]",                    // /help, Markdown removed
		"I couldn't find a question",               // ???
		"I found nobody called “Nobody *Special*”", // escapes removed for the terminal
		"(no suggestions)",                         // /complete
		"Try /help",                                // unknown command
	}
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("chat output lacks %q; got:\n%s", w, out)
		}
	}
	first, _, _ := strings.Cut(out, "Articles in the library")
	if !strings.Contains(first, "Lavrov") || !strings.Contains(first, "\n  — ") {
		t.Errorf("first reply %q; want an answer card citing Lavrov's words", first)
	}
	for _, bad := range []string{"\\*", "**", "\u200b"} {
		if strings.Contains(out, bad) {
			t.Errorf("chat output contains Markdown %q; want plain text", bad)
		}
	}
}

func TestChatContentDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "one.txt"), []byte("A Test Headline\n\nThe body of the test article.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := chatRun(t, "/sources\n", "--content", dir)
	if code != 0 || !strings.Contains(out, "Articles in the library (1)") || !strings.Contains(out, "A Test Headline") {
		t.Errorf("chat --content: exit %d, stdout %q, stderr %q; want the one article listed", code, out, errs)
	}
	_, errs, code = chatRun(t, "", "--content", filepath.Join(dir, "missing"))
	if code == 0 || !strings.Contains(errs, "cannot load the library") {
		t.Errorf("chat --content missing: exit %d, stderr %q; want a failure naming the problem", code, errs)
	}
	_, errs, code = chatRun(t, "", "extra")
	if code != 2 || !strings.Contains(errs, "unexpected argument") {
		t.Errorf("chat extra: exit %d, stderr %q; want exit 2", code, errs)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**bold** and *it*", "bold and it"},
		{"\\*literal\\* \\_x\\_ \\\\", "*literal* _x_ \\"},
		{"[Title \\[1\\]](https://x.org/a)", "Title [1] <https://x.org/a>"},
		{"@\u200beveryone", "@everyone"},
		{"a [b", "a [b"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestChatPressesLongTopicPages pages a /quote whose topic is too long for
// the buttons' custom IDs: /press must send the message the button is on,
// as Discord does, so the second page is still on the topic rather than
// "out of date".
func TestChatPressesLongTopicPages(t *testing.T) {
	const topic = "missile defence system plans in Poland and the Czech Republic and radar"
	out, errs, code := chatRun(t, "/quote Condoleezza Rice topic: "+topic+"\n")
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, errs)
	}
	_, rest, ok := strings.Cut(out, "[Next ▶] /press ")
	if !ok {
		t.Skip("needs the engine: no second page of Condoleezza Rice's quotes on the topic")
	}
	next, _, _ := strings.Cut(rest, "\n")
	out, errs, _ = chatRun(t, "/quote Condoleezza Rice topic: "+topic+"\n/press "+next+"\n")
	_, second, _ := strings.Cut(out, "/press "+next)
	if !strings.Contains(second, "(Page 2 of") || !strings.Contains(second, topic) || strings.Contains(second, "out of date") {
		t.Errorf("/press %s printed:\n%s\nwant page 2 of the quotes on the topic (stderr %q)", next, second, errs)
	}
}
