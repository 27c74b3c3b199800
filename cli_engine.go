package main

import (
	"fmt"
	"io"
)

// cmdAsk answers questions from the command line.
func cmdAsk(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "ask: not implemented yet")
	return 1
}

// cmdQuotes lists a person's quotes.
func cmdQuotes(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "quotes: not implemented yet")
	return 1
}

// cmdIndex prints what the library extracted.
func cmdIndex(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "index: not implemented yet")
	return 1
}

// cmdEval scores the library against an evaluation file.
func cmdEval(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "eval: not implemented yet")
	return 1
}
