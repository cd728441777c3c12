package core

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Gemm computes c = alpha·op(a)·op(b) + beta·c, where op(x) is x or its
// transpose: op(a) is (m, k), op(b) is (k, n), c is (m, n). It is the one
// matrix-product entry point of the core. It panics on a shape mismatch.
func Gemm(transA, transB bool, alpha float32, a, b *Mat, beta float32, c *Mat) {
	m, k := a.Rows, a.Cols
	if transA {
		m, k = k, m
	}
	kb, n := b.Rows, b.Cols
	if transB {
		kb, n = n, kb
	}
	if k != kb || c.Rows != m || c.Cols != n {
		panic(fmt.Sprintf("core: Gemm shapes (%d,%d)·(%d,%d) → (%d,%d)", m, k, kb, n, c.Rows, c.Cols))
	}
	if m == 0 || n == 0 {
		return
	}
	blas32.Gemm(trans(transA), trans(transB), alpha, general(a), general(b), beta, general(c))
}

func trans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

func general(x *Mat) blas32.General {
	return blas32.General{Rows: x.Rows, Cols: x.Cols, Stride: max(x.Stride, 1), Data: x.Data}
}
