//go:build !amd64 || purego

package core

// hasVectorAsm is false: dot and axpy run in Go on this architecture.
const hasVectorAsm = false

func dotAVX2(n int, x, y *float32) float32 { panic("core: dotAVX2 without assembly") }

func axpyAVX2(n int, alpha float32, x, y *float32) { panic("core: axpyAVX2 without assembly") }
