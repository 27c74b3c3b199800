package knowledge

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"iter"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Source is one file to build the library from.
type Source struct {
	// Name is the file name relative to the content folder.
	Name string
	// Data is the file's raw bytes.
	Data []byte
	// Corrections is the raw content of the file's corrections sidecar,
	// nil when there is none.
	Corrections []byte
}

// Library is an immutable, indexed set of articles. All its methods are
// safe for concurrent use because nothing changes after Build.
type Library struct {
	articles []Article
	// quotes holds every quote in a compact form (libQuote) whose
	// speakers and roles are places in quoteStrs; Quotes and quote make
	// Quotes of them.
	quotes    []libQuote
	quoteStrs []string
	// oddQuotes holds, by place in quotes, the few quotes libQuote
	// cannot hold (marked quoteOdd), as they are.
	oddQuotes map[int32]Quote
	people    []Person

	ix *index
	// quoteUnit maps a quote to the excerpt that shows it.
	quoteUnit []int32
	// articleIdx and personIdx find items by ID or name while the
	// library is built; packIDs then replaces them with articleTable and
	// personTable, which find the same in a fraction of the memory
	// (article and person), and sets them to nil.
	articleIdx   map[string]int32
	personIdx    map[string]int32
	articleTable strTable
	personTable  strTable
	// quoteStart[a] is the first quote of article a, and
	// quoteStart[len(articles)] is len(quotes): a quote ID names its
	// article, so Quote looks it up there instead of in a map of its own.
	quoteStart []int32
	names      *nameIndex
	// typos buckets the index's words for typo correction.
	typos *typoIndex
	// personArticles lists, per person, the articles they speak in.
	personArticles [][]int32
	// scratch recycles per-question buffers; sync.Pool is safe for
	// concurrent use, so the library stays safe to share.
	scratch sync.Pool
	// sources keeps each source's extraction, by file name, so Rebuild
	// can skip parsing files that have not changed. Nothing in it is ever
	// modified: builds work on copies.
	sources sourceSet
}

// sourceSet is a library's parsed sources, sorted by file name, one per
// name. A sorted slice takes half the memory of a map of them.
type sourceSet []parsedSource

// get returns the parsed source called name, or the zero parsedSource
// when there is none.
func (s sourceSet) get(name string) parsedSource {
	ps, _ := s.lookup(name)
	return ps
}

// lookup returns the parsed source called name and whether there is one.
func (s sourceSet) lookup(name string) (parsedSource, bool) {
	i := sort.Search(len(s), func(i int) bool { return s[i].name >= name })
	if i < len(s) && s[i].name == name {
		return s[i], true
	}
	return parsedSource{}, false
}

// newSourceSet returns the parsed sources of srcs, each name's last.
func newSourceSet(srcs []Source, parsed []parsedSource) sourceSet {
	set := make(sourceSet, len(srcs))
	for i, ps := range parsed {
		ps.name = srcs[i].Name
		set[i] = ps
	}
	sort.SliceStable(set, func(i, j int) bool { return set[i].name < set[j].name })
	// Of sources with the same name, the last one given stays, as a map
	// would keep it.
	out := set[:0]
	for i, ps := range set {
		if i+1 < len(set) && set[i+1].name == ps.name {
			continue
		}
		out = append(out, ps)
	}
	return slices.Clip(out)
}

// parsedSource is what Parse made of one source, kept for reuse.
type parsedSource struct {
	// name is the source's file name.
	name string
	// sum identifies the bytes that were parsed.
	sum [sha256.Size]byte
	// doc is the extraction before people are merged across articles and
	// corrections applied; nil when parsing failed. Its Sentences are
	// nil: sents holds them in less memory.
	doc *Parsed
	// sents locates doc's sentences in its paragraphs.
	sents []sentSpan
	// kept holds doc's quotes, in less memory, when doc.Quotes is nil.
	kept []keptQuote
	// err is why parsing failed.
	err error
}

// ErrNoArticles is returned when a folder holds no usable article, so a
// reload can refuse to replace a working library with an empty one.
var ErrNoArticles = errors.New("no usable articles")

// contentExt lists the file types the library reads.
var contentExt = map[string]bool{".txt": true, ".md": true, ".html": true, ".htm": true}

// IsArticleFile reports whether LoadDir would read the file called name,
// so that code deciding whether a folder holds articles agrees with it.
func IsArticleFile(name string) bool {
	return !strings.HasPrefix(name, ".") && contentExt[strings.ToLower(path.Ext(name))]
}

// correctionsSuffix names the sidecar file that holds an article's
// corrections.
const correctionsSuffix = ".corrections.json"

// LoadDir builds a library from the .txt, .md and .html files of dir.
func LoadDir(dir string) (*Library, []FileError, error) {
	return LoadFS(os.DirFS(dir))
}

// LoadDirFrom builds a library from the files of dir like LoadDir, but
// reuses what prev parsed from files whose name and bytes have not changed,
// so a moderator's reload of a large folder costs little more than the
// files that changed. prev may be nil; it is not modified and stays fully
// usable while and after the new library is built.
func LoadDirFrom(prev *Library, dir string) (*Library, []FileError, error) {
	return loadFS(prev, os.DirFS(dir))
}

// LoadFS builds a library from the article files at the top of fsys. Files
// that cannot be used are reported and skipped; it fails only when the
// folder cannot be read or nothing usable is left.
func LoadFS(fsys fs.FS) (*Library, []FileError, error) {
	return loadFS(nil, fsys)
}

// loadFS is LoadFS reusing prev's parsed sources when prev is not nil.
func loadFS(prev *Library, fsys fs.FS) (*Library, []FileError, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("read content folder: %w", err)
	}
	var srcs []Source
	var skipped []FileError
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !IsArticleFile(name) {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			skipped = append(skipped, FileError{File: name, Reason: "cannot be read: " + err.Error()})
			continue
		}
		src := Source{Name: name, Data: data}
		if c, err := fs.ReadFile(fsys, name+correctionsSuffix); err == nil {
			src.Corrections = c
		}
		srcs = append(srcs, src)
	}
	lib, more := prev.Rebuild(srcs)
	skipped = append(skipped, more...)
	if len(lib.articles) == 0 {
		return nil, skipped, ErrNoArticles
	}
	return lib, skipped, nil
}

// Build parses and indexes srcs. Sources that cannot be used are reported
// and skipped; a malformed corrections file is reported and ignored, and
// its article still loads.
func Build(srcs []Source) (*Library, []FileError) {
	return build(nil, nil, srcs)
}

// Rebuild builds a new library from srcs, as Build does, reusing what l
// parsed from sources with the same name and bytes, and the stems of the
// words l knows: parsing is most of the cost of a build, and a reload
// usually changes few files.
// Corrections are always read afresh, and people are merged across the
// articles again, so the result is the same as Build(srcs). l may be nil;
// it is not modified and stays safe to use concurrently.
func (l *Library) Rebuild(srcs []Source) (*Library, []FileError) {
	if l == nil {
		return Build(srcs)
	}
	return build(l.sources, l.ix, srcs)
}

