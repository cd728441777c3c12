package core

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PixelNormEpsilon keeps PixelNorm finite on an all-zero pixel.
const PixelNormEpsilon = 1e-8

// PixelNorm returns the layer that scales the channel vector of every
// pixel of an image of shape in to unit root-mean-square:
// y[c, p] = x[c, p] / √(mean over c of x[·, p]² + ε), (batch, C·H·W) →
// (batch, C·H·W). It has no parameters and needs no batch statistics, so
// training and inference compute the same thing; a generator uses it where
// DCGAN would use batch normalisation. It panics on an empty shape.
func PixelNorm(in ImageShape) Layer {
	if in.C <= 0 || in.H <= 0 || in.W <= 0 {
		panic(fmt.Sprintf("core: PixelNorm(%v)", in))
	}
	return pixelNormLayer{in: in}
}

type pixelNormLayer struct{ in ImageShape }

// InputWidth returns the image size C·H·W the layer was built for.
func (l pixelNormLayer) InputWidth() int { return l.in.Size() }

// Shape panics if in differs from the image size the layer was built for.
func (l pixelNormLayer) Shape(in int) (int, int) {
	if in != l.in.Size() {
		panic(fmt.Sprintf("core: PixelNorm over %v images fed %d inputs", l.in, in))
	}
	return in, 0
}

// Init does nothing: the layer has no parameters.
func (l pixelNormLayer) Init(*rand.Rand, int, []float32, Layer) {}

// Forward computes y and keeps each pixel's 1/rms in s for Backward.
func (l pixelNormLayer) Forward(x, y *Mat, _ []float32, s *Scratch) {
	checkBatch("PixelNorm", x, y, l.in.Size(), l.in.Size())
	positions := l.in.H * l.in.W
	inv := s.Floats(x.Rows * positions)
	for b := range x.Rows {
		xr, yr, ib := x.Row(b), y.Row(b), inv[b*positions:(b+1)*positions]
		clear(ib)
		for c := range l.in.C {
			for p, v := range xr[c*positions : (c+1)*positions] {
				ib[p] += v * v
			}
		}
		for p, sum := range ib {
			ib[p] = float32(1 / math.Sqrt(float64(sum)/float64(l.in.C)+PixelNormEpsilon))
		}
		for c := range l.in.C {
			for p, v := range xr[c*positions : (c+1)*positions] {
				yr[c*positions+p] = v * ib[p]
			}
		}
	}
}

// Backward stores dx = (dy − y·mean over c of (dy·y)) / rms unless dx is
// nil; there are no parameters to update.
func (l pixelNormLayer) Backward(_, y, dy, dx *Mat, _, _ []float32, s *Scratch) {
	if dx == nil {
		return
	}
	positions := l.in.H * l.in.W
	inv := s.Buf
	if len(inv) != y.Rows*positions {
		panic("core: PixelNorm.Backward without its Forward")
	}
	dots := make([]float32, positions)
	for b := range y.Rows {
		yr, dyr, dxr, ib := y.Row(b), dy.Row(b), dx.Row(b), inv[b*positions:(b+1)*positions]
		clear(dots)
		for c := range l.in.C {
			ys, dys := yr[c*positions:(c+1)*positions], dyr[c*positions:(c+1)*positions]
			for p, v := range ys {
				dots[p] += v * dys[p]
			}
		}
		for c := range l.in.C {
			for p := range positions {
				i := c*positions + p
				dxr[i] = (dyr[i] - yr[i]*dots[p]/float32(l.in.C)) * ib[p]
			}
		}
	}
}
