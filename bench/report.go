package bench

import (
	"cmp"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/citebot/citebot/knowledge"
)

// Ours names our engine in reports.
const Ours = "citebot"

// Corpus is one library size under test.
type Corpus struct {
	// Name is what the report calls it, such as "bbc+seeds".
	Name string
	// Sources are the article files.
	Sources []knowledge.Source
}

// Corpora returns the libraries the report measures: the seed articles
// alone; the seeds among the 2,225 BBC articles; and the seeds among the
// BBC articles replicated to large articles in all (none when large is 0).
// The seeds stay in every library so the evaluation questions, which are
// about them, measure quality at every size, with ever more distractors.
func Corpora(seedsDir, bbcDir string, large int) ([]Corpus, error) {
	seeds, err := ReadSources(seedsDir)
	if err != nil {
		return nil, fmt.Errorf("seeds: %w", err)
	}
	out := []Corpus{{Name: "seeds", Sources: seeds}}
	if bbcDir == "" {
		return out, nil
	}
	bbc, err := ReadSources(bbcDir)
	if err != nil {
		return nil, fmt.Errorf("bbc: %w", err)
	}
	out = append(out, Corpus{Name: "bbc+seeds", Sources: append(seeds[:len(seeds):len(seeds)], bbc...)})
	if large > len(seeds)+len(bbc) {
		out = append(out, Corpus{
			Name:    fmt.Sprintf("bbc×%d+seeds", (large-len(seeds)+len(bbc)-1)/len(bbc)),
			Sources: append(seeds[:len(seeds):len(seeds)], Replicate(bbc, large-len(seeds))...),
		})
	}
	return out, nil
}

// Options tunes a report run.
type Options struct {
	// Reps is how many times each question is timed.
	Reps int
	// Budget caps the time spent timing one system on one corpus.
	Budget time.Duration
	// Bleves are the bleve configurations to compare against.
	Bleves []Bleve
}

// SystemRun is what one system scored on one corpus.
type SystemRun struct {
	// System is Ours or a Bleve configuration.
	System string
	// Quality is the evaluation score.
	Quality Quality
	// Built is the index build time and heap.
	Built Built
	// Latency is the query time spread.
	Latency Latency
	// Reindex is, for our engine only, the time to build the same library
	// again from articles it has already parsed (Library.Rebuild with
	// unchanged files, which is what a refresh costs: the parsed articles
	// and the stems of known words are reused, people are merged and the
	// index is built afresh). bleve is handed sentences that are already
	// split, so this is the nearer like-for-like indexing time; Built.Took
	// adds our parsing of the raw files.
	Reindex time.Duration
}

// SizeRun is every system measured on one corpus.
type SizeRun struct {
	// Corpus names the library.
	Corpus string
	// Articles counts the articles our engine kept; Sentences counts the
	// sentences the engine found in them, which bleve indexes one document
	// each.
	Articles, Sentences int
	// Runs holds Ours first, then each bleve configuration.
	Runs []SystemRun
}

