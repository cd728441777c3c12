package multitask

import (
	"gonum.org/v1/gonum/mat"

	"replab/core"
)

// shownPoints is how many test digits of each format the representation
// panel places.
const shownPoints = 120

// picture is the snapshot's payload for the view; nothing in it changes
// after it is handed out.
type picture struct {
	scarce       int
	active       []int // formats trained in the current phase
	transfer     bool
	frozen       bool // the shared layers are not learning (transfer's second half)
	labels       int  // labels per class of the scarce format
	run, runs    int
	iter, budget int
	shared       []float64   // accuracy per format, averaged over runs
	separate     []float64   // …
	curves       [][]float64 // shared per format, then separate per format
	curveX       []float64   // the iteration of each curve point
	points       [][]repPoint
}

// repPoint is one test digit's h(shared), projected to 2-D.
type repPoint struct {
	x, y  float64
	class int
}

func (e *experiment) picture(shared, separate []float64) *picture {
	curves := make([][]float64, len(e.curves))
	for i, c := range e.curves {
		curves[i] = append([]float64(nil), c...)
	}
	curveX := make([]float64, len(e.curves[0]))
	for i := range curveX {
		curveX[i] = float64((i + 1) * itersPerStep)
	}
	return &picture{
		scarce: e.scarce, active: e.activeFormats(), transfer: e.transfer,
		frozen: e.inTransferPhase(), labels: e.values.Int("labels"),
		run: min(e.run+1, e.runs), runs: e.runs, iter: e.iter, budget: e.budget,
		shared: shared, separate: separate, curves: curves, curveX: curveX,
		points: e.representations(),
	}
}

// representations maps some test digits of every format through its lower
// layer into h(shared) and projects all of them onto one pair of principal
// axes, so the formats can be compared in the same plane.
func (e *experiment) representations() [][]repPoint {
	var reps []*core.Mat
	total := 0
	for f, d := range e.data {
		n := min(shownPoints, d.testX.Rows)
		reps = append(reps, e.shared.representation(f, d.testX.RowSlice(0, n)))
		total += n
	}
	all := mat.NewDense(total, sharedWidth, nil)
	row := 0
	for _, r := range reps {
		for i := range r.Rows {
			for j, v := range r.Row(i) {
				all.Set(row, j, float64(v))
			}
			row++
		}
	}
	pca, err := core.FitPCA(all, 2)
	if err != nil {
		return nil
	}
	projected := pca.Transform(all)
	points := make([][]repPoint, len(reps))
	row = 0
	for f, r := range reps {
		for i := range r.Rows {
			class := int(e.data[f].testY.At(i, 0))
			points[f] = append(points[f], repPoint{projected.At(row, 0), projected.At(row, 1), class})
			row++
		}
	}
	return points
}
