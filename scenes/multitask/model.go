package multitask

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"replab/core"
)

// Widths of the layers: each format's own lower layer, then the shared
// representation, then the classes.
const (
	lowerWidth  = 64
	sharedWidth = 32
	classes     = 10
)

// sharedModel is the architecture of Figure 15.2: a lower layer selected by
// the input's format feeds shared upper layers. Every format's minibatch
// sends its gradient into the shared layers, so what the plentiful formats
// teach them serves the scarce one too.
type sharedModel struct {
	lower    []*core.Network // per format: (batch, width) → (batch, lowerWidth)
	upper    *core.Network   // (batch, lowerWidth) → (batch, classes) logits
	lowerWS  []*core.Workspace
	upperWS  []*core.Workspace // one per format: each keeps its own pass
	lowerOpt []*core.Adam
	upperOpt *core.Adam
	lowerG   [][]float32
	upperG   []float32
	dOut     []*core.Mat
	steps    int
}

func newSharedModel(rng *rand.Rand, act core.Activation, lr float64) *sharedModel {
	m := &sharedModel{
		upper: core.NewNetwork(rng, core.Dense(lowerWidth, sharedWidth), act.Layer(),
			core.Dense(sharedWidth, classes)),
		upperOpt: core.NewAdamDefault(float32(lr)),
	}
	m.upperG = make([]float32, m.upper.NumParams())
	for _, fm := range formats {
		m.lower = append(m.lower, core.NewNetwork(rng, core.Dense(fm.width, lowerWidth), act.Layer()))
		m.lowerWS = append(m.lowerWS, m.lower[len(m.lower)-1].NewWorkspace())
		m.upperWS = append(m.upperWS, m.upper.NewWorkspace())
		m.lowerOpt = append(m.lowerOpt, core.NewAdamDefault(float32(lr)))
		m.lowerG = append(m.lowerG, make([]float32, m.lower[len(m.lower)-1].NumParams()))
		m.dOut = append(m.dOut, nil)
	}
	return m
}

// batch is one format's minibatch.
type batch struct {
	format int
	x, y   *core.Mat
}

// step trains on one minibatch of each given format. When trainUpper is
// false the shared layers stay as they are and only the lower layers learn
// (the transfer mode's second phase). It returns the mean loss.
func (m *sharedModel) step(ctx context.Context, batches []batch, trainUpper bool) (float64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.steps++
	clear(m.upperG)
	var total float64
	for _, b := range batches {
		f := b.format
		h := m.lower[f].Forward(m.lowerWS[f], b.x, true)
		out := m.upper.Forward(m.upperWS[f], h, true)
		if m.dOut[f] == nil || m.dOut[f].Rows != out.Rows {
			m.dOut[f] = core.NewMat(out.Rows, out.Cols)
		}
		loss := core.MeanLoss(core.SoftmaxCrossEntropy{}, out, b.y, m.dOut[f])
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return loss, fmt.Errorf("multitask: step %d, %s: loss %v: %w",
				m.steps, formats[f].name, loss, core.ErrDiverged)
		}
		total += loss / float64(len(batches))
		dh := m.upper.Backward(m.upperWS[f], m.dOut[f], m.upperG)
		clear(m.lowerG[f])
		m.lower[f].Backward(m.lowerWS[f], dh, m.lowerG[f])
		m.lowerOpt[f].Step(m.lower[f].Params(), m.lowerG[f])
	}
	if trainUpper {
		m.upperOpt.Step(m.upper.Params(), m.upperG)
	}
	return total, nil
}

// restartLower gives format f a fresh lower layer, for transfer.
func (m *sharedModel) restartLower(rng *rand.Rand, f int, act core.Activation, lr float64) {
	m.lower[f] = core.NewNetwork(rng, core.Dense(formats[f].width, lowerWidth), act.Layer())
	m.lowerWS[f] = m.lower[f].NewWorkspace()
	m.lowerOpt[f] = core.NewAdamDefault(float32(lr))
}

func (m *sharedModel) setLearningRate(lr float64) {
	m.upperOpt.SetLearningRate(float32(lr))
	for _, o := range m.lowerOpt {
		o.SetLearningRate(float32(lr))
	}
}

// logits returns the class scores of format f's inputs x.
func (m *sharedModel) logits(f int, x *core.Mat) *core.Mat {
	return m.upper.Predict(m.lower[f].Predict(x))
}

// representation returns h(shared) of format f's inputs x.
func (m *sharedModel) representation(f int, x *core.Mat) *core.Mat {
	return m.upper.PredictPrefix(m.lower[f].Predict(x), 2)
}

// separateModels are the baseline: one whole network per format, the same
// widths as the shared path, trained on that format alone.
type separateModels struct {
	nets     []*core.Network
	trainers []*core.Trainer
	opts     []*core.Adam
}

func newSeparateModels(rng *rand.Rand, act core.Activation, lr float64) *separateModels {
	s := &separateModels{}
	for _, fm := range formats {
		net := core.NewNetwork(rng, core.Dense(fm.width, lowerWidth), act.Layer(),
			core.Dense(lowerWidth, sharedWidth), act.Layer(), core.Dense(sharedWidth, classes))
		opt := core.NewAdamDefault(float32(lr))
		s.nets = append(s.nets, net)
		s.opts = append(s.opts, opt)
		s.trainers = append(s.trainers, core.NewTrainer(net, core.SoftmaxCrossEntropy{}, opt,
			core.TrainerOptions{Seed: rng.Uint64(), Workers: 1}))
	}
	return s
}

func (s *separateModels) step(ctx context.Context, batches []batch) error {
	for _, b := range batches {
		if _, err := s.trainers[b.format].Step(ctx, b.x, b.y); err != nil {
			return fmt.Errorf("multitask: separate %s: %w", formats[b.format].name, err)
		}
	}
	return nil
}

func (s *separateModels) setLearningRate(lr float64) {
	for _, o := range s.opts {
		o.SetLearningRate(float32(lr))
	}
}

// accuracy is the share of rows whose highest logit is their class.
func accuracy(logits, y *core.Mat) float64 {
	return core.Accuracy(logits, y)
}
