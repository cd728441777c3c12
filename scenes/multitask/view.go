package multitask

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"replab/scenes"
	"replab/tui/widgets"
)

// view draws the architecture and the shared representation of each format
// on the left, the scores and the accuracy curves of both models on the
// right.
func view(snap scenes.Snapshot, width, height int, t *widgets.Theme) string {
	p, ok := snap.Data.(*picture)
	if !ok || width < 40 || height < 12 {
		return widgets.Fit("", width, height)
	}
	c := widgets.NewCanvas(width, height)
	leftW := min(width/2, 60)
	diagram(c, p, leftW, t)
	representationPanels(c, p, diagramHeight+1, leftW, height-diagramHeight-1, t)

	x0, panelW := leftW+1, width-leftW-1
	y := scoreLines(c, p, x0, t)
	chartH := (height - y) / 2
	c.Paste(x0, y, accuracyChart(p, 0, "shared", t).Canvas(panelW, chartH, t))
	c.Paste(x0, y+chartH, accuracyChart(p, len(formats), "alone", t).
		Canvas(panelW, height-y-chartH, t))
	return c.Render(t)
}

// diagramHeight is the number of lines the architecture takes.
const diagramHeight = 7

// diagram draws Figure 15.2: the formats' inputs x(i), their own lower
// layers h(i), the shared representation and the output, with the path of
// the formats now being trained in the accent colour.
func diagram(c *widgets.Canvas, p *picture, w int, t *widgets.Theme) {
	col := func(f int) int { return w/6 + f*w/3 }
	mid := col(1)
	shared := "h(shared)"
	if p.frozen {
		shared = "h(shared) frozen"
	}
	centre(c, mid, 0, "y: digit class", t.Text())
	c.Text(mid, 1, "│", t.Muted())
	centre(c, mid, 2, shared, t.Text())
	bar := []rune(strings.Repeat("─", col(2)-col(0)+1))
	bar[0], bar[len(bar)-1], bar[mid-col(0)] = '┌', '┐', '┼'
	c.Text(col(0), 3, string(bar), t.Muted())
	for f, fm := range formats {
		colour := t.Muted()
		if slices.Contains(p.active, f) {
			colour = t.Accent()
			c.Text(col(f), 3, string(bar[col(f)-col(0)]), colour)
		}
		centre(c, col(f), 4, fmt.Sprintf("h(%d)", f+1), colour)
		centre(c, col(f), 5, fmt.Sprintf("x(%d)", f+1), colour)
		name := fm.name
		if f == p.scarce {
			name = fmt.Sprintf("%s ×%d", name, p.labels)
		}
		centre(c, col(f), 6, name, colour)
	}
}

func centre(c *widgets.Canvas, x, y int, s string, colour widgets.Color) {
	c.Text(x-len([]rune(s))/2, y, s, colour)
}

// representationPanels place each format's test digits in the shared
// representation's plane, coloured by class, one panel per format on
// common axes: when sharing works the three clouds are arranged alike. The
// panels go side by side or one above another, whichever suits the
// clouds' shape; each axis is then stretched to fill its panel, since the
// projection's axes carry no unit worth keeping square.
func representationPanels(c *widgets.Canvas, p *picture, y, w, h int, t *widgets.Theme) {
	n := len(formats)
	if h < 4 || len(p.points) != n {
		return
	}
	var xs, ys []float64
	for _, pts := range p.points {
		for _, pt := range pts {
			xs, ys = append(xs, pt.x), append(ys, pt.y)
		}
	}
	if len(xs) == 0 {
		return
	}
	b := robustBounds(xs, ys)
	// A panel of pw×ph cells is a label line over a picture of
	// (pw−1)×2(ph−1) pixels.
	scaleOf := func(pw, ph int) float64 { return widgets.FitFrame(b, pw-1, 2*(ph-1), 0.05).Scale }
	pw, ph, dx, dy := w/n, h-1, w/n, 0
	if stacked := (h - 1) / n; stacked >= 3 && scaleOf(w, stacked) > scaleOf(pw, ph) {
		pw, ph, dx, dy = w, stacked, 0, stacked
	}
	palette := t.Palette(classes)
	next := c.Text(0, y, "h(shared) by format", t.Muted())
	colourKey(c, next, y, w, palette, t)
	for f, pts := range p.points {
		x0, y0 := f*dx, y+1+f*dy
		colour := t.Muted()
		if f == p.scarce {
			colour = t.Accent()
		}
		c.Text(x0, y0, formats[f].name, colour)
		c.Paste(x0, y0+1, cloud(pts, b, pw-1, 2*(ph-1), palette, t))
	}
}