// build is Build reusing the parsed sources in prev and the stems of the
// words prevIx knows; both may be nil.
func build(prev sourceSet, prevIx *index, srcs []Source) (*Library, []FileError) {
	var skipped []FileError
	var docs []*Parsed
	corr := map[string][]Correction{}
	parsed, fresh := parseAll(prev, srcs)
	use := packParsed(parsed, fresh)
	sources := newSourceSet(srcs, parsed)
	for i, s := range srcs {
		if err := parsed[i].err; err != nil {
			skipped = append(skipped, FileError{File: s.Name, Reason: err.Error()})
			continue
		}
		// The parsed source is shared with other libraries: work on a
		// copy of what merging people and corrections change.
		p := new(Parsed)
		*p = *parsed[i].doc
		p.Sentences, p.Quotes = use[i].Sentences, use[i].Quotes
		if !fresh[i] {
			p.Sentences, p.Quotes = parsed[i].sentences(), parsed[i].quotes()
		}
		if s.Corrections != nil {
			cs, err := ParseCorrections(s.Corrections)
			if err != nil {
				skipped = append(skipped, FileError{File: s.Name + correctionsSuffix, Reason: err.Error() + "; the article loads without its corrections"})
			} else {
				corr[p.Article.ID] = cs
			}
		}
		docs = append(docs, p)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Article.ID < docs[j].Article.ID })
	// Two files with the same ID (a.txt and a.md) would make citations
	// ambiguous: keep the first and report the other.
	kept := docs[:0]
	seenID := map[string]bool{}
	for _, d := range docs {
		if seenID[d.Article.ID] {
			skipped = append(skipped, FileError{File: d.Article.File, Reason: "another file has the same name; it is skipped"})
			continue
		}
		seenID[d.Article.ID] = true
		kept = append(kept, d)
	}
	docs = kept
	// The excerpts are cut and read while people are merged: only
	// articles with corrections wait for them.
	hold := make([]bool, len(docs))
	for i, d := range docs {
		hold[i] = corr[d.Article.ID] != nil
	}
	quotesReady := make(chan struct{})
	prepared := prepareUnits(docs, hold, quotesReady, prevIx)
	people := MergePeople(docs)
	for _, d := range docs {
		if cs := corr[d.Article.ID]; cs != nil {
			d.Quotes = applyCorrections(d.Quotes, cs)
		}
	}
	close(quotesReady)
	lib := assemble(docs, people, prevIx, prepared)
	lib.sources = sources
	return lib, skipped
}

// parseAll parses the sources on every core: parsing is most of the time
// a large library takes to build, and each article parses on its own. A
// source whose name and bytes are in prev is not parsed again; fresh
// reports which sources were parsed now.
func parseAll(prev sourceSet, srcs []Source) (parsed []parsedSource, fresh []bool) {
	parsed = make([]parsedSource, len(srcs))
	fresh = make([]bool, len(srcs))
	workers := min(runtime.GOMAXPROCS(0), len(srcs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sc parseScratch
			for {
				i := int(next.Add(1)) - 1
				if i >= len(srcs) {
					return
				}
				sum := sha256.Sum256(srcs[i].Data)
				if old, ok := prev.lookup(srcs[i].Name); ok && old.sum == sum {
					parsed[i] = old
					continue
				}
				doc, err := parseSafely(srcs[i], &sc)
				parsed[i] = parsedSource{sum: sum, doc: doc, err: err}
				fresh[i] = true
			}
		}()
	}
	wg.Wait()
	return parsed, fresh
}

// sentSpan locates one sentence in its article: bytes [start, end) of
// paragraph para. It takes half the memory of a Sentence.
type sentSpan struct {
	para, start, end int32
}

// keptQuote is a Quote as a parsed source keeps it, in 48 bytes where a
// Quote takes 104: its article is the source's, its ID is made from the
// article's ID and its place (appendQuoteID), its text is bytes
// [from, to) of its paragraph, and its kind one of quoteKinds.
type keptQuote struct {
	speaker, role string
	para          int32
	from, to      uint32
	kind          uint8
}

// quoteKinds are the kinds of quote a keptQuote can have.
var quoteKinds = [...]QuoteKind{Direct, Partial, Reported}

// quotes returns a copy of the quotes of ps's article, for a build to
// change.
func (ps parsedSource) quotes() []Quote {
	if ps.doc.Quotes != nil {
		return append([]Quote(nil), ps.doc.Quotes...)
	}
	if ps.kept == nil {
		return nil
	}
	a := &ps.doc.Article
	// The IDs are made in one string, not one allocation each.
	var ids strings.Builder
	var buf [64]byte
	for i := range ps.kept {
		ids.Write(appendQuoteID(buf[:0], a.ID, i))
	}
	all := ids.String()
	out := make([]Quote, len(ps.kept))
	off := 0
	for i, k := range ps.kept {
		n := len(appendQuoteID(buf[:0], a.ID, i))
		out[i] = Quote{ID: all[off : off+n], Text: a.Paragraphs[k.para][k.from:k.to], Speaker: k.speaker, Role: k.role, Kind: quoteKinds[k.kind], ArticleID: a.ID, Paragraph: int(k.para)}
		off += n
	}
	return out
}

// appendQuoteID appends to b the ID the extractor gives quote i of the
// article called articleID.
func appendQuoteID(b []byte, articleID string, i int) []byte {
	b = append(b, articleID...)
	b = append(b, '/')
	return strconv.AppendInt(b, int64(i)+1, 10)
}

// keepQuotes returns qs, quotes of an article with the given ID and
// paragraphs, as keptQuotes cut from slab, or nil when a quote cannot be
// kept so (a kind outside quoteKinds, another article's ID, an ID the
// extractor would not give, text that is not in its paragraph).
func keepQuotes(qs []Quote, articleID string, paras []string, slab *[]keptQuote) []keptQuote {
	kinds := make([]uint8, len(qs))
	from := make([]int, len(qs))
	var buf [64]byte
	for i, q := range qs {
		k := slices.Index(quoteKinds[:], q.Kind)
		if k < 0 || q.ArticleID != articleID || q.Paragraph < 0 || q.Paragraph >= len(paras) ||
			q.ID != string(appendQuoteID(buf[:0], articleID, i)) {
			return nil
		}
		para := paras[q.Paragraph]
		at := int(stringAddr(q.Text) - stringAddr(para))
		if q.Text == "" || stringAddr(q.Text) < stringAddr(para) || at+len(q.Text) > len(para) {
			// Not a part of its paragraph: the same bytes elsewhere in
			// it do as well.
			if at = strings.Index(para, q.Text); at < 0 {
				return nil
			}
		}
		kinds[i], from[i] = uint8(k), at
	}
	out := cut(slab, len(qs))
	for i, q := range qs {
		out[i] = keptQuote{speaker: q.Speaker, role: q.Role, para: int32(q.Paragraph), from: uint32(from[i]), to: uint32(from[i] + len(q.Text)), kind: kinds[i]}
	}
	return out
}

