//go:build amd64 && !purego

package core

import "golang.org/x/sys/cpu"

// hasOptimAsm reports whether the optimisers may use their AVX2 loops.
var hasOptimAsm = cpu.X86.HasAVX2

// adamAVX2 runs Adam.stepRange's loop over n parameters (a multiple of 8).
//
//go:noescape
func adamAVX2(n int, params, grads, m, s *float32, c *optimConsts)

// sgdAVX2 runs SGD.stepRange's loop over n parameters (a multiple of 8).
//
//go:noescape
func sgdAVX2(n int, params, grads, v *float32, c *optimConsts)

// zeroProductSumAVX2 returns Σ x[i]·0 over n values (a multiple of 8).
//
//go:noescape
func zeroProductSumAVX2(n int, x *float32) float32

// addToAVX2 sets dst[i] += src[i] for n values (a multiple of 8).
//
//go:noescape
func addToAVX2(n int, dst, src *float32)
