package scenes

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"replab/core"
)

// Status is where a Runner's experiment stands.
type Status int

const (
	Starting Status = iota // building the experiment
	Paused                 // waiting for play or a single step
	Running                // stepping
	Finished               // the run's budget is spent (Step returned ErrFinished)
	Diverged               // the numbers went wrong (core.ErrDiverged)
	Failed                 // any other error: building the experiment, or a step
)

var statusNames = [...]string{"starting", "paused", "running", "finished", "diverged", "failed"}

// String names the status as the status line and `replab run` show it.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return "unknown"
	}
	return statusNames[s]
}

// Stopped reports whether the experiment can take no more steps until it
// is restarted.
func (s Status) Stopped() bool { return s == Finished || s == Diverged || s == Failed }

// RunState is what a Runner publishes: an immutable picture of its
// experiment and of the runner itself.
type RunState struct {
	Snapshot    Snapshot
	HasSnapshot bool // false until the experiment has been built
	Status      Status
	Err         error   // the divergence or failure, when Status says so
	StepsPerSec float64 // measured over the last second or so while running
	Seed        uint64
	Values      Values // the values the experiment runs with (a private copy)
	Generation  int    // counts restarts, so a view can tell a new run
}

// Runner owns one Experiment and steps it in a goroutine of its own. Its
// methods are safe to call from any goroutine and never wait for a step:
// they queue a command that is handled between two steps. A paused or
// stopped runner blocks on its command channel and costs no CPU. Close
// stops the goroutine.
type Runner struct {
	scene  Scene
	cmds   chan func(*loop)
	state  atomic.Pointer[RunState]
	wanted atomic.Bool // the UI asked for a fresh snapshot
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	mu      sync.Mutex
	pending *Config // the newest restart not yet carried out
}

// NewRunner starts a paused runner that builds the scene's experiment for
// cfg in its goroutine. cfg.Values must be a full set (see Defaults).
func NewRunner(scene Scene, cfg Config) *Runner {
	ctx, cancel := context.WithCancel(context.Background())
	r := &Runner{
		scene:  scene,
		cmds:   make(chan func(*loop), 64),
		cancel: cancel,
		done:   make(chan struct{}),
	}
	cfg.Values = cfg.Values.Clone()
	r.state.Store(&RunState{Status: Starting, Seed: cfg.Seed, Values: cfg.Values.Clone()})
	l := &loop{runner: r, ctx: ctx, cfg: cfg}
	go l.run()
	return r
}

// State returns the latest published state, never nil, and asks the
// runner to publish a fresh one after its current step; a UI calls it on
// every tick and so sees each state one tick late at most.
func (r *Runner) State() *RunState {
	r.wanted.Store(true)
	return r.state.Load()
}

// Play sets the experiment stepping continuously.
func (r *Runner) Play() { r.send(func(l *loop) { l.running = true }) }

// Pause stops stepping after the current step; the state is kept.
func (r *Runner) Pause() { r.send(func(l *loop) { l.running = false }) }

// StepOnce takes a single step if the runner is paused.
func (r *Runner) StepOnce() {
	r.send(func(l *loop) {
		if !l.running {
			l.step()
		}
	})
}

// Tune hands new values to the experiment before its next step. Only live
// parameters take effect; use Restart for the others. A finished
// experiment may step again after a live change (a figure redrawn for a
// new value); its next Step says whether there is anything left to do.
func (r *Runner) Tune(v Values) {
	v = v.Clone()
	r.send(func(l *loop) {
		l.cfg.Values = v
		if l.exp != nil {
			l.exp.Tune(v.Clone())
		}
		if l.status == Finished {
			l.status = Paused
		}
	})
}

// Restart rebuilds the experiment from scratch for cfg, keeping whether
// the runner was playing. Restarts asked for faster than the experiment
// is built (a key held down) collapse into one, with the newest cfg.
func (r *Runner) Restart(cfg Config) {
	cfg.Values = cfg.Values.Clone()
	r.mu.Lock()
	r.pending = &cfg
	r.mu.Unlock()
	r.send(func(l *loop) {
		r.mu.Lock()
		next := r.pending
		r.pending = nil
		r.mu.Unlock()
		if next != nil {
			l.rebuild(*next)
		}
	})
}

// Close stops the goroutine, interrupting a step in progress, and waits
// for it to end. It is safe to call more than once.
func (r *Runner) Close() {
	r.once.Do(func() {
		r.cancel()
		<-r.done
	})
}

// send queues a command; after Close it is dropped.
func (r *Runner) send(cmd func(*loop)) {
	select {
	case r.cmds <- cmd:
	case <-r.done:
	}
}

// errStatus classifies a step's error.
func errStatus(err error) Status {
	switch {
	case errors.Is(err, ErrFinished):
		return Finished
	case errors.Is(err, core.ErrDiverged):
		return Diverged
	}
	return Failed
}

// quietPeriod is how long a steps/s figure is averaged over.
const quietPeriod = time.Second

// loop is the runner goroutine's own state; only that goroutine touches it.
type loop struct {
	runner  *Runner
	ctx     context.Context
	cfg     Config
	exp     Experiment
	running bool
	status  Status
	err     error
	gen     int

	rateSteps int
	rateStart time.Time
	rate      float64
	nextStep  time.Time // a paced scene's next step is not before this
}