// sentences returns the sentences of ps's article.
func (ps parsedSource) sentences() []Sentence {
	if ps.doc.Sentences != nil {
		return ps.doc.Sentences
	}
	out := make([]Sentence, len(ps.sents))
	for i, sp := range ps.sents {
		out[i] = Sentence{Text: ps.doc.Article.Paragraphs[sp.para][sp.start:sp.end], Paragraph: int(sp.para)}
	}
	return out
}

// packParsed moves the text of the freshly parsed articles into one
// allocation, with every string of theirs that lay in a paragraph, and
// trims their slices to size. Parsing leaves each paragraph in an
// allocation of its own among a great deal of garbage, so the text a
// library keeps would otherwise pin many partly empty pages. It returns
// the sentences and quotes of each fresh article for the build to use
// once; the parsed source keeps them as spans and keptQuotes.
func packParsed(parsed []parsedSource, fresh []bool) []Parsed {
	use := make([]Parsed, len(parsed))
	// meta lists the article fields that may lie in a line outside the
	// paragraphs (a headline cut from the first line), which would keep
	// that whole line.
	meta := func(a *Article) [6]*string {
		return [6]*string{&a.Title, &a.Publisher, &a.Published, &a.Dateline, &a.Author, &a.URL}
	}
	// The text, and the slices the parsed sources keep, are cut from a
	// few large allocations (slabs) sized first.
	total := 0
	var nDocs, nSpans, nQuotes, nPeople, nStrings int
	for i, ps := range parsed {
		if d := ps.doc; fresh[i] && d != nil {
			for _, para := range d.Article.Paragraphs {
				total += len(para)
			}
			for _, f := range meta(&d.Article) {
				total += len(*f)
			}
			for _, q := range d.Quotes {
				total += len(q.ID)
			}
			nDocs++
			nSpans += len(d.Sentences)
			nQuotes += len(d.Quotes)
			nPeople += len(d.People)
			nStrings += len(d.Article.Paragraphs)
			for _, p := range d.People {
				nStrings += len(p.Aliases) + len(p.Roles)
			}
		}
	}
	docSlab := make([]Parsed, nDocs)
	spanSlab := make([]sentSpan, nSpans)
	sentSlab := make([]Sentence, nSpans)
	quoteSlab := make([]Quote, nQuotes)
	keptSlab := make([]keptQuote, nQuotes)
	personSlab := make([]Person, nPeople)
	stringSlab := make([]string, nStrings)
	var b strings.Builder
	b.Grow(total)
	var moves []textMove
	// docStart[i] is where article i's paragraphs start in text, and
	// metaStart[i] where its fields do, right after them, followed by
	// its quotes' IDs, which would otherwise be tens of thousands of tiny
	// allocations.
	docStart := make([]int, len(parsed))
	metaStart := make([]int, len(parsed))
	for i, ps := range parsed {
		if fresh[i] && ps.doc != nil {
			docStart[i] = b.Len()
			for _, para := range ps.doc.Article.Paragraphs {
				if para != "" {
					moves = append(moves, textMove{from: stringAddr(para), n: len(para), to: b.Len()})
					b.WriteString(para)
				}
			}
			metaStart[i] = b.Len()
			for _, f := range meta(&ps.doc.Article) {
				b.WriteString(*f)
			}
			for _, q := range ps.doc.Quotes {
				b.WriteString(q.ID)
			}
		}
	}
	text := b.String()
	sort.Slice(moves, func(i, j int) bool { return moves[i].from < moves[j].from })
	var docText string
	found := map[string]string{}
	move := func(s string) string {
		if s == "" {
			return s
		}
		a := stringAddr(s)
		k := sort.Search(len(moves), func(k int) bool { return moves[k].from > a }) - 1
		if k >= 0 && a+uintptr(len(s)) <= moves[k].from+uintptr(moves[k].n) {
			off := moves[k].to + int(a-moves[k].from)
			return text[off : off+len(s)]
		}
		if m, ok := found[s]; ok {
			return m
		}
		m := s
		if i := strings.Index(docText, s); i >= 0 {
			m = docText[i : i+len(s)]
		}
		found[s] = m
		return m
	}
	moveAll := func(ss []string) []string {
		if ss == nil {
			return nil
		}
		out := cut(&stringSlab, len(ss))
		for i, s := range ss {
			out[i] = move(s)
		}
		return out
	}
	for i := range parsed {
		if !fresh[i] || parsed[i].doc == nil {
			continue
		}
		d := &docSlab[0]
		docSlab = docSlab[1:]
		*d = *parsed[i].doc
		parsed[i].doc = d
		a := &d.Article
		docText = text[docStart[i]:metaStart[i]]
		clear(found)
		off := metaStart[i]
		for _, f := range meta(a) {
			*f, off = text[off:off+len(*f)], off+len(*f)
		}
		sp := cut(&spanSlab, len(d.Sentences))
		ss := cut(&sentSlab, len(d.Sentences))
		spans := true
		for j, s := range d.Sentences {
			ss[j] = Sentence{Text: move(s.Text), Paragraph: s.Paragraph}
			para := a.Paragraphs[s.Paragraph]
			start := int(stringAddr(s.Text) - stringAddr(para))
			if s.Text == "" || stringAddr(s.Text) < stringAddr(para) || start+len(s.Text) > len(para) {
				// Not a part of its paragraph: keep the sentences whole.
				spans = false
				continue
			}
			sp[j] = sentSpan{para: int32(s.Paragraph), start: int32(start), end: int32(start + len(s.Text))}
		}
		a.Paragraphs = moveAll(a.Paragraphs)
		use[i].Sentences, d.Sentences = ss, nil
		if spans {
			parsed[i].sents = sp
		} else {
			d.Sentences = ss
		}
		if d.Quotes != nil {
			qs := cut(&quoteSlab, len(d.Quotes))
			for j, q := range d.Quotes {
				q.ID, off = text[off:off+len(q.ID)], off+len(q.ID)
				q.Text, q.Speaker, q.Role = move(q.Text), move(q.Speaker), move(q.Role)
				qs[j] = q
			}
			use[i].Quotes = qs
			// The source keeps its own copy, the build changes qs.
			if kept := keepQuotes(qs, a.ID, a.Paragraphs, &keptSlab); kept != nil {
				parsed[i].kept, d.Quotes = kept, nil
			} else {
				d.Quotes = append([]Quote(nil), qs...)
			}
		}
		if d.People != nil {
			ps := cut(&personSlab, len(d.People))
			for j, p := range d.People {
				p.Name, p.Aliases, p.Roles = move(p.Name), moveAll(p.Aliases), moveAll(p.Roles)
				ps[j] = p
			}
			d.People = ps
		}
	}
	return use
}

