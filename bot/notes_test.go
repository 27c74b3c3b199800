package bot

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestNotesRunEachDeleteOnce checks that every scheduled delete runs
// exactly once whether its timer fires first or flush takes it, that
// flush waits for them, and that a delete scheduled after flush runs at
// once.
func TestNotesRunEachDeleteOnce(t *testing.T) {
	var n notes
	const count = 200
	var runs [count]atomic.Int32
	for i := range count {
		// Half fire during the test, half wait for flush.
		after := time.Duration(i%2) * time.Hour
		if after == 0 {
			after = time.Duration(i%7) * time.Millisecond
		}
		n.schedule(after, func() { runs[i].Add(1) })
	}
	time.Sleep(3 * time.Millisecond)
	if err := n.flush(context.Background()); err != nil {
		t.Fatalf("flush: got %v; want nil", err)
	}
	for i := range runs {
		if got := runs[i].Load(); got != 1 {
			t.Errorf("delete %d: got %d runs after flush; want 1", i, got)
		}
	}
	if got := n.len(); got != 0 {
		t.Errorf("got %d pending after flush; want 0", got)
	}
	ran := false
	n.schedule(time.Hour, func() { ran = true })
	if !ran {
		t.Errorf("a delete scheduled after flush did not run at once")
	}
}

// TestNotesFlushGivesUp checks flush returns when its context ends even
// if a delete hangs (Discord not answering at shutdown).
func TestNotesFlushGivesUp(t *testing.T) {
	var n notes
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	n.schedule(time.Hour, func() {
		defer wg.Done()
		<-release
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := n.flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("flush with a hanging delete: got %v; want %v", err, context.DeadlineExceeded)
	}
	close(release)
	wg.Wait()
}
