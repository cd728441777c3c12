package salience

import (
	"math"
	"math/rand/v2"
)

// Colours of the turning head. The ear's colour is far from skin, hair,
// eyes, mouth and background, so its share in a pixel can be fitted.
var (
	headBackground = RGB{0.82, 0.86, 0.90}
	skinColour     = RGB{0.95, 0.76, 0.60}
	hairColour     = RGB{0.25, 0.15, 0.08}
	eyeColour      = RGB{0.08, 0.08, 0.14}
	mouthColour    = RGB{0.70, 0.25, 0.25}
	earColour      = RGB{0.30, 0.30, 0.92}
)

// Geometry of the head: an ellipsoid seen from the side, centre and radii
// in pixels. Features sit at a surface azimuth α (radians around the
// vertical axis): the ear at α = 0, the face's front at α = -π/2. At yaw θ
// a feature at azimuth α is seen at x = centre + radius·sin(θ+α) and is
// visible while cos(θ+α) > 0.
const (
	headCentreX, headCentreY = 16.0, 17.0
	headRadiusX, headRadiusY = 10.0, 12.0
	earHalfWidth             = 2.3
	earHalfHeight            = 3.6
	hairlineAzimuth          = 0.55 // hair covers the back of the head, α > this
	hairlineTop              = -0.5 // and the crown, above this fraction of radiusY
)

// MaxEarYaw bounds the yaw at which the ear is drawn in any frame, so the
// ear stays well inside the visible side of the head. Input yaws are drawn
// so that both futures, θ ± Δ, stay within it.
const MaxEarYaw = 1.25

// HeadFrame is one frame of the turning head with its ear's label.
type HeadFrame struct {
	Image Image
	Ear   Mask
	Yaw   float64
}

// HeadSample is one next-frame example: the input at yaw θ, the two
// possible futures at θ - Δ and θ + Δ with their ear-less versions, and the
// direction actually taken, which nothing in the input reveals.
type HeadSample struct {
	Input       HeadFrame
	Futures     [2]HeadFrame // [0] at θ - Δ, [1] at θ + Δ
	Backgrounds [2]Image     // the futures drawn without the ear
	Direction   int          // index of the future that is the target
}

// Target is the frame the predictor must produce.
func (s HeadSample) Target() HeadFrame { return s.Futures[s.Direction] }

// NewHeadSample draws a yaw, a hidden direction, and renders the example.
func NewHeadSample(rng *rand.Rand, delta float64) HeadSample {
	limit := MaxEarYaw - delta
	yaw := -limit + 2*limit*rng.Float64()
	return HeadSampleAt(yaw, delta, rng.IntN(2))
}

// HeadSampleAt renders the example at a given yaw and direction (0 turns
// by -Δ, 1 by +Δ).
func HeadSampleAt(yaw, delta float64, direction int) HeadSample {
	s := HeadSample{Input: RenderHead(yaw, true), Direction: direction}
	for i, sign := range [2]float64{-1, 1} {
		s.Futures[i] = RenderHead(yaw+sign*delta, true)
		s.Backgrounds[i] = RenderHead(yaw+sign*delta, false).Image
	}
	return s
}

// RenderHead draws the head at a yaw, with or without its ear.
func RenderHead(yaw float64, withEar bool) HeadFrame {
	f := HeadFrame{Image: NewImage(FrameSize, FrameSize, headBackground), Yaw: yaw}
	f.Ear = make(Mask, FrameSize*FrameSize)
	earX := headCentreX + headRadiusX*math.Sin(yaw)
	earY := headCentreY + 0.6
	for y := 0; y < FrameSize; y++ {
		for x := 0; x < FrameSize; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			p := y*FrameSize + x
			if c, ok := headPixel(px, py, yaw); ok {
				f.Image.SetIndex(p, c)
			}
			if withEar && inEllipse(px, py, earX, earY, earHalfWidth, earHalfHeight) {
				f.Image.SetIndex(p, earColour)
				f.Ear[p] = true
			}
		}
	}
	return f
}

// headPixel returns the colour of the head at a pixel centre, and false
// outside the head.
func headPixel(px, py, yaw float64) (RGB, bool) {
	v := (py - headCentreY) / headRadiusY
	u := (px - headCentreX) / headRadiusX
	if u*u+v*v > 1 {
		return RGB{}, false
	}
	azimuth := math.Asin(clamp(u/math.Sqrt(1-v*v), -1, 1)) - yaw
	switch {
	case azimuth > hairlineAzimuth || v < hairlineTop:
		return hairColour, true
	case onFeature(px, py, yaw, -math.Pi/2+0.55, -0.15, 1.3, 1.3),
		onFeature(px, py, yaw, -math.Pi/2-0.55, -0.15, 1.3, 1.3):
		return eyeColour, true
	case onFeature(px, py, yaw, -math.Pi/2+0.35, 0.5, 2.2, 0.8):
		return mouthColour, true
	}
	return skinColour, true
}

// onFeature reports whether a pixel lies on an elliptic feature painted at
// surface azimuth α and height v (fraction of radiusY below the centre);
// its width shrinks as it turns away, and it is hidden on the far side.
func onFeature(px, py, yaw, azimuth, v, halfWidth, halfHeight float64) bool {
	facing := math.Cos(yaw + azimuth)
	if facing < 0.15 {
		return false
	}
	cx := headCentreX + headRadiusX*math.Sqrt(1-v*v)*math.Sin(yaw+azimuth)
	cy := headCentreY + v*headRadiusY
	return inEllipse(px, py, cx, cy, 0.4+halfWidth*facing, halfHeight)
}

func inEllipse(px, py, cx, cy, rx, ry float64) bool {
	dx, dy := (px-cx)/rx, (py-cy)/ry
	return dx*dx+dy*dy <= 1
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
