package bench

import (
	"math"
	"runtime"
	"slices"
	"time"
)

// Built is the outcome of building one index: how long it took and how
// much live heap it added.
type Built struct {
	// Took is the wall time of the build.
	Took time.Duration
	// Heap is the growth of runtime.MemStats.HeapInuse across the build,
	// each side read after a full collection, so it is what the index keeps
	// rather than what it allocated on the way.
	Heap int64
}

// heapInuse returns the heap in use after two full collections (the second
// sweeps what finalizers released in the first).
func heapInuse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// MeasureBuild runs build once and measures it. The caller must keep the
// returned index reachable until after MeasureBuild returns, which it does
// by holding the value build returned.
func MeasureBuild[T any](build func() (T, error)) (T, Built, error) {
	base := heapInuse()
	start := time.Now()
	v, err := build()
	took := time.Since(start)
	if err != nil {
		return v, Built{}, err
	}
	heap := heapInuse() - base
	runtime.KeepAlive(v)
	return v, Built{Took: took, Heap: heap}, nil
}

// Latency is the spread of single-question response times.
type Latency struct {
	// Calls is how many questions were timed.
	Calls int
	// P50 and P99 are the median and the 99th percentile.
	P50, P99 time.Duration
}

// MeasureLatency times each of asks on every question, reps rounds of all
// the questions each, one call at a time, after one untimed warm-up round,
// and returns each one's median and 99th percentile. The systems take
// turns round by round, so a burst of load from elsewhere on the machine
// falls on all of them alike and the ratios between them hold. A system
// stops early, after a whole round, once it has spent budget, so a slow one
// cannot stall the report.
func MeasureLatency(questions []string, reps int, budget time.Duration, asks ...func(string)) []Latency {
	times := make([][]time.Duration, len(asks))
	spent := make([]time.Duration, len(asks))
	for i, ask := range asks {
		for _, q := range questions {
			ask(q)
		}
		times[i] = make([]time.Duration, 0, reps*len(questions))
	}
	for r := 0; r < reps; r++ {
		for i, ask := range asks {
			if r > 0 && spent[i] >= budget {
				continue
			}
			for _, q := range questions {
				start := time.Now()
				ask(q)
				d := time.Since(start)
				times[i] = append(times[i], d)
				spent[i] += d
			}
		}
	}
	out := make([]Latency, len(asks))
	for i, ts := range times {
		out[i] = Latency{Calls: len(ts), P50: Percentile(ts, 50), P99: Percentile(ts, 99)}
	}
	return out
}

// Percentile returns the p-th percentile of ds by the nearest-rank method
// (the smallest value with at least p% of the values at or below it); zero
// for no values.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = max(1, min(rank, len(s)))
	return s[rank-1]
}
