//go:build !amd64 || purego

package core

// bestKernel is the micro-kernel Gemm uses on this architecture.
var bestKernel = genericKernel

// gemmKernels lists every micro-kernel this machine can run, for tests and
// benchmarks.
var gemmKernels = []*gemmKernel{genericKernel}
