package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain words", "plain words"},
		{"*bold* _it_ ~strike~", `\*bold\* \_it\_ \~strike\~`},
		{"`code` |spoiler|", "\\`code\\` \\|spoiler\\|"},
		{`back\slash`, `back\\slash`},
		{"> quote", `\> quote`},
		{"[link](http://x)", `\[link\](http://x)`},
		{"# heading\n- item\nmid - dash", "\\# heading\n\\- item\nmid - dash"},
		{"hi @everyone", "hi @\u200beveryone"},
		{"@here now", "@\u200bhere now"},
		{"@EVERYONE", "@\u200bEVERYONE"},
		{"<@123>", "\\<@\u200b123\\>"},
		{"<@!123> and <@&456>", "\\<@\u200b!123\\> and \\<@\u200b&456\\>"},
		{"mail a@b.org", "mail a@b.org"},
		{"Russia’s “no reasons”", "Russia’s “no reasons”"},
		{"1. first\n  12. second\nin 2007. Then", "1\\. first\n  12\\. second\nin 2007. Then"},
		{"3.5 per cent\n2024.", "3.5 per cent\n2024."},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestEscapeNeverPings checks the property that matters whatever the input:
// no escaped text contains a mention Discord would act on.
func TestEscapeNeverPings(t *testing.T) {
	inputs := []string{"@everyone", "x@here", "<@1>", "<@!1>", "<@&1>", "@@everyone", "<<@1>>", "@\u200beveryone", "@ everyone"}
	for _, in := range inputs {
		got := Escape(in)
		for _, bad := range []string{"@everyone", "@here", "<@1", "<@!", "<@&"} {
			if strings.Contains(got, bad) {
				t.Errorf("Escape(%q) = %q; want no %q in it", in, got, bad)
			}
		}
	}
}

func TestLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"é", 1}, {"“”", 2}, {"😀", 2}, {"a😀b", 4},
	}
	for _, tt := range tests {
		if got := Len(tt.in); got != tt.want {
			t.Errorf("Len(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"hello", 5, "hello"},
		{"hello", 6, "hello"},
		{"hello", 4, "hel…"},
		{"hello", 1, "…"},
		{"hello", 0, ""},
		{"", 3, ""},
		{"the quick brown fox", 18, "the quick brown…"},
		{"the quick brown fox", 19, "the quick brown fox"},
		{"the quick brownfox", 12, "the quick…"},
		{"supercalifragilistic", 8, "superca…"},
		{"héllo wörld", 10, "héllo…"},
		{"😀😀😀", 5, "😀😀…"},
		{"😀😀😀", 4, "😀…"},
		{"ends with \\*", 12, "ends with \\*"},
		{"cut \\*here and more", 7, "cut…"},
		{"word, then more", 10, "word,…"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q; want %q", tt.in, tt.max, got, tt.want)
		}
		if Len(got) > tt.max {
			t.Errorf("Truncate(%q, %d) has length %d; want at most %d", tt.in, tt.max, Len(got), tt.max)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q; want valid UTF-8", tt.in, tt.max, got)
		}
	}
}

// TestTruncateAtLimits checks every Discord limit at, just under and just
// over the boundary.
func TestTruncateAtLimits(t *testing.T) {
	for _, limit := range []int{MaxContent, MaxEmbedTitle, MaxEmbedDescription, MaxFieldValue, MaxFooter, MaxChoiceName} {
		for _, n := range []int{limit - 1, limit, limit + 1, 3 * limit} {
			in := strings.Repeat("word ", n/5+1)[:n]
			got := Truncate(in, limit)
			if Len(got) > limit {
				t.Errorf("Truncate(%d chars, %d) has length %d; want at most %d", n, limit, Len(got), limit)
			}
			cut := n > limit
			if cut != strings.HasSuffix(got, "…") {
				t.Errorf("Truncate(%d chars, %d) ends %q; want an ellipsis only when cut (%v)", n, limit, got[max(0, len(got)-5):], cut)
			}
			if !cut && got != in {
				t.Errorf("Truncate(%d chars, %d) changed text that fits", n, limit)
			}
		}
	}
}

func TestFitEmbed(t *testing.T) {
	long := strings.Repeat("lorem ipsum ", 1000)
	e := &discordgo.MessageEmbed{
		Title:       long,
		Description: long,
		Footer:      &discordgo.MessageEmbedFooter{Text: long},
		Author:      &discordgo.MessageEmbedAuthor{Name: long},
	}
	for range 30 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: long, Value: long})
	}
	FitEmbed(e)
	checks := []struct {
		what      string
		got, want int
	}{
		{"title", Len(e.Title), MaxEmbedTitle},
		{"description", Len(e.Description), MaxEmbedDescription},
		{"footer", Len(e.Footer.Text), MaxFooter},
		{"author", Len(e.Author.Name), MaxAuthorName},
		{"fields", len(e.Fields), MaxFields},
		{"total", EmbedLen(e), MaxEmbedTotal},
	}
	for _, c := range checks {
		if c.got > c.want {
			t.Errorf("%s is %d; want at most %d", c.what, c.got, c.want)
		}
	}
	for i, f := range e.Fields {
		if Len(f.Name) > MaxFieldName || Len(f.Value) > MaxFieldValue || f.Name == "" || f.Value == "" {
			t.Errorf("field %d has name %d, value %d characters; want 1..%d and 1..%d", i, Len(f.Name), Len(f.Value), MaxFieldName, MaxFieldValue)
		}
	}
	if len(e.Fields) == 0 {
		t.Errorf("got no fields; want FitEmbed to keep at least one")
	}

	small := &discordgo.MessageEmbed{Title: "t", Description: "d", Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: "v"}}}
	FitEmbed(small)
	if small.Title != "t" || small.Description != "d" || small.Fields[0].Value != "v" {
		t.Errorf("FitEmbed changed an embed within limits: %+v", small)
	}
}

func TestCut(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"Sergei Lavrov", 100, "Sergei Lavrov"},
		{"Sergei Lavrov", 6, "Sergei"},
		{"Sergei Lavrov", 0, ""},
		{"ab😀cd", 3, "ab"}, // the emoji counts two, so it does not fit in 3
		{"ab😀cd", 4, "ab😀"},
		{"Łódź", 2, "Łó"},
	} {
		if got := Cut(tt.s, tt.max); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q; want %q", tt.s, tt.max, got, tt.want)
		}
	}
}
