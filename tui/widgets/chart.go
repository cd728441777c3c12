package widgets

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
)

// Series is one line of a chart. X may be nil, meaning 0, 1, 2, …; points
// with a NaN or infinite coordinate break the line instead of drawing it.
type Series struct {
	Name  string
	X, Y  []float64
	Color Color // zero or Default: the theme's colour for the series' position
}

// LineChart draws series as braille lines over a left and a bottom axis,
// with a legend underneath. Each series is plotted on its own ntcharts
// braille grid (one grid per series, never one per segment) and coloured
// as a whole; where two series share a cell their dots are merged and the
// later series' colour wins. Without colour, each series' last point is
// marked with its number, which the legend repeats.
type LineChart struct {
	Series []Series

	// Bounds of the axes. When Min equals Max on an axis, the data's own
	// range is used.
	XMin, XMax, YMin, YMax float64

	// Format renders tick labels; nil uses a compact %g.
	Format func(float64) string

	NoLegend bool
}

// Render draws the chart in exactly w×h cells.
func (lc *LineChart) Render(w, h int, t *Theme) string { return lc.Canvas(w, h, t).Render(t) }

// Canvas lays the chart out in exactly w×h cells. A chart too small for
// axes (under 8×3) is left blank.
func (lc *LineChart) Canvas(w, h int, t *Theme) *Canvas {
	t = t.orPlain()
	c := NewCanvas(w, h)
	legendRows := 0
	if !lc.NoLegend && len(lc.Series) > 0 {
		legendRows = 1
	}
	xmin, xmax, ymin, ymax := lc.bounds()
	ylabels := lc.tickLabels(ymax, (ymin+ymax)/2, ymin)
	labelW := max(cells(ylabels[0]), cells(ylabels[1]), cells(ylabels[2]))
	plotW, plotH := w-labelW-1, h-2-legendRows
	if plotW < 4 || plotH < 1 {
		return c
	}
	lc.drawAxes(c, t, labelW, plotW, plotH, ylabels, [2]float64{xmin, xmax})
	for i, s := range lc.Series {
		color := s.Color
		if color == Default || color == 0 {
			color = t.Series(i)
		}
		plotSeries(c, s, labelW+1, plotW, plotH, [4]float64{xmin, xmax, ymin, ymax}, color, i)
	}
	if legendRows > 0 {
		lc.drawLegend(c, t, h-1)
	}
	return c
}

// tickLabels formats an axis's tick values with as few significant
// digits as keep them apart (a narrow range such as a converging
// log-likelihood needs more than three), unless Format is set.
func (lc *LineChart) tickLabels(values ...float64) []string {
	labels := make([]string, len(values))
	for digits := 3; digits <= 8; digits++ {
		for i, v := range values {
			if lc.Format != nil {
				labels[i] = lc.Format(v)
			} else {
				labels[i] = strconv.FormatFloat(v, 'g', digits, 64)
			}
		}
		if lc.Format != nil || distinct(labels) {
			break
		}
	}
	return labels
}

// cells is how many canvas cells Text uses for s: one per rune.
func cells(s string) int { return utf8.RuneCountInString(s) }

func distinct(labels []string) bool {
	for i := range labels {
		for j := i + 1; j < len(labels); j++ {
			if labels[i] == labels[j] {
				return false
			}
		}
	}
	return true
}

// bounds returns the axes' ranges, from the fields or from the data, never
// empty (a flat series gets a unit range around it).
func (lc *LineChart) bounds() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = lc.XMin, lc.XMax, lc.YMin, lc.YMax
	dataX0, dataX1, dataY0, dataY1 := dataRange(lc.Series)
	if xmin == xmax {
		xmin, xmax = dataX0, dataX1
	}
	if ymin == ymax {
		ymin, ymax = dataY0, dataY1
	}
	if !(xmax > xmin) {
		xmin, xmax = xmin-0.5, xmin+0.5
	}
	if !(ymax > ymin) {
		ymin, ymax = ymin-0.5, ymin+0.5
	}
	if math.IsNaN(xmin) || math.IsInf(xmax-xmin, 0) {
		xmin, xmax = 0, 1
	}
	if math.IsNaN(ymin) || math.IsInf(ymax-ymin, 0) {
		ymin, ymax = 0, 1
	}
	return xmin, xmax, ymin, ymax
}

