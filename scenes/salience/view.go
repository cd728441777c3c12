package salience

import (
	"fmt"
	"math"

	"replab/scenes"
	"replab/tui/widgets"
)

// Layout limits of the view.
const (
	minChartRows  = 6  // lines of a chart stacked under the frames
	minSideCharts = 40 // columns the charts need to sit beside the frames
	magnifyPing   = 12 // side of the magnified window, ping-pong pixels
	magnifyHead   = 22 // side of the magnified window, head pixels (both ears)
)

// imageSides are the sizes, in pixels (one pixel a column, two a line), at
// which the view tries to draw frames, largest first.
var imageSides = []int{32, 24, 20, 16, 12, 8}

// layout places the frame grid, the charts and the status line.
type layout struct {
	side      int // pixels per frame side as drawn
	rows      int // rows of test frames
	chartX    int
	chartY    int
	chartW    int
	chartH    int
	stacked   bool // charts side by side under the grid, else one above another beside it
	statusRow int
}

// View draws the salience scene: test frames with their reconstructions or
// predictions, the training curves and the verdict so far, in exactly
// width×height cells.
func View(snap scenes.Snapshot, width, height int, theme *widgets.Theme) string {
	d, ok := snap.Data.(viewData)
	if !ok || width < 20 || height < 6 {
		return widgets.Fit("salience: no room to draw", width, height)
	}
	c := widgets.NewCanvas(width, height)
	l := planLayout(width, height, len(d.grid.columns), len(d.grid.cells))
	drawGrid(c, d, l, theme)
	drawCharts(c, d, l, theme)
	drawStatus(c, snap, l.statusRow, theme)
	return c.Render(theme)
}

// planLayout picks the largest frame size at which a row of frames and the
// charts fit, then as many rows of frames as leave the charts room.
func planLayout(width, height, columns, available int) layout {
	for _, side := range imageSides {
		gridW := columns * (side + 1)
		rowH := (side+1)/2 + 1
		if gridW > width || 1+rowH+1 > height {
			continue
		}
		l := layout{side: side, statusRow: height - 1}
		if width-gridW >= minSideCharts {
			l.rows = min(available, (height-2)/rowH)
			l.chartX, l.chartY, l.chartW, l.chartH = gridW+1, 0, width-gridW-1, height-1
			return l
		}
		chartRows := max(minChartRows, height/4)
		l.rows = min(available, max(1, (height-2-chartRows)/rowH))
		l.chartY = 1 + l.rows*rowH
		l.chartW, l.chartH, l.stacked = width, height-1-l.chartY, true
		return l
	}
	return layout{statusRow: height - 1, chartW: width, chartH: height - 1, stacked: true}
}

// drawGrid draws column titles, the frames and each frame's tag.
func drawGrid(c *widgets.Canvas, d viewData, l layout, t *widgets.Theme) {
	if l.side == 0 {
		return
	}
	rowH := (l.side+1)/2 + 1
	for k, title := range d.grid.columns {
		c.Text(k*(l.side+1), 0, widgets.Clip(title, l.side), t.Text())
	}
	for r := 0; r < l.rows && r < len(d.grid.cells); r++ {
		y := 1 + r*rowH
		for k, cell := range d.grid.cells[r] {
			x := k * (l.side + 1)
			c.Paste(x, y, frameImage(cell, d, l.side).Canvas())
			tagColour := t.Muted()
			switch cell.tag {
			case "kept", "sharp":
				tagColour = t.Good()
			case "lost", "ghost":
				tagColour = t.Bad()
			}
			c.Text(x+max(0, (l.side-len(cell.tag))/2), y+rowH-1, widgets.Clip(cell.tag, l.side), tagColour)
		}
	}
}

// frameImage resamples a cell's frame, or the magnified window around its
// feature, to side×side pixels.
func frameImage(cell gridCell, d viewData, side int) *widgets.Image {
	x0, y0, span := 0.0, 0.0, float64(FrameSize)
	if d.magnify {
		span = magnifyPing
		if d.dataset == datasetHead {
			span = magnifyHead
		}
		x0 = clamp(math.Round(cell.focusX-span/2), 0, FrameSize-span)
		y0 = clamp(math.Round(cell.focusY-span/2), 0, FrameSize-span)
	}
	return resample(cell.image, x0, y0, span, side)
}

// resample averages the source pixels under each of side×side output
// pixels covering the square window (x0, y0, span); when enlarging it
// repeats the nearest source pixel.
func resample(img Image, x0, y0, span float64, side int) *widgets.Image {
	out := widgets.NewImage(side, side)
	scale := span / float64(side)
	for oy := range side {
		for ox := range side {
			out.Set(ox, oy, boxAverage(img, x0+float64(ox)*scale, y0+float64(oy)*scale, scale))
		}
	}
	return out
}

// boxAverage is the mean colour of the source pixels whose centres lie in
// the square [x, x+size) × [y, y+size), or of the pixel under its centre.
func boxAverage(img Image, x, y, size float64) widgets.Color {
	var acc RGB
	n := 0
	for sy := int(math.Ceil(y - 0.5)); float64(sy)+0.5 < y+size; sy++ {
		for sx := int(math.Ceil(x - 0.5)); float64(sx)+0.5 < x+size; sx++ {
			if sx >= 0 && sy >= 0 && sx < img.W && sy < img.H {
				acc = addRGB(acc, img.AtIndex(sy*img.W+sx))
				n++
			}
		}
	}
	if n == 0 {
		cx := min(img.W-1, int(x+size/2))
		cy := min(img.H-1, int(y+size/2))
		return toColour(img.AtIndex(cy*img.W + cx))
	}
	return toColour(mix(RGB{}, acc, 1/float32(n)))
}

func addRGB(a, b RGB) RGB { return RGB{a[0] + b[0], a[1] + b[1], a[2] + b[2]} }

func toColour(c RGB) widgets.Color {
	ch := func(v float32) uint8 { return uint8(math.Round(255 * clamp(float64(v), 0, 1))) }
	return widgets.RGB(ch(c[0]), ch(c[1]), ch(c[2]))
}

// drawStatus writes the verdict so far on the last line.
func drawStatus(c *widgets.Canvas, snap scenes.Snapshot, row int, t *widgets.Theme) {
	mark, colour := "so far", t.Muted()
	if snap.Finished {
		mark, colour = "not reproduced", t.Bad()
		if snap.Verdict.Reproduced {
			mark, colour = "reproduced", t.Good()
		}
	} else if snap.Verdict.Reproduced {
		mark = "so far holds"
	}
	x := c.Text(0, row, fmt.Sprintf("step %d · %s: ", snap.Step, mark), colour)
	c.Text(x, row, snap.Verdict.Detail, t.Text())
}
