package multitask

import (
	"context"
	"fmt"
	"math"

	"replab/core"
	"replab/scenes"
)

const (
	batchSize    = 32
	itersPerStep = 20 // training iterations in one Step of the experiment
	minRuns      = 3  // runs (seeds) the verdict averages over, at least
)

// runResult is what one finished run measured on the test digits.
type runResult struct {
	Shared   []float64 `json:"acc_shared"`   // per format
	Separate []float64 `json:"acc_separate"` // per format
}

// experiment trains the shared architecture and the separate networks side
// by side on the same minibatches, for several runs with different seeds
// (and so different scarce labels), and compares them format by format.
type experiment struct {
	values   scenes.Values
	seed     uint64
	act      core.Activation
	scarce   int
	transfer bool

	run      int // the run being trained, from 0
	runs     int
	iter     int // iterations of the current run
	budget   int
	stepNo   int
	data     []split
	batchers []*core.Batcher
	shared   *sharedModel
	separate *separateModels
	curves   [][]float64 // per model×format: test accuracy after each Step
	results  []runResult
}

var activations = []core.Activation{core.ActReLU, core.ActTanh, core.ActSigmoid}

func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	v := cfg.Values
	e := &experiment{
		values: v.Clone(), seed: cfg.Seed, act: activations[v.Index("activation")],
		scarce: v.Index("scarce"), transfer: v.Index("mode") == modeTransfer,
		runs: v.Int("runs"), budget: v.Int("steps"),
	}
	if err := e.startRun(); err != nil {
		return nil, err
	}
	return e, nil
}

// startRun draws the run's data split and fresh models.
func (e *experiment) startRun() error {
	rng := core.NewRNG(e.seed + uint64(e.run)*0x9e3779b97f4a7c15)
	data, err := digitSplits(rng, e.scarce, e.values.Int("labels"))
	if err != nil {
		return err
	}
	e.data, e.batchers, e.iter = data, nil, 0
	for _, d := range data {
		b, err := core.NewBatcher(rng, d.trainX, d.trainY, min(batchSize, d.trainX.Rows))
		if err != nil {
			return fmt.Errorf("multitask: %w", err)
		}
		e.batchers = append(e.batchers, b)
	}
	lr := e.values.Float("lr")
	e.shared = newSharedModel(rng, e.act, lr)
	e.separate = newSeparateModels(rng, e.act, lr)
	e.curves = make([][]float64, 2*len(formats))
	return nil
}

// inTransferPhase reports whether the run is in the transfer mode's second
// half, where only the scarce format's new lower layer learns.
func (e *experiment) inTransferPhase() bool {
	return e.transfer && e.iter >= e.budget/2
}

// activeFormats lists the formats trained in the current iteration.
func (e *experiment) activeFormats() []int {
	switch {
	case e.inTransferPhase():
		return []int{e.scarce}
	case e.transfer:
		var plenty []int
		for f := range formats {
			if f != e.scarce {
				plenty = append(plenty, f)
			}
		}
		return plenty
	}
	return []int{0, 1, 2}
}

// Step runs itersPerStep iterations of the current run, then measures; a
// run that has had its budget is recorded and the next begins.
func (e *experiment) Step(ctx context.Context) error {
	if e.run >= e.runs {
		return scenes.ErrFinished
	}
	e.stepNo++
	for range itersPerStep {
		if err := e.iterate(ctx); err != nil {
			return err
		}
	}
	e.measure()
	if e.iter >= e.budget {
		e.results = append(e.results, e.scores())
		e.run++
		if e.run < e.runs {
			return e.startRun()
		}
	}
	return nil
}

// iterate trains both models on one minibatch of each active format.
func (e *experiment) iterate(ctx context.Context) error {
	if e.transfer && e.iter == e.budget/2 {
		rng := core.NewRNG(e.seed ^ uint64(e.run+1)*0x51ed27)
		e.shared.restartLower(rng, e.scarce, e.act, e.values.Float("lr"))
	}
	var batches []batch
	for _, f := range e.activeFormats() {
		x, y := e.batchers[f].Next()
		batches = append(batches, batch{format: f, x: x, y: y})
	}
	if _, err := e.shared.step(ctx, batches, !e.inTransferPhase()); err != nil {
		return err
	}
	if err := e.separate.step(ctx, batches); err != nil {
		return err
	}
	e.iter++
	return nil
}

// scores measures test accuracy of both models on every format.
func (e *experiment) scores() runResult {
	r := runResult{}
	for f, d := range e.data {
		r.Shared = append(r.Shared, accuracy(e.shared.logits(f, d.testX), d.testY))
		r.Separate = append(r.Separate, accuracy(e.separate.nets[f].Predict(d.testX), d.testY))
	}
	return r
}

func (e *experiment) measure() {
	r := e.scores()
	for f := range formats {
		e.curves[f] = append(e.curves[f], r.Shared[f])
		e.curves[len(formats)+f] = append(e.curves[len(formats)+f], r.Separate[f])
	}
}

// Tune applies the learning rate, the one live parameter.
func (e *experiment) Tune(v scenes.Values) {
	e.values.Num["lr"] = v.Float("lr")
	e.shared.setLearningRate(v.Float("lr"))
	e.separate.setLearningRate(v.Float("lr"))
}

// averages returns the mean accuracies over finished runs (the current
// run's scores before any has finished) and the mean gain on the scarce
// format.
func (e *experiment) averages() (shared, separate []float64, gain float64) {
	results := e.results
	if len(results) == 0 {
		results = []runResult{e.scores()}
	}
	shared, separate = make([]float64, len(formats)), make([]float64, len(formats))
	for _, r := range results {
		for f := range formats {
			shared[f] += r.Shared[f] / float64(len(results))
			separate[f] += r.Separate[f] / float64(len(results))
		}
	}
	return shared, separate, shared[e.scarce] - separate[e.scarce]
}

func byFormat(v []float64) map[string]float64 {
	m := map[string]float64{}
	for f, fm := range formats {
		m[fm.name] = v[f]
	}
	return m
}

func (e *experiment) Snapshot() scenes.Snapshot {
	shared, separate, gain := e.averages()
	gains := make([]float64, len(e.results))
	for i, r := range e.results {
		gains[i] = r.Shared[e.scarce] - r.Separate[e.scarce]
	}
	done := float64(len(e.results)*e.budget+e.iter) / float64(max(1, e.runs*e.budget))
	return scenes.Snapshot{
		Step:     e.stepNo,
		Progress: math.Min(1, done),
		Finished: e.run >= e.runs,
		Metrics: map[string]any{
			"acc_shared":    byFormat(shared),
			"acc_separate":  byFormat(separate),
			"gain_low_data": gain,
			"gains_by_run":  gains,
			"scarce_format": formats[e.scarce].name,
		},
		Verdict: e.verdict(gain),
		Data:    e.picture(shared, separate),
	}
}

func (e *experiment) verdict(gain float64) scenes.Verdict {
	ok := e.run >= e.runs && len(e.results) >= minRuns && gain > 0
	how := "sharing"
	if e.transfer {
		how = "transfer from the shared layers"
	}
	detail := fmt.Sprintf("on the scarce %s format (%d labels a class) %s gains %+.3f "+
		"accuracy, averaged over %d of %d runs", formats[e.scarce].name,
		e.values.Int("labels"), how, gain, len(e.results), e.runs)
	if e.runs < minRuns {
		detail += fmt.Sprintf("; the claim is judged on at least %d runs", minRuns)
	}
	return scenes.Verdict{Claim: claim, Reproduced: ok, Detail: detail}
}
