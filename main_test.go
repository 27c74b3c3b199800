package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunUnknownCommand(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"frobnicate"}, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	if code != 2 {
		t.Errorf("got exit code %d; want 2", code)
	}
	if !strings.Contains(errb.String(), `unknown command "frobnicate"`) {
		t.Errorf("got stderr %q; want it to name the unknown command", errb.String())
	}
}
