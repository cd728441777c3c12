package gan

import (
	"fmt"
	"slices"

	"replab/core"
	"replab/scenes"
)

// lossHistory keeps both players' losses at a bounded resolution: when
// full, neighbouring points are merged (averaged) and each new point then
// averages twice as many iterations.
type lossHistory struct {
	disc, gen  []float64
	per        int // iterations per point
	pending    int
	sumD, sumG float64
}

const maxLossPoints = 256

func (h *lossHistory) add(l core.GANLosses) {
	if h.per == 0 {
		h.per = 1
	}
	h.sumD, h.sumG, h.pending = h.sumD+l.Disc, h.sumG+l.Gen, h.pending+1
	if h.pending < h.per {
		return
	}
	h.disc = append(h.disc, h.sumD/float64(h.pending))
	h.gen = append(h.gen, h.sumG/float64(h.pending))
	h.sumD, h.sumG, h.pending = 0, 0, 0
	if len(h.disc) >= maxLossPoints {
		h.disc, h.gen, h.per = halve(h.disc), halve(h.gen), 2*h.per
	}
}

func halve(x []float64) []float64 {
	out := make([]float64, len(x)/2)
	for i := range out {
		out[i] = (x[2*i] + x[2*i+1]) / 2
	}
	return out
}

// viewData is the gan scene's payload for its View: copies, never shared
// with the experiment.
type viewData struct {
	phase         string
	iter, target  int
	fromCheckpt   bool
	samples       [][]float32 // generator images of the fixed codes, [−1, 1]
	discLoss      []float64
	genLoss       []float64
	lossEvery     int // iterations per loss point
	equation      string
	panel         *draw // nil until the judges are trained
	gate          float32
	judgesTrained bool
}

// Snapshot returns the state the view needs, the metrics and the verdict.
func (e *experiment) Snapshot() scenes.Snapshot {
	snap := scenes.Snapshot{Step: e.iter, Progress: e.progress(), Finished: e.phase == phaseDone}
	data := viewData{phase: phaseNames[e.phase], iter: e.startIters + e.iter,
		target: e.startIters + e.settings.iterations, fromCheckpt: e.settings.fromCheckpoint,
		discLoss: slices.Clone(e.losses.disc), genLoss: slices.Clone(e.losses.gen),
		lossEvery: e.losses.per,
		equation:  equations[e.settings.equation].name, gate: e.gate.gate,
		judgesTrained: e.phase >= phaseTraining}
	if e.settings.fromCheckpoint {
		data.target = e.startIters
	}
	data.samples = e.fixedSamples()
	if e.panel != nil {
		p := e.panel.clone()
		data.panel = &p
	}
	snap.Data = data
	snap.Metrics, snap.Verdict = e.measured()
	return snap
}

// fixedSamples returns the generator's images of the fixed codes, computed
// again only when the generator has changed since the last snapshot. The
// images are never written after, so snapshots may share them.
func (e *experiment) fixedSamples() [][]float32 {
	if e.samples != nil && e.samplesAt == e.iter {
		return e.samples
	}
	out := e.gan.Gen.Predict(e.fixed)
	e.samples = make([][]float32, out.Rows)
	for i := range out.Rows {
		e.samples[i] = slices.Clone(out.Row(i))
	}
	e.samplesAt = e.iter
	return e.samples
}

func (e *experiment) progress() float64 {
	switch e.phase {
	case phaseFaces:
		return 0.05 * float64(e.pool.size()) / float64(e.budget.poolFaces)
	case phaseJudges:
		return 0.05 + 0.15*float64(e.judges.steps)/float64(e.budget.judgeSteps)
	case phaseTraining:
		return 0.2 + 0.75*float64(e.iter)/float64(max(e.settings.iterations, 1))
	case phaseEvaluating:
		done := 0
		if e.final != nil {
			done = e.final.draws
		}
		return 0.95 + 0.05*float64(done)/float64(e.budget.evalDraws)
	}
	return 1
}

// clone deep-copies a draw for a snapshot.
func (d draw) clone() draw {
	c := d
	for t, m := range d.exemplars {
		c.exemplars[t] = cloneMat(m)
	}
	c.grid, c.pixel = cloneMat(d.grid), cloneMat(d.pixel)
	c.gridMarks = slices.Clone(d.gridMarks)
	return c
}