// Run measures our engine and each bleve configuration on c: each is built
// and measured in turn (the heap each adds is measured against what was
// live before it), scored, and then all are timed together, round by
// round, so machine noise falls on every system alike.
func Run(c Corpus, qs []Question, opts Options) (SizeRun, error) {
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Q
	}
	out := SizeRun{Corpus: c.Name}

	lib, built, err := MeasureBuild(func() (*knowledge.Library, error) {
		lib, _ := knowledge.Build(c.Sources)
		return lib, nil
	})
	if err != nil {
		return out, err
	}
	out.Articles = len(lib.Articles())
	start := time.Now()
	again, _ := lib.Rebuild(c.Sources)
	reindex := time.Since(start)
	if n := len(again.Articles()); n != out.Articles {
		return out, fmt.Errorf("rebuild kept %d articles; the build kept %d", n, out.Articles)
	}
	again = nil
	out.Runs = append(out.Runs, SystemRun{System: Ours, Built: built, Reindex: reindex,
		Quality: Score(qs, func(q string) []string { return AskOurs(lib, q, 3) })})
	asks := []func(string){func(q string) { lib.Ask(q, 3) }}

	docs := Sentences(c.Sources)
	out.Sentences = len(docs)
	var askErr error
	for _, k := range opts.Bleves {
		idx, built, err := MeasureBuild(func() (bleve.Index, error) { return BuildBleve(k, docs) })
		if err != nil {
			return out, fmt.Errorf("%s: %w", k, err)
		}
		defer idx.Close()
		if n, err := idx.DocCount(); err != nil || n != uint64(len(docs)) {
			return out, fmt.Errorf("%s indexed %d documents (%v); want %d", k, n, err, len(docs))
		}
		ask := func(q string) []string {
			got, err := AskBleve(idx, q, 3)
			if err != nil && askErr == nil {
				askErr = fmt.Errorf("%s: %w", k, err)
			}
			return got
		}
		out.Runs = append(out.Runs, SystemRun{System: string(k), Built: built, Quality: Score(qs, ask)})
		asks = append(asks, func(q string) { ask(q) })
	}
	for i, l := range MeasureLatency(texts, opts.Reps, opts.Budget, asks...) {
		out.Runs[i].Latency = l
	}
	return out, askErr
}

// Meta describes where and on what code a report was measured.
type Meta struct {
	// Commit is the commit the engine was measured at.
	Commit string
	// Machine describes the processor and core count.
	Machine string
	// Command reproduces the report.
	Command string
	// Date is when it ran.
	Date time.Time
}

