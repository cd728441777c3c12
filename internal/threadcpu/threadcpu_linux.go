package threadcpu

import (
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// Report runs loop with the goroutine pinned to its thread and reports that
// thread's CPU time per iteration as cpu-ns/op.
func Report(b *testing.B, loop func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := threadNanos()
	loop()
	if b.N > 0 {
		b.ReportMetric(float64(threadNanos()-before)/float64(b.N), "cpu-ns/op")
	}
}

func threadNanos() int64 {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_THREAD, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
