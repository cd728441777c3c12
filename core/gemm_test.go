package core

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// gemmEpsPerTerm bounds the float32 rounding error per accumulated term,
// relative to the sum of the terms' magnitudes (float32 machine epsilon).
const gemmEpsPerTerm = 1.2e-7

// viewPad is the padding added to every row of a test view, and padValue
// what the padding holds: Gemm must neither read it into c nor write it.
const (
	viewPad  = 3
	padValue = 12345
)

// gemmPath is one way of computing a product: the public entry point, the
// direct small-shape loops, or the blocked driver with one micro-kernel.
type gemmPath struct {
	name string
	run  func(transA, transB bool, alpha float32, a, b *Mat, beta float32, c *Mat)
}

// gemmPaths lists every path, including each kernel with tiny cache blocks
// so that small tests cross every block boundary (several kc passes, several
// mc and nc blocks, edge tiles in both directions), each both reading
// operands in place where the kernel can and always packing them.
func gemmPaths() []gemmPath {
	paths := []gemmPath{{"Gemm", Gemm}, {"small", func(tA, tB bool, alpha float32,
		a, b *Mat, beta float32, c *Mat) {
		gemmWith(nil, tA, tB, alpha, a, b, beta, c)
	}}}
	for _, g := range gemmKernels {
		tiny, packed, tinyPacked := *g, *g, *g
		tiny.mc, tiny.kc, tiny.nc = 2*g.mr, 5, 2*g.nr
		packed.directLimit, tinyPacked.directLimit = 0, 0
		tinyPacked.mc, tinyPacked.kc, tinyPacked.nc = 2*g.mr, 5, 2*g.nr
		for _, kern := range []*gemmKernel{g, &tiny, &packed, &tinyPacked} {
			name := fmt.Sprintf("%s-mc%d-kc%d-nc%d-direct%d", kern.name, kern.mc, kern.kc,
				kern.nc, kern.directLimit)
			paths = append(paths, gemmPath{name, func(tA, tB bool, alpha float32,
				a, b *Mat, beta float32, c *Mat) {
				gemmWith(kern, tA, tB, alpha, a, b, beta, c)
			}})
		}
	}
	return paths
}

// gemmPaddedView returns a rows×cols view with stride cols+viewPad into a larger
// buffer whose padding holds padValue, filled with uniform values in [-1, 1).
func gemmPaddedView(rng *rand.Rand, rows, cols int) *Mat {
	stride := cols + viewPad
	data := make([]float32, rows*stride+viewPad)
	for i := range data {
		data[i] = padValue
	}
	view := &Mat{Rows: rows, Cols: cols, Stride: stride, Data: data[viewPad:]}
	for i := range rows {
		for j := range cols {
			view.Set(i, j, float32(2*rng.Float64()-1))
		}
	}
	return view
}

// opAt returns op(x)[i, j].
func opAt(x *Mat, trans bool, i, j int) float64 {
	if trans {
		return float64(x.At(j, i))
	}
	return float64(x.At(i, j))
}

// gemmReference computes alpha·op(a)·op(b) + beta·c in float64 (beta = 0
// ignores c) and, per element, the magnitude that bounds its rounding error.
func gemmReference(transA, transB bool, alpha float32, a, b *Mat, beta float32,
	c *Mat) (want, scale []float64) {
	m, n := c.Rows, c.Cols
	k := a.Cols
	if transA {
		k = a.Rows
	}
	want, scale = make([]float64, m*n), make([]float64, m*n)
	for i := range m {
		for j := range n {
			var sum, mag float64
			for p := range k {
				term := opAt(a, transA, i, p) * opAt(b, transB, p, j)
				sum, mag = sum+term, mag+math.Abs(term)
			}
			want[i*n+j] = float64(alpha) * sum
			scale[i*n+j] = math.Abs(float64(alpha))*mag*float64(k+2) + 1e-30
			if beta != 0 {
				old := float64(beta) * float64(c.At(i, j))
				want[i*n+j] += old
				scale[i*n+j] += 2 * math.Abs(old)
			}
		}
	}
	return want, scale
}

// gemmCase is one product to check.
type gemmCase struct {
	m, n, k     int
	alpha, beta float32
	nanC        bool // fill c with NaN: only valid with beta = 0
}

