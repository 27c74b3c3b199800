package handlers

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what one message may hold. They are counted with Len,
// which errs on the safe side for characters outside the Basic Multilingual
// Plane.
const (
	MaxContent          = 2000
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthorName       = 256
	MaxFields           = 25
	MaxEmbedTotal       = 6000
	MaxEmbeds           = 10
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxButtonsPerRow    = 5
	MaxRows             = 5
)

// ellipsis marks text that was cut.
const ellipsis = "…"

// zwsp is a zero-width space: put after "@" it stops Discord reading a
// mention while the text looks the same.
const zwsp = "\u200b"

// Len measures s the way Discord's limits do. Discord counts JavaScript
// string length, that is UTF-16 code units, so an emoji counts as two; for
// ordinary text this is the number of characters.
func Len(s string) int {
	n := 0
	for _, r := range s {
		if utf16.RuneLen(r) == 2 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// Truncate shortens s to at most max (as measured by Len), ending with "…"
// when anything was cut. It cuts at a word boundary when one is reasonably
// close, never inside a character, and never leaves a dangling escape
// backslash that would swallow the ellipsis.
func Truncate(s string, max int) string {
	if Len(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	budget := max - Len(ellipsis)
	if budget <= 0 {
		return ellipsis
	}
	// Longest prefix within budget, on a rune boundary.
	end, n := 0, 0
	for i, r := range s {
		w := 1
		if utf16.RuneLen(r) == 2 {
			w = 2
		}
		if n+w > budget {
			break
		}
		n += w
		end = i + utf8.RuneLen(r)
	}
	cut := s[:end]
	// Prefer a word boundary when it loses little: at most maxWordCut
	// characters and at most half the text.
	nextIsSpace := end < len(s) && isSpace(s[end:])
	if !nextIsSpace {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i >= 0 {
			if kept := Len(cut[:i]); kept*2 >= budget && budget-kept <= maxWordCut {
				cut = cut[:i]
			}
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\\' || r == zwspRune
	})
	cut = trimDanglingEscape(cut)
	return cut + ellipsis
}

// Cut shortens s to its longest prefix of at most max (as measured by Len),
// with no ellipsis, for values that are looked up again rather than read,
// such as autocomplete choice values.
func Cut(s string, max int) string {
	n := 0
	for i, r := range s {
		if n += Len(string(r)); n > max {
			return s[:i]
		}
	}
	return s
}

const zwspRune = '\u200b'

// maxWordCut is the most Truncate gives up to end on a whole word; a longer
// "word" (a URL, say) is cut inside.
const maxWordCut = 30

// isSpace reports whether s starts with white space.
func isSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// trimDanglingEscape drops a final odd backslash, which would escape the
// ellipsis instead of the character it was meant for.
func trimDanglingEscape(s string) string {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	if n%2 == 1 {
		return s[:len(s)-1]
	}
	return s
}

// markdownSpecial are the characters Discord's Markdown gives a meaning to
// anywhere in a line.
const markdownSpecial = "\\*_~`|>[]<"

// mentionRE finds what Discord would read as a mention or a ping:
// @everyone, @here, and <@id>, <@!id>, <@&role>.
var mentionRE = regexp.MustCompile(`(?i)@(everyone|here)|<@[!&]?`)

// Escape makes text from an article or a user safe to put in a message:
// Markdown characters are shown as written, headings and list markers
// (bullets and numbers) at the start of a line stay plain, and mentions are
// broken with a zero-width space so the text can never ping anyone, even if
// AllowedMentions were forgotten somewhere.
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	for _, r := range s {
		if lineStart && (r == '#' || r == '-' || r == '+') {
			b.WriteByte('\\')
		} else if strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '\n' {
			lineStart = true
		} else if !unicode.IsSpace(r) {
			lineStart = false
		}
	}
	return neutraliseMentions(orderedListRE.ReplaceAllString(b.String(), `$1\.$2`))
}

// orderedListRE finds a line that Discord would render as a numbered list
// item ("1. text"); escaping its dot keeps the number as written.
var orderedListRE = regexp.MustCompile(`(?m)^([ \t]*[0-9]+)\.([ \t])`)

// neutraliseMentions puts a zero-width space after the "@" of anything
// Discord could read as a mention.
func neutraliseMentions(s string) string {
	return mentionRE.ReplaceAllStringFunc(s, func(m string) string {
		i := strings.IndexByte(m, '@')
		return m[:i+1] + zwsp + m[i+1:]
	})
}

// EmbedLen is the length Discord counts against an embed's 6,000
// characters: title, description, field names and values, footer and
// author name.
func EmbedLen(e *discordgo.MessageEmbed) int {
	if e == nil {
		return 0
	}
	n := Len(e.Title) + Len(e.Description)
	for _, f := range e.Fields {
		if f != nil {
			n += Len(f.Name) + Len(f.Value)
		}
	}
	if e.Footer != nil {
		n += Len(e.Footer.Text)
	}
	if e.Author != nil {
		n += Len(e.Author.Name)
	}
	return n
}

// FitEmbed brings e within every Discord limit, truncating each part and
// then, if the whole is still too long, dropping the last fields and
// shortening the description. It changes e in place and returns it.
func FitEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	if e == nil {
		return nil
	}
	e.Title = Truncate(e.Title, MaxEmbedTitle)
	e.Description = Truncate(e.Description, MaxEmbedDescription)
	if len(e.Fields) > MaxFields {
		e.Fields = e.Fields[:MaxFields]
	}
	for _, f := range e.Fields {
		f.Name = Truncate(f.Name, MaxFieldName)
		if f.Name == "" {
			f.Name = zwsp // Discord rejects empty field names
		}
		f.Value = Truncate(f.Value, MaxFieldValue)
		if f.Value == "" {
			f.Value = zwsp
		}
	}
	if e.Footer != nil {
		e.Footer.Text = Truncate(e.Footer.Text, MaxFooter)
	}
	if e.Author != nil {
		e.Author.Name = Truncate(e.Author.Name, MaxAuthorName)
	}
	for EmbedLen(e) > MaxEmbedTotal && len(e.Fields) > 1 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if over := EmbedLen(e) - MaxEmbedTotal; over > 0 {
		e.Description = Truncate(e.Description, max(0, Len(e.Description)-over))
	}
	if over := EmbedLen(e) - MaxEmbedTotal; over > 0 && len(e.Fields) == 1 {
		f := e.Fields[0]
		f.Value = Truncate(f.Value, max(1, Len(f.Value)-over))
	}
	return e
}
