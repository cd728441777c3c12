package widgets

import "math"

// RegionMap is a picture of labelled regions (a partition of the plane,
// cluster assignments) with optional lines and marks drawn over it. It is
// drawn with the half-block raster; without colour each region shows its
// label glyph, lines show as slashes and dashes, and marks as themselves.
type RegionMap struct {
	W, H    int     // pixels; the map is W columns by (H+1)/2 lines
	Labels  []int   // W*H, row-major; a negative label is no region
	Palette []Color // colour of label i is Palette[i%len]; nil: the theme's
	Glyphs  string  // no-colour glyph of label i (cycled); "": letters, digits
	Lines   []Line  // drawn over the regions, in pixel coordinates
	Marks   []Mark  // glyphs over everything, in pixel coordinates
}

// Line is a segment over a region map, from (X0, Y0) to (X1, Y1) in pixel
// coordinates (it may run outside the map; only the inside is drawn).
type Line struct {
	X0, Y0, X1, Y1 float64
	Color          Color
}

// Mark is a glyph over a region map (a point, a centroid, the cursor) at
// pixel coordinates (X, Y): it occupies the cell holding that pixel.
type Mark struct {
	X, Y  float64
	Glyph rune
	Color Color
}

// defaultGlyphs label regions on a terminal without colour.
const defaultGlyphs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// NewRegionMap returns a w×h map with every pixel unlabelled.
func NewRegionMap(w, h int) *RegionMap {
	w, h = max(0, w), max(0, h)
	m := &RegionMap{W: w, H: h, Labels: make([]int, w*h)}
	for i := range m.Labels {
		m.Labels[i] = -1
	}
	return m
}

// Canvas lays the map out as cells for the theme.
func (m *RegionMap) Canvas(t *Theme) *Canvas {
	t = t.orPlain()
	im := m.image(t)
	lineMask := make([]rune, len(im.Pix))
	for _, l := range m.Lines {
		drawSegment(im, lineMask, l)
	}
	c := im.Canvas()
	m.applyPlainGlyphs(c, lineMask)
	for _, mk := range m.Marks {
		x, y := int(math.Floor(mk.X)), int(math.Floor(mk.Y))
		if cell := c.At(x, y/2); cell != nil {
			cell.Rune, cell.FG, cell.Plain = mk.Glyph, mk.Color, mk.Glyph
			cell.BG = im.At(x, 2*(y/2)+1)
		}
	}
	return c
}

// Render draws the map for the theme.
func (m *RegionMap) Render(t *Theme) string { return m.Canvas(t).Render(t) }

func (m *RegionMap) image(t *Theme) *Image {
	im := NewImage(m.W, m.H)
	palette := m.Palette
	if len(palette) == 0 {
		palette = t.Palette(12)
	}
	for i, label := range m.Labels[:min(len(m.Labels), len(im.Pix))] {
		if label >= 0 {
			im.Pix[i] = palette[label%len(palette)]
		}
	}
	return im
}

// applyPlainGlyphs sets each cell's no-colour glyph: a line's own glyph
// where a line passes, else the label glyph of the cell's top pixel.
func (m *RegionMap) applyPlainGlyphs(c *Canvas, lineMask []rune) {
	glyphs := []rune(m.Glyphs)
	if len(glyphs) == 0 {
		glyphs = []rune(defaultGlyphs)
	}
	for y := 0; y < c.H; y++ {
		for x := 0; x < c.W; x++ {
			cell := &c.Cells[y*c.W+x]
			top, bottom := y*2*m.W+x, (y*2+1)*m.W+x
			if r := firstLine(lineMask, top, bottom); r != 0 {
				cell.Plain = r
				continue
			}
			if top < len(m.Labels) && m.Labels[top] >= 0 {
				cell.Plain = glyphs[m.Labels[top]%len(glyphs)]
			} else {
				cell.Plain = ' '
			}
		}
	}
}

func firstLine(mask []rune, i, j int) rune {
	if i < len(mask) && mask[i] != 0 {
		return mask[i]
	}
	if j < len(mask) && mask[j] != 0 {
		return mask[j]
	}
	return 0
}

// drawSegment paints a segment's pixels into the image, and its slope
// glyph into mask for the no-colour rendering. Half-block cells are twice
// as tall as a pixel is wide, so the glyph uses the on-screen slope.
func drawSegment(im *Image, mask []rune, l Line) {
	glyph := slopeGlyph(l.X1-l.X0, (l.Y1-l.Y0)/2)
	x0, y0, x1, y1, ok := clipSegment(l, float64(im.W), float64(im.H))
	if !ok {
		return
	}
	dx, dy := x1-x0, y1-y0
	steps := int(math.Ceil(math.Max(math.Abs(dx), math.Abs(dy))))
	for i := 0; i <= steps; i++ {
		f := 0.0
		if steps > 0 {
			f = float64(i) / float64(steps)
		}
		x, y := int(math.Floor(x0+f*dx)), int(math.Floor(y0+f*dy))
		if x >= 0 && y >= 0 && x < im.W && y < im.H {
			im.Pix[y*im.W+x] = l.Color
			mask[y*im.W+x] = glyph
		}
	}
}

// clipSegment cuts a segment to the box [0,w]×[0,h] (Liang–Barsky), so a
// line given far outside the map costs no more than one crossing it.
func clipSegment(l Line, w, h float64) (x0, y0, x1, y1 float64, ok bool) {
	dx, dy := l.X1-l.X0, l.Y1-l.Y0
	lo, hi := 0.0, 1.0
	edges := [4][2]float64{{-dx, l.X0}, {dx, w - l.X0}, {-dy, l.Y0}, {dy, h - l.Y0}}
	for _, e := range edges {
		p, q := e[0], e[1]
		if math.IsNaN(p) || math.IsNaN(q) {
			return 0, 0, 0, 0, false
		}
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			lo = math.Max(lo, r)
		} else {
			hi = math.Min(hi, r)
		}
	}
	if lo > hi {
		return 0, 0, 0, 0, false
	}
	return l.X0 + lo*dx, l.Y0 + lo*dy, l.X0 + hi*dx, l.Y0 + hi*dy, true
}

func slopeGlyph(dx, dy float64) rune {
	angle := math.Atan2(-dy, dx) * 180 / math.Pi // screen y grows downwards
	angle = math.Mod(angle+180, 180)
	switch {
	case angle < 22.5 || angle >= 157.5:
		return '-'
	case angle < 67.5:
		return '/'
	case angle < 112.5:
		return '|'
	}
	return '\\'
}
