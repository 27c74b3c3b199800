// Package bench measures citebot's question engine against bleve, the
// full-text search library an engineer would otherwise reach for, on the
// same sentences: answer quality on the shared evaluation questions, index
// build time and memory, and query latency, at three library sizes.
//
// It is a module of its own so that bleve and its many dependencies never
// enter the bot's go.mod. The report command is ./cmd/compare; the Go
// benchmarks in this package keep the measurements from rotting in CI.
package bench
