package widgets

import (
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

// Cell is one terminal cell: a rune one column wide and its colours.
// Plain, when set, replaces Rune on a terminal without colour (a region's
// label glyph, say); a half block '▀' without Plain becomes a shading
// character chosen by the brightness of its two pixels.
type Cell struct {
	Rune   rune
	FG, BG Color
	Plain  rune
}

// HalfBlock is the upper half block: its foreground paints the top pixel
// of a cell and its background the bottom one.
const HalfBlock = '▀'

// LowerHalfBlock paints only the bottom pixel, with its foreground, where
// the top pixel is the terminal's own background.
const LowerHalfBlock = '▄'

// Canvas is a W×H grid of cells that renders to exactly H lines of W
// columns, with colour escapes built by hand and emitted only where a
// colour changes, so that a full-screen raster costs microseconds, not
// the milliseconds a styled string per cell would.
type Canvas struct {
	W, H  int
	Cells []Cell // row-major, W*H
}

// NewCanvas returns a canvas of spaces in the terminal's colours.
// Negative sizes count as zero.
func NewCanvas(w, h int) *Canvas {
	w, h = max(0, w), max(0, h)
	c := &Canvas{W: w, H: h, Cells: make([]Cell, w*h)}
	for i := range c.Cells {
		c.Cells[i] = Cell{Rune: ' ', FG: Default, BG: Default}
	}
	return c
}

// In reports whether (x, y) is a cell of the canvas.
func (c *Canvas) In(x, y int) bool { return x >= 0 && y >= 0 && x < c.W && y < c.H }

// At returns a pointer to the cell at (x, y), or nil outside the canvas.
func (c *Canvas) At(x, y int) *Cell {
	if !c.In(x, y) {
		return nil
	}
	return &c.Cells[y*c.W+x]
}

// Set puts a rune with colours at (x, y); outside the canvas it does nothing.
func (c *Canvas) Set(x, y int, r rune, fg, bg Color) {
	if cell := c.At(x, y); cell != nil {
		*cell = Cell{Rune: r, FG: fg, BG: bg}
	}
}

// Text writes s from (x, y) rightwards in colour fg, keeping each cell's
// background, clipped at the right edge. Runes that are not one column
// wide are shown as '?', so the canvas never loses its shape. It returns
// the column after the last rune written.
func (c *Canvas) Text(x, y int, s string, fg Color) int {
	for _, r := range s {
		if runewidth.RuneWidth(r) != 1 {
			r = '?'
		}
		if cell := c.At(x, y); cell != nil {
			cell.Rune, cell.FG, cell.Plain = r, fg, 0
		}
		x++
	}
	return x
}

// Paste copies another canvas onto this one with its top-left at (x, y),
// clipped to this canvas.
func (c *Canvas) Paste(x, y int, src *Canvas) {
	for sy := 0; sy < src.H; sy++ {
		for sx := 0; sx < src.W; sx++ {
			if dst := c.At(x+sx, y+sy); dst != nil {
				*dst = src.Cells[sy*src.W+sx]
			}
		}
	}
}

// Render draws the canvas for the theme's colour profile: H lines joined
// by '\n', each exactly W columns, each ending with its colours reset.
func (c *Canvas) Render(t *Theme) string {
	t = t.orPlain()
	if c.W == 0 || c.H == 0 {
		return strings.Repeat("\n", max(0, c.H-1))
	}
	buf := make([]byte, 0, c.W*c.H*estimateBytesPerCell(t.Profile))
	var cache paletteCache
	for y := 0; y < c.H; y++ {
		if y > 0 {
			buf = append(buf, '\n')
		}
		row := c.Cells[y*c.W : (y+1)*c.W]
		if t.Profile == termenv.Ascii {
			buf = appendPlainRow(buf, row, t.Dark)
		} else {
			buf = appendColourRow(buf, row, t.Profile, &cache)
		}
	}
	return string(buf)
}

// estimateBytesPerCell sizes the output for a picture whose colours change
// at most cells, so that the buffer grows at most once.
func estimateBytesPerCell(p termenv.Profile) int {
	switch p {
	case termenv.TrueColor:
		return 40
	case termenv.ANSI256:
		return 24
	case termenv.ANSI:
		return 12
	}
	return 3
}

func appendPlainRow(buf []byte, row []Cell, dark bool) []byte {
	for _, cell := range row {
		buf = appendRune(buf, plainRune(cell, dark))
	}
	return buf
}

// shades runs from empty to full ink, for the no-colour raster.
const shades = " .:-=+*#%@"

func plainRune(cell Cell, dark bool) rune {
	switch {
	case cell.Plain != 0:
		return cell.Plain
	case cell.Rune != HalfBlock && cell.Rune != LowerHalfBlock:
		return cell.Rune
	}
	lum := (cell.FG.Luminance() + cell.BG.Luminance()) / 2
	if cell.FG == Default && cell.BG == Default {
		return ' '
	}
	if !dark {
		lum = 1 - lum
	}
	i := int(lum * float64(len(shades)))
	return rune(shades[max(0, min(len(shades)-1, i))])
}

func appendColourRow(buf []byte, row []Cell, p termenv.Profile, cache *paletteCache) []byte {
	fg, bg := Default, Default
	for _, cell := range row {
		if cell.FG != fg || cell.BG != bg {
			buf = appendSGR(buf, cell, cell.FG != fg, cell.BG != bg, p, cache)
			fg, bg = cell.FG, cell.BG
		}
		buf = appendRune(buf, cell.Rune)
	}
	if fg != Default || bg != Default {
		buf = append(buf, "\x1b[0m"...)
	}
	return buf
}

// appendSGR emits one escape setting whichever of the cell's colours changed.
func appendSGR(buf []byte, cell Cell, setFG, setBG bool, p termenv.Profile,
	cache *paletteCache) []byte {
	buf = append(buf, '\x1b', '[')
	if setFG {
		buf = appendColourCode(buf, cell.FG, p, 30, cache)
	}
	if setFG && setBG {
		buf = append(buf, ';')
	}
	if setBG {
		buf = appendColourCode(buf, cell.BG, p, 40, cache)
	}
	return append(buf, 'm')
}

// appendColourCode writes the SGR parameters of one colour; base is 30 for
// the foreground and 40 for the background.
func appendColourCode(buf []byte, c Color, p termenv.Profile, base int,
	cache *paletteCache) []byte {
	switch {
	case c == Default:
		return appendDecimal(buf, base+9)
	case p == termenv.TrueColor:
		r, g, b := c.Channels()
		buf = append(buf, byte('0'+base/10), '8', ';', '2', ';')
		buf = appendDecimal(buf, int(r))
		buf = append(buf, ';')
		buf = appendDecimal(buf, int(g))
		buf = append(buf, ';')
		return appendDecimal(buf, int(b))
	case p == termenv.ANSI256:
		buf = append(buf, byte('0'+base/10), '8', ';', '5', ';')
		return appendDecimal(buf, cache.index(c, Nearest256))
	}
	i := cache.index(c, Nearest16)
	if i >= 8 {
		i += 60 - 8
	}
	return appendDecimal(buf, base+i)
}

// paletteCache remembers the last palette index found for a few colours
// during one render (a direct-mapped table), since a picture repeats its
// colours far more often than it has new ones.
type paletteCache struct {
	colour [256]Color
	found  [256]int16
	filled [256]bool
}

func (pc *paletteCache) index(c Color, nearest func(Color) int) int {
	slot := uint8(c ^ c>>8 ^ c>>16)
	if pc.filled[slot] && pc.colour[slot] == c {
		return int(pc.found[slot])
	}
	i := nearest(c)
	pc.colour[slot], pc.found[slot], pc.filled[slot] = c, int16(i), true
	return i
}

// appendDecimal writes 0 ≤ v < 1000 without the generality of strconv,
// which matters at tens of thousands of escapes per second.
func appendDecimal(buf []byte, v int) []byte {
	switch {
	case v >= 100:
		return append(buf, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
	case v >= 10:
		return append(buf, byte('0'+v/10), byte('0'+v%10))
	}
	return append(buf, byte('0'+v))
}

func appendRune(buf []byte, r rune) []byte {
	switch {
	case r < 0x80 && r >= 0x20:
		return append(buf, byte(r))
	case r < 0x20 || !(isDrawingRune(r) || runewidth.RuneWidth(r) == 1):
		return append(buf, '?')
	}
	return utf8.AppendRune(buf, r)
}

// isDrawingRune is a fast path for the box-drawing, block and braille
// runes rasters and charts are made of, all one column wide.
func isDrawingRune(r rune) bool {
	return (r >= 0x2500 && r <= 0x259f) || (r >= 0x2800 && r <= 0x28ff)
}
