//go:build !unix

package bench

import "time"

// processCPU is not measured outside Unix.
func processCPU() time.Duration { return 0 }
