package widgets

// Image is a W×H picture of colours, row-major, drawn at two pixels per
// cell: W columns and (H+1)/2 lines.
type Image struct {
	W, H int
	Pix  []Color
}

// NewImage returns a w×h image filled with Default (negative sizes count
// as zero).
func NewImage(w, h int) *Image {
	w, h = max(0, w), max(0, h)
	im := &Image{W: w, H: h, Pix: make([]Color, w*h)}
	for i := range im.Pix {
		im.Pix[i] = Default
	}
	return im
}

// At returns the pixel at (x, y), or Default outside the image.
func (im *Image) At(x, y int) Color {
	if x < 0 || y < 0 || x >= im.W || y >= im.H {
		return Default
	}
	return im.Pix[y*im.W+x]
}

// Set paints the pixel at (x, y); outside the image it does nothing.
func (im *Image) Set(x, y int, c Color) {
	if x >= 0 && y >= 0 && x < im.W && y < im.H {
		im.Pix[y*im.W+x] = c
	}
}

// Fill paints every pixel.
func (im *Image) Fill(c Color) {
	for i := range im.Pix {
		im.Pix[i] = c
	}
}

// Canvas lays the image out as half blocks: the top pixel of each cell is
// its foreground, the bottom pixel its background. An odd last row leaves
// the bottom half in the terminal's background.
func (im *Image) Canvas() *Canvas {
	c := NewCanvas(im.W, (im.H+1)/2)
	for y := 0; y < c.H; y++ {
		top := im.Pix[2*y*im.W : (2*y+1)*im.W]
		var bottom []Color
		if 2*y+1 < im.H {
			bottom = im.Pix[(2*y+1)*im.W : (2*y+2)*im.W]
		}
		row := c.Cells[y*c.W : (y+1)*c.W]
		for x := range row {
			bg := Default
			if bottom != nil {
				bg = bottom[x]
			}
			row[x] = halfBlockCell(top[x], bg)
		}
	}
	return c
}

// halfBlockCell paints a cell's two pixels. A Default pixel is the
// terminal's background, which no foreground colour can name, so a cell
// whose top pixel is unset is drawn with the lower half block instead, and
// a cell with both unset is a space.
func halfBlockCell(top, bottom Color) Cell {
	switch {
	case top == Default && bottom == Default:
		return Cell{Rune: ' ', FG: Default, BG: Default}
	case top == Default:
		return Cell{Rune: LowerHalfBlock, FG: bottom, BG: Default}
	}
	return Cell{Rune: HalfBlock, FG: top, BG: bottom}
}

// Raster draws the image for the theme: truecolor half blocks, the
// nearest xterm-256 or basic colours on lesser terminals, and shading
// characters by brightness when there is no colour at all.
func Raster(im *Image, t *Theme) string { return im.Canvas().Render(t) }
