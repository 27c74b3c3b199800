// Package librarian keeps the bot's library in step with its content folder
// while the bot runs: it reloads the folder into a new library and swaps it in
// atomically, saves, removes and corrects articles on a moderator's behalf,
// and watches the folder so that several processes sharing it, and hand
// edits, are all noticed.
//
// Nothing here ever replaces a working library with a broken one: a reload
// that fails keeps the library in use and says why, and every write goes
// through a temporary file and a rename so a crash leaves either the old file
// or the new one, never half of one.
package librarian

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/citebot/citebot/knowledge"
)

// AuditPoster posts one line about a moderator action to the audit channel.
// The bot satisfies it; a nil AuditPoster means the actions are only logged.
type AuditPoster interface {
	PostAudit(ctx context.Context, text string) error
}

// Config says where the library lives and how often to look at it.
type Config struct {
	// Dir is the content folder (CONTENT_DIR).
	Dir string
	// ReloadInterval is how often the folder is checked for changes that
	// fsnotify may have missed (network file systems, lost watches). Zero
	// means 30 seconds; a negative value turns the periodic check off.
	ReloadInterval time.Duration
	// Debounce is how long the watcher waits after the last file event
	// before reloading, so that a burst of writes costs one reload. Zero
	// means 300 milliseconds.
	Debounce time.Duration
	// Logger receives reload results and the audit log. Nil means
	// slog.Default().
	Logger *slog.Logger
	// Audit, when not nil, also receives every moderator action.
	Audit AuditPoster
	// Now gives the time for audit records and front matter; nil means
	// time.Now.
	Now func() time.Time
}

// Librarian manages the library of one content folder for one Store. All
// its methods are safe for concurrent use.
type Librarian struct {
	cfg   Config
	store *knowledge.Store
	log   *slog.Logger

	// mu guards the reload queue and the last fingerprint.
	mu      sync.Mutex
	running bool
	pending *flight
	lastFP  string

	// writeMu serialises writes to the folder made by this process.
	writeMu sync.Mutex

	// reloads and failures count the reloads actually performed, for the
	// log and for tests of coalescing.
	reloads, failures atomic.Int64
}

// Stats returns how many reloads this Librarian has performed and how many
// of them failed. Calls that joined another caller's reload count once.
func (l *Librarian) Stats() (reloads, failures int64) {
	return l.reloads.Load(), l.failures.Load()
}

// flight is one reload that any number of callers wait for, so a burst of
// requests costs one reload after the one in progress.
type flight struct {
	done chan struct{}
	rep  Report
	err  error
}

