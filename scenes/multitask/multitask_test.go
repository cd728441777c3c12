package multitask

import (
	"context"
	"slices"
	"testing"

	"replab/core"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

const formatTolerance = 1e-6

func TestFormats(t *testing.T) {
	image := make([]float32, 64)
	image[0], image[9], image[63] = 1, 0.5, 0.25 // (0,0), (1,1), (7,7)
	sums := make([]float32, 16)
	rowColumnSums(image, sums)
	wantSums := []float32{1.0 / 8, 0.5 / 8, 0, 0, 0, 0, 0, 0.25 / 8,
		1.0 / 8, 0.5 / 8, 0, 0, 0, 0, 0, 0.25 / 8}
	small := make([]float32, 16)
	coarse(image, small)
	wantSmall := make([]float32, 16)
	wantSmall[0], wantSmall[15] = 1.5/4, 0.25/4
	for i := range 16 {
		if d := sums[i] - wantSums[i]; d > formatTolerance || d < -formatTolerance {
			t.Errorf("sums[%d] = %v, want %v", i, sums[i], wantSums[i])
		}
		if d := small[i] - wantSmall[i]; d > formatTolerance || d < -formatTolerance {
			t.Errorf("coarse[%d] = %v, want %v", i, small[i], wantSmall[i])
		}
	}
}

func TestSplitsShareTestDigitsAndRationTheScarceLabels(t *testing.T) {
	splits, err := digitSplits(core.NewRNG(1), 1, 5)
	if err != nil {
		t.Fatal(err)
	}
	if n := splits[1].trainX.Rows; n != 50 {
		t.Fatalf("scarce format has %d labelled rows, want 5 × 10", n)
	}
	if splits[0].trainX.Rows < 1000 || splits[2].trainX.Rows != splits[0].trainX.Rows {
		t.Fatalf("plentiful formats have %d and %d rows", splits[0].trainX.Rows, splits[2].trainX.Rows)
	}
	for f := 1; f < len(formats); f++ {
		if !slices.Equal(splits[f].testY.Data, splits[0].testY.Data) {
			t.Fatalf("format %d is tested on other digits", f)
		}
	}
}

func newRun(t *testing.T, set map[string]string) *experiment {
	t.Helper()
	return scenetest.New(t, Scene, 7, set).(*experiment)
}

// With very few labels, what the other formats taught the shared layers
// shows: on the seeds tested, the shared model beats the separate network
// on the scarce format, averaged over three runs.
func TestSharingHelpsTheScarceFormat(t *testing.T) {
	snap := scenetest.Finish(t, Scene, 7, map[string]string{"labels": "3", "steps": "600"})
	if !snap.Verdict.Reproduced {
		t.Fatalf("not reproduced: %s", snap.Verdict.Detail)
	}
	shared := snap.Metrics["acc_shared"].(map[string]float64)
	if shared["image"] < 0.9 {
		t.Fatalf("the plentiful image format reached only %.3f", shared["image"])
	}
}

// The report's two rows at their own settings: on every seed tried, the
// shared model trained jointly, and the shared layers learned from the
// plentiful formats then given to the scarce one, beat a network trained
// on the scarce labels alone.
func TestReportRowsReproduce(t *testing.T) {
	for _, rep := range Scene.Reports {
		for _, seed := range []uint64{1, 2, 3} {
			snap := scenetest.Finish(t, Scene, seed, rep.Set)
			if !snap.Verdict.Reproduced {
				t.Errorf("%v, seed %d: %s", rep.Set, seed, snap.Verdict.Detail)
			}
		}
	}
}

func TestOneRunIsNotAVerdict(t *testing.T) {
	snap := scenetest.Finish(t, Scene, 7, map[string]string{"runs": "1", "steps": "100"})
	if snap.Verdict.Reproduced {
		t.Fatalf("one run reproduced the figure: %s", snap.Verdict.Detail)
	}
}

// In transfer mode's second half the shared layers are frozen: only the
// scarce format's new lower layer learns.
func TestTransferFreezesTheSharedLayers(t *testing.T) {
	e := newRun(t, map[string]string{"mode": "transfer", "runs": "1", "steps": "200"})
	for e.iter < 100 {
		if err := e.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	before := slices.Clone(e.shared.upper.Params())
	plentiful := slices.Clone(e.shared.lower[0].Params())
	if err := e.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before, e.shared.upper.Params()) {
		t.Fatal("shared layers changed in the transfer phase")
	}
	if !slices.Equal(plentiful, e.shared.lower[0].Params()) {
		t.Fatal("a plentiful format's lower layer changed in the transfer phase")
	}
}

func TestViewFitsEverySize(t *testing.T) {
	snap := scenetest.Finish(t, Scene, 7, map[string]string{"runs": "1", "steps": "100"})
	for _, size := range [][2]int{{0, 0}, {1, 1}, {39, 11}, {80, 18}, {120, 34}, {200, 54}} {
		for _, theme := range []*widgets.Theme{widgets.Plain(), widgets.Fixed(0, true)} {
			scenetest.RequireSize(t, view(snap, size[0], size[1], theme), size[0], size[1])
		}
	}
}
