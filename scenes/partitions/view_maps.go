package partitions

import (
	"strings"

	"replab/tui/widgets"
)

// regionGlyphs label regions on a terminal without colour; data points
// show as pointGlyph.
const (
	regionGlyphs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	pointGlyph   = "."
)

// pointCoverage: the points drawn cover at most 1/pointCoverage of a map.
const pointCoverage = 8

// maxLabelledCode is the longest code written inside its region; longer
// codes would cover the map.
const maxLabelledCode = 8

// planeMap draws the left map: every pixel coloured by the region its code
// names, the n lines over it, the data in learned mode, and the cursor.
func planeMap(f *Frame, w, h int, t *widgets.Theme) *widgets.Canvas {
	index := make(map[uint32]int, len(f.Regions))
	for i, r := range f.Regions {
		index[r.Code] = i
	}
	m := widgets.NewRegionMap(w, h)
	for y := range h {
		for x := range w {
			if i, ok := index[codeOf(f.Lines, fromPixel(x, y, w, h))]; ok {
				m.Labels[y*w+x] = i
			}
		}
	}
	m.Palette = t.Palette(max(1, len(f.Regions)))
	m.Glyphs = cycleGlyphs(len(f.Regions))
	if f.Mode == modeNames[Learned] {
		addPoints(m, f, t, len(f.Regions), true)
	}
	for _, l := range f.Lines {
		if l.Normal[0] != 0 || l.Normal[1] != 0 { // a constant feature has no line
			m.Lines = append(m.Lines, lineSegment(l, w, h, t.Text()))
		}
	}
	cx, cy := toPixel(f.Cursor, w, h)
	m.Marks = append(m.Marks, widgets.Mark{X: cx, Y: cy, Glyph: '+', Color: t.Accent()})
	c := m.Canvas(t)
	if len(f.Lines) <= maxLabelledCode {
		labelCodes(c, m, f)
	}
	return c
}

// voronoiMap draws the right map: every pixel coloured by its nearest
// centroid, the data, the centroids and the cursor.
func voronoiMap(f *Frame, w, h int, t *widgets.Theme) *widgets.Canvas {
	m := widgets.NewRegionMap(w, h)
	if len(f.Centroids) > 0 {
		for y := range h {
			for x := range w {
				m.Labels[y*w+x] = nearestCentroid(f.Centroids, fromPixel(x, y, w, h))
			}
		}
	}
	k := max(1, len(f.Centroids))
	m.Palette = t.Palette(k)
	m.Glyphs = cycleGlyphs(k)
	addPoints(m, f, t, k, false)
	for _, c := range f.Centroids {
		x, y := toPixel(c, w, h)
		m.Marks = append(m.Marks, widgets.Mark{X: x, Y: y, Glyph: '●',
			Color: widgets.Hex(0xffffff)})
	}
	cx, cy := toPixel(f.Cursor, w, h)
	m.Marks = append(m.Marks, widgets.Mark{X: cx, Y: cy, Glyph: '+', Color: t.Accent()})
	return m.Canvas(t)
}

// addPoints paints the data as pixels with labels after the regions':
// one colour per class, or one colour for all. On a small map only every
// stride-th point is drawn, so the data never hides the regions.
func addPoints(m *widgets.RegionMap, f *Frame, t *widgets.Theme, first int, byClass bool) {
	classes := 1
	if byClass {
		classes = max(1, f.Classes)
	}
	// Dark points read on every palette colour; further classes are yellow
	// and cyan, which the light grey lines do not resemble.
	ink := []widgets.Color{widgets.Hex(0x141414), widgets.Hex(0xffd75f), widgets.Hex(0x00d7ff)}
	if !t.Dark {
		ink[0] = widgets.Hex(0xf5f5f5) // the lines are dark on a light theme
	}
	for c := range classes {
		m.Palette = append(m.Palette, ink[c%len(ink)])
	}
	m.Glyphs += strings.Repeat(pointGlyph, classes)
	stride := max(1, (len(f.Points)*pointCoverage+m.W*m.H-1)/max(1, m.W*m.H))
	for i := 0; i < len(f.Points); i += stride {
		x, y := toPixel(f.Points[i], m.W, m.H)
		px, py := int(x), int(y)
		if px < 0 || py < 0 || px >= m.W || py >= m.H {
			continue
		}
		label := first
		if byClass {
			label += f.Labels[i] % classes
		}
		m.Labels[py*m.W+px] = label
	}
}

// cycleGlyphs returns one glyph per region label.
func cycleGlyphs(n int) string {
	var b strings.Builder
	for i := range max(1, n) {
		b.WriteByte(regionGlyphs[i%len(regionGlyphs)])
	}
	return b.String()
}

// labelCodes writes each region's code at the centre of its visible pixels
// when the code fits inside the region on one row.
func labelCodes(c *widgets.Canvas, m *widgets.RegionMap, f *Frame) {
	sumX := make([]float64, len(f.Regions))
	sumY := make([]float64, len(f.Regions))
	count := make([]float64, len(f.Regions))
	for i, label := range m.Labels {
		if label >= 0 && label < len(f.Regions) {
			sumX[label] += float64(i % m.W)
			sumY[label] += float64(i / m.W)
			count[label]++
		}
	}
	n := len(f.Lines)
	for r, region := range f.Regions {
		if count[r] == 0 {
			continue
		}
		row := int(sumY[r]/count[r]) / 2
		col := int(sumX[r]/count[r]) - n/2
		if !rowInside(m, r, col, row, n) {
			continue
		}
		c.Text(col, row, codeText(region.Code, n), labelInk(m.Palette[r]))
	}
}

// rowInside reports whether cells col…col+n−1 of a row show region r in
// both pixels, so a label there covers nothing else.
func rowInside(m *widgets.RegionMap, r, col, row, n int) bool {
	if col < 0 || col+n > m.W || 2*row+1 >= m.H {
		return false
	}
	for x := col; x < col+n; x++ {
		if m.Labels[2*row*m.W+x] != r || m.Labels[(2*row+1)*m.W+x] != r {
			return false
		}
	}
	return true
}

// codeText writes a code as bits, h_1 first.
func codeText(code uint32, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
		if code&(1<<i) != 0 {
			b[i] = '1'
		}
	}
	return string(b)
}

// labelInk is black or white, whichever reads better on background bg.
func labelInk(bg widgets.Color) widgets.Color {
	if bg.Luminance() > 0.5 {
		return widgets.Hex(0x000000)
	}
	return widgets.Hex(0xffffff)
}
