package gan

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"replab/scenes"
	"replab/tui/widgets"
)

// tinyBudget keeps a whole run within seconds: the judges are barely
// trained, so tests of it check the machinery, not the figure's claim.
var tinyBudget = budget{poolFaces: 300, judgeSteps: 20, evalDraws: 2, gateSamples: 64}

func tinyRun(t *testing.T, seed uint64, sets map[string]string) (*experiment, scenes.Snapshot) {
	t.Helper()
	v := scenes.Defaults(params)
	for k, val := range sets {
		if err := v.Set(params, k, val); err != nil {
			t.Fatal(err)
		}
	}
	e, err := newExperimentWith(scenes.Config{Seed: seed, Values: v}, tinyBudget)
	if err != nil {
		t.Fatal(err)
	}
	for range 10_000 {
		if err := e.Step(context.Background()); errors.Is(err, scenes.ErrFinished) {
			return e, e.Snapshot()
		} else if err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("the run did not finish")
	return nil, scenes.Snapshot{}
}

func TestRunReportsEveryMetric(t *testing.T) {
	e, snap := tinyRun(t, 1, map[string]string{"iterations": "20"})
	checkFinishedRun(t, snap)

	// Switching the equation after the run re-draws the panel and reports
	// that equation's measurements.
	v := scenes.Defaults(params)
	if err := v.Set(params, "equation", "smile"); err != nil {
		t.Fatal(err)
	}
	e.Tune(v)
	after := e.Snapshot()
	if got := after.Data.(viewData).equation; got != equations[1].name {
		t.Errorf("panel shows %q after choosing smile", got)
	}
	if got := after.Metrics["equation"]; got != equations[1].name {
		t.Errorf("metrics are for %q after choosing smile", got)
	}
}

func checkFinishedRun(t *testing.T, snap scenes.Snapshot) {
	t.Helper()
	if !snap.Finished || snap.Progress != 1 {
		t.Errorf("finished %v, progress %v", snap.Finished, snap.Progress)
	}
	for _, key := range []string{"arithmetic_success", "pixel_success", "arithmetic_success_fixed",
		"pixel_success_fixed", "sample_real_rate", "sample_attribute_rates"} {
		if _, ok := snap.Metrics[key]; !ok {
			t.Errorf("metric %q missing", key)
		}
	}
	if snap.Verdict.Claim == "" || snap.Verdict.Detail == "" {
		t.Errorf("verdict %+v", snap.Verdict)
	}
	for _, size := range [][2]int{{54, 19}, {94, 35}, {10, 3}, {0, 0}} {
		checkShape(t, fmt.Sprint(size), view(snap, size[0], size[1], widgets.Plain()), size[0], size[1])
	}
}
