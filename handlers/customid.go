package handlers

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// Custom IDs are paths whose segments are URL-path-escaped, so a name with
// a slash, a space or any Unicode round-trips exactly, and Discord's
// 100-character limit is checked when the ID is made, not when a click
// fails.

// joinID builds a custom ID from segments, escaping each.
func joinID(segs ...string) string {
	esc := make([]string, len(segs))
	for i, s := range segs {
		esc[i] = url.PathEscape(s)
	}
	return strings.Join(esc, "/")
}

// splitID splits a custom ID into its unescaped segments.
func splitID(id string) ([]string, error) {
	if id == "" || len(id) > MaxCustomID {
		return nil, errors.New("bad custom ID length")
	}
	parts := strings.Split(id, "/")
	for i, p := range parts {
		s, err := url.PathUnescape(p)
		if err != nil {
			return nil, err
		}
		parts[i] = s
	}
	return parts, nil
}

// topicInFooter is what parsePageID returns as the topic of a page ID
// whose topic did not fit: the topic is then in the footer of the message
// the button sits on (see footerTopic). A cleaned topic never starts with
// a NUL, so it cannot be confused with one.
const topicInFooter = "\x00footer"

// pageID is the custom ID of the button that shows page n (from 1) of a
// person's quotes, optionally about topic. A topic that does not fit
// beside the name in Discord's 100 characters (an escaped topic is up to
// nine times its length) is left to the message's footer and marked by an
// empty last segment, because dropping it would page through a different,
// unfiltered list. A name that does not fit is shortened; the page handler
// resolves a shortened name with FindPerson.
func pageID(person, topic string, n int) string {
	num := strconv.Itoa(n)
	if topic != "" {
		if id := joinID("quote", "page", person, num, topic); len(id) <= MaxCustomID {
			return id
		}
	}
	segs := func(name string) []string {
		if topic != "" {
			return []string{"quote", "page", name, num, ""}
		}
		return []string{"quote", "page", name, num}
	}
	name := []rune(person)
	for len(name) > 0 {
		if id := joinID(segs(string(name))...); len(id) <= MaxCustomID {
			return id
		}
		name = name[:len(name)-1]
	}
	return joinID(segs("")...)
}

// topicLeftToFooter reports whether pageID left topic to the footer.
func topicLeftToFooter(id, topic string) bool {
	return topic != "" && strings.HasSuffix(id, "/")
}

// parsePageID reads a custom ID made by pageID. The topic is topicInFooter
// when the ID left it to the message's footer.
func parsePageID(id string) (person, topic string, n int, err error) {
	segs, err := splitID(id)
	if err != nil {
		return "", "", 0, err
	}
	if len(segs) < 4 || len(segs) > 5 || segs[0] != "quote" || segs[1] != "page" {
		return "", "", 0, errors.New("not a page ID")
	}
	n, err = strconv.Atoi(segs[3])
	if err != nil || n < 1 {
		return "", "", 0, errors.New("bad page number")
	}
	if len(segs) == 5 {
		topic = segs[4]
		if topic == "" {
			topic = topicInFooter
		}
	}
	return segs[2], topic, n, nil
}

// contextID is the custom ID of the button that shows the paragraph around
// a quote, or "" when the quote's ID is too long to fit.
func contextID(quoteID string) string {
	id := joinID("quote", "context", quoteID)
	if len(id) > MaxCustomID {
		return ""
	}
	return id
}

// parseContextID reads a custom ID made by contextID.
func parseContextID(id string) (string, error) {
	segs, err := splitID(id)
	if err != nil {
		return "", err
	}
	if len(segs) != 3 || segs[0] != "quote" || segs[1] != "context" || segs[2] == "" {
		return "", errors.New("not a context ID")
	}
	return segs[2], nil
}

// paraID is the custom ID of the button that shows paragraph n of an
// article, for excerpts that are not quotes; "" when it does not fit.
func paraID(articleID string, n int) string {
	id := joinID("quote", "para", articleID, strconv.Itoa(n))
	if len(id) > MaxCustomID {
		return ""
	}
	return id
}

// parseParaID reads a custom ID made by paraID.
func parseParaID(id string) (articleID string, n int, err error) {
	segs, err := splitID(id)
	if err != nil {
		return "", 0, err
	}
	if len(segs) != 4 || segs[0] != "quote" || segs[1] != "para" || segs[2] == "" {
		return "", 0, errors.New("not a paragraph ID")
	}
	n, err = strconv.Atoi(segs[3])
	if err != nil || n < 0 {
		return "", 0, errors.New("bad paragraph number")
	}
	return segs[2], n, nil
}
