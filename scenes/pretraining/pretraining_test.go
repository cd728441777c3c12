package pretraining

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"replab/core"
	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// harmTolerance compares harms recomputed from the scores.
const harmTolerance = 1e-12

// tiny is a sweep small enough for tests: every task, small networks,
// short pretraining and fine-tuning.
var tiny = map[string]string{
	"width": "16", "depth": "2", "pretrain": "1", "budget": "50", "labels": "200", "seeds": "3",
}

// newSweep builds the experiment on the tasks keep accepts (all if nil).
func newSweep(t testing.TB, set map[string]string, seed uint64,
	keep func(*task) bool) *experiment {
	t.Helper()
	exp, err := Scene.New(scenes.Config{Seed: seed, Values: scenetest.Values(t, Scene, set)})
	if err != nil {
		t.Fatal(err)
	}
	e := exp.(*experiment)
	if keep != nil {
		var kept []*task
		for _, task := range e.tasks {
			if keep(task) {
				kept = append(kept, task)
			}
		}
		e.tasks, e.finished = kept, e.finished[:len(kept)]
		e.queue = sweepOrder(e.tasks)
	}
	return e
}

// runSweep runs the experiment on the tasks keep accepts to its end.
func runSweep(t testing.TB, set map[string]string, seed uint64,
	keep func(*task) bool) scenes.Snapshot {
	t.Helper()
	e := newSweep(t, set, seed, keep)
	for {
		err := e.Step(context.Background())
		if errors.Is(err, scenes.ErrFinished) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return e.Snapshot()
}

var tinySnapshot = func() func(t testing.TB) scenes.Snapshot {
	var snap *scenes.Snapshot
	return func(t testing.TB) scenes.Snapshot {
		if snap == nil {
			s := runSweep(t, tiny, 1, nil)
			snap = &s
		}
		return *snap
	}
}()

func TestSweepMetricsAreConsistent(t *testing.T) {
	snap := tinySnapshot(t)
	if !snap.Finished || snap.Progress != 1 {
		t.Fatalf("finished %v progress %v", snap.Finished, snap.Progress)
	}
	p := snap.Data.(*picture)
	byTask := snap.Metrics["harm_by_task"].(map[string]any)
	if len(byTask) < 12 || len(p.columns) != len(byTask) {
		t.Fatalf("%d tasks in harm_by_task, %d columns", len(byTask), len(p.columns))
	}
	chem, sum := 0, 0.0
	for _, c := range p.columns {
		harms := byTask[c.name].([]float64)
		if len(harms)+c.failed != c.planned || c.planned < 3 {
			t.Errorf("%s: %d harms, %d failed, %d planned", c.name, len(harms), c.failed, c.planned)
		}
		for k, h := range harms {
			if math.Abs(h-(c.without[k]-c.with[k])) > harmTolerance {
				t.Errorf("%s seed %d: harm %v, scores %v and %v", c.name, k, h,
					c.without[k], c.with[k])
			}
		}
		if c.chem {
			chem++
		}
		sum += mean(harms)
	}
	if chem < 6 {
		t.Errorf("%d chemistry tasks, want at least 6", chem)
	}
	meanHarm := snap.Metrics["mean_harm"].(float64)
	if math.Abs(meanHarm-sum/float64(len(p.columns))) > harmTolerance {
		t.Errorf("mean_harm %v, mean of task means %v", meanHarm, sum/float64(len(p.columns)))
	}
	hurt, helped := snap.Metrics["tasks_hurt"].(int), snap.Metrics["tasks_helped"].(int)
	if hurt+helped+snap.Metrics["tasks_tied"].(int) != len(p.columns) {
		t.Errorf("hurt %d + helped %d + tied do not add up to %d tasks", hurt, helped,
			len(p.columns))
	}
	if want := meanHarm > 0 && helped > 0; snap.Verdict.Reproduced != want {
		t.Errorf("verdict %v with mean harm %v and %d helped", snap.Verdict.Reproduced,
			meanHarm, helped)
	}
}

func TestVerdictFollowsTheMeasurement(t *testing.T) {
	cases := []struct {
		name     string
		meanHarm float64
		helped   int
		finished bool
		want     bool
	}{
		{"usually hurts, sometimes helps", 0.03, 2, true, true},
		{"helps on average", -0.01, 5, true, false},
		{"never helps", 0.05, 0, true, false},
		{"still running", 0.03, 2, false, false},
		{"nothing measured", math.NaN(), 0, false, false},
	}
	for _, c := range cases {
		m := measurement{meanHarm: c.meanHarm, helped: c.helped, hurt: 3, total: 10, done: 5}
		v := m.verdict(c.finished, core.ActReLU)
		if v.Reproduced != c.want || v.Claim != claim || v.Detail == "" {
			t.Errorf("%s: %+v", c.name, v)
		}
	}
}

func TestPairsDoNotDependOnWorkers(t *testing.T) {
	defer core.SetWorkerBudget(core.WorkerBudget())
	var harms [2]any
	for i, workers := range []int{1, 3} {
		core.SetWorkerBudget(workers)
		harms[i] = runSweep(t, tiny, 7, small).Metrics["harm_by_task"]
	}
	a, b := harms[0].(map[string]any), harms[1].(map[string]any)
	for name, h := range a {
		x, y := h.([]float64), b[name].([]float64)
		if len(x) != len(y) {
			t.Fatalf("%s: %v against %v", name, x, y)
		}
		for k := range x {
			if x[k] != y[k] {
				t.Errorf("%s seed %d: %v with one worker, %v with three", name, k, x[k], y[k])
			}
		}
	}
}

// small keeps the cheap tasks and one chemistry task.
func small(t *task) bool { return !t.chem || t.name == "wehi_pains" }

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// goodCSV is a small regression task: y depends on a and b.
func goodCSV() string {
	var b strings.Builder
	b.WriteString("a,b,y\n")
	for i := range 60 {
		x1, x2 := i%7, i%5
		fmt.Fprintf(&b, "%d,%d,%d.5\n", x1, x2, 2*x1-x2)
	}
	return b.String()
}

func TestUserTaskFromCSV(t *testing.T) {
	for file, name := range map[string]string{"my_task.csv": "my_task", "iris.csv": "user_iris"} {
		path := writeFile(t, file, goodCSV())
		snap := runSweep(t, map[string]string{"data": path, "target": "y", "width": "16",
			"pretrain": "1", "budget": "50"}, 1, func(t *task) bool { return t.userFile })
		harms, ok := snap.Metrics["harm_by_task"].(map[string]any)[name].([]float64)
		if !ok || len(harms) != cheapSeeds {
			t.Fatalf("%s: harms %v under %q, want %d pairs", file, harms, name, cheapSeeds)
		}
	}
}

func TestMalformedCSVIsAClearError(t *testing.T) {
	cases := []struct {
		name, content, target, want string
	}{
		{"ragged", "a,b,y\n1,2,3\n4,5\n", "y", "line 3"},
		{"not a number", "a,b,y\n1,2,3\n4,abc,6\n", "y", "not a number"},
		{"no such target", goodCSV(), "z", "z"},
		{"no target named", goodCSV(), "", "target=COLUMN"},
		{"empty", "", "y", "my.csv"},
	}
	for _, c := range cases {
		path := writeFile(t, "my.csv", c.content)
		v := scenetest.Values(t, Scene, map[string]string{"data": path, "target": c.target})
		_, err := Scene.New(scenes.Config{Seed: 1, Values: v})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	v := scenetest.Values(t, Scene, map[string]string{"data": filepath.Join(t.TempDir(), "absent.csv"),
		"target": "y"})
	if _, err := Scene.New(scenes.Config{Seed: 1, Values: v}); err == nil ||
		!strings.Contains(err.Error(), "absent.csv") {
		t.Errorf("missing file: error %v", err)
	}
}

func TestViewFitsEverySize(t *testing.T) {
	snap := tinySnapshot(t)
	e := newSweep(t, tiny, 1, nil)
	for range 3 {
		if err := e.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	running := e.Snapshot()
	for _, s := range []scenes.Snapshot{snap, running, {}} {
		for _, size := range [][2]int{{80, 18}, {80, 24}, {120, 34}, {120, 40}, {200, 60},
			{40, 8}, {39, 7}, {1, 1}} {
			for _, theme := range []*widgets.Theme{widgets.Plain(),
				widgets.Fixed(termenv.TrueColor, true)} {
				scenetest.RequireSize(t, view(s, size[0], size[1], theme), size[0], size[1])
			}
		}
	}
}

func TestViewGolden80x24(t *testing.T) {
	golden.RequireEqual(t, []byte(view(tinySnapshot(t), 80, 24, widgets.Plain())))
}

func TestViewGolden120x40(t *testing.T) {
	golden.RequireEqual(t, []byte(view(tinySnapshot(t), 120, 40, widgets.Plain())))
}

func BenchmarkView120x40(b *testing.B) {
	snap := tinySnapshot(b)
	theme := widgets.Fixed(termenv.TrueColor, true)
	for b.Loop() {
		view(snap, 120, 40, theme)
	}
}

func TestPretrainingLowersReconstructionError(t *testing.T) {
	set := map[string]string{"width": "16", "depth": "2", "pretrain": "3", "budget": "50",
		"seeds": "3"}
	e := newSweep(t, set, 3, func(t *task) bool {
		return t.name == "digits" || t.name == "wehi_pains"
	})
	for !e.done() {
		if err := e.Step(context.Background()); err != nil && !errors.Is(err, scenes.ErrFinished) {
			t.Fatal(err)
		}
	}
	for _, pairs := range e.finished {
		for _, p := range pairs {
			if len(p.pretrained) != 2 {
				t.Fatalf("%s seed %d: %d layers pretrained", p.task.name, p.seed, len(p.pretrained))
			}
			for _, l := range p.pretrained {
				if !(l.After < l.Before) {
					t.Errorf("%s seed %d layer %d: reconstruction error %v → %v",
						p.task.name, p.seed, l.Layer, l.Before, l.After)
				}
			}
		}
	}
}

// BenchmarkSweep runs a small sweep (the PAINS task and the small tables,
// four pairs at a time) on as many workers as GOMAXPROCS, so that
// `go test -bench Sweep -cpu 1,2` shows what the second core buys.
func BenchmarkSweep(b *testing.B) {
	defer core.SetWorkerBudget(core.WorkerBudget())
	core.SetWorkerBudget(runtime.GOMAXPROCS(0))
	set := map[string]string{"width": "64", "pretrain": "2", "budget": "100", "seeds": "4"}
	for b.Loop() {
		runSweep(b, set, 1, small)
	}
}

func TestDivergedPairIsLeftOut(t *testing.T) {
	e := newSweep(t, tiny, 1, func(t *task) bool { return t.name == "wine" })
	if err := e.fill(); err != nil {
		t.Fatal(err)
	}
	// A weight gone to infinity is what a step far too large leaves.
	e.active[0].without.Net.Params()[0] = float32(math.Inf(1))
	for !e.done() {
		if err := e.Step(context.Background()); err != nil && !errors.Is(err, scenes.ErrFinished) {
			t.Fatal(err)
		}
	}
	snap := e.Snapshot()
	harms := snap.Metrics["harm_by_task"].(map[string]any)["wine"].([]float64)
	if snap.Metrics["pairs_failed"] != 1 || len(harms) != cheapSeeds-1 ||
		!strings.Contains(snap.Verdict.Detail, "diverged") {
		t.Fatalf("failed %v, %d harms, detail %q", snap.Metrics["pairs_failed"], len(harms),
			snap.Verdict.Detail)
	}
}
