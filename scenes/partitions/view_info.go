package partitions

import (
	"fmt"
	"math"
	"strconv"

	"replab/scenes"
	"replab/tui/widgets"
)

// drawInfo writes the text column: the cursor's code, the counts, learned
// mode's training, and the verdict, cut to the rows there are.
func drawInfo(c *widgets.Canvas, f *Frame, v scenes.Verdict, l viewLayout, t *widgets.Theme) {
	type line struct {
		text  string
		color widgets.Color
	}
	var lines []line
	add := func(color widgets.Color, format string, args ...any) {
		for _, s := range widgets.Wrap(fmt.Sprintf(format, args...), l.infoW) {
			lines = append(lines, line{s, color})
		}
	}
	add(t.Accent(), "code %s at (%.1f,%.1f)", f.CursorCode, f.Cursor[0], f.Cursor[1])
	if len(f.Centroids) > 0 {
		add(t.Accent(), "nearest centroid: %d of %d", nearestCentroid(f.Centroids, f.Cursor)+1,
			len(f.Centroids))
	}
	position := ""
	if !f.General {
		position = ", not in general position"
	}
	add(t.Text(), "%d features → %d regions (Σ C(n,j) = %d%s)", len(f.Lines), len(f.Regions),
		regionFormula(len(f.Lines), 2), position)
	add(t.Text(), "k=%d centroids → %d cells", len(f.Centroids), f.Cells)
	if f.Mode == modeNames[Learned] {
		add(t.Text(), "learned on %s: epoch %d, loss %s, accuracy %s", f.Dataset, f.Epochs,
			formatLoss(f.Loss), percent(f.Accuracy))
	} else {
		add(t.Muted(), "random lines, layout %s", f.Layout)
	}
	add(t.Muted(), "chart: regions against n (NN: k), log-log: slope d against 1")
	verdictColor, verdictWord := verdictLine(f, v, t)
	add(verdictColor, "%s", verdictWord)
	add(t.Muted(), "%s", v.Detail)
	for i, ln := range lines[:min(len(lines), l.infoH)] {
		c.Text(l.infoX, l.infoY+i, ln.text, ln.color)
	}
}

// verdictLine is the verdict in a word or two, and its colour.
func verdictLine(f *Frame, v scenes.Verdict, t *widgets.Theme) (widgets.Color, string) {
	switch {
	case len(f.NN) < maxCentroids || len(f.MeasuredD) < maxFeatures:
		return t.Muted(), "measuring…"
	case v.Reproduced:
		return t.Good(), "✓ reproduced"
	}
	return t.Bad(), "✗ not reproduced"
}

// drawInfoLines writes the short form of the text in the lines under the
// maps: the cursor's code and the two counts (the shell's status line
// carries the verdict).
func drawInfoLines(c *widgets.Canvas, f *Frame, l viewLayout, t *widgets.Theme) {
	code := fmt.Sprintf("code %s at (%.1f,%.1f)", f.CursorCode, f.Cursor[0], f.Cursor[1])
	c.Text(l.infoX, l.infoY, widgets.Clip(code, l.infoW), t.Accent())
	counts := fmt.Sprintf("%d regions, Σ C(%d,j) = %d; %d cells for k=%d", len(f.Regions),
		len(f.Lines), regionFormula(len(f.Lines), 2), f.Cells, len(f.Centroids))
	if f.Mode == modeNames[Learned] {
		counts = fmt.Sprintf("%d regions; epoch %d, loss %s, accuracy %s", len(f.Regions),
			f.Epochs, formatLoss(f.Loss), percent(f.Accuracy))
	}
	if l.infoH > 1 {
		c.Text(l.infoX, l.infoY+1, widgets.Clip(counts, l.infoW), t.Text())
	}
}

func formatLoss(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// countChart plots region counts against n on log-log axes, where Σ C(n,j)
// grows with slope d and nearest neighbour's k = n with slope 1: measured
// and formula in the plane and in R^d. Both axes share one tick format.
func countChart(f *Frame) *widgets.LineChart {
	ns := make([]float64, maxFeatures)
	nn := make([]float64, maxFeatures)
	for i := range ns {
		ns[i] = math.Log10(float64(i + 1))
		nn[i] = ns[i]
	}
	series := []widgets.Series{
		{Name: fmt.Sprintf("Σ d%d", f.Dim), X: ns, Y: logCounts(f.FormulaD)},
		{Name: fmt.Sprintf("count d%d", f.Dim), X: ns, Y: logCounts(f.MeasuredD)},
		{Name: "Σ d2", X: ns, Y: logCounts(f.Formula2)},
		{Name: "count d2", X: ns, Y: logCounts(f.Measured2)},
		{Name: "NN k", X: ns, Y: nn},
	}
	if f.Dim == 2 {
		series = append(series[2:4:4], series[4])
	}
	top := math.Log10(float64(max(2, regionFormula(maxFeatures, f.Dim))))
	return &widgets.LineChart{
		Series: series,
		XMin:   0, XMax: math.Log10(maxFeatures), YMin: 0, YMax: top,
		Format: func(v float64) string {
			return strconv.FormatFloat(math.Round(math.Pow(10, v)), 'f', 0, 64)
		},
	}
}

// logCounts is log10 of each count.
func logCounts(counts []int) []float64 {
	out := make([]float64, len(counts))
	for i, c := range counts {
		out[i] = math.Log10(float64(max(1, c)))
	}
	return out
}
