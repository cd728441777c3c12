package salience

import (
	"fmt"
	"testing"

	"github.com/muesli/termenv"

	"replab/core"
	"replab/scenes"

	"github.com/charmbracelet/x/exp/golden"

	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// handMadeSnapshot builds a snapshot whose "outputs" are drawn, not
// trained: the ball erased at radius 1 and kept at radius 5; the two ears
// averaged for MSE and the true future for the adversarial model. Views of
// it do not depend on the machine's arithmetic.
func handMadeSnapshot(dataset int) scenes.Snapshot {
	var r run
	if dataset == datasetHead {
		r = handMadeHeadRun()
	} else {
		r = handMadePingpongRun()
	}
	return scenes.Snapshot{Step: 300, Progress: 0.15, Metrics: r.metrics(), Verdict: r.verdict(),
		Data: viewData{dataset: dataset, grid: r.frames(maxGridRows), curves: handMadeCurves(dataset)}}
}

func handMadePingpongRun() *pingpongRun {
	rng := core.NewRNG(4)
	r := &pingpongRun{radii: [2]float64{1, largeRadius}}
	for k, radius := range r.radii {
		r.tests[k] = pingpongFrames(rng, radius, maxGridRows)
		outputs := pingpongImages(r.tests[k])
		if k == 0 {
			for i, f := range r.tests[k] {
				outputs[i] = erase(f.Image, f.Ball, PingpongBackground())
			}
		}
		r.last[k] = pingpongScore{mse: 0.01, ballKept: float64(k), armIoU: 0.8,
			outputs: framesMat(outputs)}
	}
	return r
}

func erase(img Image, m Mask, background Image) Image {
	out := img.Clone()
	for p, on := range m {
		if on {
			out.SetIndex(p, background.AtIndex(p))
		}
	}
	return out
}

func handMadeHeadRun() *headRun {
	r := &headRun{tests: headSamples(core.NewRNG(4), 0.8, maxGridRows)}
	var ghosts, sharp []Image
	for _, s := range r.tests {
		ghosts = append(ghosts, blend(s.Futures[0].Image, s.Futures[1].Image, 0.5))
		sharp = append(sharp, s.Futures[1-s.Direction].Image)
	}
	for k, outs := range [][]Image{ghosts, sharp} {
		score := headScore{mse: 0.02 * float64(k+1), outputs: framesMat(outs)}
		for i, s := range r.tests {
			score.shares = append(score.shares, EarShares(outs[i], s))
		}
		r.last[k] = score
	}
	r.last[0].ghost, r.last[1].sharp = 1, 1
	return r
}

func handMadeCurves(dataset int) curves {
	var cv curves
	for i := range 13 {
		x := float64(i) / 12
		point := map[string]float64{}
		for _, spec := range chartSpecs[dataset] {
			for k, name := range spec.series {
				point[name] = (1 - x*float64(k+1)/4) / float64(k+2)
			}
		}
		cv.add(25*i, point)
	}
	return cv
}

func TestViewGolden(t *testing.T) {
	for _, data := range []string{"pingpong", "head"} {
		for _, magnify := range []bool{false, true} {
			for _, size := range [][2]int{{80, 24}, {120, 40}, {80, 18}} {
				snap := handMadeSnapshot(map[string]int{"pingpong": 0, "head": 1}[data])
				d := snap.Data.(viewData)
				d.magnify = magnify
				snap.Data = d
				got := View(snap, size[0], size[1], widgets.Plain())
				scenetest.RequireSize(t, got, size[0], size[1])
				name := fmt.Sprintf("view_%s_%dx%d", data, size[0], size[1])
				if magnify {
					name += "_magnified"
				}
				t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(got)) })
			}
		}
	}
}

func TestViewFitsAnySize(t *testing.T) {
	snap := handMadeSnapshot(datasetHead)
	for _, size := range [][2]int{{0, 0}, {1, 1}, {20, 6}, {45, 12}, {79, 17}, {200, 60}} {
		scenetest.RequireSize(t, View(snap, size[0], size[1], widgets.Plain()), size[0], size[1])
	}
	scenetest.RequireSize(t, View(scenes.Snapshot{}, 80, 18, widgets.Plain()), 80, 18)
}

func BenchmarkView120x40(b *testing.B) {
	snap := handMadeSnapshot(datasetHead)
	theme := widgets.Fixed(termenv.TrueColor, true)
	for b.Loop() {
		View(snap, 120, 40, theme)
	}
}

func BenchmarkSnapshotHead(b *testing.B) {
	v := scenes.Defaults(Params)
	if err := v.Set(Params, "data", "head"); err != nil {
		b.Fatal(err)
	}
	e := newExperiment(1, readSettings(v), tinyBudget)
	for b.Loop() {
		e.Snapshot()
	}
}