// cut returns the first n elements of *slab, with no room to grow into
// the rest, and moves *slab past them.
func cut[T any](slab *[]T, n int) []T {
	s := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return s
}

// packLists moves the lists into one allocation of exactly their total
// size. Lists built by append are each a small allocation among the
// build's garbage, and thousands of them kept that way pin many partly
// empty pages of heap. A nil list stays nil.
func packLists[T any](lists [][]T) {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	slab := make([]T, n)
	for i, l := range lists {
		if l != nil {
			lists[i] = cut(&slab, len(l))
			copy(lists[i], l)
		}
	}
}

// packPeople moves the aliases and roles of people into one allocation,
// as packLists does.
func packPeople(people []Person) {
	n := 0
	for _, p := range people {
		n += len(p.Aliases) + len(p.Roles)
	}
	slab := make([]string, n)
	for i := range people {
		p := &people[i]
		for _, l := range [2]*[]string{&p.Aliases, &p.Roles} {
			if *l != nil {
				s := cut(&slab, len(*l))
				copy(s, *l)
				*l = s
			}
		}
	}
}

// textMove records that the n bytes at address from were copied to
// offset to of packParsed's text.
type textMove struct {
	from uintptr
	n    int
	to   int
}

// stringAddr returns the address of s's bytes. Go's heap does not move
// what it allocates, so comparing addresses tells whether one string lies
// inside another.
func stringAddr(s string) uintptr {
	return uintptr(unsafe.Pointer(unsafe.StringData(s)))
}

// parseSafely parses one source, turning a panic in the extractor into
// that file's error so one strange article cannot stop a reload.
func parseSafely(src Source, sc *parseScratch) (p *Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("could not be parsed (internal error: %v)", r)
		}
	}()
	return parse(src, sc)
}

// ParseCorrections reads a corrections sidecar: a JSON array of
// Correction. Every entry must say which quotes it matches and what it
// does to them.
func ParseCorrections(data []byte) ([]Correction, error) {
	var cs []Correction
	if err := json.Unmarshal(data, &cs); err != nil {
		return nil, fmt.Errorf("malformed corrections: %v", err)
	}
	for i, c := range cs {
		if strings.TrimSpace(c.Match) == "" {
			return nil, fmt.Errorf("malformed corrections: entry %d has no match text", i+1)
		}
		if !c.Hide && strings.TrimSpace(c.Speaker) == "" {
			return nil, fmt.Errorf("malformed corrections: entry %d neither hides the quote nor names a speaker", i+1)
		}
	}
	return cs, nil
}

// correctionKey compares quote texts the way moderators expect: case,
// quote marks and runs of spaces ignored.
func correctionKey(s string) string {
	s = strings.ToLower(plainQuotes.Replace(s))
	s = strings.Trim(s, ` "'`)
	return strings.Join(strings.Fields(s), " ")
}

// plainQuotes turns typographic quote marks into plain ones.
var plainQuotes = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'", "\u00a0", " ")

// applyCorrections hides or re-attributes the quotes each correction
// matches by the start of their text. Later corrections win.
func applyCorrections(qs []Quote, cs []Correction) []Quote {
	out := qs[:0:0]
	for _, q := range qs {
		key := correctionKey(q.Text)
		hide := false
		for _, c := range cs {
			m := correctionKey(c.Match)
			if m == "" || !strings.HasPrefix(key, m) {
				continue
			}
			if c.Hide {
				hide = true
				continue
			}
			hide = false
			if sp := strings.TrimSpace(c.Speaker); sp != q.Speaker {
				// The role the article gave belonged to the old speaker.
				q.Speaker, q.Role = sp, ""
			}
		}
		if !hide {
			out = append(out, q)
		}
	}
	return out
}

