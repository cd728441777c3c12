package widgets

import "testing"

func TestFrameRoundTrip(t *testing.T) {
	b := EmptyBounds()
	b.Add(-3, 1)
	b.Add(5, 2)
	f := FitFrame(b, 40, 20, 0.05)
	for _, px := range [][2]int{{0, 0}, {39, 19}, {20, 10}, {7, 13}} {
		x, y := f.ToPlane(px[0], px[1])
		if gx, gy := f.ToPixel(x, y); gx != px[0] || gy != px[1] {
			t.Errorf("pixel %v → (%g, %g) → (%d, %d)", px, x, y, gx, gy)
		}
	}
	// Both corners of the bounds land inside the picture, and the y axis
	// points up.
	x0, y0 := f.ToPixel(-3, 1)
	x1, y1 := f.ToPixel(5, 2)
	if x0 < 0 || x1 >= 40 || y1 < 0 || y0 >= 20 || y1 >= y0 {
		t.Errorf("corners at (%d,%d) and (%d,%d)", x0, y0, x1, y1)
	}
}

func TestFrameOfNothing(t *testing.T) {
	f := FitFrame(EmptyBounds(), 0, 0, 0.1)
	if x, y := f.ToPixel(0, 0); x != 0 || y != 0 {
		t.Errorf("empty frame puts the origin at (%d, %d)", x, y)
	}
}
