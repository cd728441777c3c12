//go:build !unix

package core

// processCPUSeconds reports 0: CPU time is not read on this platform, and
// the benchmarks then report wall-clock figures only.
func processCPUSeconds() float64 { return 0 }
