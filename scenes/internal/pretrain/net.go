package pretrain

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"replab/core"
)

// Net is a multilayer perceptron with one activation on every hidden layer
// and a linear output: logits for classification, the value for regression.
type Net struct {
	Net   *core.Network
	Act   core.Activation
	sizes []int
}

// NewNet builds an MLP through sizes (inputs first, outputs last, at least
// one hidden layer) with act after every hidden layer, initialised from rng.
// It panics for fewer than three sizes or a linear act, which are
// programmer errors.
func NewNet(rng *rand.Rand, sizes []int, act core.Activation) *Net {
	if len(sizes) < 3 || act == core.ActIdentity {
		panic(fmt.Sprintf("pretrain: NewNet(%v, %v) needs a hidden layer and an activation",
			sizes, act))
	}
	net := core.NewMLP(rng, sizes, act, core.ActIdentity)
	return &Net{Net: net, Act: act, sizes: append([]int(nil), sizes...)}
}

// Clone returns a network with the same layers and a copy of the weights.
func (n *Net) Clone() *Net {
	return &Net{Net: n.Net.Clone(), Act: n.Act, sizes: n.sizes}
}

// Hidden returns the number of hidden layers.
func (n *Net) Hidden() int { return len(n.sizes) - 2 }

// Width returns the width of representation k: the input for k = 0, hidden
// layer k−1's output otherwise.
func (n *Net) Width(k int) int { return n.sizes[k] }

// DenseLayer returns the index in the network's layers of the k-th Dense
// layer: every hidden Dense layer is followed by its activation.
func (n *Net) DenseLayer(k int) int { return 2 * k }

// FineTune trains a network on labelled rows, a few minibatches per call of
// Advance, for a fixed number of steps.
type FineTune struct {
	trainer *core.Trainer
	batches *core.Batcher
	total   int
	done    int
	loss    float64 // mean of the last steps' losses
}

// NewFineTune prepares steps minibatch steps of training net on x with
// targets y (class indices (rows, 1) when classes > 0, values otherwise)
// with the optimiser opt.
func NewFineTune(rng *rand.Rand, net *Net, x, y *core.Mat, classes, batch, steps int,
	opt core.Optimizer) (*FineTune, error) {
	var loss core.Loss = core.MSE{}
	if classes > 0 {
		loss = core.SoftmaxCrossEntropy{}
	}
	batches, err := core.NewBatcher(rng, x, y, min(batch, x.Rows))
	if err != nil {
		return nil, fmt.Errorf("pretrain: fine-tuning: %w", err)
	}
	trainer := core.NewTrainer(net.Net, loss, opt, core.TrainerOptions{Workers: 1})
	return &FineTune{trainer: trainer, batches: batches, total: steps, loss: math.NaN()}, nil
}

// Done reports whether the budget of steps is spent.
func (f *FineTune) Done() bool { return f.done >= f.total }

// Progress is the fraction of the budget spent, 0…1.
func (f *FineTune) Progress() float64 {
	if f.total == 0 {
		return 1
	}
	return float64(f.done) / float64(f.total)
}

// Loss returns a running mean of the recent training losses (NaN before
// the first step).
func (f *FineTune) Loss() float64 { return f.loss }

// Epochs returns the number of passes over the data begun so far.
func (f *FineTune) Epochs() int { return f.batches.Epochs() }

// Advance runs up to steps minibatch steps of the budget. It returns an
// error wrapping core.ErrDiverged if the numbers went wrong, or ctx's error.
func (f *FineTune) Advance(ctx context.Context, steps int) error {
	for ; steps > 0 && !f.Done(); steps-- {
		xb, yb := f.batches.Next()
		loss, err := f.trainer.Step(ctx, xb, yb)
		if err != nil {
			return fmt.Errorf("pretrain: fine-tuning step %d: %w", f.done+1, err)
		}
		if math.IsNaN(f.loss) {
			f.loss = loss
		}
		f.loss = 0.9*f.loss + 0.1*loss
		f.done++
	}
	return nil
}

// Score measures a trained network on x against y: accuracy for
// classification (classes > 0), R² otherwise (y standardised or not, R² is
// the same). It returns an error if the predictions are not finite.
func Score(net *Net, x, y *core.Mat, classes int) (float64, error) {
	pred := net.Net.Predict(x)
	for _, v := range pred.Data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return 0, fmt.Errorf("pretrain: predictions are not finite: %w", core.ErrDiverged)
		}
	}
	if classes > 0 {
		return core.Accuracy(pred, y), nil
	}
	return rSquared(pred, y), nil
}

// rSquared returns 1 − SS_res/SS_tot of a single-column prediction.
func rSquared(pred, y *core.Mat) float64 {
	var mean float64
	for i := range y.Rows {
		mean += float64(y.At(i, 0))
	}
	mean /= float64(y.Rows)
	var res, tot float64
	for i := range y.Rows {
		d := float64(y.At(i, 0))
		res += (d - float64(pred.At(i, 0))) * (d - float64(pred.At(i, 0)))
		tot += (d - mean) * (d - mean)
	}
	if tot == 0 {
		return 0
	}
	return 1 - res/tot
}
