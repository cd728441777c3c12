//go:build !linux

package widgets

import "testing"

// reportThreadCPU only runs loop where a thread's CPU time is not at hand.
func reportThreadCPU(b *testing.B, loop func()) { loop() }
