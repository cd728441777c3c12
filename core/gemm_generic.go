package core

// genericKernel is the portable micro-kernel: a 4×4 tile held in sixteen
// scalar accumulators, which the Go compiler keeps in registers.
var genericKernel = &gemmKernel{
	name: "generic", mr: 4, nr: 4,
	mc: 128, kc: 256, nc: 1024,
	tile: genericTile,
}

// genericTile is gemmKernel.tile for genericKernel.
// It reads packed panels only (a 4-wide, b 4-wide).
func genericTile(kc int, a []float32, aStep int, aRows bool, b []float32, bStep int,
	c []float32, ldc, rows, cols int, alpha, beta float32) {
	var c00, c01, c02, c03, c10, c11, c12, c13 float32
	var c20, c21, c22, c23, c30, c31, c32, c33 float32
	if aStep != 4 || aRows || bStep != 4 {
		panic("core: genericTile needs packed 4-wide panels")
	}
	a, b = a[:4*kc], b[:4*kc]
	for p := 0; p < len(a); p += 4 {
		av, bv := a[p:p+4:p+4], b[p:p+4:p+4]
		a0, a1, a2, a3 := av[0], av[1], av[2], av[3]
		b0, b1, b2, b3 := bv[0], bv[1], bv[2], bv[3]
		c00, c01, c02, c03 = c00+a0*b0, c01+a0*b1, c02+a0*b2, c03+a0*b3
		c10, c11, c12, c13 = c10+a1*b0, c11+a1*b1, c12+a1*b2, c13+a1*b3
		c20, c21, c22, c23 = c20+a2*b0, c21+a2*b1, c22+a2*b2, c23+a2*b3
		c30, c31, c32, c33 = c30+a3*b0, c31+a3*b1, c32+a3*b2, c33+a3*b3
	}
	acc := [16]float32{
		c00, c01, c02, c03, c10, c11, c12, c13,
		c20, c21, c22, c23, c30, c31, c32, c33,
	}
	mergeTile(acc[:], 4, c, ldc, rows, cols, alpha, beta)
}

// mergeTile stores c[i*ldc+j] = alpha·acc[i*accStride+j] + beta·c[i*ldc+j]
// for the rows×cols corner of a computed tile; beta = 0 does not read c.
func mergeTile(acc []float32, accStride int, c []float32, ldc, rows, cols int,
	alpha, beta float32) {
	for i := range rows {
		src := acc[i*accStride : i*accStride+cols]
		dst := c[i*ldc : i*ldc+cols]
		if beta == 0 {
			for j, v := range src {
				dst[j] = alpha * v
			}
			continue
		}
		for j, v := range src {
			dst[j] = alpha*v + beta*dst[j]
		}
	}
}

// smallGemmFlops is the size (m·n·k) up to which gemmSmall's direct loops
// beat the blocked driver; measured on AVX-512, the driver already wins at
// 4×4×4 (about 2× at 8×8×8), so only the tiniest products stay here.
const smallGemmFlops = 3 * 3 * 3

// isSmallGemm reports whether a product is small enough for gemmSmall.
func isSmallGemm(m, n, k int) bool { return m*n*k <= smallGemmFlops }

// gemmSmall computes c = alpha·op(a)·op(b) + beta·c by direct loops, without
// packing: one dot product per element of c.
func gemmSmall(transA, transB bool, m, n, k int, alpha float32, a, b *Mat,
	beta float32, c *Mat) {
	aRow, aCol := a.Stride, 1 // step between rows and columns of op(a)
	if transA {
		aRow, aCol = 1, a.Stride
	}
	bRow, bCol := b.Stride, 1
	if transB {
		bRow, bCol = 1, b.Stride
	}
	for i := range m {
		for j := range n {
			var sum float32
			ai, bj := i*aRow, j*bCol
			for p := range k {
				sum += a.Data[ai+p*aCol] * b.Data[bj+p*bRow]
			}
			dst := &c.Data[i*c.Stride+j]
			if beta == 0 {
				*dst = alpha * sum
			} else {
				*dst = alpha*sum + beta**dst
			}
		}
	}
}
