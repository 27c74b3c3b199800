package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/config"
	"github.com/citebot/citebot/handlers"
	"github.com/citebot/citebot/internal/discordfake"
	"github.com/citebot/citebot/knowledge"
)

// The bot under load: the real wiring (config, library, handlers, bot)
// against the Discord-protocol fake on loopback, fed slash commands and
// mentions at a fixed rate while a refresh loop swaps in a freshly loaded
// library. TestBotLoad runs in CI (500 events/s for 10 s unless
// BENCH_LOAD_RATE / BENCH_LOAD_SECONDS say otherwise); TestBotSoak only
// when BENCH_SOAK is a duration such as 10m.

// envInt returns the integer in environment variable k, or def.
func envInt(t testing.TB, k string, def int) int {
	v := os.Getenv(k)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive integer", k, v)
	}
	return n
}

// loadBot starts the bot as main wires it against a fresh fake and returns
// the fake and the library store; it stops the bot when the test ends and
// fails the test if Run does not return cleanly.
func loadBot(t *testing.T) (*discordfake.Server, *knowledge.Store) {
	t.Helper()
	f := discordfake.New(t)
	// Discord's own interval. The fake's default (500 ms, so that tests
	// watching heartbeats run fast) makes discordgo reconnect whenever the
	// process stalls for 2.5 s, which on a busy shared machine measures
	// the machine rather than the bot.
	f.HeartbeatInterval = 41250 * time.Millisecond
	vars := map[string]string{
		"DISCORD_TOKEN":        "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.load-test-token",
		"DISCORD_API_URL":      f.URL(),
		"DISCORD_GUILD_ID":     discordfake.GuildID,
		"ASK_COOLDOWN_USER":    "0",
		"ASK_COOLDOWN_CHANNEL": "0",
		"LOG_LEVEL":            "warn",
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	lib, _, err := knowledge.LoadDir("../seeds")
	if err != nil {
		t.Fatalf("load seeds: %v", err)
	}
	store := knowledge.NewStore(lib)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	router := handlers.New(handlers.Deps{Library: store, Logger: log,
		Cooldowns: handlers.NewCooldowns(cfg.UserCooldown, cfg.ChannelCooldown)})
	b, err := bot.New(bot.Options{Config: cfg, Router: router, Store: store, Logger: log})
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v at shutdown; want nil", err)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("Run did not return within 15 s of shutdown")
		}
	})
	f.WaitConnected(10 * time.Second)
	f.WaitCall(10*time.Second, "registering commands", func(c discordfake.Call) bool {
		return (c.Route == discordfake.GuildCmdsRoute || c.Route == discordfake.GlobalCmdsRoute) && c.Status == 200
	})
	return f, store
}

// refreshLoop reloads the seed library from disk and swaps it in every
// interval until ctx is done, as a moderator's refresh does, and returns
// how many swaps it made.
func refreshLoop(ctx context.Context, t *testing.T, store *knowledge.Store, every time.Duration) <-chan int {
	out := make(chan int, 1)
	if every <= 0 {
		out <- 0
		return out
	}
	go func() {
		n := 0
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				out <- n
				return
			case <-tick.C:
				lib, _, err := knowledge.LoadDir("../seeds")
				if err != nil {
					t.Errorf("refresh: %v", err)
					continue
				}
				store.Swap(lib)
				n++
			}
		}
	}()
	return out
}

// sent is one event the load generator dispatched.
type sent struct {
	at          time.Time
	interaction bool
}

// loadStats is what a load run measured at the fake.
type loadStats struct {
	Sent, Answered, Lost, Duplicated, Refused int
	Interactions, Mentions                    int
	// P50, P99 and Max are from dispatching the event to the fake
	// receiving the first accepted response, over loopback.
	P50, P99, Max time.Duration
	Refreshes     int
	// CPU is the process's CPU time per event, bot and fake together,
	// from the first send to the last answer.
	CPU time.Duration
}

