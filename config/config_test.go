package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// token is a made-up token shaped like a real one.
const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"

// env returns a getenv over the given pairs.
func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatalf("Load(empty) = %v; want no error", err)
	}
	want := Config{
		LogLevel: slog.LevelInfo, ShardCount: 1, MaxUploadBytes: 2 << 20,
		UserCooldown: 3 * time.Second, ChannelCooldown: time.Second, ReloadInterval: 30 * time.Second,
		NoteDeleteAfter: 10 * time.Second,
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load(empty) = %+v; want %+v", c, want)
	}
	if err := c.RequireToken(); err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("RequireToken() without a token = %v; want an error naming DISCORD_TOKEN", err)
	}
}

func TestLoadValues(t *testing.T) {
	c, err := Load(env(map[string]string{
		"DISCORD_TOKEN":        " Bot " + token + "\n",
		"DISCORD_GUILD_ID":     "123456789012345678",
		"CONTENT_DIR":          "/srv/articles",
		"MOD_ROLE_IDS":         "1, 2,,3",
		"LISTEN_CHANNEL_IDS":   "44",
		"LOG_LEVEL":            "DEBUG",
		"HTTP_ADDR":            ":8080",
		"SHARD_ID":             "2",
		"SHARD_COUNT":          "4",
		"DISCORD_API_URL":      "http://127.0.0.1:1234/",
		"AUDIT_CHANNEL_ID":     "55",
		"ALLOW_PRIVATE_URLS":   "true",
		"MAX_UPLOAD_BYTES":     "1024",
		"ASK_COOLDOWN_USER":    "0",
		"ASK_COOLDOWN_CHANNEL": "1.5",
		"RELOAD_INTERVAL":      "1m",
		"NOTE_DELETE_AFTER":    "0",
	}))
	if err != nil {
		t.Fatalf("Load = %v; want no error", err)
	}
	want := Config{
		Token: token, GuildID: "123456789012345678", ContentDir: "/srv/articles",
		ModRoleIDs: []string{"1", "2", "3"}, ListenChannelIDs: []string{"44"}, LogLevel: slog.LevelDebug,
		HTTPAddr: ":8080", ShardID: 2, ShardCount: 4, APIURL: "http://127.0.0.1:1234", AuditChannelID: "55",
		AllowPrivateURLs: true, MaxUploadBytes: 1024, UserCooldown: 0, ChannelCooldown: 1500 * time.Millisecond,
		ReloadInterval: time.Minute, NoteDeleteAfter: 0,
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load = %#v; want %#v", c, want)
	}
	if c.Token.Reveal() != token {
		t.Errorf("Reveal() = %q; want the token without \"Bot \" or spaces", c.Token.Reveal())
	}
	if err := c.RequireToken(); err != nil {
		t.Errorf("RequireToken() = %v; want nil", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, value string
		want        string
	}{
		{"SHARD_ID", "abc", `SHARD_ID is "abc", not a whole number`},
		{"SHARD_ID", "-1", "SHARD_ID is -1; want at least 0"},
		{"SHARD_ID", "1", "SHARD_ID is 1; want less than SHARD_COUNT (1)"},
		{"SHARD_COUNT", "0", "SHARD_COUNT is 0; want at least 1"},
		{"LOG_LEVEL", "loud", `LOG_LEVEL is "loud"; want debug, info, warn or error`},
		{"HTTP_ADDR", "8080", `HTTP_ADDR is "8080"; want host:port`},
		{"HTTP_ADDR", ":99999", `HTTP_ADDR is ":99999"`},
		{"DISCORD_GUILD_ID", "my-guild", `DISCORD_GUILD_ID is "my-guild", not a Discord ID`},
		{"MOD_ROLE_IDS", "1,moderators", `MOD_ROLE_IDS contains "moderators"`},
		{"LISTEN_CHANNEL_IDS", "#general", `LISTEN_CHANNEL_IDS contains "#general"`},
		{"AUDIT_CHANNEL_ID", "x", `AUDIT_CHANNEL_ID is "x"`},
		{"DISCORD_API_URL", "localhost:1234", `DISCORD_API_URL is "localhost:1234"; want an http or https base URL`},
		{"DISCORD_API_URL", "ftp://x", `DISCORD_API_URL is "ftp://x"`},
		{"ALLOW_PRIVATE_URLS", "maybe", `ALLOW_PRIVATE_URLS is "maybe"; want true or false`},
		{"MAX_UPLOAD_BYTES", "-5", `MAX_UPLOAD_BYTES is "-5"; want a positive number of bytes`},
		{"MAX_UPLOAD_BYTES", "2MB", `MAX_UPLOAD_BYTES is "2MB"`},
		{"ASK_COOLDOWN_USER", "soon", `ASK_COOLDOWN_USER is "soon"; want a duration such as 3s or 500ms (0 disables it)`},
		{"ASK_COOLDOWN_CHANNEL", "-1s", `ASK_COOLDOWN_CHANNEL is "-1s"`},
		{"RELOAD_INTERVAL", "0", `RELOAD_INTERVAL is "0"; want a duration such as 3s or 500ms`},
		{"ASK_COOLDOWN_USER", "NaN", `ASK_COOLDOWN_USER is "NaN"`},
		{"ASK_COOLDOWN_USER", "Inf", `ASK_COOLDOWN_USER is "Inf"`},
		{"ASK_COOLDOWN_CHANNEL", "1e300", `ASK_COOLDOWN_CHANNEL is "1e300"`},
		{"RELOAD_INTERVAL", "1e10", `RELOAD_INTERVAL is "1e10"`},
		{"NOTE_DELETE_AFTER", "-2s", `NOTE_DELETE_AFTER is "-2s"; want a duration such as 3s or 500ms (0 disables it)`},
		{"NOTE_DELETE_AFTER", "later", `NOTE_DELETE_AFTER is "later"`},
		{"DISCORD_TOKEN", "abc def", "DISCORD_TOKEN is malformed"},
		{"SHARD_ID", strings.Repeat("9", 100), `SHARD_ID is "9999999999999999999999999999999999999999…"`},
	}
	for _, tt := range tests {
		_, err := Load(env(map[string]string{tt.name: tt.value}))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s=%q: got error %v; want one containing %q", tt.name, tt.value, err, tt.want)
		}
		if err != nil && strings.Count(err.Error(), "\n") != 0 {
			t.Errorf("%s=%q: got %q; want exactly one message", tt.name, tt.value, err)
		}
	}
	_, err := Load(env(map[string]string{"SHARD_ID": "x", "LOG_LEVEL": "y"}))
	if err == nil || !strings.Contains(err.Error(), "SHARD_ID") || !strings.Contains(err.Error(), "LOG_LEVEL") {
		t.Errorf("two bad variables: got %v; want both named in one error", err)
	}
}

