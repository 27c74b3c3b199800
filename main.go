// Command citebot is a Discord bot that answers questions about a library of
// news articles with cited excerpts. Run without arguments it connects to
// Discord; its subcommands give the same answers in a terminal with no token.
//
// main is the only place that wires the program together: it reads the
// environment once, builds the library and hands both to the packages that
// need them.
package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// seeds is the built-in library, embedded so the binary needs no files
// beside it.
//
//go:embed seeds/*.txt
var seeds embed.FS

// builtinFS returns the built-in articles as a folder.
func builtinFS() fs.FS {
	sub, err := fs.Sub(seeds, "seeds")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder exists
	}
	return sub
}

const usage = `citebot answers questions about news articles with cited excerpts.

Usage:
  citebot                      connect to Discord (needs DISCORD_TOKEN)
  citebot ask [--json] [--content DIR] QUESTION
  citebot quotes [--json] [--content DIR] PERSON
  citebot index --json [--content DIR]
  citebot eval [--content DIR] FILE | --quotes DIR
  citebot chat [--content DIR]  talk to the bot's handlers in the terminal
  citebot health               probe the running bot's /healthz on HTTP_ADDR

Without --content (or CONTENT_DIR) the built-in library is used.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// run is main without the process: it returns the exit code so tests can
// call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		return runBot(args, stdout, stderr, getenv)
	}
	switch args[0] {
	case "ask":
		return cmdAsk(args[1:], stdin, stdout, stderr, getenv)
	case "quotes":
		return cmdQuotes(args[1:], stdout, stderr, getenv)
	case "index":
		return cmdIndex(args[1:], stdout, stderr, getenv)
	case "eval":
		return cmdEval(args[1:], stdout, stderr, getenv)
	case "chat":
		return cmdChat(args[1:], stdin, stdout, stderr, getenv)
	case "health":
		return cmdHealth(args[1:], stdout, stderr, getenv)
	case "run", "serve":
		return runBot(args[1:], stdout, stderr, getenv)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "citebot: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}
