package scenes

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// HeadlessOptions say how long a headless run lasts and what it reports.
type HeadlessOptions struct {
	Config

	// Steps stops the run after this many steps (0: no limit).
	Steps int
	// Budget stops the run once this much time has passed, checked
	// between steps (0: no limit). Without Steps or Budget the run lasts
	// until the experiment's own budget is spent (ErrFinished).
	Budget time.Duration

	// Progress, if set, is called with a fresh snapshot at most once per
	// ProgressEvery (every step when ProgressEvery is zero).
	Progress      func(HeadlessProgress)
	ProgressEvery time.Duration
}

// HeadlessProgress is a report on a headless run in progress.
type HeadlessProgress struct {
	Elapsed  time.Duration
	Snapshot Snapshot
}

// HeadlessResult is how a headless run ended.
type HeadlessResult struct {
	Snapshot Snapshot      // the final snapshot: metrics and verdict
	Elapsed  time.Duration // wall-clock time of building and stepping
	Steps    int           // steps taken by this run
	Status   Status        // Finished, Paused (stopped by Steps or Budget), Diverged or Failed
	Built    bool          // false when Scene.New refused the configuration
}

// RunHeadless builds the scene's experiment and steps it in the calling
// goroutine until its budget is spent, opts.Steps or opts.Budget is
// reached, or ctx is cancelled. A divergence or failure returns the last
// snapshot with an error that wraps the experiment's.
func RunHeadless(ctx context.Context, scene Scene, opts HeadlessOptions) (HeadlessResult, error) {
	start := time.Now()
	exp, err := scene.New(Config{Seed: opts.Seed, Values: opts.Values.Clone()})
	if err != nil {
		return HeadlessResult{Status: Failed}, namedError(scene.Name, err)
	}
	res := HeadlessResult{Status: Paused, Built: true}
	lastReport := start
	for opts.Steps == 0 || res.Steps < opts.Steps {
		if opts.Budget > 0 && time.Since(start) >= opts.Budget {
			break
		}
		if err := exp.Step(ctx); err != nil {
			return finishHeadless(exp, res, start, err)
		}
		res.Steps++
		if opts.Progress != nil && time.Since(lastReport) >= opts.ProgressEvery {
			lastReport = time.Now()
			opts.Progress(HeadlessProgress{Elapsed: lastReport.Sub(start), Snapshot: exp.Snapshot()})
		}
	}
	res.Snapshot, res.Elapsed = exp.Snapshot(), time.Since(start)
	return res, nil
}

// finishHeadless ends a run on a step's error: ErrFinished is the normal
// end, anything else is returned.
func finishHeadless(exp Experiment, res HeadlessResult, start time.Time,
	err error) (HeadlessResult, error) {
	res.Snapshot, res.Elapsed = exp.Snapshot(), time.Since(start)
	res.Status = errStatus(err)
	if res.Status == Finished {
		return res, nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		res.Status = Paused
	}
	return res, fmt.Errorf("scenes: %s after %d steps: %w", res.Status, res.Steps, err)
}

// namedError makes sure a scene's error names the scene once: scenes
// prefix their own errors with their name, which a caller's "building
// SCENE" would only repeat.
func namedError(name string, err error) error {
	if strings.HasPrefix(err.Error(), name+":") {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}
