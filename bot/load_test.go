package bot_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/internal/discordfake"
	"github.com/citebot/citebot/internal/librarian"
)

// The load test drives the real bot through the Discord-protocol fake at a
// fixed rate for a fixed time, with the library reloaded every 100 ms, and
// reports how many events were answered, lost and answered twice, and how
// long the bot took. See LOAD.md for the commands and the measured numbers.
//
// Environment:
//
//	LOAD_RATE=500      events per second (default 100)
//	LOAD_SECONDS=10    how long to send (default 2)
//	LOAD_RELOAD=100ms  how often the library is rebuilt and swapped in (0: never)
//	SOAK=10m           run TestSoak for that long (off by default)
//
// Latency is measured from the moment the fake wrote the event to the
// gateway socket (taken just before the write) to the moment the bot's REST
// response arrived at the fake: Call.At, recorded when the request body has
// been read. That bounds the bot-side time from above: it adds one loopback
// websocket hop and one loopback HTTP hop to what the bot spends. The
// bot's own histogram (citebot_response_seconds, from Dispatch start to the
// REST call returning) is reported beside it as a cross-check.

// loadInterval is how often the collector takes the fake's recorded calls.
const loadInterval = 50 * time.Millisecond

// reloadInterval is how often the refresh loop swaps in a freshly built
// library: LOAD_RELOAD (a duration; 0 turns the loop off, to see what the
// reloads cost), 100 ms by default.
func reloadInterval(t testing.TB) time.Duration {
	t.Helper()
	v := os.Getenv("LOAD_RELOAD")
	if v == "" {
		return 100 * time.Millisecond
	}
	if v == "0" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		t.Fatalf("LOAD_RELOAD=%q; want a duration such as 100ms, or 0", v)
	}
	return d
}

// dupWindow is how long an answered event is remembered for spotting a
// second answer; older ones are forgotten so a soak's memory stays flat.
const dupWindow = 40 * time.Second

// fakeMemory is how long the fake keeps an event's replay history and
// interaction state: past Discord's 3-second deadline and the bot's 2-second
// deferral, with room for an edit of a deferred answer.
const fakeMemory = 20 * time.Second

// loadRate returns the event rate and sending time from LOAD_RATE and
// LOAD_SECONDS, with the short defaults for CI.
func loadRate(t testing.TB, defRate int, defDur time.Duration) (int, time.Duration) {
	t.Helper()
	rate, dur := defRate, defDur
	if v := os.Getenv("LOAD_RATE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			t.Fatalf("LOAD_RATE=%q; want a positive number of events per second", v)
		}
		rate = n
	}
	if v := os.Getenv("LOAD_SECONDS"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			t.Fatalf("LOAD_SECONDS=%q; want a positive number of seconds", v)
		}
		dur = time.Duration(f * float64(time.Second))
	}
	return rate, dur
}

// workload is what the load sends: real questions and person look-ups
// from the shared evaluation set.
type workload struct {
	questions []string
	people    []string
}

// loadWorkload reads ../shared/eval, or skips the test when it is absent.
func loadWorkload(t testing.TB) workload {
	t.Helper()
	var w workload
	read := func(name, field string) []string {
		f, err := os.Open(filepath.Join("..", "..", "shared", "eval", name))
		if err != nil {
			t.Skipf("load test needs ../shared/eval/%s (the shared evaluation set beside the repository): %v", name, err)
		}
		defer f.Close()
		var out []string
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var row map[string]any
			if json.Unmarshal(sc.Bytes(), &row) != nil {
				continue
			}
			if s, ok := row[field].(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			t.Fatalf("no %q fields in %s", field, name)
		}
		return out
	}
	w.questions = read("questions.jsonl", "q")
	w.people = read("people.jsonl", "query")
	return w
}

// Event kinds in the mix.
const (
	evAsk = iota
	evQuote
	evAutocomplete
	evMention
	evKinds
)

var evNames = [evKinds]string{"ask", "quote", "autocomplete", "mention"}

