//go:build unix

package core

import "syscall"

// processCPUSeconds returns the CPU time (user + system) this process has
// used, or 0 if it cannot be read. Benchmarks divide work by it as well as
// by wall time: on a shared machine CPU time is far less noisy.
func processCPUSeconds() float64 {
	var usage syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &usage) != nil {
		return 0
	}
	seconds := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return seconds(usage.Utime) + seconds(usage.Stime)
}