// Markdown renders runs as tables a reader can paste into the README: one
// per corpus with every measure side by side, and a summary of the ratios
// ours/bleve across sizes so growth shows at a glance.
func Markdown(runs []SizeRun, qs []Question, m Meta) string {
	var b strings.Builder
	answerable, declines := 0, 0
	for _, q := range qs {
		if q.Abstain {
			declines++
		} else {
			answerable++
		}
	}
	fmt.Fprintf(&b, "Measured %s at commit `%s` on %s, Go %s.\n", m.Date.UTC().Format("2006-01-02 15:04 MST"), m.Commit, m.Machine, runtime.Version())
	fmt.Fprintf(&b, "Reproduce with `%s`.\n\n", m.Command)
	fmt.Fprintf(&b, "Questions: %d answerable (hit@k: one of the top k answers holds an expected phrase) and %d that must be declined. ", answerable, declines)
	b.WriteString("bleve declines only when nothing matches. Build time includes our parsing of the raw files; bleve is handed the sentences already split; \"index time, parsed\" is our build from articles already parsed (a refresh with unchanged files), the like-for-like figure. ")
	b.WriteString("Heap is HeapInuse after GC, minus the same before the build. Latency is one question at a time, median and 99th percentile over every timed call; the systems take turns round by round, so load from elsewhere falls on all alike.\n\n")

	if len(runs) > 0 && len(runs[0].Runs) > 1 {
		ref := runs[0].Runs[1].System
		fmt.Fprintf(&b, "#### Ours / %s (below 1 means we are better; the goal is at most 0.1)\n\n", ref)
		b.WriteString("| measure |")
		for _, s := range runs {
			fmt.Fprintf(&b, " %s (%d articles) |", s.Corpus, s.Articles)
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(runs)) + "\n")
		ratios := []struct {
			name string
			f    func(SystemRun) float64
		}{
			{"build time", func(r SystemRun) float64 { return float64(r.Built.Took) }},
			{"index time, parsed", func(r SystemRun) float64 { return float64(cmp.Or(r.Reindex, r.Built.Took)) }},
			{"heap after build", func(r SystemRun) float64 { return float64(r.Built.Heap) }},
			{"query p50", func(r SystemRun) float64 { return float64(r.Latency.P50) }},
			{"query p99", func(r SystemRun) float64 { return float64(r.Latency.P99) }},
		}
		for _, m := range ratios {
			fmt.Fprintf(&b, "| %s |", m.name)
			for _, s := range runs {
				fmt.Fprintf(&b, " %s |", ratio(m.f(s.Runs[0]), m.f(s.Runs[1])))
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "| hit@1 (ours − bleve) |")
		for _, s := range runs {
			fmt.Fprintf(&b, " %+d |", s.Runs[0].Quality.Hit1-s.Runs[1].Quality.Hit1)
		}
		b.WriteString("\n\n")
	}

	for _, s := range runs {
		fmt.Fprintf(&b, "#### %s: %d articles, %d sentences\n\n", s.Corpus, s.Articles, s.Sentences)
		b.WriteString("| measure |")
		for i, r := range s.Runs {
			fmt.Fprintf(&b, " %s |", r.System)
			if i == 1 {
				b.WriteString(" ours/" + r.System + " |")
			}
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(s.Runs)+min(1, len(s.Runs)-1)) + "\n")
		row := func(name string, cell func(SystemRun) string, num func(SystemRun) float64) {
			fmt.Fprintf(&b, "| %s |", name)
			for i, r := range s.Runs {
				fmt.Fprintf(&b, " %s |", cell(r))
				if i == 1 {
					if num == nil {
						b.WriteString(" |")
					} else {
						fmt.Fprintf(&b, " %s |", ratio(num(s.Runs[0]), num(r)))
					}
				}
			}
			b.WriteString("\n")
		}
		row(fmt.Sprintf("hit@1 (of %d)", answerable), func(r SystemRun) string { return fmt.Sprint(r.Quality.Hit1) }, nil)
		row(fmt.Sprintf("hit@3 (of %d)", answerable), func(r SystemRun) string { return fmt.Sprint(r.Quality.Hit3) }, nil)
		row(fmt.Sprintf("declined, must decline (of %d)", declines), func(r SystemRun) string { return fmt.Sprint(r.Quality.Abstained) }, nil)
		row(fmt.Sprintf("declined, answerable (of %d)", answerable), func(r SystemRun) string { return fmt.Sprint(r.Quality.WrongAbstain) }, nil)
		row("build time", func(r SystemRun) string { return fmtDur(r.Built.Took) }, func(r SystemRun) float64 { return float64(r.Built.Took) })
		row("index time, parsed", func(r SystemRun) string {
			if r.Reindex == 0 {
				return "(same as build)"
			}
			return fmtDur(r.Reindex)
		}, func(r SystemRun) float64 { return float64(cmp.Or(r.Reindex, r.Built.Took)) })
		row("heap after build", func(r SystemRun) string { return fmtBytes(r.Built.Heap) }, func(r SystemRun) float64 { return float64(r.Built.Heap) })
		row("query p50", func(r SystemRun) string { return fmtDur(r.Latency.P50) }, func(r SystemRun) float64 { return float64(r.Latency.P50) })
		row("query p99", func(r SystemRun) string { return fmtDur(r.Latency.P99) }, func(r SystemRun) float64 { return float64(r.Latency.P99) })
		row("timed calls", func(r SystemRun) string { return fmt.Sprint(r.Latency.Calls) }, nil)
		b.WriteString("\n")
		for _, r := range s.Runs {
			if len(r.Quality.Misses) > 0 {
				fmt.Fprintf(&b, "%s missed: %s. ", r.System, strings.Join(r.Quality.Misses, ", "))
			}
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// ratio formats a/b to two significant figures, or "n/a" when b is zero.
func ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	r := a / b
	switch {
	case r >= 10:
		return fmt.Sprintf("%.0f", r)
	case r >= 1:
		return fmt.Sprintf("%.1f", r)
	default:
		// Two significant figures without an exponent, which readers
		// misread in a table: 0.0000088, not 8.8e-06.
		f, _ := strconv.ParseFloat(fmt.Sprintf("%.2g", r), 64)
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
}

// fmtDur rounds d to three significant figures.
func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3g s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	}
}

// fmtBytes gives n in KiB or MiB.
func fmtBytes(n int64) string {
	switch {
	case n >= 1<<20 || n <= -1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
}