// kindOf spreads events over the mix: in every 20, nine /ask, three
// /quote, four autocompletes and four mentions.
func kindOf(i int) int {
	switch r := i % 20; {
	case r < 9:
		return evAsk
	case r < 12:
		return evQuote
	case r < 16:
		return evAutocomplete
	default:
		return evMention
	}
}

// send dispatches event i of the mix from its own user and returns the ID
// the bot's answer will carry and when it was sent.
func (w workload) send(f *discordfake.Server, i int) (string, int, time.Time) {
	user := strconv.Itoa(1100000000100000000 + i%5000)
	kind := kindOf(i)
	var p map[string]any
	switch kind {
	case evAsk:
		p = discordfake.CommandPayload("ask", discordfake.Option{Name: "question", Value: w.questions[i%len(w.questions)]})
	case evQuote:
		p = discordfake.CommandPayload("quote", discordfake.Option{Name: "person", Value: w.people[i%len(w.people)]})
	case evAutocomplete:
		name := w.people[i%len(w.people)]
		prefix := strings.ToLower(name[:min(1+i%6, len(name))])
		p = discordfake.AutocompletePayload("quote", discordfake.Option{Name: "person", Value: prefix, Focused: true})
	case evMention:
		p = discordfake.MessagePayload(discordfake.Mention, w.questions[(i/20)%len(w.questions)])
		// Spread over 64 channels, as a busy bot's mentions come from many
		// guilds: discordgo sends the messages of one channel one at a
		// time (one rate-limit bucket per channel), and Discord allows a
		// channel only a few messages a second anyway.
		discordfake.SetChannel(p, strconv.Itoa(1100000000000000400+i%64))
	}
	discordfake.SetUser(p, user)
	at := time.Now()
	if kind == evMention {
		return f.SendMessage(p), kind, at
	}
	return f.SendInteraction(p).ID, kind, at
}

// latencies is a log-linear histogram (1% wide buckets from 1 µs), so that
// percentiles over a soak's hundreds of thousands of events take constant
// memory; a percentile is reported as its bucket's upper bound.
type latencies struct {
	counts [2400]int64
	n      int64
	max    time.Duration
}

var logStep = math.Log(1.01)

func (h *latencies) add(d time.Duration) {
	i := 0
	if d > time.Microsecond {
		i = min(int(math.Log(float64(d)/float64(time.Microsecond))/logStep)+1, len(h.counts)-1)
	}
	h.counts[i]++
	h.n++
	h.max = max(h.max, d)
}

// quantile returns the q-th quantile (0 < q <= 1).
func (h *latencies) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	target := int64(math.Ceil(q * float64(h.n)))
	var cum int64
	for i, c := range h.counts {
		cum += c
		if cum >= target {
			d := time.Duration(float64(time.Microsecond) * math.Pow(1.01, float64(i)))
			return min(d, h.max)
		}
	}
	return h.max
}

func (h *latencies) String() string {
	r := func(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }
	return fmt.Sprintf("p50 %s, p90 %s, p99 %s, max %s", r(h.quantile(0.5)), r(h.quantile(0.9)), r(h.quantile(0.99)), r(h.max))
}

// sentEvent is an event waiting for its answer.
type sentEvent struct {
	kind int
	at   time.Time
}

// tally follows every event from sending to answer. Only the sender calls
// sent; only the collector calls take.
type tally struct {
	mu       sync.Mutex
	pending  map[string]sentEvent
	answered map[string]time.Time // when the answer came, kept for dupWindow

	sent, ok, late, deferred [evKinds]int
	dup                      int
	lat                      latencies
	byKind                   [evKinds]latencies
	problems                 []string
	problemCount             int
}

func newTally() *tally {
	return &tally{pending: map[string]sentEvent{}, answered: map[string]time.Time{}}
}

// sentLocked registers an event; the caller holds t.mu.
func (t *tally) sentLocked(id string, kind int, at time.Time) {
	t.pending[id] = sentEvent{kind: kind, at: at}
	t.sent[kind]++
}

