// Package config turns the process environment (and an optional .env file)
// into one immutable Config value. It is the only place that knows the
// variable names, so every mistake in them is reported here, once, with the
// variable named and the token never shown.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
)

// Secret holds a credential. Every way of printing it (fmt, slog, JSON)
// gives "[redacted]", so the token cannot leak through a log line or an
// error by accident; only Reveal gives the value, and only the code that
// connects to Discord calls it.
type Secret string

const redacted = "[redacted]"

// String hides the value from fmt's %s and %v.
func (Secret) String() string { return redacted }

// GoString hides the value from fmt's %#v.
func (Secret) GoString() string { return redacted }

// LogValue hides the value from log/slog.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON hides the value from encoding/json.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// Reveal returns the secret itself, without any "Bot " prefix. Call it only
// where the value is handed to Discord.
func (s Secret) Reveal() string { return string(s) }

// Config is everything the program can be told through its environment.
// Load fills it once in main; packages receive it (or the parts they need)
// as a value and never read the environment themselves.
type Config struct {
	// Token is DISCORD_TOKEN. Load does not require it, because the
	// terminal subcommands need none; RequireToken does.
	Token Secret
	// GuildID is DISCORD_GUILD_ID: register commands in this guild (quick
	// to update while developing); global when empty.
	GuildID string
	// ContentDir is CONTENT_DIR; empty means the built-in library.
	ContentDir string
	// ModRoleIDs is MOD_ROLE_IDS, comma-separated role snowflakes whose
	// members may moderate the library.
	ModRoleIDs []string
	// ListenChannelIDs is LISTEN_CHANNEL_IDS: channels where any message is
	// taken as a question. It needs the privileged MESSAGE_CONTENT intent.
	ListenChannelIDs []string
	// LogLevel is LOG_LEVEL: debug, info, warn or error (default info).
	LogLevel slog.Level
	// HTTPAddr is HTTP_ADDR, such as ":8080", serving /healthz and
	// /metrics; empty turns the server off.
	HTTPAddr string
	// ShardID and ShardCount are SHARD_ID and SHARD_COUNT (default 0 and 1).
	ShardID, ShardCount int
	// APIURL is DISCORD_API_URL: the base URL of a REST proxy or a test
	// server; empty means Discord itself.
	APIURL string
	// AuditChannelID is AUDIT_CHANNEL_ID, where moderator actions are
	// posted; empty means they are only logged.
	AuditChannelID string
	// AllowPrivateURLs is ALLOW_PRIVATE_URLS: let "/library add" fetch
	// loopback and private addresses (tests, intranets).
	AllowPrivateURLs bool
	// MaxUploadBytes is MAX_UPLOAD_BYTES (default 2 MiB).
	MaxUploadBytes int64
	// UserCooldown is ASK_COOLDOWN_USER (default 3s; 0 disables): the least
	// time between two questions from one user.
	UserCooldown time.Duration
	// ChannelCooldown is ASK_COOLDOWN_CHANNEL (default 1s; 0 disables): the
	// least time between two questions in one channel.
	ChannelCooldown time.Duration
	// ReloadInterval is RELOAD_INTERVAL (default 30s): how often CONTENT_DIR
	// is checked for changes, as a fallback to file notifications.
	ReloadInterval time.Duration
	// NoteDeleteAfter is NOTE_DELETE_AFTER (default 10s; 0 keeps notes):
	// how long a short note answering a mention in a server channel (a
	// cooldown, a message with no question) stays before the bot deletes
	// it. Such notes are private in /ask but cannot be in a channel, so
	// left alone they would clutter it for good.
	NoteDeleteAfter time.Duration
}

// Defaults used when a variable is unset.
const (
	DefaultMaxUploadBytes  = 2 << 20
	DefaultUserCooldown    = 3 * time.Second
	DefaultChannelCooldown = 1 * time.Second
	DefaultReloadInterval  = 30 * time.Second
	DefaultNoteDeleteAfter = 10 * time.Second
)

// LogValue lets slog print a whole Config with the token hidden and the
// rest readable, which is what an operator wants in the start-up log line.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("token", c.Token),
		slog.Bool("token_set", c.Token != ""),
		slog.String("guild_id", c.GuildID),
		slog.String("content_dir", c.ContentDir),
		slog.Any("mod_role_ids", c.ModRoleIDs),
		slog.Any("listen_channel_ids", c.ListenChannelIDs),
		slog.String("log_level", c.LogLevel.String()),
		slog.String("http_addr", c.HTTPAddr),
		slog.Int("shard_id", c.ShardID),
		slog.Int("shard_count", c.ShardCount),
		slog.String("api_url", redactURL(c.APIURL)),
		slog.String("audit_channel_id", c.AuditChannelID),
		slog.Bool("allow_private_urls", c.AllowPrivateURLs),
		slog.Int64("max_upload_bytes", c.MaxUploadBytes),
		slog.Duration("user_cooldown", c.UserCooldown),
		slog.Duration("channel_cooldown", c.ChannelCooldown),
		slog.Duration("reload_interval", c.ReloadInterval),
		slog.Duration("note_delete_after", c.NoteDeleteAfter),
	)
}

