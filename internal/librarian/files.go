package librarian

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/citebot/citebot/knowledge"
)

// Meta is what the front matter of a saved article records: what the
// article is, where it came from and who added it.
type Meta struct {
	Title     string
	Publisher string
	Published string
	// Author is the byline, when the source gives one.
	Author  string
	URL     string
	AddedBy string
	// AddedAt is when it was added; zero means now.
	AddedAt time.Time
}

// removedDir is the folder, inside the content folder, where removed
// articles are kept so a removal can be undone by hand. Its name starts
// with a dot so the library never reads it.
const removedDir = ".removed"

// Save writes a new article into the folder with front matter and returns
// its file name. name is only a hint (an upload's file name) for the type:
// the file name itself is derived from the title and a hash of the text, so
// nothing the user typed reaches the file system unchecked, and an article
// that is already in the folder is refused rather than saved twice. Save does
// not reload; call Reload afterwards.
func (l *Librarian) Save(ctx context.Context, name string, text []byte, meta Meta) (string, error) {
	body := strings.TrimSpace(strings.ReplaceAll(string(text), "\r\n", "\n"))
	if body == "" {
		return "", errors.New("the article has no text")
	}
	if meta.AddedAt.IsZero() {
		meta.AddedAt = l.cfg.Now()
	}
	ext := ".txt"
	if strings.EqualFold(filepath.Ext(name), ".md") {
		ext = ".md"
	}
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])[:12]
	base := slug(meta.Title)
	if base == "" {
		base = slug(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
	}
	if base == "" {
		base = "article"
	}

	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	unlock, err := lockDir(l.cfg.Dir)
	if err != nil {
		return "", err
	}
	defer unlock()

	entries, err := os.ReadDir(l.cfg.Dir)
	if err != nil {
		return "", fmt.Errorf("cannot read the content folder: %w", err)
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(strings.TrimSuffix(n, filepath.Ext(n)), "_"+hash) {
			return "", fmt.Errorf("this article is already in the library as %s", n)
		}
	}
	data := Content(meta, []byte(body))
	for i := 1; i <= 100; i++ {
		file := base + "_" + hash + ext
		if i > 1 {
			file = fmt.Sprintf("%s_%s-%d%s", base, hash, i, ext)
		}
		err := writeAtomic(l.cfg.Dir, file, data, false)
		if errors.Is(err, fs.ErrExist) {
			continue // never overwrite another article: pick the next name
		}
		if err != nil {
			return "", err
		}
		return file, nil
	}
	return "", errors.New("could not find a free file name for the article")
}

// Content is what Save writes for text and meta: the front matter, then the
// text. A preview builds the article from it so it shows exactly what the
// library will read.
func Content(meta Meta, text []byte) []byte {
	body := strings.TrimSpace(strings.ReplaceAll(string(text), "\r\n", "\n"))
	return []byte(frontMatter(meta) + body + "\n")
}

// frontMatter renders meta as the block the library reads at the top of an
// article. Values are kept to one line so no value can end the block early.
func frontMatter(m Meta) string {
	var b strings.Builder
	b.WriteString("---\n")
	field := func(k, v string) {
		v = strings.Join(strings.Fields(v), " ")
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	field("title", m.Title)
	field("publisher", m.Publisher)
	field("published", m.Published)
	field("author", m.Author)
	field("url", m.URL)
	field("added_by", m.AddedBy)
	if !m.AddedAt.IsZero() {
		field("added_at", m.AddedAt.UTC().Format(time.RFC3339))
	}
	b.WriteString("---\n")
	return b.String()
}

// slug turns a title into a short lower-case file-name stem of ASCII letters,
// digits and dashes, so that no title can name a path.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// Remove takes an article out of the library by ID. The file (and its
// corrections) are moved into the folder's .removed directory rather than
// deleted, so a mistaken removal can be undone by hand. The last article
// cannot be removed, because a library with none cannot be loaded. Remove
// does not reload; call Reload afterwards.
func (l *Librarian) Remove(ctx context.Context, id string) (knowledge.Article, error) {
	lib := l.store.Current()
	a, ok := lib.Article(id)
	if !ok {
		return a, fmt.Errorf("%w: %q", errNotFound, id)
	}
	if len(lib.Articles()) <= 1 {
		return a, errors.New("this is the only article in the library; add another before removing it")
	}
	file, err := checkName(a.File)
	if err != nil {
		return a, err
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	unlock, err := lockDir(l.cfg.Dir)
	if err != nil {
		return a, err
	}
	defer unlock()

	trash := filepath.Join(l.cfg.Dir, removedDir)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return a, fmt.Errorf("cannot keep a copy of the removed article: %w", err)
	}
	stamp := l.cfg.Now().UTC().Format("20060102T150405")
	if err := os.Rename(filepath.Join(l.cfg.Dir, file), filepath.Join(trash, file+"."+stamp)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return a, fmt.Errorf("%w: the file %s is already gone", errNotFound, file)
		}
		return a, fmt.Errorf("cannot remove %s: %w", file, err)
	}
	side := file + ".corrections.json"
	if err := os.Rename(filepath.Join(l.cfg.Dir, side), filepath.Join(trash, side+"."+stamp)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.log.Warn("could not move corrections of removed article", "file", side, "err", err)
	}
	syncDir(l.cfg.Dir)
	return a, nil
}

