package scenes_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"replab/core"
	"replab/scenes"
	"replab/tui/scenetest"
)

// waitLimit bounds how long a test waits for the runner goroutine to
// reach a state; it is a deadlock guard, not a speed requirement.
const waitLimit = 10 * time.Second

func config(t *testing.T, set map[string]string) scenes.Config {
	t.Helper()
	v := scenes.Defaults(scenetest.Wave.Params)
	for k, x := range set {
		if err := v.Set(scenetest.Wave.Params, k, x); err != nil {
			t.Fatal(err)
		}
	}
	return scenes.Config{Seed: 3, Values: v}
}

func waitState(t *testing.T, r *scenes.Runner, what string,
	cond func(*scenes.RunState) bool) *scenes.RunState {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if st := r.State(); cond(st) {
			return st
		}
		time.Sleep(time.Millisecond)
	}
	st := r.State()
	t.Fatalf("runner never reached %s: status %v, step %d", what, st.Status, st.Snapshot.Step)
	return nil
}

func data(st *scenes.RunState) scenetest.WaveData {
	d, _ := st.Snapshot.Data.(scenetest.WaveData)
	return d
}

func TestRunnerStartsPausedAndSteps(t *testing.T) {
	defer goleak.VerifyNone(t)
	cfg := config(t, map[string]string{"delay": "0", "budget": "100000"})
	r := scenes.NewRunner(scenetest.Wave, cfg)
	defer r.Close()
	st := waitState(t, r, "built", func(s *scenes.RunState) bool { return s.HasSnapshot })
	if st.Status != scenes.Paused || st.Snapshot.Step != 0 {
		t.Fatalf("fresh runner: status %v step %d, want paused at 0", st.Status, st.Snapshot.Step)
	}
	r.StepOnce()
	r.StepOnce()
	waitState(t, r, "two single steps", func(s *scenes.RunState) bool { return s.Snapshot.Step == 2 })
	r.Play()
	waitState(t, r, "running", func(s *scenes.RunState) bool {
		return s.Status == scenes.Running && s.Snapshot.Step > 10
	})
}

func TestRunnerPausedCostsNothing(t *testing.T) {
	defer goleak.VerifyNone(t)
	r := scenes.NewRunner(scenetest.Wave, config(t, map[string]string{"budget": "100000"}))
	defer r.Close()
	r.Play()
	waitState(t, r, "running", func(s *scenes.RunState) bool { return s.Snapshot.Step > 3 })
	r.Pause()
	st := waitState(t, r, "paused", func(s *scenes.RunState) bool { return s.Status == scenes.Paused })
	time.Sleep(50 * time.Millisecond)
	if later := r.State(); later.Snapshot.Step != st.Snapshot.Step {
		t.Fatalf("paused runner kept stepping: %d → %d", st.Snapshot.Step, later.Snapshot.Step)
	}
	// A select with a default case never parks, so a runner that polled
	// would never be seen parked; one that blocks is seen so at once,
	// however loaded the machine (hence the wait is only a guard).
	deadline := time.Now().Add(waitLimit)
	for !runnerBlocked(t) {
		if time.Now().After(deadline) {
			t.Fatal("paused runner goroutine is not blocked on its channel")
		}
		time.Sleep(time.Millisecond)
	}
}

// runnerBlocked reports whether the runner goroutine is parked in a select
// (waiting for a command) rather than runnable.
func runnerBlocked(t *testing.T) bool {
	t.Helper()
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	for _, g := range strings.Split(stacks, "\n\n") {
		if strings.Contains(g, "scenes.(*loop).run") {
			return strings.Contains(strings.SplitN(g, "\n", 2)[0], "[select")
		}
	}
	t.Fatal("no runner goroutine found")
	return false
}

func TestRunnerTuneAppliesLive(t *testing.T) {
	defer goleak.VerifyNone(t)
	cfg := config(t, nil)
	r := scenes.NewRunner(scenetest.Wave, cfg)
	defer r.Close()
	r.StepOnce()
	v := cfg.Values.Clone()
	v.Num["speed"] = 1.6
	r.Tune(v)
	st := waitState(t, r, "tuned", func(s *scenes.RunState) bool { return data(s).Tunes == 1 })
	if got := data(st).Values.Float("speed"); got != 1.6 {
		t.Fatalf("experiment runs with speed %v, want 1.6", got)
	}
	if st.Generation != 1 || st.Snapshot.Step != 1 {
		t.Fatalf("tuning rebuilt the experiment: generation %d, step %d", st.Generation, st.Snapshot.Step)
	}
}

