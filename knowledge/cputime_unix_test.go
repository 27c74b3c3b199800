//go:build unix

package knowledge

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system, so
// benchmarks can report work done on a machine where wall time depends
// on what else runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
