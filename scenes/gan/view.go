package gan

import (
	"fmt"
	"strconv"

	"replab/scenes"
	"replab/tui/widgets"
)

// view draws the scene: the arithmetic panel (exemplars, the 3×3 latent
// result, the pixel result, the judges' marks), the samples of the fixed
// codes, and both players' losses. Faces are drawn at 1/2 of their
// resolution when the area allows and 1/3 otherwise, all through one
// canvas, so the whole frame is a single hand-built raster.
func view(snap scenes.Snapshot, width, height int, theme *widgets.Theme) string {
	width, height = max(width, 0), max(height, 0)
	data, ok := snap.Data.(viewData)
	c := widgets.NewCanvas(width, height)
	if !ok {
		c.Text(0, 0, "gan: starting…", theme.Muted())
		return c.Render(theme)
	}
	l := newLayout(width, height)
	c.Text(0, 0, header(data), theme.Text())
	y := 1
	if data.panel == nil {
		c.Text(0, y, "the judges train first; the arithmetic panel follows", theme.Muted())
		y = l.drawSamples(c, data, theme, 0, y+2)
	} else {
		y = l.drawPanel(c, data, theme, y)
	}
	if line := results(snap.Metrics); line != "" && y < height {
		c.Text(0, y, widgets.Clip(line, width), theme.Text())
		y++
	}
	l.drawLosses(c, data, theme, y)
	return c.Render(theme)
}

// layout is the geometry of one frame: faces shrunk by shrink, each
// faceW columns by faceH lines; blockW is a 3-face block with 1-column
// gaps.
type layout struct {
	width, height  int
	shrink         int
	faceW, faceH   int
	blockW, panelW int
}

// marksWidth is the width of the judges' marks beside the pixel result.
const marksWidth = 13

func newLayout(width, height int) layout {
	l := layout{width: width, height: height}
	for _, shrink := range []int{2, 3} {
		side := FaceSide / shrink
		l.shrink, l.faceW, l.faceH = shrink, side, (side+1)/2
		l.blockW = 3*side + 2
		l.panelW = 2*l.blockW + 2
		if l.panelW <= width && 2+3*l.faceH+1+l.faceH <= height {
			break
		}
	}
	return l
}

func header(d viewData) string {
	losses := ""
	if n := len(d.discLoss); n > 0 {
		losses = fmt.Sprintf(" · D %.2f G %.2f", d.discLoss[n-1], d.genLoss[n-1])
	}
	source := "scratch"
	if d.fromCheckpt {
		source = "checkpoint"
	}
	return fmt.Sprintf("%s · %s · it %d/%d%s", d.phase, source, d.iter, d.target, losses)
}

// drawPanel draws the exemplar columns a − b + c (one column per term), the
// latent 3×3 grid, the pixel result with the judges' marks and as many
// samples as fit, and returns the next free line.
func (l layout) drawPanel(c *widgets.Canvas, d viewData, t *widgets.Theme, y int) int {
	p := d.panel
	eq := equationByName(d.equation)
	terms := [3]concept{eq.a, eq.b, eq.c}
	mid := y + 1 + l.faceH*3/2
	for term, op := range [3]string{"", "−", "+"} {
		x := term * (l.faceW + 1)
		c.Text(x-1, mid, op, t.Accent())
		c.Text(x, y, widgets.Clip(conceptName(terms[term]), l.faceW), t.Muted())
		for i := range perConcept {
			l.pasteFace(c, x, y+1+i*l.faceH, p.exemplars[term].Row(i))
		}
	}
	c.Text(l.blockW, mid, "=", t.Accent())
	gridX := l.blockW + 2
	c.Text(gridX, y, widgets.Clip("latent: "+conceptName(eq.want), l.blockW), t.Text())
	for i := range gridCells {
		cell := gridOrder[i]
		l.pasteFace(c, gridX+(cell%3)*(l.faceW+1), y+1+(cell/3)*l.faceH, p.grid.Row(i))
	}
	bottom := y + 1 + 3*l.faceH
	if l.panelW+1+max(l.faceW, marksWidth) <= l.width {
		x := l.panelW + 1
		c.Text(x, y, "pixels", t.Text())
		l.pasteFace(c, x, y+1, p.pixel.Row(0))
		l.drawMarks(c, p, t, x, y+1+l.faceH)
		return l.drawSamples(c, d, t, 0, bottom)
	}
	c.Text(0, bottom, "pixels", t.Text())
	l.pasteFace(c, 0, bottom+1, p.pixel.Row(0))
	l.drawMarks(c, p, t, l.faceW+1, bottom+1)
	return l.drawSamples(c, d, t, l.faceW+marksWidth+2, bottom)
}

// gridOrder places the grid's images: the centre result (image 0) in the
// middle cell, its jittered neighbours around it.
var gridOrder = [gridCells]int{4, 0, 1, 2, 3, 5, 6, 7, 8}

