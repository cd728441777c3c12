package core

import (
	"fmt"
	"math/rand/v2"
)

// Upsample returns the layer that repeats every pixel of an image of shape
// in as a factor×factor block (nearest-neighbour enlargement):
// (batch, C·H·W) → (batch, C·(H·factor)·(W·factor)). Followed by a
// stride-1 Conv it upsamples without the checkerboard a transposed
// convolution tends to draw. It has no parameters. It panics on an empty
// shape or a factor below 1.
func Upsample(in ImageShape, factor int) Layer {
	if in.C <= 0 || in.H <= 0 || in.W <= 0 || factor < 1 {
		panic(fmt.Sprintf("core: Upsample(%v, %d)", in, factor))
	}
	return upsampleLayer{in: in, factor: factor}
}

type upsampleLayer struct {
	in     ImageShape
	factor int
}

// OutShape is the shape of the output image.
func (l upsampleLayer) OutShape() ImageShape {
	return ImageShape{l.in.C, l.in.H * l.factor, l.in.W * l.factor}
}

// InputWidth returns the image size C·H·W the layer was built for.
func (l upsampleLayer) InputWidth() int { return l.in.Size() }

// Shape panics if in differs from the image size the layer was built for.
func (l upsampleLayer) Shape(in int) (int, int) {
	if in != l.in.Size() {
		panic(fmt.Sprintf("core: Upsample over %v images fed %d inputs", l.in, in))
	}
	return l.OutShape().Size(), 0
}

// Init does nothing: the layer has no parameters.
func (l upsampleLayer) Init(*rand.Rand, int, []float32, Layer) {}

// Forward copies each input pixel to its block.
func (l upsampleLayer) Forward(x, y *Mat, _ []float32, _ *Scratch) {
	out := l.OutShape()
	checkBatch("Upsample", x, y, l.in.Size(), out.Size())
	for b := range x.Rows {
		xr, yr := x.Row(b), y.Row(b)
		for row := range l.in.C * out.H { // one output row per channel and line
			src := xr[(row/l.factor)*l.in.W : (row/l.factor+1)*l.in.W]
			dst := yr[row*out.W : (row+1)*out.W]
			for i, v := range src {
				block := dst[i*l.factor : (i+1)*l.factor]
				for j := range block {
					block[j] = v
				}
			}
		}
	}
}

// Backward stores in dx the sum of dy over each pixel's block, unless dx
// is nil; there are no parameters to update.
func (l upsampleLayer) Backward(_, _, dy, dx *Mat, _, _ []float32, _ *Scratch) {
	if dx == nil {
		return
	}
	out := l.OutShape()
	for b := range dy.Rows {
		dxr, dyr := dx.Row(b), dy.Row(b)
		clear(dxr)
		for row := range l.in.C * out.H {
			dst := dxr[(row/l.factor)*l.in.W : (row/l.factor+1)*l.in.W]
			src := dyr[row*out.W : (row+1)*out.W]
			for i := range dst {
				var sum float32
				for _, v := range src[i*l.factor : (i+1)*l.factor] {
					sum += v
				}
				dst[i] += sum
			}
		}
	}
}
