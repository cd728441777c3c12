package gan

import (
	"math/rand/v2"

	"replab/core"
)

// facePool is a fixed set of rendered faces, stored in [−1, 1] (the range
// of the generator's tanh), one per row, with their attributes.
type facePool struct {
	images *core.Mat
	attrs  []Attrs
}

func newFacePool(rng *rand.Rand, n int) facePool {
	p := facePool{images: core.NewMat(n, FacePixels), attrs: make([]Attrs, n)}
	for i := range n {
		f := NewFace(rng)
		p.attrs[i] = f.Attrs
		row := p.images.Row(i)
		for j, v := range f.Pixels {
			row[j] = 2*v - 1
		}
	}
	return p
}

// size returns the number of faces.
func (p facePool) size() int {
	if p.images == nil {
		return 0
	}
	return p.images.Rows
}

// batch copies n random faces into x (n, FacePixels) and returns their
// indices.
func (p facePool) batch(rng *rand.Rand, x *core.Mat) []int {
	picks := make([]int, x.Rows)
	for i := range x.Rows {
		picks[i] = rng.IntN(p.size())
		copy(x.Row(i), p.images.Row(picks[i]))
	}
	return picks
}

// Superpositions the realness judge learns to reject: the mean of two or
// three faces, or a − b + c clipped to the pixel range.
const (
	superMean2 = iota
	superMean3
	superAddSub
	superKinds
)

// superpose writes a superposition of random faces of the pool into dst.
func (p facePool) superpose(rng *rand.Rand, kind int, dst []float32) {
	a, b, c := p.images.Row(rng.IntN(p.size())), p.images.Row(rng.IntN(p.size())),
		p.images.Row(rng.IntN(p.size()))
	for j := range dst {
		switch kind {
		case superMean2:
			dst[j] = (a[j] + b[j]) / 2
		case superMean3:
			dst[j] = (a[j] + b[j] + c[j]) / 3
		default:
			dst[j] = clampUnit(a[j] - b[j] + c[j])
		}
	}
}

// clampUnit clips a pixel value to [−1, 1].
func clampUnit(v float32) float32 { return min(max(v, -1), 1) }

// attrVector is the classifier's target for a face: woman, glasses, smile,
// beard, each 0 or 1.
func attrVector(a Attrs) [numAttrs]float32 {
	return [numAttrs]float32{b32(a.Woman), b32(a.Glasses), b32(a.Smile), b32(a.Beard)}
}

// The attributes the classifier predicts, in the order of its outputs.
const (
	attrWoman = iota
	attrGlasses
	attrSmile
	attrBeard
	numAttrs
)

// attrNames are the attributes' names in metrics, in output order.
var attrNames = [numAttrs]string{"woman", "glasses", "smile", "beard"}

func b32(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

// append returns the faces of p followed by those of q.
func (p facePool) append(q facePool) facePool {
	if p.images == nil {
		return q
	}
	images := core.NewMat(p.size()+q.size(), FacePixels)
	copy(images.Data, p.images.Data)
	copy(images.Data[len(p.images.Data):], q.images.Data)
	return facePool{images: images, attrs: append(append([]Attrs(nil), p.attrs...), q.attrs...)}
}