// problem records something Discord would refuse or a user would notice.
func (t *tally) problem(format string, args ...any) {
	t.problemCount++
	if len(t.problems) < 20 {
		t.problems = append(t.problems, fmt.Sprintf(format, args...))
	}
}

// take accounts for the REST calls the fake recorded: the first accepted
// answer of an event is counted with its latency, any further one is a
// duplicate, and every message-bearing body is checked as the harness
// checks all calls (mentions disabled, nothing Discord would refuse).
func (t *tally) take(calls []discordfake.Call) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range calls {
		if code := c.ErrorCode(); c.Status == 400 && (code == 50035 || code == 50006) {
			t.problem("Discord would refuse this body: %s", c)
		}
		if msg := mentionProblem(c); msg != "" {
			t.problem("%s: %s", c, msg)
		}
		var id string
		switch c.Route {
		case discordfake.CallbackRoute:
			id = c.Vars["id"]
			switch {
			case c.Status == 400 && c.ErrorCode() == 40060:
				t.dupOf(id)
				continue
			case c.Status == 404:
				if e, ok := t.pending[id]; ok {
					t.late[e.kind]++
				}
				t.problem("callback refused as late or unknown: %s", c)
				continue
			case c.Status != 204:
				t.problem("callback refused: %s", c)
				continue
			}
			var cb struct {
				Type int `json:"type"`
			}
			if c.Decode(&cb) == nil && (cb.Type == 5 || cb.Type == 6) {
				if e, ok := t.pending[id]; ok {
					t.deferred[e.kind]++
				}
			}
		case discordfake.MessageRoute:
			if c.Status != 200 {
				t.problem("message refused: %s", c)
				continue
			}
			var m message
			if c.Decode(&m) == nil && m.Reference != nil {
				id = m.Reference.MessageID
			}
			if id == "" {
				t.problem("message that replies to nothing: %s", c)
				continue
			}
		case discordfake.EditOriginalRoute, discordfake.FollowupRoute:
			if c.Status >= 400 {
				t.problem("edit or follow-up refused: %s", c)
			}
			continue
		default:
			continue
		}
		if e, ok := t.pending[id]; ok {
			delete(t.pending, id)
			t.answered[id] = c.At
			t.ok[e.kind]++
			d := c.At.Sub(e.at)
			t.lat.add(d)
			t.byKind[e.kind].add(d)
		} else {
			t.dupOf(id)
		}
	}
}

// dupOf counts a second answer to id; an ID the load never sent (or one
// answered longer than dupWindow ago) is reported as a problem instead.
func (t *tally) dupOf(id string) {
	if _, ok := t.answered[id]; ok {
		t.dup++
		t.problem("event %s answered twice", id)
		return
	}
	t.problem("answer to an event the load did not send (or long forgotten): %s", id)
}

// forget drops answered events older than dupWindow.
func (t *tally) forget(now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for id, at := range t.answered {
		if now.Sub(at) > dupWindow {
			delete(t.answered, id)
		}
	}
}

func (t *tally) waiting() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.pending)
}

func sum(a [evKinds]int) int {
	n := 0
	for _, v := range a {
		n += v
	}
	return n
}

// report is the outcome of one load run.
type report struct {
	rate                      int
	dur, sendTook             time.Duration
	sent, answered, lost, dup int
	late, deferred            int
	reloads, reloadErrs       int64
	lat                       string
	byKind                    []string
	botLE5, botLE10, botCount int64
	problems                  []string
	problemCount              int
}

