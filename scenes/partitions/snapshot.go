package partitions

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"replab/scenes"
)

// Claim is the figures' claim as the verdict checks it.
const Claim = "n binary features carve Σ C(n,j) regions; nearest neighbour carves k"

// Frame is the view's payload: everything one picture needs, immutable.
type Frame struct {
	Mode, Layout, Dataset string
	N, K, Dim             int

	Lines      []Hyperplane // the n features of the left plane
	Regions    []Region     // their regions, counted by the margin program
	Cursor     [2]float64
	CursorCode string // one bit per line, h_1 first
	General    bool   // the lines are in general position

	Points    [][2]float64
	Labels    []int
	Classes   int
	Centroids [][2]float64 // k-means with K centroids, as far as it has run
	Cells     int          // their Voronoi cells, counted by the margin program

	// Region counts for n = 1, 2, …: measured and formula, in the plane and
	// in R^Dim; NN[k-1] is the measured count of nearest-neighbour cells.
	Measured2, Formula2 []int
	MeasuredD, FormulaD []int
	NN                  []int

	Epochs         int     // learned mode: epochs trained
	Loss, Accuracy float64 // learned mode: last epoch, NaN before training
}

// Snapshot returns an immutable picture of the experiment.
func (e *experiment) Snapshot() scenes.Snapshot {
	frame := e.frame()
	verdict := judge(frame, e.position2, e.posDim, e.failedPrograms())
	return scenes.Snapshot{
		Step:     e.steps,
		Progress: e.progress(),
		Finished: e.finished(),
		Metrics:  e.metrics(frame),
		Verdict:  verdict,
		Data:     frame,
	}
}

func (e *experiment) frame() *Frame {
	f := &Frame{
		Mode: modeNames[e.mode], Layout: layoutNames[e.layout], Dataset: e.data.Name,
		N: e.n, K: e.k, Dim: e.dim,
		Lines: e.shown, Regions: e.shownRegions, Cursor: e.cursor, General: e.shownGeneral,
		Points: e.data.Points, Labels: e.data.Labels, Classes: e.data.Classes,
		Measured2: slices.Clone(e.count2.counts), Formula2: formulas(2),
		MeasuredD: slices.Clone(e.countD.counts), FormulaD: formulas(e.dim),
		NN:        slices.Clone(e.nnRegions),
		Centroids: e.centroids, Cells: e.cells,
		Loss: math.NaN(), Accuracy: math.NaN(),
	}
	f.CursorCode = codeText(codeOf(e.shown, e.cursor), len(e.shown))
	if e.mode == Learned && e.net != nil {
		f.Epochs, f.Loss, f.Accuracy = e.net.epochs, e.loss, e.accuracy
	}
	return f
}

// formulas is Σ_{j≤d} C(n, j) for n = 1 … maxFeatures.
func formulas(d int) []int {
	out := make([]int, maxFeatures)
	for n := range out {
		out[n] = regionFormula(n+1, d)
	}
	return out
}

func (e *experiment) progress() float64 {
	done := float64(e.count2.added+e.countD.added)/float64(2*maxFeatures) +
		float64(len(e.nnRegions))/maxCentroids
	parts := 2.0
	if e.mode == Learned {
		done += float64(e.net.epochs) / learnedEpochs
		parts++
	}
	return math.Min(1, done/parts)
}

func (e *experiment) finished() bool {
	learning := e.mode == Learned && e.net.epochs < learnedEpochs
	return e.count2.done() && e.countD.done() && len(e.nnRegions) == maxCentroids &&
		e.kmeans != nil && e.kmeans.Converged() && !learning
}

