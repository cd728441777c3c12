package scenetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"replab/core"
	"replab/scenes"
	"replab/tui/widgets"
)

// Wave is a scene that plots a sine wave growing one point per step.
var Wave = scenes.Scene{
	Name:   "wave",
	Figure: "T.1",
	Title:  "a wave drawn one point per step",
	Claim:  "the wave reaches its budget of points",
	Help:   "Raise speed to draw faster; budget restarts the run.",
	Params: waveParams,
	New:    func(cfg scenes.Config) (scenes.Experiment, error) { return newWave(cfg, "wave") },
	View:   waveView,
}

// Grid is a second scene, drawn as a raster, so that tests can switch.
var Grid = scenes.Scene{
	Name:   "grid",
	Figure: "T.2",
	Title:  "a raster that brightens each step",
	Claim:  "the raster reaches its budget of points",
	Help:   "A second scene for switching tests.",
	Params: waveParams,
	New:    func(cfg scenes.Config) (scenes.Experiment, error) { return newWave(cfg, "grid") },
	View:   gridView,
}

// All returns the test scenes in tab order.
func All() []scenes.Scene { return []scenes.Scene{Wave, Grid} }

var waveParams = []scenes.Param{
	{Name: "speed", Label: "speed", Help: "phase advance per step", Kind: scenes.Float,
		Min: 0.05, Max: 3.2, Step: 2, Log: true, Default: "0.2", Live: true},
	{Name: "budget", Label: "budget", Help: "steps before the run finishes",
		Kind: scenes.Int, Min: 1, Max: 100000, Step: 100, Default: "200"},
	{Name: "shape", Label: "shape", Help: "what is drawn", Kind: scenes.Choice,
		Choices: []string{"sine", "square"}, Default: "sine", Live: true},
	{Name: "diverge", Label: "diverge at", Help: "step that diverges (0: never)",
		Kind: scenes.Int, Min: 0, Max: 100000, Step: 1, Default: "0"},
	{Name: "delay", Label: "delay ms", Help: "milliseconds each step waits",
		Kind: scenes.Int, Min: 0, Max: 1000, Step: 1, Default: "2", Live: true},
	{Name: "note", Label: "note", Help: "free text, or \"fail\" to fail building",
		Kind: scenes.Text, Default: ""},
}

// waveExperiment counts steps; it is deterministic for a seed.
type waveExperiment struct {
	kind    string
	seed    uint64
	values  scenes.Values
	phase   float64
	history []float64
	steps   int
	tunes   int
}

func newWave(cfg scenes.Config, kind string) (scenes.Experiment, error) {
	if cfg.Values.String("note") == "fail" {
		return nil, errors.New("scenetest: asked to fail")
	}
	return &waveExperiment{kind: kind, seed: cfg.Seed, values: cfg.Values.Clone(),
		phase: float64(cfg.Seed % 7)}, nil
}

// Step adds one point, after the configured delay; it diverges at the
// configured step and finishes once the budget is spent.
func (w *waveExperiment) Step(ctx context.Context) error {
	if w.steps >= w.values.Int("budget") {
		return scenes.ErrFinished
	}
	if d := w.values.Int("delay"); d > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(d) * time.Millisecond):
		}
	}
	w.steps++
	if at := w.values.Int("diverge"); at > 0 && w.steps >= at {
		return fmt.Errorf("%w at step %d: loss is NaN", core.ErrDiverged, w.steps)
	}
	w.phase += w.values.Float("speed")
	v := math.Sin(w.phase)
	if w.values.Index("shape") == 1 {
		v = math.Copysign(1, v)
	}
	w.history = append(w.history, v)
	return nil
}

// Tune takes new live values and counts the call, so tests can see it.
func (w *waveExperiment) Tune(v scenes.Values) {
	w.values = v.Clone()
	w.tunes++
}

// WaveData is the payload of a test scene's snapshot.
type WaveData struct {
	Kind    string
	History []float64
	Values  scenes.Values
	Tunes   int
}

// Snapshot copies the points drawn so far and the values in use.
func (w *waveExperiment) Snapshot() scenes.Snapshot {
	budget := w.values.Int("budget")
	done := w.steps >= budget
	return scenes.Snapshot{
		Step:     w.steps,
		Progress: float64(w.steps) / float64(max(1, budget)),
		Finished: done,
		Metrics:  map[string]any{"points": w.steps, "seed": w.seed},
		Verdict: scenes.Verdict{Claim: "the wave reaches its budget of points",
			Reproduced: done, Detail: fmt.Sprintf("%d of %d points", w.steps, budget)},
		Data: WaveData{Kind: w.kind, History: append([]float64(nil), w.history...),
			Values: w.values.Clone(), Tunes: w.tunes},
	}
}

func waveView(snap scenes.Snapshot, width, height int, theme *widgets.Theme) string {
	data, _ := snap.Data.(WaveData)
	chart := widgets.LineChart{Series: []widgets.Series{{Name: "wave", Y: data.History}},
		YMin: -1, YMax: 1}
	body := chart.Render(width-2, height-3, theme)
	header := fmt.Sprintf("step %d  speed %s  tunes %d", snap.Step,
		data.Values.Format(waveParams[0]), data.Tunes)
	return widgets.Box("wave", widgets.Fit(header, width-2, 1)+"\n"+body, width, height, theme)
}

func gridView(snap scenes.Snapshot, width, height int, theme *widgets.Theme) string {
	im := widgets.NewImage(width, 2*(height-1))
	for y := 0; y < im.H; y++ {
		for x := 0; x < im.W; x++ {
			im.Set(x, y, widgets.Heat(float64((x+y+snap.Step)%64)/63))
		}
	}
	header := widgets.Fit(fmt.Sprintf("grid at step %d", snap.Step), width, 1)
	return header + "\n" + widgets.Raster(im, theme)
}
