//go:build !unix

package librarian

// lockDir is a no-op where flock is missing; the in-process mutex still
// serialises writes of one process.
func lockDir(dir string) (func(), error) { return func() {}, nil }