func (s loadStats) String() string {
	return fmt.Sprintf("sent %d (%d slash commands, %d mentions), answered %d, lost %d, answered twice %d, refused %d; "+
		"event to answer p50 %v, p99 %v, max %v; CPU %v per event (bot and fake); %d library refreshes meanwhile",
		s.Sent, s.Interactions, s.Mentions, s.Answered, s.Lost, s.Duplicated, s.Refused,
		s.P50.Round(time.Microsecond), s.P99.Round(time.Microsecond), s.Max.Round(time.Microsecond),
		s.CPU.Round(time.Microsecond), s.Refreshes)
}

// generate sends rate events a second for d, alternating /ask commands and
// mentions with the evaluation questions, each at its scheduled time (a
// late send does not shift the ones after it), and returns when each was
// sent, by event ID.
func generate(f *discordfake.Server, rate int, d time.Duration, questions []string) map[string]sent {
	n := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	out := make(map[string]sent, n)
	begin := time.Now()
	for i := 0; i < n; i++ {
		if w := time.Until(begin.Add(time.Duration(i) * interval)); w > 0 {
			time.Sleep(w)
		}
		q := questions[i%len(questions)]
		user := strconv.Itoa(1100000000000100000 + i%1000)
		if i%2 == 0 {
			p := discordfake.CommandPayload("ask", discordfake.Option{Name: "question", Value: q})
			discordfake.SetUser(p, user)
			at := time.Now()
			in := f.SendInteraction(p)
			out[in.ID] = sent{at: at, interaction: true}
		} else {
			p := discordfake.MessagePayload(discordfake.Mention, q)
			discordfake.SetUser(p, user)
			at := time.Now()
			id := f.SendMessage(p)
			out[id] = sent{at: at}
		}
	}
	return out
}

// tracker counts, per event ID, the responses the fake accepted and when
// the first arrived: interaction callbacks (204) and messages that reply
// to a mention (200). Refused counts responses the fake turned down, such
// as a late or second callback. It reads only the calls that arrived since
// its last look, so polling stays cheap however long the run.
type tracker struct {
	f       *discordfake.Server
	seen    int
	count   map[string]int
	first   map[string]time.Time
	refused int
}

func newTracker(f *discordfake.Server) *tracker {
	return &tracker{f: f, count: map[string]int{}, first: map[string]time.Time{}}
}

// update reads the calls that arrived since the last update.
func (tr *tracker) update() {
	calls := tr.f.Calls()
	for _, c := range calls[tr.seen:] {
		var id string
		ok := false
		switch c.Route {
		case discordfake.CallbackRoute:
			id, ok = c.Vars["id"], c.Status == 204
		case discordfake.MessageRoute:
			var m struct {
				Ref *struct {
					MessageID string `json:"message_id"`
				} `json:"message_reference"`
			}
			if c.Decode(&m) != nil || m.Ref == nil {
				continue
			}
			id, ok = m.Ref.MessageID, c.Status == 200
		default:
			continue
		}
		if !ok {
			tr.refused++
			continue
		}
		tr.count[id]++
		if t, seen := tr.first[id]; !seen || c.At.Before(t) {
			tr.first[id] = c.At
		}
	}
	tr.seen = len(calls)
}

