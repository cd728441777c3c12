package trajectories

import (
	"context"
	"errors"
	"fmt"

	"replab/core"
	"replab/scenes"
	"replab/scenes/internal/pretrain"
)

// Training constants of the reference set-up (Erhan et al. 2010, as
// measured before the scene was built).
const (
	batchSize   = 20
	classes     = 10
	groupPre    = 0 // networks initialised by greedy pretraining
	groupRandom = 1 // networks initialised at random
)

// settings are the parameters that shape the networks and their training.
type settings struct {
	nets, epochs, width int
	act                 core.Activation
	rate                float64 // SGD learning rate of fine-tuning
	pretrainEpochs      int
	aeRate              float64 // Adam's step for each denoising autoencoder
	classicDAE          bool    // SGD on the summed reconstruction loss instead
	corruption          float64
	init                pretrain.Init // how every Dense layer starts, autoencoders' too
}

// daeOptimizer returns nil (Adam at aeRate) or, for the classic denoising
// autoencoder, SGD at the fine-tuning rate on the reconstruction loss summed
// over the reconstructed columns: core's losses average over the columns,
// so the summed loss's step is the rate times the width.
func (s settings) daeOptimizer() func(int) core.Optimizer {
	if !s.classicDAE {
		return nil
	}
	return func(width int) core.Optimizer {
		return core.NewSGD(float32(s.rate*float64(width)), 0, 0)
	}
}

// member is one network, followed through training.
type member struct {
	group   int
	net     *pretrain.Net
	greedy  *pretrain.Greedy // nil for the random group
	tune    *pretrain.FineTune
	outputs [][]float32 // per recorded epoch: its class probabilities on the probe inputs
	errs    []float64   // per recorded epoch: its error rate on the probe inputs
}

// experiment trains both groups of networks epoch by epoch, records every
// network's function after each epoch and embeds all records in one fit.
type experiment struct {
	seed     uint64
	settings settings
	data     *digitData
	members  []*member
	epoch    int // epochs of fine-tuning done; epoch 0 is the starting point
	started  bool
	step     int
	embed    embedder
	measured history
}

func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	v := cfg.Values
	s := settings{
		nets: v.Int("nets"), epochs: v.Int("epochs"), width: v.Int("width"),
		act: activations[v.Index("activation")], rate: v.Float("lr"),
		pretrainEpochs: v.Int("pretrain"), corruption: v.Float("corruption"),
		aeRate: v.Float("aelr"), classicDAE: v.Index("dae") == 1,
		init: inits[v.Index("init")],
	}
	data, err := loadDigits()
	if err != nil {
		return nil, err
	}
	e := &experiment{seed: cfg.Seed, settings: s, data: data}
	e.embed.configure(v)
	for g := range 2 {
		for i := range s.nets {
			m, err := e.newMember(g, i)
			if err != nil {
				return nil, err
			}
			e.members = append(e.members, m)
		}
	}
	return e, nil
}

// activations are the choices of the activation parameter, in order.
var activations = []core.Activation{core.ActTanh, core.ActSigmoid, core.ActReLU}

// initChoices are the choices of the init parameter, inits their meaning
// and initNames how the set-up line names them.
var (
	initChoices = []string{"glorot", "fanin"}
	inits       = []pretrain.Init{pretrain.InitCore, pretrain.InitFanIn}
	initNames   = map[pretrain.Init]string{pretrain.InitCore: "Glorot",
		pretrain.InitFanIn: "fan-in"}
)

// newMember builds network i of group g from a seed of its own.
func (e *experiment) newMember(g, i int) (*member, error) {
	s := e.settings
	seed := e.seed*1_000_003 + uint64(g)*10_007 + uint64(i)
	sizes := []int{e.data.xTrain.Cols, s.width, s.width, classes}
	rng := core.NewRNG(seed)
	m := &member{group: g, net: pretrain.NewNet(rng, sizes, s.act)}
	pretrain.Reinit(rng, m.net.Net, s.init) // draws on where NewNet stopped
	var err error
	if g == groupPre {
		steps := s.pretrainEpochs * trainRows / batchSize
		m.greedy, err = pretrain.NewGreedy(core.NewRNG(seed+1), m.net, e.data.xTrain,
			pretrain.GreedyConfig{StepsPerLayer: steps, Batch: batchSize,
				LearningRate: float32(s.aeRate), Corruption: s.corruption,
				InputOutput: core.ActSigmoid, InputLoss: core.BCE{}, Optimizer: s.daeOptimizer(),
				Init: s.init})
		if err != nil {
			return nil, err
		}
	}
	m.tune, err = pretrain.NewFineTune(core.NewRNG(seed+2), m.net, e.data.xTrain, e.data.yTrain,
		classes, batchSize, s.epochs*trainRows/batchSize, core.NewSGD(float32(s.rate), 0, 0))
	return m, err
}

