package partitions

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/muesli/termenv"

	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// maxTestSteps bounds every run to the end; a default run takes about 40.
const maxTestSteps = 2000

// runToEnd steps until ErrFinished and returns the final snapshot.
func runToEnd(t testing.TB, exp scenes.Experiment) scenes.Snapshot {
	t.Helper()
	for range maxTestSteps {
		err := exp.Step(context.Background())
		if errors.Is(err, scenes.ErrFinished) {
			return exp.Snapshot()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("not finished after %d steps", maxTestSteps)
	return scenes.Snapshot{}
}

func TestVerdictReproducedInGeneralPosition(t *testing.T) {
	for _, d := range []string{"2", "3", "5"} {
		snap := runToEnd(t, scenetest.New(t, Scene, 3, map[string]string{"d": d}))
		if !snap.Finished || !snap.Verdict.Reproduced {
			t.Fatalf("d=%s: finished %v, verdict %+v", d, snap.Finished, snap.Verdict)
		}
		measured := snap.Metrics["regions_measured"].([]int)
		formula := snap.Metrics["regions_formula"].([]int)
		if len(measured) != maxFeatures || !reflect.DeepEqual(measured, formula) {
			t.Fatalf("d=%s: measured %v, formula %v", d, measured, formula)
		}
		nn := snap.Metrics["nn_regions"].([]int)
		for k, cells := range nn {
			if cells != k+1 {
				t.Fatalf("d=%s: %d centroids gave %d cells", d, k+1, cells)
			}
		}
	}
}

func TestVerdictFailsWhenNotInGeneralPosition(t *testing.T) {
	for _, layout := range []string{"parallel", "concurrent"} {
		snap := runToEnd(t, scenetest.New(t, Scene, 3, map[string]string{"layout": layout}))
		if snap.Verdict.Reproduced {
			t.Fatalf("%s: reproduced with a degenerate arrangement: %s", layout, snap.Verdict.Detail)
		}
		if !strings.Contains(snap.Verdict.Detail, "NOT in general position") {
			t.Fatalf("%s: detail does not say why: %s", layout, snap.Verdict.Detail)
		}
		measured := snap.Metrics["regions_measured_d2"].([]int)
		formula := snap.Metrics["regions_formula_d2"].([]int)
		if last := maxFeatures - 1; measured[last] >= formula[last] {
			t.Fatalf("%s: %d regions, formula %d: the count should fall short",
				layout, measured[last], formula[last])
		}
	}
}

func TestVerdictWhileMeasuring(t *testing.T) {
	exp := scenetest.New(t, Scene, 1, nil)
	if err := exp.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	snap := exp.Snapshot()
	if snap.Verdict.Reproduced || snap.Finished || snap.Progress >= 1 {
		t.Fatalf("after one step: %+v finished %v progress %v", snap.Verdict, snap.Finished,
			snap.Progress)
	}
}

func TestDeterministicForASeed(t *testing.T) {
	run := func(seed uint64) (string, string) {
		snap := runToEnd(t, scenetest.New(t, Scene, seed, map[string]string{"mode": "learned"}))
		metrics, err := json.Marshal(snap.Metrics)
		if err != nil {
			t.Fatal(err)
		}
		return string(metrics), View(snap, 100, 30, widgets.Plain())
	}
	m1, v1 := run(9)
	m2, v2 := run(9)
	if m1 != m2 || v1 != v2 {
		t.Fatal("two runs with seed 9 differ")
	}
	if m3, _ := run(10); m3 == m1 {
		t.Fatal("seeds 9 and 10 gave identical metrics")
	}
}

func TestLearnedModeTrains(t *testing.T) {
	for _, data := range datasetNames {
		exp := scenetest.New(t, Scene, 4, map[string]string{"mode": "learned", "n": "8",
			"data": data})
		snap := runToEnd(t, exp)
		first := snap.Metrics["learned_first_loss"].(float64)
		last := snap.Metrics["learned_loss"].(float64)
		if !(last < first/2) {
			t.Fatalf("%s: loss %v → %v, did not halve", data, first, last)
		}
		f := snap.Data.(*Frame)
		if len(f.Lines) != 8 || snap.Metrics["plane_regions"].(int) != len(f.Regions) {
			t.Fatalf("%s: %d lines, %d regions", data, len(f.Lines), len(f.Regions))
		}
	}
}

func TestTuneIsLive(t *testing.T) {
	exp := scenetest.New(t, Scene, 2, nil)
	exp.Tune(scenetest.Values(t, Scene, map[string]string{"n": "5", "k": "12", "x": "-1", "y": "1.2"}))
	snap := runToEnd(t, exp)
	f := snap.Data.(*Frame)
	if len(f.Lines) != 5 || len(f.Regions) != regionFormula(5, 2) {
		t.Fatalf("n=5: %d lines, %d regions", len(f.Lines), len(f.Regions))
	}
	if len(f.Centroids) != 12 || f.Cells != 12 {
		t.Fatalf("k=12: %d centroids, %d cells", len(f.Centroids), f.Cells)
	}
	want := codeText(codeOf(f.Lines, [2]float64{-1, 1.2}), 5)
	if f.CursorCode != want || snap.Metrics["cursor_code"] != want {
		t.Fatalf("cursor code %q, want %q", f.CursorCode, want)
	}
}

func TestTuneAfterFinishDoesTheWork(t *testing.T) {
	// Drivers stop stepping a finished run, so a live change made then must
	// be complete when Tune returns.
	exp := scenetest.New(t, Scene, 6, map[string]string{"mode": "learned"})
	runToEnd(t, exp)
	exp.Tune(scenetest.Values(t, Scene, map[string]string{"mode": "learned", "n": "6", "k": "20"}))
	snap := exp.Snapshot()
	f := snap.Data.(*Frame)
	if !snap.Finished || len(f.Centroids) != 20 || f.Cells != 20 {
		t.Fatalf("finished %v, %d centroids, %d cells", snap.Finished, len(f.Centroids), f.Cells)
	}
	firstLoss := snap.Metrics["learned_first_loss"].(float64)
	if len(f.Lines) != 6 || f.Epochs != learnedEpochs || !(f.Loss < firstLoss/2) {
		t.Fatalf("%d lines, %d epochs, loss %v", len(f.Lines), f.Epochs, f.Loss)
	}
	if err := exp.Step(context.Background()); !errors.Is(err, scenes.ErrFinished) {
		t.Fatalf("step after the tuned work: %v", err)
	}
}

func TestDrawRedrawsOnlyTheLines(t *testing.T) {
	first := scenetest.New(t, Scene, 8, nil).Snapshot().Data.(*Frame)
	second := scenetest.New(t, Scene, 8, map[string]string{"draw": "2"}).Snapshot().Data.(*Frame)
	if reflect.DeepEqual(first.Lines, second.Lines) {
		t.Fatal("draw=2 kept the lines of draw=1")
	}
	if !reflect.DeepEqual(first.Points, second.Points) {
		t.Fatal("draw=2 changed the data")
	}
}

func TestVoronoiCells(t *testing.T) {
	tests := []struct {
		name      string
		centroids [][2]float64
		want      int
	}{
		{"one", [][2]float64{{0, 0}}, 1},
		{"collinear", [][2]float64{{0, 0}, {1, 0}, {2, 0}, {3, 0}}, 4},
		{"duplicate", [][2]float64{{0, 0}, {1, 1}, {1, 1}}, 1},
		{"square", [][2]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5, 0.5}}, 5},
	}
	for _, tc := range tests {
		if got := voronoiCells(tc.centroids); got != tc.want {
			t.Errorf("%s: %d cells, want %d", tc.name, got, tc.want)
		}
	}
}