func cloneMat(m *core.Mat) *core.Mat {
	if m == nil {
		return nil
	}
	return &core.Mat{Rows: m.Rows, Cols: m.Cols, Stride: m.Stride, Data: slices.Clone(m.Data)}
}

// claim is the figure's claim as the verdict checks it.
const claim = "arithmetic on a GAN's latent codes (glasses man − man + woman) gives " +
	"the target concept as a convincing face; the same arithmetic on pixels gives a ghost"

// measured returns the metrics and the verdict: final ones once the
// evaluation is done, otherwise what the judges say so far.
func (e *experiment) measured() (map[string]any, scenes.Verdict) {
	v := scenes.Verdict{Claim: claim}
	metrics := map[string]any{
		"iterations": e.startIters + e.iter,
		"start":      params[0].Choices[b2i(e.settings.fromCheckpoint)],
		"equation":   equations[e.settings.equation].name,
	}
	if e.phase >= phaseTraining {
		metrics["classifier_accuracy"] = attrMap(e.quality.attrAccuracy)
		metrics["judge_real_pass_rate"] = e.quality.realPassed
		metrics["judge_superposition_pass_rate"] = e.quality.superPassd
	}
	if e.final == nil || e.phase != phaseDone {
		v.Detail = fmt.Sprintf("%s: no verdict until the evaluation (%d exemplar draws) ends",
			phaseNames[e.phase], e.budget.evalDraws)
		return metrics, v
	}
	r := e.final.rates(e.settings.equation)
	e.addFinalMetrics(metrics, r)
	v.Reproduced, v.Detail = e.verdict(r)
	return metrics, v
}

// addFinalMetrics adds the final evaluation's metrics: those of the chosen
// equation under the names of the interface, and every equation's.
func (e *experiment) addFinalMetrics(metrics map[string]any, r evaluation) {
	metrics["arithmetic_success"] = r.Arithmetic
	metrics["pixel_success"] = r.Pixel
	metrics["arithmetic_success_fixed"] = r.ArithmeticFixed
	metrics["pixel_success_fixed"] = r.PixelFixed
	metrics["sample_real_rate"] = e.final.gate.realRate
	metrics["sample_attribute_rates"] = attrMap(e.final.gate.attrRates)
	metrics["gate"] = float64(e.final.gate.gate)
	metrics["draws"] = e.final.draws
	byEquation := map[string]any{}
	for k, eq := range equations {
		rk := e.final.rates(k)
		byEquation[eq.name] = map[string]float64{
			"arithmetic_success": rk.Arithmetic, "pixel_success": rk.Pixel,
			"arithmetic_success_fixed": rk.ArithmeticFixed, "pixel_success_fixed": rk.PixelFixed,
		}
	}
	metrics["by_equation"] = byEquation
}

// verdict checks the claim: from scratch, latent arithmetic beats pixel
// arithmetic; from the checkpoint, it mostly works on convincing faces.
func (e *experiment) verdict(r evaluation) (bool, string) {
	real := e.final.gate.realRate
	if e.settings.fromCheckpoint {
		ok := r.Arithmetic >= 0.6 && real >= 0.5
		return ok, fmt.Sprintf("checkpoint (%d iterations): latent arithmetic %.2f (want ≥ 0.60), "+
			"samples real %.2f (want ≥ 0.50); pixel arithmetic %.2f",
			e.startIters, r.Arithmetic, real, r.Pixel)
	}
	ok := r.Arithmetic >= 0.3 && r.Arithmetic >= r.Pixel+0.2
	return ok, fmt.Sprintf("after %d iterations: latent arithmetic %.2f, pixel arithmetic %.2f "+
		"(want latent ≥ 0.30 and ≥ pixel + 0.20; gated by the judge's 25th percentile)",
		e.iter, r.Arithmetic, r.Pixel)
}

func attrMap(values [numAttrs]float64) map[string]float64 {
	m := make(map[string]float64, numAttrs)
	for a, name := range attrNames {
		m[name] = values[a]
	}
	return m
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