func dataRange(series []Series) (x0, x1, y0, y1 float64) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, s := range series {
		for i, y := range s.Y {
			x := s.xAt(i)
			if !finite(x) || !finite(y) {
				continue
			}
			x0, x1 = math.Min(x0, x), math.Max(x1, x)
			y0, y1 = math.Min(y0, y), math.Max(y1, y)
		}
	}
	if math.IsInf(x0, 1) {
		return 0, 1, 0, 1
	}
	return x0, x1, y0, y1
}

func (s Series) xAt(i int) float64 {
	if s.X == nil {
		return float64(i)
	}
	if i < len(s.X) {
		return s.X[i]
	}
	return math.NaN()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// drawAxes puts the y labels right-aligned at the top, middle and bottom,
// the axes' lines, and the x labels under the ends and middle of the axis.
func (lc *LineChart) drawAxes(c *Canvas, t *Theme, labelW, plotW, plotH int,
	ylabels []string, xr [2]float64) {
	muted := t.Muted()
	rows := []int{0, (plotH - 1) / 2, plotH - 1}
	for i, row := range rows {
		if i == 1 && plotH < 5 {
			continue
		}
		c.Text(labelW-cells(ylabels[i]), row, ylabels[i], muted)
	}
	for y := 0; y < plotH; y++ {
		c.Set(labelW, y, '│', muted, Default)
	}
	c.Set(labelW, plotH, '└', muted, Default)
	for x := labelW + 1; x < c.W; x++ {
		c.Set(x, plotH, '─', muted, Default)
	}
	xlabels := lc.tickLabels(xr[0], (xr[0]+xr[1])/2, xr[1])
	left, mid, right := xlabels[0], xlabels[1], xlabels[2]
	c.Text(labelW+1, plotH+1, left, muted)
	if plotW > cells(left)+cells(mid)+cells(right)+4 {
		c.Text(labelW+1+(plotW-cells(mid))/2, plotH+1, mid, muted)
	}
	c.Text(c.W-cells(right), plotH+1, right, muted)
}

// plotSeries draws one series on its own braille grid and merges the grid
// into the canvas cells from column x0.
func plotSeries(c *Canvas, s Series, x0, plotW, plotH int, b [4]float64, color Color,
	index int) {
	grid := graph.NewBrailleGrid(plotW, plotH, b[0], b[1], b[2], b[3])
	var prev *canvas.Point
	last := canvas.Point{X: -1}
	for i, y := range s.Y {
		x := s.xAt(i)
		if !finite(x) || !finite(y) {
			prev = nil
			continue
		}
		// Far-off points are pulled in to one range beyond the axes, so
		// the segment towards them keeps its direction at a bounded cost.
		x, y = clampNear(x, b[0], b[1]), clampNear(y, b[2], b[3])
		p := grid.GridPoint(canvas.Float64Point{X: x, Y: y})
		if prev == nil {
			grid.Set(p)
		} else {
			for _, q := range graph.GetLinePoints(*prev, p) {
				grid.Set(q)
			}
		}
		prev, last = &p, p
	}
	mergeBraille(c, grid.BraillePatterns(), x0, color)
	if last.X >= 0 {
		if cell := c.At(x0+last.X/2, last.Y/4); cell != nil {
			cell.Plain = rune('1' + index%9)
		}
	}
}

func clampNear(v, lo, hi float64) float64 {
	span := hi - lo
	return math.Max(lo-span, math.Min(hi+span, v))
}

func mergeBraille(c *Canvas, patterns [][]rune, x0 int, color Color) {
	for y, row := range patterns {
		for x, r := range row {
			if r == runes.BrailleBlockOffset {
				continue
			}
			cell := c.At(x0+x, y)
			if cell == nil {
				continue
			}
			if runes.IsBraillePattern(cell.Rune) {
				r = runes.CombineBraillePatterns(cell.Rune, r)
			}
			cell.Rune, cell.FG = r, color
		}
	}
}

// drawLegend writes "━ name" for each series on row y (with the series'
// number instead of the bar when there is no colour), clipped at the edge.
func (lc *LineChart) drawLegend(c *Canvas, t *Theme, y int) {
	x := 0
	for i, s := range lc.Series {
		color := s.Color
		if color == Default || color == 0 {
			color = t.Series(i)
		}
		if i > 0 {
			x += 2
		}
		if cell := c.At(x, y); cell != nil {
			cell.Rune, cell.FG, cell.Plain = '━', color, rune('1'+i%9)
		}
		x = c.Text(x+1, y, " "+s.Name, t.Text())
	}
}
