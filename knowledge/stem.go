package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// token is one word of a text, kept with its position so that matched words
// can be shown in bold exactly as written and proximity can be measured.
type token struct {
	// surface is the word as written.
	surface string
	// norm is the lower-cased word with dots and possessives removed, so
	// "U.S." and "US" both become "us".
	norm string
	// start and end are byte offsets of surface in the text.
	start, end int
	// acronym marks a word written in capitals, such as "US" or "U.S.",
	// which must not be mistaken for a stopword like "us".
	acronym bool
	// capital marks a word that starts with a capital letter.
	capital bool
	// number marks digits, such as "2010" or "8-1", which are never
	// corrected for typos.
	number bool
}

// tokenize splits text into words. Hyphenated words are split into their
// parts, dotted acronyms are joined, and a possessive "'s" is dropped.
func tokenize(text string) []token {
	return appendTokens(nil, text)
}

// appendTokens appends the words of text to toks, so a caller that
// tokenizes many texts can reuse one buffer.
func appendTokens(toks []token, text string) []token {
	for i := 0; ; {
		start, end, letters := nextWord(text, i)
		if start < 0 {
			return toks
		}
		toks = append(toks, wordToken(text, start, end, letters))
		i = end
	}
}

// wordToken makes the token of a word nextWord found.
func wordToken(text string, start, end int, letters string) token {
	if letters != "" {
		upper := strings.ToUpper(letters) == letters
		return token{surface: text[start:end], norm: strings.ToLower(letters), start: start, end: end, acronym: upper, capital: upper}
	}
	return makeToken(text, start, end)
}

// nextWord finds the first word of text at or after byte i, as tokenize
// splits words, and returns its bounds, with its letters when it is a
// dotted acronym such as "U.S."; start is -1 when no word is left. It lets
// a caller that only needs where the words are skip normalising them.
func nextWord(text string, i int) (start, end int, letters string) {
	for i < len(text) {
		// Plain ASCII is read without decoding.
		r, size := rune(text[i]), 1
		if r < utf8.RuneSelf {
			if !isASCIIWordByte(text[i]) {
				i++
				continue
			}
		} else if r, size = utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		// Dotted acronym such as "U.S." or "U.N.": single letters each
		// followed by a dot.
		// (An acronym's first letter is followed by a dot, which rules
		// most words out without a call.)
		if unicode.IsLetter(r) && (r >= utf8.RuneSelf || i+1 < len(text) && text[i+1] == '.') {
			if end, letters := dottedAcronym(text, i); end > 0 {
				return i, end, letters
			}
		}
		start := i
		i += size // r belongs to the word
		for i < len(text) {
			// Plain ASCII needs no decoding: a letter or digit goes on
			// the word, and anything but an apostrophe ends it.
			if c := text[i]; c < utf8.RuneSelf {
				if isASCIIWordByte(c) {
					i++
					continue
				}
				if c != '\'' {
					break
				}
				r, size = '\'', 1
			} else if r, size = utf8.DecodeRuneInString(text[i:]); isWordRune(r) {
				i += size
				continue
			}
			// An apostrophe between letters belongs to the word: "don't",
			// "Russia's".
			if r == '\'' || r == '’' {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if i+size < len(text) && unicode.IsLetter(next) {
					i += size
					continue
				}
			}
			break
		}
		return start, i, ""
	}
	return -1, -1, ""
}

// makeToken fills in the normalised form and the flags of text[start:end].
func makeToken(text string, start, end int) token {
	surface := text[start:end]
	t := token{surface: surface, start: start, end: end}
	letters, upper, digits := 0, 0, 0
	ascii, apostrophe := true, false
	for i := 0; i < len(surface); i++ {
		c := surface[i]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\'':
			apostrophe = true
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
		case c >= 'A' && c <= 'Z':
			letters++
			upper++
		}
	}
	if !ascii {
		letters, upper, digits = 0, 0, 0
		for _, r := range surface {
			switch {
			case unicode.IsDigit(r):
				digits++
			case unicode.IsLetter(r):
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	// Most words are plain lower-case ASCII, which is its own norm.
	norm := surface
	if upper > 0 || !ascii {
		norm = strings.ToLower(surface)
	}
	if apostrophe || !ascii && strings.Contains(surface, "’") {
		for _, suf := range []string{"'s", "’s"} {
			if strings.HasSuffix(norm, suf) {
				norm = norm[:len(norm)-len(suf)]
				break
			}
		}
		norm = removeApostrophes(norm)
	}
	if !ascii {
		norm = foldAccents(norm)
	}
	t.norm = norm
	first, _ := utf8.DecodeRuneInString(surface)
	t.capital = unicode.IsUpper(first)
	t.number = digits > 0 && letters == 0
	t.acronym = letters >= 2 && letters <= 5 && upper == letters
	return t
}

// removeApostrophes removes apostrophes inside words: "don't" is "dont".
// It does what one strings.Replacer of both marks did, much faster and
// without allocating when there is none: the marks share no byte, and
// taking the curly ones out first cannot make or break a straight one
// (the other order could join the bytes of a curly one in broken text).
func removeApostrophes(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "’", ""), "'", "")
}

