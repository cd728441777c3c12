package core

import (
	"fmt"
	"math"
)

// Loss measures a minibatch of predictions against targets. Sum returns the
// sum over rows of the per-sample loss and, unless grad is nil, stores
// scale·∂(sum)/∂pred in grad (the shape of pred). A Trainer that splits a
// batch of B rows into shards passes scale = 1/B to every shard, so shard
// gradients add up to the gradient of the batch mean. Sum panics if the
// shapes disagree.
type Loss interface {
	Sum(pred, target, grad *Mat, scale float32) float64
}

// MeanLoss returns the mean per-sample loss of l over the rows of pred and,
// unless grad is nil, its gradient with respect to pred.
func MeanLoss(l Loss, pred, target, grad *Mat) float64 {
	if pred.Rows == 0 {
		return 0
	}
	return l.Sum(pred, target, grad, 1/float32(pred.Rows)) / float64(pred.Rows)
}

// MSE is the squared error averaged over the columns of a sample:
// pred (batch, n), target (batch, n).
type MSE struct{}

// Sum implements Loss.
func (MSE) Sum(pred, target, grad *Mat, scale float32) float64 {
	checkLossShapes("MSE", pred, target, grad, pred.Cols)
	perCol := 1 / float64(pred.Cols)
	g := 2 * scale * float32(perCol)
	var total float64
	for i := range pred.Rows {
		p, t := pred.Row(i), target.Row(i)[:len(pred.Row(i))]
		var rowSum float32
		for j, v := range p {
			rowSum += (v - t[j]) * (v - t[j])
		}
		total += float64(rowSum) * perCol
		if grad != nil {
			gr := grad.Row(i)[:len(p)]
			for j, v := range p {
				gr[j] = g * (v - t[j])
			}
		}
	}
	return total
}

// BCE is binary cross-entropy on probabilities (the output of a sigmoid),
// averaged over the columns of a sample: pred (batch, n) in (0, 1), target
// (batch, n) in [0, 1]. Predictions are clamped to [BCEClamp, 1−BCEClamp] so
// that a saturated sigmoid gives a large finite loss, not an infinite one.
type BCE struct{}

// BCEClamp keeps BCE's logarithms finite.
const BCEClamp = 1e-7

// Sum implements Loss.
func (BCE) Sum(pred, target, grad *Mat, scale float32) float64 {
	checkLossShapes("BCE", pred, target, grad, pred.Cols)
	perCol := 1 / float64(pred.Cols)
	g := scale * float32(perCol)
	var total float64
	for i := range pred.Rows {
		p, t := pred.Row(i), target.Row(i)[:len(pred.Row(i))]
		var rowSum float64
		for j, v := range p {
			q := min(max(v, BCEClamp), 1-BCEClamp)
			rowSum -= float64(t[j])*math.Log(float64(q)) +
				float64(1-t[j])*math.Log(float64(1-q))
			if grad != nil {
				grad.Data[i*grad.Stride+j] = g * (q - t[j]) / (q * (1 - q))
			}
		}
		total += rowSum * perCol
	}
	return total
}

// BCELogits is binary cross-entropy on logits z, with the sigmoid inside
// the loss, which is exact where BCE must clamp: pred (batch, n) logits,
// target (batch, n) in [0, 1], averaged over the columns of a sample.
type BCELogits struct{}

// Sum implements Loss.
func (BCELogits) Sum(pred, target, grad *Mat, scale float32) float64 {
	checkLossShapes("BCELogits", pred, target, grad, pred.Cols)
	perCol := 1 / float64(pred.Cols)
	g := scale * float32(perCol)
	var total float64
	for i := range pred.Rows {
		z, t := pred.Row(i), target.Row(i)[:len(pred.Row(i))]
		var rowSum float64
		for j, v := range z {
			// max(z,0) − z·t + log(1 + e^−|z|)
			rowSum += float64(max(v, 0)-v*t[j]) + math.Log1p(math.Exp(-math.Abs(float64(v))))
			if grad != nil {
				grad.Data[i*grad.Stride+j] = g * (fastSigmoid(v) - t[j])
			}
		}
		total += rowSum * perCol
	}
	return total
}

// SoftmaxCrossEntropy is the cross-entropy of softmax(pred) against the
// target, with the softmax inside the loss: pred (batch, k) logits; target
// either (batch, 1) holding class indices 0…k−1 as floats, or (batch, k)
// holding a distribution (one-hot, or soft labels). It panics on a class
// index outside 0…k−1.
type SoftmaxCrossEntropy struct{}

// Sum implements Loss.
func (SoftmaxCrossEntropy) Sum(pred, target, grad *Mat, scale float32) float64 {
	labels := target.Cols == 1 && pred.Cols > 1
	want := pred.Cols
	if labels {
		want = 1
	}
	checkLossShapes("SoftmaxCrossEntropy", pred, target, grad, want)
	var probs []float32
	if grad == nil {
		probs = make([]float32, pred.Cols)
	}
	var total float64
	for i := range pred.Rows {
		z := pred.Row(i)
		if grad != nil {
			probs = grad.Row(i)
		}
		logNorm := softmaxRow(probs, z)
		if labels {
			total += crossEntropyLabel(z, probs, target.At(i, 0), logNorm, scale, grad != nil)
		} else {
			total += crossEntropyDist(z, probs, target.Row(i), logNorm, scale, grad != nil)
		}
	}
	return total
}

// crossEntropyLabel returns log Σe^z − z_label and turns probs into
// scale·(softmax − onehot) when withGrad.
func crossEntropyLabel(z, probs []float32, label, logNorm, scale float32, withGrad bool) float64 {
	c := int(label)
	if float32(c) != label || c < 0 || c >= len(z) {
		panic(fmt.Sprintf("core: class label %v outside 0…%d", label, len(z)-1))
	}
	loss := float64(logNorm - z[c])
	if withGrad {
		probs[c]--
		for j := range probs {
			probs[j] *= scale
		}
	}
	return loss
}

// crossEntropyDist returns −Σ t_j log softmax(z)_j and turns probs into
// scale·(softmax − t) when withGrad.
func crossEntropyDist(z, probs, t []float32, logNorm, scale float32, withGrad bool) float64 {
	var loss float64
	for j, v := range z {
		if t[j] != 0 {
			loss -= float64(t[j]) * float64(v-logNorm)
		}
		if withGrad {
			probs[j] = scale * (probs[j] - t[j])
		}
	}
	return loss
}

// checkLossShapes panics unless pred, target and grad fit together.
func checkLossShapes(name string, pred, target, grad *Mat, targetCols int) {
	if target.Rows != pred.Rows || target.Cols != targetCols ||
		(grad != nil && (grad.Rows != pred.Rows || grad.Cols != pred.Cols)) {
		panic(fmt.Sprintf("core: %s pred (%d,%d) against target (%d,%d)",
			name, pred.Rows, pred.Cols, target.Rows, target.Cols))
	}
}

// Argmax returns the index of the largest value of row (the first on ties).
func Argmax(row []float32) int {
	best := 0
	for j, v := range row {
		if v > row[best] {
			best = j
		}
	}
	return best
}

// Accuracy returns the fraction of rows of scores (batch, k) whose Argmax
// equals the class index in labels (batch, 1).
func Accuracy(scores, labels *Mat) float64 {
	if scores.Rows == 0 {
		return 0
	}
	hits := 0
	for i := range scores.Rows {
		if Argmax(scores.Row(i)) == int(labels.At(i, 0)) {
			hits++
		}
	}
	return float64(hits) / float64(scores.Rows)
}
