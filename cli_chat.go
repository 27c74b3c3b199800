package main

import (
	"fmt"
	"io"
)

// cmdChat runs the bot's handlers in the terminal.
func cmdChat(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "chat: not implemented yet")
	return 1
}
