package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// unit is a parsed systemd unit file: section, then key, then every value
// assigned to it in order (systemd keys may repeat).
type unit map[string]map[string][]string

// parseUnit reads a unit file as systemd's INI dialect: [Section] headers,
// Key=Value lines, # and ; comments, and backslash line continuations.
func parseUnit(data []byte) (unit, error) {
	u := unit{}
	var section string
	sc := bufio.NewScanner(bytes.NewReader(data))
	var pending string
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if pending == "" && (line == "" || line[0] == '#' || line[0] == ';') {
			continue
		}
		if strings.HasSuffix(line, `\`) {
			pending += strings.TrimSuffix(line, `\`) + " "
			continue
		}
		line, pending = pending+line, ""
		if strings.HasPrefix(line, "[") {
			if !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("line %d: unterminated section header %q", n, line)
			}
			section = line[1 : len(line)-1]
			if u[section] == nil {
				u[section] = map[string][]string{}
			}
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: %q is not Key=Value", n, line)
		}
		if section == "" {
			return nil, fmt.Errorf("line %d: %q is outside any section", n, line)
		}
		key = strings.TrimSpace(key)
		u[section][key] = append(u[section][key], strings.TrimSpace(value))
	}
	if pending != "" {
		return nil, errors.New("file ends inside a line continuation")
	}
	return u, sc.Err()
}

// hardening lists the [Service] settings the unit must keep, with the value
// each must have. A value of "" means the key must be assigned empty (for
// CapabilityBoundingSet, "no capabilities at all"); "?" means any
// non-empty value.
var hardening = []struct{ key, want string }{
	{"ExecStart", "?"},
	{"EnvironmentFile", "?"},
	{"DynamicUser", "yes"},
	{"StateDirectory", "citebot"},
	{"ProtectSystem", "strict"},
	{"ProtectHome", "yes"},
	{"PrivateTmp", "yes"},
	{"PrivateDevices", "yes"},
	{"NoNewPrivileges", "yes"},
	{"CapabilityBoundingSet", ""},
	{"RestrictAddressFamilies", "?"},
	{"SystemCallFilter", "@system-service"},
	{"SystemCallArchitectures", "native"},
	{"MemoryDenyWriteExecute", "yes"},
	{"LockPersonality", "yes"},
	{"RestrictNamespaces", "yes"},
	{"RestrictRealtime", "yes"},
	{"RestrictSUIDSGID", "yes"},
	{"ProtectKernelTunables", "yes"},
	{"ProtectKernelModules", "yes"},
	{"ProtectControlGroups", "yes"},
	{"Restart", "on-failure"},
}

// checkSystemd parses the unit, checks its hardening and where the library
// lives, and runs systemd-analyze verify when the machine has it.
func checkSystemd(path string) []error {
	data, err := os.ReadFile(path)
	if err != nil {
		return []error{err}
	}
	u, err := parseUnit(data)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", path, err)}
	}
	var errs []error
	fail := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{path}, a...)...))
	}
	svc := u["Service"]
	if svc == nil {
		fail("no [Service] section")
		return errs
	}
	for _, h := range hardening {
		vals, ok := svc[h.key]
		switch {
		case !ok:
			fail("[Service] %s is missing; want %s=%s", h.key, h.key, h.want)
		case h.want == "?" && vals[len(vals)-1] == "":
			fail("[Service] %s is empty", h.key)
		case h.want != "?" && !containsValue(vals, h.want):
			fail("got [Service] %s=%s; want %s=%s", h.key, strings.Join(vals, " / "), h.key, h.want)
		}
	}
	if len(u["Install"]["WantedBy"]) == 0 {
		fail("[Install] WantedBy is missing, so `systemctl enable` does nothing")
	}

	// ProtectSystem=strict leaves only the state directory writable, so the
	// library must live there or moderators' changes fail to save.
	state := "/var/lib/" + lastValue(svc["StateDirectory"])
	var dir string
	for _, env := range svc["Environment"] {
		for _, kv := range strings.Fields(env) {
			if v, ok := strings.CutPrefix(strings.Trim(kv, `"`), "CONTENT_DIR="); ok {
				dir = strings.ReplaceAll(v, "%S", "/var/lib")
			}
		}
	}
	if dir != state && !strings.HasPrefix(dir, state+"/") {
		fail("got CONTENT_DIR %q; want it inside the state directory %s, the only writable place", dir, state)
	}

	if err := verifyUnit(path, data); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// containsValue reports whether want is among the values (for lists such
// as SystemCallFilter, among the words of a value). Empty want matches an
// empty assignment.
func containsValue(vals []string, want string) bool {
	for _, v := range vals {
		if v == want || (want != "" && strings.Contains(" "+v+" ", " "+want+" ")) {
			return true
		}
	}
	return false
}

// lastValue is the value systemd uses for a key assigned more than once.
func lastValue(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return vals[len(vals)-1]
}

// execStartLine matches the ExecStart line, so verification can point it at
// a program that exists on this machine.
var execStartLine = regexp.MustCompile(`(?m)^ExecStart=.*$`)

// verifyUnit runs `systemd-analyze verify` on a copy of the unit whose
// ExecStart names this program (verify insists that the binary exists) and
// fails on any complaint, such as an unknown key or system call group,
// which systemd itself would only warn about and then ignore. Without
// systemd-analyze it does nothing: the INI checks still ran.
func verifyUnit(path string, data []byte) error {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		return nil
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "unit")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, filepath.Base(path))
	data = execStartLine.ReplaceAll(data, []byte("ExecStart="+self))
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		return err
	}
	out, err := exec.Command(analyze, "verify", copyPath).CombinedOutput()
	msg := strings.TrimSpace(strings.ReplaceAll(string(out), copyPath, path))
	if err != nil || msg != "" {
		return fmt.Errorf("systemd-analyze verify %s: %s (%v)", path, msg, err)
	}
	return nil
}
