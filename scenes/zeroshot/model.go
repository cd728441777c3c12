package zeroshot

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"replab/core"
)

// embedWidth is the dimension of the shared representation space.
const (
	embedWidth = 24 // dimension of the learned shared space
	textHidden = 32 // hidden units of the description map
)

// model maps images and class descriptions into one space: the image
// network f and the description network g are trained together so that
// f(x)·g(y) is largest for the description y of x's class (a softmax over
// the classes seen in training). A class never seen is then recognised by
// the description whose embedding scores highest.
// mapper is a pair of maps into a shared space, trained on seen classes.
type mapper interface {
	// step trains on one minibatch x (batch, inputs) whose classes are
	// indices into the rows of desc (classes, attributes).

	step(ctx context.Context, x *core.Mat, y []int, desc *core.Mat) (float64, error)
	// embed maps images and descriptions into the shared space.
	embed(x, desc *core.Mat) (images, classes *core.Mat)
	// classify names each image by the index of its best row of desc.
	classify(x, desc *core.Mat) []int
	setLearningRate(lr float64)
	steps() int
}

type model struct {
	image, text     *core.Network
	imageWS, textWS *core.Workspace
	imageOpt        *core.Adam
	textOpt         *core.Adam
	imageGrad       []float32
	textGrad        []float32
	count           int

	// Buffers of a training step, reused while the batch keeps its shape.
	scores, dScores, target, df, dg *core.Mat
}

// buffers sizes the step's buffers for a batch of n images and k classes
// of descriptions.
func (m *model) buffers(n, k int) {
	if m.scores != nil && m.scores.Rows == n && m.scores.Cols == k {
		return
	}
	m.scores, m.dScores = core.NewMat(n, k), core.NewMat(n, k)
	m.target = core.NewMat(n, 1)
	m.df, m.dg = core.NewMat(n, embedWidth), core.NewMat(k, embedWidth)
}

// layerSizes are the widths of an image map with one hidden layer, or of a
// linear map when hidden is 0.
func layerSizes(inputs, hidden, outputs int) []int {
	if hidden == 0 {
		return []int{inputs, outputs}
	}
	return []int{inputs, hidden, outputs}
}

func newModel(rng *rand.Rand, inputs, attributes, hidden int, lr float64) *model {
	m := &model{
		image: core.NewMLP(rng, layerSizes(inputs, hidden, embedWidth), core.ActReLU, core.ActIdentity),
		text: core.NewMLP(rng, []int{attributes, textHidden, embedWidth}, core.ActTanh,
			core.ActIdentity),
	}
	m.imageWS, m.textWS = m.image.NewWorkspace(), m.text.NewWorkspace()
	m.imageOpt = core.NewAdamDefault(float32(lr))
	m.textOpt = core.NewAdamDefault(float32(lr))
	m.imageGrad = make([]float32, m.image.NumParams())
	m.textGrad = make([]float32, m.text.NumParams())
	return m
}

func (m *model) steps() int { return m.count }

// setLearningRate applies a live change of the learning rate.
func (m *model) setLearningRate(lr float64) {
	m.imageOpt.SetLearningRate(float32(lr))
	m.textOpt.SetLearningRate(float32(lr))
}

// step trains on one minibatch x (batch, inputs) whose classes are given
// as indices into the rows of desc (classes, attributes). It returns the
// mean cross-entropy, or an error wrapping core.ErrDiverged.
func (m *model) step(ctx context.Context, x *core.Mat, y []int, desc *core.Mat) (float64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.count++
	m.buffers(x.Rows, desc.Rows)
	f := m.image.Forward(m.imageWS, x, true)
	g := m.text.Forward(m.textWS, desc, true)
	core.Gemm(false, true, 1, f, g, 0, m.scores)

	for i, c := range y {
		m.target.Data[i] = float32(c)
	}
	loss := core.MeanLoss(core.SoftmaxCrossEntropy{}, m.scores, m.target, m.dScores)
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, fmt.Errorf("zeroshot: step %d: loss %v: %w", m.count, loss, core.ErrDiverged)
	}

	core.Gemm(false, false, 1, m.dScores, g, 0, m.df)
	core.Gemm(true, false, 1, m.dScores, f, 0, m.dg)
	clear(m.imageGrad)
	clear(m.textGrad)
	m.image.Backward(m.imageWS, m.df, m.imageGrad)
	m.text.Backward(m.textWS, m.dg, m.textGrad)
	if !core.AllFinite(m.imageGrad) || !core.AllFinite(m.textGrad) {
		return loss, fmt.Errorf("zeroshot: step %d: gradient not finite: %w", m.count, core.ErrDiverged)
	}
	m.imageOpt.Step(m.image.Params(), m.imageGrad)
	m.textOpt.Step(m.text.Params(), m.textGrad)
	return loss, nil
}

// embed maps images (n, inputs) and descriptions (k, attributes) into the
// shared space.
func (m *model) embed(x, desc *core.Mat) (images, classes *core.Mat) {
	return m.image.Predict(x), m.text.Predict(desc)
}

// classify returns, for each image, the index of the best-scoring row of
// desc.
func (m *model) classify(x, desc *core.Mat) []int {
	f, g := m.embed(x, desc)
	scores := core.NewMat(x.Rows, desc.Rows)
	core.Gemm(false, true, 1, f, g, 0, scores)
	out := make([]int, x.Rows)
	for i := range out {
		out[i] = core.Argmax(scores.Row(i))
	}
	return out
}