// dottedAcronym reports the end of an acronym like "U.S." starting at i,
// and its letters, or 0 when there is none.
func dottedAcronym(text string, i int) (int, string) {
	var letters strings.Builder
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) || j+size >= len(text) || text[j+size] != '.' {
			break
		}
		letters.WriteRune(r)
		j += size + 1
		// The next character must not continue a word, or this was the end
		// of an ordinary word followed by a full stop.
		if j < len(text) {
			next, _ := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(next) {
				// Another letter-dot pair may follow.
				if j+utf8.RuneLen(next) < len(text) && text[j+utf8.RuneLen(next)] == '.' {
					continue
				}
				break
			}
		}
		break
	}
	if utf8.RuneCountInString(letters.String()) < 2 {
		return 0, ""
	}
	// Reject a letter-dot pair that is a longer word's tail.
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if isWordRune(prev) {
			return 0, ""
		}
	}
	return j, letters.String()
}

// isASCIIWordByte is isWordRune for an ASCII character.
func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		// the ASCII letters and digits, without the tables' look-up
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// accentFold maps accented Latin letters to their plain forms so that
// "Müller" and "Muller" are the same word.
var accentFold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n", "ý", "y", "ÿ", "y", "š", "s", "ž", "z", "č", "c",
)

// foldAccents removes accents from lower-case text.
func foldAccents(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return accentFold.Replace(s)
		}
	}
	return s
}

// stemmer turns normalised words into index terms, remembering the words it
// has seen because stemming is the costliest step of indexing.
type stemmer struct {
	cache map[string]string
	// prev is the index of an earlier library, whose words' stems are
	// known; nil when there is none. It is only read.
	prev *index
}

// newStemmer returns a stemmer with an empty cache that looks words up in
// prev first, when prev is not nil.
func newStemmer(prev *index) *stemmer {
	return &stemmer{cache: make(map[string]string), prev: prev}
}

// stem returns the index term of a normalised word.
func (s *stemmer) stem(norm string) string {
	if t, ok := s.cache[norm]; ok {
		return t
	}
	if s.prev != nil {
		if wi, ok := s.prev.wordInfo(norm); ok {
			return s.prev.termNames[wi.term]
		}
	}
	t := stemWord(norm)
	s.cache[norm] = t
	return t
}

// stemWord returns the index term of a normalised word: irregular verb
// forms are mapped to their base form before Porter2 stemming, so "met"
// finds "meet" and "said" finds "say".
func stemWord(norm string) string {
	if base, ok := irregular[norm]; ok {
		norm = base
	}
	if len(norm) <= 2 {
		return norm
	}
	if norm[0] >= '0' && norm[0] <= '9' {
		return norm
	}
	return english.Stem(norm, true)
}

