package main

import (
	"fmt"
	"io"
)

// runBot connects to Discord and serves until SIGTERM.
func runBot(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "run: not implemented yet")
	return 1
}
