package core

import "fmt"

// Image layout for convolutions: a minibatch of images is a matrix with one
// image per row, channel-major (channel 0's rows of pixels, then channel
// 1's, …), so an image of C channels and H×W pixels is a row of C·H·W
// values. Convolutions unfold the patches of a whole minibatch into one
// matrix (im2col) so that each pass is a single Gemm.

// ImageShape is the channels, height and width of one image.
type ImageShape struct{ C, H, W int }

// Size is the length of an image's row: C·H·W.
func (s ImageShape) Size() int { return s.C * s.H * s.W }

// String formats the shape as C×H×W.
func (s ImageShape) String() string { return fmt.Sprintf("%d×%d×%d", s.C, s.H, s.W) }

// patchGrid describes the k×k patches of an image taken every stride pixels
// over a border of pad zeros: gridH×gridW patch positions.
type patchGrid struct {
	image               ImageShape
	k, stride, pad      int
	gridH, gridW        int
	patchLen, positions int // C·k·k values per patch; gridH·gridW positions
}

func newPatchGrid(image ImageShape, k, stride, pad int) patchGrid {
	g := patchGrid{image: image, k: k, stride: stride, pad: pad}
	g.gridH = (image.H+2*pad-k)/stride + 1
	g.gridW = (image.W+2*pad-k)/stride + 1
	g.patchLen = image.C * k * k
	g.positions = g.gridH * g.gridW
	return g
}

// unfold writes the patches of every image of x (batch, C·H·W) as columns
// of col (C·k·k, batch·positions): row (c, ky, kx), column (b, gy, gx) holds
// pixel (c, gy·stride−pad+ky, gx·stride−pad+kx) of image b, or 0 outside it.
func (g patchGrid) unfold(x *Mat, col []float32) {
	width := x.Rows * g.positions
	for c := range g.image.C {
		for ky := range g.k {
			for kx := range g.k {
				r := (c*g.k+ky)*g.k + kx
				dst := col[r*width : (r+1)*width]
				for b := range x.Rows {
					plane := x.Row(b)[c*g.image.H*g.image.W:]
					g.unfoldRow(plane, dst[b*g.positions:], ky, kx)
				}
			}
		}
	}
}

// unfoldRow copies kernel offset (ky, kx) of one image plane to dst, one
// value per patch position.
func (g patchGrid) unfoldRow(plane, dst []float32, ky, kx int) {
	h, w := g.image.H, g.image.W
	lo, hi := g.validRun(kx)
	offset := kx - g.pad // pixel column of patch column gx: gx·stride + offset
	for gy := range g.gridH {
		iy := gy*g.stride - g.pad + ky
		out := dst[gy*g.gridW : (gy+1)*g.gridW]
		if iy < 0 || iy >= h {
			clear(out)
			continue
		}
		src := plane[iy*w : (iy+1)*w]
		clear(out[:lo])
		clear(out[hi:])
		if g.stride == 1 {
			copy(out[lo:hi], src[lo+offset:])
			continue
		}
		for gx := lo; gx < hi; gx++ {
			out[gx] = src[gx*g.stride+offset]
		}
	}
}

// validRun returns the patch columns [lo, hi) whose pixel at kernel column
// kx lies inside the image: 0 ≤ gx·stride − pad + kx < W.
func (g patchGrid) validRun(kx int) (lo, hi int) {
	if first := g.pad - kx; first > 0 {
		lo = (first + g.stride - 1) / g.stride
	}
	if last := g.image.W - 1 + g.pad - kx; last >= 0 {
		hi = last/g.stride + 1
	}
	lo, hi = min(lo, g.gridW), min(hi, g.gridW)
	return lo, max(hi, lo)
}

// fold is unfold's adjoint: it adds every column value of col
// (C·k·k, batch·positions) to the pixel of x (batch, C·H·W) it came from.
// Pixels of several patches receive the sum of their values.
func (g patchGrid) fold(col []float32, x *Mat) {
	width := x.Rows * g.positions
	h, w := g.image.H, g.image.W
	for c := range g.image.C {
		for ky := range g.k {
			for kx := range g.k {
				r := (c*g.k+ky)*g.k + kx
				src := col[r*width : (r+1)*width]
				for b := range x.Rows {
					plane := x.Row(b)[c*h*w : (c+1)*h*w]
					g.foldRow(src[b*g.positions:], plane, ky, kx)
				}
			}
		}
	}
}

func (g patchGrid) foldRow(src, plane []float32, ky, kx int) {
	h, w := g.image.H, g.image.W
	lo, hi := g.validRun(kx)
	offset := kx - g.pad
	for gy := range g.gridH {
		iy := gy*g.stride - g.pad + ky
		if iy < 0 || iy >= h {
			continue
		}
		dst := plane[iy*w : (iy+1)*w]
		row := src[gy*g.gridW : (gy+1)*g.gridW]
		if g.stride == 1 {
			run := dst[lo+offset : hi+offset]
			for i, v := range row[lo:hi] {
				run[i] += v
			}
			continue
		}
		for gx := lo; gx < hi; gx++ {
			dst[gx*g.stride+offset] += row[gx]
		}
	}
}

// toChannelMajor rearranges x (batch, C·P) into dst (C, batch·P), so that a
// weight matrix can multiply every position of every image at once.
func toChannelMajor(x *Mat, channels, positions int, dst []float32) {
	width := x.Rows * positions
	for b := range x.Rows {
		row := x.Row(b)
		for c := range channels {
			copy(dst[c*width+b*positions:c*width+(b+1)*positions], row[c*positions:])
		}
	}
}

// fromChannelMajor is toChannelMajor's inverse, adding bias[c] (nil for
// none) to every value of channel c.
func fromChannelMajor(src []float32, channels, positions int, bias []float32, y *Mat) {
	width := y.Rows * positions
	for b := range y.Rows {
		row := y.Row(b)
		for c := range channels {
			in := src[c*width+b*positions : c*width+(b+1)*positions]
			out := row[c*positions : (c+1)*positions]
			if bias == nil {
				copy(out, in)
				continue
			}
			for i, v := range in {
				out[i] = v + bias[c]
			}
		}
	}
}

// addChannelSums adds the sum of channel c of every image of dy
// (batch, C·P) to db[c].
func addChannelSums(dy *Mat, channels, positions int, db []float32) {
	for b := range dy.Rows {
		row := dy.Row(b)
		for c := range channels {
			var sum float32
			for _, v := range row[c*positions : (c+1)*positions] {
				sum += v
			}
			db[c] += sum
		}
	}
}
