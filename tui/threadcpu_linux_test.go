package tui

import (
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// reportThreadCPU runs loop with the goroutine pinned to its thread and
// reports that thread's CPU time per iteration as cpu-ns/op, a figure the
// other processes on a shared machine do not inflate as they do ns/op.
func reportThreadCPU(b *testing.B, loop func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := threadCPU()
	loop()
	if b.N > 0 {
		b.ReportMetric(float64(threadCPU()-before)/float64(b.N), "cpu-ns/op")
	}
}

func threadCPU() int64 {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_THREAD, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
