package salience

import (
	"math"
	"math/rand/v2"
)

// FrameSize is the side of every frame of both data sets, in pixels.
const FrameSize = 32

// Colours of the ping-pong scene. The ball's colour is far from both the
// table's and the arm's, so "closer to the ball than to the table" is a
// clear test of whether a reconstruction kept it.
var (
	wallColour  = RGB{0.20, 0.22, 0.34}
	tableColour = RGB{0.10, 0.45, 0.25}
	edgeColour  = RGB{0.16, 0.58, 0.34}
	armColour   = RGB{0.78, 0.78, 0.82}
	ballColour  = RGB{1.00, 0.55, 0.08}
)

// Geometry of the robot arm: a fixed base at the bottom centre and three
// thick segments (length and half-thickness in pixels, base first).
var (
	armBase      = [2]float64{16, 31}
	armLengths   = [3]float64{11, 9, 7}
	armHalfWidth = [3]float64{2.2, 1.8, 1.5}
)

// PingpongFrame is one frame of the robot scene with its labels.
type PingpongFrame struct {
	Image  Image
	Ball   Mask // the ball's disc
	Arm    Mask // the arm's segments
	BallX  float64
	BallY  float64 // centre of the ball, in pixel coordinates
	Radius float64
}

// tableAt is the colour of the empty scene at pixel (x, y): a wall above
// the table's far edge, then the table top.
func tableAt(x, y int) RGB {
	switch {
	case y < 9:
		return wallColour
	case y == 9:
		return edgeColour
	}
	return tableColour
}

// PingpongBackground returns the empty table, the reference against which
// the ball-kept and arm measures compare a reconstruction.
func PingpongBackground() Image {
	img := NewImage(FrameSize, FrameSize, RGB{})
	for y := 0; y < FrameSize; y++ {
		for x := 0; x < FrameSize; x++ {
			img.SetIndex(y*FrameSize+x, tableAt(x, y))
		}
	}
	return img
}

// NewPingpongFrame draws the robot arm at random joint angles and a ball of
// the given radius (1–6 px) at a random place clear of the arm.
func NewPingpongFrame(rng *rand.Rand, radius float64) PingpongFrame {
	f := PingpongFrame{Image: PingpongBackground(), Radius: radius}
	for f.Ball == nil {
		f.Arm = armMask(randomJoints(rng))
		f.BallX, f.BallY, f.Ball = placeBall(rng, radius, f.Arm)
	}
	for p := range f.Arm {
		switch {
		case f.Ball[p]:
			f.Image.SetIndex(p, ballColour)
		case f.Arm[p]:
			f.Image.SetIndex(p, armColour)
		}
	}
	return f
}

// randomJoints draws the arm's first angle (upwards, from the +x axis) and
// two relative bends.
func randomJoints(rng *rand.Rand) [3]float64 {
	return [3]float64{
		math.Pi * (0.15 + 0.7*rng.Float64()),
		-1.3 + 2.6*rng.Float64(),
		-1.3 + 2.6*rng.Float64(),
	}
}

// armMask marks the pixels whose centres lie within a segment's
// half-width of it, i.e. the union of three capsules.
func armMask(joints [3]float64) Mask {
	m := make(Mask, FrameSize*FrameSize)
	x0, y0, angle := armBase[0], armBase[1], 0.0
	for s, length := range armLengths {
		angle += joints[s]
		x1 := x0 + length*math.Cos(angle)
		y1 := y0 - length*math.Sin(angle)
		markCapsule(m, x0, y0, x1, y1, armHalfWidth[s])
		x0, y0 = x1, y1
	}
	return m
}

func markCapsule(m Mask, x0, y0, x1, y1, halfWidth float64) {
	dx, dy := x1-x0, y1-y0
	length2 := dx*dx + dy*dy
	for y := 0; y < FrameSize; y++ {
		for x := 0; x < FrameSize; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			t := ((px-x0)*dx + (py-y0)*dy) / length2
			t = math.Max(0, math.Min(1, t))
			ex, ey := px-(x0+t*dx), py-(y0+t*dy)
			if ex*ex+ey*ey <= halfWidth*halfWidth {
				m[y*FrameSize+x] = true
			}
		}
	}
}

// discMask marks the pixels whose centres lie within radius of (cx, cy).
func discMask(cx, cy, radius float64) Mask {
	m := make(Mask, FrameSize*FrameSize)
	for y := 0; y < FrameSize; y++ {
		for x := 0; x < FrameSize; x++ {
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			if dx*dx+dy*dy <= radius*radius+1e-9 {
				m[y*FrameSize+x] = true
			}
		}
	}
	return m
}

// ballAttempts bounds the search for a free place; an arm that leaves no
// room is redrawn.
const ballAttempts = 200

// placeBall draws ball centres (on pixel centres, so small discs are
// symmetric) until the disc, grown by a pixel, misses the arm. The wall
// stays free of balls: the ball lies on the table. It returns a nil disc
// when the arm leaves no room.
func placeBall(rng *rand.Rand, radius float64, arm Mask) (x, y float64, disc Mask) {
	margin := int(math.Ceil(radius))
	for range ballAttempts {
		x = float64(margin+rng.IntN(FrameSize-2*margin)) + 0.5
		y = float64(10+margin+rng.IntN(FrameSize-10-2*margin)) + 0.5
		if !discMask(x, y, radius+1).Overlaps(arm) {
			return x, y, discMask(x, y, radius)
		}
	}
	return 0, 0, nil
}
