package core

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Dense returns the fully connected layer y = x·W + b: (batch, in) →
// (batch, out). Its parameters are W, (in, out) row-major, followed by b
// (out). It panics unless in and out are positive.
func Dense(in, out int) Layer {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("core: Dense(%d, %d)", in, out))
	}
	return denseLayer{in: in, out: out}
}

type denseLayer struct{ in, out int }

// Shape panics if in differs from the width the layer was built for.
func (d denseLayer) Shape(in int) (int, int) {
	if in != d.in {
		panic(fmt.Sprintf("core: Dense(%d, %d) fed %d inputs", d.in, d.out, in))
	}
	return d.out, d.in*d.out + d.out
}

// Init draws W uniformly with He's scale √(6/in) when a rectifier follows and
// Glorot's √(6/(in+out)) otherwise; b starts at 0.
func (d denseLayer) Init(rng *rand.Rand, _ int, params []float32, next Layer) {
	bound := math.Sqrt(6 / float64(d.in+d.out))
	if r, ok := next.(interface{ rectifier() bool }); ok && r.rectifier() {
		bound = math.Sqrt(6 / float64(d.in))
	}
	w, b := d.split(params)
	for i := range w.Data {
		w.Data[i] = float32((2*rng.Float64() - 1) * bound)
	}
	clear(b)
}

// split returns the views W (in, out) and b (out) of params, W as a value so
// that a pass allocates nothing.
func (d denseLayer) split(params []float32) (Mat, []float32) {
	nw := d.in * d.out
	return Mat{Rows: d.in, Cols: d.out, Stride: d.out, Data: params[:nw]}, params[nw : nw+d.out]
}

// Forward computes y = x·W + b.
func (d denseLayer) Forward(x, y *Mat, params []float32, _ *Scratch) {
	d.forwardFused(x, y, params, pointwise{kind: ActIdentity})
}

// forwardFused computes y = f(x·W + b) with f applied in place, so bias and
// activation cost one pass over y.
func (d denseLayer) forwardFused(x, y *Mat, params []float32, f pointwise) {
	checkBatch("Dense", x, y, d.in, d.out)
	w, b := d.split(params)
	Gemm(false, false, 1, x, &w, 0, y)
	for i := range y.Rows {
		row := y.Row(i)
		f.activate(row, row, b)
	}
}

// Backward adds xᵀ·dy to ∂W and the column sums of dy to ∂b, and stores
// dy·Wᵀ in dx unless dx is nil.
func (d denseLayer) Backward(x, _, dy, dx *Mat, params, grads []float32, _ *Scratch) {
	d.backward(x, dy, dx, params, grads, false)
}

// backward is Backward that, with overwrite, stores ∂W and ∂b instead of
// adding them, so that a Trainer need not clear them first (same values:
// only the sign of a zero may differ).
func (d denseLayer) backward(x, dy, dx *Mat, params, grads []float32, overwrite bool) {
	checkBatch("Dense", x, dy, d.in, d.out)
	w, _ := d.split(params)
	dw, db := d.split(grads)
	beta := float32(1)
	if overwrite {
		beta = 0
		clear(db)
	}
	Gemm(true, false, 1, x, dy, beta, &dw)
	for i := range dy.Rows {
		addTo(db, dy.Row(i))
	}
	if dx != nil {
		Gemm(false, true, 1, dy, &w, 0, dx)
	}
}
