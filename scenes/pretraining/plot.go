package pretraining

import (
	"fmt"
	"math"

	"replab/tui/widgets"
)

// brailleBits[column][row] is the dot of a braille cell (2 × 4 dots).
var brailleBits = [2][4]rune{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

// hurtLabel marks the top of the plot, where pretraining did harm.
const hurtLabel = "↑ pretraining hurt"

// harmPlot draws one column per task and one braille dot per finished
// pair at its harm, with the break-even line at zero and the mean line.
type harmPlot struct {
	p *picture
	t *widgets.Theme
}

// plotFrame maps harms to braille dot rows.
type plotFrame struct {
	lo, hi       float64
	labelW       int
	plotW, plotH int
}

func (f plotFrame) dotRow(y float64) int {
	rows := 4*f.plotH - 1
	r := int(math.Round((f.hi - y) / (f.hi - f.lo) * float64(rows)))
	return min(rows, max(0, r))
}

func (hp harmPlot) canvas(w, h int) *widgets.Canvas {
	c := widgets.NewCanvas(w, h)
	f := hp.frame(w, h)
	if f.plotW < len(hp.p.columns) || f.plotH < 3 {
		return c
	}
	muted := hp.t.Muted()
	for y := range f.plotH {
		c.Set(f.labelW, y, '│', muted, widgets.Default)
	}
	hp.dots(c, f)
	zeroRow := f.dotRow(0) / 4
	hp.line(c, f, zeroRow, '─', muted)
	if !math.IsNaN(hp.p.meanHarm) {
		meanRow := f.dotRow(hp.p.meanHarm) / 4
		hp.line(c, f, meanRow, '┄', hp.t.Accent())
		legend := "┄ " + meanLabel
		if len([]rune(hurtLabel+legend))+3 <= f.plotW && meanRow != 0 {
			hp.label(c, f, 0, legend, hp.t.Accent(), true) // a legend on the top row
		} else {
			hp.label(c, f, hp.freeRowNear(c, f, meanRow, zeroRow), meanLabel, hp.t.Accent(), true)
		}
	}
	hp.label(c, f, 0, hurtLabel, muted, false)
	if f.lo < 0 {
		hp.label(c, f, f.plotH-1, "↓ pretraining helped", muted, false)
	}
	hp.axisLabels(c, f, zeroRow)
	return c
}

// frame chooses the harm range: every dot, zero and the mean, padded.
func (hp harmPlot) frame(w, h int) plotFrame {
	lo, hi := 0.0, 0.0
	for _, col := range hp.p.columns {
		for _, d := range col.harms {
			lo, hi = math.Min(lo, d), math.Max(hi, d)
		}
	}
	if hi-lo < 0.02 {
		lo, hi = lo-0.01, hi+0.01
	}
	pad := 0.08 * (hi - lo)
	labelW := 7
	return plotFrame{lo: lo - pad, hi: hi + pad, labelW: labelW,
		plotW: w - labelW - 1, plotH: h - 1}
}

// dots sets one braille dot per pair, spreading a task's seeds across its
// column, coloured by the kind of task.
func (hp harmPlot) dots(c *widgets.Canvas, f plotFrame) {
	n := len(hp.p.columns)
	cw := f.plotW / n
	slots := max(1, 2*cw-1) // dot columns per task, leaving a gap
	for i, col := range hp.p.columns {
		colour := taskColour(col, hp.t)
		for k, d := range col.harms {
			dotX := (i*cw)*2 + k%slots
			dotY := f.dotRow(d)
			cell := c.At(f.labelW+1+dotX/2, dotY/4)
			if cell == nil {
				continue
			}
			bits := rune(0)
			if cell.Rune >= 0x2800 && cell.Rune <= 0x28ff {
				bits = cell.Rune - 0x2800
			}
			cell.Rune = 0x2800 | bits | brailleBits[dotX%2][dotY%4]
			cell.FG = colour
		}
	}
}

// line draws a horizontal line on row y through the cells without dots.
func (hp harmPlot) line(c *widgets.Canvas, f plotFrame, y int, r rune, colour widgets.Color) {
	for x := f.labelW + 1; x < f.labelW+1+f.plotW; x++ {
		if cell := c.At(x, y); cell != nil && cell.Rune == ' ' {
			cell.Rune, cell.FG = r, colour
		}
	}
}

// freeRowNear returns the row next to row where the mean line's label,
// right-aligned, hides the fewest dots (never the zero line's row).
func (hp harmPlot) freeRowNear(c *widgets.Canvas, f plotFrame, row, zeroRow int) int {
	n := min(len([]rune(meanLabel)), f.plotW-2)
	best, fewest := row+1, n+1
	for _, d := range []int{-1, 1, -2, 2, -3, 3} {
		y := row + d
		if y < 1 || y >= f.plotH-1 || y == zeroRow {
			continue
		}
		hidden := 0
		for x := f.labelW + 1 + f.plotW - n; x < f.labelW+1+f.plotW; x++ {
			if r := c.At(x, y).Rune; r >= 0x2800 && r <= 0x28ff {
				hidden++
			}
		}
		if hidden < fewest {
			best, fewest = y, hidden
		}
	}
	return best
}

// label writes text on row y over empty cells only, at the right end of
// the plot or at its left.
func (hp harmPlot) label(c *widgets.Canvas, f plotFrame, y int, text string,
	colour widgets.Color, right bool) {
	runes := []rune(text)
	if len(runes) > f.plotW-2 {
		runes = runes[:max(0, f.plotW-2)]
	}
	x := f.labelW + 2
	if right {
		x = f.labelW + 1 + f.plotW - len(runes)
	}
	for i, r := range runes {
		if cell := c.At(x+i, y); cell != nil && (cell.Rune == ' ' || cell.Rune == '─' ||
			cell.Rune == '┄') {
			cell.Rune, cell.FG = r, colour
		}
	}
}

// axisLabels writes the harm at the top, at zero and at the bottom, and
// each task's letter under its column.
func (hp harmPlot) axisLabels(c *widgets.Canvas, f plotFrame, zeroRow int) {
	muted := hp.t.Muted()
	for _, m := range []struct {
		row  int
		text string
	}{{0, fmt.Sprintf("%+.2f", f.hi)}, {f.plotH - 1, fmt.Sprintf("%+.2f", f.lo)}} {
		if m.row != zeroRow {
			c.Text(f.labelW-len(m.text), m.row, m.text, muted)
		}
	}
	c.Text(f.labelW-1, zeroRow, "0", muted)
	cw := f.plotW / len(hp.p.columns)
	for i, col := range hp.p.columns {
		x := f.labelW + 1 + i*cw + (cw-1)/2
		c.Set(x, f.plotH, letter(i), taskColour(col, hp.t), widgets.Default)
	}
}
