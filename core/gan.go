package core

import (
	"context"
	"fmt"
	"math"
)

// GANTrainer trains a generative adversarial pair: a generator Gen,
// (batch, latent) → (batch, d), and a discriminator Disc, (batch, d) →
// (batch, 1) logits, with binary cross-entropy on the logits. Each step
// first updates Disc to tell real samples (target RealTarget) from the
// generator's (target 0), then updates Gen with the non-saturating loss
// −log σ(Disc(Gen(z))), on the same codes z. Like Trainer, a minibatch is
// split into a fixed number of shards whose gradients are summed in order,
// so a seed gives the same numbers whatever the worker count. It is used by
// one goroutine at a time; the optimisers may be replaced between steps.
type GANTrainer struct {
	Gen, Disc       *Network
	GenOpt, DiscOpt Optimizer

	// RealTarget is Disc's target for real samples: 1, or a little less
	// (one-sided label smoothing) to keep Disc from growing overconfident.
	RealTarget float32

	// Shards is the number of pieces each minibatch is split into (0: as
	// AutoShards picks from the batch size). It never depends on the
	// machine, so a seed gives the same numbers whatever the worker count.
	Shards int

	shards              []*ganShard
	genGrads, discGrads []float32
	steps               int
	real, codes         *Mat
	batch               int
}

// ganShard is the state one shard keeps from step to step.
type ganShard struct {
	genWS, discWS           *Workspace
	genGrads, discGrads     []float32
	reals, codes            Mat
	fake                    *Mat
	dlogit, target          []float32
	discLossSum, genLossSum float64
}

// GANLosses are the mean losses of one step, measured before its updates.
type GANLosses struct {
	Disc float64 // Disc's loss on real plus its loss on generated samples
	Gen  float64 // −log σ(Disc(Gen(z))), averaged
}

// NewGANTrainer returns a trainer of gen against disc. It panics if their
// widths do not chain (programmer error): gen's output feeds disc, which
// gives one logit.
func NewGANTrainer(gen, disc *Network, genOpt, discOpt Optimizer) *GANTrainer {
	if gen.Out() != disc.In() || disc.Out() != 1 {
		panic(fmt.Sprintf("core: GAN of generator → %d and discriminator %d → %d",
			gen.Out(), disc.In(), disc.Out()))
	}
	return &GANTrainer{Gen: gen, Disc: disc, GenOpt: genOpt, DiscOpt: discOpt, RealTarget: 1}
}

// Steps returns the number of steps applied so far.
func (t *GANTrainer) Steps() int { return t.steps }

// Step runs one adversarial step on real (batch, d) and latent codes
// (batch, latent), one code per generated sample. A NaN or infinite loss
// or gradient returns an error wrapping ErrDiverged that names the step;
// the player being updated keeps its parameters.
func (t *GANTrainer) Step(ctx context.Context, real, codes *Mat) (GANLosses, error) {
	if err := t.prepare(real, codes); err != nil {
		return GANLosses{}, err
	}
	step := t.steps + 1
	var losses GANLosses
	err := runOnBudget(ctx, len(t.shards), WorkerBudget(), t.discShard, false)
	if err == nil {
		losses.Disc, err = t.apply(step, "discriminator", t.Disc, t.DiscOpt, t.discGrads,
			func(s *ganShard) ([]float32, float64) { return s.discGrads, s.discLossSum })
	}
	if err == nil {
		err = runOnBudget(ctx, len(t.shards), WorkerBudget(), t.genShard, false)
	}
	if err == nil {
		losses.Gen, err = t.apply(step, "generator", t.Gen, t.GenOpt, t.genGrads,
			func(s *ganShard) ([]float32, float64) { return s.genGrads, s.genLossSum })
	}
	if err != nil {
		return losses, err
	}
	t.steps = step
	return losses, nil
}

