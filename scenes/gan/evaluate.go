package gan

import (
	"math/rand/v2"
	"slices"

	"replab/core"
)

// Sizes of an evaluation.
const (
	gatePercent = 25 // the gate is this percentile of their realness scores
	evalDraws   = 20 // exemplar draws averaged into the success rates
)

// evaluation is what the run reports: success rates of latent and pixel
// arithmetic under the gated and the fixed realness threshold, and how the
// judges see the generator's random samples.
type evaluation struct {
	Arithmetic, Pixel           float64 // gated
	ArithmeticFixed, PixelFixed float64 // realness ≥ 0.5
	SampleRealRate              float64
	SampleAttrRates             [numAttrs]float64
	Gate                        float32
	Draws                       int
	LastDraw                    draw
}

// sampleGate scores random samples of gen and returns the gate (the
// gatePercent-th percentile of their realness), the share that passes 0.5,
// and the share the classifier gives each attribute.
func sampleGate(rng *rand.Rand, gen *core.Network, j judges, n int) (float32, float64,
	[numAttrs]float64) {
	codes := core.NewMat(n, latentDim)
	drawCodes(rng, codes)
	images := predict(gen, codes)
	scores := j.realScores(images)
	var realRate float64
	for _, s := range scores {
		realRate += b64(s >= 0.5) / float64(n)
	}
	var attrRates [numAttrs]float64
	for _, p := range j.attributes(images) {
		for a := range numAttrs {
			attrRates[a] += b64(p[a] >= 0.5) / float64(n)
		}
	}
	sorted := slices.Clone(scores)
	slices.Sort(sorted)
	return sorted[gatePercent*len(sorted)/100], realRate, attrRates
}

// finalEval accumulates the run's final evaluation one draw at a time, for
// every equation, so that each Step stays short.
type finalEval struct {
	gate  gateStats
	draws int
	sums  []evaluation // per equation: sums of success rates
}

// evaluateStep measures the gate first, then one exemplar draw of every
// equation per call, and finishes after evalDraws draws.
func (e *experiment) evaluateStep() {
	if e.final == nil {
		g, rate, attrs := sampleGate(e.evalRNG(0), e.gan.Gen, e.judges.judges, e.budget.gateSamples)
		e.final = &finalEval{gate: gateStats{gate: g, realRate: rate, attrRates: attrs, measured: true},
			sums: make([]evaluation, len(equations))}
		e.gate = e.final.gate
		return
	}
	f := e.final
	f.draws++
	for k, eq := range equations {
		rng := e.evalRNG(f.draws*len(equations) + k)
		d := drawArithmetic(rng, e.gan.Gen, e.judges.judges, eq, f.gate.gate)
		s := &f.sums[k]
		for _, m := range d.gridMarks {
			s.Arithmetic += b64(m.success(true)) / gridCells
			s.ArithmeticFixed += b64(m.success(false)) / gridCells
		}
		s.Pixel += b64(d.pixelMark.success(true))
		s.PixelFixed += b64(d.pixelMark.success(false))
	}
	if f.draws >= e.budget.evalDraws {
		e.phase = phaseDone
		e.refreshPanel()
	}
}

// evalRNG seeds the final evaluation's random draws, apart from the panel's.
func (e *experiment) evalRNG(k int) *rand.Rand {
	return rand.New(rand.NewPCG(e.seed^0x9b05688c, uint64(k)))
}

// rates returns the final success rates of equation k.
func (f *finalEval) rates(k int) evaluation {
	s := f.sums[k]
	n := float64(max(f.draws, 1))
	return evaluation{Arithmetic: s.Arithmetic / n, Pixel: s.Pixel / n,
		ArithmeticFixed: s.ArithmeticFixed / n, PixelFixed: s.PixelFixed / n, Draws: f.draws}
}
