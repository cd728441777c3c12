package salience

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"replab/core"
	"replab/scenes"
	"replab/tui/scenetest"
)

// tinyBudget trains in well under a second: enough to exercise every path,
// not to reproduce the figures.
var tinyBudget = budget{hidden: 32, discHidden: 16, batch: 8, trainSteps: 12, evalEvery: 4,
	testFrames: 6, stepsPerCall: 4}

func tinyExperiment(t *testing.T, data string, seed uint64) *Experiment {
	t.Helper()
	v := scenes.Defaults(Params)
	if err := v.Set(Params, "data", data); err != nil {
		t.Fatal(err)
	}
	return newExperiment(seed, readSettings(v), tinyBudget)
}

// runToEnd steps e until its budget is spent and returns the final snapshot.
func runToEnd(t *testing.T, e *Experiment) scenes.Snapshot {
	t.Helper()
	for range 100 {
		err := e.Step(context.Background())
		if errors.Is(err, scenes.ErrFinished) {
			return e.Snapshot()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("budget never spent")
	return scenes.Snapshot{}
}

func TestExperimentReportsEveryMetric(t *testing.T) {
	want := map[string][]string{
		"pingpong": {"mse_recon", "ball_kept_mse", "arm_iou_mse", "ball_kept_mse_large"},
		"head": {"ear_sharp_mse", "ear_sharp_adv", "ear_ghost_mse", "ear_ghost_adv",
			"mse_mse", "mse_adv"},
	}
	for data, keys := range want {
		snap := runToEnd(t, tinyExperiment(t, data, 1))
		if !snap.Finished || snap.Progress != 1 || snap.Step != tinyBudget.trainSteps {
			t.Errorf("%s: finished=%v progress=%g step=%d", data, snap.Finished, snap.Progress, snap.Step)
		}
		for _, k := range keys {
			v, ok := snap.Metrics[k].(float64)
			if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: metric %s = %v", data, k, snap.Metrics[k])
			}
		}
		if snap.Verdict.Claim == "" || snap.Verdict.Detail == "" {
			t.Errorf("%s: empty verdict %+v", data, snap.Verdict)
		}
	}
}

func TestExperimentIsDeterministicWhateverTheWorkers(t *testing.T) {
	defer core.SetWorkerBudget(core.WorkerBudget())
	for _, data := range []string{"pingpong", "head"} {
		core.SetWorkerBudget(2)
		a := runToEnd(t, tinyExperiment(t, data, 5))
		core.SetWorkerBudget(1)
		b := runToEnd(t, tinyExperiment(t, data, 5))
		if !reflect.DeepEqual(a.Metrics, b.Metrics) {
			t.Errorf("%s: same seed, different metrics:\n%v\n%v", data, a.Metrics, b.Metrics)
		}
	}
}

func TestTrainingLowersReconstructionError(t *testing.T) {
	e := tinyExperiment(t, "pingpong", 2)
	before := e.Snapshot().Metrics["mse_recon"].(float64)
	after := runToEnd(t, e).Metrics["mse_recon"].(float64)
	if !(after < before) {
		t.Errorf("test MSE went from %.4f to %.4f", before, after)
	}
}

func TestStepStopsOnCancelledContext(t *testing.T) {
	e := tinyExperiment(t, "head", 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.Step(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Step on a cancelled context: %v", err)
	}
}

func TestTuneAppliesLiveParameters(t *testing.T) {
	e := tinyExperiment(t, "head", 1)
	v := scenes.Defaults(Params)
	for name, value := range map[string]string{"lr": "0.004", "lr_d": "0.0001", "lambda": "0.1",
		"magnify": "on", "data": "pingpong"} {
		if err := v.Set(Params, name, value); err != nil {
			t.Fatal(err)
		}
	}
	e.Tune(v)
	run := e.run.(*headRun)
	if run.adv.gen.opt.LR != 0.004 || run.plain.Opt.LearningRate() != 0.004 ||
		run.adv.disc.opt.LR != 0.0001 {
		t.Errorf("learning rates not applied")
	}
	if e.set.lambda != 0.1 || !e.set.magnify || e.set.dataset != datasetHead {
		t.Errorf("live settings %+v", e.set)
	}

	ping := tinyExperiment(t, "pingpong", 1)
	if err := v.Set(Params, "lr_ae", "0.002"); err != nil {
		t.Fatal(err)
	}
	ping.Tune(v)
	for _, m := range ping.run.(*pingpongRun).models {
		if m.Opt.LearningRate() != 0.002 {
			t.Errorf("autoencoder learning rate %g, want 0.002", m.Opt.LearningRate())
		}
	}
}

func TestSceneBuildsBothDataSets(t *testing.T) {
	for _, data := range []string{"pingpong", "head"} {
		e := scenetest.New(t, Scene, 1, map[string]string{"data": data})
		if snap := e.Snapshot(); snap.Step != 0 || snap.Finished || len(snap.Metrics) == 0 {
			t.Errorf("%s: fresh snapshot %+v", data, snap)
		}
	}
	v := scenes.Defaults(Scene.Params)
	v.Num["data"] = 7
	if _, err := Scene.New(scenes.Config{Seed: 1, Values: v}); err == nil {
		t.Error("an unknown data set index was accepted")
	}
}
