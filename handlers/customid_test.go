package handlers

import (
	"strings"
	"testing"
)

func TestPageIDRoundTrip(t *testing.T) {
	tests := []struct {
		person, topic string
		n             int
	}{
		{"Sergei Lavrov", "", 1},
		{"Sergei Lavrov", "missile defence", 12},
		{"AC/DC", "a/b", 2},
		{"Zoë O'Brien-Ñúñez", "", 3},
		{"100% sure?#", "x y", 4},
		{"Ålesund 名前", "", 5},
	}
	for _, tt := range tests {
		id := pageID(tt.person, tt.topic, tt.n)
		if len(id) > MaxCustomID {
			t.Errorf("pageID(%q, %q, %d) has %d characters; want at most %d", tt.person, tt.topic, tt.n, len(id), MaxCustomID)
		}
		if !strings.HasPrefix(id, "quote/page/") {
			t.Errorf("pageID(%q) = %q; want it to start quote/page/", tt.person, id)
		}
		p, topic, n, err := parsePageID(id)
		if err != nil || p != tt.person || topic != tt.topic || n != tt.n {
			t.Errorf("parsePageID(%q) = %q, %q, %d, %v; want %q, %q, %d, nil", id, p, topic, n, err, tt.person, tt.topic, tt.n)
		}
	}
}

// TestPageIDTooLong checks that an ID that would pass Discord's 100
// characters leaves the topic to the footer (marked, not dropped), then
// shortens the name, and still parses.
func TestPageIDTooLong(t *testing.T) {
	long := strings.Repeat("Long Name ", 20)
	tests := []struct {
		person, topic string
		wantTopic     string
		wantPrefixOf  string
	}{
		{"Sergei Lavrov", strings.Repeat("topic ", 30), topicInFooter, "Sergei Lavrov"},
		{long, "missile defence", topicInFooter, long},
		{long, "", "", long},
		{strings.Repeat("名", 60), "", "", strings.Repeat("名", 60)},
	}
	for _, tt := range tests {
		id := pageID(tt.person, tt.topic, 7)
		if len(id) > MaxCustomID {
			t.Errorf("pageID(%d-char name) has %d characters; want at most %d", len(tt.person), len(id), MaxCustomID)
		}
		p, topic, n, err := parsePageID(id)
		if err != nil || n != 7 || topic != tt.wantTopic || p == "" || !strings.HasPrefix(tt.wantPrefixOf, p) {
			t.Errorf("parsePageID(%q) = %q, %q, %d, %v; want a prefix of the name, topic %q, page 7", id, p, topic, n, err, tt.wantTopic)
		}
	}
}

func TestContextIDRoundTrip(t *testing.T) {
	for _, qid := range []string{"000_f6c534673274f17e/3", "a b/c/1", "ünï/0"} {
		id := contextID(qid)
		got, err := parseContextID(id)
		if err != nil || got != qid {
			t.Errorf("parseContextID(contextID(%q) = %q) = %q, %v; want %q, nil", qid, id, got, err, qid)
		}
	}
	if id := contextID(strings.Repeat("x", 120) + "/1"); id != "" {
		t.Errorf("contextID(120-char quote ID) = %q; want \"\" (no button rather than a broken one)", id)
	}
}

func TestParseIDRejectsGarbage(t *testing.T) {
	for _, id := range []string{"", "quote", "quote/page", "quote/page/x", "quote/page/x/0", "quote/page/x/-1", "quote/page/x/abc",
		"quote/page/%zz/1", "quote/context/", "quote/context", "library/page/x/1", strings.Repeat("q", 101)} {
		if _, _, _, err := parsePageID(id); err == nil {
			t.Errorf("parsePageID(%q) succeeded; want an error", id)
		}
		if id != "quote/context/" && strings.HasPrefix(id, "quote/context") {
			if _, err := parseContextID(id); err == nil {
				t.Errorf("parseContextID(%q) succeeded; want an error", id)
			}
		}
	}
}

func TestParaIDRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		article string
		n       int
	}{{"000_f6c534673274f17e", 0}, {"a b/c", 12}} {
		id := paraID(tt.article, tt.n)
		a, n, err := parseParaID(id)
		if err != nil || a != tt.article || n != tt.n {
			t.Errorf("parseParaID(%q) = %q, %d, %v; want %q, %d", id, a, n, err, tt.article, tt.n)
		}
	}
	if id := paraID(strings.Repeat("x", 100), 1); id != "" {
		t.Errorf("paraID(100-char article) = %q; want \"\"", id)
	}
}
