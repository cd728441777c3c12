package salience

import (
	"math"
	"math/rand/v2"
	"testing"
)

// shareTolerance is how close a fitted ear share must be to the exact mix.
const shareTolerance = 1e-3

// blend returns (1-t)·a + t·b pixel by pixel.
func blend(a, b Image, t float32) Image {
	out := a.Clone()
	for i := range out.Pix {
		out.Pix[i] = (1-t)*a.Pix[i] + t*b.Pix[i]
	}
	return out
}

func TestBallKeptOnHandMadeImages(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2))
	for _, radius := range []float64{1, 5} {
		f := NewPingpongFrame(rng, radius)
		noBall := f.Image.Clone()
		table := PingpongBackground()
		for p, on := range f.Ball {
			if on {
				noBall.SetIndex(p, table.AtIndex(p))
			}
		}
		cases := []struct {
			name string
			out  Image
			kept bool
		}{
			{"true frame", f.Image, true},
			{"ball erased", noBall, false},
			{"faint ball (30%)", blend(noBall, f.Image, 0.3), false},
			{"strong ball (70%)", blend(noBall, f.Image, 0.7), true},
		}
		for _, c := range cases {
			if got := BallKept(c.out, f); got != c.kept {
				t.Errorf("radius %g, %s: kept=%v, want %v", radius, c.name, got, c.kept)
			}
		}
		if iou := ArmIoU(f.Image, f); iou != 1 {
			t.Errorf("radius %g: arm IoU of the true frame %g, want 1", radius, iou)
		}
		if iou := ArmIoU(table, f); iou != 0 {
			t.Errorf("radius %g: arm IoU of the empty table %g, want 0", radius, iou)
		}
	}
}

func TestEarSharesOnHandMadeImages(t *testing.T) {
	for _, yaw := range []float64{-0.4, 0, 0.3} {
		s := HeadSampleAt(yaw, 0.8, 0)
		f0, f1 := s.Futures[0].Image, s.Futures[1].Image
		cases := []struct {
			name string
			out  Image
			want [2]float64
		}{
			{"future 0", f0, [2]float64{1, 0}},
			{"future 1", f1, [2]float64{0, 1}},
			{"50/50 average", blend(f0, f1, 0.5), [2]float64{0.5, 0.5}},
			{"ear-less future 0", s.Backgrounds[0], [2]float64{0, 0}},
			{"ear-less future 1", s.Backgrounds[1], [2]float64{0, 0}},
			{"ear-less average", blend(s.Backgrounds[0], s.Backgrounds[1], 0.5), [2]float64{0, 0}},
		}
		for _, c := range cases {
			got := EarShares(c.out, s)
			for k := range got {
				if math.Abs(got[k]-c.want[k]) > shareTolerance {
					t.Errorf("yaw %g, %s: shares %.3f, want %.1f", yaw, c.name, got, c.want)
				}
			}
		}
	}
}

// TestEarShareIgnoresDarkHair checks the case that fools a plain
// skin-to-ear projection: hair where one future has no ear.
func TestEarShareIgnoresDarkHair(t *testing.T) {
	s := HeadSampleAt(-0.4, 0.8, 0)
	hairy := 0
	for p, on := range s.Futures[1].Ear {
		if on && dist2(s.Backgrounds[0].AtIndex(p), hairColour) < colourTolerance {
			hairy++
		}
	}
	if hairy == 0 {
		t.Fatal("test set-up: future 0 has no hair over future 1's ear")
	}
	if naive := projectOnSegment(hairColour, skinColour, earColour); naive < earSharpShare {
		t.Fatalf("test set-up: a plain projection gives hair %.2f, not fooled", naive)
	}
	if got := EarShares(s.Futures[0].Image, s); math.Abs(got[1]) > shareTolerance {
		t.Errorf("hair under future 1's ear counted as %.3f ear", got[1])
	}
}

func TestEarSharpAndGhost(t *testing.T) {
	cases := []struct {
		shares       [2]float64
		sharp, ghost bool
	}{
		{[2]float64{1, 0}, true, false},
		{[2]float64{0.05, 0.6}, true, false},
		{[2]float64{0.5, 0.5}, false, true},
		{[2]float64{0.25, 0.59}, false, true},
		{[2]float64{0.2, 0.5}, false, false},
		{[2]float64{0, 0}, false, false},
		{[2]float64{0.9, 0.8}, false, false},
	}
	for _, c := range cases {
		if got := EarSharp(c.shares); got != c.sharp {
			t.Errorf("EarSharp(%v) = %v, want %v", c.shares, got, c.sharp)
		}
		if got := EarGhost(c.shares); got != c.ghost {
			t.Errorf("EarGhost(%v) = %v, want %v", c.shares, got, c.ghost)
		}
	}
}
