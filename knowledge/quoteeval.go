package knowledge

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// QuoteScore measures quote extraction against a hand-annotated folder
// (articles/<id>.txt and quotes.jsonl, as in the GGT evaluation set), so
// every change to the extractor can be checked on news it was not written
// for.
type QuoteScore struct {
	// Articles is the number of annotated articles parsed.
	Articles int
	// Direct and Indirect count the labelled quotes of each kind.
	Direct, Indirect int
	// DirectFound counts direct labels whose first 60 characters lie
	// inside an extracted direct or partial quote (both are words in
	// quote marks); DirectAttributed those of them
	// whose extracted speaker contains the label's family name.
	DirectFound, DirectAttributed int
	// DirectFoundStrict counts direct labels found inside an extracted
	// quote of kind direct alone (short quoted phrases the extractor calls
	// partial are left out).
	DirectFoundStrict int
	// IndirectFound counts indirect labels found inside an extracted quote
	// of any kind; IndirectAttributed those also attributed.
	IndirectFound, IndirectAttributed int
	// Extracted counts all extracted quotes; ExtractedDirect the direct
	// ones and DirectCorrect the direct ones that contain a label, for
	// precision.
	Extracted, ExtractedDirect, DirectCorrect int
	// Misses lists the labels not found or not attributed, for finding
	// what to fix next.
	Misses []QuoteMiss
}

// QuoteMiss is one labelled quote the extractor missed or misattributed.
type QuoteMiss struct {
	Article, Text, Speaker, Kind, Mention string
	// Got is the speaker extracted for the quote, when it was found.
	Got   string
	Found bool
}

// goldQuote is one line of quotes.jsonl.
type goldQuote struct {
	ID      string `json:"id"`
	Article string `json:"article"`
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"`
	Mention string `json:"mention"`
}

// ratio divides safely.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// DirectFoundRate is DirectFound / Direct.
func (s QuoteScore) DirectFoundRate() float64 { return ratio(s.DirectFound, s.Direct) }

// DirectAttributedRate is DirectAttributed / Direct.
func (s QuoteScore) DirectAttributedRate() float64 { return ratio(s.DirectAttributed, s.Direct) }

// IndirectFoundRate is IndirectFound / Indirect.
func (s QuoteScore) IndirectFoundRate() float64 { return ratio(s.IndirectFound, s.Indirect) }

// DirectPrecision is the share of extracted direct quotes that hold a
// labelled quote.
func (s QuoteScore) DirectPrecision() float64 { return ratio(s.DirectCorrect, s.ExtractedDirect) }

// String prints the score as a short readable report.
func (s QuoteScore) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles: %d, quotes extracted: %d (%d direct)\n", s.Articles, s.Extracted, s.ExtractedDirect)
	fmt.Fprintf(&b, "direct found:       %d/%d = %.3f\n", s.DirectFound, s.Direct, s.DirectFoundRate())
	fmt.Fprintf(&b, "  (in direct quotes alone: %d/%d = %.3f)\n", s.DirectFoundStrict, s.Direct, ratio(s.DirectFoundStrict, s.Direct))
	fmt.Fprintf(&b, "direct attributed:  %d/%d = %.3f\n", s.DirectAttributed, s.Direct, s.DirectAttributedRate())
	fmt.Fprintf(&b, "direct precision:   %d/%d = %.3f\n", s.DirectCorrect, s.ExtractedDirect, s.DirectPrecision())
	fmt.Fprintf(&b, "indirect found:     %d/%d = %.3f\n", s.IndirectFound, s.Indirect, s.IndirectFoundRate())
	fmt.Fprintf(&b, "indirect attributed: %d/%d = %.3f\n", s.IndirectAttributed, s.Indirect, ratio(s.IndirectAttributed, s.Indirect))
	return b.String()
}

// scoreKey normalises text for matching labels: quote marks unified and
// double ones removed, spacing collapsed.
func scoreKey(s string) string {
	s = strings.ReplaceAll(normQuotes(s), `"`, "")
	return strings.Join(strings.Fields(s), " ")
}

// ScoreQuotes parses every article of an annotated folder and scores the
// extracted quotes against its labels. A label is found when its first 60
// characters (quote marks and spacing normalised) lie inside an extracted
// quote (direct labels: a direct or partial quote, which both keep the
// words in their marks; indirect labels: any kind), and attributed when its speaker's family name is one of the words of the
// extracted speaker.
func ScoreQuotes(dir string) (QuoteScore, error) {
	var s QuoteScore
	f, err := os.Open(filepath.Join(dir, "quotes.jsonl"))
	if err != nil {
		return s, err
	}
	defer f.Close()
	byArticle := map[string][]goldQuote{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldQuote
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return s, fmt.Errorf("quotes.jsonl: %w", err)
		}
		byArticle[g.Article] = append(byArticle[g.Article], g)
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	ids := make([]string, 0, len(byArticle))
	for id := range byArticle {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		name := id + ".txt"
		data, err := os.ReadFile(filepath.Join(dir, "articles", name))
		if err != nil {
			return s, err
		}
		var quotes []Quote
		if p, err := Parse(Source{Name: name, Data: data}); err == nil {
			MergePeople([]*Parsed{p})
			quotes = p.Quotes
		}
		s.Articles++
		s.Extracted += len(quotes)
		keys := make([]string, len(quotes))
		for i, q := range quotes {
			keys[i] = scoreKey(q.Text)
		}
		labelled := make([]bool, len(quotes))
		for _, g := range byArticle[id] {
			k := []rune(scoreKey(g.Text))
			if len(k) > 60 {
				k = k[:60]
			}
			key := strings.TrimSpace(string(k))
			direct := g.Kind == "direct"
			if direct {
				s.Direct++
			} else {
				s.Indirect++
			}
			found, attributed, strict := false, false, false
			got := ""
			for i, q := range quotes {
				// Direct labels are the annotators' words in quote marks:
				// they match direct quotes and the quoted words of partial
				// ones, never reported speech without marks.
				if direct && q.Kind == Reported {
					continue
				}
				if !strings.Contains(keys[i], key) {
					continue
				}
				labelled[i] = true
				if q.Kind == Direct {
					strict = true
				}
				if !found {
					got = q.Speaker
				}
				found = true
				if speakerMatches(g.Speaker, q.Speaker) {
					attributed = true
					got = q.Speaker
				}
			}
			if direct && strict {
				s.DirectFoundStrict++
			}
			switch {
			case direct && found:
				s.DirectFound++
			case found:
				s.IndirectFound++
			}
			if attributed {
				if direct {
					s.DirectAttributed++
				} else {
					s.IndirectAttributed++
				}
			}
			if !attributed {
				s.Misses = append(s.Misses, QuoteMiss{Article: id, Text: g.Text, Speaker: g.Speaker, Kind: g.Kind, Mention: g.Mention, Got: got, Found: found})
			}
		}
		for i, q := range quotes {
			if q.Kind == Direct {
				s.ExtractedDirect++
				if labelled[i] {
					s.DirectCorrect++
				}
			}
		}
	}
	return s, nil
}

// speakerMatches reports whether the label's family name (its last word)
// is one of the words of the extracted speaker.
func speakerMatches(label, got string) bool {
	lw := strings.Fields(label)
	if len(lw) == 0 || got == "" {
		return false
	}
	fam := strings.ToLower(strings.Trim(normQuotes(lw[len(lw)-1]), `.,'"()`))
	for _, w := range strings.Fields(normQuotes(got)) {
		if strings.ToLower(strings.Trim(w, `.,'"()`)) == fam {
			return true
		}
	}
	return false
}
