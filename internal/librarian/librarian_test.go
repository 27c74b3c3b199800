package librarian

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/citebot/citebot/knowledge"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// newFolder writes files into a temp dir and returns a Librarian over it
// with its store loaded from the folder, as main does.
func newFolder(t *testing.T, files map[string]string) (*Librarian, string) {
	t.Helper()
	dir := t.TempDir()
	for n, s := range files {
		write(t, dir, n, s)
	}
	lib, _, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	l := New(Config{Dir: dir, Logger: quiet(), ReloadInterval: -1, Debounce: 50 * time.Millisecond}, knowledge.NewStore(lib))
	return l, dir
}

func write(t *testing.T, dir, name, s string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func ids(lib *knowledge.Library) []string {
	var out []string
	for _, a := range lib.Articles() {
		out = append(out, a.ID)
	}
	return out
}

func TestReloadReportsDiff(t *testing.T) {
	l, dir := newFolder(t, map[string]string{"a.txt": article("Alpha"), "b.txt": article("Beta")})
	os.Remove(filepath.Join(dir, "b.txt"))
	write(t, dir, "c.txt", article("Gamma"))
	write(t, dir, "d.md", article("Delta"))
	write(t, dir, "e.txt", "   \n")
	rep, err := l.Reload(context.Background())
	if err != nil {
		t.Fatalf("Reload: %v", err)
	}
	if got, want := strings.Join(rep.Added, ","), "c,d"; got != want {
		t.Errorf("Added = %q; want %q", got, want)
	}
	if got, want := strings.Join(rep.Removed, ","), "b"; got != want {
		t.Errorf("Removed = %q; want %q", got, want)
	}
	if len(rep.Skipped) != 1 || rep.Skipped[0].File != "e.txt" {
		t.Errorf("Skipped = %v; want e.txt", rep.Skipped)
	}
	if rep.Articles != 3 {
		t.Errorf("Articles = %d; want 3", rep.Articles)
	}
	s := rep.String()
	for _, want := range []string{"+2 articles, -1", "1 file skipped: e.txt:"} {
		if !strings.Contains(s, want) {
			t.Errorf("report %q does not contain %q", s, want)
		}
	}
	if got := strings.Join(ids(l.Store().Current()), ","); got != "a,c,d" {
		t.Errorf("library articles = %q; want a,c,d", got)
	}

	write(t, dir, "a.txt", article("Alpha")+"\n\nEditors added a new paragraph to this article on Tuesday, officials said.")
	rep, err = l.Reload(context.Background())
	if err != nil || strings.Join(rep.Changed, ",") != "a" {
		t.Errorf("after edit: Changed = %v, err %v; want [a]", rep.Changed, err)
	}
	rep, _ = l.Reload(context.Background())
	if !rep.Unchanged() || !strings.Contains(rep.String(), "no changes") {
		t.Errorf("second reload = %q; want no changes", rep.String())
	}
}

func TestFailedReloadKeepsOldLibrary(t *testing.T) {
	l, dir := newFolder(t, map[string]string{"a.txt": article("Alpha")})
	before := l.Store().Current()
	write(t, dir, "a.txt", "")
	_, err := l.Reload(context.Background())
	var re *ReloadError
	if !errors.As(err, &re) || !errors.Is(err, knowledge.ErrNoArticles) {
		t.Fatalf("Reload error = %v; want a ReloadError wrapping ErrNoArticles", err)
	}
	if !strings.Contains(err.Error(), "still using the current library (1 article)") {
		t.Errorf("error %q does not say the old library is kept", err)
	}
	if l.Store().Current() != before {
		t.Error("the library was replaced by a failed reload")
	}

	// An unreadable folder fails the same way.
	l2 := New(Config{Dir: filepath.Join(dir, "missing"), Logger: quiet()}, knowledge.NewStore(before))
	if _, err := l2.Reload(context.Background()); err == nil || l2.Store().Current() != before {
		t.Errorf("missing folder: err %v, library kept %v; want an error and the old library", err, l2.Store().Current() == before)
	}
}

func TestSaveWritesFrontMatterAtomically(t *testing.T) {
	l, dir := newFolder(t, map[string]string{"a.txt": article("Alpha")})
	at := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
	meta := Meta{Title: "../../etc/passwd: A Title\nwith: newline", Publisher: "Reuters", Published: "2009-07-04", Author: "Jane Reporter", URL: "https://example.com/x", AddedBy: "mod#1", AddedAt: at}
	name, err := l.Save(context.Background(), "../../evil.md", []byte("Body line one.\r\nBody line two."), meta)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	if name != filepath.Base(name) || strings.Contains(name, "..") || !strings.HasSuffix(name, ".md") {
		t.Fatalf("saved as %q; want a plain .md name in the folder", name)
	}
	if !strings.HasPrefix(name, "etc-passwd-a-title-with-newline_") {
		t.Errorf("name %q is not derived from the title", name)
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: ../../etc/passwd: A Title with: newline\npublisher: Reuters\npublished: 2009-07-04\nauthor: Jane Reporter\nurl: https://example.com/x\nadded_by: mod#1\nadded_at: 2026-11-29T14:00:00Z\n---\nBody line one.\nBody line two.\n"
	if string(data) != want {
		t.Errorf("file = %q; want %q", data, want)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "evil.md")); err == nil {
		t.Error("a file was written outside the folder")
	}

	// The same text again is refused, not saved twice or overwritten.
	if _, err := l.Save(context.Background(), "x.txt", []byte("Body line one.\nBody line two."), meta); err == nil || !strings.Contains(err.Error(), "already in the library") {
		t.Errorf("duplicate Save error = %v; want already in the library", err)
	}
	// Empty text is refused.
	if _, err := l.Save(context.Background(), "x.txt", []byte("  \n"), meta); err == nil {
		t.Error("empty Save succeeded")
	}
	rep, err := l.Reload(context.Background())
	if err != nil || len(rep.Added) != 1 {
		t.Errorf("reload after save: added %v, err %v; want one article", rep.Added, err)
	}
}

func TestWriteAtomicNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "original")
	if err := writeAtomic(dir, "a.txt", []byte("new"), false); !errors.Is(err, os.ErrExist) {
		t.Errorf("writeAtomic over an existing file = %v; want ErrExist", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(b) != "original" {
		t.Errorf("file = %q; want original", b)
	}
	for _, bad := range []string{"../x.txt", "sub/x.txt", ".hidden", "", `..\x.txt`} {
		if err := writeAtomic(dir, bad, []byte("x"), true); err == nil {
			t.Errorf("writeAtomic(%q) succeeded; want refused", bad)
		}
	}
}

func TestRemoveKeepsACopy(t *testing.T) {
	l, dir := newFolder(t, map[string]string{"a.txt": article("Alpha"), "b.txt": article("Beta")})
	if err := l.Correct(context.Background(), "b", knowledge.Correction{Match: "x", Hide: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Remove(context.Background(), "nope"); !IsNotFound(err) {
		t.Errorf("Remove(nope) = %v; want not found", err)
	}
	if _, err := l.Remove(context.Background(), "../a"); !IsNotFound(err) {
		t.Errorf("Remove(../a) = %v; want not found", err)
	}
	a, err := l.Remove(context.Background(), "b")
	if err != nil || a.ID != "b" {
		t.Fatalf("Remove(b) = %v, %v", a.ID, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("b.txt still there: %v", err)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, removedDir, "b.txt*"))
	if len(kept) != 2 {
		t.Errorf("kept copies = %v; want the article and its corrections", kept)
	}
	rep, err := l.Reload(context.Background())
	if err != nil || strings.Join(rep.Removed, ",") != "b" {
		t.Errorf("reload: removed %v, err %v; want [b]", rep.Removed, err)
	}
	if _, err := l.Remove(context.Background(), "a"); err == nil {
		t.Error("removing the last article succeeded")
	}
}

func TestCorrectionsAppendAndSurviveReload(t *testing.T) {
	l, dir := newFolder(t, map[string]string{"a.txt": article("Alpha")})
	ctx := context.Background()
	var direct, reported knowledge.Quote
	for q := range l.Store().Current().Quotes() {
		switch q.Kind {
		case knowledge.Direct:
			direct = q
		case knowledge.Reported:
			reported = q
		}
	}
	if direct.Speaker != "Ivan Petrov" || reported.Text == "" {
		t.Fatalf("fixture quotes: direct %+v, reported %+v; want a direct quote by Ivan Petrov and a reported one", direct, reported)
	}
	if err := l.Correct(ctx, "a", knowledge.Correction{Match: direct.Text, Speaker: "Jane Doe", By: "mod"}); err != nil {
		t.Fatal(err)
	}
	if err := l.Correct(ctx, "a", knowledge.Correction{Match: reported.Text, Hide: true, By: "mod"}); err != nil {
		t.Fatal(err)
	}
	if err := l.Correct(ctx, "a", knowledge.Correction{Match: "x"}); err == nil {
		t.Error("a correction with neither speaker nor hide was accepted")
	}
	if err := l.Correct(ctx, "zzz", knowledge.Correction{Match: "x", Hide: true}); !IsNotFound(err) {
		t.Errorf("Correct(zzz) = %v; want not found", err)
	}
	// Both corrections take effect, and again on every later reload.
	for i := 0; i < 2; i++ {
		rep, err := l.Reload(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 && (rep.NewQuotes != 1 || rep.GoneQuotes != 2) {
			t.Errorf("report %q; want 1 new quote (re-attributed), 2 gone", rep)
		}
		quotes := slices.Collect(l.Store().Current().Quotes())
		if len(quotes) != 1 || quotes[0].Text != direct.Text || quotes[0].Speaker != "Jane Doe" {
			t.Errorf("reload %d: quotes = %+v; want only the direct one, by Jane Doe", i, quotes)
		}
	}
	got, err := l.Corrections("a")
	if err != nil || len(got) != 2 || got[0].Speaker != "Jane Doe" || !got[1].Hide || got[0].At == "" {
		t.Fatalf("Corrections = %+v, %v; want both corrections, stamped", got, err)
	}
	// The sidecar is valid JSON that the library loader passes to Build.
	var raw []map[string]any
	data, _ := os.ReadFile(filepath.Join(dir, "a.txt.corrections.json"))
	if err := json.Unmarshal(data, &raw); err != nil || len(raw) != 2 {
		t.Errorf("sidecar %q: %v", data, err)
	}
	// A malformed sidecar is not overwritten.
	write(t, dir, "a.txt.corrections.json", "{broken")
	if err := l.Correct(ctx, "a", knowledge.Correction{Match: "y", Hide: true}); err == nil {
		t.Error("Correct overwrote a malformed corrections file")
	}
}

func TestReloadsAreSerialisedAndCoalesced(t *testing.T) {
	l, dir := newFolder(t, map[string]string{"a.txt": article("Alpha")})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i == 25 {
				write(t, dir, "b.txt", article("Beta"))
			}
			if _, err := l.Reload(context.Background()); err != nil {
				errs <- err
			}
			if cur := l.Store().Current(); cur == nil || len(cur.Articles()) == 0 {
				errs <- errors.New("a reader saw no library")
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Whatever the interleaving, a reload that started after the write
	// has run, so the new article is in.
	if _, ok := l.Store().Current().Article("b"); !ok {
		t.Error("article b missing after the reloads")
	}
}

func TestBurstOfReloadsIsCoalesced(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 10; i++ {
		files[fmt.Sprintf("a%02d.txt", i)] = article(fmt.Sprintf("Headline %d", i))
	}
	l, _ := newFolder(t, files)
	const callers = 40
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < callers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-release
			if _, err := l.Reload(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	close(release)
	wg.Wait()
	// One reload starts; every caller arriving while it runs shares the
	// next one. Scheduling may split the burst a little, never 40 ways.
	n, fails := l.Stats()
	t.Logf("%d callers, %d reloads", callers, n)
	if n >= callers/4 || n < 1 || fails != 0 {
		t.Errorf("%d callers caused %d reloads (%d failed); want a few", callers, n, fails)
	}
}

func TestWatchNoticesHandEdit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		interval time.Duration
		debounce time.Duration
	}{
		{"fsnotify", -1, 50 * time.Millisecond},
		{"periodic check only", 100 * time.Millisecond, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "a.txt", article("Alpha"))
			lib, _, _ := knowledge.LoadDir(dir)
			l := New(Config{Dir: dir, Logger: quiet(), ReloadInterval: tc.interval, Debounce: tc.debounce}, knowledge.NewStore(lib))
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { l.Watch(ctx); close(done) }()
			defer func() { cancel(); <-done }()
			time.Sleep(50 * time.Millisecond) // let the watch start
			write(t, dir, "b.txt", article("Beta"))
			deadline := time.Now().Add(5 * time.Second)
			for time.Now().Before(deadline) {
				if _, ok := l.Store().Current().Article("b"); ok {
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Fatal("the hand-added article was not loaded within 5s")
		})
	}
}

func TestWatchSurvivesFolderRecreated(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "content")
	os.Mkdir(dir, 0o755)
	write(t, dir, "a.txt", article("Alpha"))
	lib, _, _ := knowledge.LoadDir(dir)
	l := New(Config{Dir: dir, Logger: quiet(), ReloadInterval: 100 * time.Millisecond, Debounce: 50 * time.Millisecond}, knowledge.NewStore(lib))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { l.Watch(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	time.Sleep(50 * time.Millisecond)
	// Replace the folder, as a deploy that swaps a directory would.
	tmp := filepath.Join(parent, "new")
	os.Mkdir(tmp, 0o755)
	write(t, tmp, "a.txt", article("Alpha"))
	write(t, tmp, "b.txt", article("Beta"))
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { _, ok := l.Store().Current().Article("b"); return ok }, "b loaded from the new folder")
	// Later hand edits in the new folder are noticed too.
	write(t, dir, "c.txt", article("Gamma"))
	waitFor(t, func() bool { _, ok := l.Store().Current().Article("c"); return ok }, "c loaded after the folder was replaced")
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestAuditPostsEscapedLine(t *testing.T) {
	var got []string
	l := New(Config{Dir: t.TempDir(), Logger: quiet(), Audit: posterFunc(func(s string) { got = append(got, s) })}, knowledge.NewStore(nil))
	l.Audit(context.Background(), Action{Who: "evil_*user*", WhoID: "42", What: "remove", Target: "@everyone", At: time.Unix(100, 0)})
	if len(got) != 1 {
		t.Fatalf("posted %d lines; want 1", len(got))
	}
	want := `**evil\_\*user\*** (42) used ` + "`/library remove`" + " on `@everyone` <t:100:f>"
	if got[0] != want {
		t.Errorf("audit line = %q; want %q", got[0], want)
	}
}

type posterFunc func(string)

func (f posterFunc) PostAudit(_ context.Context, s string) error { f(s); return nil }

func TestReportString(t *testing.T) {
	for _, tc := range []struct {
		r    Report
		want string
	}{
		{Report{Added: []string{"a", "b"}, Removed: []string{"c"}, NewQuotes: 14, Articles: 5, Quotes: 20, People: 3,
			Skipped: []knowledge.FileError{{File: "x.txt", Reason: "no article text"}}},
			"+2 articles, -1; 14 new quotes; now 5 articles, 20 quotes, 3 people; 1 file skipped: x.txt: no article text"},
		{Report{Articles: 1, Quotes: 1, People: 1}, "no changes; now 1 article, 1 quote, 1 person"},
		{Report{Added: []string{"a"}, NewQuotes: 1, GoneQuotes: 2, Articles: 2}, "+1 article, -0; 1 new quote, 2 gone; now 2 articles, 0 quotes, 0 people"},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("String() = %q; want %q", got, tc.want)
		}
	}
}

func TestTwoProcessesShareOneFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", article("Alpha"))
	var libs [2]*Librarian
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	for i := range libs {
		lib, _, err := knowledge.LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		// Each "process" has its own store and librarian, as shards do.
		libs[i] = New(Config{Dir: dir, Logger: quiet(), ReloadInterval: time.Second, Debounce: 100 * time.Millisecond}, knowledge.NewStore(lib))
		wg.Add(1)
		go func(l *Librarian) { defer wg.Done(); l.Watch(ctx) }(libs[i])
	}
	time.Sleep(50 * time.Millisecond)
	name, err := libs[0].Save(ctx, "x.txt", []byte(article("Shared headline")), Meta{Title: "Shared headline", AddedBy: "mod"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := libs[0].Reload(ctx); err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(name, filepath.Ext(name))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, ok := libs[1].Store().Current().Article(id); ok {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, ok := libs[1].Store().Current().Article(id); !ok {
		t.Fatalf("the other process did not load %s within 5s", id)
	}
	// A removal through the second reaches the first too.
	if _, err := libs[1].Remove(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, ok := libs[0].Store().Current().Article("a"); !ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the first process still has the removed article after 5s")
}

func TestReadersNeverSeeAHalfBuiltLibrary(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 10; i++ {
		files[fmt.Sprintf("a%02d.txt", i)] = article(fmt.Sprintf("Headline %d", i)) + "\n\n" + strings.Repeat("The minister said the body goes on. ", 20)
	}
	l, dir := newFolder(t, files)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	var reads, bad atomic.Int64
	for r := 0; r < 4; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				lib := l.Store().Current()
				n := len(lib.Articles())
				lib.Ask("what did the minister say", 3)
				if n != 10 && n != 11 {
					bad.Add(1)
				}
				reads.Add(1)
				time.Sleep(time.Millisecond) // leave the reloads some CPU
			}
		}()
	}
	for i := 0; i < 20; i++ {
		if i%2 == 0 {
			write(t, dir, "extra.txt", article("Extra"))
		} else {
			os.Remove(filepath.Join(dir, "extra.txt"))
		}
		if _, err := l.Reload(context.Background()); err != nil {
			t.Fatalf("reload %d: %v", i, err)
		}
	}
	close(stop)
	readers.Wait()
	if bad.Load() != 0 || reads.Load() == 0 {
		t.Errorf("%d of %d reads saw an inconsistent library", bad.Load(), reads.Load())
	}
}

// article is a small but real news text the extractor accepts: a
// headline, a reported sentence and a direct quote with a named speaker.
func article(title string) string {
	return title + "\n\nMOSCOW — Officials said on Monday that the talks on " + title +
		" would continue next week.\n\n\"We are ready to talk about " + title + ",\" Foreign Minister Ivan Petrov told reporters."
}

// TestAuditLineFitsDiscord checks a long audit line stays within Discord's
// 2,000 characters as Discord counts them (UTF-16 units: an emoji is two)
// and keeps its timestamp and its escapes whole.
func TestAuditLineFitsDiscord(t *testing.T) {
	tests := []struct {
		name, detail string
	}{
		{"emoji", strings.Repeat("😀", 1500)},
		{"escapes", strings.Repeat("*", 3000)},
		{"letters", strings.Repeat("a", 5000)},
	}
	for _, tt := range tests {
		var got []string
		l := New(Config{Dir: t.TempDir(), Logger: quiet(), Audit: posterFunc(func(s string) { got = append(got, s) })}, knowledge.NewStore(nil))
		l.Audit(context.Background(), Action{Who: "mod", WhoID: "42", What: "refresh", Detail: tt.detail, At: time.Unix(100, 0)})
		if len(got) != 1 {
			t.Fatalf("%s: posted %d lines; want 1", tt.name, len(got))
		}
		if n := len(utf16.Encode([]rune(got[0]))); n > 2000 {
			t.Errorf("%s: audit line is %d UTF-16 units; want at most 2000", tt.name, n)
		}
		if !strings.HasSuffix(got[0], "… <t:100:f>") {
			t.Errorf("%s: audit line ends %q; want the cut marked and the timestamp kept", tt.name, got[0][max(0, len(got[0])-40):])
		}
		if body := strings.TrimSuffix(got[0], "… <t:100:f>"); (len(body)-len(strings.TrimRight(body, `\`)))%2 == 1 {
			t.Errorf("%s: audit line leaves a lone backslash before the cut", tt.name)
		}
	}
}
