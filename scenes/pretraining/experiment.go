package pretraining

import (
	"context"
	"fmt"
	"time"

	"replab/core"
	"replab/scenes"
)

// slice is how long each active pair trains in one Step: short enough that
// pausing feels immediate, long enough that scheduling costs nothing.
const slice = 120 * time.Millisecond

// experiment runs the sweep: every task, several seeds, one pair each. The
// pairs being trained run side by side on core's worker budget (RunJobs),
// one per worker, each for one time slice per Step; finished pairs land in
// their task's column and the next ones start. Nothing runs between two
// Steps, so a paused scene computes nothing.
type experiment struct {
	seed     uint64
	settings settings
	tasks    []*task
	queue    []pairRef // every pair of the sweep, in the order they start
	next     int       // queue index of the next pair to start
	active   []*pair
	finished [][]*pair // per task, in the order they finished
	step     int
}

// pairRef names one pair of the sweep.
type pairRef struct{ task, seed int }

func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	v := cfg.Values
	s := settings{
		width: v.Int("width"), depth: v.Int("depth"),
		act:            activations[v.Index("activation")],
		pretrainEpochs: v.Int("pretrain"), corruption: v.Float("corruption"),
		budget: v.Int("budget"), labels: v.Int("labels"),
	}
	tasks, err := loadTasks(v.String("data"), v.String("target"), v.Int("seeds"))
	if err != nil {
		return nil, err
	}
	e := &experiment{seed: cfg.Seed, settings: s, tasks: tasks,
		finished: make([][]*pair, len(tasks))}
	e.queue = sweepOrder(tasks)
	return e, nil
}

// activations are the choices of the activation parameter, in order.
var activations = []core.Activation{core.ActReLU, core.ActSigmoid, core.ActTanh}

// sweepOrder starts seed 0 of every task, then seed 1 of every task, and so
// on, so that every column of the figure fills in from the start.
func sweepOrder(tasks []*task) []pairRef {
	var order []pairRef
	for seed := 0; ; seed++ {
		added := false
		for i, t := range tasks {
			if seed < t.seeds {
				order = append(order, pairRef{task: i, seed: seed})
				added = true
			}
		}
		if !added {
			return order
		}
	}
}

// Step trains the active pairs for one slice in parallel and collects the
// ones that finished. It returns scenes.ErrFinished once every pair is done.
func (e *experiment) Step(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := e.fill(); err != nil {
		return err
	}
	if len(e.active) == 0 {
		return scenes.ErrFinished
	}
	jobs := make([]func(context.Context) error, len(e.active))
	for i, p := range e.active {
		jobs[i] = func(jobCtx context.Context) error {
			return p.advance(jobCtx, time.Now().Add(slice))
		}
	}
	if err := core.RunJobs(ctx, jobs); err != nil {
		return fmt.Errorf("pretraining: %w", err)
	}
	e.step++
	e.collect()
	return nil
}

// fill starts pairs until one runs per worker of the budget.
func (e *experiment) fill() error {
	for len(e.active) < core.WorkerBudget() && e.next < len(e.queue) {
		ref := e.queue[e.next]
		p, err := newPair(e.tasks[ref.task], ref.seed, e.settings, e.seed)
		if err != nil {
			return err
		}
		e.active = append(e.active, p)
		e.next++
	}
	return nil
}

// collect moves finished pairs from the active list to their columns.
func (e *experiment) collect() {
	running := e.active[:0]
	for _, p := range e.active {
		if !p.done {
			running = append(running, p)
			continue
		}
		for i, t := range e.tasks {
			if t == p.task {
				e.finished[i] = append(e.finished[i], p)
			}
		}
	}
	clear(e.active[len(running):])
	e.active = running
}

// Tune has nothing to apply: every parameter changes the sweep, so the
// driver restarts it.
func (e *experiment) Tune(scenes.Values) {}

// done reports whether every pair of the sweep has finished.
func (e *experiment) done() bool { return e.next == len(e.queue) && len(e.active) == 0 }

// Snapshot copies what the view and the metrics need.
func (e *experiment) Snapshot() scenes.Snapshot {
	m := e.measure()
	return scenes.Snapshot{
		Step:     e.step,
		Progress: e.progress(),
		Finished: e.done(),
		Metrics:  m.metrics(),
		Verdict:  m.verdict(e.done(), e.settings.act),
		Data:     e.picture(m),
	}
}

// progress weighs each pair by its rough cost (its input width), so the bar
// does not rush through the cheap tasks and then stall on the molecules.
func (e *experiment) progress() float64 {
	var total, spent float64
	for _, ref := range e.queue {
		total += float64(e.tasks[ref.task].cols)
	}
	for i, pairs := range e.finished {
		spent += float64(len(pairs) * e.tasks[i].cols)
	}
	for _, p := range e.active {
		spent += float64(p.task.cols) * p.progress()
	}
	if total == 0 {
		return 1
	}
	return min(1, spent/total)
}