// redactURL hides the password of a URL such as a REST proxy's
// "http://user:secret@proxy:8080", which the start-up log line would
// otherwise print.
func redactURL(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.User == nil {
		return v
	}
	return u.Redacted()
}

// RequireToken reports a missing DISCORD_TOKEN. It is separate from Load
// because only connecting to Discord needs the token.
func (c Config) RequireToken() error {
	if c.Token == "" {
		return errors.New("DISCORD_TOKEN is not set: put the bot token from the Discord developer portal in the environment or in .env")
	}
	return nil
}

// Load reads the configuration through getenv (os.Getenv, or the function
// WithDotEnv returns). Every unset variable takes its default; every
// malformed one is reported in the returned error with its name, all of
// them at once so one run shows every mistake. The error never contains the
// token.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		LogLevel:        slog.LevelInfo,
		ShardCount:      1,
		MaxUploadBytes:  DefaultMaxUploadBytes,
		UserCooldown:    DefaultUserCooldown,
		ChannelCooldown: DefaultChannelCooldown,
		ReloadInterval:  DefaultReloadInterval,
		NoteDeleteAfter: DefaultNoteDeleteAfter,
	}
	var errs []error
	fail := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s %s", name, fmt.Sprintf(format, args...)))
	}
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }

	if tok := get("DISCORD_TOKEN"); tok != "" {
		tok = strings.TrimSpace(strings.TrimPrefix(tok, "Bot "))
		if strings.ContainsAny(tok, " \t\r\n\"'") {
			fail("DISCORD_TOKEN", "is malformed: it contains spaces or quotes (give the token alone)")
		} else {
			c.Token = Secret(tok)
		}
	}

	snowflake := func(name string) string {
		v := get(name)
		if v != "" && !isSnowflake(v) {
			fail(name, "is %s, not a Discord ID (digits only)", show(v))
			return ""
		}
		return v
	}
	snowflakes := func(name string) []string {
		var ids []string
		for _, part := range strings.Split(get(name), ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if !isSnowflake(part) {
				fail(name, "contains %s, not a Discord ID (give comma-separated digits)", show(part))
				continue
			}
			ids = append(ids, part)
		}
		return ids
	}
	c.GuildID = snowflake("DISCORD_GUILD_ID")
	c.AuditChannelID = snowflake("AUDIT_CHANNEL_ID")
	c.ModRoleIDs = snowflakes("MOD_ROLE_IDS")
	c.ListenChannelIDs = snowflakes("LISTEN_CHANNEL_IDS")
	c.ContentDir = get("CONTENT_DIR")

	if v := get("LOG_LEVEL"); v != "" {
		switch strings.ToLower(v) {
		case "debug":
			c.LogLevel = slog.LevelDebug
		case "info":
			c.LogLevel = slog.LevelInfo
		case "warn", "warning":
			c.LogLevel = slog.LevelWarn
		case "error":
			c.LogLevel = slog.LevelError
		default:
			fail("LOG_LEVEL", "is %s; want debug, info, warn or error", show(v))
		}
	}

	if v := get("HTTP_ADDR"); v != "" {
		if _, port, err := net.SplitHostPort(v); err != nil || !isPort(port) {
			fail("HTTP_ADDR", "is %s; want host:port or :port, such as :8080", show(v))
		} else {
			c.HTTPAddr = v
		}
	}

	integer := func(name string, def, min int) int {
		v := get(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fail(name, "is %s, not a whole number", show(v))
			return def
		}
		if n < min {
			fail(name, "is %d; want at least %d", n, min)
			return def
		}
		return n
	}
	c.ShardID = integer("SHARD_ID", 0, 0)
	c.ShardCount = integer("SHARD_COUNT", 1, 1)
	if c.ShardID >= c.ShardCount {
		fail("SHARD_ID", "is %d; want less than SHARD_COUNT (%d)", c.ShardID, c.ShardCount)
	}

	if v := get("DISCORD_API_URL"); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fail("DISCORD_API_URL", "is %s; want an http or https base URL such as http://127.0.0.1:8081", show(redactURL(v)))
		} else {
			c.APIURL = strings.TrimRight(v, "/")
		}
	}

	if v := get("ALLOW_PRIVATE_URLS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fail("ALLOW_PRIVATE_URLS", "is %s; want true or false", show(v))
		}
		c.AllowPrivateURLs = b
	}

	if v := get("MAX_UPLOAD_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			fail("MAX_UPLOAD_BYTES", "is %s; want a positive number of bytes", show(v))
		} else {
			c.MaxUploadBytes = n
		}
	}

	duration := func(name string, def time.Duration, allowZero bool) time.Duration {
		v := get(name)
		if v == "" {
			return def
		}
		d, err := parseDuration(v)
		if err != nil || d < 0 || (d == 0 && !allowZero) {
			want := "a duration such as 3s or 500ms"
			if allowZero {
				want += " (0 disables it)"
			}
			fail(name, "is %s; want %s", show(v), want)
			return def
		}
		return d
	}
	c.UserCooldown = duration("ASK_COOLDOWN_USER", DefaultUserCooldown, true)
	c.ChannelCooldown = duration("ASK_COOLDOWN_CHANNEL", DefaultChannelCooldown, true)
	c.ReloadInterval = duration("RELOAD_INTERVAL", DefaultReloadInterval, false)
	c.NoteDeleteAfter = duration("NOTE_DELETE_AFTER", DefaultNoteDeleteAfter, true)

	if len(errs) > 0 {
		return c, redact(errors.Join(errs...), c.Token)
	}
	return c, nil
}

