package handlers

import (
	"fmt"
	"sync"
	"time"
)

// Cooldowns spaces out questions per user and per channel, so one person
// or one busy channel cannot monopolise the bot. It is safe for concurrent
// use; the time always comes from the caller, so tests drive it with a fake
// clock.
type Cooldowns struct {
	user, channel time.Duration

	mu       sync.Mutex
	users    map[string]time.Time
	channels map[string]time.Time
}

// NewCooldowns returns limits of one question per user every user and one
// per channel every channel; a zero duration disables that limit.
func NewCooldowns(user, channel time.Duration) *Cooldowns {
	return &Cooldowns{
		user: user, channel: channel,
		users: map[string]time.Time{}, channels: map[string]time.Time{},
	}
}

// pruneAt is the map size at which expired entries are swept, which keeps
// memory bounded however many users the bot sees.
const pruneAt = 4096

// Allow records a question from user in channel at now and returns 0, or,
// when a limit has not yet passed, records nothing and returns how long to
// wait. Empty IDs are not limited.
func (c *Cooldowns) Allow(user, channel string, now time.Time) time.Duration {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var wait time.Duration
	if c.user > 0 && user != "" {
		if last, ok := c.users[user]; ok {
			wait = max(wait, last.Add(c.user).Sub(now))
		}
	}
	if c.channel > 0 && channel != "" {
		if last, ok := c.channels[channel]; ok {
			wait = max(wait, last.Add(c.channel).Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	if c.user > 0 && user != "" {
		c.users[user] = now
		if len(c.users) > pruneAt {
			prune(c.users, now, c.user)
		}
	}
	if c.channel > 0 && channel != "" {
		c.channels[channel] = now
		if len(c.channels) > pruneAt {
			prune(c.channels, now, c.channel)
		}
	}
	return 0
}

// prune deletes entries whose cooldown has passed.
func prune(m map[string]time.Time, now time.Time, d time.Duration) {
	for k, t := range m {
		if !now.Before(t.Add(d)) {
			delete(m, k)
		}
	}
}

// cooldownMessage is the polite reply to a question that came too soon,
// with the wait rounded up to whole seconds.
func cooldownMessage(wait time.Duration) string {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return fmt.Sprintf("You're asking quickly — try again in %ds.", secs)
}
