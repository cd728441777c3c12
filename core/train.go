package core

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// ErrDiverged is wrapped by the error of a training step whose loss or
// gradient is NaN or infinite. The step's update is not applied, so the
// network keeps the parameters of the last good step.
var ErrDiverged = errors.New("core: training diverged")

// TrainerOptions tune a Trainer. The zero value is a good default.
type TrainerOptions struct {
	// Shards is the number of pieces each minibatch is split into, each
	// piece's gradient computed on its own and the pieces' gradients summed
	// in order. 0 picks a number from the batch size alone (never from the
	// machine), so results do not depend on the worker count either way.
	Shards int
	// Workers caps the goroutines one step may use; 0 means WorkerBudget().
	// Changing it never changes the numbers, only the speed.
	Workers int
	// Seed seeds the dropout masks (each shard has its own stream).
	Seed uint64
}

// Trainer fits a Network to minibatches with a Loss and an Optimizer. It is
// used by one goroutine at a time. Loss and Opt may be replaced between
// steps.
type Trainer struct {
	Net  *Network
	Loss Loss
	Opt  Optimizer

	opts   TrainerOptions
	shards []*trainShard
	grads  []float32 // the batch gradient of the last step
	steps  int
	batch  int
	x, y   *Mat
	runOne func(int) error
}

// trainShard is the state one shard keeps from step to step.
type trainShard struct {
	ws      *Workspace
	grads   []float32
	dbuf    []float32
	dpred   Mat
	xs, ys  Mat
	lossSum float64
}

// NewTrainer returns a trainer of net with loss and opt.
func NewTrainer(net *Network, loss Loss, opt Optimizer, opts TrainerOptions) *Trainer {
	t := &Trainer{Net: net, Loss: loss, Opt: opt, opts: opts}
	t.runOne = t.shardStep
	return t
}

// Steps returns the number of steps applied so far.
func (t *Trainer) Steps() int { return t.steps }

// Grads returns the gradient of the last step (len NumParams, laid out like
// Params). It belongs to the trainer and changes with the next step.
func (t *Trainer) Grads() []float32 { return t.grads }

// AutoShards is the shard count used for a batch of the given size when
// TrainerOptions.Shards is 0: one shard per 64 rows, at most 8.
func AutoShards(batch int) int { return min(max(batch/64, 1), 8) }

// Step runs one minibatch: x (batch, In()) and targets y (batch, ·) in the
// form t.Loss expects. It returns the mean loss over the batch, measured
// before the update. A NaN or infinite loss or gradient returns an error
// wrapping ErrDiverged that names the step (counted from 1) and leaves the
// parameters untouched, as does cancelling ctx.
func (t *Trainer) Step(ctx context.Context, x, y *Mat) (float64, error) {
	if err := t.prepare(x, y); err != nil {
		return 0, err
	}
	step := t.steps + 1
	workers := t.opts.Workers
	if workers <= 0 {
		workers = WorkerBudget()
	}
	if err := runOnBudget(ctx, len(t.shards), workers, t.runOne, false); err != nil {
		return 0, fmt.Errorf("core: step %d: %w", step, err)
	}
	var lossSum float64
	for _, s := range t.shards {
		lossSum += s.lossSum
	}
	loss := lossSum / float64(t.batch)
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, fmt.Errorf("%w at step %d: loss is %v", ErrDiverged, step, loss)
	}
	t.sumShardGrads()
	if !allFinite(t.grads) {
		return loss, fmt.Errorf("%w at step %d: gradient is not finite", ErrDiverged, step)
	}
	t.Opt.Step(t.Net.params, t.grads)
	t.steps = step
	return loss, nil
}

// prepare checks the batch and sizes the shards for it.
func (t *Trainer) prepare(x, y *Mat) error {
	if x.Rows == 0 || x.Cols != t.Net.In() || y.Rows != x.Rows {
		return fmt.Errorf("core: training batch x (%d,%d), y (%d,%d) for a network of %d inputs",
			x.Rows, x.Cols, y.Rows, y.Cols, t.Net.In())
	}
	shards := t.opts.Shards
	if shards <= 0 {
		shards = AutoShards(x.Rows)
	}
	shards = min(shards, x.Rows)
	for len(t.shards) < shards {
		ws := t.Net.NewWorkspace()
		ws.Seed(t.opts.Seed*1000003 + uint64(len(t.shards)))
		t.shards = append(t.shards, &trainShard{ws: ws, grads: make([]float32, t.Net.NumParams())})
	}
	t.shards = t.shards[:shards]
	t.x, t.y, t.batch = x, y, x.Rows
	return nil
}

// shardStep computes shard i's loss sum and gradient.
func (t *Trainer) shardStep(i int) error {
	s := t.shards[i]
	r0, r1 := i*t.batch/len(t.shards), (i+1)*t.batch/len(t.shards)
	s.xs, s.ys = rowView(t.x, r0, r1), rowView(t.y, r0, r1)
	clear(s.grads)
	pred := t.Net.Forward(s.ws, &s.xs, true)
	s.dpred = reshapeBuffer(&s.dbuf, pred.Rows, pred.Cols)
	s.lossSum = t.Loss.Sum(pred, &s.ys, &s.dpred, 1/float32(t.batch))
	s.ws.backward(t.Net, &s.dpred, s.grads, false)
	return nil
}

// sumShardGrads adds the shard gradients in shard order into t.grads.
func (t *Trainer) sumShardGrads() {
	if len(t.shards) == 1 {
		t.grads = t.shards[0].grads
		return
	}
	if len(t.grads) != t.Net.NumParams() || &t.grads[0] == &t.shards[0].grads[0] {
		t.grads = make([]float32, t.Net.NumParams())
	}
	copy(t.grads, t.shards[0].grads)
	for _, s := range t.shards[1:] {
		g := s.grads[:len(t.grads)]
		for j, v := range g {
			t.grads[j] += v
		}
	}
}

// rowView returns rows [r0, r1) of m as a value, so that a step's views
// need no allocation.
func rowView(m *Mat, r0, r1 int) Mat {
	if r0 == r1 {
		return Mat{Cols: m.Cols, Stride: m.Stride}
	}
	return Mat{Rows: r1 - r0, Cols: m.Cols, Stride: m.Stride,
		Data: m.Data[r0*m.Stride : (r1-1)*m.Stride+m.Cols]}
}

// allFinite reports whether no value of v is NaN or infinite: v·0 is 0 for
// every finite v and NaN otherwise, so the sum of those products tells.
func allFinite(v []float32) bool {
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(v); i += 4 {
		s0 += v[i] * 0
		s1 += v[i+1] * 0
		s2 += v[i+2] * 0
		s3 += v[i+3] * 0
	}
	for ; i < len(v); i++ {
		s0 += v[i] * 0
	}
	return s0+s1+s2+s3 == 0
}
