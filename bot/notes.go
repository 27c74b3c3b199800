package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// notes holds the deletes of transient notes (see
// handlers.Response.DeleteAfter) that are waiting for their time. Its zero
// value is ready to use.
//
// Every scheduled delete is a timer, not a sleeping goroutine, and is
// counted until it has run, so shutdown can find what is still pending:
// flush runs those deletes at once rather than dropping them, because a
// note left behind by a restart would stay in the channel for good, which
// is the clutter the deletes exist to prevent. A note read for a few
// seconds less is the smaller harm.
type notes struct {
	mu      sync.Mutex
	pending map[*pendingNote]struct{}
	closed  bool
	// running counts deletes scheduled and not yet finished. Add is
	// called only under mu while !closed, and flush waits only after
	// setting closed, so no Add can race with the Wait.
	running sync.WaitGroup
}

// pendingNote is one scheduled delete.
type pendingNote struct {
	timer *time.Timer
	del   func()
}

// schedule runs del after the delay, or at once once flush has begun (the
// bot is shutting down: see the type's comment).
func (n *notes) schedule(after time.Duration, del func()) {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		del()
		return
	}
	if n.pending == nil {
		n.pending = map[*pendingNote]struct{}{}
	}
	p := &pendingNote{del: del}
	n.running.Add(1)
	n.pending[p] = struct{}{}
	// The timer cannot fire into fire before p is in the map: fire
	// takes mu, which is held until schedule returns.
	p.timer = time.AfterFunc(after, func() { n.fire(p) })
	n.mu.Unlock()
}

// fire runs a delete whose time has come, unless flush has taken it.
func (n *notes) fire(p *pendingNote) {
	n.mu.Lock()
	_, ok := n.pending[p]
	delete(n.pending, p)
	n.mu.Unlock()
	if !ok {
		return // flush runs it
	}
	defer n.running.Done()
	p.del()
}

// flush stops every pending timer, runs those deletes now, concurrently,
// and waits until every delete has finished or ctx is done; it returns
// ctx's error in the second case. Deletes scheduled after flush run at
// once, in their caller.
func (n *notes) flush(ctx context.Context) error {
	n.mu.Lock()
	n.closed = true
	taken := make([]*pendingNote, 0, len(n.pending))
	for p := range n.pending {
		p.timer.Stop()
		taken = append(taken, p)
	}
	n.pending = nil
	n.mu.Unlock()
	for _, p := range taken {
		go func() {
			defer n.running.Done()
			p.del()
		}()
	}
	done := make(chan struct{})
	go func() {
		n.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// len reports how many deletes are waiting for their time.
func (n *notes) len() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.pending)
}

// deleteNote deletes a note the Dispatcher sent and logs the outcome once:
// debug when it went, or was already gone (someone removed it, or its
// channel), and a warning otherwise (such as missing access), naming the
// message but never a token.
func (d *Dispatcher) deleteNote(channelID, messageID string) {
	err := d.retry(func() error {
		return d.REST.ChannelMessageDelete(channelID, messageID, discordgo.WithRetryOnRatelimit(false))
	})
	attrs := []any{"channel", channelID, "message", messageID}
	var re *discordgo.RESTError
	switch {
	case err == nil:
		d.logger().Debug("note deleted", attrs...)
	case errors.As(err, &re) && re.Message != nil &&
		(re.Message.Code == discordgo.ErrCodeUnknownMessage || re.Message.Code == discordgo.ErrCodeUnknownChannel):
		d.logger().Debug("note already gone", append(attrs, "err", redactErr(err))...)
	default:
		d.logger().Warn("deleting a note failed", append(attrs, "err", redactErr(err))...)
	}
}

// FlushNotes deletes at once every note still waiting for its delay, and
// waits for those deletes until ctx is done, returning ctx's error if it
// gave up. Notes sent after it are deleted as soon as they are sent. The
// bot calls it at shutdown, after the events in flight, so that a restart
// does not leave notes in channels for good.
func (d *Dispatcher) FlushNotes(ctx context.Context) error { return d.notes.flush(ctx) }

// PendingNotes reports how many note deletes are waiting for their delay,
// for tests and for a look at shutdown.
func (d *Dispatcher) PendingNotes() int { return d.notes.len() }