func TestViewFitsEverySize(t *testing.T) {
	snap := runToEnd(t, scenetest.New(t, Scene, 5, map[string]string{"mode": "learned"}))
	themes := []*widgets.Theme{widgets.Plain(), widgets.Fixed(termenv.TrueColor, true),
		widgets.Fixed(termenv.ANSI256, false), nil}
	sizes := [][2]int{{80, 18}, {80, 24}, {54, 20}, {120, 40}, {174, 56}, {200, 60}, {30, 10},
		{1, 1}, {0, 0}, {79, 7}}
	for _, theme := range themes {
		for _, size := range sizes {
			scenetest.RequireSize(t, View(snap, size[0], size[1], theme), size[0], size[1])
		}
	}
	scenetest.RequireSize(t, View(scenes.Snapshot{}, 80, 18, nil), 80, 18)
}

// goldenSteps is more than a default run takes, so the goldens show a
// finished run.
const goldenSteps = 1000

func TestViewGolden80x24(t *testing.T) { scenetest.Golden(t, Scene, 80, 24, goldenSteps) }

func TestViewGolden120x40(t *testing.T) { scenetest.Golden(t, Scene, 120, 40, goldenSteps) }

func BenchmarkView120x40(b *testing.B) {
	snap := runToEnd(b, scenetest.New(b, Scene, 1, map[string]string{"n": "12", "k": "20"}))
	theme := widgets.Fixed(termenv.TrueColor, true)
	for b.Loop() {
		View(snap, 120, 40, theme)
	}
}