func (r report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "load: %d events/s for %v (sending took %v): sent %d, answered %d, lost %d, duplicated %d (late %d, deferred %d); %d library reloads (%d failed)\n",
		r.rate, r.dur, r.sendTook.Round(time.Millisecond), r.sent, r.answered, r.lost, r.dup, r.late, r.deferred, r.reloads, r.reloadErrs)
	fmt.Fprintf(&b, "latency, gateway write -> REST call at the fake: %s\n", r.lat)
	for _, k := range r.byKind {
		fmt.Fprintf(&b, "  %s\n", k)
	}
	if r.botCount > 0 {
		fmt.Fprintf(&b, "bot's own histogram (Dispatch start -> REST call returned): %d responses, %.2f%% <= 5ms, %.2f%% <= 10ms\n",
			r.botCount, 100*float64(r.botLE5)/float64(r.botCount), 100*float64(r.botLE10)/float64(r.botCount))
	}
	return b.String()
}

// runLoad sends rate events per second for dur to a bot started with the
// harness, reloading its library every reloadInterval, and waits for the
// answers. everyMinute, when set, is called by the sender once a minute
// (the soak samples the heap there).
func runLoad(t *testing.T, rate int, dur time.Duration, everyMinute func(elapsed time.Duration)) report {
	t.Helper()
	w := loadWorkload(t)
	e := start(t, setup{quiet: true})
	e.fake.TakeCalls() // registration
	tl := newTally()

	// The refresh loop: the librarian rebuilds the library from a copy of
	// the seeds and swaps it into the bot's store, as /library refresh does.
	dir := t.TempDir()
	seeds, err := filepath.Glob("../seeds/*")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed articles in ../seeds: %v", err)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lb := librarian.New(librarian.Config{Dir: dir, ReloadInterval: -1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, e.store)
	every := reloadInterval(t)
	var reloads, reloadErrs atomic.Int64
	ctx, stop := context.WithCancel(context.Background())
	var bg sync.WaitGroup
	bg.Add(2)
	go func() {
		defer bg.Done()
		if every == 0 {
			return
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if _, err := lb.Reload(ctx); err != nil && ctx.Err() == nil {
				reloadErrs.Add(1)
			}
			reloads.Add(1)
		}
	}()
	// The collector takes the fake's calls as they come, and lets the fake
	// and the tally forget what is long settled.
	go func() {
		defer bg.Done()
		tick := time.NewTicker(loadInterval)
		defer tick.Stop()
		lastForget := time.Now()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			tl.take(e.fake.TakeCalls())
			if now := time.Now(); now.Sub(lastForget) > 5*time.Second {
				e.fake.Forget(now.Add(-fakeMemory))
				tl.forget(now)
				lastForget = now
			}
		}
	}()

	interval := time.Second / time.Duration(rate)
	begin := time.Now()
	nextMinute := time.Minute
	n := 0
	for {
		at := begin.Add(time.Duration(n) * interval)
		if at.Sub(begin) >= dur {
			break
		}
		if d := time.Until(at); d > 0 {
			time.Sleep(d)
		}
		// The event is registered under the tally's lock before the
		// collector can see its answer.
		tl.mu.Lock()
		id, kind, sentAt := w.send(e.fake, n)
		tl.sentLocked(id, kind, sentAt)
		tl.mu.Unlock()
		n++
		if everyMinute != nil && time.Since(begin) >= nextMinute {
			everyMinute(time.Since(begin))
			nextMinute += time.Minute
		}
	}
	sendTook := time.Since(begin)

	// Wait for the answers: every event is either answered or past the
	// fake's deadline (after which Discord refuses the callback).
	drain := time.Now().Add(e.fake.InteractionDeadline + 10*time.Second)
	for tl.waiting() > 0 && time.Now().Before(drain) {
		time.Sleep(loadInterval)
	}
	time.Sleep(300 * time.Millisecond) // let any second answer arrive
	stop()
	bg.Wait()
	tl.take(e.fake.TakeCalls())

	tl.mu.Lock()
	defer tl.mu.Unlock()
	r := report{rate: rate, dur: dur, sendTook: sendTook, sent: sum(tl.sent), answered: sum(tl.ok), lost: len(tl.pending),
		dup: tl.dup, late: sum(tl.late), deferred: sum(tl.deferred), reloads: reloads.Load(), reloadErrs: reloadErrs.Load(),
		lat: tl.lat.String(), problems: tl.problems, problemCount: tl.problemCount}
	for k := range evKinds {
		r.byKind = append(r.byKind, fmt.Sprintf("%-12s sent %6d answered %6d  %s", evNames[k], tl.sent[k], tl.ok[k], tl.byKind[k].String()))
	}
	r.botLE5, r.botLE10, r.botCount = botHistogram(e)
	return r
}

