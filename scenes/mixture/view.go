package mixture

import (
	"fmt"
	"math"

	"replab/scenes"
	"replab/tui/widgets"

	"gonum.org/v1/gonum/floats"
)

// densityRange is how many nats below its peak the shaded density fades
// out; bands is how many contour-like bands the shading has.
const (
	densityRange = 9.0
	bands        = 9
)

// view draws the density map on the left, and the scores, the
// log-likelihood curve and BIC against k on the right.
func view(snap scenes.Snapshot, width, height int, t *widgets.Theme) string {
	p, ok := snap.Data.(*picture)
	if !ok || width < 20 || height < 6 {
		return widgets.Fit("", width, height)
	}
	c := widgets.NewCanvas(width, height)
	mapW := min(width/2, 2*height)
	c.Paste(0, 0, densityMap(p, mapW, height, t))

	x0, panelW := mapW+1, width-mapW-1
	y := scoreLines(c, p, snap, x0, panelW, t)
	chartH := (height - y) / 2
	ll := widgets.LineChart{Series: []widgets.Series{{Name: "log-likelihood per point",
		Y: p.logLik, Color: t.Series(0)}}}
	ll.YMin, ll.YMax = atLeastSpan(p.logLik, minLogLikSpan)
	c.Paste(x0, y, ll.Canvas(panelW, chartH, t))
	bic := widgets.LineChart{Series: []widgets.Series{{Name: "BIC by k (lower is better)",
		X: countFrom1(len(p.bic)), Y: p.bic, Color: t.Series(1)}}}
	c.Paste(x0, y+chartH, bic.Canvas(panelW, height-y-chartH, t))
	return c.Render(t)
}

// scoreLines writes the data set and the scores at the top of the right
// panel and returns the first free line.
func scoreLines(c *widgets.Canvas, p *picture, snap scenes.Snapshot, x, w int,
	t *widgets.Theme) int {
	state := "EM running"
	if p.fitDone {
		state = "EM converged"
	}
	lines := []string{
		p.dataName,
		fmt.Sprintf("%s · %d iterations · k=%d", state, len(p.logLik), p.model.Components()),
		fmt.Sprintf("ARI %.2f · one label a class: accuracy %.2f",
			num(snap.Metrics["ari"]), num(snap.Metrics["one_label_accuracy"])),
	}
	if w < 40 { // the same, in the words that fit a narrow panel
		lines = []string{
			p.dataName,
			fmt.Sprintf("%s · %d it · k=%d", state, len(p.logLik), p.model.Components()),
			fmt.Sprintf("ARI %.2f · one-label %.2f",
				num(snap.Metrics["ari"]), num(snap.Metrics["one_label_accuracy"])),
		}
	}
	for i, line := range lines {
		c.Text(x, i, line, t.Text())
	}
	return len(lines)
}

// densityMap shades the fitted density in bands, colours each point by the
// components responsible for it, draws each component's two-σ ellipse and
// marks the labelled points with their class's letter.
func densityMap(p *picture, cols, rows int, t *widgets.Theme) *widgets.Canvas {
	frame := fitFrame(p, cols, 2*rows)
	im := widgets.NewImage(cols, 2*rows)
	shadeDensity(im, p, frame, t)
	colours := componentColours(p.model.Components(), t)
	n, _ := p.x.Dims()
	k := p.model.Components()
	for i := range n {
		px, py := frame.ToPixel(p.x.At(i, 0), p.x.At(i, 1))
		im.Set(px, py, mixColours(p.resp[i*k:(i+1)*k], colours))
	}
	outline := t.Text()
	for c := range colours {
		drawEllipse(im, p, c, frame, widgets.Lerp(colours[c], outline, 0.6))
	}
	canvas := im.Canvas()
	if !t.Colour() {
		plainPoints(canvas, p, frame)
	}
	for _, i := range p.picks {
		px, py := frame.ToPixel(p.x.At(i, 0), p.x.At(i, 1))
		if cell := canvas.At(px, py/2); cell != nil {
			letter := rune('A' + p.labels[i])
			cell.Rune, cell.Plain, cell.FG = letter, letter, t.Text()
		}
	}
	return canvas
}

