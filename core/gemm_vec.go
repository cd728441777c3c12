package core

// Matrix-vector products: when op(a) has one row or op(b) one column, a
// register tile would waste all but one of its rows or columns, so Gemm
// computes dot products or accumulates scaled rows (axpy) instead, both
// along contiguous memory.

// gemmVector computes c = alpha·op(a)·op(b) + beta·c when m = 1 or n = 1
// and reports whether it did. scratch is reusable storage.
func gemmVector(transA, transB bool, m, n, k int, alpha float32, a, b *Mat,
	beta float32, c *Mat, bufs *gemmBuffers) bool {
	switch {
	case n == 1:
		// c[i] = op(a)[i, :]·v with v the one column of op(b).
		v := gemmVectorOf(b, !transB, k, &bufs.b)
		rowsOfA := Mat{Rows: m, Cols: k, Stride: a.Stride, Data: a.Data}
		if transA {
			rowsOfA = Mat{Rows: k, Cols: m, Stride: a.Stride, Data: a.Data}
		}
		productWithVector(&rowsOfA, !transA, v, &bufs.a, alpha, beta, c.Data, c.Stride)
	case m == 1:
		// c[0, j] = u·op(b)[:, j] with u the one row of op(a), i.e. c = op(b)ᵀ·u.
		u := gemmVectorOf(a, transA, k, &bufs.a)
		rowsOfB := Mat{Rows: k, Cols: n, Stride: b.Stride, Data: b.Data}
		if transB {
			rowsOfB = Mat{Rows: n, Cols: k, Stride: b.Stride, Data: b.Data}
		}
		productWithVector(&rowsOfB, transB, u, &bufs.b, alpha, beta, c.Data, 1)
	default:
		return false
	}
	return true
}

// gemmVectorOf returns the k values of a one-column (column = true) or one-row
// matrix as a contiguous slice, copying into *scratch only if strided.
func gemmVectorOf(x *Mat, column bool, k int, scratch *[]float32) []float32 {
	if !column || x.Stride == 1 {
		return x.Data[:k]
	}
	*scratch = growScratch(*scratch, k)
	for p := range k {
		(*scratch)[p] = x.Data[p*x.Stride]
	}
	return *scratch
}

// productWithVector sets out[i*outStride] = alpha·(M·v)[i] + beta·out[…]
// where M is x if dots is set (one dot product per row of x) and xᵀ
// otherwise (a sum of rows of x scaled by v, accumulated in *scratch).
// beta = 0 does not read out.
func productWithVector(x *Mat, dots bool, v []float32, scratch *[]float32,
	alpha, beta float32, out []float32, outStride int) {
	if dots {
		for i := range x.Rows {
			storeScaled(out, i*outStride, alpha*gemmDot(x.Data[i*x.Stride:i*x.Stride+x.Cols], v), beta)
		}
		return
	}
	*scratch = growScratch(*scratch, x.Cols)
	acc := *scratch
	clear(acc)
	for p := range x.Rows {
		gemmAxpy(v[p], x.Data[p*x.Stride:p*x.Stride+x.Cols], acc)
	}
	for j, s := range acc {
		storeScaled(out, j*outStride, alpha*s, beta)
	}
}

// storeScaled sets out[at] = value + beta·out[at], not reading out[at] if beta = 0.
func storeScaled(out []float32, at int, value, beta float32) {
	if beta != 0 {
		value += beta * out[at]
	}
	out[at] = value
}

// gemmDot returns Σ x[i]·y[i]; y must be at least as long as x.
func gemmDot(x, y []float32) float32 {
	y = y[:len(x)]
	head, sum := 0, float32(0)
	if hasVectorAsm && len(x) >= 8 {
		head = len(x) &^ 7
		sum = dotAVX2(head, &x[0], &y[0])
	}
	for i := head; i < len(x); i++ {
		sum += x[i] * y[i]
	}
	return sum
}

// gemmAxpy sets y[i] += alpha·x[i]; y must be at least as long as x.
func gemmAxpy(alpha float32, x, y []float32) {
	y = y[:len(x)]
	head := 0
	if hasVectorAsm && len(x) >= 8 {
		head = len(x) &^ 7
		axpyAVX2(head, alpha, &x[0], &y[0])
	}
	for i := head; i < len(x); i++ {
		y[i] += alpha * x[i]
	}
}