// drawMarks writes the judges' verdicts: A for the target attributes, R for
// realness at the gate, for the pixel result, the latent grid and its
// centre.
func (l layout) drawMarks(c *widgets.Canvas, p *draw, t *widgets.Theme, x, y int) {
	passed := 0
	for _, m := range p.gridMarks {
		passed += b2i(m.success(true))
	}
	colour := func(ok bool) widgets.Color {
		if ok {
			return t.Good()
		}
		return t.Bad()
	}
	c.Text(x, y, "pix "+markText(p.pixelMark), colour(p.pixelMark.success(true)))
	c.Text(x, y+1, fmt.Sprintf("lat %d/9", passed), colour(2*passed > gridCells))
	c.Text(x, y+2, "mid "+markText(p.gridMarks[0]), colour(p.gridMarks[0].success(true)))
	c.Text(x, y+3, "A:attr R:real", t.Muted())
}

func markText(m mark) string {
	a, r := "a-", "r-"
	if m.attrs {
		a = "A+"
	}
	if m.realGated {
		r = "R+"
	}
	return a + r
}

// drawSamples draws, from column x, a strip of the generator's images of
// the fixed codes under a label line, and returns the next free line.
func (l layout) drawSamples(c *widgets.Canvas, d viewData, t *widgets.Theme, x, y int) int {
	if y+1+l.faceH > l.height || x+l.faceW > l.width {
		return y
	}
	c.Text(x, y, widgets.Clip("samples of fixed codes", l.width-x), t.Muted())
	for i, img := range d.samples {
		left := x + i*(l.faceW+1)
		if left+l.faceW > l.width {
			break
		}
		l.pasteFace(c, left, y+1, img)
	}
	return y + 1 + l.faceH
}

// drawLosses draws both players' losses in the lines left, if there are
// enough of them for a chart.
func (l layout) drawLosses(c *widgets.Canvas, d viewData, t *widgets.Theme, y int) {
	h := l.height - y
	if h < 5 || len(d.discLoss) < 2 {
		return
	}
	iters := make([]float64, len(d.discLoss))
	for i := range iters {
		iters[i] = float64((i + 1) * max(d.lossEvery, 1))
	}
	chart := widgets.LineChart{Series: []widgets.Series{
		{Name: "discriminator loss", X: iters, Y: d.discLoss},
		{Name: "generator loss", X: iters, Y: d.genLoss},
	}, Format: tick}
	c.Paste(0, y, chart.Canvas(l.width, h, t))
}

// pasteFace draws an image in [−1, 1] shrunk by the layout's factor with
// its top-left cell at (x, y).
func (l layout) pasteFace(c *widgets.Canvas, x, y int, pixels []float32) {
	c.Paste(x, y, shrinkFace(pixels, l.shrink).Canvas())
}

// shrinkFace averages shrink×shrink blocks of a face into one pixel.
func shrinkFace(pixels []float32, shrink int) *widgets.Image {
	side := FaceSide / shrink
	im := widgets.NewImage(side, side)
	const plane = FaceSide * FaceSide
	norm := float32(shrink * shrink)
	for y := range side {
		for x := range side {
			var rgb [3]float32
			for dy := range shrink {
				for dx := range shrink {
					i := (y*shrink+dy)*FaceSide + x*shrink + dx
					for ch := range 3 {
						rgb[ch] += pixels[ch*plane+i]
					}
				}
			}
			im.Set(x, y, widgets.RGB(channel(rgb[0]/norm), channel(rgb[1]/norm), channel(rgb[2]/norm)))
		}
	}
	return im
}

// channel maps a value in [−1, 1] to a colour channel.
func channel(v float32) uint8 {
	return uint8(min(max((v+1)/2, 0), 1)*255 + 0.5)
}

// conceptName names a concept by its required attributes, e.g. "glasses
// man" or "woman".
func conceptName(c concept) string {
	name := ""
	if c[attrSmile] == 1 {
		name += "smiling "
	}
	if c[attrGlasses] == 1 {
		name += "glasses "
	}
	switch c[attrWoman] {
	case 1:
		return name + "woman"
	case 0:
		return name + "man"
	}
	return name + "face"
}

func equationByName(name string) equation {
	for _, eq := range equations {
		if eq.name == name {
			return eq
		}
	}
	return equations[0]
}

// tick formats an axis label: whole iterations, losses to two digits.
func tick(v float64) string {
	if v >= 100 || v <= -100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// results summarises the final metrics in one line, or returns "" before
// the evaluation has ended.
func results(m map[string]any) string {
	latent, ok := m["arithmetic_success"].(float64)
	if !ok {
		return ""
	}
	num := func(key string) float64 { v, _ := m[key].(float64); return v }
	return fmt.Sprintf("success latent %.2f pixel %.2f (gated) · %.2f / %.2f (fixed 0.5) · "+
		"samples real %.2f", latent, num("pixel_success"), num("arithmetic_success_fixed"),
		num("pixel_success_fixed"), num("sample_real_rate"))
}