// WithDotEnv returns a getenv that asks getenv first and then the variables
// of the .env file at path, so a real environment variable always wins. The
// file is parsed with godotenv.UnmarshalBytes, which does not touch the
// process environment. A missing file is not an error; an unreadable or
// malformed one is, naming the file.
//
// A parse error names the line but never repeats godotenv's message, which
// quotes the file from the bad line on (or the whole of an unterminated
// quoted value), and so would print DISCORD_TOKEN to stderr and the log.
func WithDotEnv(getenv func(string) string, path string) (func(string) string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return getenv, nil
		}
		return getenv, fmt.Errorf("read %s: %w", path, err)
	}
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		return getenv, fmt.Errorf("read %s: line %d: %s (the line is not shown, as it may hold a secret)",
			path, badDotEnvLine(data), dotEnvReason(err))
	}
	return func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return vars[name]
	}, nil
}

// badDotEnvLine returns the line (from 1) where a .env file stops
// parsing: the line after the longest prefix of whole lines that parses
// and from which every longer prefix fails. (A quoted value may span
// lines, so a prefix that ends inside one fails without being wrong.)
func badDotEnvLine(data []byte) int {
	lines := strings.SplitAfter(string(data), "\n")
	bad := len(lines)
	for k := len(lines); k >= 1; k-- {
		if _, err := godotenv.Unmarshal(strings.Join(lines[:k], "")); err == nil {
			break
		}
		bad = k
	}
	return bad
}

// dotEnvReason is godotenv's reason for refusing a file, without the text
// it quotes: everything from the first quote mark or " near " on.
func dotEnvReason(err error) string {
	msg := err.Error()
	if i := strings.IndexAny(msg, "\"'`"); i >= 0 {
		msg = msg[:i]
	}
	if i := strings.Index(msg, " near "); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return "not a valid .env line"
	}
	return msg
}

// parseDuration accepts Go durations ("3s", "1m30s") and plain numbers of
// seconds ("3"), which is what people tend to write in .env files.
func parseDuration(v string) (time.Duration, error) {
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		// NaN, infinities and values past ~292 years have no Duration;
		// converting them is implementation-defined (NaN becomes 0, "off",
		// on arm64), so refuse them.
		if math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) > float64(math.MaxInt64)/float64(time.Second) {
			return 0, errors.New("out of range")
		}
		return time.Duration(n * float64(time.Second)), nil
	}
	return time.ParseDuration(v)
}

// isSnowflake reports whether v looks like a Discord ID: 1 to 20 digits.
func isSnowflake(v string) bool {
	if v == "" || len(v) > 20 {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isPort reports whether p is a TCP port number.
func isPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535
}

// show quotes a bad value for an error message, shortened so a pasted
// blob cannot flood the log. A value shaped like a bot token is not shown
// at all: a token pasted into the wrong variable while DISCORD_TOKEN is
// empty is exactly the case redact cannot catch.
func show(v string) string {
	if tokenShapeRE.MatchString(v) {
		return "a value shaped like a bot token (not shown)"
	}
	r := []rune(v)
	if len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	return strconv.Quote(v)
}

// tokenShapeRE matches what a Discord bot token looks like: three
// base64url parts separated by dots, anywhere in a value.
var tokenShapeRE = regexp.MustCompile(`[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}`)

// redact removes the token from an error message. Only a value pasted into
// the wrong variable could put it there, but the token must never reach a
// log, so the error is checked rather than trusted.
func redact(err error, tok Secret) error {
	if err == nil || tok == "" {
		return err
	}
	msg := err.Error()
	t := tok.Reveal()
	out := strings.ReplaceAll(msg, t, redacted)
	if r := []rune(t); len(r) > 40 { // show() keeps the first 40 runes
		out = strings.ReplaceAll(out, string(r[:40]), redacted)
	}
	if out == msg {
		return err
	}
	return errors.New(out)
}
