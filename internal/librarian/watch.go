package librarian

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch reloads the library whenever the folder changes, until ctx is done.
// It listens to fsnotify events (debounced, so a burst of writes costs one
// reload) and also compares a fingerprint of the folder every
// ReloadInterval, because file-system events are not delivered on every
// file system (network shares) and a watch can be lost. Changes made by
// another process sharing the folder, or by hand, are noticed either way.
// A change the fingerprint shows to be no change (this process's own write,
// already reloaded) costs nothing.
func (l *Librarian) Watch(ctx context.Context) error {
	var events <-chan fsnotify.Event
	var errs <-chan error
	w, err := fsnotify.NewWatcher()
	if err == nil {
		if err = w.Add(l.cfg.Dir); err != nil {
			w.Close()
			w = nil
		}
	}
	if err != nil {
		l.log.Warn("cannot watch the content folder; relying on the periodic check", "dir", l.cfg.Dir, "err", err, "interval", l.cfg.ReloadInterval)
	} else {
		defer w.Close()
		events, errs = w.Events, w.Errors
	}

	var tick <-chan time.Time
	if l.cfg.ReloadInterval > 0 {
		t := time.NewTicker(l.cfg.ReloadInterval)
		defer t.Stop()
		tick = t.C
	}
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	defer debounce.Stop()

	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			base := filepath.Base(ev.Name)
			if strings.HasPrefix(base, ".") || ev.Op == fsnotify.Chmod {
				continue // temporary files, the lock file, the trash
			}
			debounce.Reset(l.cfg.Debounce)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			l.log.Warn("content folder watch error", "err", err)
		case <-debounce.C:
			l.CheckNow(ctx)
		case <-tick:
			// A watch dies with its folder (deleted and made again, or
			// a remount); put it back so events resume.
			if w != nil && events != nil && len(w.WatchList()) == 0 {
				if err := w.Add(l.cfg.Dir); err == nil {
					l.log.Info("watching the content folder again", "dir", l.cfg.Dir)
				}
			}
			l.CheckNow(ctx)
		}
	}
}

// CheckNow reloads the library if the folder's fingerprint differs from the
// one of the last reload, and reports whether it reloaded.
func (l *Librarian) CheckNow(ctx context.Context) bool {
	fp, err := fingerprint(l.cfg.Dir)
	if err != nil {
		l.log.Warn("cannot check the content folder", "dir", l.cfg.Dir, "err", err)
		return false
	}
	l.mu.Lock()
	same := fp == l.lastFP
	l.mu.Unlock()
	if same {
		return false
	}
	_, _ = l.Reload(ctx) // Reload logs its own result
	return true
}
