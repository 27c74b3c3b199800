package main

import (
	"io/fs"
	"os"
	"slices"
	"testing"
)

// TestBuiltinLibraryEmbedsEverySeed guards the embed pattern: every file in
// seeds/ must be inside the binary, or the container image (which also
// copies seeds/ into its library volume) and a bare `citebot ask` would
// answer from different libraries.
func TestBuiltinLibraryEmbedsEverySeed(t *testing.T) {
	onDisk, err := fs.Glob(os.DirFS("seeds"), "*")
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := fs.Glob(builtinFS(), "*")
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk) == 0 {
		t.Fatal("got no files in seeds/; want the built-in articles")
	}
	if !slices.Equal(embedded, onDisk) {
		t.Errorf("got embedded %q; want every file of seeds/: %q", embedded, onDisk)
	}
}
