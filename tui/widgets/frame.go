package widgets

import "math"

// Frame maps a region of the plane onto a W×H picture with the same scale
// on both axes (pixels of the half-block raster are square), the y axis
// pointing up.
type Frame struct {
	CX, CY float64 // the plane's point at the picture's centre
	Scale  float64 // pixels per unit
	W, H   int
}

// Bounds is a rectangle of the plane that a Frame must show.
type Bounds struct{ MinX, MaxX, MinY, MaxY float64 }

// EmptyBounds contains nothing; Add grows it.
func EmptyBounds() Bounds {
	return Bounds{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)}
}

// Add grows the bounds to contain (x, y).
func (b *Bounds) Add(x, y float64) {
	b.MinX, b.MaxX = math.Min(b.MinX, x), math.Max(b.MaxX, x)
	b.MinY, b.MaxY = math.Min(b.MinY, y), math.Max(b.MaxY, y)
}

// FitFrame returns the frame that shows b in a w×h picture, with a margin
// of the given fraction of the span on each axis. Empty or degenerate
// bounds get a unit-sized frame around their centre (or the origin).
func FitFrame(b Bounds, w, h int, margin float64) Frame {
	if b.MinX > b.MaxX || b.MinY > b.MaxY {
		b = Bounds{-1, 1, -1, 1}
	}
	spanX := math.Max(b.MaxX-b.MinX, 1e-9) * (1 + 2*margin)
	spanY := math.Max(b.MaxY-b.MinY, 1e-9) * (1 + 2*margin)
	scale := math.Min(float64(max(1, w))/spanX, float64(max(1, h))/spanY)
	return Frame{CX: (b.MinX + b.MaxX) / 2, CY: (b.MinY + b.MaxY) / 2, Scale: scale, W: w, H: h}
}

// ToPixel returns the pixel holding the plane's point (x, y); it may lie
// outside the picture.
func (f Frame) ToPixel(x, y float64) (int, int) {
	px := (x-f.CX)*f.Scale + float64(f.W)/2
	py := float64(f.H)/2 - (y-f.CY)*f.Scale
	return int(math.Floor(px)), int(math.Floor(py))
}

// ToPlane returns the plane's point at the centre of pixel (px, py).
func (f Frame) ToPlane(px, py int) (float64, float64) {
	x := (float64(px)+0.5-float64(f.W)/2)/f.Scale + f.CX
	y := (float64(f.H)/2-float64(py)-0.5)/f.Scale + f.CY
	return x, y
}