// assemble indexes the parsed articles into a Library, looking up the
// stems of words prevIx (which may be nil) knows. prepared delivers each
// article cut into excerpts (prepareUnits).
func assemble(docs []*Parsed, merged []Person, prevIx *index, prepared []chan preparedDoc) *Library {
	lib := &Library{
		articleIdx: map[string]int32{},
		personIdx:  map[string]int32{},
	}
	// People: the merged list, plus anyone a correction named, counted
	// again because corrections move and hide quotes.
	people := append([]Person(nil), merged...)
	byName := map[string]int{}
	for i, p := range people {
		people[i].Quotes = 0
		byName[strings.ToLower(p.Name)] = i
	}
	for i, p := range people {
		for _, a := range p.Aliases {
			if _, ok := byName[strings.ToLower(a)]; !ok {
				byName[strings.ToLower(a)] = i
			}
		}
	}
	for _, d := range docs {
		for qi := range d.Quotes {
			q := &d.Quotes[qi]
			if q.Speaker == "" {
				continue
			}
			i, ok := byName[strings.ToLower(q.Speaker)]
			if !ok && DescribedSpeaker(q.Speaker) {
				// "a spokesman", "analysts": shown with the quote, but
				// not a person anyone can look up.
				continue
			}
			if !ok {
				i = len(people)
				people = append(people, Person{Name: q.Speaker})
				byName[strings.ToLower(q.Speaker)] = i
			}
			q.Speaker = people[i].Name
			people[i].Quotes++
		}
	}
	sort.SliceStable(people, func(i, j int) bool {
		if people[i].Quotes != people[j].Quotes {
			return people[i].Quotes > people[j].Quotes
		}
		return people[i].Name < people[j].Name
	})
	for i := range people {
		if people[i].Aliases == nil {
			people[i].Aliases = []string{}
		}
		if people[i].Roles == nil {
			people[i].Roles = []string{}
		}
		lib.personIdx[people[i].Name] = int32(i)
	}
	packPeople(people)
	lib.people = people
	lib.names = newNameIndex(people)

	textBytes := 0
	for _, d := range docs {
		for _, p := range d.Article.Paragraphs {
			textBytes += len(p)
		}
	}
	b := newIndexBuilder(prevIx, textBytes)
	// seen finds an excerpt already indexed with the same words by a hash
	// of its wordKey, and unitKeys holds the wordKey of every excerpt
	// indexed, to tell a repeat from a hash collision. A rebuild sizes
	// them for the excerpts of the library before.
	units := 0
	if prevIx != nil {
		units = len(prevIx.units)
	}
	seen := make(map[uint64]int32, units)
	unitKeys := make([]string, 0, units)
	seed := maphash.MakeSeed()
	nq := 0
	for _, d := range docs {
		nq += len(d.Quotes)
	}
	lib.articles = make([]Article, 0, len(docs))
	quotes := make([]Quote, 0, nq)
	lib.quoteUnit = make([]int32, 0, nq)
	lib.quoteStart = make([]int32, 0, len(docs)+1)
	// unitStart[a] is the first excerpt of article a; they are in order.
	unitStart := make([]int32, 0, len(docs)+1)
	isName := func(w string) bool { return len(lib.names.holders(w)) > 0 }
	for di, d := range docs {
		pu := <-prepared[di]
		unitStart = append(unitStart, int32(len(b.ix.units)))
		ai := int32(len(lib.articles))
		lib.articleIdx[d.Article.ID] = ai
		lib.articles = append(lib.articles, d.Article)
		first := int32(len(quotes))
		lib.quoteStart = append(lib.quoteStart, first)
		quotes = append(quotes, d.Quotes...)
		for range d.Quotes {
			lib.quoteUnit = append(lib.quoteUnit, -1)
		}
		// The headline's terms, once per article, and the terms of the
		// excerpt indexed just before, for the weak context field.
		var titleTerms []int32
		for _, w := range pu.title {
			if w.v != nil {
				titleTerms = append(titleTerms, b.known(w.v).term)
			}
		}
		lastIndexed := -1
		for i, u := range pu.units {
			if pu.keys[i] == "" {
				continue
			}
			h := maphash.String(seed, pu.keys[i])
			if dup, ok := seen[h]; ok && unitKeys[dup] == pu.keys[i] {
				// The same words elsewhere (a wire story carried twice):
				// the quote is shown by the excerpt already indexed.
				if u.quote >= 0 && lib.quoteUnit[u.quote+first] < 0 {
					lib.quoteUnit[u.quote+first] = dup
				}
				continue
			}
			seen[h] = int32(len(b.ix.units))
			unitKeys = append(unitKeys, pu.keys[i])
			u.article = ai
			u.speaker = -1
			var names []string
			if u.quote >= 0 {
				u.quote += first
				q := quotes[u.quote]
				if pi, ok := lib.personIdx[q.Speaker]; ok {
					u.speaker = pi
					names = lib.names.words[pi]
				}
				if lib.quoteUnit[u.quote] < 0 {
					lib.quoteUnit[u.quote] = int32(len(b.ix.units))
				}
			}
			var before []int32
			if i > 0 && pu.units[i-1].para == u.para {
				if lastIndexed == i-1 {
					before = b.lastTerms()
				} else {
					before = b.terms(pu.words[i-1])
				}
			}
			b.add(u, pu.words[i], before, titleTerms, names, pickNames(u.contextCands, isName))
			lastIndexed = i
		}
		// A quote whose words were folded into another excerpt (the same
		// quote repeated) is shown by the excerpt of its article that holds
		// its words.
		for qi := first; qi < int32(len(quotes)); qi++ {
			if lib.quoteUnit[qi] >= 0 || quotes[qi].ArticleID != d.Article.ID {
				continue
			}
			qk := wordKey(quotes[qi].Text)
			for k, key := range unitKeys[unitStart[di]:] {
				if strings.Contains(key, qk) {
					lib.quoteUnit[qi] = unitStart[di] + int32(k)
					break
				}
			}
		}
		pu.release(pu.buf)
		// The sentences were only needed to cut the excerpts; let them go
		// so a large library's build peaks lower.
		d.Sentences = nil
	}
	unitStart = append(unitStart, int32(len(b.ix.units)))
	lib.quoteStart = append(lib.quoteStart, int32(len(quotes)))
	lib.ix = b.finish(lib.articles)
	lib.typos = newTypoIndex(lib.ix)
	lib.personArticles = make([][]int32, len(people))
	for _, q := range quotes {
		pi, ok := lib.personIdx[q.Speaker]
		if !ok {
			continue
		}
		ai := lib.articleIdx[q.ArticleID]
		if !containsID(lib.personArticles[pi], ai) {
			lib.personArticles[pi] = append(lib.personArticles[pi], ai)
		}
	}
	packLists(lib.personArticles)
	// The same for a quote whose ArticleID is not its article's, were
	// there one: the others were searched for above.
	owner := 0
	for qi, ui := range lib.quoteUnit {
		for int(lib.quoteStart[owner+1]) <= qi {
			owner++
		}
		if ui >= 0 || quotes[qi].ArticleID == lib.articles[owner].ID {
			continue
		}
		qk := wordKey(quotes[qi].Text)
		ai := lib.articleIdx[quotes[qi].ArticleID]
		for uj := unitStart[ai]; uj < unitStart[ai+1]; uj++ {
			if strings.Contains(wordKey(lib.ix.view(uj).text), qk) {
				lib.quoteUnit[qi] = uj
				break
			}
		}
	}
	lib.quotes, lib.quoteStrs, lib.oddQuotes = packQuotes(quotes, lib.quoteStart, lib.articles)
	lib.packIDs()
	return lib
}

// preparedDoc is one article cut into excerpts, with each excerpt's words
// and dedupe key, made ahead of indexing.
type preparedDoc struct {
	// title holds the words of the article's headline.
	title []preppedWord
	units []unit
	// words holds each excerpt's words.
	words [][]preppedWord
	keys  []string
	// buf holds the memory of words, handed back by release.
	buf     *prepBuf
	release func(*prepBuf)
}

// prepBuf is the memory one prepared article's words take. Indexing hands
// it back once the article is indexed, so the millions of words of a large
// library reuse a few buffers instead of each allocating its own.
type prepBuf struct {
	words []preppedWord
	// spans[j] is where excerpt j's words end in words.
	spans []int
	// toks and vs are scratch memory for one excerpt's tokens and their
	// vocabWords.
	toks []token
	vs   []*vocabWord
	// names is scratch memory for the words articleUnits reads names
	// from (nameCandidates).
	names []token
}

// prepareUnits cuts the articles into excerpts and reads their words on
// every core, delivering each article on its own channel so that
// indexing, which must run in order, never waits for the slowest one. It
// starts while people are still being merged, which changes only the
// quotes' speakers; an article marked in hold has corrections to apply
// first, and waits until quotesReady is closed. At most some dozens of
// articles per core are kept ready, so memory does not grow with the
// library. Words prevIx (which may be nil) knows are not stemmed again.
func prepareUnits(docs []*Parsed, hold []bool, quotesReady <-chan struct{}, prevIx *index) []chan preparedDoc {
	ready := make([]chan preparedDoc, len(docs))
	for i := range ready {
		ready[i] = make(chan preparedDoc, 1)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)))
	// free holds the buffers of indexed articles; its capacity bounds how
	// many articles are prepared ahead, enough for the workers to keep
	// busy while people are merged.
	free := make(chan *prepBuf, 64*workers)
	for i := 0; i < cap(free); i++ {
		free <- new(prepBuf)
	}
	release := func(b *prepBuf) { free <- b }
	var next atomic.Int64
	base := newVocabularyBase(prevIx)
	for w := 0; w < workers; w++ {
		go func() {
			// Each worker keeps its own vocabulary of the words base does
			// not hold: stemming is costly and a shared one that grew
			// would need a lock.
			voc := newVocabulary(prevIx, base)
			for {
				buf := <-free
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					free <- buf
					return
				}
				if hold[i] {
					<-quotesReady
				}
				ready[i] <- prepareDoc(docs[i], voc, buf, release)
			}
		}()
	}
	return ready
}

