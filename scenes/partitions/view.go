package partitions

import (
	"fmt"
	"math"
	"strings"

	"replab/scenes"
	"replab/tui/widgets"
)

// Layout limits of the view, in cells.
const (
	minInfoWidth    = 26 // the text column beside the two maps
	narrowInfoWidth = 16 // a narrow one, when the maps are short of height
	minChartRows    = 6  // axes, legend and a few rows of plot
	belowRows       = 2  // the text lines under the maps when there is no column
	gap             = 1  // blank columns between panels
)

// viewLayout is where each panel goes in a width×height area.
type viewLayout struct {
	mapCols, mapRows int // each of the two maps, in cells (pixels: cols × 2·rows)
	infoX, infoY     int // the text: a column beside the maps, or lines below
	infoW, infoH     int
	infoBelow        bool // two short lines under the maps instead of a column
	chartY, chartH   int
}

// planLayout splits the area: two square maps on top, the text in a column
// beside them (wide, or narrow) or in two lines under them, and the count
// chart below. Each choice in that order is taken only if its maps are a
// good deal larger (mapGain) than the previous choice's, since readable
// text is worth a little map. Square means as many pixel columns as pixel
// rows, which on a terminal's 1:2 cells is twice as many cells across as
// down.
func planLayout(width, height int) viewLayout {
	chartH := max(minChartRows, height*35/100)
	var best viewLayout
	for _, infoW := range []int{minInfoWidth, narrowInfoWidth} {
		l := squareMaps(width-infoW-gap, height-chartH)
		l.infoX, l.infoW, l.infoH = 2*l.mapCols+2*gap, width-2*l.mapCols-2*gap, l.mapRows+1
		l.chartY = l.mapRows + 1
		if larger(l, best) {
			best = l
		}
	}
	below := squareMaps(width, height-chartH-belowRows)
	if larger(below, best) {
		best = below
		best.infoBelow = true
		best.infoY, best.infoW, best.infoH = best.mapRows+1, width, belowRows
		best.chartY = best.infoY + belowRows
	}
	best.chartH = max(0, height-best.chartY)
	return best
}

// mapGain is how much larger a later layout's maps must be to be chosen.
const mapGain = 1.3

func larger(l, than viewLayout) bool {
	return float64(l.mapCols*l.mapRows) > mapGain*float64(than.mapCols*than.mapRows)
}

// squareMaps sizes two square maps side by side in width×rows cells (rows
// including a title line).
func squareMaps(width, rows int) viewLayout {
	rows = max(1, rows-1)
	cols := max(4, min(2*rows, (width-gap)/2))
	return viewLayout{mapCols: cols, mapRows: min(rows, (cols+1)/2)}
}

// View draws a partitions snapshot in exactly width×height cells.
func View(snap scenes.Snapshot, width, height int, theme *widgets.Theme) string {
	if theme == nil || theme.Renderer == nil {
		theme = widgets.Plain()
	}
	return drawView(snap, width, height, theme).Render(theme)
}

// drawView lays the whole picture out on one canvas.
func drawView(snap scenes.Snapshot, width, height int, theme *widgets.Theme) *widgets.Canvas {
	canvas := widgets.NewCanvas(width, height)
	f, ok := snap.Data.(*Frame)
	if !ok || f == nil || width < 20 || height < 8 {
		canvas.Text(0, 0, "partitions: no picture at this size", theme.Muted())
		return canvas
	}
	l := planLayout(width, height)
	muted, text := theme.Muted(), theme.Text()

	title := fitTitle(l.mapCols, "15.7 ", fmt.Sprintf("n=%d: ", len(f.Lines)),
		fmt.Sprintf("%d regions", len(f.Regions)))
	canvas.Text(0, 0, title, text)
	canvas.Paste(0, 1, planeMap(f, l.mapCols, 2*l.mapRows, theme))

	title = fitTitle(l.mapCols, "15.8 ", fmt.Sprintf("k=%d: ", len(f.Centroids)),
		fmt.Sprintf("%d cells", f.Cells))
	canvas.Text(l.mapCols+gap, 0, title, text)
	canvas.Paste(l.mapCols+gap, 1, voronoiMap(f, l.mapCols, 2*l.mapRows, theme))

	switch {
	case l.infoBelow:
		drawInfoLines(canvas, f, l, theme)
	case l.infoW > 0:
		drawInfo(canvas, f, snap.Verdict, l, theme)
	}
	if l.chartH >= 3 {
		canvas.Paste(0, l.chartY, countChart(f).Canvas(width, l.chartH, theme))
	} else {
		canvas.Text(0, height-1, "enlarge for the count chart", muted)
	}
	return canvas
}

// fitTitle joins the parts of a title, dropping them from the front until
// it fits in w columns (the last part is cut if it alone does not fit).
func fitTitle(w int, parts ...string) string {
	for i := range parts {
		if s := strings.Join(parts[i:], ""); len([]rune(s)) <= w {
			return s
		}
	}
	return widgets.Clip(parts[len(parts)-1], w)
}

// toPixel maps a point of the plane square to pixel coordinates of a w×h map
// (y grows upwards in the plane, downwards on screen).
func toPixel(p [2]float64, w, h int) (float64, float64) {
	px := (p[0] + planeHalfWidth) / (2 * planeHalfWidth) * float64(w)
	py := (planeHalfWidth - p[1]) / (2 * planeHalfWidth) * float64(h)
	return px, py
}

// fromPixel is the plane point at the centre of pixel (x, y).
func fromPixel(x, y, w, h int) [2]float64 {
	return [2]float64{
		-planeHalfWidth + (float64(x)+0.5)/float64(w)*2*planeHalfWidth,
		planeHalfWidth - (float64(y)+0.5)/float64(h)*2*planeHalfWidth,
	}
}

// lineSegment is a line of the plane as a segment across (and beyond) a map.
func lineSegment(h Hyperplane, w, hgt int, color widgets.Color) widgets.Line {
	foot := [2]float64{-h.Offset * h.Normal[0], -h.Offset * h.Normal[1]}
	dir := [2]float64{-h.Normal[1], h.Normal[0]}
	reach := 4 * planeHalfWidth
	x0, y0 := toPixel([2]float64{foot[0] - reach*dir[0], foot[1] - reach*dir[1]}, w, hgt)
	x1, y1 := toPixel([2]float64{foot[0] + reach*dir[0], foot[1] + reach*dir[1]}, w, hgt)
	return widgets.Line{X0: x0, Y0: y0, X1: x1, Y1: y1, Color: color}
}

// codeOf is the region code of point p: bit i set when h_i(p) is on.
func codeOf(lines []Hyperplane, p [2]float64) uint32 {
	var code uint32
	for i, l := range lines {
		if l.Side(p[:]) {
			code |= 1 << i
		}
	}
	return code
}

// percent formats a fraction, or a dash for NaN.
func percent(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}
