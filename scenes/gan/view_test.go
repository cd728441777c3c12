package gan

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"replab/core"
	"replab/scenes"
	"replab/tui/widgets"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixtureSnapshot is a finished run's snapshot built from rendered faces
// rather than from training, so the golden views do not move with the
// numerics of the core.
func fixtureSnapshot() scenes.Snapshot {
	rng := rand.New(rand.NewPCG(9, 9))
	faces := func(n int) *core.Mat { return newFacePool(rng, n).images }
	d := draw{grid: faces(gridCells), pixel: faces(1), exemplarOK: true}
	for t := range d.exemplars {
		d.exemplars[t] = faces(perConcept)
	}
	for i := range gridCells {
		d.gridMarks = append(d.gridMarks, mark{attrs: i%3 != 2, realness: 0.6, realGated: i != 4})
	}
	d.pixelMark = mark{attrs: true, realness: 0.01}
	data := viewData{phase: phaseNames[phaseDone], iter: 3000, target: 3000,
		equation: equations[0].name, panel: &d, gate: 0.2, judgesTrained: true}
	samples := faces(sampleGridCodes)
	for i := range samples.Rows {
		data.samples = append(data.samples, samples.Row(i))
	}
	for i := range 100 {
		data.discLoss = append(data.discLoss, 1.4-0.3*float64(i)/100)
		data.genLoss = append(data.genLoss, 0.8+0.4*float64(i%10)/10)
	}
	data.lossEvery = 30
	metrics := map[string]any{"arithmetic_success": 0.74, "pixel_success": 0.0,
		"arithmetic_success_fixed": 0.48, "pixel_success_fixed": 0.0, "sample_real_rate": 0.56}
	return scenes.Snapshot{Step: 3000, Progress: 1, Finished: true, Data: data, Metrics: metrics}
}

func TestViewGolden(t *testing.T) {
	snap := fixtureSnapshot()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {54, 19}, {88, 36}} {
		name := fmt.Sprintf("view_%dx%d.golden", size[0], size[1])
		got := view(snap, size[0], size[1], widgets.Plain())
		checkShape(t, name, got, size[0], size[1])
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the golden file:\n%s", name, got)
		}
	}
}

// TestViewAnySize draws every phase at sizes from degenerate to large: the
// view must return exactly height lines of at most width cells.
func TestViewAnySize(t *testing.T) {
	full := fixtureSnapshot()
	early := full
	data := full.Data.(viewData)
	data.panel, data.discLoss, data.genLoss = nil, nil, nil
	early.Data = data
	for _, snap := range []scenes.Snapshot{full, early, {}} {
		for _, size := range [][2]int{{1, 1}, {0, 0}, {5, 2}, {40, 10}, {79, 23}, {200, 60}} {
			for _, theme := range []*widgets.Theme{widgets.Plain(), widgets.Fixed(0, true)} {
				out := view(snap, size[0], size[1], theme)
				checkShape(t, fmt.Sprint(size), out, size[0], size[1])
			}
		}
	}
}

func checkShape(t *testing.T, name, out string, width, height int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	if height > 0 && len(lines) != height {
		t.Errorf("%s: %d lines, want %d", name, len(lines), height)
	}
	for i, line := range lines {
		if n := utf8.RuneCountInString(stripEscapes(line)); n > width {
			t.Errorf("%s: line %d is %d cells wide, want ≤ %d", name, i, n, width)
		}
	}
}

// stripEscapes removes colour escapes (ESC [ … m) from a line.
func stripEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