// New returns a Librarian that reloads cfg.Dir into store.
func New(cfg Config, store *knowledge.Store) *Librarian {
	if cfg.ReloadInterval == 0 {
		cfg.ReloadInterval = 30 * time.Second
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = 300 * time.Millisecond
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	l := &Librarian{cfg: cfg, store: store, log: cfg.Logger}
	// The library in the store was loaded from this folder by main, so the
	// folder as it is now is what the store already shows.
	if fp, err := fingerprint(cfg.Dir); err == nil {
		l.lastFP = fp
	}
	return l
}

// Dir returns the content folder.
func (l *Librarian) Dir() string { return l.cfg.Dir }

// Store returns the store the librarian swaps libraries into.
func (l *Librarian) Store() *knowledge.Store { return l.store }

// Report says what a reload changed, for the moderator who asked for it and
// for the log.
type Report struct {
	// Added, Removed and Changed list article IDs.
	Added, Removed, Changed []string
	// NewQuotes and GoneQuotes count quotes (by text) that appeared or
	// disappeared.
	NewQuotes, GoneQuotes int
	// Articles, Quotes and People are the totals of the library in use
	// after the reload (the old one when the reload failed).
	Articles, Quotes, People int
	// Skipped lists the files that could not be used, with the reason.
	Skipped []knowledge.FileError
	// Took is how long loading and building took.
	Took time.Duration
}

// Unchanged reports whether the reload changed no article and no quote.
func (r Report) Unchanged() bool {
	return len(r.Added) == 0 && len(r.Removed) == 0 && len(r.Changed) == 0 && r.NewQuotes == 0 && r.GoneQuotes == 0
}

// String gives the report in one or two lines, such as
// "+2 articles, -1; 14 new quotes; 1 file skipped: a.txt: no article text".
func (r Report) String() string {
	var parts []string
	if r.Unchanged() {
		parts = append(parts, "no changes")
	} else {
		s := fmt.Sprintf("+%d %s, -%d", len(r.Added), plural(len(r.Added), "article", "articles"), len(r.Removed))
		if len(r.Changed) > 0 {
			s += fmt.Sprintf(", %d changed", len(r.Changed))
		}
		parts = append(parts, s)
		q := fmt.Sprintf("%d new %s", r.NewQuotes, plural(r.NewQuotes, "quote", "quotes"))
		if r.GoneQuotes > 0 {
			q += fmt.Sprintf(", %d gone", r.GoneQuotes)
		}
		parts = append(parts, q)
	}
	parts = append(parts, fmt.Sprintf("now %d %s, %d %s, %d %s", r.Articles, plural(r.Articles, "article", "articles"),
		r.Quotes, plural(r.Quotes, "quote", "quotes"), r.People, plural(r.People, "person", "people")))
	if n := len(r.Skipped); n > 0 {
		reasons := make([]string, 0, n)
		for _, f := range r.Skipped {
			reasons = append(reasons, f.Error())
		}
		parts = append(parts, fmt.Sprintf("%d %s skipped: %s", n, plural(n, "file", "files"), strings.Join(reasons, "; ")))
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ReloadError is returned when a reload could not build a usable library.
// The library in use is unchanged.
type ReloadError struct {
	// Kept counts the articles of the library still in use.
	Kept int
	// Err is the cause.
	Err error
}

// Error says why the reload failed and that nothing was lost.
func (e *ReloadError) Error() string {
	return fmt.Sprintf("reload failed, still using the current library (%d %s): %v", e.Kept, plural(e.Kept, "article", "articles"), e.Err)
}

// Unwrap gives the cause.
func (e *ReloadError) Unwrap() error { return e.Err }

// Reload re-reads the folder, builds a new library and swaps it in. Only one
// reload runs at a time; calls that arrive meanwhile share the next one, so
// each caller's result reflects the folder as it was after its call. When
// the reload fails the old library stays in use and the error says why; the
// Report then still lists the skipped files.
func (l *Librarian) Reload(ctx context.Context) (Report, error) {
	l.mu.Lock()
	if l.pending == nil {
		l.pending = &flight{done: make(chan struct{})}
	}
	f := l.pending
	if !l.running {
		l.running = true
		go l.runQueue()
	}
	l.mu.Unlock()
	select {
	case <-f.done:
		return f.rep, f.err
	case <-ctx.Done():
		return Report{}, ctx.Err()
	}
}

// runQueue performs queued reloads one after another until none is left.
func (l *Librarian) runQueue() {
	for {
		l.mu.Lock()
		f := l.pending
		if f == nil {
			l.running = false
			l.mu.Unlock()
			return
		}
		l.pending = nil
		l.mu.Unlock()
		f.rep, f.err = l.reload()
		close(f.done)
	}
}

// reload does one reload. Only runQueue calls it, so reloads never overlap.
func (l *Librarian) reload() (Report, error) {
	l.reloads.Add(1)
	start := time.Now()
	// The fingerprint is taken before reading, so a change made while the
	// folder is read shows up as a difference at the next check.
	fp, fpErr := fingerprint(l.cfg.Dir)
	// Reuse what the library in use already parsed: only new or changed
	// files are parsed again, so a refresh of a large folder stays fast.
	old := l.store.Current()
	lib, skipped, err := knowledge.LoadDirFrom(old, l.cfg.Dir)
	if err != nil {
		if fpErr == nil {
			l.setFingerprint(fp) // do not retry the same broken folder every tick
		}
		l.failures.Add(1)
		rep := totals(Report{Skipped: skipped, Took: time.Since(start)}, old)
		rerr := &ReloadError{Kept: rep.Articles, Err: err}
		l.log.Warn("library reload failed", "dir", l.cfg.Dir, "err", rerr, "skipped", len(skipped))
		return rep, rerr
	}
	rep := diff(old, lib)
	rep.Skipped = skipped
	l.store.Swap(lib)
	if fpErr == nil {
		l.setFingerprint(fp)
	}
	rep.Took = time.Since(start)
	l.log.Info("library reloaded", "dir", l.cfg.Dir, "report", rep.String(), "took", rep.Took)
	return rep, nil
}

func (l *Librarian) setFingerprint(fp string) {
	l.mu.Lock()
	l.lastFP = fp
	l.mu.Unlock()
}

// totals fills the library totals of r from lib.
func totals(r Report, lib *knowledge.Library) Report {
	if lib != nil {
		r.Articles, r.Quotes, r.People = len(lib.Articles()), lib.Stats().Quotes, len(lib.People())
	}
	return r
}

// diff compares two libraries by article ID and by quote text.
func diff(old, cur *knowledge.Library) Report {
	r := totals(Report{}, cur)
	oldArts := map[string]knowledge.Article{}
	if old != nil {
		for _, a := range old.Articles() {
			oldArts[a.ID] = a
		}
	}
	seen := map[string]bool{}
	for _, a := range cur.Articles() {
		seen[a.ID] = true
		o, ok := oldArts[a.ID]
		switch {
		case !ok:
			r.Added = append(r.Added, a.ID)
		case !sameArticle(o, a):
			r.Changed = append(r.Changed, a.ID)
		}
	}
	for id := range oldArts {
		if !seen[id] {
			r.Removed = append(r.Removed, id)
		}
	}
	sort.Strings(r.Removed)
	oldQ := map[string]int{}
	if old != nil {
		for q := range old.Quotes() {
			oldQ[quoteKey(q)]++
		}
	}
	for q := range cur.Quotes() {
		k := quoteKey(q)
		if oldQ[k] > 0 {
			oldQ[k]--
			continue
		}
		r.NewQuotes++
	}
	for _, n := range oldQ {
		r.GoneQuotes += n
	}
	return r
}

// quoteKey identifies a quote by what was said and who said it, so that a
// corrected speaker counts as a change.
func quoteKey(q knowledge.Quote) string {
	return strings.Join(strings.Fields(strings.ToLower(q.Text)), " ") + "\x00" + q.Speaker
}

func sameArticle(a, b knowledge.Article) bool {
	if a.Title != b.Title || a.Publisher != b.Publisher || a.Published != b.Published || len(a.Paragraphs) != len(b.Paragraphs) {
		return false
	}
	for i := range a.Paragraphs {
		if a.Paragraphs[i] != b.Paragraphs[i] {
			return false
		}
	}
	return true
}

// errNotFound is wrapped by errors about unknown article IDs.
var errNotFound = errors.New("no such article")

// IsNotFound reports whether err says an article does not exist.
func IsNotFound(err error) bool { return errors.Is(err, errNotFound) }
