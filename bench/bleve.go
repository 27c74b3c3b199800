package bench

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve is one bleve configuration under test.
type Bleve string

// The bleve configurations compared.
const (
	// BleveBM25 is an in-memory scorch index (bleve's default engine,
	// opened with an empty path) with BM25 scoring: the configuration the
	// issue asks for, and the strongest bleve offers.
	BleveBM25 Bleve = "bleve-bm25"
	// BleveMemOnly is bleve.NewMemOnly, the obvious in-memory call. It uses
	// the older upsidedown engine, which cannot report field lengths, so
	// bleve v2.5 silently scores it with TF-IDF even when BM25 is asked for.
	BleveMemOnly Bleve = "bleve-memonly"
)

// textField is the one field each bleve document has.
const textField = "text"

// bleveMapping returns the index mapping: one stored text field analysed
// with bleve's English analyser (possessives, lower case, stop words,
// Porter stemmer), scored with BM25.
func bleveMapping() *mapping.IndexMappingImpl {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = en.AnalyzerName
	f.Store = true // the bot must show the text, so bleve has to keep it
	f.IncludeInAll = false
	f.IncludeTermVectors = false // no highlighting: less work for bleve
	f.DocValues = false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(textField, f)
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = textField
	im.ScoringModel = index.BM25Scoring
	return im
}

// BuildBleve indexes docs in a new in-memory bleve index of kind k, in
// batches as bleve's documentation recommends for bulk loads.
func BuildBleve(k Bleve, docs []Doc) (bleve.Index, error) {
	var idx bleve.Index
	var err error
	switch k {
	case BleveBM25:
		idx, err = bleve.NewUsing("", bleveMapping(), scorch.Name, scorch.Name, nil)
	case BleveMemOnly:
		idx, err = bleve.NewMemOnly(bleveMapping())
	default:
		return nil, fmt.Errorf("unknown bleve configuration %q", k)
	}
	if err != nil {
		return nil, err
	}
	const batchSize = 1000
	b := idx.NewBatch()
	for _, d := range docs {
		if err := b.Index(d.ID, map[string]any{textField: d.Text}); err != nil {
			idx.Close()
			return nil, err
		}
		if b.Size() >= batchSize {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, err
			}
			b.Reset()
		}
	}
	if b.Size() > 0 {
		if err := idx.Batch(b); err != nil {
			idx.Close()
			return nil, err
		}
	}
	return idx, nil
}

// AskBleve runs question as a match query with fuzziness 1 (the usual
// remedy for typos) and returns the stored text of at most max hits, best
// first. bleve "abstains" only when nothing matches at all.
func AskBleve(idx bleve.Index, question string, max int) ([]string, error) {
	q := bleve.NewMatchQuery(question)
	q.SetField(textField)
	q.SetFuzziness(1)
	req := bleve.NewSearchRequestOptions(q, max, 0, false)
	req.Fields = []string{textField}
	res, err := idx.Search(req)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		t, _ := h.Fields[textField].(string)
		out = append(out, t)
	}
	return out, nil
}
