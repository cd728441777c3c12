package core

import (
	"fmt"
	"math/rand/v2"
)

// Layer is one stage of a sequential Network, acting on a minibatch held as
// the rows of a matrix: (batch, in) → (batch, out). A Layer value holds only
// its configuration; parameters live in the Network's contiguous buffer and
// per-pass state in a Scratch, so one Layer value may appear in many
// networks. Layers defined in other files of core (convolutions) implement
// the same four methods.
type Layer interface {
	// Shape returns the output width and the number of parameters for an
	// input width in. It panics if the layer cannot take in inputs.
	Shape(in int) (out, numParams int)

	// Init writes initial parameters (len numParams) for input width in.
	// next is the layer that follows (nil at the end of the network): its
	// kind chooses the scale of the initialisation (He before rectifiers,
	// Glorot otherwise).
	Init(rng *rand.Rand, in int, params []float32, next Layer)

	// Forward computes y (batch, out) from x (batch, in); y is allocated by
	// the caller. s holds state that Backward of the same pass may need.
	Forward(x, y *Mat, params []float32, s *Scratch)

	// Backward takes x and y of the last Forward and dy = ∂L/∂y (batch, out),
	// adds ∂L/∂θ to grads (len numParams) and, unless dx is nil, stores
	// ∂L/∂x (batch, in) in dx.
	Backward(x, y, dy, dx *Mat, params, grads []float32, s *Scratch)
}

// Scratch is one layer's state within one Workspace: whether the pass is a
// training pass (dropout is active only then), the workspace's random
// source, and a float buffer the layer may keep between Forward and
// Backward (a dropout mask, an unfolded image).
type Scratch struct {
	Train bool
	RNG   *rand.Rand
	Buf   []float32
}

// Floats returns s.Buf resized to n values, reusing its storage when it is
// large enough. The contents are unspecified.
func (s *Scratch) Floats(n int) []float32 {
	if cap(s.Buf) < n {
		s.Buf = make([]float32, n)
	}
	s.Buf = s.Buf[:n]
	return s.Buf
}

// checkBatch panics unless x (batch, in) and y (batch, out) have the shapes
// a layer expects.
func checkBatch(layer string, x, y *Mat, in, out int) {
	if x.Cols != in || y.Cols != out || x.Rows != y.Rows {
		panic(fmt.Sprintf("core: %s wants (b,%d) → (b,%d), got (%d,%d) → (%d,%d)",
			layer, in, out, x.Rows, x.Cols, y.Rows, y.Cols))
	}
}
