//go:build !linux

package threadcpu

import "testing"

// Report only runs loop where a thread's CPU time is not at hand.
func Report(b *testing.B, loop func()) { loop() }
