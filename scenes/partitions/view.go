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
	minInfoWidth = 26 // the text column beside the two maps
	minChartRows = 6  // axes, legend and a few rows of plot
	gap          = 1  // blank columns between panels
)

// viewLayout is where each panel goes in a width×height area.
type viewLayout struct {
	mapCols, mapRows int // each of the two maps, in cells (pixels: cols × 2·rows)
	infoX, infoW     int
	topRows          int // title line plus the maps
	chartY, chartH   int
}

// planLayout splits the area: two square maps and a text column on top, the
// count chart below. Square means as many pixel columns as pixel rows,
// which on a terminal's 1:2 cells is twice as many cells across as down.
func planLayout(width, height int) viewLayout {
	chartH := max(minChartRows, height*40/100)
	rows := max(1, height-chartH-1)
	cols := min(2*rows, (width-minInfoWidth-2*gap)/2)
	cols = max(cols, 4)
	rows = min(rows, (cols+1)/2)
	l := viewLayout{mapCols: cols, mapRows: rows, topRows: rows + 1}
	l.infoX = 2*cols + 2*gap
	l.infoW = max(0, width-l.infoX)
	l.chartY = l.topRows
	l.chartH = max(0, height-l.topRows)
	return l
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

	title := fmt.Sprintf("15.7 n=%d: %d regions", len(f.Lines), len(f.Regions))
	canvas.Text(0, 0, clip(title, l.mapCols), text)
	canvas.Paste(0, 1, planeMap(f, l.mapCols, 2*l.mapRows, theme))

	title = fmt.Sprintf("15.8 k=%d: %d cells", len(f.Centroids), f.Cells)
	canvas.Text(l.mapCols+gap, 0, clip(title, l.mapCols), text)
	canvas.Paste(l.mapCols+gap, 1, voronoiMap(f, l.mapCols, 2*l.mapRows, theme))

	if l.infoW > 0 {
		drawInfo(canvas, f, snap.Verdict, l, theme)
	}
	if l.chartH >= 3 {
		canvas.Paste(0, l.chartY, countChart(f).Canvas(width, l.chartH, theme))
	} else {
		canvas.Text(0, height-1, "enlarge for the count chart", muted)
	}
	return canvas
}

// clip cuts s to at most w runes.
func clip(s string, w int) string {
	r := []rune(s)
	if len(r) > max(0, w) {
		return string(r[:max(0, w)])
	}
	return s
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

// wrap breaks s into lines of at most w runes at spaces.
func wrap(s string, w int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// percent formats a fraction, or a dash for NaN.
func percent(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}