// irregular maps irregular English verb forms to their base form. It is a
// generic lexicon of the language, not of any article.
var irregular = map[string]string{
	"said": "say", "says": "say", "told": "tell", "met": "meet", "took": "take", "taken": "take",
	"made": "make", "went": "go", "gone": "go", "gave": "give", "given": "give",
	"thought": "think", "held": "hold", "found": "find", "brought": "bring",
	"began": "begin", "begun": "begin", "knew": "know", "known": "know", "saw": "see",
	"seen": "see", "came": "come", "won": "win", "lost": "lose", "paid": "pay",
	"sold": "sell", "bought": "buy", "built": "build", "sent": "send", "spent": "spend",
	"spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write",
	"chose": "choose", "chosen": "choose", "fell": "fall", "fallen": "fall",
	"rose": "rise", "risen": "rise", "grew": "grow", "grown": "grow", "drew": "draw",
	"drawn": "draw", "withdrew": "withdraw", "withdrawn": "withdraw", "struck": "strike",
	"fought": "fight", "caught": "catch", "taught": "teach", "sought": "seek",
	"felt": "feel", "kept": "keep", "meant": "mean", "ran": "run", "sat": "sit",
	"stood": "stand", "understood": "understand", "broke": "break", "broken": "break",
	"threw": "throw", "thrown": "throw", "shot": "shoot", "hid": "hide", "hidden": "hide",
	"forgave": "forgive", "forgot": "forget", "forgotten": "forget", "froze": "freeze",
	"frozen": "freeze", "drove": "drive", "driven": "drive",
	"rode": "ride", "ridden": "ride", "wore": "wear", "worn": "wear", "swore": "swear",
	"sworn": "swear", "woke": "wake", "woken": "wake", "beaten": "beat", "bitten": "bite", "blew": "blow", "blown": "blow", "dealt": "deal", "dug": "dig",
	"fled": "flee", "flew": "fly", "flown": "fly", "forbade": "forbid",
	"forbidden": "forbid", "got": "get", "gotten": "get", "hung": "hang", "heard": "hear",
	"laid": "lay", "lent": "lend", "lit": "light", "overcame": "overcome", "rang": "ring",
	"rung": "ring", "sang": "sing", "sung": "sing", "sank": "sink", "sunk": "sink",
	"slept": "sleep", "slid": "slide", "stole": "steal", "stolen": "steal", "stuck": "stick",
	"stung": "sting", "swam": "swim", "swum": "swim", "swept": "sweep", "swung": "swing",
	"tore": "tear", "torn": "tear", "undertook": "undertake", "undertaken": "undertake",
	"upheld": "uphold", "wept": "weep", "withheld": "withhold",
	"arose": "arise", "arisen": "arise", "awoke": "awake", "borne": "bear",
	"became": "become", "bent": "bend", "bred": "breed", "crept": "creep",
	"did": "do", "done": "do", "does": "do", "foresaw": "foresee", "foreseen": "foresee",
	"foretold": "foretell", "has": "have", "had": "have", "leapt": "leap",
	"learnt": "learn", "mistook": "mistake", "mistaken": "mistake",
	"overtook": "overtake", "overtaken": "overtake", "overthrew": "overthrow",
	"overthrown": "overthrow", "proven": "prove", "shook": "shake",
	"shaken": "shake", "shone": "shine", "shrank": "shrink", "shrunk": "shrink",
	"sped": "speed", "spun": "spin", "sprang": "spring", "sprung": "spring",
	"strove": "strive", "striven": "strive", "thrived": "thrive", "trod": "tread",
	"underwent": "undergo", "undergone": "undergo", "was": "be", "were": "be", "been": "be",
	"is": "be", "are": "be", "am": "be", "wove": "weave", "woven": "weave", "wrung": "wring",
}

// searchStop are function words that carry no topic. The list is the usual
// English one plus question and chat words.
var searchStop = setOf(`a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can cannot could couldn't did didn't do does doesn't doing don't
down during each even ever few for from further had hadn't has hasn't have haven't having he he'd he'll
he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its
itself just let's may me might more most must mustn't my myself no nor not now of off on once only or other
ought our ours ourselves out over own same shall shan't she she'd she'll she's should shouldn't so some
such than that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those through to too under until up upon us very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom whose why why's will with won't
would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
can't cant dont doesnt didnt isnt wasnt wont arent werent couldnt shouldnt wouldnt whats whos wheres
im ive id youre theyre hes shes its thats theres lets
s t d ll re ve m o
tell me please know anyone anybody something anything`)

// weakWords are words that frame a question rather than name its topic:
// speech verbs and words such as "position" or "view". They count, but
// much less than topic words.
var weakWords = setOf(`say said says saying tell told think thought believe believes believed claim claims
claimed argue argues argued state states stated comment comments commented remark remarks statement
statements speak spoke spoken talk talked mention mentioned according reported report reports
position stance view views opinion opinions thoughts reaction response respond responded
mean means meant happen happened happens reason reasons explain explained describe described
called call calls name named word words news latest update updates info information detail details story
stories know knew hear heard recently lately currently today yesterday tonight ever still`)

// chitchat are words of greeting and thanks. A message made only of them
// and searchStop asks nothing the articles can answer.
var chitchat = setOf(`hi hello hey hiya howdy yo greetings thanks thank thx ty cheers bye goodbye
good morning afternoon evening night ok okay cool great nice lol haha bot citebot welcome sorry
pls plz awesome help`)

// setOf turns a space-separated word list into a set.
func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isStop reports whether a token carries no topic. Acronyms such as "US"
// are never searchStop, though "us" is.
func isStop(t token) bool {
	if t.acronym && len(t.norm) >= 2 {
		return false
	}
	return searchStop[t.norm]
}
