package salience

import (
	"strconv"

	"replab/tui/widgets"
)

// chartSpec names the curves one chart draws; fraction charts run 0…1.
type chartSpec struct {
	series   []string
	fraction bool
}

// chartSpecs lists each data set's charts: the models' test MSE, the
// feature measure, and the arm (ping-pong) or the adversarial losses.
var chartSpecs = map[int][]chartSpec{
	datasetPingpong: {
		{series: []string{"mse small", "mse large"}},
		{series: []string{"kept small", "kept large"}, fraction: true},
		{series: []string{"arm IoU"}, fraction: true},
	},
	datasetHead: {
		{series: []string{"mse MSE", "mse adv"}},
		{series: []string{"sharp MSE", "sharp adv", "ghost MSE"}, fraction: true},
		{series: []string{"D loss", "adv loss"}},
	},
}

// drawCharts draws the data set's charts side by side under the frames,
// or one above another beside them.
func drawCharts(c *widgets.Canvas, d viewData, l layout, t *widgets.Theme) {
	specs := chartSpecs[d.dataset]
	n := len(specs)
	for i, spec := range specs {
		x, y, w, h := l.chartX, l.chartY, l.chartW, l.chartH
		if l.stacked {
			x, w = l.chartX+i*l.chartW/n, (i+1)*l.chartW/n-i*l.chartW/n
		} else {
			y, h = l.chartY+i*l.chartH/n, (i+1)*l.chartH/n-i*l.chartH/n
		}
		c.Paste(x, y, chartOf(spec, d.curves).Canvas(w-1, h, t))
	}
}

// chartOf builds the line chart of one spec from the recorded curves.
func chartOf(spec chartSpec, cv curves) *widgets.LineChart {
	lc := &widgets.LineChart{Format: compactNumber}
	if spec.fraction {
		lc.YMin, lc.YMax = 0, 1
	}
	for _, name := range spec.series {
		if ys, ok := cv.values[name]; ok {
			lc.Series = append(lc.Series, widgets.Series{Name: name, X: cv.steps, Y: ys})
		}
	}
	return lc
}

// compactNumber renders tick labels in at most five characters.
func compactNumber(v float64) string {
	switch a := abs(v); {
	case v == 0:
		return "0"
	case a >= 1000:
		return fmtG(v/1000, 2) + "k"
	case a >= 1:
		return fmtG(v, 3)
	}
	return fmtG(v, 2)
}

func abs(v float64) float64 { return max(v, -v) }

func fmtG(v float64, digits int) string {
	return strconv.FormatFloat(v, 'g', digits, 64)
}
