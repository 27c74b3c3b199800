package librarian

import (
	"context"
	"os"
	"testing"

	"github.com/citebot/citebot/knowledge"
)

// bbcDir is the 2,225-article BBC corpus beside the repository, for
// measuring reloads at a realistic scale.
const bbcDir = "../../../shared/bench/bbc"

// BenchmarkReloadBBC measures one full reload (read, build, diff, swap) of
// 2,225 articles: the time a moderator waits for /library refresh and the
// time other shards take to catch up after a change.
func BenchmarkReloadBBC(b *testing.B) {
	if _, err := os.Stat(bbcDir); err != nil {
		b.Skip("shared/bench/bbc is not beside the repository")
	}
	lib, _, err := knowledge.LoadDir(bbcDir)
	if err != nil {
		b.Fatal(err)
	}
	l := New(Config{Dir: bbcDir, Logger: quiet(), ReloadInterval: -1}, knowledge.NewStore(lib))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := l.Reload(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFingerprintBBC measures the periodic check that runs every
// RELOAD_INTERVAL on every shard.
func BenchmarkFingerprintBBC(b *testing.B) {
	if _, err := os.Stat(bbcDir); err != nil {
		b.Skip("shared/bench/bbc is not beside the repository")
	}
	for i := 0; i < b.N; i++ {
		if _, err := fingerprint(bbcDir); err != nil {
			b.Fatal(err)
		}
	}
}