// Correct records a moderator's correction beside the article, in
// "<file>.corrections.json", which every later build applies, so the fix
// survives reloads. Correct does not reload; call Reload afterwards.
func (l *Librarian) Correct(ctx context.Context, articleID string, c knowledge.Correction) error {
	if strings.TrimSpace(c.Match) == "" {
		return errors.New("a correction needs the text of the quote it applies to")
	}
	if !c.Hide && strings.TrimSpace(c.Speaker) == "" {
		return errors.New("a correction needs a new speaker or must hide the quote")
	}
	a, ok := l.store.Current().Article(articleID)
	if !ok {
		return fmt.Errorf("%w: %q", errNotFound, articleID)
	}
	file, err := checkName(a.File)
	if err != nil {
		return err
	}
	if c.At == "" {
		c.At = l.cfg.Now().UTC().Format(time.RFC3339)
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	unlock, err := lockDir(l.cfg.Dir)
	if err != nil {
		return err
	}
	defer unlock()

	side := file + ".corrections.json"
	var list []knowledge.Correction
	old, err := os.ReadFile(filepath.Join(l.cfg.Dir, side))
	switch {
	case err == nil:
		if err := json.Unmarshal(old, &list); err != nil {
			return fmt.Errorf("the existing %s is not valid JSON (%v); fix or remove it by hand first", side, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot read %s: %w", side, err)
	}
	list = append(list, c)
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(l.cfg.Dir, side, append(data, '\n'), true)
}

// Corrections returns the corrections stored for an article.
func (l *Librarian) Corrections(articleID string) ([]knowledge.Correction, error) {
	a, ok := l.store.Current().Article(articleID)
	if !ok {
		return nil, fmt.Errorf("%w: %q", errNotFound, articleID)
	}
	file, err := checkName(a.File)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(l.cfg.Dir, file+".corrections.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []knowledge.Correction
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, err
	}
	return list, nil
}

// checkName accepts only a plain file name at the top of the folder.
func checkName(name string) (string, error) {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("refusing unsafe file name %q", name)
	}
	return name, nil
}

// writeAtomic writes data to dir/name through a temporary file in the same
// folder: write, fsync, then rename (or link, when overwrite is false, so an
// existing file is never replaced and fs.ErrExist is returned), then fsync
// the folder so the new name survives a crash.
func writeAtomic(dir, name string, data []byte, overwrite bool) error {
	if _, err := checkName(name); err != nil {
		return err
	}
	final := filepath.Join(dir, name)
	if !overwrite {
		if _, err := os.Lstat(final); err == nil {
			return fs.ErrExist
		}
	}
	tmp, err := os.CreateTemp(dir, ".tmp-"+name+"-*")
	if err != nil {
		return fmt.Errorf("cannot write to the content folder: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if overwrite {
		err = os.Rename(tmpName, final)
	} else {
		// A hard link fails if the name exists, so two writers can never
		// replace each other's article.
		err = os.Link(tmpName, final)
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
	}
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", name, err)
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries so a rename survives a crash. Errors
// are ignored: some file systems cannot sync folders, and the data itself is
// already on disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// fingerprint summarises the names, sizes and modification times of the
// files the library reads (and their corrections), so the periodic check can
// tell cheaply whether anything changed.
func fingerprint(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed while listing; the next check sees it
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", e.Name(), info.Size(), info.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
