package trajectories

import (
	"math"

	"replab/tui/widgets"
)

// Pixel owners of the trajectory map, for the glyphs drawn without colour.
const (
	ownerPre    = 1
	ownerRandom = 2
)

// mapPainter draws trajectories into a half-block image and remembers
// which group painted each pixel.
type mapPainter struct {
	im     *widgets.Image
	owners []uint8
}

func (mp *mapPainter) set(x, y int, c widgets.Color, owner uint8) {
	if x < 0 || y < 0 || x >= mp.im.W || y >= mp.im.H {
		return
	}
	mp.im.Set(x, y, c)
	mp.owners[y*mp.im.W+x] |= owner
}

// segment draws a straight line of pixels from (x0, y0) to (x1, y1).
func (mp *mapPainter) segment(x0, y0, x1, y1 int, c widgets.Color, owner uint8) {
	steps := max(abs(x1-x0), abs(y1-y0), 1)
	for s := 0; s <= steps; s++ {
		f := float64(s) / float64(steps)
		x := int(math.Round(float64(x0) + f*float64(x1-x0)))
		y := int(math.Round(float64(y0) + f*float64(y1-y0)))
		mp.set(x, y, c, owner)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// trajectoryMap draws every network's path through the embedding, dim at
// the first epoch and bright at the last, its final point marked.
func trajectoryMap(p *picture, w, h int, t *widgets.Theme) *widgets.Canvas {
	mp := &mapPainter{im: widgets.NewImage(w, 2*h), owners: make([]uint8, w*2*h)}
	if p.coords == nil || p.epochs == 0 {
		c := mp.im.Canvas()
		c.Text(1, h/2, widgets.Clip("waiting for the first embedding", w-2), t.Muted())
		return c
	}
	nets := len(p.groups)
	toPixel := fitPixels(p, w, 2*h)
	var finals [][3]int
	for i, g := range p.groups {
		bright := groupColour(t, g)
		dim := widgets.Lerp(widgets.Gray(0.2), bright, 0.3)
		if !t.Dark {
			dim = widgets.Lerp(widgets.Gray(0.9), bright, 0.3)
		}
		owner := uint8(ownerRandom)
		if g == groupPre {
			owner = ownerPre
		}
		px, py := toPixel(i)
		for ep := 1; ep < p.epochs; ep++ {
			qx, qy := toPixel(ep*nets + i)
			shade := float64(ep) / float64(max(p.epochs-1, 1))
			mp.segment(px, py, qx, qy, widgets.Lerp(dim, bright, shade), owner)
			px, py = qx, qy
		}
		finals = append(finals, [3]int{px, py, g})
	}
	c := mp.im.Canvas()
	plainGlyphs(c, mp.owners, w)
	markFinals(c, finals)
	return c
}

// markFinals writes P or R, for terminals without colour, where each
// network's path ends.
func markFinals(c *widgets.Canvas, finals [][3]int) {
	for _, f := range finals {
		mark := 'R'
		if f[2] == groupPre {
			mark = 'P'
		}
		if cell := c.At(f[0], f[1]/2); cell != nil {
			cell.Plain = mark
		}
	}
}

// plainGlyphs marks each cell, for terminals without colour, by the groups
// whose paths cross it: '.' pretrained, ':' random, '+' both.
func plainGlyphs(c *widgets.Canvas, owners []uint8, w int) {
	glyphs := [4]rune{0, '.', ':', '+'}
	for y := range c.H {
		for x := range c.W {
			o := owners[2*y*w+x] | owners[(2*y+1)*w+x]
			if o != 0 {
				c.At(x, y).Plain = glyphs[o]
			}
		}
	}
}

// fitPixels returns a map from a record's row to pixel coordinates that
// fits every embedded point into w×h pixels with equal scales on both axes.
func fitPixels(p *picture, w, h int) func(row int) (int, int) {
	rows, _ := p.coords.Dims()
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range rows {
		x, y := p.coords.At(i, 0), p.coords.At(i, 1)
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	spanX, spanY := math.Max(maxX-minX, 1e-12), math.Max(maxY-minY, 1e-12)
	scale := math.Min(float64(w-2)/spanX, float64(h-2)/spanY)
	offX := (float64(w) - spanX*scale) / 2
	offY := (float64(h) - spanY*scale) / 2
	return func(row int) (int, int) {
		x := offX + (p.coords.At(row, 0)-minX)*scale
		y := offY + (maxY-p.coords.At(row, 1))*scale
		return int(math.Floor(x)), int(math.Floor(y))
	}
}