func BenchmarkView200x60(b *testing.B) {
	snap := runToEnd(b, scenetest.New(b, Scene, 1, map[string]string{"n": "12", "k": "20"}))
	theme := widgets.Fixed(termenv.TrueColor, true)
	for b.Loop() {
		View(snap, 200, 60, theme)
	}
}

func BenchmarkRunToEnd(b *testing.B) {
	for b.Loop() {
		runToEnd(b, scenetest.New(b, Scene, 1, map[string]string{"d": "4"}))
	}
}

func TestPlanLayoutKeepsMapsSquareAndInside(t *testing.T) {
	for w := 20; w <= 220; w += 7 {
		for h := 8; h <= 70; h += 5 {
			l := planLayout(w, h)
			if 2*l.mapCols+gap > w || l.mapRows+1 > h {
				t.Fatalf("%d×%d: maps %d×%d do not fit", w, h, l.mapCols, l.mapRows)
			}
			if l.mapCols >= 8 && l.mapCols != 2*l.mapRows && l.mapCols != 2*l.mapRows-1 {
				t.Fatalf("%d×%d: maps %d×%d cells are not square", w, h, l.mapCols, l.mapRows)
			}
			if l.infoX+l.infoW > w || l.infoY+l.infoH > h || l.chartY+l.chartH != h {
				t.Fatalf("%d×%d: layout %+v leaves the area", w, h, l)
			}
			if h >= 24 && l.chartH < minChartRows {
				t.Fatalf("%d×%d: chart of %d rows", w, h, l.chartH)
			}
		}
	}
}

func TestJudge(t *testing.T) {
	full := func() *Frame {
		f := &Frame{Dim: 3, Formula2: formulas(2), FormulaD: formulas(3)}
		f.Measured2, f.MeasuredD = slices.Clone(f.Formula2), slices.Clone(f.FormulaD)
		for k := 1; k <= maxCentroids; k++ {
			f.NN = append(f.NN, k)
		}
		return f
	}
	general := Position{General: true, MinNormals: 0.1, MinAffine: 0.1}
	tests := []struct {
		name   string
		change func(f *Frame, pos *Position, failed *int)
		want   bool
	}{
		{"all measured as the formula", func(*Frame, *Position, *int) {}, true},
		{"one count short", func(f *Frame, _ *Position, _ *int) { f.MeasuredD[9]-- }, false},
		{"one nn cell short", func(f *Frame, _ *Position, _ *int) { f.NN[4] = 4 }, false},
		{"degenerate", func(_ *Frame, p *Position, _ *int) { p.General = false }, false},
		{"a failed program", func(_ *Frame, _ *Position, n *int) { *n = 1 }, false},
		{"still measuring", func(f *Frame, _ *Position, _ *int) { f.NN = f.NN[:3] }, false},
	}
	for _, tc := range tests {
		f, pos, failed := full(), general, 0
		tc.change(f, &pos, &failed)
		if got := judge(f, general, pos, failed); got.Reproduced != tc.want {
			t.Errorf("%s: reproduced %v, want %v (%s)", tc.name, got.Reproduced, tc.want, got.Detail)
		}
	}
}