func TestRunnerRestartRebuilds(t *testing.T) {
	defer goleak.VerifyNone(t)
	cfg := config(t, map[string]string{"delay": "0"})
	r := scenes.NewRunner(scenetest.Wave, cfg)
	defer r.Close()
	for range 5 {
		r.StepOnce()
	}
	waitState(t, r, "five steps", func(s *scenes.RunState) bool { return s.Snapshot.Step == 5 })
	cfg.Seed = 99
	cfg.Values.Num["budget"] = 7
	r.Restart(cfg)
	st := waitState(t, r, "restarted", func(s *scenes.RunState) bool { return s.Generation == 2 })
	if st.Snapshot.Step != 0 || st.Seed != 99 || st.Values.Int("budget") != 7 {
		t.Fatalf("after restart: step %d seed %d budget %d", st.Snapshot.Step, st.Seed,
			st.Values.Int("budget"))
	}
}

func TestRunnerStatuses(t *testing.T) {
	tests := []struct {
		name string
		set  map[string]string
		want scenes.Status
		err  error
	}{
		{"finishes at its budget", map[string]string{"budget": "5", "delay": "0"}, scenes.Finished, nil},
		{"diverges", map[string]string{"diverge": "3", "delay": "0"}, scenes.Diverged, core.ErrDiverged},
		{"fails to build", map[string]string{"note": "fail"}, scenes.Failed, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t)
			r := scenes.NewRunner(scenetest.Wave, config(t, tt.set))
			defer r.Close()
			r.Play()
			st := waitState(t, r, tt.want.String(), func(s *scenes.RunState) bool {
				return s.Status == tt.want
			})
			if tt.err != nil && !errors.Is(st.Err, tt.err) {
				t.Fatalf("error %v, want one wrapping %v", st.Err, tt.err)
			}
			if tt.want == scenes.Failed && st.Err == nil {
				t.Fatal("a failed runner must carry its error")
			}
		})
	}
}

func TestRunnerCloseInterruptsLongStep(t *testing.T) {
	defer goleak.VerifyNone(t)
	r := scenes.NewRunner(scenetest.Wave, config(t, map[string]string{"delay": "1000"}))
	r.Play()
	waitState(t, r, "running", func(s *scenes.RunState) bool { return s.Status == scenes.Running })
	r.Close()
	r.Close() // twice is fine
	r.Play()  // and commands after Close are dropped
}

func TestRunHeadless(t *testing.T) {
	tests := []struct {
		name      string
		set       map[string]string
		steps     int
		budget    time.Duration
		wantSteps int
		want      scenes.Status
		wantErr   bool
	}{
		{"to its own end", map[string]string{"budget": "12", "delay": "0"}, 0, 0, 12,
			scenes.Finished, false},
		{"stopped by --steps", map[string]string{"delay": "0"}, 9, 0, 9, scenes.Paused, false},
		{"stopped by --budget", map[string]string{"budget": "100000"}, 0, 30 * time.Millisecond, -1,
			scenes.Paused, false},
		{"diverging", map[string]string{"diverge": "4", "delay": "0"}, 0, 0, 3, scenes.Diverged, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			progress := 0
			opts := scenes.HeadlessOptions{Config: config(t, tt.set), Steps: tt.steps,
				Budget: tt.budget, Progress: func(scenes.HeadlessProgress) { progress++ }}
			res, err := scenes.RunHeadless(context.Background(), scenetest.Wave, opts)
			if (err != nil) != tt.wantErr || res.Status != tt.want {
				t.Fatalf("status %v err %v, want %v (error: %v)", res.Status, err, tt.want, tt.wantErr)
			}
			if tt.wantSteps >= 0 && res.Steps != tt.wantSteps {
				t.Fatalf("took %d steps, want %d", res.Steps, tt.wantSteps)
			}
			if res.Steps > 0 && progress != res.Steps {
				t.Fatalf("progress called %d times for %d steps", progress, res.Steps)
			}
		})
	}
}