// runLoad drives the bot at rate events a second for d with a refresh loop
// running, waits up to grace for the last answers, and measures.
func runLoad(t *testing.T, f *discordfake.Server, store *knowledge.Store, rate int, d, grace time.Duration) loadStats {
	t.Helper()
	questions := benchQuestions()
	ctx, stop := context.WithCancel(context.Background())
	every := time.Second
	if v := os.Getenv("BENCH_LOAD_REFRESH"); v != "" {
		var err error
		if every, err = time.ParseDuration(v); err != nil {
			t.Fatalf("BENCH_LOAD_REFRESH=%q: %v", v, err)
		}
	}
	refreshes := refreshLoop(ctx, t, store, every)
	tr := newTracker(f)
	tr.update() // skip what earlier runs left
	tr.refused = 0
	cpu0 := processCPU()
	events := generate(f, rate, d, questions)
	deadline := time.Now().Add(grace)
	var cpu1 time.Duration
	for {
		tr.update()
		answered := 0
		for id := range events {
			if tr.count[id] > 0 {
				answered++
			}
		}
		if answered == len(events) || time.Now().After(deadline) {
			cpu1 = processCPU()
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // let any second answer arrive
	tr.update()
	stop()
	count, first := tr.count, tr.first
	s := loadStats{Sent: len(events), Refused: tr.refused, Refreshes: <-refreshes,
		CPU: (cpu1 - cpu0) / time.Duration(max(1, len(events)))}
	var lat []time.Duration
	for id, e := range events {
		if e.interaction {
			s.Interactions++
		} else {
			s.Mentions++
		}
		switch n := count[id]; {
		case n == 0:
			s.Lost++
			continue
		case n > 1:
			s.Duplicated++
		}
		s.Answered++
		lat = append(lat, first[id].Sub(e.at))
	}
	if len(lat) > 0 {
		s.P50, s.P99, s.Max = Percentile(lat, 50), Percentile(lat, 99), slices.Max(lat)
	}
	return s
}

// TestBotLoad checks that under a steady stream of questions, with the
// library being refreshed (every second, or BENCH_LOAD_REFRESH; 0 for
// never), every event is answered exactly once. The
// latency it logs is a figure for the README, not a pass mark: speed
// belongs in benchmarks, and a shared CI machine is too noisy to gate on.
func TestBotLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	rate := envInt(t, "BENCH_LOAD_RATE", 500)
	secs := envInt(t, "BENCH_LOAD_SECONDS", 10)
	f, store := loadBot(t)
	s := runLoad(t, f, store, rate, time.Duration(secs)*time.Second, 10*time.Second)
	t.Logf("%d events/s for %d s: %v", rate, secs, s)
	if s.Lost > 0 || s.Duplicated > 0 || s.Refused > 0 {
		t.Errorf("%d lost, %d answered twice, %d responses refused; want none", s.Lost, s.Duplicated, s.Refused)
	}
	if s.Sent != rate*secs || s.Interactions == 0 || s.Mentions == 0 {
		t.Errorf("sent %d events (%d commands, %d mentions); want %d of both kinds", s.Sent, s.Interactions, s.Mentions, rate*secs)
	}
	if s.Refreshes == 0 && os.Getenv("BENCH_LOAD_REFRESH") != "0" {
		t.Errorf("no library refresh ran during the load")
	}
}

// soakProfileRate is the heap profile's sampling rate during a soak: fine
// enough for botHeap to be accurate to a few KiB. It is set at start-up,
// before anything is allocated, because records are scaled by the rate in
// force when they are read.
const soakProfileRate = 4096

func init() {
	if os.Getenv("BENCH_SOAK") != "" {
		runtime.MemProfileRate = soakProfileRate
	}
}

// heapUse is the live heap at one moment, from the heap profile.
type heapUse struct {
	// Bot counts the bytes in use by allocations whose stack passes
	// neither through the fake nor through an HTTP server (the bot runs
	// none; the fake's is the only one). The fake keeps every call it
	// receives, so the process heap alone would grow with the test.
	Bot int64
	// Total counts every byte in use.
	Total int64
	// Sites splits Bot by allocation site: the first few non-runtime
	// functions of the stack.
	Sites map[string]int64
}

// botHeap reads the runtime's heap profile after two collections, scaling
// each record up for sampling as pprof does.
func botHeap() heapUse {
	runtime.GC()
	runtime.GC()
	var recs []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, false)
	for {
		recs = make([]runtime.MemProfileRecord, n+64)
		var ok bool
		if n, ok = runtime.MemProfile(recs, false); ok {
			recs = recs[:n]
			break
		}
	}
	rate := float64(runtime.MemProfileRate)
	h := heapUse{Sites: map[string]int64{}}
	for _, r := range recs {
		objs, bytes := r.InUseObjects(), r.InUseBytes()
		if objs <= 0 || bytes <= 0 {
			continue
		}
		// Each sampled object stands for 1/(1-e^(-size/rate)) objects.
		b := int64(float64(bytes) / (1 - math.Exp(-float64(bytes)/float64(objs)/rate)))
		h.Total += b
		fake := false
		var site []string
		frames := runtime.CallersFrames(r.Stack())
		for {
			fr, more := frames.Next()
			if strings.Contains(fr.Function, "internal/discordfake") || strings.Contains(fr.Function, "net/http.(*conn).serve") {
				fake = true
				break
			}
			if len(site) < 4 && !strings.HasPrefix(fr.Function, "runtime.") && !strings.HasPrefix(fr.Function, "internal/runtime/") {
				site = append(site, fr.Function)
			}
			if !more {
				break
			}
		}
		if !fake {
			h.Bot += b
			h.Sites[strings.Join(site, " < ")] += b
		}
	}
	return h
}