// plainPoints writes each point's component as a lower-case letter, for
// terminals without colour.
func plainPoints(canvas *widgets.Canvas, p *picture, frame widgets.Frame) {
	n, _ := p.x.Dims()
	k := p.model.Components()
	for i := range n {
		px, py := frame.ToPixel(p.x.At(i, 0), p.x.At(i, 1))
		if cell := canvas.At(px, py/2); cell != nil {
			cell.Plain = rune('a' + floats.MaxIdx(p.resp[i*k:(i+1)*k]))
		}
	}
}

func shadeDensity(im *widgets.Image, p *picture, f widgets.Frame, t *widgets.Theme) {
	logDensity := make([]float64, im.W*im.H)
	peak := math.Inf(-1)
	for py := range im.H {
		for px := range im.W {
			x, y := f.ToPlane(px, py)
			ld := p.model.LogDensity([]float64{x, y})
			logDensity[py*im.W+px] = ld
			peak = math.Max(peak, ld)
		}
	}
	low, high := widgets.Gray(0.06), widgets.Gray(0.42)
	if !t.Dark {
		low, high = widgets.Gray(0.98), widgets.Gray(0.68)
	}
	for i, ld := range logDensity {
		level := 1 - (peak-ld)/densityRange
		if level <= 0 || math.IsNaN(level) {
			im.Pix[i] = low
			continue
		}
		band := math.Floor(level * bands)
		shade := band / bands
		if int(band)%2 == 1 {
			shade -= 0.35 / bands // alternate bands read as contour lines
		}
		im.Pix[i] = widgets.Lerp(low, high, shade)
	}
}

// drawEllipse draws the two-standard-deviation contour of component c.
func drawEllipse(im *widgets.Image, p *picture, c int, f widgets.Frame, colour widgets.Color) {
	cov := p.model.Covariance(c)
	means := p.model.Means()
	mx, my := means.At(c, 0), means.At(c, 1)
	a, b, d := cov.At(0, 0), cov.At(0, 1), cov.At(1, 1)
	// Eigen-decomposition of the 2×2 symmetric covariance in closed form.
	mid, gap := (a+d)/2, math.Hypot((a-d)/2, b)
	major, minor := math.Sqrt(math.Max(0, mid+gap)), math.Sqrt(math.Max(0, mid-gap))
	angle := 0.5 * math.Atan2(2*b, a-d)
	cos, sin := math.Cos(angle), math.Sin(angle)
	for step := range 180 {
		theta := 2 * math.Pi * float64(step) / 180
		u, v := 2*major*math.Cos(theta), 2*minor*math.Sin(theta)
		px, py := f.ToPixel(mx+cos*u-sin*v, my+sin*u+cos*v)
		im.Set(px, py, colour)
	}
}

func componentColours(k int, t *widgets.Theme) []widgets.Color {
	colours := make([]widgets.Color, k)
	for c := range colours {
		colours[c] = t.Series(c)
	}
	return colours
}

// mixColours blends the components' colours by responsibility.
func mixColours(resp []float64, colours []widgets.Color) widgets.Color {
	var r, g, b float64
	for c, w := range resp {
		cr, cg, cb := colours[c].Channels()
		r, g, b = r+w*float64(cr), g+w*float64(cg), b+w*float64(cb)
	}
	return widgets.RGB(uint8(math.Min(255, r)), uint8(math.Min(255, g)), uint8(math.Min(255, b)))
}

// fitFrame shows every point of the data.
func fitFrame(p *picture, w, h int) widgets.Frame {
	b := widgets.EmptyBounds()
	n, _ := p.x.Dims()
	for i := range n {
		b.Add(p.x.At(i, 0), p.x.At(i, 1))
	}
	return widgets.FitFrame(b, w, h, 0.05)
}

func countFrom1(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	return xs
}

func num(v any) float64 {
	if x, ok := v.(float64); ok {
		return x
	}
	return math.NaN()
}

// minLogLikSpan is the least log-likelihood range, in nats per point, the
// curve is drawn over: EM started from k-means may gain a millionth of a
// nat, which stretched to the chart's height would look like a climb.
const minLogLikSpan = 0.05

// atLeastSpan returns axis bounds that hold the finite ys and span at
// least span, widened downwards from the highest; with no finite value
// both are 0, which leaves the chart its own range.
func atLeastSpan(ys []float64, span float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	if lo > hi {
		return 0, 0
	}
	return math.Min(lo, hi-span), hi
}
