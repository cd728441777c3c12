//go:build !linux

package tui

import "testing"

// reportThreadCPU only runs loop where a thread's CPU time is not at hand.
func reportThreadCPU(b *testing.B, loop func()) { loop() }