// botHistogram reads the bot's own latency histogram from /metrics: the
// responses within 5 ms, within 10 ms, and all of them.
func botHistogram(e *env) (le5, le10, count int64) {
	var buf bytes.Buffer
	e.bot.Metrics().Write(&buf, bot.Snapshot{})
	for _, line := range strings.Split(buf.String(), "\n") {
		name, val, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case `citebot_response_seconds_bucket{le="0.005"}`:
			le5 = n
		case `citebot_response_seconds_bucket{le="0.01"}`:
			le10 = n
		case "citebot_response_seconds_count":
			count = n
		}
	}
	return le5, le10, count
}

// checkLoad fails the test for anything answered twice or refused, and,
// unless lossOK, for anything lost.
func checkLoad(t *testing.T, r report, lossOK bool) {
	t.Helper()
	t.Log("\n" + r.String())
	if r.sent == 0 {
		t.Fatalf("nothing was sent")
	}
	if r.dup != 0 {
		t.Errorf("%d events answered twice; want 0", r.dup)
	}
	if (r.reloads == 0 && reloadInterval(t) > 0) || r.reloadErrs != 0 {
		t.Errorf("refresh loop: %d reloads, %d failed; want some and none failed", r.reloads, r.reloadErrs)
	}
	if lossOK {
		// Only answers refused as past the deadline are tolerated.
		if other := r.problemCount - r.late; other > 0 {
			t.Errorf("%d problems besides late answers, the first ones:\n%s", other, strings.Join(r.problems, "\n"))
		}
		if r.lost > r.late {
			t.Errorf("%d events got no answer at all (%d lost, %d of them answered late); want every event answered", r.lost-r.late, r.lost, r.late)
		}
		if r.lost > 0 {
			t.Logf("%d of %d events lost (%.3f%%), %d of them answered after Discord's 3-second deadline",
				r.lost, r.sent, 100*float64(r.lost)/float64(r.sent), r.late)
		}
		return
	}
	if r.lost != 0 {
		t.Errorf("%d of %d events lost (no answer Discord accepted); want 0", r.lost, r.sent)
	}
	if r.answered != r.sent {
		t.Errorf("answered %d of %d; want all", r.answered, r.sent)
	}
	if r.problemCount > 0 {
		t.Errorf("%d problems, the first ones:\n%s", r.problemCount, strings.Join(r.problems, "\n"))
	}
}

// TestLoad sends a mix of /ask (real questions), /quote, autocomplete and
// mentions at LOAD_RATE per second for LOAD_SECONDS (100/s for 2 s by
// default) while the library is reloaded every 100 ms: every event must be
// answered exactly once. Latency is reported, not asserted (see LOAD.md);
// the only time bound is Discord's own 3-second deadline, which the fake
// enforces by refusing late callbacks.
func TestLoad(t *testing.T) {
	rate, dur := loadRate(t, 100, 2*time.Second)
	r := runLoad(t, rate, dur, nil)
	checkLoad(t, r, false)
}

