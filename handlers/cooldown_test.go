package handlers

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCooldowns(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	type ask struct {
		user, channel string
		at            time.Duration
		wantWait      time.Duration
	}
	tests := []struct {
		name          string
		user, channel time.Duration
		asks          []ask
	}{
		{"user limit", 3 * time.Second, 0, []ask{
			{"u1", "c1", 0, 0},
			{"u1", "c1", time.Second, 2 * time.Second},
			{"u2", "c1", time.Second, 0},
			{"u1", "c2", 2 * time.Second, time.Second},
			{"u1", "c1", 3 * time.Second, 0},
		}},
		{"channel limit", 0, time.Second, []ask{
			{"u1", "c1", 0, 0},
			{"u2", "c1", 500 * time.Millisecond, 500 * time.Millisecond},
			{"u2", "c2", 500 * time.Millisecond, 0},
			{"u2", "c1", time.Second, 0},
		}},
		{"both, longer wins", 3 * time.Second, 5 * time.Second, []ask{
			{"u1", "c1", 0, 0},
			{"u2", "c1", time.Second, 4 * time.Second},
			{"u1", "c2", time.Second, 2 * time.Second},
		}},
		{"refused question does not extend", 3 * time.Second, 0, []ask{
			{"u1", "c1", 0, 0},
			{"u1", "c1", 2 * time.Second, time.Second},
			{"u1", "c1", 3 * time.Second, 0},
		}},
		{"disabled", 0, 0, []ask{
			{"u1", "c1", 0, 0},
			{"u1", "c1", 0, 0},
		}},
	}
	for _, tt := range tests {
		c := NewCooldowns(tt.user, tt.channel)
		for i, a := range tt.asks {
			if got := c.Allow(a.user, a.channel, t0.Add(a.at)); got != a.wantWait {
				t.Errorf("%s: ask %d (%s in %s at +%v) waits %v; want %v", tt.name, i, a.user, a.channel, a.at, got, a.wantWait)
			}
		}
	}
	var nilC *Cooldowns
	if got := nilC.Allow("u", "c", t0); got != 0 {
		t.Errorf("nil Cooldowns waits %v; want 0", got)
	}
}

func TestCooldownMessage(t *testing.T) {
	tests := []struct {
		wait time.Duration
		want string
	}{
		{2 * time.Second, "You're asking quickly — try again in 2s."},
		{1500 * time.Millisecond, "You're asking quickly — try again in 2s."},
		{time.Millisecond, "You're asking quickly — try again in 1s."},
	}
	for _, tt := range tests {
		if got := cooldownMessage(tt.wait); got != tt.want {
			t.Errorf("cooldownMessage(%v) = %q; want %q", tt.wait, got, tt.want)
		}
	}
}

// TestCooldownsConcurrent has many goroutines ask at the same instant as
// the same user: exactly one may pass. Run with -race.
func TestCooldownsConcurrent(t *testing.T) {
	c := NewCooldowns(time.Minute, 0)
	now := time.Now()
	var passed atomic.Int32
	var wg sync.WaitGroup
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c.Allow("same-user", "c", now) == 0 {
				passed.Add(1)
			}
		}()
	}
	wg.Wait()
	if got := passed.Load(); got != 1 {
		t.Errorf("%d of 200 simultaneous questions passed; want exactly 1", got)
	}
}

func TestCooldownsPrune(t *testing.T) {
	c := NewCooldowns(time.Second, 0)
	t0 := time.Now()
	for i := range pruneAt + 10 {
		c.Allow(string(rune('a'+i%26))+time.Duration(i).String(), "", t0)
	}
	c.Allow("late", "", t0.Add(time.Hour))
	c.mu.Lock()
	n := len(c.users)
	c.mu.Unlock()
	if n > pruneAt {
		t.Errorf("after the cooldown passed the map holds %d users; want expired ones swept (at most %d)", n, pruneAt)
	}
}
