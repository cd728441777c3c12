//go:build amd64 && !purego

package core

import "golang.org/x/sys/cpu"

//go:generate go run gemm_gen.go

// avx512Func is the signature of the generated AVX-512 kernels (see
// gemmKernel.tile); masks enables columns, low 16 bits for the first
// vector, high 16 bits for the second.
type avx512Func func(kc int, a *float32, aStep int, b *float32, bStep int,
	c *float32, ldc int, alpha, beta float32, masks uint32)

// avx512Kernel holds a tile of avx512Rows×32 values of c in 16 zmm
// registers; panels of at most 16 columns use the one-vector kernels.
var avx512Kernel = &gemmKernel{
	name: "avx512", mr: avx512Rows, nr: 32, narrow: 16,
	mc: 128, kc: 256, nc: 1024,
	directLimit: 512 * 512 * 512,
	maskedEdges: true,
	tile:        avx512Tile,
	packRows:    avx512PackRows,
	packCols:    avx512PackCols,
}

// avx2Func is the signature of the generated AVX2 kernels (see
// gemmKernel.tile); they compute full 16-column tiles.
type avx2Func func(kc int, a *float32, aStep int, b *float32, bStep int,
	c *float32, ldc int, alpha, beta float32)

// avx2Kernel holds a 6×16 tile of c in 12 ymm registers.
var avx2Kernel = &gemmKernel{
	name: "avx2", mr: avx2Rows, nr: 16,
	mc: 120, kc: 256, nc: 1024,
	directLimit: 512 * 512 * 512,
	tile:        avx2Tile,
	packCols:    avx2PackCols,
}

// bestKernel is the micro-kernel Gemm uses on this machine.
var bestKernel = genericKernel

// gemmKernels lists every micro-kernel this machine can run, for tests and
// benchmarks.
var gemmKernels = []*gemmKernel{genericKernel}

// hasVectorAsm reports whether dot and axpy may use their AVX2 assembly.
var hasVectorAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// dotAVX2 returns Σ x[i]·y[i] for n a multiple of 8; see gemm_vec_amd64.s.
//
//go:noescape
func dotAVX2(n int, x, y *float32) float32

// axpyAVX2 sets y[i] += alpha·x[i] for n a multiple of 8.
//
//go:noescape
func axpyAVX2(n int, alpha float32, x, y *float32)

func init() {
	if hasVectorAsm {
		gemmKernels = append(gemmKernels, avx2Kernel)
		bestKernel = avx2Kernel
	}
	if cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL {
		gemmKernels = append(gemmKernels, avx512Kernel)
		bestKernel = avx512Kernel
	}
}

// avx512Tile is gemmKernel.tile for avx512Kernel. Edge tiles need no copy:
// the row count picks the kernel and the column count the load and store
// masks, so direct views are read only inside their bounds.
func avx512Tile(kc int, a []float32, aStep int, aRows bool, b []float32, bStep int,
	c []float32, ldc, rows, cols int, alpha, beta float32) {
	kernels := &avx512C32
	switch {
	case cols <= 16 && aRows:
		kernels = &avx512C16Rows
	case cols <= 16:
		kernels = &avx512C16
	case aRows:
		kernels = &avx512C32Rows
	}
	masks := uint32(uint64(1)<<cols - 1)
	if aRows {
		_ = a[(rows-1)*aStep+kc-1]
	} else {
		_ = a[(kc-1)*aStep+rows-1]
	}
	_, _ = b[(kc-1)*bStep+cols-1], c[(rows-1)*ldc+cols-1]
	kernels[rows-1](kc, &a[0], aStep, &b[0], bStep, &c[0], ldc, alpha, beta, masks)
}

// avx2Tile is gemmKernel.tile for avx2Kernel. The row count picks the
// kernel; a tile narrower than 16 columns (whose B panel the driver has
// packed, zero-padded) is computed into a scratch tile and merged in Go.
func avx2Tile(kc int, a []float32, aStep int, aRows bool, b []float32, bStep int,
	c []float32, ldc, rows, cols int, alpha, beta float32) {
	kernels := &avx2C16
	if aRows {
		kernels = &avx2C16Rows
		_ = a[(rows-1)*aStep+kc-1]
	} else {
		_ = a[(kc-1)*aStep+rows-1]
	}
	_ = b[(kc-1)*bStep+15]
	if cols == 16 {
		_ = c[(rows-1)*ldc+15]
		kernels[rows-1](kc, &a[0], aStep, &b[0], bStep, &c[0], ldc, alpha, beta)
		return
	}
	var scratch [avx2Rows * 16]float32
	kernels[rows-1](kc, &a[0], aStep, &b[0], bStep, &scratch[0], 16, 1, 0)
	mergeTile(scratch[:], 16, c, ldc, rows, cols, alpha, beta)
}

// gatherLimit bounds the row stride of a gathered panel: its 32-bit gather
// offsets, up to 31·stride, must not overflow.
const gatherLimit = (1 << 31) / 32

// avx512PackRows is gemmKernel.packRows for avx512Kernel.
func avx512PackRows(dst, src []float32, lda, rows, mr, kc int) {
	if lda >= gatherLimit || mr != avx512Rows {
		packRowsGo(dst, src, lda, rows, avx512Rows, kc)
		return
	}
	var idx [16]int32
	for i := range rows {
		idx[i] = int32(i * lda)
	}
	_, _ = dst[kc*avx512Rows-1], src[(rows-1)*lda+kc-1]
	packRowsAVX512(&dst[0], &src[0], uint32(1)<<rows-1, kc, &idx[0])
}

// avx512PackCols is gemmKernel.packCols for avx512Kernel.
func avx512PackCols(dst, src []float32, ldb, cols, stride, kc int) {
	if ldb >= gatherLimit {
		packColsGo(dst, src, ldb, cols, stride, kc)
		return
	}
	var idx [32]int32
	for j := range cols {
		idx[j] = int32(j * ldb)
	}
	_, _ = dst[kc*stride-1], src[(cols-1)*ldb+kc-1]
	packColsAVX512(&dst[0], &src[0], uint32(uint64(1)<<cols-1), stride, kc, &idx[0])
}

// avx2PackCols is gemmKernel.packCols for avx2Kernel.
func avx2PackCols(dst, src []float32, ldb, cols, stride, kc int) {
	if ldb >= gatherLimit || stride != 16 {
		packColsGo(dst, src, ldb, cols, stride, kc)
		return
	}
	var idx, lanes [16]int32
	for j := range cols {
		idx[j], lanes[j] = int32(j*ldb), -1
	}
	_, _ = dst[kc*16-1], src[(cols-1)*ldb+kc-1]
	packColsAVX2(&dst[0], &src[0], kc, &idx[0], &lanes[0])
}

// packColsAVX2 gathers rows of b into one 16-wide B panel; see
// gemm_pack_amd64.s.
//
//go:noescape
func packColsAVX2(dst, src *float32, kc int, idx, lanes *int32)

// packRowsAVX512 gathers rows of a into one A panel; see gemm_pack_amd64.s.
//
//go:noescape
func packRowsAVX512(dst, src *float32, rowMask uint32, kc int, idx *int32)

// packColsAVX512 gathers rows of b into one B panel; see gemm_pack_amd64.s.
//
//go:noescape
func packColsAVX512(dst, src *float32, colMask uint32, stride, kc int, idx *int32)
