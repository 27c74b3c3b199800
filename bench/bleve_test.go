package bench

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// seedDocs returns the sentences of the repository's seed articles.
func seedDocs(t testing.TB) []Doc {
	t.Helper()
	srcs, err := ReadSources("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	docs := Sentences(srcs)
	if len(docs) < 20 {
		t.Fatalf("seed library split into %d sentences; want many", len(docs))
	}
	return docs
}

func TestBleveIndexesEverySentence(t *testing.T) {
	docs := seedDocs(t)
	for _, k := range []Bleve{BleveBM25, BleveMemOnly} {
		idx, err := BuildBleve(k, docs)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		n, err := idx.DocCount()
		if err != nil || n != uint64(len(docs)) {
			t.Errorf("%s holds %d documents (%v); the harness split %d sentences", k, n, err, len(docs))
		}
		// A long sentence asked verbatim must come back first.
		var long Doc
		for _, d := range docs {
			if len(d.Text) > len(long.Text) {
				long = d
			}
		}
		got, err := AskBleve(idx, long.Text, 3)
		if err != nil || len(got) == 0 || got[0] != long.Text {
			t.Errorf("%s: asking %q verbatim gave %q, %v; want it first", k, long.Text, got, err)
		}
		idx.Close()
	}
}

func TestBleveAbstainsOnlyWithoutMatch(t *testing.T) {
	idx, err := BuildBleve(BleveBM25, []Doc{{ID: "a", Text: "Missile defence talks resumed."}})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if got, _ := AskBleve(idx, "zzqx wombat", 3); len(got) != 0 {
		t.Errorf("unrelated question got %q; want no hit", got)
	}
	if got, _ := AskBleve(idx, "missle", 3); len(got) != 1 {
		t.Errorf("misspelt question got %q; want the fuzzy match", got)
	}
}

// TestBleveScoringModel checks which scoring bleve really uses: BM25 on the
// in-memory scorch index, while NewMemOnly quietly falls back to TF-IDF
// (its upsidedown engine cannot report field lengths). If a bleve upgrade
// changes either, the report's labels must change too.
func TestBleveScoringModel(t *testing.T) {
	docs := seedDocs(t)
	for _, tt := range []struct {
		k    Bleve
		bm25 bool
	}{{BleveBM25, true}, {BleveMemOnly, false}} {
		idx, err := BuildBleve(tt.k, docs)
		if err != nil {
			t.Fatal(err)
		}
		req := bleve.NewSearchRequest(bleve.NewMatchQuery("missile defense"))
		req.Explain = true
		res, err := idx.Search(req)
		idx.Close()
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%s: search gave %v hits, %v", tt.k, res, err)
		}
		expl, _ := json.Marshal(res.Hits[0].Expl)
		if got := strings.Contains(string(expl), "saturation("); got != tt.bm25 {
			t.Errorf("%s: BM25 terms in the explanation = %v; want %v", tt.k, got, tt.bm25)
		}
	}
}

func TestRunMeasuresEverySystem(t *testing.T) {
	c, err := Corpora("../seeds", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	qs := []Question{
		{ID: "a", Q: "Where is Novo-Ogaryevo?", Any: []string{"Novo-Ogaryevo"}},
		{ID: "b", Q: "zzqx wombat", Abstain: true},
	}
	r, err := Run(c[0], qs, Options{Reps: 2, Budget: 1e9, Bleves: []Bleve{BleveBM25}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Runs) != 2 || r.Runs[0].System != Ours || r.Runs[1].System != string(BleveBM25) {
		t.Fatalf("Run measured %+v; want ours then bleve", r.Runs)
	}
	if r.Articles != 5 || r.Sentences < 20 {
		t.Errorf("Run saw %d articles, %d sentences; want the 5 seeds and their sentences", r.Articles, r.Sentences)
	}
	b := r.Runs[1]
	if b.Quality.Hit1 != 1 || b.Quality.Abstained != 1 {
		t.Errorf("bleve scored %+v; want the easy hit and the decline", b.Quality)
	}
	for _, s := range r.Runs {
		if s.Latency.Calls != 4 || s.Latency.P50 <= 0 || s.Latency.P99 < s.Latency.P50 || s.Built.Took <= 0 {
			t.Errorf("%s: latency %+v, build %+v; want 4 timed calls and positive times", s.System, s.Latency, s.Built)
		}
	}
	if o := r.Runs[0]; o.Reindex <= 0 || r.Runs[1].Reindex != 0 {
		t.Errorf("reindex times: ours %v, bleve %v; want ours measured and bleve's left zero", o.Reindex, r.Runs[1].Reindex)
	}
	md := Markdown([]SizeRun{r}, qs, Meta{Commit: "abc", Command: "x"})
	for _, want := range []string{"| hit@1 (of 1) |", "| index time, parsed |", "bleve-bm25", "`abc`", "ours/bleve-bm25"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}
