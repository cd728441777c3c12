package widgets

import "math"

// Color is a 24-bit colour 0xRRGGBB, or Default for the terminal's own
// foreground or background.
type Color int32

// Default leaves a cell's colour to the terminal.
const Default Color = -1

// RGB builds a colour from its three channels.
func RGB(r, g, b uint8) Color {
	return Color(int32(r)<<16 | int32(g)<<8 | int32(b))
}

// Hex builds a colour from 0xRRGGBB.
func Hex(rgb uint32) Color { return Color(rgb & 0xffffff) }

// Gray builds a grey of brightness v in 0…1 (clamped).
func Gray(v float64) Color {
	b := channel(v)
	return RGB(b, b, b)
}

// Channels returns the red, green and blue channels; Default gives black.
func (c Color) Channels() (r, g, b uint8) {
	if c < 0 {
		return 0, 0, 0
	}
	return uint8(c >> 16), uint8(c >> 8), uint8(c)
}

// Luminance is the perceived brightness in 0…1 (Rec. 709 weights on the
// gamma-encoded channels, which is close enough for choosing a glyph).
func (c Color) Luminance() float64 {
	r, g, b := c.Channels()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 255
}

// Hex returns the colour as "#rrggbb", the form lipgloss takes.
func (c Color) Hex() string {
	const digits = "0123456789abcdef"
	r, g, b := c.Channels()
	return string([]byte{'#', digits[r>>4], digits[r&15], digits[g>>4], digits[g&15],
		digits[b>>4], digits[b&15]})
}

// Lerp mixes a and b: t=0 gives a, t=1 gives b (t clamped).
func Lerp(a, b Color, t float64) Color {
	t = math.Max(0, math.Min(1, t))
	ar, ag, ab := a.Channels()
	br, bg, bb := b.Channels()
	mix := func(x, y uint8) uint8 {
		return uint8(math.Round(float64(x) + t*(float64(y)-float64(x))))
	}
	return RGB(mix(ar, br), mix(ag, bg), mix(ab, bb))
}

// heatStops is a dark-blue → teal → yellow ramp, readable on dark and
// light backgrounds and monotone in brightness.
var heatStops = []Color{0x1b1042, 0x3b4f8a, 0x21908d, 0x5dc863, 0xfde725}

// Heat maps v in 0…1 (clamped) to a colour ramp whose brightness grows
// with v, for densities and scalar fields.
func Heat(v float64) Color {
	if math.IsNaN(v) {
		return Default
	}
	v = math.Max(0, math.Min(1, v))
	pos := v * float64(len(heatStops)-1)
	i := int(pos)
	if i >= len(heatStops)-1 {
		return heatStops[len(heatStops)-1]
	}
	return Lerp(heatStops[i], heatStops[i+1], pos-float64(i))
}

func channel(v float64) uint8 {
	if math.IsNaN(v) {
		return 0
	}
	return uint8(math.Round(255 * math.Max(0, math.Min(1, v))))
}

// cubeLevels are the six channel values of the xterm 6×6×6 colour cube.
var cubeLevels = [6]int{0, 95, 135, 175, 215, 255}

// Nearest256 returns the xterm-256 index (16…255) closest to c: the
// nearest point of the 6×6×6 cube or of the 24-step grey ramp, whichever
// is closer.
func Nearest256(c Color) int {
	r8, g8, b8 := c.Channels()
	r, g, b := int(r8), int(g8), int(b8)
	ri, gi, bi := cubeIndex(r), cubeIndex(g), cubeIndex(b)
	cubeDist := sq(r-cubeLevels[ri]) + sq(g-cubeLevels[gi]) + sq(b-cubeLevels[bi])

	grayStep := ((r+g+b)/3 - 3) / 10
	grayStep = max(0, min(23, grayStep))
	gray := 8 + 10*grayStep
	grayDist := sq(r-gray) + sq(g-gray) + sq(b-gray)

	if grayDist < cubeDist {
		return 232 + grayStep
	}
	return 16 + 36*ri + 6*gi + bi
}

func cubeIndex(v int) int {
	switch {
	case v < 48:
		return 0
	case v < 115:
		return 1
	}
	return (v - 35) / 40
}

func sq(x int) int { return x * x }

// basic16 are the usual xterm values of the 16 basic ANSI colours.
var basic16 = [16]Color{
	0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0,
	0x808080, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff,
}

// Nearest16 returns the index (0…15) of the basic ANSI colour closest to c.
func Nearest16(c Color) int {
	r, g, b := c.Channels()
	best, bestDist := 0, math.MaxInt
	for i, p := range basic16 {
		pr, pg, pb := p.Channels()
		d := sq(int(r)-int(pr)) + sq(int(g)-int(pg)) + sq(int(b)-int(pb))
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}
