package trajectories

import (
	"fmt"
	"math"

	"replab/scenes"
	"replab/tui/widgets"
)

// view draws the embedded trajectories on the left and, on the right, the
// verdict, each group's error and spread, and the separation by epoch.
func view(snap scenes.Snapshot, width, height int, t *widgets.Theme) string {
	p, ok := snap.Data.(*picture)
	if !ok || width < 40 || height < 8 {
		return widgets.Fit("trajectories: needs at least 40×8", width, height)
	}
	c := widgets.NewCanvas(width, height)
	panelW := min(40, max(25, width-2*height-1))
	mapW := width - panelW - 1
	c.Paste(0, 0, trajectoryMap(p, mapW, height, t))
	x0 := mapW + 1
	y := panelText(c, snap, p, x0, panelW, height >= 30, t)
	chartH := height - y
	if height >= 30 {
		chartH = (height - y) / 2
		errors := widgets.LineChart{Series: []widgets.Series{
			{Name: "error pretrained", Y: errorSeries(p.history, groupPre),
				Color: groupColour(t, groupPre)},
			{Name: "random", Y: errorSeries(p.history, groupRandom),
				Color: groupColour(t, groupRandom)},
		}, YMin: 0, YMax: 0.3}
		c.Paste(x0, y+chartH, errors.Canvas(panelW, height-y-chartH, t))
	}
	sep := make([]float64, len(p.history))
	for i, g := range p.history {
		sep[i] = g.separation
	}
	chart := widgets.LineChart{Series: []widgets.Series{{Name: "separation by epoch", Y: sep,
		Color: t.Accent()}}}
	c.Paste(x0, y, chart.Canvas(panelW, chartH, t))
	return c.Render(t)
}

// panelText writes the verdict, the groups' numbers and the state of the
// run, and returns the first free line. With room to spare the longer
// lines wrap; otherwise they are cut to the panel.
func panelText(c *widgets.Canvas, snap scenes.Snapshot, p *picture, x, w int, roomy bool,
	t *widgets.Theme) int {
	fit := func(s string, w int) []string {
		switch {
		case s == "":
			return nil
		case roomy:
			return widgets.Wrap(s, w)
		}
		return []string{widgets.Clip(s, w)}
	}
	g := p.history.last()
	mark, colour := "…", t.Muted()
	switch {
	case snap.Verdict.Reproduced:
		mark, colour = "✓", t.Good()
	case snap.Finished:
		mark, colour = "✗", t.Bad()
	}
	next := c.Text(x, 0, mark+" ", colour)
	y := 0
	for _, line := range fit(fmt.Sprintf("separation %s (> %.1f; shuffled %s)",
		num(g.separation, "%.2f"), separatedRatio, num(g.shuffled, "%.2f")), w-2) {
		c.Text(next, y, line, t.Text())
		y++
	}
	names, format := [2]string{"pretrained", "random"}, "■ %-10s err %s spread %s"
	if w < 34 {
		names, format = [2]string{"pre", "rand"}, "■ %-4s err %s spr %s"
	}
	for k := range 2 {
		line := fmt.Sprintf(format, names[k],
			num(100*g.testError[k], "%.1f%%"), num(g.spread[k], "%.2f"))
		c.Text(x, y, widgets.Clip(line, w), t.Text())
		c.Set(x, y, '■', groupColour(t, k), widgets.Default)
		y++
	}
	c.Text(x, y, widgets.Clip(p.phase+" · "+p.method, w), t.Accent())
	y++
	for _, part := range []struct {
		text   string
		colour widgets.Color
	}{{p.problem, t.Bad()}, {p.note, t.Muted()}, {p.setup, t.Muted()}} {
		for _, line := range fit(part.text, w) {
			c.Text(x, y, line, part.colour)
			y++
		}
	}
	return y
}

func errorSeries(h history, group int) []float64 {
	out := make([]float64, len(h))
	for i, g := range h {
		out[i] = g.testError[group]
	}
	return out
}

// groupColour is the pretrained group's warm colour or the random group's
// cool one.
func groupColour(t *widgets.Theme, group int) widgets.Color {
	if group == groupPre {
		return t.Series(1)
	}
	return t.Series(0)
}

func num(x float64, format string) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf(format, x)
}
