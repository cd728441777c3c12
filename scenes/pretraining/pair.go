package pretraining

import (
	"context"
	"errors"
	"fmt"
	"time"

	"replab/core"
	"replab/scenes/internal/pretrain"
)

// Training constants shared by both networks of a pair.
const (
	batchSize    = 32
	learningRate = 1e-3 // Adam, for fine-tuning and for each autoencoder
	// stepsPerCheck is how many minibatches run between two looks at the
	// clock, so a time slice ends close to its deadline.
	stepsPerCheck = 4
)

// settings are the scene's parameters that shape every pair.
type settings struct {
	width, depth   int
	act            core.Activation
	pretrainEpochs int
	corruption     float64
	budget         int // fine-tuning steps, the same with and without pretraining
	labels         int // labelled training rows per task
}

// pair trains one network with and one without greedy pretraining from the
// same initial weights, on the same minibatches, for the same budget.
type pair struct {
	task  *task
	seed  int
	split *split

	with, without         *pretrain.Net
	greedy                *pretrain.Greedy
	tuneWith, tuneWithout *pretrain.FineTune

	done                    bool
	scoreWith, scoreWithout float64
	failure                 error                  // a divergence: left out of the figure
	pretrained              []pretrain.LayerReport // reconstruction error per layer
}

// newPair prepares the pair of task for seed index seed.
func newPair(t *task, seed int, s settings, sweepSeed uint64) (*pair, error) {
	pairSeed := sweepSeed*1_000_003 + uint64(seed)*7919 + hashName(t.name)
	sp, err := t.makeSplit(pairSeed, s.labels)
	if err != nil {
		return nil, err
	}
	sizes := []int{t.cols}
	for range s.depth {
		sizes = append(sizes, s.width)
	}
	sizes = append(sizes, max(t.classes, 1))
	without := pretrain.NewNet(core.NewRNG(pairSeed), sizes, s.act)
	with := without.Clone()
	p := &pair{task: t, seed: seed, split: sp, with: with, without: without}
	inputOutput := core.ActIdentity
	if t.binary {
		inputOutput = core.ActSigmoid
	}
	steps := (s.pretrainEpochs*sp.unlabelled.Rows + batchSize - 1) / batchSize
	p.greedy, err = pretrain.NewGreedy(core.NewRNG(pairSeed+1), with, sp.unlabelled,
		pretrain.GreedyConfig{StepsPerLayer: steps, Batch: batchSize, LearningRate: learningRate,
			Corruption: s.corruption, InputOutput: inputOutput})
	if err != nil {
		return nil, err
	}
	// Both fine-tuning runs draw the same minibatches from equal sources.
	p.tuneWith, err = pretrain.NewFineTune(core.NewRNG(pairSeed+2), with, sp.xLab, sp.yLab,
		t.classes, batchSize, s.budget, core.NewAdamDefault(learningRate))
	if err != nil {
		return nil, err
	}
	p.tuneWithout, err = pretrain.NewFineTune(core.NewRNG(pairSeed+2), without, sp.xLab,
		sp.yLab, t.classes, batchSize, s.budget, core.NewAdamDefault(learningRate))
	return p, err
}

// hashName spreads task names over seeds, so tasks do not share splits.
func hashName(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := range len(name) {
		h = (h ^ uint64(name[i])) * 1099511628211
	}
	return h
}

// advance trains the pair until deadline or until it is done: pretraining
// first, then both fine-tuning runs side by side, then the scores. A
// divergence ends the pair as failed rather than the sweep.
func (p *pair) advance(ctx context.Context, deadline time.Time) error {
	for !p.done && time.Now().Before(deadline) {
		err := p.advanceSome(ctx)
		if errors.Is(err, core.ErrDiverged) {
			p.done, p.failure = true, err
			p.release()
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *pair) advanceSome(ctx context.Context) error {
	if !p.greedy.Done() {
		return p.greedy.Advance(ctx, stepsPerCheck)
	}
	if !p.tuneWith.Done() {
		if err := p.tuneWithout.Advance(ctx, stepsPerCheck); err != nil {
			return fmt.Errorf("without pretraining: %w", err)
		}
		if err := p.tuneWith.Advance(ctx, stepsPerCheck); err != nil {
			return fmt.Errorf("with pretraining: %w", err)
		}
		return nil
	}
	var err error
	if p.scoreWith, err = pretrain.Score(p.with, p.split.xTest, p.split.yTest,
		p.task.classes); err != nil {
		return err
	}
	if p.scoreWithout, err = pretrain.Score(p.without, p.split.xTest, p.split.yTest,
		p.task.classes); err != nil {
		return err
	}
	p.done = true
	p.release()
	return nil
}

// release drops what a finished pair no longer needs, keeping its scores.
func (p *pair) release() {
	p.pretrained = p.greedy.Layers
	p.split, p.with, p.without, p.greedy, p.tuneWith, p.tuneWithout = nil, nil, nil, nil, nil, nil
}

// harm is the score lost by pretraining: without minus with.
func (p *pair) harm() float64 { return p.scoreWithout - p.scoreWith }

// phase describes what the pair is doing, for the live line of the view.
func (p *pair) phase() string {
	switch {
	case p.done:
		return "done"
	case !p.greedy.Done():
		return fmt.Sprintf("pretraining layer %d", p.greedy.Layer()+1)
	}
	return fmt.Sprintf("fine-tuning, loss %.3f with / %.3f without",
		p.tuneWith.Loss(), p.tuneWithout.Loss())
}

// progress is the fraction of the pair's work done, pretraining counted as
// half of it.
func (p *pair) progress() float64 {
	if p.done {
		return 1
	}
	return 0.5*p.greedy.Progress() + 0.5*p.tuneWith.Progress()
}
