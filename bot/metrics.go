package bot

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/citebot/citebot/knowledge"
)

// Metrics counts what the bot does, for /metrics. It is written by hand in
// the Prometheus text exposition format (version 0.0.4): a handful of
// counters, gauges and one histogram do not justify
// prometheus/client_golang and its dependency tree in go.mod.
//
// All methods are safe for concurrent use.
type Metrics struct {
	questions   atomic.Int64
	abstentions atomic.Int64
	errors      atomic.Int64
	panics      atomic.Int64
	rateLimits  atomic.Int64
	events      [eventKinds]atomic.Int64

	mu      sync.Mutex
	buckets []float64 // upper bounds in seconds
	counts  []int64   // per bucket, not cumulative
	sum     float64
	count   int64
}

// Event kinds counted by citebot_events_total.
const (
	kindCommand = iota
	kindAutocomplete
	kindComponent
	kindModal
	kindMessage
	eventKinds
)

var kindNames = [eventKinds]string{"command", "autocomplete", "component", "modal", "message"}

// latencyBuckets bracket Discord's 3-second rule, so the histogram shows
// how close the bot comes to having to defer.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10}

// NewMetrics returns zeroed metrics.
func NewMetrics() *Metrics {
	return &Metrics{buckets: latencyBuckets, counts: make([]int64, len(latencyBuckets))}
}

// Question counts a question (from /ask, a mention or a DM) and whether
// the library abstained on it.
func (m *Metrics) Question(abstained bool) {
	m.questions.Add(1)
	if abstained {
		m.abstentions.Add(1)
	}
}

// Error counts a handler error or a failed send; panic says it was a
// recovered panic.
func (m *Metrics) Error(panic bool) {
	m.errors.Add(1)
	if panic {
		m.panics.Add(1)
	}
}

// rateLimited counts a REST call Discord answered with 429, whether it was
// waited out and retried or given up as too long a wait.
func (m *Metrics) rateLimited() { m.rateLimits.Add(1) }

// event counts one event of the given kind.
func (m *Metrics) event(kind int) { m.events[kind].Add(1) }

// Observe records the time from receiving an event to the first response
// Discord accepted.
func (m *Metrics) Observe(d time.Duration) {
	s := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sum += s
	m.count++
	for i, b := range m.buckets {
		if s <= b {
			m.counts[i]++
			return
		}
	}
}

// Snapshot is what the Write and health check read: the gauges that are not
// counters of Metrics itself.
type Snapshot struct {
	// Connected reports whether the gateway session is live.
	Connected bool
	// Library is the library in use, nil while none is loaded.
	Library *knowledge.Library
}

// Write prints every metric in the Prometheus text format.
func (m *Metrics) Write(w io.Writer, s Snapshot) {
	counter := func(name, help string, v int64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	gauge := func(name, help string, v int) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", name, help, name, name, v)
	}
	counter("citebot_questions_total", "Questions asked through /ask, mentions and DMs.", m.questions.Load())
	counter("citebot_abstentions_total", "Questions the library found no passage for.", m.abstentions.Load())
	counter("citebot_errors_total", "Handler errors, recovered panics and failed sends.", m.errors.Load())
	counter("citebot_panics_total", "Handler panics recovered by Dispatch.", m.panics.Load())
	counter("citebot_rate_limited_total", "REST calls Discord answered with 429 (retried after retry_after, or given up when the wait is too long).", m.rateLimits.Load())
	fmt.Fprintf(w, "# HELP citebot_events_total Interactions and messages handled, by kind.\n# TYPE citebot_events_total counter\n")
	for i, n := range kindNames {
		fmt.Fprintf(w, "citebot_events_total{kind=%q} %d\n", n, m.events[i].Load())
	}

	m.mu.Lock()
	fmt.Fprintf(w, "# HELP citebot_response_seconds Time from receiving an event to the first response Discord accepted.\n# TYPE citebot_response_seconds histogram\n")
	var cum int64
	for i, b := range m.buckets {
		cum += m.counts[i]
		fmt.Fprintf(w, "citebot_response_seconds_bucket{le=%q} %d\n", strconv.FormatFloat(b, 'g', -1, 64), cum)
	}
	fmt.Fprintf(w, "citebot_response_seconds_bucket{le=\"+Inf\"} %d\n", m.count)
	fmt.Fprintf(w, "citebot_response_seconds_sum %s\n", strconv.FormatFloat(m.sum, 'g', -1, 64))
	fmt.Fprintf(w, "citebot_response_seconds_count %d\n", m.count)
	m.mu.Unlock()

	var articles, quotes, people int
	if s.Library != nil {
		articles, quotes, people = len(s.Library.Articles()), s.Library.Stats().Quotes, len(s.Library.People())
	}
	gauge("citebot_library_articles", "Articles in the library in use.", articles)
	gauge("citebot_library_quotes", "Quotes in the library in use.", quotes)
	gauge("citebot_library_people", "People quoted in the library in use.", people)
	connected := 0
	if s.Connected {
		connected = 1
	}
	gauge("citebot_gateway_connected", "1 while the gateway session is live.", connected)
}

// httpHandler serves /healthz and /metrics from snap.
func httpHandler(m *Metrics, snap func() Snapshot) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		s := snap()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		switch {
		case !s.Connected:
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "gateway not connected")
		case s.Library == nil || len(s.Library.Articles()) == 0:
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "library not loaded")
		default:
			fmt.Fprintln(w, "ok")
		}
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.Write(w, snap())
	})
	return mux
}
