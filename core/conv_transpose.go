package core

import (
	"fmt"
	"math/rand/v2"
)

// ConvTranspose returns the transposed 2-D convolution (the adjoint of
// Conv, used to upsample in a generator) of images of shape in to outC
// channels with k×k filters, stride and pad:
// (batch, C·H·W) → (batch, outC·H'·W') with H' = (H−1)·stride − 2·pad + k
// (likewise W'). Every input pixel adds a k×k stamp of its filters to the
// output, stride pixels apart. Its parameters are W (C, outC·k·k), each
// row ordered (outC, ky, kx), followed by the biases (outC). It panics on
// a geometry that leaves no output pixel.
func ConvTranspose(in ImageShape, outC, k, stride, pad int) Layer {
	out := ImageShape{outC, (in.H-1)*stride - 2*pad + k, (in.W-1)*stride - 2*pad + k}
	if in.C <= 0 || in.H <= 0 || in.W <= 0 || outC <= 0 || k <= 0 || stride <= 0 || pad < 0 ||
		out.H <= 0 || out.W <= 0 || pad >= k {
		panic(fmt.Sprintf("core: ConvTranspose(%v, %d, k=%d, stride=%d, pad=%d)",
			in, outC, k, stride, pad))
	}
	return convTransposeLayer{in: in, grid: newPatchGrid(out, k, stride, pad)}
}

// convTransposeLayer reuses Conv's patch grid over the output image: the
// input pixels are its patch positions.
type convTransposeLayer struct {
	in   ImageShape
	grid patchGrid
}

// OutShape is the shape of the output image.
func (l convTransposeLayer) OutShape() ImageShape { return l.grid.image }

// InputWidth returns the image size C·H·W the layer was built for.
func (l convTransposeLayer) InputWidth() int { return l.in.Size() }

// Shape panics if in differs from the image size the layer was built for.
func (l convTransposeLayer) Shape(in int) (int, int) {
	if in != l.in.Size() {
		panic(fmt.Sprintf("core: ConvTranspose over %v images fed %d inputs", l.in, in))
	}
	return l.grid.image.Size(), l.in.C*l.grid.patchLen + l.grid.image.C
}

// Init draws the filters uniformly with He's scale before a rectifier and
// Glorot's otherwise, counting as fan-in the C·k²/stride² input values that
// reach each output pixel; biases start at 0.
func (l convTransposeLayer) Init(rng *rand.Rand, _ int, params []float32, next Layer) {
	nw := l.in.C * l.grid.patchLen
	kk, ss := float64(l.grid.k*l.grid.k), float64(l.grid.stride*l.grid.stride)
	fanIn, fanOut := float64(l.in.C)*kk/ss, float64(l.grid.image.C)*kk/ss
	initFilters(rng, params[:nw], fanIn, fanOut, next)
	clear(params[nw:])
}

func (l convTransposeLayer) split(params []float32) (*Mat, []float32) {
	nw := l.in.C * l.grid.patchLen
	return MatFrom(l.in.C, l.grid.patchLen, params[:nw]), params[nw : nw+l.grid.image.C]
}

// buffers returns the input in channel-major order (C, batch·P) and the
// stamps (outC·k·k, batch·P), both kept in s for Backward.
func (l convTransposeLayer) buffers(batch int, s *Scratch, fresh bool) (in, col *Mat) {
	width := batch * l.grid.positions
	n := (l.in.C + l.grid.patchLen) * width
	buf := s.Buf
	if fresh {
		buf = s.Floats(n)
	} else if len(buf) != n {
		panic("core: ConvTranspose.Backward without its Forward")
	}
	split := l.in.C * width
	return MatFrom(l.in.C, width, buf[:split]), MatFrom(l.grid.patchLen, width, buf[split:])
}

// Forward computes the stamps Wᵀ·x in one Gemm and folds them onto y, then
// adds the biases.
func (l convTransposeLayer) Forward(x, y *Mat, params []float32, s *Scratch) {
	out := l.grid.image
	checkBatch("ConvTranspose", x, y, l.in.Size(), out.Size())
	w, b := l.split(params)
	in, col := l.buffers(x.Rows, s, true)
	toChannelMajor(x, l.in.C, l.grid.positions, in.Data)
	Gemm(true, false, 1, w, in, 0, col)
	plane := out.H * out.W
	for i := range y.Rows {
		row := y.Row(i)
		for c := range out.C {
			for j := range row[c*plane : (c+1)*plane] {
				row[c*plane+j] = b[c]
			}
		}
	}
	l.grid.fold(col.Data, y)
}

// Backward unfolds dy into the stamps' gradient, adds x·stampsᵀ to ∂W and
// dy's channel sums to ∂b, and stores W·stamps in dx unless dx is nil.
func (l convTransposeLayer) Backward(x, _, dy, dx *Mat, params, grads []float32, s *Scratch) {
	out := l.grid.image
	checkBatch("ConvTranspose", x, dy, l.in.Size(), out.Size())
	w, _ := l.split(params)
	dw, db := l.split(grads)
	in, dcol := l.buffers(x.Rows, s, false)
	l.grid.unfold(dy, dcol.Data)
	Gemm(false, true, 1, in, dcol, 1, dw)
	addChannelSums(dy, out.C, out.H*out.W, db)
	if dx == nil {
		return
	}
	Gemm(false, false, 1, w, dcol, 0, in) // the input is no longer needed
	fromChannelMajor(in.Data, l.in.C, l.grid.positions, nil, dx)
}
