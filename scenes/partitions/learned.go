package partitions

import (
	"context"
	"fmt"
	"math/rand/v2"

	"replab/core"
)

// learner is learned mode's network, 2 → hidden (tanh) → classes (logits
// into a softmax cross-entropy), trained full-batch by the core's trainer.
// Its hidden units are the binary features the plane shows: unit i is on
// where w_i·x + b_i > 0, which is where its tanh is positive.
type learner struct {
	net     *core.Network
	trainer *core.Trainer
	x       *core.Mat // (points, 2)
	labels  *core.Mat // (points, 1): class indices
	hidden  int
	epochs  int
}

// Learning settings: small enough to watch the lines move, large enough
// that a few hundred epochs separate the data.
const (
	netLearningRate = 0.3
	netMomentum     = 0.9
)

// newLearner builds an untrained network for the dataset. The core starts
// every bias at zero, so before training all the lines pass through the
// origin: a central arrangement with 2n regions, which training spreads.
func newLearner(rng *rand.Rand, hidden int, ds Dataset) *learner {
	net := core.NewMLP(rng, []int{2, hidden, ds.Classes}, core.ActTanh, core.ActIdentity)
	// One shard on one worker: the batch is 240 points, far too small to
	// gain from splitting, and the shard count fixes the numbers anyway.
	opts := core.TrainerOptions{Shards: 1, Workers: 1}
	sgd := core.NewSGD(netLearningRate, netMomentum, 0)
	l := &learner{
		net:     net,
		trainer: core.NewTrainer(net, core.SoftmaxCrossEntropy{}, sgd, opts),
		x:       core.NewMat(len(ds.Points), 2),
		labels:  core.NewMat(len(ds.Points), 1),
		hidden:  hidden,
	}
	for i, p := range ds.Points {
		l.x.Set(i, 0, float32(p[0]))
		l.x.Set(i, 1, float32(p[1]))
		l.labels.Set(i, 0, float32(ds.Labels[i]))
	}
	return l
}

// epoch runs one full-batch step and returns the loss and the accuracy of
// the network before the step.
func (l *learner) epoch(ctx context.Context) (loss, accuracy float64, err error) {
	accuracy = core.Accuracy(l.net.Predict(l.x), l.labels)
	loss, err = l.trainer.Step(ctx, l.x, l.labels)
	if err != nil {
		return loss, accuracy, fmt.Errorf("partitions: learned mode, epoch %d: %w", l.epochs+1, err)
	}
	l.epochs++
	return loss, accuracy, nil
}

// planes returns the hidden units as lines with unit normals.
func (l *learner) planes() []Hyperplane {
	w, b := l.net.DenseWeights(0) // W (2, hidden), b (hidden)
	out := make([]Hyperplane, l.hidden)
	for i := range out {
		normal := []float64{float64(w.At(0, i)), float64(w.At(1, i))}
		out[i] = normalised(normal, float64(b[i]))
	}
	return out
}
