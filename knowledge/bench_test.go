package knowledge

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"
)

// bbcDir holds 2,225 BBC articles for measuring speed at scale.
var bbcDir = filepath.Join(sharedDir, "bench", "bbc")

// readSources reads every article of dir once, so the benchmarks measure
// parsing and indexing rather than the disk.
func readSources(b *testing.B, dir string) []Source {
	b.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("%s is not available: %v", dir, err)
	}
	var srcs []Source
	for _, e := range entries {
		if e.IsDir() || !contentExt[filepath.Ext(e.Name())] {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, Source{Name: e.Name(), Data: data})
	}
	return srcs
}

// benchBuild measures building a library from srcs and reports the heap
// the built library keeps.
func benchBuild(b *testing.B, srcs []Source) {
	b.ReportAllocs()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var lib *Library
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lib, _ = Build(srcs)
	}
	b.StopTimer()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MB-heap")
	runtime.KeepAlive(lib)
}

// benchAsk measures one question and reports the median time, which the
// targets are set on.
func benchAsk(b *testing.B, lib *Library, question string) {
	b.ReportAllocs()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		lib.Ask(question, 3)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "µs-median")
}

func BenchmarkBuildSeeds(b *testing.B) {
	benchBuild(b, readSources(b, "../seeds"))
}

func BenchmarkAskSeeds(b *testing.B) {
	lib, _ := Build(readSources(b, "../seeds"))
	benchAsk(b, lib, "What did Lavrov say about the assessment of the missile threat?")
}

func BenchmarkBuildBBC(b *testing.B) {
	benchBuild(b, readSources(b, bbcDir))
}

func BenchmarkAskBBC(b *testing.B) {
	lib, _ := Build(readSources(b, bbcDir))
	benchAsk(b, lib, "What did the chancellor say about interest rates and inflation?")
}
