package gan

import (
	"context"
	"fmt"
	"math/rand/v2"

	"replab/core"
	"replab/scenes"
)

// Budgets of a run. Measured on a shared 2-core machine: the judges take
// about 10–25 s, a GAN iteration (batch 32, width 8) about 20–40 ms.
const (
	testFaces       = 300 // held-out faces for the judges' accuracy
	facesPerStep    = 250
	judgeStepsPer   = 10
	ganBatch        = 32
	itersPerStep    = 4
	liveEvalEvery   = 200  // iterations between live draws for the panel
	saveEvery       = 1000 // iterations between saves, when a save path is set
	sampleGridCodes = 16   // fixed codes of the sample grid
)

// budget sizes the parts of a run that are not parameters; tests shrink it.
type budget struct {
	poolFaces   int // training faces, rendered once
	judgeSteps  int // minibatches for each judge
	evalDraws   int // exemplar draws of the final evaluation
	gateSamples int // random samples that set the gate and the sample rates
}

var defaultBudget = budget{poolFaces: 3000, judgeSteps: 700, evalDraws: 20, gateSamples: 512}

type phase int

const (
	phaseFaces phase = iota
	phaseJudges
	phaseTraining
	phaseEvaluating
	phaseDone
)

var phaseNames = [...]string{"rendering faces", "training judges", "training GAN",
	"evaluating", "finished"}

// experiment is the gan scene's run: faces, judges, the GAN, and the
// arithmetic measured on it.
type experiment struct {
	seed       uint64
	budget     budget
	settings   settings
	rng        *rand.Rand
	phase      phase
	pool, test facePool
	judges     *judgeTrainer
	quality    heldOut
	gan        *core.GANTrainer
	base       int // width of the networks
	startIters int // iterations already in the checkpoint
	iter       int
	real       *core.Mat
	codes      *core.Mat
	fixed      *core.Mat
	samples    [][]float32 // images of the fixed codes at iteration samplesAt
	samplesAt  int
	losses     lossHistory
	panel      *draw
	gate       gateStats
	final      *finalEval
}

// gateStats is how the judges see random samples, for the gate and the
// sample rates.
type gateStats struct {
	gate      float32
	realRate  float64
	attrRates [numAttrs]float64
	measured  bool
}

func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	return newExperimentWith(cfg, defaultBudget)
}

func newExperimentWith(cfg scenes.Config, b budget) (*experiment, error) {
	s, err := readSettings(cfg.Values)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6a09e667))
	e := &experiment{seed: cfg.Seed, budget: b, settings: s, rng: rng,
		real: core.NewMat(ganBatch, FacePixels), codes: core.NewMat(ganBatch, latentDim),
		fixed: core.NewMat(sampleGridCodes, latentDim)}
	drawCodes(rand.New(rand.NewPCG(cfg.Seed, 0xbb67ae85)), e.fixed)
	e.base = s.width
	var ckpt checkpoint
	if s.fromCheckpoint {
		if ckpt, err = loadCheckpoint(s.loadPath); err != nil {
			return nil, err
		}
		e.base, e.startIters = ckpt.base, ckpt.iterations
	}
	e.gan = newAdversaries(rng, e.base, s.learningRate)
	if s.fromCheckpoint {
		ckpt.restore(e.gan)
	}
	return e, nil
}

// Step advances the current phase by one small unit of work.
func (e *experiment) Step(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch e.phase {
	case phaseFaces:
		e.renderFaces()
	case phaseJudges:
		return e.trainJudges(ctx)
	case phaseTraining:
		return e.trainGAN(ctx)
	case phaseEvaluating:
		e.evaluateStep()
	default:
		return scenes.ErrFinished
	}
	return nil
}

func (e *experiment) renderFaces() {
	if e.test.images == nil {
		e.test = newFacePool(rand.New(rand.NewPCG(e.seed, 0x3c6ef372)), testFaces)
	}
	chunk := newFacePool(e.rng, min(facesPerStep, e.budget.poolFaces-e.pool.size()))
	e.pool = e.pool.append(chunk)
	if e.pool.size() >= e.budget.poolFaces {
		e.judges = newJudgeTrainer(e.rng, e.pool, e.budget.judgeSteps)
		e.phase = phaseJudges
	}
}

func (e *experiment) trainJudges(ctx context.Context) error {
	for range judgeStepsPer {
		if _, _, err := e.judges.step(ctx); err != nil {
			return fmt.Errorf("gan: judges: %w", err)
		}
	}
	if e.judges.steps < e.budget.judgeSteps {
		return nil
	}
	e.quality = measureJudges(e.judges.judges, e.test, rand.New(rand.NewPCG(e.seed, 7)))
	e.phase = phaseTraining
	e.refreshPanel()
	if e.iter >= e.settings.iterations || e.settings.fromCheckpoint {
		return e.finishTraining()
	}
	return nil
}

func (e *experiment) trainGAN(ctx context.Context) error {
	for range itersPerStep {
		e.pool.batch(e.rng, e.real)
		drawCodes(e.rng, e.codes)
		l, err := e.gan.Step(ctx, e.real, e.codes)
		if err != nil {
			return fmt.Errorf("gan: %w", err)
		}
		e.losses.add(l)
		e.iter++
		if e.iter%liveEvalEvery == 0 {
			e.refreshPanel()
		}
		if e.settings.savePath != "" && e.iter%saveEvery == 0 {
			if err := e.save(); err != nil {
				return err
			}
		}
		if e.iter >= e.settings.iterations {
			return e.finishTraining()
		}
	}
	return nil
}

// finishTraining saves the checkpoint when asked and starts the final
// evaluation.
func (e *experiment) finishTraining() error {
	e.phase = phaseEvaluating
	if e.settings.savePath == "" {
		return nil
	}
	return e.save()
}

// save writes the pair as it is now to the save path.
func (e *experiment) save() error {
	return saveCheckpoint(e.settings.savePath, checkpoint{
		base: e.base, iterations: e.startIters + e.iter,
		gen: e.gan.Gen.Params(), disc: e.gan.Disc.Params(),
	})
}

// refreshPanel measures the gate on fresh samples and draws the exemplars
// of the chosen equation for the panel.
func (e *experiment) refreshPanel() {
	g, rate, attrs := sampleGate(e.drawRNG(0), e.gan.Gen, e.judges.judges, e.budget.gateSamples/2)
	e.gate = gateStats{gate: g, realRate: rate, attrRates: attrs, measured: true}
	d := drawArithmetic(e.drawRNG(e.settings.draw), e.gan.Gen, e.judges.judges,
		equations[e.settings.equation], g)
	e.panel = &d
}

// drawRNG seeds exemplar draw k, so that a draw can be repeated.
func (e *experiment) drawRNG(k int) *rand.Rand {
	return rand.New(rand.NewPCG(e.seed^0x510e527f, uint64(k)))
}

// Tune applies the live parameters: the learning rate, the equation and
// the exemplar draw shown in the panel.
func (e *experiment) Tune(v scenes.Values) {
	s, err := readSettings(v)
	if err != nil {
		return
	}
	lr := s.learningRate
	e.gan.GenOpt.SetLearningRate(lr)
	e.gan.DiscOpt.SetLearningRate(lr)
	redraw := s.equation != e.settings.equation || s.draw != e.settings.draw
	e.settings.learningRate, e.settings.equation, e.settings.draw = lr, s.equation, s.draw
	if redraw && e.phase >= phaseTraining {
		e.refreshPanel()
	}
}