func TestRunnerRestartsCollapse(t *testing.T) {
	defer goleak.VerifyNone(t)
	cfg := config(t, map[string]string{"delay": "100"})
	r := scenes.NewRunner(scenetest.Wave, cfg)
	defer r.Close()
	r.Play()
	waitState(t, r, "running", func(s *scenes.RunState) bool { return s.Status == scenes.Running })
	const restarts = 20
	for i := 1; i <= restarts; i++ {
		cfg.Values.Num["budget"] = float64(i)
		r.Restart(cfg)
	}
	st := waitState(t, r, "the last restart", func(s *scenes.RunState) bool {
		return s.Values.Int("budget") == restarts
	})
	if st.Generation > 3 {
		t.Fatalf("%d restarts sent during one step built %d experiments, want them collapsed",
			restarts, st.Generation-1)
	}
}

// A paced scene steps no faster than its pace while playing, and a single
// step still comes at once.
func TestRunnerKeepsPace(t *testing.T) {
	defer goleak.VerifyNone(t)
	paced := scenetest.Wave
	paced.Pace = 20
	r := scenes.NewRunner(paced, config(t, map[string]string{"delay": "0", "budget": "100000"}))
	defer r.Close()
	waitState(t, r, "built", func(s *scenes.RunState) bool { return s.HasSnapshot })
	r.Play()
	time.Sleep(300 * time.Millisecond)
	r.Pause()
	st := waitState(t, r, "paused", func(s *scenes.RunState) bool { return s.Status == scenes.Paused })
	// 300 ms at 20 steps/s is at most 7 steps (fewer on a loaded machine);
	// an unpaced wave takes thousands.
	if st.Snapshot.Step < 1 || st.Snapshot.Step > 12 {
		t.Fatalf("%d steps in 300 ms at a pace of 20/s", st.Snapshot.Step)
	}
}

// A live change can give a finished experiment more to do: the runner
// steps it again, and it finishes anew when that is done.
func TestRunnerResumesAfterTuningAFinishedRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	cfg := config(t, map[string]string{"budget": "5", "delay": "0"})
	r := scenes.NewRunner(scenetest.Wave, cfg)
	defer r.Close()
	r.Play()
	waitState(t, r, "finished", func(s *scenes.RunState) bool { return s.Status == scenes.Finished })
	more := cfg.Values.Clone()
	more.Num["budget"] = 9
	r.Tune(more)
	st := waitState(t, r, "finished again", func(s *scenes.RunState) bool {
		return s.Status == scenes.Finished && s.Snapshot.Step == 9
	})
	if st.Err != nil {
		t.Fatalf("resumed run ended with %v", st.Err)
	}
}

func TestLabValuesApplyLabSet(t *testing.T) {
	wave := scenetest.Wave
	wave.LabSet = map[string]string{"shape": "square", "budget": "7"}
	v := scenes.LabValues(wave)
	if v.Index("shape") != 1 || v.Int("budget") != 7 || v.Float("speed") != 0.2 {
		t.Fatalf("lab values %+v", v.Num)
	}
	if d := scenes.Defaults(wave.Params); d.Int("budget") != 200 {
		t.Fatalf("LabSet leaked into the defaults: budget %d", d.Int("budget"))
	}
}

// A scene that cannot be built fails its headless run with an error that
// names the scene exactly once, and keeps the scene's error to match on.
func TestRunHeadlessNamesTheSceneOnce(t *testing.T) {
	cause := errors.New("no such file")
	for _, c := range []struct{ err, want string }{
		{"wave: data: no such file", "wave: data: no such file"},
		{"data: no such file", "wave: data: no such file"},
	} {
		sc := scenetest.Wave
		sc.New = func(scenes.Config) (scenes.Experiment, error) {
			return nil, fmt.Errorf("%s%w", strings.TrimSuffix(c.err, cause.Error()), cause)
		}
		res, err := scenes.RunHeadless(context.Background(), sc,
			scenes.HeadlessOptions{Config: config(t, nil)})
		if err == nil || err.Error() != c.want || !errors.Is(err, cause) || res.Status != scenes.Failed {
			t.Errorf("%q: got %v (%v), want %q", c.err, err, res.Status, c.want)
		}
	}
}
