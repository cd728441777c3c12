package core

import (
	"math"
	"testing"
)

func TestLossGradients(t *testing.T) {
	rng := NewRNG(21)
	probs := nnRandMat(rng, 4, 3, 0.4, 0)
	for i := range probs.Data {
		probs.Data[i] += 0.5 // in (0.1, 0.9): away from BCE's clamp
	}
	binary := NewMat(4, 3)
	for i := range binary.Data {
		binary.Data[i] = float32(rng.IntN(2))
	}
	labels := MatFrom(4, 1, []float32{0, 2, 1, 2})
	soft := MatFrom(4, 3, []float32{0.2, 0.3, 0.5, 1, 0, 0, 0, 0.5, 0.5, 0.1, 0.1, 0.8})
	cases := []struct {
		name         string
		loss         Loss
		pred, target *Mat
	}{
		{"mse", MSE{}, nnRandMat(rng, 4, 3, 1, 0), nnRandMat(rng, 4, 3, 1, 0)},
		{"bce", BCE{}, probs, binary},
		{"bce-logits", BCELogits{}, nnRandMat(rng, 4, 3, 2, 0), binary},
		{"softmax-ce-labels", SoftmaxCrossEntropy{}, nnRandMat(rng, 4, 3, 2, 0), labels},
		{"softmax-ce-soft", SoftmaxCrossEntropy{}, nnRandMat(rng, 4, 3, 2, 0), soft},
	}
	for _, c := range cases {
		grad := NewMat(c.pred.Rows, c.pred.Cols)
		MeanLoss(c.loss, c.pred, c.target, grad)
		num := centralDifferences(c.pred.Data, func() float64 {
			return MeanLoss(c.loss, c.pred, c.target, nil)
		})
		if e := relGradError(num, grad.Data); e > gradRelTolerance {
			t.Errorf("%s: relative gradient error %.2g > %g", c.name, e, gradRelTolerance)
		}
	}
}

func TestLossValues(t *testing.T) {
	const valueTolerance = 1e-6
	uniform := NewMat(2, 4)
	cases := []struct {
		name         string
		loss         Loss
		pred, target *Mat
		want         float64
	}{
		// ((1−0)² + (3−1)²)/2 = 2.5 and ((0−0)² + (−2−0)²)/2 = 2; mean 2.25
		{"mse", MSE{}, MatFrom(2, 2, []float32{1, 3, 0, -2}), MatFrom(2, 2, []float32{0, 1, 0, 0}), 2.25},
		{"softmax-ce-uniform", SoftmaxCrossEntropy{}, uniform, MatFrom(2, 1, []float32{3, 0}),
			math.Log(4)},
		{"bce-half", BCE{}, MatFrom(1, 2, []float32{0.5, 0.5}), MatFrom(1, 2, []float32{1, 0}),
			math.Log(2)},
		{"bce-logits-zero", BCELogits{}, NewMat(1, 2), MatFrom(1, 2, []float32{1, 0}), math.Log(2)},
		{"bce-saturated-is-finite", BCE{}, MatFrom(1, 1, []float32{0}), MatFrom(1, 1, []float32{1}),
			-math.Log(BCEClamp)},
	}
	for _, c := range cases {
		got := MeanLoss(c.loss, c.pred, c.target, nil)
		if math.Abs(got-c.want) > valueTolerance*(1+c.want) {
			t.Errorf("%s: loss %g, want %g", c.name, got, c.want)
		}
	}
}

func TestShardedLossSumsToBatchMean(t *testing.T) {
	rng := NewRNG(8)
	pred, target := nnRandMat(rng, 6, 3, 1, 0), nnRandMat(rng, 6, 3, 1, 0)
	whole := NewMat(6, 3)
	mean := MeanLoss(MSE{}, pred, target, whole)
	parts := NewMat(6, 3)
	var sum float64
	for _, r := range [][2]int{{0, 2}, {2, 6}} {
		sum += MSE{}.Sum(pred.RowSlice(r[0], r[1]), target.RowSlice(r[0], r[1]),
			parts.RowSlice(r[0], r[1]), 1.0/6)
	}
	if math.Abs(sum/6-mean) > 1e-6 || relGradError(f64(whole.Data), parts.Data) > 1e-6 {
		t.Errorf("shards give loss %g, gradient off; whole batch %g", sum/6, mean)
	}
}

func f64(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func TestAccuracy(t *testing.T) {
	scores := MatFrom(3, 2, []float32{0.1, 0.9, 0.8, 0.2, 0.3, 0.7})
	labels := MatFrom(3, 1, []float32{1, 0, 0})
	if got := Accuracy(scores, labels); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("accuracy %g, want 2/3", got)
	}
}
