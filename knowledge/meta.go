package knowledge

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// docMeta is metadata given explicitly (front matter or HTML meta tags).
// It overrides what the cleaner infers from the text.
type docMeta struct {
	title, publisher, published, url, author string
}

// applyTo copies the fields that are set into a.
func (m docMeta) applyTo(a *Article) {
	if m.title != "" {
		a.Title = m.title
	}
	if m.publisher != "" {
		a.Publisher = m.publisher
	}
	if m.published != "" {
		a.Published = normalizeDate(m.published)
	}
	if m.url != "" {
		a.URL = m.url
	}
	if m.author != "" {
		a.Author = m.author
	}
}

// splitFrontMatter reads optional "---" delimited "key: value" lines at the
// top of a file and returns them with the rest of the text.
func splitFrontMatter(text string) (docMeta, string) {
	var m docMeta
	t := strings.TrimLeft(text, " \n")
	if !strings.HasPrefix(t, "---\n") {
		return m, text
	}
	rest := t[4:]
	end := strings.Index(rest, "\n---")
	if end < 0 {
		return m, text
	}
	head, body := rest[:end], rest[end+4:]
	if i := strings.IndexByte(body, '\n'); i >= 0 {
		body = body[i+1:]
	} else {
		body = ""
	}
	for _, l := range strings.Split(head, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		v = strings.Trim(v, `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			m.title = v
		case "publisher", "source", "site":
			m.publisher = v
		case "url", "link":
			m.url = v
		case "published", "date":
			m.published = v
		case "author", "byline":
			m.author = v
		}
	}
	return m, body
}

const monthRe = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var (
	// "October 12, 2007", "July 4-14, 2009", "August 8"
	reMDY = regexp.MustCompile(`^(` + monthRe + `)\s+(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?(?:,?\s+(\d{4}))?$`)
	// "12 Oct, 2007", "12 October 2007"
	reDMY = regexp.MustCompile(`^(\d{1,2})\s+(` + monthRe + `),?\s+(\d{4})$`)
	// "2007-10-12"
	reISO = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	// a clock time after a date
	reClock = regexp.MustCompile(`\s*,?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?$`)
	// a weekday before a date
	reWeekday = regexp.MustCompile(`(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+`)
)

// parseDate reads a date written in one of the common news formats. It
// returns "YYYY-MM-DD" when year, month and day are known and otherwise
// the date as written, so nothing is invented.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(reClock.ReplaceAllString(strings.TrimSpace(s), ""))
	s = reWeekday.ReplaceAllString(s, "")
	if m := reISO.FindStringSubmatch(s); m != nil {
		return m[1] + "-" + m[2] + "-" + m[3], true
	}
	if m := reMDY.FindStringSubmatch(s); m != nil {
		mon := months[strings.ToLower(strings.TrimSuffix(m[1], "."))]
		if mon == 0 {
			return "", false
		}
		day, _ := strconv.Atoi(m[2])
		if day < 1 || day > 31 {
			return "", false
		}
		if m[3] == "" && m[4] != "" {
			return fmt.Sprintf("%s-%02d-%02d", m[4], mon, day), true
		}
		return s, true
	}
	if m := reDMY.FindStringSubmatch(s); m != nil {
		mon := months[strings.ToLower(strings.TrimSuffix(m[2], "."))]
		day, _ := strconv.Atoi(m[1])
		if mon == 0 || day < 1 || day > 31 {
			return "", false
		}
		return fmt.Sprintf("%s-%02d-%02d", m[3], mon, day), true
	}
	return "", false
}

// normalizeDate returns the ISO form of a date when it can be read, and
// the text as given otherwise.
func normalizeDate(s string) string {
	if d, ok := parseDate(s); ok {
		return d
	}
	return strings.TrimSpace(s)
}

// reDatePrefix is the label some pages put before a date.
var reDatePrefix = regexp.MustCompile(`(?i)^(?:published|posted|updated|last updated|first published|date)(?:\s+on)?\s*:?\s*`)

// dateLine recognises a line that holds only a date (and maybe a time),
// possibly labelled ("Published: March 3, 2019").
func dateLine(t string) (string, bool) {
	if t != "" && strings.IndexByte("pPuUlLfFdD", t[0]) >= 0 {
		// only a line starting with one of these letters can start with a
		// label; the rest skip the regexp, which copies every line
		t = reDatePrefix.ReplaceAllString(t, "")
	}
	if len(t) > 40 {
		return "", false
	}
	return parseDate(t)
}

// reByline matches "By Jane Doe" or "By Jane Doe, The Daily Test".
var reByline = regexp.MustCompile(`^(?i:by)\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|di|al)){0,3})(?:\s*(?:,|\||–|—|-|and)\s*(.+))?$`)

// reCredit matches a writer's credit line: a name of two or three words,
// a comma, and the outlet ("The Associated Press") or a newsroom job
// ("Power Play producer").
var reCredit = regexp.MustCompile(`^([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}),\s+((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}|[A-Z][\w.&'’ -]{0,40}\s(?:producer|reporter|correspondent|writer|editor|columnist|staff))$`)

// bylineLine recognises a byline and returns the author and, when the
// line names one, the publisher.
func bylineLine(t string) (author, publisher string, ok bool) {
	if m := reCredit.FindStringSubmatch(t); m != nil && countFields(t) <= 8 && !strings.HasPrefix(strings.ToLower(t), "by ") {
		// "Jane Doe, The Associated Press" or "Jane Doe, Power Play
		// producer": a writer's credit without "By"
		if hasLowerWord(m[2]) {
			return m[1], "", true
		}
		return m[1], m[2], true
	}
	m := reByline.FindStringSubmatch(t)
	if m == nil || countFields(t) > 10 {
		return "", "", false
	}
	rest := strings.TrimSpace(m[2])
	if rest != "" && (countFields(rest) > 4 || !isCapWord(rest)) {
		return "", "", false
	}
	return m[1], rest, true
}

// reDateline matches the opening of a wire story: an optional place in
// capitals, an optional date, an optional agency in brackets and a dash,
// as in "MOSCOW, August 8 (Agency) –" or "October 12, 2007 (Agency) --".
var reDateline = regexp.MustCompile(`^(?:([A-Z][A-Z.'’ -]{2,40}[A-Z.](?:,\s*[A-Z][A-Za-z.]{1,12})?),?\s+)?(?:(` + monthRe + `\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+` + monthRe + `(?:,?\s*\d{4})?),?\s*)?(?:\(([^()]{2,40})\)\s*)?(?:--|[-–—])\s+`)

// splitDateline removes a dateline from the start of a paragraph and
// returns the rest with the place, date and agency it named.
func splitDateline(t string) (rest, place, date, agency string) {
	m := reDateline.FindStringSubmatchIndex(t)
	if m == nil {
		return t, "", "", ""
	}
	get := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return strings.TrimSpace(t[m[2*i]:m[2*i+1]])
	}
	place, date, agency = get(1), get(2), get(3)
	if place == "" && date == "" && agency == "" {
		return t, "", "", ""
	}
	if head, _, _ := strings.Cut(place, ","); place != "" && strings.ToUpper(head) != head {
		return t, "", "", ""
	}
	if date != "" {
		date = normalizeDate(date)
	}
	return strings.TrimSpace(t[m[1]:]), place, date, agency
}

// htmlToText extracts the readable text of an HTML page: the paragraphs
// and headings of its <article> or <main> element (or of <body> when it
// has neither), one per line, with the title, site name, date and author
// from its meta tags. golang.org/x/net/html parses real-world HTML the way
// browsers do, which a hand-written tag stripper would not.
func htmlToText(src string) (string, docMeta, error) {
	var m docMeta
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return "", m, errors.New("unreadable HTML: " + err.Error())
	}
	var main, body *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Meta:
				key, content := "", ""
				for _, a := range n.Attr {
					switch a.Key {
					case "property", "name", "itemprop":
						key = strings.ToLower(a.Val)
					case "content":
						content = strings.TrimSpace(a.Val)
					}
				}
				switch key {
				case "og:title":
					m.title = content
				case "og:site_name", "publisher":
					m.publisher = content
				case "article:published_time", "datepublished", "date", "pubdate":
					if m.published == "" {
						m.published = content
					}
				case "author", "article:author":
					m.author = content
				case "og:url":
					m.url = content
				}
			case atom.Article, atom.Main:
				if main == nil {
					main = n
				}
			case atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	from := main
	if from == nil {
		from = body
	}
	if from == nil {
		return "", m, errors.New("no article text")
	}
	var sb strings.Builder
	var text func(n *html.Node)
	text = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Noscript, atom.Figure, atom.Button, atom.Select:
				return
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.Li, atom.Blockquote, atom.Div, atom.Br, atom.Tr, atom.Section:
				sb.WriteString("\n")
				defer sb.WriteString("\n")
			}
		}
		if n.Type == html.TextNode {
			sb.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(from)
	return sb.String(), m, nil
}

var (
	reMdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	reMdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	reMdEmphasis = regexp.MustCompile(`(\*\*|__|\*|_)([^*_\n]+)(\*\*|__|\*|_)`)
	reMdHeading  = regexp.MustCompile(`^#{1,6}\s+`)
	reMdList     = regexp.MustCompile(`^\s*(?:[-*+]|\d+\.)\s+`)
)

// markdownToText turns Markdown into the plain lines the cleaner reads:
// headings lose their hashes (the first one is the title), links keep
// their text, images and emphasis marks go, and block quotes lose their
// "> " so the quotations inside them are read like any others.
func markdownToText(src string) (string, string) {
	var out []string
	title := ""
	inCode := false
	for _, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			inCode = !inCode
			continue
		}
		if inCode {
			continue
		}
		heading := reMdHeading.MatchString(t)
		if heading {
			t = strings.TrimSpace(strings.TrimRight(reMdHeading.ReplaceAllString(t, ""), "#"))
		}
		for strings.HasPrefix(t, ">") {
			t = strings.TrimSpace(strings.TrimPrefix(t, ">"))
		}
		t = reMdList.ReplaceAllString(t, "")
		t = reMdImage.ReplaceAllString(t, "")
		t = reMdLink.ReplaceAllString(t, "$1")
		t = reMdEmphasis.ReplaceAllString(t, "$2")
		if heading && title == "" {
			title = t
			continue
		}
		if t == "---" || t == "***" || t == "___" {
			t = ""
		}
		out = append(out, t)
	}
	return strings.Join(out, "\n"), title
}
