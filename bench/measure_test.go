package bench

import (
	"testing"
	"time"
)

func TestMeasureLatency(t *testing.T) {
	qs := []string{"a", "b"}
	var fast, slow int
	got := MeasureLatency(qs, 5, 3*time.Millisecond,
		func(string) { fast++ },
		func(string) { slow++; time.Sleep(2 * time.Millisecond) },
	)
	if len(got) != 2 {
		t.Fatalf("MeasureLatency returned %d results; want 2", len(got))
	}
	if got[0].Calls != 10 || fast != 12 {
		t.Errorf("fast system: %d timed calls, %d in all; want 10 timed after 2 warm-up", got[0].Calls, fast)
	}
	// 4 ms per round exceeds the 3 ms budget after the first round.
	if got[1].Calls != 2 || slow != 4 {
		t.Errorf("slow system: %d timed calls, %d in all; want one timed round within budget", got[1].Calls, slow)
	}
	if got[1].P50 < 2*time.Millisecond || got[1].P99 < got[1].P50 || got[0].P99 >= got[1].P50 {
		t.Errorf("latencies fast %+v, slow %+v; want the slow one at 2 ms or more and above the fast one", got[0], got[1])
	}
}

func TestMeasureBuild(t *testing.T) {
	const size = 8 << 20
	v, b, err := MeasureBuild(func() ([]byte, error) {
		buf := make([]byte, size)
		for i := range buf {
			buf[i] = byte(i)
		}
		_ = make([]byte, size) // garbage: must not count
		return buf, nil
	})
	if err != nil || len(v) != size {
		t.Fatalf("MeasureBuild returned %d bytes, %v", len(v), err)
	}
	if b.Heap < size || b.Heap > 2*size {
		t.Errorf("heap after build grew by %d; want about %d (the kept buffer, not the garbage)", b.Heap, size)
	}
	if b.Took <= 0 {
		t.Errorf("build took %v; want a positive time", b.Took)
	}
}
