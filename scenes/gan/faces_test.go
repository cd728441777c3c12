package gan

import (
	"math"
	"math/rand/v2"
	"testing"
)

// drawnFace is a face with what the drawing shows, measured from its
// part map and pixels rather than from its labels.
type drawnFace struct {
	style  faceStyle
	pixels []float32
	parts  []part
}

func drawFaces(seed uint64, n int) []drawnFace {
	rng := rand.New(rand.NewPCG(seed, 1))
	faces := make([]drawnFace, n)
	for i := range faces {
		probe := NewFace(rng) // draws attributes the way NewFace does
		style := randomStyle(rng, probe.Attrs)
		pixels, parts := style.render()
		faces[i] = drawnFace{style, pixels, parts}
	}
	return faces
}

// faceCoords returns the face coordinates of pixel i's centre.
func (d drawnFace) faceCoords(i int) (u, v float64) {
	s := d.style
	px, py := float64(i%FaceSide)+0.5, float64(i/FaceSide)+0.5
	dx, dy := (px-s.centreX)/s.scale, (py-s.centreY)/s.scale
	return s.cosAngle*dx + s.sinAngle*dy, -s.sinAngle*dx + s.cosAngle*dy
}

func (d drawnFace) count(p part, where func(u, v float64) bool) int {
	n := 0
	for i, q := range d.parts {
		if q == p && where(d.faceCoords(i)) {
			n++
		}
	}
	return n
}

func anywhere(u, v float64) bool { return true }

func TestFaceLabelsMatchDrawing(t *testing.T) {
	// In face units² (pixels divided by scale²): the open smile covers
	// about 0.23, the closed mouth about 0.06.
	const smileArea = 0.12
	// Long hair reaches below the eyes; short hair stays above the brow.
	belowEyes := func(u, v float64) bool { return v > 0.2 }
	for k, d := range drawFaces(7, 400) {
		a := d.style.attrs
		area := float64(d.count(partMouth, anywhere)) / (d.style.scale * d.style.scale)
		checks := []struct {
			name  string
			label bool
			drawn bool
		}{
			{"glasses", a.Glasses, d.count(partGlasses, anywhere) >= 4},
			{"woman", a.Woman, d.count(partHair, belowEyes) >= 10},
			{"beard", a.Beard, d.count(partBeard, anywhere) >= 4},
			{"smile", a.Smile, area > smileArea},
			{"eyes", true, d.count(partEye, anywhere) >= 2},
		}
		for _, c := range checks {
			if c.label != c.drawn {
				t.Errorf("face %d (%+v): %s labelled %v, drawn %v", k, a, c.name, c.label, c.drawn)
			}
		}
	}
}

func TestFacePixelsShowTheirParts(t *testing.T) {
	// A pixel whose centre shows a part has that part's colour, up to the
	// smoothing of edges: at most this far per channel on average.
	const meanTolerance = 0.08
	const plane = FaceSide * FaceSide
	for k, d := range drawFaces(11, 50) {
		var diff float64
		for i, p := range d.parts {
			want := d.style.colour(p)
			for ch := range 3 {
				diff += math.Abs(float64(d.pixels[ch*plane+i] - want[ch]))
			}
		}
		if mean := diff / FacePixels; mean > meanTolerance {
			t.Errorf("face %d: pixels differ from their parts by %.3f on average", k, mean)
		}
	}
}

func TestFaceAttributesIndependent(t *testing.T) {
	const n, tolerance = 2000, 0.04
	rng := rand.New(rand.NewPCG(3, 4))
	var woman, glasses, smile, womanGlasses, beardOfMen, men float64
	for range n {
		a := NewFace(rng).Attrs
		woman += b2f(a.Woman)
		glasses += b2f(a.Glasses)
		smile += b2f(a.Smile)
		womanGlasses += b2f(a.Woman && a.Glasses)
		if !a.Woman {
			men++
			beardOfMen += b2f(a.Beard)
		}
	}
	rates := []struct {
		name      string
		got, want float64
	}{
		{"woman", woman / n, 0.5},
		{"glasses", glasses / n, 0.5},
		{"smile", smile / n, 0.5},
		{"woman and glasses", womanGlasses / n, 0.25},
		{"beard among men", beardOfMen / men, 0.5},
	}
	for _, r := range rates {
		if math.Abs(r.got-r.want) > tolerance {
			t.Errorf("%s rate %.3f, want %.2f±%.2f", r.name, r.got, r.want, tolerance)
		}
	}
}

// TestFacePoseVaries checks the geometric variation that makes an overlay
// of faces a ghost: the eyes land on different pixels from face to face.
func TestFacePoseVaries(t *testing.T) {
	// A pixel of shift; a tenth of the mean size (scale ±20% uniform
	// spreads by about 0.115).
	const minSpreadPixels, minRelativeScaleSpread = 1.0, 0.1
	var xs, ys, sizes []float64
	for _, d := range drawFaces(5, 200) {
		var sx, sy, n float64
		for i, p := range d.parts {
			if p == partEye {
				sx += float64(i % FaceSide)
				sy += float64(i / FaceSide)
				n++
			}
		}
		xs, ys = append(xs, sx/n), append(ys, sy/n)
		sizes = append(sizes, d.style.scale)
	}
	for name, values := range map[string][]float64{"eye x": xs, "eye y": ys} {
		if s := stdDev(values); s < minSpreadPixels {
			t.Errorf("%s spread %.2f px, want ≥ %.1f", name, s, minSpreadPixels)
		}
	}
	if s := stdDev(sizes) / mean(sizes); s < minRelativeScaleSpread {
		t.Errorf("relative scale spread %.3f, want ≥ %.2f", s, minRelativeScaleSpread)
	}
}

func mean(x []float64) float64 {
	var sum float64
	for _, v := range x {
		sum += v
	}
	return sum / float64(len(x))
}

func stdDev(x []float64) float64 {
	m, sq := mean(x), 0.0
	for _, v := range x {
		sq += (v - m) * (v - m)
	}
	return math.Sqrt(sq / float64(len(x)))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
