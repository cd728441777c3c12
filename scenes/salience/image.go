package salience

// Image is a colour frame: W×H pixels, row-major, three interleaved
// channels (red, green, blue) in [0, 1]. Pix is exactly the vector a
// network sees, so a frame goes into a minibatch row without conversion.
type Image struct {
	W, H int
	Pix  []float32
}

// RGB is one colour, each channel in [0, 1].
type RGB [3]float32

// NewImage returns a w×h image filled with colour c.
func NewImage(w, h int, c RGB) Image {
	img := Image{W: w, H: h, Pix: make([]float32, 3*w*h)}
	for p := 0; p < w*h; p++ {
		img.SetIndex(p, c)
	}
	return img
}

// Len is the number of pixels.
func (img Image) Len() int { return img.W * img.H }

// AtIndex returns the colour of pixel p (p = y·W + x).
func (img Image) AtIndex(p int) RGB {
	return RGB{img.Pix[3*p], img.Pix[3*p+1], img.Pix[3*p+2]}
}

// SetIndex stores colour c at pixel p.
func (img Image) SetIndex(p int, c RGB) {
	img.Pix[3*p], img.Pix[3*p+1], img.Pix[3*p+2] = c[0], c[1], c[2]
}

// Clone returns a deep copy.
func (img Image) Clone() Image {
	return Image{W: img.W, H: img.H, Pix: append([]float32(nil), img.Pix...)}
}

// Mask marks pixels of a frame (index y·W + x), e.g. where the ball is.
type Mask []bool

// Count returns how many pixels are marked.
func (m Mask) Count() int {
	n := 0
	for _, on := range m {
		if on {
			n++
		}
	}
	return n
}

// Overlaps reports whether two masks share a pixel.
func (m Mask) Overlaps(o Mask) bool {
	for i, on := range m {
		if on && o[i] {
			return true
		}
	}
	return false
}

// dist2 is the squared Euclidean distance between two colours.
func dist2(a, b RGB) float32 {
	var s float32
	for c := range a {
		d := a[c] - b[c]
		s += d * d
	}
	return s
}

// mix returns (1-t)·a + t·b.
func mix(a, b RGB, t float32) RGB {
	var m RGB
	for c := range a {
		m[c] = (1-t)*a[c] + t*b[c]
	}
	return m
}
