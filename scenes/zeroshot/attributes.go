package zeroshot

import (
	"context"
	"fmt"
	"math/rand/v2"

	"replab/core"
)

// attributeModel maps images straight into the description space: the
// image network regresses the description of the image's class (squared
// error on every attribute), and the description map is the identity. An
// image is named by the nearest description. This is the shared space of
// Figure 15.3 with f_y fixed, the classic "direct attribute prediction"
// form of zero-shot learning.
type attributeModel struct {
	net     *core.Network
	trainer *core.Trainer
	opt     *core.Adam
	target  *core.Mat
	count   int
}

func newAttributeModel(rng *rand.Rand, inputs, attributes, hidden int, lr float64) *attributeModel {
	net := core.NewMLP(rng, layerSizes(inputs, hidden, attributes), core.ActReLU, core.ActIdentity)
	opt := core.NewAdamDefault(float32(lr))
	return &attributeModel{
		net: net, opt: opt,
		trainer: core.NewTrainer(net, core.MSE{}, opt, core.TrainerOptions{Seed: rng.Uint64()}),
	}
}

func (m *attributeModel) setLearningRate(lr float64) { m.opt.SetLearningRate(float32(lr)) }

func (m *attributeModel) steps() int { return m.count }

// step fits the predicted attributes of x to the descriptions of their
// classes (rows of desc indexed by y).
func (m *attributeModel) step(ctx context.Context, x *core.Mat, y []int,
	desc *core.Mat) (float64, error) {
	if m.target == nil || m.target.Rows != x.Rows {
		m.target = core.NewMat(x.Rows, desc.Cols)
	}
	for i, c := range y {
		copy(m.target.Row(i), desc.Row(c))
	}
	m.count++
	loss, err := m.trainer.Step(ctx, x, m.target)
	if err != nil {
		return loss, fmt.Errorf("zeroshot: %w", err)
	}
	return loss, nil
}

// embed returns the predicted attributes and the descriptions themselves.
func (m *attributeModel) embed(x, desc *core.Mat) (images, classes *core.Mat) {
	return m.net.Predict(x), desc.Clone()
}

// classify names each image by the description nearest to its predicted
// attributes.
func (m *attributeModel) classify(x, desc *core.Mat) []int {
	pred := m.net.Predict(x)
	out := make([]int, x.Rows)
	for i := range out {
		best, bestDist := 0, 0.0
		for c := range desc.Rows {
			var dist float64
			for j, v := range pred.Row(i) {
				d := float64(v - desc.At(c, j))
				dist += d * d
			}
			if c == 0 || dist < bestDist {
				best, bestDist = c, dist
			}
		}
		out[i] = best
	}
	return out
}
