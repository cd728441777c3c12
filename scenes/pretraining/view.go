package pretraining

import (
	"fmt"
	"math"
	"strings"

	"replab/scenes"
	"replab/tui/widgets"
)

// meanLabel names the mean line, as in Ma et al.'s figure.
const meanLabel = "average advantage of not pretraining"

// view draws the verdict on top, the dot plot of harm per task on the left,
// the per-task table on the right, and the pairs being trained underneath.
func view(snap scenes.Snapshot, width, height int, t *widgets.Theme) string {
	p, ok := snap.Data.(*picture)
	if !ok || width < 40 || height < 8 {
		return widgets.Fit("pretraining: needs at least 40×8", width, height)
	}
	c := widgets.NewCanvas(width, height)
	verdictLine(c, snap, p, width, t)
	liveRows := max(1, min(len(p.live), (height-16)/2))
	bodyH := height - 1 - liveRows
	tableW := tableWidth(width)
	plot := harmPlot{p: p, t: t}
	c.Paste(0, 1, plot.canvas(width-tableW-1, bodyH))
	c.Paste(width-tableW, 1, table(p, tableW, bodyH, t))
	for i := range min(liveRows, len(p.live)) {
		line := "▶ " + p.live[i]
		c.Text(0, 1+bodyH+i, widgets.Clip(line, width), t.Accent())
	}
	if len(p.live) == 0 {
		c.Text(0, height-1, widgets.Clip(p.setup, width), t.Muted())
	}
	return c.Render(t)
}

// verdictLine writes the verdict mark, the detail and the progress.
func verdictLine(c *widgets.Canvas, snap scenes.Snapshot, p *picture, w int, t *widgets.Theme) {
	mark, colour := "✗", t.Bad()
	switch {
	case snap.Verdict.Reproduced:
		mark, colour = "✓", t.Good()
	case !snap.Finished:
		mark, colour = "…", t.Muted()
	}
	x := c.Text(0, 0, mark+" ", colour)
	harm := "mean harm —"
	if !math.IsNaN(p.meanHarm) {
		harm = fmt.Sprintf("mean harm %+.3f", p.meanHarm)
	}
	summary := fmt.Sprintf("%s · hurt %v · helped %v · %d/%d pairs", harm,
		snap.Metrics["tasks_hurt"], snap.Metrics["tasks_helped"], p.done, p.total)
	x = c.Text(x, 0, widgets.Clip(summary, w-x), t.Text())
	if w-x > 20 {
		c.Text(x, 0, widgets.Clip(" · "+p.setup, w-x), t.Muted())
	}
}

// tableWidth leaves the plot at least half of the width.
func tableWidth(width int) int {
	switch {
	case width >= 110:
		return 46
	case width >= 70:
		return 31
	}
	return 24
}

// table lists every task: its letter in the plot, name, pairs done and
// mean harm; wide tables add the mean scores with and without.
func table(p *picture, w, h int, t *widgets.Theme) *widgets.Canvas {
	c := widgets.NewCanvas(w, h)
	wide := w >= 46
	nameW := w - 17
	header := fmt.Sprintf("  %-*s %5s %7s", nameW, "task", "pairs", "harm")
	if wide {
		nameW = w - 33
		header = fmt.Sprintf("  %-*s %5s %7s %7s %7s", nameW, "task", "pairs", "harm",
			"with", "without")
	}
	c.Text(0, 0, widgets.Clip(header, w), t.Muted())
	for i, col := range p.columns {
		if i+1 >= h {
			break
		}
		row := fmt.Sprintf("%c %-*s %2d/%-2d %7s", letter(i), nameW, shortName(col.name, nameW),
			len(col.harms), col.planned, signed(col.mean))
		if wide {
			row += fmt.Sprintf(" %7s %7s", plainNum(meanOr(col.with)),
				plainNum(meanOr(col.without)))
		}
		c.Text(0, i+1, widgets.Clip(row, w), rowColour(col, t))
		c.Text(0, i+1, string(letter(i)), taskColour(col, t))
	}
	return c
}

// shortName drops the "nci_" prefix the molecule tasks share when the name
// does not fit, so that narrow tables still tell them apart.
func shortName(name string, w int) string {
	if len([]rune(name)) > w {
		name = strings.TrimPrefix(name, "nci_")
	}
	return widgets.Clip(name, w)
}

// rowColour shows at a glance whether pretraining hurt or helped the task.
func rowColour(col column, t *widgets.Theme) widgets.Color {
	switch {
	case math.IsNaN(col.mean):
		return t.Muted()
	case col.mean > tieTolerance:
		return t.Bad()
	case col.mean < -tieTolerance:
		return t.Good()
	}
	return t.Text()
}

// taskColour tells chemistry tasks from the others, in table and plot.
func taskColour(col column, t *widgets.Theme) widgets.Color {
	if col.chem {
		return t.Series(0)
	}
	return t.Series(1)
}

// letter names task i in the plot, where a column is too narrow for names.
func letter(i int) rune {
	if i < 26 {
		return rune('a' + i)
	}
	return '?'
}

func meanOr(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	return mean(xs)
}

func signed(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%+.3f", x)
}

func plainNum(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.3f", x)
}
