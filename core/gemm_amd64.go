//go:build amd64 && !purego

package core

import "golang.org/x/sys/cpu"

//go:generate go run gemm_gen.go

// avx512Func is the signature of the generated AVX-512 kernels: a tile of
// packed panels a and b merged into c (row stride ldc, in values), columns
// enabled by masks (low 16 bits: first vector, high 16 bits: second).
type avx512Func func(kc int, a, b, c *float32, ldc int, alpha, beta float32, masks uint32)

// avx512Kernel holds a tile of avx512Rows×32 values of c in 16 zmm
// registers; panels of at most 16 columns use the one-vector kernels.
var avx512Kernel = &gemmKernel{
	name: "avx512", mr: avx512Rows, nr: 32, narrow: 16,
	mc: 128, kc: 256, nc: 1024,
	tile: avx512Tile,
}

// avx2Kernel holds a 6×16 tile of c in 12 ymm registers.
var avx2Kernel = &gemmKernel{
	name: "avx2", mr: avx2Rows, nr: 16,
	mc: 120, kc: 256, nc: 1024,
	tile: avx2Tile,
}

// bestKernel is the micro-kernel Gemm uses on this machine.
var bestKernel = genericKernel

// gemmKernels lists every micro-kernel this machine can run, for tests and
// benchmarks.
var gemmKernels = []*gemmKernel{genericKernel}

func init() {
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		gemmKernels = append(gemmKernels, avx2Kernel)
		bestKernel = avx2Kernel
	}
	if cpu.X86.HasAVX512F {
		gemmKernels = append(gemmKernels, avx512Kernel)
		bestKernel = avx512Kernel
	}
}

// avx512Tile is gemmKernel.tile for avx512Kernel. Edge tiles need no copy:
// the row count picks the kernel and the column count the store masks.
func avx512Tile(kc int, a, b, c []float32, ldc, rows, cols int, alpha, beta float32) {
	kernels := &avx512Wide
	if cols <= 16 {
		kernels = &avx512Narrow
	}
	masks := uint32(uint64(1)<<cols - 1)
	_ = a[kc*avx512Rows-1]
	kernels[rows-1](kc, &a[0], &b[0], &c[0], ldc, alpha, beta, masks)
}

// avx2Tile is gemmKernel.tile for avx2Kernel. A full tile is merged into c
// in place; an edge tile is computed into a scratch tile and merged in Go.
func avx2Tile(kc int, a, b, c []float32, ldc, rows, cols int, alpha, beta float32) {
	_, _ = a[kc*avx2Rows-1], b[kc*16-1]
	if rows == avx2Rows && cols == 16 {
		gemmAVX2R6C16(kc, &a[0], &b[0], &c[0], ldc, alpha, beta)
		return
	}
	var scratch [avx2Rows * 16]float32
	gemmAVX2R6C16(kc, &a[0], &b[0], &scratch[0], 16, 1, 0)
	mergeTile(scratch[:], 16, c, ldc, rows, cols, alpha, beta)
}