// Step pretrains a few networks at a time, then trains every network for
// one epoch a step (in parallel on core's worker budget), records their
// functions and refreshes the embedding; a t-SNE embedding goes on
// iterating after training. It returns scenes.ErrFinished at the end.
func (e *experiment) Step(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var err error
	switch {
	case !e.started:
		err = e.pretrainSome(ctx)
	case e.epoch < e.settings.epochs:
		err = e.trainEpoch(ctx)
	case !e.embed.settled():
		err = e.embed.refine(ctx)
	default:
		return scenes.ErrFinished
	}
	if err != nil {
		return err
	}
	e.step++
	return nil
}

// pretrainSome pretrains as many networks as there are workers, two each;
// once all are pretrained it records every network's starting point.
func (e *experiment) pretrainSome(ctx context.Context) error {
	var jobs []func(context.Context) error
	for _, m := range e.members {
		if m.greedy != nil && !m.greedy.Done() && len(jobs) < 2*core.WorkerBudget() {
			jobs = append(jobs, func(ctx context.Context) error {
				return m.greedy.Advance(ctx, m.greedy.Remaining())
			})
		}
	}
	if len(jobs) > 0 {
		return e.run(ctx, jobs)
	}
	e.started = true
	return e.record(ctx)
}

// trainEpoch trains every network for one epoch and records them.
func (e *experiment) trainEpoch(ctx context.Context) error {
	if err := e.advanceEpoch(ctx); err != nil {
		return err
	}
	e.epoch++
	return e.record(ctx)
}

// advanceEpoch runs one epoch of every network's training, in parallel.
func (e *experiment) advanceEpoch(ctx context.Context) error {
	jobs := make([]func(context.Context) error, len(e.members))
	for i, m := range e.members {
		jobs[i] = func(ctx context.Context) error {
			return m.tune.Advance(ctx, trainRows/batchSize)
		}
	}
	return e.run(ctx, jobs)
}

// record stores each network's outputs on the probe inputs, measures the
// groups and refits the embedding when it is due.
func (e *experiment) record(ctx context.Context) error {
	jobs := make([]func(context.Context) error, len(e.members))
	for i, m := range e.members {
		jobs[i] = func(context.Context) error {
			probs, errRate := probe(m.net, e.data.xProbe, e.data.yProbe)
			m.outputs = append(m.outputs, probs)
			m.errs = append(m.errs, errRate)
			return nil
		}
	}
	if err := e.run(ctx, jobs); err != nil {
		return err
	}
	e.measured.add(e.members)
	return e.embed.update(ctx, e.members, e.epoch == e.settings.epochs, e.settings.epochs+1)
}

// run runs jobs on core's worker budget. Every job runs to its end even
// if another fails, so the error returned is that of the first network in
// order that failed (a divergence names the learning rate), whatever the
// scheduling.
func (e *experiment) run(ctx context.Context, jobs []func(context.Context) error) error {
	errs := make([]error, len(jobs))
	wrapped := make([]func(context.Context) error, len(jobs))
	for i, job := range jobs {
		wrapped[i] = func(ctx context.Context) error {
			errs[i] = job(ctx)
			return nil
		}
	}
	if err := core.RunJobs(ctx, wrapped); err != nil {
		return fmt.Errorf("trajectories: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, err := range errs {
		if errors.Is(err, core.ErrDiverged) {
			return fmt.Errorf("trajectories: network %d of %d at learning rate %.3g: %w",
				i+1, len(jobs), e.settings.rate, err)
		}
		if err != nil {
			return fmt.Errorf("trajectories: %w", err)
		}
	}
	return nil
}

// Tune changes the embedding (method and neighbours) live: the next step
// refits it, or this call does when training is over.
func (e *experiment) Tune(v scenes.Values) {
	if !e.embed.configure(v) || !e.started {
		return
	}
	e.embed.invalidate()
	if e.epoch == e.settings.epochs {
		_ = e.embed.update(context.Background(), e.members, true, e.settings.epochs+1)
		for !e.embed.settled() {
			if e.embed.refine(context.Background()) != nil {
				return
			}
		}
	}
}
