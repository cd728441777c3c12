package salience

import "fmt"

// maxGridRows is the most test frames a snapshot carries for the view.
const maxGridRows = 4

// frameGrid is what the view draws of the test set: rows of frames under
// column titles, each cell with the centre of its feature's region (for
// the magnifier) and a short tag saying what the measure found.
type frameGrid struct {
	columns []string
	cells   [][]gridCell
}

// gridCell is one drawn frame.
type gridCell struct {
	image  Image
	focusX float64 // centre of the ball or of the two possible ears, pixels
	focusY float64
	tag    string
}

// viewData is the salience scene's snapshot payload.
type viewData struct {
	dataset int
	magnify bool
	grid    frameGrid
	curves  curves
}

func (r *pingpongRun) frames(rows int) frameGrid {
	g := frameGrid{columns: []string{
		fmt.Sprintf("ball r=%g", r.radii[0]), "MSE recon",
		fmt.Sprintf("ball r=%g", r.radii[1]), "MSE recon",
	}}
	for i := 0; i < rows && i < len(r.tests[0]); i++ {
		var row []gridCell
		for k := range r.radii {
			f := r.tests[k][i]
			out := rowImage(r.last[k].outputs, i)
			tag := "lost"
			if BallKept(out, f) {
				tag = "kept"
			}
			row = append(row,
				gridCell{image: f.Image, focusX: f.BallX, focusY: f.BallY},
				gridCell{image: out, focusX: f.BallX, focusY: f.BallY, tag: tag})
		}
		g.cells = append(g.cells, row)
	}
	return g
}

func (r *headRun) frames(rows int) frameGrid {
	g := frameGrid{columns: []string{"input θ", "target θ±Δ", "MSE", "MSE+adv"}}
	for i := 0; i < rows && i < len(r.tests); i++ {
		s := r.tests[i]
		x, y := earsCentre(s)
		cell := func(img Image, tag string) gridCell {
			return gridCell{image: img, focusX: x, focusY: y, tag: tag}
		}
		row := []gridCell{cell(s.Input.Image, ""), cell(s.Target().Image, "")}
		for k := range r.last {
			row = append(row, cell(rowImage(r.last[k].outputs, i), earTag(r.last[k].shares[i])))
		}
		g.cells = append(g.cells, row)
	}
	return g
}

// earTag names what the ear measure found in one output.
func earTag(shares [2]float64) string {
	switch {
	case EarSharp(shares):
		return "sharp"
	case EarGhost(shares):
		return "ghost"
	}
	return fmt.Sprintf("%.1f|%.1f", shares[0], shares[1])
}

// earsCentre is the centre of the region holding both possible ears.
func earsCentre(s HeadSample) (x, y float64) {
	n := 0
	for _, f := range s.Futures {
		for p, on := range f.Ear {
			if on {
				x += float64(p%FrameSize) + 0.5
				y += float64(p/FrameSize) + 0.5
				n++
			}
		}
	}
	return x / float64(max(n, 1)), y / float64(max(n, 1))
}

func (r *pingpongRun) chartData() curves { return r.curves.clone() }

func (r *headRun) chartData() curves { return r.curves.clone() }
