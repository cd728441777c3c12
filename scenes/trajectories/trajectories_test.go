package trajectories

import (
	"context"
	"errors"
	"math"
	"runtime"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"replab/core"
	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// Tolerances: distances recomputed by hand, and how far the separation of
// randomly relabelled networks may stray from 1 on average.
const (
	distanceTolerance = 1e-9
	shuffledTolerance = 0.1
)

// small is a run small enough for tests; smallRecords is the number of
// functions it records per network (the start and every epoch). Its
// pretrained nets, 20 wide from the small fan-in initialisation, need
// about 8 epochs to get well below chance.
var small = map[string]string{"nets": "5", "epochs": "8", "width": "20", "pretrain": "2"}

const smallRecords = 9

func newRun(t testing.TB, set map[string]string) *experiment {
	t.Helper()
	return scenetest.New(t, Scene, 1, set).(*experiment)
}

func finish(t testing.TB, e *experiment) error {
	t.Helper()
	for range 1000 {
		err := e.Step(context.Background())
		if errors.Is(err, scenes.ErrFinished) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	t.Fatal("the run did not finish")
	return nil
}

var smallRun = func() func(t testing.TB) *experiment {
	var e *experiment
	return func(t testing.TB) *experiment {
		if e == nil {
			e = newRun(t, small)
			if err := finish(t, e); err != nil {
				t.Fatal(err)
			}
		}
		return e
	}
}()

func TestSeparationByHand(t *testing.T) {
	points := [][]float32{{0, 0}, {0, 1}, {5, 0}, {5, 2}}
	sep, spread, _ := separation(points, []int{0, 0, 1, 1})
	between := (5 + math.Sqrt(29) + 2*math.Sqrt(26)) / 4
	if math.Abs(sep-between/1.5) > distanceTolerance || spread != [2]float64{1, 2} {
		t.Fatalf("separation %v spread %v, want %v and [1 2]", sep, spread, between/1.5)
	}
}

// The control that separation reports — the ratio with the group labels
// shuffled — sits at 1 for trained networks, and so does the metric.
func TestShuffledGroupsStayNearOne(t *testing.T) {
	e := smallRun(t)
	points := make([][]float32, len(e.members))
	groups := make([]int, len(e.members))
	for i, m := range e.members {
		points[i], groups[i] = m.outputs[len(m.outputs)-1], m.group
	}
	_, _, control := separation(points, groups)
	if math.Abs(control-1) > shuffledTolerance {
		t.Fatalf("separation with shuffled groups %v on average, want 1 ± %v", control,
			shuffledTolerance)
	}
	if got := e.Snapshot().Metrics["separation_shuffled"]; got != control {
		t.Fatalf("separation_shuffled metric %v, want %v", got, control)
	}
}

func TestSmallRunMetrics(t *testing.T) {
	e := smallRun(t)
	snap := e.Snapshot()
	if !snap.Finished || snap.Progress != 1 {
		t.Fatalf("finished %v progress %v", snap.Finished, snap.Progress)
	}
	m := snap.Metrics
	bySep := m["separation_by_epoch"].([]float64)
	if len(bySep) != smallRecords || bySep[smallRecords-1] != m["separation"] {
		t.Fatalf("separation by epoch %v, final %v", bySep, m["separation"])
	}
	for _, key := range []string{"test_error_pretrained", "test_error_random"} {
		if x := m[key].(float64); !(x < 0.5) {
			t.Errorf("%s = %v: the nets did not learn", key, x)
		}
	}
	want := m["test_error_pretrained"].(float64) <= learnedError &&
		m["test_error_random"].(float64) <= learnedError &&
		m["separation"].(float64) > separatedRatio &&
		m["spread_pretrained"].(float64) < m["spread_random"].(float64)
	if snap.Verdict.Reproduced != want {
		t.Errorf("verdict %v, measurements say %v: %s", snap.Verdict.Reproduced, want,
			snap.Verdict.Detail)
	}
	p := snap.Data.(*picture)
	if rows, _ := p.coords.Dims(); rows != smallRecords*len(e.members) || p.epochs != smallRecords {
		t.Fatalf("embedding of %d rows over %d epochs, want %d", rows, p.epochs,
			smallRecords*len(e.members))
	}
}

func TestTuneSwitchesToTSNEAfterTheRun(t *testing.T) {
	e := newRun(t, small)
	if err := finish(t, e); err != nil {
		t.Fatal(err)
	}
	e.Tune(scenetest.Values(t, Scene, map[string]string{"embedding": "tsne"}))
	p := e.Snapshot().Data.(*picture)
	if p.method != "t-SNE" || p.coords == nil || !e.embed.settled() || p.problem != "" {
		t.Fatalf("method %s, coords %v, settled %v, problem %q", p.method, p.coords != nil,
			e.embed.settled(), p.problem)
	}
}

func TestDivergenceIsReported(t *testing.T) {
	e := newRun(t, small)
	// A weight gone to infinity is what a learning rate far too large leaves.
	e.members[len(e.members)-1].net.Net.Params()[0] = float32(math.Inf(1))
	if err := finish(t, e); !errors.Is(err, core.ErrDiverged) {
		t.Fatalf("an infinite weight: %v, want a divergence", err)
	}
}

func TestViewFitsEverySize(t *testing.T) {
	fresh := newRun(t, small).Snapshot()
	for _, snap := range []scenes.Snapshot{smallRun(t).Snapshot(), fresh, {}} {
		for _, size := range [][2]int{{80, 18}, {80, 24}, {120, 34}, {120, 40}, {200, 60},
			{40, 8}, {39, 7}, {1, 1}} {
			for _, theme := range []*widgets.Theme{widgets.Plain(),
				widgets.Fixed(termenv.TrueColor, true), widgets.Fixed(termenv.ANSI256, false)} {
				scenetest.RequireSize(t, view(snap, size[0], size[1], theme), size[0], size[1])
			}
		}
	}
}

func TestViewGolden80x24(t *testing.T) {
	golden.RequireEqual(t, []byte(view(smallRun(t).Snapshot(), 80, 24, widgets.Plain())))
}

func TestViewGolden120x40(t *testing.T) {
	golden.RequireEqual(t, []byte(view(smallRun(t).Snapshot(), 120, 40, widgets.Plain())))
}

func BenchmarkView120x40(b *testing.B) {
	snap := smallRun(b).Snapshot()
	theme := widgets.Fixed(termenv.TrueColor, true)
	for b.Loop() {
		view(snap, 120, 40, theme)
	}
}

func TestPretrainedGroupLowersReconstructionError(t *testing.T) {
	for _, m := range smallRun(t).members {
		if m.group != groupPre {
			continue
		}
		if len(m.greedy.Layers) != 2 {
			t.Fatalf("%d layers pretrained, want 2", len(m.greedy.Layers))
		}
		for _, l := range m.greedy.Layers {
			if !(l.After < l.Before) {
				t.Errorf("layer %d: reconstruction error %v → %v", l.Layer, l.Before, l.After)
			}
		}
	}
}

// projectionTolerance bounds the relative change of a distance under the
// random projection: about four standard errors of √(2/projectedDims)/2.
const projectionTolerance = 0.13

func TestProjectionKeepsDistances(t *testing.T) {
	rng := core.NewRNG(4)
	members := make([]*member, 6)
	for i := range members {
		out := make([]float32, 3000)
		for j := range out {
			out[j] = float32(rng.Float64()) * float32(1+i%2)
		}
		members[i] = &member{outputs: [][]float32{out}}
	}
	x := stackRecords(members, 1)
	if _, cols := x.Dims(); cols != projectedDims {
		t.Fatalf("%d columns, want %d", cols, projectedDims)
	}
	for i := range members {
		for j := i + 1; j < len(members); j++ {
			exact := distance(members[i].outputs[0], members[j].outputs[0])
			var s float64
			for c := range projectedDims {
				d := x.At(i, c) - x.At(j, c)
				s += d * d
			}
			if rel := math.Abs(math.Sqrt(s)/exact - 1); rel > projectionTolerance {
				t.Errorf("points %d, %d: distance %v projected to %v", i, j, exact, math.Sqrt(s))
			}
		}
	}
}

// BenchmarkEpoch trains 2 × 20 default networks for one epoch, on as many
// workers as GOMAXPROCS, so that `go test -bench Epoch -cpu 1,2` shows what
// the second core buys.
func BenchmarkEpoch(b *testing.B) {
	defer core.SetWorkerBudget(core.WorkerBudget())
	core.SetWorkerBudget(runtime.GOMAXPROCS(0))
	var e *experiment
	for i := range b.N {
		if i%50 == 0 { // a fresh run every 50 epochs, off the clock
			b.StopTimer()
			e = newRun(b, map[string]string{"epochs": "50", "pretrain": "1"})
			b.StartTimer()
		}
		if err := e.advanceEpoch(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFanInStartsNearerTheUniformFunction checks what the init parameter is
// for: networks drawn in ±1/√fan-in start with outputs nearer the uniform
// distribution over the classes, so nearer one another, than with core's
// Glorot scale.
func TestFanInStartsNearerTheUniformFunction(t *testing.T) {
	fromUniform := map[string]float64{}
	for _, init := range initChoices {
		e := newRun(t, map[string]string{"nets": "5", "init": init})
		var sum float64
		for _, m := range e.members {
			if m.group != groupRandom {
				continue
			}
			probs, _ := probe(m.net, e.data.xProbe, e.data.yProbe)
			uniform := make([]float32, len(probs))
			for i := range uniform {
				uniform[i] = 1.0 / classes
			}
			sum += distance(probs, uniform)
		}
		fromUniform[init] = sum / 5
	}
	if !(fromUniform["fanin"] < fromUniform["glorot"]) {
		t.Fatalf("mean distance of the starting functions from uniform: %v", fromUniform)
	}
}
