package librarian

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Action is one moderator action, recorded so that a library's changes can
// always be traced to a person and a time.
type Action struct {
	// Who is the moderator's user name and WhoID their user ID.
	Who, WhoID string
	// What is the command, such as "add", "remove", "correct", "refresh".
	What string
	// Target is the article or quote acted on, if any.
	Target string
	// Detail is the outcome, such as a reload report or an error.
	Detail string
	// At is when it happened; zero means now.
	At time.Time
}

// Audit records a moderator action in the log and, when an AuditPoster is
// configured, in the audit channel. A failure to post is logged, never
// returned: the action itself has already happened.
func (l *Librarian) Audit(ctx context.Context, a Action) {
	if a.At.IsZero() {
		a.At = l.cfg.Now()
	}
	l.log.Info("moderator action", "who", a.Who, "who_id", a.WhoID, "what", a.What,
		"target", a.Target, "detail", a.Detail, "at", a.At.UTC().Format(time.RFC3339))
	if l.cfg.Audit == nil {
		return
	}
	line := fmt.Sprintf("**%s** (%s) used `/library %s`", escape(a.Who), escape(a.WhoID), strings.ReplaceAll(a.What, "`", ""))
	if a.Target != "" {
		line += " on `" + strings.ReplaceAll(a.Target, "`", "'") + "`"
	}
	if a.Detail != "" {
		line += ": " + escape(a.Detail)
	}
	line += fmt.Sprintf(" <t:%d:f>", a.At.Unix())
	if r := []rune(line); len(r) > 1900 {
		line = string(r[:1900]) + "…"
	}
	if err := l.cfg.Audit.PostAudit(ctx, line); err != nil {
		l.log.Warn("cannot post to the audit channel", "err", err)
	}
}

// escape neutralises Discord Markdown and mentions in text from users and
// articles, so an audit line shows exactly what was typed.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '<', '@':
			b.WriteByte('\\')
		case '\n', '\r':
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
