package bench

import (
	"os"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/citebot/citebot/knowledge"
)

// The benchmarks run on the seed library and on the BBC library (with the
// seeds); the replicated 20,000-article library only when BENCH_LARGE=1,
// since building it takes minutes. In CI: go test -bench . -benchtime 1x.

// benchCorpora loads the libraries once for all benchmarks.
var benchCorpora = sync.OnceValues(func() ([]Corpus, error) {
	bbc := "../../shared/bench/bbc"
	if _, err := os.Stat(bbc); err != nil {
		bbc = ""
	}
	large := 0
	if os.Getenv("BENCH_LARGE") == "1" {
		large = 20000
	}
	return Corpora("../seeds", bbc, large)
})

// benchQuestions are the evaluation questions the query benchmarks cycle
// through, or a few generic ones when the shared file is missing.
var benchQuestions = sync.OnceValue(func() []string {
	qs, err := LoadQuestions("../../shared/eval/questions.jsonl")
	if err != nil {
		return []string{"What did the minister say about sanctions?", "missile defence talks", "thanks!"}
	}
	var out []string
	for _, q := range qs {
		out = append(out, q.Q)
	}
	return out
})

// eachCorpus runs f as a sub-benchmark per library size.
func eachCorpus(b *testing.B, f func(b *testing.B, c Corpus)) {
	cs, err := benchCorpora()
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"seeds", "bbc", "large"}
	for i, c := range cs {
		b.Run(names[i], func(b *testing.B) { f(b, c) })
	}
	if len(cs) < 2 {
		b.Log("shared/bench/bbc not found beside the repository: bbc sizes skipped")
	}
}

func BenchmarkBuildOurs(b *testing.B) {
	eachCorpus(b, func(b *testing.B, c Corpus) {
		b.ReportAllocs()
		for b.Loop() {
			lib, _ := knowledge.Build(c.Sources)
			if len(lib.Articles()) == 0 {
				b.Fatal("empty library")
			}
		}
		b.ReportMetric(float64(len(c.Sources)), "articles")
	})
}

func BenchmarkBuildBleve(b *testing.B) {
	eachCorpus(b, func(b *testing.B, c Corpus) {
		docs := Sentences(c.Sources)
		b.ReportAllocs()
		for b.Loop() {
			idx, err := BuildBleve(BleveBM25, docs)
			if err != nil {
				b.Fatal(err)
			}
			idx.Close()
		}
		b.ReportMetric(float64(len(docs)), "sentences")
	})
}

func BenchmarkQueryOurs(b *testing.B) {
	qs := benchQuestions()
	eachCorpus(b, func(b *testing.B, c Corpus) {
		lib, _ := knowledge.Build(c.Sources)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			lib.Ask(qs[i%len(qs)], 3)
			i++
		}
	})
}

func BenchmarkQueryBleve(b *testing.B) {
	qs := benchQuestions()
	eachCorpus(b, func(b *testing.B, c Corpus) {
		docs := Sentences(c.Sources)
		idx, err := BuildBleve(BleveBM25, docs)
		if err != nil {
			b.Fatal(err)
		}
		defer func(idx bleve.Index) { idx.Close() }(idx)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := AskBleve(idx, qs[i%len(qs)], 3); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