func gemmCases() []gemmCase {
	var cases []gemmCase
	sizes := [][3]int{
		{1, 1, 1}, {1, 3, 17}, {3, 1, 17}, {3, 17, 1}, {17, 33, 65}, {33, 65, 17},
		{65, 33, 129}, {129, 17, 33}, {64, 10, 128}, {64, 1, 256}, {1, 64, 256},
		{15, 47, 13}, {40, 70, 11}, {8, 8, 8}, {2, 2, 300}, {41, 1, 9}, {1, 45, 9},
		{1, 1, 45},
	}
	for _, s := range sizes {
		cases = append(cases,
			gemmCase{m: s[0], n: s[1], k: s[2], alpha: 1, beta: 0, nanC: true},
			gemmCase{m: s[0], n: s[1], k: s[2], alpha: -1.5, beta: 0.5},
		)
	}
	return append(cases,
		gemmCase{m: 9, n: 11, k: 7, alpha: 0.25, beta: 1},
		gemmCase{m: 9, n: 11, k: 0, alpha: 2, beta: 0.5},
		gemmCase{m: 9, n: 11, k: 0, alpha: 2, beta: 0, nanC: true},
		gemmCase{m: 9, n: 11, k: 7, alpha: 0, beta: -2},
		gemmCase{m: 0, n: 11, k: 7, alpha: 1, beta: 0},
		gemmCase{m: 5, n: 0, k: 7, alpha: 1, beta: 0},
	)
}

func TestGemmMatchesFloat64Reference(t *testing.T) {
	rng := NewRNG(7)
	for _, path := range gemmPaths() {
		for _, tc := range gemmCases() {
			for _, tr := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
				name := fmt.Sprintf("%s/%dx%dx%d/tA=%v,tB=%v/a=%g,b=%g",
					path.name, tc.m, tc.n, tc.k, tr[0], tr[1], tc.alpha, tc.beta)
				checkGemmCase(t, rng, name, path, tc, tr[0], tr[1])
			}
		}
	}
}

// checkGemmCase runs one case on padded views and compares with the
// float64 reference, and checks that no padding value was touched.
func checkGemmCase(t *testing.T, rng *rand.Rand, name string, path gemmPath, tc gemmCase,
	transA, transB bool) {
	t.Helper()
	a, b := gemmPaddedView(rng, tc.m, tc.k), gemmPaddedView(rng, tc.k, tc.n)
	if transA {
		a = gemmPaddedView(rng, tc.k, tc.m)
	}
	if transB {
		b = gemmPaddedView(rng, tc.n, tc.k)
	}
	c := gemmPaddedView(rng, tc.m, tc.n)
	if tc.nanC {
		for i := range tc.m {
			for j := range tc.n {
				c.Set(i, j, float32(math.NaN()))
			}
		}
	}
	want, scale := gemmReference(transA, transB, tc.alpha, a, b, tc.beta, c)
	path.run(transA, transB, tc.alpha, a, b, tc.beta, c)
	for i := range tc.m {
		for j := range tc.n {
			got := float64(c.At(i, j))
			if diff := math.Abs(got - want[i*tc.n+j]); !(diff <= gemmEpsPerTerm*scale[i*tc.n+j]) {
				t.Fatalf("%s: c[%d,%d] = %g, want %g", name, i, j, got, want[i*tc.n+j])
			}
		}
	}
	checkPadding(t, name, c)
}

// checkPadding fails if any value outside c's view changed.
func checkPadding(t *testing.T, name string, c *Mat) {
	t.Helper()
	for i := range c.Rows {
		for j := c.Cols; j < c.Stride && i*c.Stride+j < len(c.Data); j++ {
			if v := c.Data[i*c.Stride+j]; v != padValue {
				t.Fatalf("%s: padding of c row %d col %d overwritten with %g", name, i, j, v)
			}
		}
	}
}

func TestGemmConcurrentCallsAgree(t *testing.T) {
	const workers, m, n, k = 4, 70, 90, 300
	rng := NewRNG(11)
	a, b := gemmPaddedView(rng, m, k), gemmPaddedView(rng, n, k)
	want := NewMat(m, n)
	Gemm(false, true, 1, a, b, 0, want)

	outs := make([]*Mat, workers)
	var wg sync.WaitGroup
	for w := range outs {
		outs[w] = NewMat(m, n)
		wg.Go(func() {
			for range 3 {
				Gemm(false, true, 1, a, b, 0, outs[w])
			}
		})
	}
	wg.Wait()
	for w, out := range outs {
		for i, v := range out.Data {
			if v != want.Data[i] {
				t.Fatalf("worker %d: element %d = %g, want %g", w, i, v, want.Data[i])
			}
		}
	}
}

func TestGemmPanicsOnProgrammerErrors(t *testing.T) {
	cases := []struct {
		name    string
		a, b, c *Mat
	}{
		{"inner mismatch", NewMat(2, 3), NewMat(4, 5), NewMat(2, 5)},
		{"output mismatch", NewMat(2, 3), NewMat(3, 5), NewMat(2, 4)},
		{"short data", NewMat(2, 3), &Mat{Rows: 3, Cols: 5, Stride: 5, Data: make([]float32, 14)},
			NewMat(2, 5)},
		{"stride below cols", NewMat(2, 3), NewMat(3, 5),
			&Mat{Rows: 2, Cols: 5, Stride: 4, Data: make([]float32, 10)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("Gemm did not panic")
				}
			}()
			Gemm(false, false, 1, tc.a, tc.b, 0, tc.c)
		})
	}
}