// prepareDoc cuts one article into excerpts and finds their words, stems
// and hints, in buf's memory, so that indexing has only to count them.
func prepareDoc(d *Parsed, voc *vocabulary, buf *prepBuf, release func(*prepBuf)) preparedDoc {
	units, keys := articleUnits(d, d.Quotes, 0, &buf.names)
	pd := preparedDoc{units: units, keys: keys, buf: buf, release: release}
	buf.words, buf.spans = buf.words[:0], buf.spans[:0]
	for j := range units {
		u := &units[j]
		buf.toks, buf.vs = voc.appendWords(buf.toks[:0], buf.vs[:0], u.text)
		for i, t := range buf.toks {
			v := buf.vs[i]
			var w preppedWord
			// Stopwords are not indexed, and their case is not counted.
			if !v.isStop(t) {
				w.v = v
				if sentenceStart(u.text, buf.toks, i) {
					w.flags |= wordOpens
				}
				if t.capital {
					w.flags |= wordCapital
				}
			}
			buf.words = append(buf.words, w)
		}
		u.hints = textHints(buf.toks, buf.vs)
		buf.spans = append(buf.spans, len(buf.words))
	}
	for _, t := range appendTokens(buf.toks[:0], d.Article.Title) {
		var w preppedWord
		if v := voc.word(t.norm); !v.isStop(t) {
			w.v = v
		}
		buf.words = append(buf.words, w)
	}
	pd.words = make([][]preppedWord, len(units))
	start := 0
	for j, end := range buf.spans {
		pd.words[j] = buf.words[start:end:end]
		start = end
	}
	pd.title = buf.words[start:]
	return pd
}

// articleUnits cuts one article into excerpts: each run of sentences that
// gives the same quote is one excerpt, and every other sentence is a fact.
// A quote that no sentence gives (a pull-quote set apart from the text) is
// an excerpt of its own. A fact that opens with a pronoun takes the
// people's names of the excerpt before it as context: it gets their
// candidates (nameCandidates), for indexing to pick from once the people
// are known. Excerpts whose words all appear in a longer excerpt of the
// same article are dropped. It returns the excerpts and their wordKeys.
// scratch is memory for reading names.
func articleUnits(d *Parsed, quotes []Quote, first int, scratch *[]token) ([]unit, []string) {
	keys := make([]string, len(quotes))
	qmasks := make([]pairMask, len(quotes))
	// The wordKeys of the quotes and sentences are written into one
	// allocation, keyText, which is only ever appended to (appendWordKey):
	// a key is seldom longer than its text.
	size := 0
	for _, s := range d.Sentences {
		size += len(s.Text)
	}
	for i := range quotes {
		size += len(quotes[i].Text)
	}
	keyText := make([]byte, 0, size)
	// The quotes are read field by field, never copied whole: people are
	// merged meanwhile, which rewrites their speakers (prepareUnits).
	for i := range quotes {
		keyText, keys[i], _ = appendWordKey(keyText, quotes[i].Text, nil)
		qmasks[i] = pairsOf(keys[i])
	}
	units := make([]unit, 0, len(d.Sentences)+len(quotes))
	// ukeys[i] is the wordKey of units[i], "" until known, and umasks[i]
	// its pairsOf when hasMask[i].
	ukeys := make([]string, 0, cap(units))
	umasks := make([]pairMask, 0, cap(units))
	hasMask := make([]bool, 0, cap(units))
	used := make([]bool, len(quotes))
	prev := -2
	var cands, cuts []int
	var segs []string
	var segMasks []pairMask
	for _, s := range d.Sentences {
		cands = cands[:0]
		for qi := range quotes {
			if p := quotes[qi].Paragraph; p <= s.Paragraph && s.Paragraph <= p+3 {
				cands = append(cands, qi)
			}
		}
		var sk string
		keyText, sk, cuts = appendWordKey(keyText, s.Text, cuts[:0])
		var sm pairMask
		if len(cands) > 0 {
			// The sentence gives a quote only when one key contains the
			// other or the quote contains a part of the sentence between
			// quote marks (see sentenceQuote): drop the quotes whose
			// letter pairs rule all that out before searching.
			sm = pairsOf(sk)
			segMasks = segMasks[:0]
			if len(cuts) > 0 {
				segs = quoteSegs(sk, cuts, segs[:0])
				for _, k := range segs {
					segMasks = append(segMasks, pairsOf(k))
				}
			}
			kept := cands[:0]
			for _, qi := range cands {
				ok := qmasks[qi].within(sm) || sm.within(qmasks[qi])
				for _, m := range segMasks {
					ok = ok || m.within(qmasks[qi])
				}
				if ok {
					kept = append(kept, qi)
				}
			}
			cands = kept
		}
		hasSM := len(cands) > 0
		qi := sentenceQuote(sk, cuts, cands, keys, quotes)
		if qi >= 0 && qi == prev {
			last := &units[len(units)-1]
			last.text += " " + strings.TrimSpace(s.Text)
			ukeys[len(units)-1] = ""
			hasMask[len(units)-1] = false
			continue
		}
		prev = qi
		u := unit{text: strings.TrimSpace(s.Text), kind: AnswerFact, quote: -1, para: int32(s.Paragraph)}
		if qi >= 0 {
			used[qi] = true
			u.quote = int32(first + qi)
			u.kind = answerKind(quotes[qi].Kind)
		}
		if u.quote < 0 && len(units) > 0 && opensWithPronoun(u.text) {
			u.contextCands = nameCandidates(units[len(units)-1].text, scratch)
		}
		units = append(units, u)
		ukeys = append(ukeys, sk)
		umasks = append(umasks, sm)
		hasMask = append(hasMask, hasSM)
	}
	for qi := range quotes {
		if used[qi] || keys[qi] == "" {
			continue
		}
		q := &quotes[qi]
		units = append(units, unit{text: strings.TrimSpace(q.Text), kind: answerKind(q.Kind), quote: int32(first + qi), para: int32(q.Paragraph)})
		ukeys = append(ukeys, keys[qi])
		umasks = append(umasks, qmasks[qi])
		hasMask = append(hasMask, true)
	}
	// Drop excerpts contained in longer ones, and facts too short to say
	// anything (a name line, a caption fragment).
	for i, u := range units {
		if ukeys[i] == "" {
			ukeys[i] = wordKey(u.text)
			hasMask[i] = false
		}
		if !hasMask[i] {
			umasks[i] = pairsOf(ukeys[i])
		}
	}
	out := units[:0]
	var outKeys []string
	for i, u := range units {
		if u.quote < 0 && strings.Count(ukeys[i], " ") < 2 {
			continue
		}
		contained := false
		for j := range ukeys {
			if j != i && len(ukeys[j]) > len(ukeys[i]) && umasks[i].within(umasks[j]) && strings.Contains(ukeys[j], ukeys[i]) {
				contained = true
				break
			}
		}
		if !contained {
			out = append(out, u)
			outKeys = append(outKeys, ukeys[i])
		}
	}
	return out, outKeys
}

