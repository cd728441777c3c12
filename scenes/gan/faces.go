package gan

import (
	"math"
	"math/rand/v2"
)

// FaceSide is the width and height of a face image in pixels.
const FaceSide = 24

// FacePixels is the length of one face as a row: 3 channels × FaceSide².
const FacePixels = 3 * FaceSide * FaceSide

// Attrs are the labelled attributes of a face, known by construction. They
// are drawn independently: Woman (long hair) or man (short hair, and a
// Beard half the time), Glasses (a thick dark frame), Smile (an open mouth).
type Attrs struct {
	Woman, Glasses, Smile, Beard bool
}

// Face is one rendered face: Pixels in channel-major order (R plane, G
// plane, B plane, each row by row), values in [0, 1].
type Face struct {
	Pixels []float32
	Attrs  Attrs
}

// part names what a pixel shows, for tests that labels match the drawing.
type part uint8

const (
	partBackground part = iota
	partHair
	partSkin
	partBeard
	partEye
	partGlasses
	partMouth
)

type rgb [3]float32

var (
	// Few colours, one background: the variety that matters to the figure is
	// in the attributes and the pose, and a small GAN learns few colours
	// faster.
	skinTones   = []rgb{{0.96, 0.80, 0.66}, {0.72, 0.52, 0.36}}
	hairColours = []rgb{{0.12, 0.08, 0.05}, {0.50, 0.28, 0.12}, {0.88, 0.72, 0.30}}
	backgrounds = []rgb{{0.60, 0.78, 0.92}}
	eyeColour   = rgb{0.15, 0.20, 0.45}
	frameColour = rgb{0.02, 0.02, 0.02}
	mouthColour = rgb{0.65, 0.10, 0.12}
)

// faceStyle is everything drawn about one face: attributes, colours and
// the pose mapping image pixels to face coordinates.
type faceStyle struct {
	attrs              Attrs
	skin, hair, back   rgb
	centreX, centreY   float64 // face centre in pixels
	scale              float64 // pixels per face unit
	cosAngle, sinAngle float64
}

// NewFace draws a face with random attributes, colours and pose.
func NewFace(rng *rand.Rand) Face {
	attrs := Attrs{Woman: rng.IntN(2) == 1, Glasses: rng.IntN(2) == 1, Smile: rng.IntN(2) == 1}
	attrs.Beard = !attrs.Woman && rng.IntN(2) == 1
	return NewFaceWith(rng, attrs)
}

// NewFaceWith draws a face with the given attributes (Beard is ignored
// for a woman) and random colours and pose: a shift of up to 2 pixels,
// a scale of ±20% and a rotation of up to ±12°.
func NewFaceWith(rng *rand.Rand, attrs Attrs) Face {
	if attrs.Woman {
		attrs.Beard = false
	}
	style := randomStyle(rng, attrs)
	pixels, _ := style.render()
	return Face{Pixels: pixels, Attrs: attrs}
}

func randomStyle(rng *rand.Rand, attrs Attrs) faceStyle {
	const maxShift, maxAngle = 2.0, 12 * math.Pi / 180
	angle := (2*rng.Float64() - 1) * maxAngle
	return faceStyle{
		attrs:    attrs,
		skin:     skinTones[rng.IntN(len(skinTones))],
		hair:     hairColours[rng.IntN(len(hairColours))],
		back:     backgrounds[rng.IntN(len(backgrounds))],
		centreX:  FaceSide/2 + (2*rng.Float64()-1)*maxShift,
		centreY:  FaceSide/2 + (2*rng.Float64()-1)*maxShift,
		scale:    7 * (0.8 + 0.4*rng.Float64()),
		cosAngle: math.Cos(angle),
		sinAngle: math.Sin(angle),
	}
}

// supersample is the number of samples per pixel side used to smooth
// edges; the part map takes the pixel's centre sample.
const supersample = 3

// render returns the face's pixels (channel-major, [0, 1]) and, per pixel,
// the part seen at the pixel's centre.
func (s faceStyle) render() ([]float32, []part) {
	const plane = FaceSide * FaceSide
	pixels := make([]float32, FacePixels)
	parts := make([]part, plane)
	const weight = 1.0 / (supersample * supersample)
	for y := range FaceSide {
		for x := range FaceSide {
			var sum rgb
			for sy := range supersample {
				for sx := range supersample {
					px := float64(x) + (float64(sx)+0.5)/supersample
					py := float64(y) + (float64(sy)+0.5)/supersample
					c := s.colour(s.partAt(px, py))
					for ch := range 3 {
						sum[ch] += c[ch] * weight
					}
				}
			}
			i := y*FaceSide + x
			for ch := range 3 {
				pixels[ch*plane+i] = sum[ch]
			}
			parts[i] = s.partAt(float64(x)+0.5, float64(y)+0.5)
		}
	}
	return pixels, parts
}

func (s faceStyle) colour(p part) rgb {
	switch p {
	case partHair, partBeard:
		return s.hair
	case partSkin:
		return s.skin
	case partEye:
		return eyeColour
	case partGlasses:
		return frameColour
	case partMouth:
		return mouthColour
	}
	return s.back
}

// partAt maps an image point to face coordinates (x right, y down, the
// face's half-width about 0.8) and returns the topmost part there.
func (s faceStyle) partAt(px, py float64) part {
	dx, dy := (px-s.centreX)/s.scale, (py-s.centreY)/s.scale
	u := s.cosAngle*dx + s.sinAngle*dy
	v := -s.sinAngle*dx + s.cosAngle*dy
	if p, ok := s.featureAt(u, v); ok {
		return p
	}
	if inEllipse(u, v, 0, 0, 0.8, 1.0) {
		return s.headAt(u, v)
	}
	if s.attrs.Woman && inEllipse(u, v, 0, 0.3, 1.12, 1.3) && v < 1.45 {
		return partHair
	}
	return partBackground
}

// headAt is what the head ellipse shows where no feature is drawn: the
// hair cap on top, the beard on the lower face, skin elsewhere.
func (s faceStyle) headAt(u, v float64) part {
	capLine := -0.45
	if s.attrs.Woman {
		capLine = -0.5 + 0.35*u*u // a fringe that falls to the sides
	}
	if v < capLine {
		return partHair
	}
	if s.attrs.Beard && v > 0.3 && !inEllipse(u, v, 0, 0.3, 0.45, 0.3) {
		return partBeard
	}
	return partSkin
}

// featureAt returns the glasses, eyes or mouth at face point (u, v).
func (s faceStyle) featureAt(u, v float64) (part, bool) {
	const eyeX, eyeY = 0.36, -0.12
	if s.attrs.Glasses {
		for _, side := range []float64{-1, 1} {
			r := math.Hypot(u-side*eyeX, v-eyeY)
			if r > 0.17 && r < 0.34 {
				return partGlasses, true
			}
		}
		if math.Abs(u) < eyeX-0.2 && math.Abs(v-eyeY) < 0.07 { // the bridge
			return partGlasses, true
		}
	}
	for _, side := range []float64{-1, 1} {
		if math.Hypot(u-side*eyeX, v-eyeY) < 0.12 {
			return partEye, true
		}
	}
	if s.attrs.Smile {
		if v > 0.36 && math.Hypot(u, v-0.36) < 0.38 {
			return partMouth, true
		}
	} else if math.Abs(u) < 0.24 && math.Abs(v-0.5) < 0.06 {
		return partMouth, true
	}
	return 0, false
}

func inEllipse(u, v, cu, cv, ru, rv float64) bool {
	du, dv := (u-cu)/ru, (v-cv)/rv
	return du*du+dv*dv <= 1
}
