package salience

import (
	"math"
	"math/rand/v2"
	"testing"
)

// colourTolerance is how far a drawn pixel may be from its label's colour.
const colourTolerance = 1e-6

func TestPingpongLabelsMatchPixels(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	table := PingpongBackground()
	for _, radius := range []float64{1, 2, 3, 4, 5, 6} {
		for range 20 {
			f := NewPingpongFrame(rng, radius)
			if f.Ball.Overlaps(f.Arm) || discMask(f.BallX, f.BallY, radius+1).Overlaps(f.Arm) {
				t.Fatalf("radius %g: ball touches the arm", radius)
			}
			wantArea := math.Pi * radius * radius
			if got := float64(f.Ball.Count()); math.Abs(got-wantArea) > 2*math.Pi*radius {
				t.Errorf("radius %g: disc of %g px, want about %.1f", radius, got, wantArea)
			}
			if f.Arm.Count() < 60 {
				t.Errorf("arm of %d px is not large", f.Arm.Count())
			}
			for p := range f.Ball {
				want := table.AtIndex(p)
				if f.Ball[p] {
					want = ballColour
				} else if f.Arm[p] {
					want = armColour
				}
				if dist2(f.Image.AtIndex(p), want) > colourTolerance {
					t.Fatalf("radius %g pixel %d: colour %v, label says %v", radius, p, f.Image.AtIndex(p), want)
				}
			}
		}
	}
}

func TestHeadEarFollowsYaw(t *testing.T) {
	previous := -1.0
	for yaw := -MaxEarYaw; yaw <= MaxEarYaw; yaw += 0.25 {
		f := RenderHead(yaw, true)
		x, n := 0.0, 0
		for p, on := range f.Ear {
			if on {
				if dist2(f.Image.AtIndex(p), earColour) > colourTolerance {
					t.Fatalf("yaw %.2f: ear pixel %d not ear-coloured", yaw, p)
				}
				x += float64(p%FrameSize) + 0.5
				n++
			}
		}
		if n < 15 {
			t.Fatalf("yaw %.2f: ear of %d px", yaw, n)
		}
		if x /= float64(n); x <= previous {
			t.Errorf("yaw %.2f: ear at x=%.1f, not right of %.1f", yaw, x, previous)
		}
		previous = x
		if bare := RenderHead(yaw, false); bare.Ear.Count() != 0 || hasColour(bare.Image, earColour) {
			t.Errorf("yaw %.2f: ear-less frame shows an ear", yaw)
		}
	}
}

func TestHeadFuturesDoNotOverlapAndInputHidesDirection(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, delta := range []float64{0.6, 0.8, 1.0} {
		for range 50 {
			s := NewHeadSample(rng, delta)
			if s.Futures[0].Ear.Overlaps(s.Futures[1].Ear) {
				t.Fatalf("Δ=%g yaw %.2f: the two future ears overlap", delta, s.Input.Yaw)
			}
			other := HeadSampleAt(s.Input.Yaw, delta, 1-s.Direction)
			if !equalPix(other.Input.Image, s.Input.Image) {
				t.Fatalf("the input depends on the direction")
			}
			if !equalPix(s.Target().Image, s.Futures[s.Direction].Image) {
				t.Fatalf("target is not the chosen future")
			}
			if math.Abs(s.Input.Yaw)+delta > MaxEarYaw+1e-9 {
				t.Fatalf("Δ=%g: yaw %.2f lets a future leave the range", delta, s.Input.Yaw)
			}
		}
	}
}

func hasColour(img Image, c RGB) bool {
	for p := range img.Len() {
		if dist2(img.AtIndex(p), c) < colourTolerance {
			return true
		}
	}
	return false
}

func equalPix(a, b Image) bool {
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			return false
		}
	}
	return true
}
