package core

import "math/rand/v2"

// Softmax returns the layer y_j = e^{x_j} / Σ_k e^{x_k}, row by row:
// (batch, n) → (batch, n). To train a classifier, end the network at the
// logits and use SoftmaxCrossEntropy, which includes the softmax in a
// numerically stable form; this layer is for networks whose probabilities
// feed something else.
func Softmax() Layer { return softmaxLayer{} }

type softmaxLayer struct{}

// Shape and Init implement Layer: no parameters, width unchanged.
func (softmaxLayer) Shape(in int) (int, int)                { return in, 0 }
func (softmaxLayer) Init(*rand.Rand, int, []float32, Layer) {}

// Forward stores softmax(x) in y, subtracting each row's maximum first.
func (softmaxLayer) Forward(x, y *Mat, _ []float32, _ *Scratch) {
	checkBatch("softmax", x, y, x.Cols, x.Cols)
	for i := range x.Rows {
		softmaxRow(y.Row(i), x.Row(i))
	}
}

// Backward computes dx_j = y_j (dy_j − Σ_k dy_k y_k).
func (softmaxLayer) Backward(_, y, dy, dx *Mat, _, _ []float32, _ *Scratch) {
	if dx == nil {
		return
	}
	for i := range y.Rows {
		yr, dyr, dxr := y.Row(i), dy.Row(i), dx.Row(i)
		var dot float32
		for j, v := range yr {
			dot += v * dyr[j]
		}
		for j, v := range yr {
			dxr[j] = v * (dyr[j] - dot)
		}
	}
}

// softmaxRow stores softmax(src) in dst and returns log Σ e^{src}.
func softmaxRow(dst, src []float32) float32 {
	dst = dst[:len(src)]
	peak := src[0]
	for _, v := range src[1:] {
		peak = max(peak, v)
	}
	var sum float32
	for j, v := range src {
		e := fastExp(v - peak)
		dst[j] = e
		sum += e
	}
	inv := 1 / sum
	for j := range dst {
		dst[j] *= inv
	}
	return peak + logf(sum)
}