// TestSoak runs the load for SOAK (such as 10m) at LOAD_RATE (default 500)
// and checks that the live heap stays flat: after a forced GC, the heap at
// the end (once every answer is in) may be at most twice the smallest heap
// sampled once a minute, plus 8 MB. The samples are taken under load, so
// they include what the fake and the tally keep for the last 20 to 40
// seconds of events. Nothing may be answered twice; events lost to
// Discord's 3-second deadline are reported but tolerated here, because a
// soak on a shared machine has stretches without CPU (TestLoad asserts
// that nothing is lost).
func TestSoak(t *testing.T) {
	v := os.Getenv("SOAK")
	if v == "" {
		t.Skip("set SOAK=10m to run the memory soak")
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		t.Fatalf("SOAK=%q; want a duration such as 10m", v)
	}
	rate, _ := loadRate(t, 500, time.Second)
	heap := func() runtime.MemStats {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m
	}
	mb := func(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
	before := heap()
	t.Logf("soak: heap before the load: alloc %s, in use %s", mb(before.HeapAlloc), mb(before.HeapInuse))
	var least uint64
	r := runLoad(t, rate, d, func(elapsed time.Duration) {
		m := heap()
		if least == 0 || m.HeapAlloc < least {
			least = m.HeapAlloc
		}
		t.Logf("soak: %v: heap alloc %s, in use %s, %d goroutines", elapsed.Round(time.Second), mb(m.HeapAlloc), mb(m.HeapInuse),
			runtime.NumGoroutine())
	})
	end := heap()
	t.Logf("soak: heap at the end: alloc %s, in use %s, %d goroutines", mb(end.HeapAlloc), mb(end.HeapInuse), runtime.NumGoroutine())
	checkLoad(t, r, true)
	if least == 0 {
		t.Fatalf("the soak ran less than a minute; want SOAK of at least 2m")
	}
	if limit := 2*least + 8<<20; end.HeapAlloc > limit {
		t.Errorf("live heap grew to %s at the end from at least %s during the run; want at most %s",
			mb(end.HeapAlloc), mb(least), mb(limit))
	}
}

// benchRoundTrip measures one event at a time through the whole path: the
// fake writes it to the gateway, the bot decodes, dispatches, answers and
// sends the REST call, and the fake records it. ns/op is that round trip.
func benchRoundTrip(b *testing.B, send func(f *discordfake.Server, i int) func(discordfake.Call) bool) {
	e := start(b, setup{quiet: true})
	e.fake.TakeCalls()
	i := 0
	for b.Loop() {
		match := send(e.fake, i)
		c := e.fake.WaitCall(wait, "answer", match)
		if c.Status >= 300 {
			b.Fatalf("answer refused: %s", c)
		}
		for _, c := range e.fake.TakeCalls() {
			if msg := mentionProblem(c); msg != "" {
				b.Fatalf("%s: %s", c, msg)
			}
		}
		i++
	}
}

// BenchmarkAskInteraction is an /ask with a real question, answered with
// a cited card.
func BenchmarkAskInteraction(b *testing.B) {
	w := loadWorkload(b)
	benchRoundTrip(b, func(f *discordfake.Server, i int) func(discordfake.Call) bool {
		return f.SendCommand("ask", discordfake.Option{Name: "question", Value: w.questions[i%len(w.questions)]}).IsCallbackFor
	})
}

// BenchmarkAutocomplete is one keystroke in /quote person:.
func BenchmarkAutocomplete(b *testing.B) {
	w := loadWorkload(b)
	benchRoundTrip(b, func(f *discordfake.Server, i int) func(discordfake.Call) bool {
		name := w.people[i%len(w.people)]
		return f.SendInteraction(discordfake.AutocompletePayload("quote",
			discordfake.Option{Name: "person", Value: strings.ToLower(name[:min(1+i%6, len(name))]), Focused: true})).IsCallbackFor
	})
}

// BenchmarkMention is a question asked by mentioning the bot, answered
// with a reply.
func BenchmarkMention(b *testing.B) {
	w := loadWorkload(b)
	benchRoundTrip(b, func(f *discordfake.Server, i int) func(discordfake.Call) bool {
		id := f.SendMessage(discordfake.MessagePayload(discordfake.Mention, w.questions[i%len(w.questions)]))
		return func(c discordfake.Call) bool {
			ref, _ := c.JSON()["message_reference"].(map[string]any)
			return c.Route == discordfake.MessageRoute && ref["message_id"] == id
		}
	})
}
