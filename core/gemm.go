package core

import "fmt"

// Gemm computes c = alpha·op(a)·op(b) + beta·c, where op(x) is x or its
// transpose: op(a) is (m, k), op(b) is (k, n), c is (m, n). It is the one
// matrix-product entry point of the core.
//
// Any strides are accepted (views). When beta is 0, c is overwritten without
// being read, so c may hold NaN garbage. When k is 0 or alpha is 0, c is only
// scaled by beta. Gemm runs on the calling goroutine (callers parallelise by
// sharding) and is safe to call from several goroutines at once on disjoint
// outputs. It panics on a shape mismatch or on a matrix whose Data is too
// short for its Rows, Cols and Stride: both are programmer errors. c must
// not share storage with a or b.
//
// Underneath, a packed, cache-blocked driver feeds register-tiled FMA
// kernels (AVX-512 or AVX2 assembly on amd64, chosen at start-up; a
// portable Go kernel elsewhere); products with one row or one column run as
// dot products or axpys, and the tiniest ones as plain loops.
//
// Limits: one call uses one core (parallelism belongs to the caller's
// shards, so a worker budget is never oversubscribed), which leaves about
// half of two-core throughput unused on a lone 1024³ product. Output
// widths below 16 use part of each vector (n = 10 runs at about half the
// speed of wide products), and on AVX2 edge tiles go through a scratch tile.
func Gemm(transA, transB bool, alpha float32, a, b *Mat, beta float32, c *Mat) {
	m, n, k := gemmShape(transA, transB, a, b, c)
	if isSmallGemm(m, n, k) {
		gemmWith(nil, transA, transB, alpha, a, b, beta, c)
		return
	}
	gemmWith(bestKernel, transA, transB, alpha, a, b, beta, c)
}

// gemmWith is Gemm on a chosen path: the blocked driver with micro-kernel g,
// or, when g is nil, the direct loops of gemmSmall.
func gemmWith(g *gemmKernel, transA, transB bool, alpha float32, a, b *Mat,
	beta float32, c *Mat) {
	m, n, k := gemmShape(transA, transB, a, b, c)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleMat(c, beta)
		return
	}
	if g == nil {
		gemmSmall(transA, transB, m, n, k, alpha, a, b, beta, c)
		return
	}
	bufs := gemmPool.Get().(*gemmBuffers)
	defer gemmPool.Put(bufs)
	if gemmVector(transA, transB, m, n, k, alpha, a, b, beta, c, bufs) {
		return
	}
	gemmBlocked(g, transA, transB, m, n, k, alpha, a, b, beta, c, bufs)
}

// gemmShape returns (m, n, k) for c = op(a)·op(b), panicking when the shapes
// disagree or a matrix's storage cannot hold it: the kernels read and write
// memory without bounds checks, so this check is what keeps them in bounds.
func gemmShape(transA, transB bool, a, b, c *Mat) (m, n, k int) {
	m, k = a.Rows, a.Cols
	if transA {
		m, k = k, m
	}
	kb, n := b.Rows, b.Cols
	if transB {
		kb, n = n, kb
	}
	if k != kb || c.Rows != m || c.Cols != n {
		panic(fmt.Sprintf("core: Gemm shapes (%d,%d)·(%d,%d) → (%d,%d)",
			m, k, kb, n, c.Rows, c.Cols))
	}
	checkStorage("a", a)
	checkStorage("b", b)
	checkStorage("c", c)
	return m, n, k
}

// checkStorage panics unless x.Data holds every element of x.
func checkStorage(name string, x *Mat) {
	if x.Rows < 0 || x.Cols < 0 {
		panic(fmt.Sprintf("core: Gemm %s has negative shape (%d,%d)", name, x.Rows, x.Cols))
	}
	if x.Rows == 0 || x.Cols == 0 {
		return
	}
	if x.Stride < x.Cols && x.Rows > 1 {
		panic(fmt.Sprintf("core: Gemm %s stride %d < cols %d", name, x.Stride, x.Cols))
	}
	if need := (x.Rows-1)*x.Stride + x.Cols; len(x.Data) < need {
		panic(fmt.Sprintf("core: Gemm %s (%d,%d) stride %d needs %d values, has %d",
			name, x.Rows, x.Cols, x.Stride, need, len(x.Data)))
	}
}

// scaleMat sets c = beta·c; beta = 0 writes zeros without reading c.
func scaleMat(c *Mat, beta float32) {
	if beta == 1 {
		return
	}
	for i := range c.Rows {
		row := c.Data[i*c.Stride : i*c.Stride+c.Cols]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}
