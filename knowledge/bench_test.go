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
func readSources(b testing.TB, dir string) []Source {
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
	benchBuildWith(b, func() *Library {
		lib, _ := Build(srcs)
		return lib
	})
}

// benchBuildWith measures build and reports the heap the built library
// keeps and the CPU time each build takes on all cores.
func benchBuildWith(b *testing.B, build func() *Library) {
	b.ReportAllocs()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var lib *Library
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		lib = build()
	}
	cpu = cpuTime() - cpu
	b.StopTimer()
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
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

// BenchmarkRebuildBBCOneChanged measures a moderator's reload of the
// 2,225-article library after one article was edited: Rebuild reuses the
// parsed articles, so only one is parsed again. Compare BenchmarkBuildBBC.
func BenchmarkRebuildBBCOneChanged(b *testing.B) {
	srcs := readSources(b, bbcDir)
	prev, _ := Build(srcs)
	next := append([]Source(nil), srcs...)
	k := len(next) / 2
	next[k].Data = append(append([]byte(nil), next[k].Data...), "\n\n\"This paragraph was added by a moderator,\" said Jo Bloggs.\n"...)
	benchBuildWith(b, func() *Library {
		lib, _ := prev.Rebuild(next)
		return lib
	})
	runtime.KeepAlive(prev)
}

// BenchmarkRebuildBBCUnchanged measures a moderator's refresh of the
// 2,225-article library when no file changed: Rebuild reuses every parsed
// article and the stems of the words it knows, so what it measures is
// merging people and building the index afresh. Compare BenchmarkBuildBBC.
func BenchmarkRebuildBBCUnchanged(b *testing.B) {
	srcs := readSources(b, bbcDir)
	prev, _ := Build(srcs)
	benchBuildWith(b, func() *Library {
		lib, _ := prev.Rebuild(srcs)
		return lib
	})
	runtime.KeepAlive(prev)
}
