package knowledge

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDeclinesOffTopic asks questions no article answers (general
// knowledge, other subjects, other people) of libraries of unrelated news,
// and wants the bot to decline them. The questions were written before
// the engine was run on them. Big libraries share many words with any
// question, so this guards the abstention rules that keep the bot from
// offering an excerpt that only looks like an answer. The floors are what
// the engine declined when the file was written: a change that declines
// fewer fails.
func TestDeclinesOffTopic(t *testing.T) {
	tests := []struct {
		file    string
		dirs    []string
		minDone int
	}{
		{"decline_bbc.jsonl", []string{"../seeds"}, 29},
		{"decline_bbc.jsonl", []string{"../seeds", bbcDir}, 27},
		{"decline_ggt.jsonl", []string{filepath.Join(sharedDir, "eval", "ggt-dev", "articles")}, 20},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+filepath.Base(tt.dirs[len(tt.dirs)-1]), func(t *testing.T) {
			if testing.Short() && len(tt.dirs) > 1 {
				t.Skip("the 2,230-article library is slow to build in -short mode")
			}
			var srcs []Source
			for _, dir := range tt.dirs {
				if _, err := os.Stat(dir); err != nil {
					t.Skipf("%s is not available: %v", dir, err)
				}
				srcs = append(srcs, readSources(t, dir)...)
			}
			lib, _ := Build(srcs)
			s := evaluateFile(t, lib, tt.file)
			if s.AbstainWanted == 0 || s.Questions != 0 {
				t.Fatalf("got %d must-decline and %d answerable questions; want only must-decline ones", s.AbstainWanted, s.Questions)
			}
			if s.AbstainDone < tt.minDone {
				t.Errorf("got %d/%d off-topic questions declined; want at least %d", s.AbstainDone, s.AbstainWanted, tt.minDone)
			}
		})
	}
}