// metrics are the named results of `replab run partitions --json`.
func (e *experiment) metrics(f *Frame) map[string]any {
	m := map[string]any{
		"regions_measured":       f.MeasuredD,
		"regions_formula":        f.FormulaD,
		"regions_measured_d2":    f.Measured2,
		"regions_formula_d2":     f.Formula2,
		"nn_regions":             f.NN,
		"d":                      e.dim,
		"n":                      e.n,
		"k":                      e.k,
		"layout":                 f.Layout,
		"mode":                   f.Mode,
		"general_position":       e.position2.General && e.posDim.General,
		"min_det_normals":        e.posDim.MinNormals,
		"min_det_affine":         e.posDim.MinAffine,
		"margin_programs":        e.count2.lps + e.countD.lps,
		"margin_programs_failed": e.failedPrograms(),
		"plane_regions":          len(f.Regions),
		"plane_regions_formula":  regionFormula(len(f.Lines), 2),
		"plane_general_position": f.General,
		"cursor_code":            f.CursorCode,
	}
	if e.dim == 2 {
		m["margin_programs"] = e.count2.lps
	}
	if e.kmeans != nil {
		m["kmeans_inertia"] = e.kmeans.Inertia()
	}
	if f.Epochs > 0 {
		m["learned_epochs"] = f.Epochs
		m["learned_first_loss"] = e.firstLoss
		m["learned_loss"] = f.Loss
		m["learned_accuracy"] = f.Accuracy
	}
	return m
}

// failedPrograms counts the margin programs of the two counts that did not
// converge; each was taken as an empty region, so any makes a count unsure.
func (e *experiment) failedPrograms() int {
	if e.countD == e.count2 {
		return e.count2.failed
	}
	return e.count2.failed + e.countD.failed
}

// judge checks the claim on what was measured: every count of both
// arrangements equal to the formula, both arrangements in general position,
// every margin program solved, and k nearest-neighbour cells for every k of
// the sweep.
func judge(f *Frame, pos2, posD Position, failed int) scenes.Verdict {
	v := scenes.Verdict{Claim: Claim}
	if len(f.MeasuredD) < maxFeatures || len(f.Measured2) < maxFeatures ||
		len(f.NN) < maxCentroids {
		v.Detail = fmt.Sprintf("measuring: d=%d up to n=%d, d=2 up to n=%d of %d; "+
			"nearest neighbour up to k=%d of %d", f.Dim, len(f.MeasuredD), len(f.Measured2),
			maxFeatures, len(f.NN), maxCentroids)
		return v
	}
	var notes []string
	countsOK := true
	for _, c := range []struct {
		dim               int
		measured, formula []int
		pos               Position
	}{{f.Dim, f.MeasuredD, f.FormulaD, posD}, {2, f.Measured2, f.Formula2, pos2}} {
		ok, note := compareCounts(c.dim, c.measured, c.formula, c.pos)
		countsOK = countsOK && ok
		notes = append(notes, note)
		if f.Dim == 2 {
			break
		}
	}
	nnOK, nnNote := compareNN(f.NN)
	notes = append(notes, nnNote)
	if failed > 0 {
		notes = append(notes, fmt.Sprintf("%d margin programs failed to converge", failed))
	}
	v.Reproduced = countsOK && nnOK && pos2.General && posD.General && failed == 0
	v.Detail = strings.Join(notes, "; ")
	return v
}

// compareCounts describes one arrangement's counts against the formula.
func compareCounts(dim int, measured, formula []int, pos Position) (bool, string) {
	where := "in general position"
	if !pos.General {
		where = "NOT in general position, so the formula is only an upper bound"
	}
	minDet := math.Min(pos.MinNormals, pos.MinAffine)
	for i := range measured {
		if measured[i] != formula[i] {
			return false, fmt.Sprintf("d=%d: n=%d gave %d regions, formula %d (%s, min |det| %.2g)",
				dim, i+1, measured[i], formula[i], where, minDet)
		}
	}
	return true, fmt.Sprintf("d=%d: measured = Σ C(n,j) for n=1…%d (%d regions at n=%d; %s, "+
		"min |det| %.2g)", dim, len(measured), measured[len(measured)-1], len(measured), where,
		minDet)
}

// compareNN describes the nearest-neighbour sweep.
func compareNN(nn []int) (bool, string) {
	for i, cells := range nn {
		if cells != i+1 {
			return false, fmt.Sprintf("nearest neighbour: k=%d centroids gave %d cells", i+1, cells)
		}
	}
	return true, fmt.Sprintf("nearest neighbour: k cells with an interior for every k=1…%d "+
		"(as distinct centroids always give)", len(nn))
}