// colourKey writes " · digit 0123456789", each digit in its class's
// colour, from column x of row y if it fits before w; without colour the
// points are drawn as their digits and need no key.
func colourKey(c *widgets.Canvas, x, y, w int, palette []widgets.Color, t *widgets.Theme) {
	const label = " · digit "
	if !t.Colour() || x+len([]rune(label))+classes > w {
		return
	}
	x = c.Text(x, y, label, t.Muted())
	for k := range classes {
		x = c.Text(x, y, string(rune('0'+k)), palette[k])
	}
}

// cloud draws one format's points in a w×h-pixel picture spanning b, each
// in its class's colour (or, without colour, as its digit).
func cloud(pts []repPoint, b widgets.Bounds, w, h int, palette []widgets.Color,
	t *widgets.Theme) *widgets.Canvas {
	toPixel := func(x, y float64) (int, int) {
		fx := (x - b.MinX) / math.Max(b.MaxX-b.MinX, 1e-12)
		fy := (b.MaxY - y) / math.Max(b.MaxY-b.MinY, 1e-12)
		clamp := func(v float64, n int) int { return min(n-1, max(0, int(v*float64(n-1)+0.5))) }
		return clamp(fx, w), clamp(fy, h)
	}
	im := widgets.NewImage(w, h)
	for _, pt := range pts {
		px, py := toPixel(pt.x, pt.y)
		im.Set(px, py, palette[pt.class])
	}
	canvas := im.Canvas()
	if !t.Colour() {
		for _, pt := range pts {
			px, py := toPixel(pt.x, pt.y)
			if cell := canvas.At(px, py/2); cell != nil {
				cell.Plain = rune('0' + pt.class)
			}
		}
	}
	return canvas
}

// robustBounds spans the 2nd to the 98th percentile of each coordinate, so
// that a few far points do not shrink every cloud to a speck; points
// outside are drawn at the edge.
func robustBounds(xs, ys []float64) widgets.Bounds {
	span := func(v []float64) (float64, float64) {
		v = slices.Clone(v)
		slices.Sort(v)
		k := len(v) / 50
		return v[k], v[len(v)-1-k]
	}
	var b widgets.Bounds
	b.MinX, b.MaxX = span(xs)
	b.MinY, b.MaxY = span(ys)
	return b
}

func scoreLines(c *widgets.Canvas, p *picture, x int, t *widgets.Theme) int {
	mode := "joint"
	if p.transfer {
		mode = "transfer"
	}
	lines := []string{
		fmt.Sprintf("run %d/%d · %d/%d · %s", p.run, p.runs, p.iter, p.budget, mode),
		fmt.Sprintf("%-7s %6s %6s", "", "shared", "alone"),
	}
	for f, fm := range formats {
		lines = append(lines, fmt.Sprintf("%-7s %6.3f %6.3f", fm.name, p.shared[f], p.separate[f]))
	}
	for i, line := range lines {
		colour := t.Text()
		if i >= 2 && i-2 == p.scarce {
			colour = t.Accent()
		}
		c.Text(x, i, line, colour)
	}
	return len(lines)
}

// accuracyChart plots the test accuracy of one model on each format.
func accuracyChart(p *picture, first int, model string, t *widgets.Theme) *widgets.LineChart {
	lc := &widgets.LineChart{}
	for f, fm := range formats {
		name := fm.name
		if f == 0 {
			name = model + ": " + name
		}
		lc.Series = append(lc.Series, widgets.Series{
			Name: name, X: p.curveX, Y: p.curves[first+f], Color: t.Series(f),
		})
	}
	return lc
}
