package serve

import (
	"context"

	"replab/scenes"
)

// stepGate bounds how many sessions' experiments build or step at once.
//
// core's worker budget already bounds the goroutines that compute inside
// core (GEMM, training shards, sweeps), and it is process-wide, so every
// session shares it. But an experiment's step also does work of its own
// outside core (counting regions, building a snapshot), on its runner's
// goroutine; with thirty sessions training that would be thirty runnable
// goroutines crowding out the ones that draw the screens. The gate admits
// as many steps as core has workers; the others wait their turn in
// arrival order, costing nothing. A step takes the gate before any core
// token and never waits for the gate while holding one, so the two cannot
// deadlock.
type stepGate chan struct{}

// newStepGate returns a gate with n places (at least 1).
func newStepGate(n int) stepGate {
	g := make(stepGate, max(n, 1))
	for range cap(g) {
		g <- struct{}{}
	}
	return g
}

// wrap returns copies of the scenes whose experiments build and step
// through the gate.
func (g stepGate) wrap(list []scenes.Scene) []scenes.Scene {
	out := make([]scenes.Scene, len(list))
	for i, sc := range list {
		build := sc.New
		sc.New = func(cfg scenes.Config) (scenes.Experiment, error) {
			<-g
			defer func() { g <- struct{}{} }()
			exp, err := build(cfg)
			if err != nil {
				return nil, err
			}
			return gatedExperiment{Experiment: exp, gate: g}, nil
		}
		out[i] = sc
	}
	return out
}

// gatedExperiment steps its experiment only while it holds a place in the
// gate; Tune and Snapshot pass straight through.
type gatedExperiment struct {
	scenes.Experiment
	gate stepGate
}

// Step waits for a place (or for ctx to end) and then takes one step.
func (e gatedExperiment) Step(ctx context.Context) error {
	select {
	case <-e.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { e.gate <- struct{}{} }()
	return e.Experiment.Step(ctx)
}
