package core

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Finite-difference checks. Layers compute in float32, so central
// differences use a step large enough that rounding (≈1e-7·|L|/step) stays
// far below the tolerance, and compare the whole gradient vector at once:
// ‖numeric − analytic‖ / (‖numeric‖ + ‖analytic‖) must stay below
// gradRelTolerance.
const (
	fdStep           = 1e-2
	gradRelTolerance = 2e-3
)

// nnRandMat returns a rows×cols matrix of values uniform in ±scale, kept at
// least margin away from 0 so that rectifiers' kinks are not crossed by a
// finite-difference step.
func nnRandMat(rng *rand.Rand, rows, cols int, scale, margin float64) *Mat {
	m := NewMat(rows, cols)
	for i := range m.Data {
		v := margin + (scale-margin)*rng.Float64()
		if rng.IntN(2) == 0 {
			v = -v
		}
		m.Data[i] = float32(v)
	}
	return m
}

// nnDot returns Σ a⊙b in float64.
func nnDot(a, b *Mat) float64 {
	var s float64
	for i := range a.Rows {
		br := b.Row(i)
		for j, v := range a.Row(i) {
			s += float64(v) * float64(br[j])
		}
	}
	return s
}

// relGradError returns ‖num − ana‖ / (‖num‖ + ‖ana‖), 0 when both vanish.
func relGradError(num []float64, ana []float32) float64 {
	var diff, nn, na float64
	for i, v := range num {
		a := float64(ana[i])
		diff += (v - a) * (v - a)
		nn += v * v
		na += a * a
	}
	if nn+na == 0 {
		return 0
	}
	return math.Sqrt(diff) / (math.Sqrt(nn) + math.Sqrt(na))
}

// centralDifferences returns ∂f/∂values[i] for every i by central
// differences, restoring values afterwards.
func centralDifferences(values []float32, f func() float64) []float64 {
	num := make([]float64, len(values))
	for i, keep := range values {
		values[i] = keep + fdStep
		up := f()
		values[i] = keep - fdStep
		down := f()
		values[i] = keep
		num[i] = (up - down) / (2 * fdStep)
	}
	return num
}

// fdLayerCheck checks a layer's Backward against central differences of
// L = Σ r⊙y for a fixed random r. Dropout keeps its mask because the
// scratch's source is re-seeded before every pass.
func fdLayerCheck(t *testing.T, name string, layer Layer, in int) {
	t.Helper()
	rng := NewRNG(11)
	out, np := layer.Shape(in)
	params := nnRandMat(rng, 1, np, 0.5, 0).Data
	x, r := nnRandMat(rng, 3, in, 1, 0.05), nnRandMat(rng, 3, out, 1, 0)
	pass := func(s *Scratch) *Mat {
		s.RNG = NewRNG(5)
		y := NewMat(3, out)
		layer.Forward(x, y, params, s)
		return y
	}
	loss := func() float64 { return nnDot(pass(&Scratch{Train: true}), r) }
	s := &Scratch{Train: true}
	y := pass(s)
	dx, grads := NewMat(3, in), make([]float32, np)
	layer.Backward(x, y, r, dx, params, grads, s)
	if e := relGradError(centralDifferences(params, loss), grads); e > gradRelTolerance {
		t.Errorf("%s: ∂L/∂θ relative error %.2g > %g", name, e, gradRelTolerance)
	}
	if e := relGradError(centralDifferences(x.Data, loss), dx.Data); e > gradRelTolerance {
		t.Errorf("%s: ∂L/∂x relative error %.2g > %g", name, e, gradRelTolerance)
	}
}

func TestLayerGradients(t *testing.T) {
	cases := []struct {
		name  string
		layer Layer
		in    int
	}{
		{"dense", Dense(5, 4), 5},
		{"relu", ReLU(), 6},
		{"leaky-relu", LeakyReLU(0.1), 6},
		{"tanh", Tanh(), 6},
		{"sigmoid", Sigmoid(), 6},
		{"identity", Identity(), 6},
		{"softmax", Softmax(), 6},
		{"dropout", Dropout(0.4), 6},
	}
	for _, c := range cases {
		fdLayerCheck(t, c.name, c.layer, c.in)
	}
}

// TestNetworkGradients checks whole networks, whose Dense layers run fused
// with the activation after them, for both ∂L/∂θ and ∂L/∂x.
func TestNetworkGradients(t *testing.T) {
	cases := []struct {
		name   string
		layers []Layer
	}{
		{"dense-relu-dense", []Layer{Dense(4, 7), ReLU(), Dense(7, 3)}},
		{"dense-tanh-dense-sigmoid", []Layer{Dense(4, 5), Tanh(), Dense(5, 3), Sigmoid()}},
		{"leaky-dropout-softmax", []Layer{Dense(4, 6), LeakyReLU(0.2), Dropout(0.3),
			Dense(6, 3), Softmax()}},
	}
	for _, c := range cases {
		net := NewNetwork(NewRNG(2), c.layers...)
		rng := NewRNG(9)
		x, r := nnRandMat(rng, 5, net.In(), 1, 0), nnRandMat(rng, 5, net.Out(), 1, 0)
		ws := net.NewWorkspace()
		loss := func() float64 {
			ws.Seed(4)
			return nnDot(net.Forward(ws, x, true), r)
		}
		loss()
		grads := make([]float32, net.NumParams())
		dx := net.Backward(ws, r, grads).Clone()
		if e := relGradError(centralDifferences(net.Params(), loss), grads); e > gradRelTolerance {
			t.Errorf("%s: ∂L/∂θ relative error %.2g > %g", c.name, e, gradRelTolerance)
		}
		if e := relGradError(centralDifferences(x.Data, loss), dx.Data); e > gradRelTolerance {
			t.Errorf("%s: ∂L/∂x relative error %.2g > %g", c.name, e, gradRelTolerance)
		}
	}
}

