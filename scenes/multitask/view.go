package multitask

import (
	"fmt"
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
// representation's plane, side by side, coloured by class: when sharing
// works the three clouds are arranged alike.
func representationPanels(c *widgets.Canvas, p *picture, y, w, h int, t *widgets.Theme) {
	if h < 3 || len(p.points) != len(formats) {
		return
	}
	b := widgets.EmptyBounds()
	for _, pts := range p.points {
		for _, pt := range pts {
			b.Add(pt.x, pt.y)
		}
	}
	panelW := w / len(formats)
	palette := t.Palette(classes)
	c.Text(0, y, "h(shared) by format", t.Muted())
	for f, pts := range p.points {
		im := widgets.NewImage(panelW-1, 2*(h-1))
		frame := widgets.FitFrame(b, im.W, im.H, 0.05)
		for _, pt := range pts {
			px, py := frame.ToPixel(pt.x, pt.y)
			im.Set(px, py, palette[pt.class])
		}
		canvas := im.Canvas()
		if !t.Colour() {
			for _, pt := range pts {
				px, py := frame.ToPixel(pt.x, pt.y)
				if cell := canvas.At(px, py/2); cell != nil {
					cell.Plain = rune('0' + pt.class)
				}
			}
		}
		c.Paste(f*panelW, y+1, canvas)
	}
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