// quoteSegs appends to segs the wordKeys of the parts of a sentence
// between its quote marks that are three words or longer: sk is the
// sentence's wordKey and cuts the offsets of its quote marks in sk
// (wordKeyCuts). A quote that holds one of them is given by the sentence
// (sentenceQuote).
func quoteSegs(sk string, cuts []int, segs []string) []string {
	from := 0
	for c := 0; c <= len(cuts); c++ {
		to := len(sk)
		if c < len(cuts) {
			to = cuts[c]
		}
		if k := strings.TrimSpace(sk[from:to]); strings.Count(k, " ") >= 2 {
			segs = append(segs, k)
		}
		from = to
	}
	return segs
}

// pairMask is a 256-bit fingerprint of the pairs of adjacent bytes of a
// text. A text can occur inside another only if all its pairs do, so
// comparing fingerprints rules out most of the substring searches that
// cutting an article into excerpts would otherwise make between every two
// of its sentences and quotes.
type pairMask [4]uint64

// pairsOf returns the fingerprint of s's adjacent byte pairs.
func pairsOf(s string) pairMask {
	var m pairMask
	for i := 1; i < len(s); i++ {
		h := (uint32(s[i-1])<<8 | uint32(s[i])) * 0x9E3779B1 >> 24
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

// within reports whether every pair of m is also in o: false means the
// text of m cannot occur inside the text of o.
func (m pairMask) within(o pairMask) bool {
	return m[0]&^o[0] == 0 && m[1]&^o[1] == 0 && m[2]&^o[2] == 0 && m[3]&^o[3] == 0
}

// Articles returns the articles in ID order. The slice must not be changed.
func (l *Library) Articles() []Article { return l.articles }

// Quotes yields every quote, article by article in ID order. It is an
// iterator rather than a slice because the library keeps its quotes in a
// compact form (a quarter of a Quote's memory) and makes each Quote only
// when asked; stopping early, as an autocomplete that has its 25 choices
// does, makes no more. Stats().Quotes counts them without making any.
func (l *Library) Quotes() iter.Seq[Quote] {
	return func(yield func(Quote) bool) {
		var ids []byte
		var ends []int
		for a := range l.articles {
			from, to := l.quoteStart[a], l.quoteStart[a+1]
			if from == to {
				continue
			}
			// The article's quote IDs are made in one string, not one
			// allocation each.
			ids, ends = ids[:0], ends[:0]
			for i := from; i < to; i++ {
				if k := &l.quotes[i]; k.kind() != quoteOdd {
					ids = appendQuoteID(ids, l.articles[a].ID, k.num())
				}
				ends = append(ends, len(ids))
			}
			all := string(ids)
			start := 0
			for i := from; i < to; i++ {
				end := ends[i-from]
				if !yield(l.quoteIn(i, a, all[start:end])) {
					return
				}
				start = end
			}
		}
	}
}

// People returns every person, most quoted first. The slice must not be
// changed.
func (l *Library) People() []Person { return l.people }

// Article returns the article with the given ID.
func (l *Library) Article(id string) (Article, bool) {
	if i, ok := l.article(id); ok {
		return l.articles[i], true
	}
	return Article{}, false
}

// packIDs replaces the build's maps of article IDs and person names with
// strTables over the articles and people themselves: a Go map keeps each
// key's 16-byte header and a value in slots with room to spare, where a
// strTable keeps five bytes an item.
func (l *Library) packIDs() {
	l.articleTable = newStrTableOf(len(l.articles), func(i int) string { return l.articles[i].ID })
	l.personTable = newStrTableOf(len(l.people), func(i int) string { return l.people[i].Name })
	l.articleIdx, l.personIdx = nil, nil
}

// article returns the place of the article with the given ID.
func (l *Library) article(id string) (int32, bool) {
	i, ok := l.articleTable.findOf(id, func(i int) string { return l.articles[i].ID })
	return int32(i), ok
}

// person returns the place of the person with the given canonical name.
func (l *Library) person(name string) (int32, bool) {
	i, ok := l.personTable.findOf(name, func(i int) string { return l.people[i].Name })
	return int32(i), ok
}

// Quote returns the quote with the given ID. IDs are "<article id>/<n>",
// so it searches only that article's quotes.
func (l *Library) Quote(id string) (Quote, bool) {
	slash := strings.LastIndexByte(id, '/')
	if slash < 0 {
		return Quote{}, false
	}
	ai, ok := l.article(id[:slash])
	if !ok {
		return Quote{}, false
	}
	// A kept quote's ID is its article's and its number: read the
	// number asked for once instead of making every ID.
	n, err := strconv.Atoi(id[slash+1:])
	numbered := err == nil && n >= 1 && strconv.Itoa(n) == id[slash+1:]
	// The last quote with the ID wins, as it did when a map held them.
	for i := l.quoteStart[ai+1] - 1; i >= l.quoteStart[ai]; i-- {
		k := &l.quotes[i]
		if k.kind() == quoteOdd {
			if q := l.oddQuotes[i]; q.ID == id {
				return q, true
			}
		} else if numbered && k.num() == n-1 {
			return l.quoteIn(i, int(ai), id), true
		}
	}
	return Quote{}, false
}

// libQuote is a Quote as a built library keeps it, in 24 bytes with no
// pointers where a Quote takes 104 with six: a large library has a
// hundred thousand quotes. Its article is the one whose quotes
// (Library.quoteStart) hold it, its ID that article's ID and its number
// (appendQuoteID), its text bytes [from, to) of its paragraph, and its
// speaker and role places in Library.quoteStrs. A quote it cannot hold
// so is marked quoteOdd and kept whole in Library.oddQuotes.
type libQuote struct {
	para     int32
	from, to uint32
	// numKind holds the quote's number times four plus its kind: its
	// place in quoteKinds, or quoteOdd.
	numKind       uint32
	speaker, role uint32
}

// quoteOdd is the kind of a libQuote kept whole in Library.oddQuotes.
const quoteOdd = 3

// kind returns k's place in quoteKinds, or quoteOdd.
func (k *libQuote) kind() uint32 { return k.numKind & 3 }

// num returns the number appendQuoteID makes k's ID of.
func (k *libQuote) num() int { return int(k.numKind >> 2) }

// packQuotes returns quotes, whose articles' quotes start at quoteStart,
// as libQuotes, with the distinct speakers and roles they refer to and
// the quotes a libQuote cannot hold.
func packQuotes(quotes []Quote, quoteStart []int32, articles []Article) ([]libQuote, []string, map[int32]Quote) {
	out := make([]libQuote, len(quotes))
	strs := []string{""}
	place := map[string]uint32{"": 0}
	str := func(s string) uint32 {
		p, ok := place[s]
		if !ok {
			p = uint32(len(strs))
			place[s] = p
			strs = append(strs, s)
		}
		return p
	}
	var odd map[int32]Quote
	var buf [64]byte
	for a := range articles {
		id, paras := articles[a].ID, articles[a].Paragraphs
		for i := quoteStart[a]; i < quoteStart[a+1]; i++ {
			q := &quotes[i]
			k := libQuote{numKind: quoteOdd}
			kind := slices.Index(quoteKinds[:], q.Kind)
			slash := len(id)
			n, err := strconv.Atoi(q.ID[min(slash+1, len(q.ID)):])
			if kind >= 0 && q.ArticleID == id && q.Paragraph >= 0 && q.Paragraph < len(paras) &&
				err == nil && n >= 1 && n < 1<<30 && q.ID == string(appendQuoteID(buf[:0], id, n-1)) {
				para := paras[q.Paragraph]
				at := int(stringAddr(q.Text) - stringAddr(para))
				if q.Text == "" || stringAddr(q.Text) < stringAddr(para) || at+len(q.Text) > len(para) {
					// Not a part of its paragraph: the same bytes elsewhere
					// in it do as well.
					at = strings.Index(para, q.Text)
				}
				if at >= 0 {
					k = libQuote{para: int32(q.Paragraph), from: uint32(at), to: uint32(at + len(q.Text)),
						numKind: uint32(n-1)<<2 | uint32(kind), speaker: str(q.Speaker), role: str(q.Role)}
				}
			}
			if k.kind() == quoteOdd {
				if odd == nil {
					odd = map[int32]Quote{}
				}
				odd[i] = *q
			}
			out[i] = k
		}
	}
	return out, slices.Clip(strs), odd
}

// quote returns quote i of the library.
func (l *Library) quote(i int32) Quote {
	if l.quotes[i].kind() == quoteOdd {
		return l.oddQuotes[i]
	}
	// The quotes are in article order: the last article that starts at
	// or before i holds it.
	a := sort.Search(len(l.articles), func(a int) bool { return l.quoteStart[a+1] > i })
	return l.quoteIn(i, a, "")
}

// quoteIn returns quote i of the library, of article a, with the given
// ID; an empty id is made.
func (l *Library) quoteIn(i int32, a int, id string) Quote {
	k := &l.quotes[i]
	if k.kind() == quoteOdd {
		return l.oddQuotes[i]
	}
	art := &l.articles[a]
	if id == "" {
		id = string(appendQuoteID(nil, art.ID, k.num()))
	}
	return Quote{ID: id, Text: art.Paragraphs[k.para][k.from:k.to], Speaker: l.quoteStrs[k.speaker],
		Role: l.quoteStrs[k.role], Kind: quoteKinds[k.kind()], ArticleID: art.ID, Paragraph: int(k.para)}
}

// quoteSpeaker returns the speaker of quote i without making the Quote.
func (l *Library) quoteSpeaker(i int32) string {
	if k := &l.quotes[i]; k.kind() != quoteOdd {
		return l.quoteStrs[k.speaker]
	}
	return l.oddQuotes[i].Speaker
}

// Paragraph returns paragraph n of an article, or "" when there is none,
// so a front end can show the text around an excerpt.
func (l *Library) Paragraph(articleID string, n int) string {
	a, ok := l.Article(articleID)
	if !ok || n < 0 || n >= len(a.Paragraphs) {
		return ""
	}
	return a.Paragraphs[n]
}

// Stats counts what the library holds.
type Stats struct {
	Articles int `json:"articles"`
	Quotes   int `json:"quotes"`
	People   int `json:"people"`
	// Excerpts counts the quotes and fact sentences questions are
	// answered from.
	Excerpts int `json:"excerpts"`
	// Terms counts the distinct stemmed words indexed.
	Terms int `json:"terms"`
}

// Stats reports the size of the library, for logs and the index command.
func (l *Library) Stats() Stats {
	return Stats{
		Articles: len(l.articles),
		Quotes:   len(l.quotes),
		People:   len(l.people),
		Excerpts: len(l.ix.units),
		Terms:    len(l.ix.termNames),
	}
}

// referringPronouns open sentences that continue about the people of the
// sentence before.
var referringPronouns = setOf(`he she they his her their it its we`)

// opensWithPronoun reports whether a sentence starts with a pronoun.
func opensWithPronoun(text string) bool {
	text = strings.TrimLeft(text, " \"“‘'(")
	end := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(text)
	}
	w := text[:end]
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return referringPronouns[strings.ToLower(w)]
		}
	}
	// The pronouns are short ASCII words: lower-case such a word in a
	// buffer rather than a new string.
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return referringPronouns[string(buf[:len(w)])]
}