// TestTokenNeverShown checks the token stays out of errors and logs, even
// when it is pasted into the wrong variable.
func TestTokenNeverShown(t *testing.T) {
	for _, vars := range []map[string]string{
		{"DISCORD_TOKEN": token, "SHARD_ID": "x"},
		{"DISCORD_TOKEN": token, "SHARD_ID": token},
		{"DISCORD_TOKEN": token, "DISCORD_GUILD_ID": token, "LOG_LEVEL": token},
	} {
		_, err := Load(env(vars))
		if err == nil {
			t.Fatalf("Load(%v) = nil; want an error", vars)
		}
		if strings.Contains(err.Error(), token[:20]) {
			t.Errorf("error %q contains the token", err)
		}
	}

	c, err := Load(env(map[string]string{"DISCORD_TOKEN": token}))
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("start", "config", c)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("start", "config", c, "token", c.Token)
	outputs := map[string]string{
		"slog text": text.String(),
		"slog json": js.String(),
		"%v":        fmt.Sprintf("%v", c),
		"%+v":       fmt.Sprintf("%+v", c),
		"%#v":       fmt.Sprintf("%#v", c),
		"%s token":  fmt.Sprint(c.Token),
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs["json"] = string(b)
	for how, out := range outputs {
		if strings.Contains(out, token[:20]) {
			t.Errorf("%s shows the token: %s", how, out)
		}
		if !strings.Contains(out, "[redacted]") {
			t.Errorf("%s = %s; want [redacted] in place of the token", how, out)
		}
	}
}

func TestWithDotEnv(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, ".env")
	if err := os.WriteFile(good, []byte("# comment\nSHARD_COUNT=4\nLOG_LEVEL=\"debug\"\nCONTENT_DIR=/from/file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	getenv, err := WithDotEnv(env(map[string]string{"CONTENT_DIR": "/from/env"}), good)
	if err != nil {
		t.Fatalf("WithDotEnv = %v; want nil", err)
	}
	tests := []struct{ name, want string }{
		{"CONTENT_DIR", "/from/env"},
		{"SHARD_COUNT", "4"},
		{"LOG_LEVEL", "debug"},
		{"UNSET", ""},
	}
	for _, tt := range tests {
		if got := getenv(tt.name); got != tt.want {
			t.Errorf("getenv(%s) = %q; want %q", tt.name, got, tt.want)
		}
	}
	if os.Getenv("SHARD_COUNT") == "4" {
		t.Errorf(".env leaked into the process environment; want it parsed, not loaded with godotenv.Load")
	}

	getenv, err = WithDotEnv(env(map[string]string{"A": "b"}), filepath.Join(dir, "missing.env"))
	if err != nil || getenv("A") != "b" {
		t.Errorf("missing .env: got %v, A=%q; want no error and the environment", err, getenv("A"))
	}

	bad := filepath.Join(dir, "bad.env")
	if err := os.WriteFile(bad, []byte("GOOD=1\nTHIS LINE IS NOT A VARIABLE\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := WithDotEnv(env(nil), bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("malformed .env: got %v; want an error naming %s", err, bad)
	}
}

// TestSecretsInOtherVariables checks a token pasted into the wrong variable
// (with DISCORD_TOKEN empty, so there is nothing to redact against) and a
// proxy password in DISCORD_API_URL never reach an error or the start-up
// log line.
func TestSecretsInOtherVariables(t *testing.T) {
	for _, vars := range []map[string]string{
		{"DISCORD_GUILD_ID": token},
		{"MOD_ROLE_IDS": "123," + token},
		{"LOG_LEVEL": "Bot " + token},
		{"DISCORD_API_URL": token},
	} {
		_, err := Load(env(vars))
		if err == nil {
			t.Fatalf("Load(%v) = nil; want an error", vars)
		}
		if strings.Contains(err.Error(), token[:20]) {
			t.Errorf("Load(%v) error %q shows the token; want it hidden", vars, err)
		}
	}
	const password = "hunter2hunter2"
	c, err := Load(env(map[string]string{"DISCORD_API_URL": "http://citebot:" + password + "@proxy.internal:8080"}))
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	slog.New(slog.NewTextHandler(&log, nil)).Info("start", "config", c)
	if strings.Contains(log.String(), password) || !strings.Contains(log.String(), "proxy.internal:8080") {
		t.Errorf("start-up log %q; want the proxy address without its password", log.String())
	}
	if c.APIURL != "http://citebot:"+password+"@proxy.internal:8080" {
		t.Errorf("APIURL = %q; want the URL as given, for the transport", c.APIURL)
	}
	_, err = Load(env(map[string]string{"DISCORD_API_URL": "ftp://citebot:" + password + "@proxy"}))
	if err == nil || strings.Contains(err.Error(), password) {
		t.Errorf("bad DISCORD_API_URL: got %v; want an error without the password", err)
	}
}

// TestParseDurationRange checks numbers with no Duration are errors, not
// whatever the platform's float conversion makes of them (NaN is 0, "off",
// on arm64 and a negative number on amd64).
func TestParseDurationRange(t *testing.T) {
	for _, v := range []string{"NaN", "Inf", "-Inf", "1e300", "1e10"} {
		if d, err := parseDuration(v); err == nil {
			t.Errorf("parseDuration(%q) = %v, nil; want an error", v, d)
		}
	}
	for v, want := range map[string]time.Duration{"3": 3 * time.Second, "0.5": 500 * time.Millisecond, "1m30s": 90 * time.Second} {
		if d, err := parseDuration(v); err != nil || d != want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", v, d, err, want)
		}
	}
}

// TestDotEnvErrorsHideValues writes malformed .env files that hold the
// token and checks the error names the file and the bad line but never
// shows the token: godotenv's own messages quote the file from the bad line
// on, and serveBot prints the error to stderr.
func TestDotEnvErrorsHideValues(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, wantLine string
	}{
		{"unterminated quote", "LOG_LEVEL=info\nDISCORD_TOKEN=\"" + token + "\nSHARD_COUNT=1\n", "line 2:"},
		{"bad name before the token", "LOG_LEVEL=info\nBAD-NAME=1\nDISCORD_TOKEN=" + token + "\n", "line 2:"},
		{"bad first line", "not a variable\nDISCORD_TOKEN=" + token + "\n", "line 1:"},
		{"multi-line value, then a bad line", "A=\"one\ntwo\"\nDISCORD_TOKEN=" + token + "\nB-C=1\n", "line 4:"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".env")
		if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := WithDotEnv(env(nil), path)
		if err == nil {
			t.Errorf("%s: got no error; want the file refused", tt.name)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, token) || strings.Contains(msg, token[:20]) {
			t.Errorf("%s: error %q shows the token; want it hidden", tt.name, msg)
		}
		if !strings.Contains(msg, path) || !strings.Contains(msg, tt.wantLine) {
			t.Errorf("%s: error %q; want it to name %s and %q", tt.name, msg, path, tt.wantLine)
		}
	}
}