// apply sums the shards' gradients in order into grads, checks them and
// the loss, and takes an optimiser step. It returns the mean loss.
func (t *GANTrainer) apply(step int, who string, net *Network, opt Optimizer, grads []float32,
	part func(*ganShard) ([]float32, float64)) (float64, error) {
	clear(grads)
	var lossSum float64
	for _, s := range t.shards {
		g, l := part(s)
		for i, v := range g {
			grads[i] += v
		}
		lossSum += l
	}
	loss := lossSum / float64(t.batch)
	if math.IsNaN(loss) || math.IsInf(loss, 0) || !AllFinite(grads) {
		return loss, fmt.Errorf("%w at step %d: %s loss %v or its gradient is not finite",
			ErrDiverged, step, who, loss)
	}
	opt.Step(net.params, grads)
	return loss, nil
}

// prepare checks the batch and sizes the shards for it.
func (t *GANTrainer) prepare(real, codes *Mat) error {
	if real.Rows == 0 || real.Cols != t.Disc.In() || codes.Rows != real.Rows ||
		codes.Cols != t.Gen.In() {
		return fmt.Errorf("core: GAN batch real (%d,%d), codes (%d,%d) for %d → %d → 1",
			real.Rows, real.Cols, codes.Rows, codes.Cols, t.Gen.In(), t.Disc.In())
	}
	shards := t.Shards
	if shards <= 0 {
		shards = AutoShards(real.Rows)
	}
	shards = min(shards, real.Rows)
	for len(t.shards) < shards {
		t.shards = append(t.shards, &ganShard{
			genWS: t.Gen.NewWorkspace(), discWS: t.Disc.NewWorkspace(),
			genGrads:  make([]float32, t.Gen.NumParams()),
			discGrads: make([]float32, t.Disc.NumParams()),
		})
	}
	t.shards = t.shards[:shards]
	if len(t.genGrads) != t.Gen.NumParams() {
		t.genGrads, t.discGrads = make([]float32, t.Gen.NumParams()), make([]float32, t.Disc.NumParams())
	}
	t.real, t.codes, t.batch = real, codes, real.Rows
	for i, s := range t.shards {
		r0, r1 := i*t.batch/shards, (i+1)*t.batch/shards
		s.reals, s.codes = rowView(real, r0, r1), rowView(codes, r0, r1)
	}
	return nil
}

// discShard generates the shard's samples and adds Disc's gradient on real
// and generated samples to the shard's discGrads.
func (t *GANTrainer) discShard(i int) error {
	s := t.shards[i]
	clear(s.discGrads)
	s.fake = t.Gen.Forward(s.genWS, &s.codes, true)
	s.discLossSum = s.discPass(t.Disc, &s.reals, t.RealTarget, t.batch, false)
	s.discLossSum += s.discPass(t.Disc, s.fake, 0, t.batch, false)
	return nil
}

// genShard passes the shard's samples through the updated Disc and back
// through Gen, adding Gen's gradient to the shard's genGrads.
func (t *GANTrainer) genShard(i int) error {
	s := t.shards[i]
	clear(s.genGrads)
	s.genLossSum = s.discPass(t.Disc, s.fake, 1, t.batch, true)
	dfake := t.Disc.Backward(s.discWS, s.dlogitMat(), s.discGrads) // discGrads: scratch here
	s.genWS.backward(t.Gen, dfake, s.genGrads, false)
	return nil
}

// discPass runs x through disc with the given target, leaving the loss's
// gradient in dlogit, and unless forGen adds disc's gradient to discGrads.
// It returns the loss summed over the shard's rows.
func (s *ganShard) discPass(disc *Network, x *Mat, target float32, batch int, forGen bool) float64 {
	logits := disc.Forward(s.discWS, x, true)
	rows := logits.Rows
	s.target = resize(s.target, rows)
	for i := range s.target {
		s.target[i] = target
	}
	s.dlogit = resize(s.dlogit, rows)
	loss := BCELogits{}.Sum(logits, MatFrom(rows, 1, s.target), s.dlogitMat(), 1/float32(batch))
	if !forGen {
		s.discWS.backward(disc, s.dlogitMat(), s.discGrads, false)
	}
	return loss
}

func (s *ganShard) dlogitMat() *Mat { return MatFrom(len(s.dlogit), 1, s.dlogit) }

func resize(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}
