package core

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
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

	chunks      int    // parameter chunks of the update phase
	chunkFinite []bool // whether each chunk's gradient is finite
	sumChunk    func(int) error
	updateChunk func(int) error
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
	t.runOne, t.sumChunk, t.updateChunk = t.shardStep, t.sumGradChunk, t.updateParamChunk
	return t
}

// Steps returns the number of steps applied so far.
func (t *Trainer) Steps() int { return t.steps }

// Grads returns the gradient of the last step (len NumParams, laid out like
// Params). It belongs to the trainer and changes with the next step.
func (t *Trainer) Grads() []float32 { return t.grads }

// AutoShards is the shard count used for a batch of the given size when
// TrainerOptions.Shards is 0: one shard per 32 rows, at most 4.
func AutoShards(batch int) int { return min(max(batch/32, 1), 4) }

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
	tokens, err := acquireToken(ctx)
	if err != nil {
		return 0, fmt.Errorf("core: step %d: %w", step, err)
	}
	defer releaseToken(tokens)
	workers := t.workers()
	mode := budgetMode{callerHoldsToken: true}
	if err := runOnBudgetMode(ctx, len(t.shards), workers, t.runOne, mode); err != nil {
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
	if err := t.update(ctx, workers); err != nil {
		return loss, fmt.Errorf("%w at step %d: %w", ErrDiverged, step, err)
	}
	t.steps = step
	return loss, nil
}

// workers returns the goroutines a step may use.
func (t *Trainer) workers() int {
	if t.opts.Workers > 0 {
		return min(t.opts.Workers, WorkerBudget())
	}
	return WorkerBudget()
}

// parallelUpdateMin is the parameter count from which the gradient sum, its
// check and the optimiser update are split across workers; below it the
// hand-off costs more than it saves.
const parallelUpdateMin = 1 << 15

// update sums the shard gradients, checks them and applies the optimiser,
// in chunks of parameters on up to workers goroutines. The caller holds a
// token. Once the gradients are known to be finite the update runs to the
// end even if ctx is cancelled, so parameters are never half-updated.
func (t *Trainer) update(ctx context.Context, workers int) error {
	n := t.Net.NumParams()
	t.chunks = 1
	if n >= parallelUpdateMin {
		t.chunks = workers
	}
	t.prepareGrads()
	t.chunkFinite = slices.Grow(t.chunkFinite[:0], t.chunks)[:t.chunks]
	mode := budgetMode{callerHoldsToken: true, ignoreCancel: true}
	runOnBudgetMode(ctx, t.chunks, t.chunks, t.sumChunk, mode)
	for _, ok := range t.chunkFinite {
		if !ok {
			return errors.New("gradient is not finite")
		}
	}
	ranged, ok := t.Opt.(rangeOptimizer)
	if !ok || t.chunks == 1 {
		t.Opt.Step(t.Net.params, t.grads)
		return nil
	}
	ranged.beginStep(t.Net.params, t.grads)
	runOnBudgetMode(ctx, t.chunks, t.chunks, t.updateChunk, mode)
	return nil
}

// chunkRange returns the parameter range of chunk c. Chunks start at
// multiples of optimLanes (see vectorBody).
func (t *Trainer) chunkRange(c int) (lo, hi int) {
	n := t.Net.NumParams()
	lo, hi = (c*n/t.chunks)&^(optimLanes-1), ((c+1)*n/t.chunks)&^(optimLanes-1)
	if c == t.chunks-1 {
		hi = n
	}
	return lo, hi
}

// sumGradChunk adds the shard gradients of chunk c in shard order into t.grads
// and records whether they are all finite.
func (t *Trainer) sumGradChunk(c int) error {
	lo, hi := t.chunkRange(c)
	sum := t.grads[lo:hi]
	if len(t.shards) > 1 {
		copy(sum, t.shards[0].grads[lo:hi])
		for _, s := range t.shards[1:] {
			addTo(sum, s.grads[lo:hi])
		}
	}
	t.chunkFinite[c] = AllFinite(sum)
	return nil
}

// updateParamChunk applies the optimiser to chunk c.
func (t *Trainer) updateParamChunk(c int) error {
	lo, hi := t.chunkRange(c)
	t.Opt.(rangeOptimizer).stepRange(t.Net.params, t.grads, lo, hi)
	return nil
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
		ws.overwriteDenseGrads = true
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
	t.Net.clearNonDenseGrads(s.grads)
	pred := t.Net.Forward(s.ws, &s.xs, true)
	s.dpred = reshapeBuffer(&s.dbuf, pred.Rows, pred.Cols)
	s.lossSum = t.Loss.Sum(pred, &s.ys, &s.dpred, 1/float32(t.batch))
	s.ws.backward(t.Net, &s.dpred, s.grads, false)
	return nil
}

// prepareGrads points t.grads at the single shard's gradient, or at a
// buffer of its own for the sum of several.
func (t *Trainer) prepareGrads() {
	if len(t.shards) == 1 {
		t.grads = t.shards[0].grads
		return
	}
	if len(t.grads) != t.Net.NumParams() || &t.grads[0] == &t.shards[0].grads[0] {
		t.grads = make([]float32, t.Net.NumParams())
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

// AllFinite reports whether no value of v is NaN or infinite: v·0 is 0 for
// every finite v and NaN otherwise, so the sum of those products tells.
// Custom training loops use it to catch a divergence the way Trainer does.
func AllFinite(v []float32) bool {
	var s0, s1, s2, s3 float32
	if body := vectorBody(len(v)); body > 0 {
		s0 = zeroProductSumAVX2(body, &v[0])
		v = v[body:]
	}
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