// contextCand is a word that may name a person a sentence that opens
// with a pronoun refers to.
type contextCand struct {
	norm string
	// inRun marks a word in a run of capitalised words, which is taken
	// whoever it names; opens marks a word that opens a sentence, which
	// is not taken for being a known person's.
	inRun, opens bool
}

// nameCandidates returns the capitalised words of text that may be the
// names of people it mentions, which can be found before the people are
// known: pickNames chooses from them. It tokenizes text into *scratch,
// which it keeps for the next call.
func nameCandidates(text string, scratch *[]token) []contextCand {
	toks := appendTokens((*scratch)[:0], text)
	*scratch = toks
	capital := func(i int) bool {
		return i >= 0 && i < len(toks) && toks[i].capital && !toks[i].acronym && !isStop(toks[i])
	}
	var out []contextCand
	for i, t := range toks {
		if !capital(i) {
			continue
		}
		opens := sentenceStart(text, toks, i)
		inRun := capital(i-1) && !opens || capital(i+1) && !sentenceStart(text, toks, i+1)
		out = append(out, contextCand{norm: t.norm, inRun: inRun, opens: opens})
	}
	return out
}

// pickNames returns the words of the names cands (nameCandidates) hold,
// once each: capitalised words, away from the start of a sentence, that
// are a known person's (isName), or that stand in a run of two or more
// ("Floella Benjamin").
func pickNames(cands []contextCand, isName func(string) bool) []string {
	var out []string
	for _, c := range cands {
		if contains(out, c.norm) {
			continue
		}
		if c.inRun || !c.opens && isName(c.norm) {
			out = append(out, c.norm)
		}
	}
	return out
}
