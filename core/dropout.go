package core

import (
	"fmt"
	"math/rand/v2"
)

// Dropout returns inverted dropout with drop probability p: in a training
// pass each element is zeroed with probability p and the survivors are
// scaled by 1/(1−p); outside training it is the identity. (batch, n) →
// (batch, n). The mask comes from the workspace's random source, so a seeded
// Trainer draws the same masks whatever its worker count. It panics unless
// 0 ≤ p < 1.
func Dropout(p float64) Layer {
	if !(p >= 0 && p < 1) {
		panic(fmt.Sprintf("core: Dropout probability %v outside [0, 1)", p))
	}
	return dropoutLayer{drop: float32(p)}
}

type dropoutLayer struct{ drop float32 }

// Shape and Init implement Layer: no parameters, width unchanged.
func (d dropoutLayer) Shape(in int) (int, int)                { return in, 0 }
func (d dropoutLayer) Init(*rand.Rand, int, []float32, Layer) {}

// Forward draws a fresh mask into s.Buf in a training pass.
func (d dropoutLayer) Forward(x, y *Mat, _ []float32, s *Scratch) {
	checkBatch("dropout", x, y, x.Cols, x.Cols)
	if !s.Train || d.drop == 0 {
		y.CopyFrom(x)
		return
	}
	mask := s.Floats(x.Rows * x.Cols)
	keep := 1 / (1 - d.drop)
	for i := range x.Rows {
		xr, yr, mr := x.Row(i), y.Row(i), mask[i*x.Cols:(i+1)*x.Cols]
		for j, v := range xr {
			mr[j] = 0
			if s.RNG.Float32() >= d.drop {
				mr[j] = keep
			}
			yr[j] = v * mr[j]
		}
	}
}

// Backward multiplies dy by the mask of the last training pass.
func (d dropoutLayer) Backward(x, _, dy, dx *Mat, _, _ []float32, s *Scratch) {
	if dx == nil {
		return
	}
	if !s.Train || d.drop == 0 {
		dx.CopyFrom(dy)
		return
	}
	for i := range dy.Rows {
		dyr, dxr, mr := dy.Row(i), dx.Row(i), s.Buf[i*x.Cols:(i+1)*x.Cols]
		for j, v := range dyr {
			dxr[j] = v * mr[j]
		}
	}
}

// initTransparent tells the Network to look past dropout when it picks the
// initialisation of the layer before it.
func (d dropoutLayer) initTransparent() {}
