package mixture

import (
	"context"
	"math"
	"testing"

	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

const scoreTolerance = 1e-12

func TestAdjustedRand(t *testing.T) {
	cases := []struct {
		name string
		a, b []int
		want float64
	}{
		{"identical", []int{0, 0, 1, 1, 2, 2}, []int{0, 0, 1, 1, 2, 2}, 1},
		{"renamed", []int{0, 0, 1, 1, 2, 2}, []int{2, 2, 0, 0, 1, 1}, 1},
		// By hand: index 1, pair sums 2 (a) and 1 (b), expected 1/3,
		// maximum 3/2, so (1 − 1/3) / (3/2 − 1/3) = 4/7.
		{"split", []int{0, 0, 1, 1}, []int{0, 0, 1, 2}, 4.0 / 7},
		// Agreement no better than chance scores 0.
		{"chance", []int{0, 0, 1, 1}, []int{0, 0, 0, 1}, 0},
	}
	for _, c := range cases {
		if got := adjustedRand(c.a, c.b); math.Abs(got-c.want) > scoreTolerance {
			t.Errorf("%s: ARI = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOneLabelAccuracy(t *testing.T) {
	// Three points per class, two classes, two components that match the
	// classes but under swapped names.
	resp := []float64{0, 1, 0, 1, 0.1, 0.9, 1, 0, 0.9, 0.1, 1, 0}
	labels := []int{0, 0, 0, 1, 1, 1}
	acc, names := oneLabelAccuracy(resp, 2, labels, []int{0, 3})
	if acc != 1 || names[0] != 1 || names[1] != 0 {
		t.Fatalf("accuracy %v names %v, want 1 and [1 0]", acc, names)
	}
	// One component only: both labels fall in it, the stronger one wins,
	// and the other class is all wrong.
	flat := []float64{1, 1, 1, 1, 1, 1}
	acc, _ = oneLabelAccuracy(flat, 1, labels, []int{0, 3})
	if math.Abs(acc-0.5) > scoreTolerance {
		t.Fatalf("one component: accuracy %v, want 0.5", acc)
	}
}

func runToEnd(t *testing.T, set map[string]string, seed uint64) (scenes.Snapshot, []float64) {
	t.Helper()
	snap := scenetest.Finish(t, Scene, seed, set)
	return snap, snap.Data.(*picture).logLik
}

func TestSeparatedClassesAreFound(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		for _, cov := range []string{"full", "diagonal"} {
			snap, logLik := runToEnd(t, map[string]string{"cov": cov}, seed)
			if !snap.Verdict.Reproduced {
				t.Errorf("seed %d %s: not reproduced: %s", seed, cov, snap.Verdict.Detail)
			}
			for i := 1; i < len(logLik); i++ {
				if logLik[i] < logLik[i-1]-1e-9 {
					t.Errorf("seed %d %s: log-likelihood fell at iteration %d", seed, cov, i)
				}
			}
			bic := snap.Data.(*picture).bic
			if best := argmin(bic); best != 2 {
				t.Errorf("seed %d %s: BIC prefers k=%d, want 3: %v", seed, cov, best+1, bic)
			}
		}
	}
}

func TestOverlappingClassesAreNot(t *testing.T) {
	snap, _ := runToEnd(t, map[string]string{"separation": "0.5"}, 1)
	if snap.Verdict.Reproduced || snap.Metrics["ari"].(float64) > 0.5 {
		t.Fatalf("overlapping classes reproduced the figure: %s", snap.Verdict.Detail)
	}
}

func TestDigitsRun(t *testing.T) {
	snap, _ := runToEnd(t, map[string]string{"data": "digits", "classes": "4", "k": "4"}, 1)
	ari := snap.Metrics["ari"].(float64)
	if math.IsNaN(ari) || ari <= 0 {
		t.Fatalf("digits: ARI %v, want a positive score", ari)
	}
}

func TestViewFitsEverySize(t *testing.T) {
	snap, _ := runToEnd(t, nil, 1)
	for _, size := range [][2]int{{0, 0}, {1, 1}, {19, 5}, {80, 18}, {120, 34}, {200, 54}} {
		for _, theme := range []*widgets.Theme{widgets.Plain(), widgets.Fixed(0, true)} {
			scenetest.RequireSize(t, view(snap, size[0], size[1], theme), size[0], size[1])
		}
	}
}

func argmin(v []float64) int {
	best := 0
	for i, x := range v {
		if x < v[best] {
			best = i
		}
	}
	return best
}

func TestLogLikelihoodAxisSpansAtLeastAFewHundredths(t *testing.T) {
	for _, c := range []struct {
		ys     []float64
		lo, hi float64
	}{
		{[]float64{-1.6421438, -1.6421435, -1.6421432}, -1.6921432, -1.6421432},
		{[]float64{-3, -2, -1.5}, -3, -1.5},
		{[]float64{math.NaN(), -2, math.Inf(-1)}, -2.05, -2},
		{nil, 0, 0},
		{[]float64{math.NaN()}, 0, 0},
	} {
		lo, hi := atLeastSpan(c.ys, minLogLikSpan)
		if math.Abs(lo-c.lo) > 1e-12 || math.Abs(hi-c.hi) > 1e-12 {
			t.Errorf("%v: bounds %v…%v, want %v…%v", c.ys, lo, hi, c.lo, c.hi)
		}
	}
}

// A new labelled pick is live: it names the same fit by other points. On
// classes that overlap (the digits) some picks name it badly; on separated
// classes every pick names it right.
func TestLabelledPickIsLiveAndOnlyRenamesTheFit(t *testing.T) {
	for _, c := range []struct {
		data       string
		wantSpread bool // whether some picks should score well under others
	}{{"blobs", false}, {"digits", true}} {
		v := scenetest.Values(t, Scene, map[string]string{"data": c.data})
		e := scenetest.New(t, Scene, 1, map[string]string{"data": c.data}).(*experiment)
		for !e.fitDone {
			if err := e.Step(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		ari, iterations := e.ari, e.iterations
		lo, hi := 1.0, 0.0
		for pick := 1; pick <= 6; pick++ {
			v.Num["pick"] = float64(pick)
			e.Tune(v)
			if e.ari != ari || e.iterations != iterations {
				t.Fatalf("%s pick %d changed the fit: ARI %v → %v", c.data, pick, ari, e.ari)
			}
			lo, hi = math.Min(lo, e.oneLabel), math.Max(hi, e.oneLabel)
		}
		if spread := hi-lo > 0.1; spread != c.wantSpread || (!c.wantSpread && lo < 0.9) {
			t.Errorf("%s: one-label accuracy %.3f…%.3f over six picks", c.data, lo, hi)
		}
	}
}
