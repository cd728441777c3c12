package salience

import (
	"math"

	"replab/core"
)

// numShards is the fixed number of pieces a minibatch is split into. Shard
// gradients are summed in shard order, so a seed gives the same numbers
// whatever the worker budget.
const numShards = 2

// model is a network with its optimiser and the per-shard workspaces and
// gradient buffers of data-parallel training.
type model struct {
	net    *core.Network
	opt    *core.Adam
	spaces [numShards]*core.Workspace
	grads  [numShards][]float32
	total  []float32
	deltas [numShards]*core.Mat // ∂L/∂output per shard
}

// newModel prepares net for training with Adam at learning rate lr and
// first-moment decay beta1.
func newModel(net *core.Network, lr, beta1 float64) *model {
	m := &model{net: net, opt: core.NewAdam(float32(lr), float32(beta1), 0.999, 1e-8, 0)}
	for s := range numShards {
		m.spaces[s] = net.NewWorkspace()
		m.grads[s] = make([]float32, net.NumParams())
	}
	m.total = make([]float32, net.NumParams())
	return m
}

// newTrainer prepares a network for plain MSE training with core's
// data-parallel Trainer and Adam at learning rate lr.
func newTrainer(net *core.Network, lr float64) *core.Trainer {
	return core.NewTrainer(net, core.MSE{}, core.NewAdam(float32(lr), 0.9, 0.999, 1e-8, 0),
		core.TrainerOptions{Shards: numShards})
}

// newAutoencoder builds in → hidden → bottleneck → hidden → in with ReLU
// inside and a sigmoid on the output, whose range is the pixels'.
func newAutoencoder(seed uint64, in, hidden, bottleneck int) *core.Network {
	return core.NewMLP(core.NewRNG(seed), []int{in, hidden, bottleneck, hidden, in},
		core.ActReLU, core.ActSigmoid)
}

// newDiscriminator builds a critic of (input frame, next frame) pairs:
// 2·frame → hidden → 1 logit, with leaky rectifiers.
func newDiscriminator(seed uint64, frame, hidden int) *core.Network {
	return core.NewNetwork(core.NewRNG(seed),
		core.Dense(2*frame, hidden), core.LeakyReLU(0.2),
		core.Dense(hidden, hidden), core.LeakyReLU(0.2),
		core.Dense(hidden, 1))
}

// shard returns rows of the s-th of numShards near-equal pieces of x.
func shard(x *core.Mat, s int) *core.Mat {
	return x.RowSlice(s*x.Rows/numShards, (s+1)*x.Rows/numShards)
}

// delta returns shard s's ∂L/∂output buffer sized rows×cols.
func (m *model) delta(s, rows, cols int) *core.Mat {
	d := m.deltas[s]
	if d == nil || cap(d.Data) < rows*cols {
		d = core.NewMat(rows, cols)
		m.deltas[s] = d
	}
	d.Rows, d.Cols, d.Stride, d.Data = rows, cols, cols, d.Data[:rows*cols]
	return d
}

// zeroGrads clears every shard's gradient buffer.
func (m *model) zeroGrads() {
	for s := range numShards {
		clear(m.grads[s])
	}
}

// apply sums the shard gradients in order and takes an optimiser step. It
// refuses a gradient that is not finite (x - x is 0 only for finite x).
func (m *model) apply() error {
	copy(m.total, m.grads[0])
	for s := 1; s < numShards; s++ {
		for i, g := range m.grads[s] {
			m.total[i] += g
		}
	}
	var probe float32
	for _, g := range m.total {
		probe += g - g
	}
	if probe != 0 || probe != probe {
		return errNotFinite
	}
	m.opt.Step(m.net.Params(), m.total)
	return nil
}

// finiteLoss returns the loss unless it or err says training went wrong.
func finiteLoss(loss float64, err error) (float64, error) {
	if err != nil {
		return loss, err
	}
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, errNotFinite
	}
	return loss, nil
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
