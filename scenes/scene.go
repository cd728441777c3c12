// Package scenes holds the contract every figure of the lab implements.
//
// A scene has two halves. The Experiment owns data, model and training
// loop, is deterministic for a seed, and knows nothing of terminals. The
// View is a pure function from a Snapshot and a size to a string. The same
// experiment runs in the TUI, in `replab run`, in `replab report`, in tests
// and in benchmarks; only the driver differs.
//
// Experiments are not safe for concurrent use: one goroutine (a Runner, or
// a headless loop) owns each experiment and calls Step, Tune and Snapshot
// in turn. Snapshots are immutable once returned, so they may cross
// goroutines freely.
package scenes

import (
	"context"
	"errors"
	"fmt"

	"replab/tui/widgets"
)

// ErrFinished is returned by Step when the experiment has used its budget;
// its final Snapshot carries the metrics and verdict of the whole run.
var ErrFinished = errors.New("scenes: experiment finished")

// Scene describes one figure: what it is called, what it claims, which
// parameters it takes, how to start its experiment and how to draw it.
type Scene struct {
	Name   string // command-line name, e.g. "partitions"
	Figure string // e.g. "15.7, 15.8" or "Ma et al. 2015"
	Title  string // one line for tabs and `replab scenes`
	Claim  string // the figure's claim, as the verdict checks it
	Help   string // a paragraph for the help screen: what to try

	Params []Param

	// Pace caps the steps per second of an interactive run, for scenes
	// whose steps are so quick that the figure would jump to its end
	// before anyone saw it move (0: as fast as the machine goes).
	// Headless runs ignore it.
	Pace float64

	// KeyMetrics names the few metrics `replab report` shows for this
	// figure, in order; empty means the report picks the scalar ones.
	KeyMetrics []string

	// LabSet are parameters the interactive lab opens the scene with
	// instead of their defaults, as --set would set them: a scene whose
	// default run starts from scratch can open on a shipped, trained model.
	// Headless runs keep the defaults.
	LabSet map[string]string

	// Reports are the runs `replab report` makes of this scene, a row
	// each: one per figure for a scene that draws two, or one per data
	// set its claim is checked on. Empty means one run on the defaults.
	Reports []Report

	// New builds an experiment for a seed and a full set of parameter
	// values (defaults filled in, every value already range-checked).
	// It returns an error for values that are valid one by one but not
	// together, or for a data file that cannot be read.
	New func(cfg Config) (Experiment, error)

	// View draws a snapshot of this scene's experiment in exactly
	// width×height cells (at least 80×24 less the shell's chrome, which
	// leaves 54×20; see tui.SceneArea). It is a pure function: no state,
	// no I/O.
	View func(snap Snapshot, width, height int, theme *widgets.Theme) string
}

// Report is one run of a scene in `replab report`: the figure its row
// stands for and the parameters set for it, as --set would (the others
// keep their defaults).
type Report struct {
	Figure string
	Set    map[string]string
}

// LabValues returns the values the interactive lab opens a scene with:
// its defaults, with LabSet applied. A LabSet that does not parse is the
// scene's own mistake and panics.
func LabValues(sc Scene) Values {
	v := Defaults(sc.Params)
	for name, text := range sc.LabSet {
		if err := v.Set(sc.Params, name, text); err != nil {
			panic(fmt.Sprintf("scenes: %s's LabSet: %v", sc.Name, err))
		}
	}
	return v
}

// Config is what an experiment is built from.
type Config struct {
	Seed   uint64
	Values Values
}

// Experiment is a running figure. See the package doc for ownership.
type Experiment interface {
	// Step advances by one small unit of work (a few to a few hundred
	// milliseconds), so that pausing and tuning feel immediate. It returns
	// ErrFinished once the run's budget is spent, a divergence error (see
	// core) when the numbers went wrong, or ctx.Err() when cancelled.
	Step(ctx context.Context) error

	// Tune applies new values of parameters marked Live; the next Step
	// uses them. Values of restart parameters are ignored here: the
	// driver rebuilds the experiment for those. A driver may step a
	// finished experiment again after Tune; Step returns ErrFinished at
	// once if the new values leave nothing to do.
	Tune(v Values)

	// Snapshot returns an immutable copy of the state the view needs,
	// with the metrics and the verdict as measured so far.
	Snapshot() Snapshot
}

// Snapshot is an immutable picture of an experiment between two steps.
type Snapshot struct {
	Step     int     // steps taken so far
	Progress float64 // fraction of the run's budget spent, 0…1
	Finished bool

	// Metrics are the scene's named results, JSON-encodable (numbers,
	// arrays, objects keyed by string). The names are part of the
	// command-line interface.
	Metrics map[string]any

	Verdict Verdict

	// Data is the scene's own payload for its View; drivers never look
	// inside it.
	Data any
}

// Verdict is the figure's claim checked on what was measured.
type Verdict struct {
	Claim      string `json:"claim"`
	Reproduced bool   `json:"reproduced"`
	Detail     string `json:"detail"`
}
