package core

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Conv returns a 2-D convolution of images of shape in with outC filters of
// k×k pixels, moved stride pixels at a time over a border of pad zeros:
// (batch, C·H·W) → (batch, outC·H'·W') with H' = (H+2·pad−k)/stride + 1
// (likewise W'). Images are rows, channel-major (see ImageShape). Its
// parameters are the filters W (outC, C·k·k), each row ordered (c, ky, kx),
// followed by the biases (outC). It panics on a geometry that leaves no
// output pixel.
func Conv(in ImageShape, outC, k, stride, pad int) Layer {
	g := newPatchGrid(in, k, stride, pad)
	if in.C <= 0 || outC <= 0 || k <= 0 || stride <= 0 || pad < 0 || g.gridH <= 0 || g.gridW <= 0 {
		panic(fmt.Sprintf("core: Conv(%v, %d, k=%d, stride=%d, pad=%d)", in, outC, k, stride, pad))
	}
	return convLayer{grid: g, outC: outC}
}

type convLayer struct {
	grid patchGrid
	outC int
}

// OutShape is the shape of the output image.
func (l convLayer) OutShape() ImageShape {
	return ImageShape{l.outC, l.grid.gridH, l.grid.gridW}
}

// InputWidth returns the image size C·H·W the layer was built for.
func (l convLayer) InputWidth() int { return l.grid.image.Size() }

// Shape panics if in differs from the image size the layer was built for.
func (l convLayer) Shape(in int) (int, int) {
	if in != l.grid.image.Size() {
		panic(fmt.Sprintf("core: Conv over %v images fed %d inputs", l.grid.image, in))
	}
	return l.OutShape().Size(), l.outC*l.grid.patchLen + l.outC
}

// Init draws the filters uniformly with He's scale √(6/fanIn) before a
// rectifier and Glorot's otherwise (fanIn = C·k·k); biases start at 0.
func (l convLayer) Init(rng *rand.Rand, _ int, params []float32, next Layer) {
	fanIn := float64(l.grid.patchLen)
	initFilters(rng, params[:l.outC*l.grid.patchLen], fanIn, float64(l.outC*l.grid.k*l.grid.k), next)
	clear(params[l.outC*l.grid.patchLen:])
}

func initFilters(rng *rand.Rand, w []float32, fanIn, fanOut float64, next Layer) {
	bound := math.Sqrt(6 / (fanIn + fanOut))
	if r, ok := next.(interface{ rectifier() bool }); ok && r.rectifier() {
		bound = math.Sqrt(6 / fanIn)
	}
	for i := range w {
		w[i] = float32((2*rng.Float64() - 1) * bound)
	}
}

func (l convLayer) split(params []float32) (*Mat, []float32) {
	nw := l.outC * l.grid.patchLen
	return MatFrom(l.outC, l.grid.patchLen, params[:nw]), params[nw : nw+l.outC]
}

// buffers returns the unfolded patches (C·k·k, batch·P) and the output in
// channel-major order (outC, batch·P), both kept in s for Backward.
func (l convLayer) buffers(batch int, s *Scratch, fresh bool) (col, out *Mat) {
	width := batch * l.grid.positions
	n := (l.grid.patchLen + l.outC) * width
	buf := s.Buf
	if fresh {
		buf = s.Floats(n)
	} else if len(buf) != n {
		panic("core: Conv.Backward without its Forward")
	}
	split := l.grid.patchLen * width
	return MatFrom(l.grid.patchLen, width, buf[:split]), MatFrom(l.outC, width, buf[split:])
}

// Forward unfolds the patches of x and computes y = W·patches + b in one
// Gemm.
func (l convLayer) Forward(x, y *Mat, params []float32, s *Scratch) {
	checkBatch("Conv", x, y, l.grid.image.Size(), l.OutShape().Size())
	w, b := l.split(params)
	col, out := l.buffers(x.Rows, s, true)
	l.grid.unfold(x, col.Data)
	Gemm(false, false, 1, w, col, 0, out)
	fromChannelMajor(out.Data, l.outC, l.grid.positions, b, y)
}

// Backward adds dy·patchesᵀ to ∂W and dy's channel sums to ∂b, and folds
// Wᵀ·dy back onto the pixels of dx unless dx is nil.
func (l convLayer) Backward(x, _, dy, dx *Mat, params, grads []float32, s *Scratch) {
	checkBatch("Conv", x, dy, l.grid.image.Size(), l.OutShape().Size())
	w, _ := l.split(params)
	dw, db := l.split(grads)
	col, dout := l.buffers(x.Rows, s, false)
	toChannelMajor(dy, l.outC, l.grid.positions, dout.Data)
	Gemm(false, true, 1, dout, col, 1, dw)
	addChannelSums(dy, l.outC, l.grid.positions, db)
	if dx == nil {
		return
	}
	Gemm(true, false, 1, w, dout, 0, col) // the patches are no longer needed
	for i := range dx.Rows {
		clear(dx.Row(i))
	}
	l.grid.fold(col.Data, dx)
}