// grownSites lists the allocation sites that grew most from a to b.
func grownSites(a, b heapUse, n int) string {
	type site struct {
		name string
		grew int64
	}
	var all []site
	for k, v := range b.Sites {
		if d := v - a.Sites[k]; d > 0 {
			all = append(all, site{k, d})
		}
	}
	slices.SortFunc(all, func(x, y site) int { return int(y.grew - x.grew) })
	var out strings.Builder
	for _, s := range all[:min(n, len(all))] {
		fmt.Fprintf(&out, "\n\t+%s  %s", fmtBytes(s.grew), s.name)
	}
	return out.String()
}

// TestBotSoak runs the bot under steady load for BENCH_SOAK (such as 10m)
// and checks that the heap it holds stays flat: measured after a warm-up
// long enough to fill its bounded caches, and again at the end.
func TestBotSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("BENCH_SOAK"))
	if err != nil || d <= 0 {
		t.Skip("set BENCH_SOAK to a duration such as 10m to run the soak")
	}
	rate := envInt(t, "BENCH_SOAK_RATE", 100)
	f, store := loadBot(t)
	warm := max(time.Minute, time.Duration(2*4096/rate)*time.Second)
	w := runLoad(t, f, store, rate, warm, 10*time.Second)
	start := botHeap()
	t.Logf("warm-up %v: %v; bot heap %s (process %s)", warm, w, fmtBytes(start.Bot), fmtBytes(start.Total))

	var worst loadStats
	for until := time.Now().Add(d); time.Now().Before(until); {
		s := runLoad(t, f, store, rate, min(time.Minute, time.Until(until)+time.Second), 10*time.Second)
		h := botHeap()
		t.Logf("%s: %v; bot heap %s (process %s)", time.Now().Format("15:04:05"), s, fmtBytes(h.Bot), fmtBytes(h.Total))
		worst.Sent += s.Sent
		worst.Lost += s.Lost
		worst.Duplicated += s.Duplicated
		worst.P99 = max(worst.P99, s.P99)
	}
	end := botHeap()
	t.Logf("soak %v at %d events/s: %d events, %d lost, %d answered twice, worst minute p99 %v; bot heap %s at start, %s at end (process %s, %s)",
		d, rate, worst.Sent, worst.Lost, worst.Duplicated, worst.P99.Round(time.Microsecond),
		fmtBytes(start.Bot), fmtBytes(end.Bot), fmtBytes(start.Total), fmtBytes(end.Total))
	if worst.Lost > 0 || worst.Duplicated > 0 {
		t.Errorf("%d lost, %d answered twice; want none", worst.Lost, worst.Duplicated)
	}
	if grow := end.Bot - start.Bot; grow > max(4<<20, start.Bot/4) {
		t.Errorf("bot heap grew by %s over the soak (from %s); want it flat. Grew most:%s",
			fmtBytes(grow), fmtBytes(start.Bot), grownSites(start, end, 6))
	}
}
