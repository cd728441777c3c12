package salience

import (
	"context"
	"fmt"

	"replab/scenes"
)

// run is the training and measuring of one data set's figure.
type run interface {
	train(ctx context.Context, set settings) error // one optimiser step of every model
	setRates(set settings)                         // apply live learning rates
	evaluate(step int)                             // measure on the test set
	metrics() map[string]any
	verdict() scenes.Verdict
	frames(rows int) frameGrid // test frames and outputs for the view
	chartData() curves
}

// Experiment is the salience scene's experiment: one run of the chosen
// data set, stepped a few optimiser steps at a time.
type Experiment struct {
	set      settings
	budget   budget
	run      run
	steps    int // optimiser steps taken by every model
	finished bool
}

// newExperiment builds an experiment on a budget.
func newExperiment(seed uint64, set settings, b budget) *Experiment {
	e := &Experiment{set: set, budget: b}
	if set.dataset == datasetHead {
		e.run = newHeadRun(seed, set, b)
	} else {
		e.run = newPingpongRun(seed, set, b)
	}
	e.run.evaluate(0)
	return e
}

// Step takes a few optimiser steps of every model and measures them on the
// test set every budget.evalEvery steps; it returns scenes.ErrFinished
// once the budget is spent.
func (e *Experiment) Step(ctx context.Context) error {
	if e.finished {
		return scenes.ErrFinished
	}
	for range e.budget.stepsPerCall {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := e.run.train(ctx, e.set); err != nil {
			return fmt.Errorf("salience: step %d: %w", e.steps+1, err)
		}
		e.steps++
		if e.steps%e.budget.evalEvery == 0 || e.steps == e.budget.trainSteps {
			e.run.evaluate(e.steps)
		}
		if e.steps >= e.budget.trainSteps {
			e.finished = true
			return scenes.ErrFinished
		}
	}
	return nil
}

// Tune applies the live parameters: λ, the learning rates and the
// magnifier.
func (e *Experiment) Tune(v scenes.Values) {
	live := readSettings(v)
	e.set.lambda, e.set.lrDisc = live.lambda, live.lrDisc
	e.set.lrAutoenc, e.set.lrPredict = live.lrAutoenc, live.lrPredict
	e.set.magnify = live.magnify
	e.run.setRates(e.set)
}

// Snapshot returns the measurements so far and the frames to draw.
func (e *Experiment) Snapshot() scenes.Snapshot {
	return scenes.Snapshot{
		Step:     e.steps,
		Progress: float64(e.steps) / float64(e.budget.trainSteps),
		Finished: e.finished,
		Metrics:  e.run.metrics(),
		Verdict:  e.run.verdict(),
		Data: viewData{
			dataset: e.set.dataset, magnify: e.set.magnify,
			grid: e.run.frames(maxGridRows), curves: e.run.chartData(),
		},
	}
}