func TestFastMathMatchesMath(t *testing.T) {
	const expRelTolerance = 4e-7
	for x := -80.0; x < 80; x += 0.0137 {
		want := math.Exp(float64(float32(x)))
		if got := float64(fastExp(float32(x))); math.Abs(got-want) > expRelTolerance*want {
			t.Fatalf("fastExp(%g) = %g, want %g", x, got, want)
		}
	}
	for x := -20.0; x < 20; x += 0.0071 {
		if got, want := float64(fastTanh(float32(x))), math.Tanh(x); math.Abs(got-want) > 1e-6 {
			t.Fatalf("fastTanh(%g) = %g, want %g", x, got, want)
		}
		want := 1 / (1 + math.Exp(-x))
		if got := float64(fastSigmoid(float32(x))); math.Abs(got-want) > 1e-6 {
			t.Fatalf("fastSigmoid(%g) = %g, want %g", x, got, want)
		}
	}
	if !math.IsNaN(float64(fastExp(float32(math.NaN())))) || fastExp(-1000) != 0 {
		t.Error("fastExp must keep NaN and flush very negative inputs to 0")
	}
}

func TestPredictPrefixCutsInsideFusedStage(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{3, 4, 2}, ActReLU, ActSigmoid)
	x := nnRandMat(NewRNG(2), 2, 3, 1, 0)
	pre := net.PredictPrefix(x, 1) // after Dense, before ReLU: may be negative
	post := net.PredictPrefix(x, 2)
	negatives := 0
	for i, v := range pre.Data {
		if want := max(v, 0); post.Data[i] != want {
			t.Fatalf("ReLU output %v, want %v", post.Data[i], want)
		}
		if v < 0 {
			negatives++
		}
	}
	if negatives == 0 {
		t.Error("pre-activation has no negative value: the cut did not stop before ReLU")
	}
	if y := net.Predict(x); y.Cols != 2 || y.Rows != 2 {
		t.Errorf("Predict shape (%d,%d)", y.Rows, y.Cols)
	}
}

// TestVectorActivationsMatchGoLoops compares the elements of an activation
// and its derivative that take the vector path (the first 8 of every 11)
// with the same inputs on the Go path (the last 3), bit for bit, over the
// float32 range that matters, the clamps and NaN included.
func TestVectorActivationsMatchGoLoops(t *testing.T) {
	special := []float32{0, float32(math.Copysign(0, -1)), 88, 88.1, -87.3, -87.4, 200, -200,
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e-30, -44, 44}
	var inputs []float32
	for x := float32(-100); x < 100; x += 0.173 {
		inputs = append(inputs, x)
	}
	inputs = append(inputs, special...)
	kinds := []pointwise{{kind: ActSigmoid}, {kind: ActTanh}, {kind: ActReLU},
		{kind: ActLeakyReLU, slope: 0.2}, {kind: ActIdentity}}
	for _, p := range kinds {
		for _, withBias := range []bool{false, true} {
			for i := 0; i+3 <= len(inputs); i += 3 {
				checkPathsAgree(t, p, inputs[i:i+3], withBias)
			}
		}
	}
}

// checkPathsAgree runs p forward and backward on 11 values whose first and
// last three are three, and compares those.
func checkPathsAgree(t *testing.T, p pointwise, three []float32, withBias bool) {
	t.Helper()
	src, dy := make([]float32, 11), make([]float32, 11)
	copy(src, three)
	copy(src[8:], three)
	for j, v := range []float32{0.5, -3, 1e-3} {
		dy[j], dy[8+j] = v, v
	}
	var bias []float32
	if withBias {
		bias = make([]float32, 11)
		bias[0], bias[8] = 0.25, 0.25
	}
	y, dz := make([]float32, 11), make([]float32, 11)
	p.activate(y, src, bias)
	p.derivative(dz, y, dy)
	same := func(a, b float32) bool {
		return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b)
	}
	for j := range 3 {
		if !same(y[j], y[8+j]) || !same(dz[j], dz[8+j]) {
			t.Fatalf("%v(%g): y %g / %g, dz %g / %g on the two paths",
				p.kind, src[j], y[j], y[8+j], dz[j], dz[8+j])
		}
	}
}

// TestInitScaleFollowsTheNextLayer checks He's scale before rectifiers (also
// through dropout) and Glorot's otherwise, by the variance of the weights:
// uniform on ±a has variance a²/3.
func TestInitScaleFollowsTheNextLayer(t *testing.T) {
	const in, out, varianceTolerance = 200, 100, 0.05
	he, glorot := 2.0/in, 2.0/(in+out)
	cases := []struct {
		name         string
		layers       []Layer
		wantVariance float64
	}{
		{"relu", []Layer{Dense(in, out), ReLU()}, he},
		{"dropout-then-leaky", []Layer{Dense(in, out), Dropout(0.5), LeakyReLU(0.1)}, he},
		{"tanh", []Layer{Dense(in, out), Tanh()}, glorot},
		{"last", []Layer{Dense(in, out)}, glorot},
	}
	for _, c := range cases {
		w, b := NewNetwork(NewRNG(1), c.layers...).DenseWeights(0)
		var sum float64
		for _, v := range w.Data {
			sum += float64(v) * float64(v)
		}
		got := sum / float64(len(w.Data))
		if math.Abs(got-c.wantVariance) > varianceTolerance*c.wantVariance {
			t.Errorf("%s: weight variance %.5f, want %.5f", c.name, got, c.wantVariance)
		}
		if slices.ContainsFunc(b, func(v float32) bool { return v != 0 }) {
			t.Errorf("%s: biases do not start at 0", c.name)
		}
	}
}
