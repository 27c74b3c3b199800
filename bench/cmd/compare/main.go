// Command compare measures citebot's question engine against bleve on the
// same sentences and writes a Markdown report (bench/RESULTS.md) with
// answer quality, build time and memory, and query latency at three
// library sizes, as absolute figures and as ratios ours/bleve.
//
// Run it from the bench folder:
//
//	go run ./cmd/compare
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/citebot/citebot/bench"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seeds := fs.String("seeds", "../seeds", "folder of the seed articles")
	bbc := fs.String("bbc", "../../shared/bench/bbc", "folder of the BBC articles; empty to skip the larger libraries")
	questions := fs.String("questions", "../../shared/eval/questions.jsonl", "evaluation questions")
	large := fs.Int("large", 20000, "articles in the replicated library; 0 to skip it")
	reps := fs.Int("reps", 200, "times each question is timed per system and library")
	budget := fs.Duration("budget", 20*time.Second, "most time spent timing one system on one library")
	memonly := fs.Bool("memonly", true, "also measure bleve.NewMemOnly (upsidedown, TF-IDF) up to the bbc library")
	out := fs.String("out", "RESULTS.md", "file to write the Markdown report to; empty for none")
	at := fs.String("commit", "", "commit to name in the report; default: the checked-out one")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	qs, err := bench.LoadQuestions(*questions)
	if err != nil {
		fmt.Fprintln(stderr, "compare:", err)
		return 1
	}
	corpora, err := bench.Corpora(*seeds, *bbc, *large)
	if err != nil {
		fmt.Fprintln(stderr, "compare:", err)
		return 1
	}
	loadBefore := loadavg()
	var runs []bench.SizeRun
	for i, c := range corpora {
		opts := bench.Options{Reps: *reps, Budget: *budget, Bleves: []bench.Bleve{bench.BleveBM25}}
		if *memonly && i < 2 {
			opts.Bleves = append(opts.Bleves, bench.BleveMemOnly)
		}
		fmt.Fprintf(stderr, "compare: %s (%d files)...\n", c.Name, len(c.Sources))
		r, err := bench.Run(c, qs, opts)
		if err != nil {
			fmt.Fprintf(stderr, "compare: %s: %v\n", c.Name, err)
			return 1
		}
		runs = append(runs, r)
		corpora[i].Sources = nil
	}
	if *at == "" {
		*at = commit()
	}
	md := bench.Markdown(runs, qs, bench.Meta{
		Commit:  *at,
		Machine: fmt.Sprintf("%s (load average %s before, %s after)", machine(), loadBefore, loadavg()),
		Command: command(fs),
		Date:    time.Now(),
	})
	fmt.Fprint(stdout, md)
	if *out != "" {
		if err := os.WriteFile(*out, []byte("# citebot vs bleve\n\n"+md), 0o644); err != nil {
			fmt.Fprintln(stderr, "compare:", err)
			return 1
		}
	}
	return 0
}

// commit names the checked-out commit, marked "+changes" when the work
// tree differs from it, so a figure can be traced to the code it measured.
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
		c += "+changes"
	}
	return c
}

// machine describes the processor, from /proc/cpuinfo where there is one.
func machine() string {
	model := runtime.GOARCH
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores", model, runtime.NumCPU())
}

// loadavg returns the one-minute load average, since other work on the
// machine moves every absolute figure; "?" where it cannot be read.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// command reproduces this run: the flags given, less those that only say
// where this machine keeps its files or what to call the commit.
func command(fs *flag.FlagSet) string {
	cmd := "cd bench && go run ./cmd/compare"
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "seeds", "bbc", "questions", "commit", "out":
			return
		}
		cmd += " -" + f.Name + "=" + f.Value.String()
	})
	return cmd
}
