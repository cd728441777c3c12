package core

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

type convCase struct {
	in                   ImageShape
	outC, k, stride, pad int
}

var convCases = []convCase{
	{ImageShape{2, 5, 5}, 3, 3, 1, 1},
	{ImageShape{3, 6, 6}, 2, 4, 2, 1},
	{ImageShape{1, 7, 5}, 2, 3, 2, 0},
	{ImageShape{4, 3, 3}, 2, 4, 2, 1},
	{ImageShape{2, 7, 6}, 2, 3, 3, 2},
	{ImageShape{1, 4, 9}, 1, 5, 1, 3},
}

func (c convCase) String() string {
	return fmt.Sprintf("%v→%d k%d s%d p%d", c.in, c.outC, c.k, c.stride, c.pad)
}

func randomMat(rng *rand.Rand, rows, cols int) *Mat {
	m := NewMat(rows, cols)
	for i := range m.Data {
		m.Data[i] = float32(2*rng.Float64() - 1)
	}
	return m
}

// naiveConv is the convolution written as its definition, one sum per
// output value.
func naiveConv(c convCase, x *Mat, w []float32, bias []float32) *Mat {
	g := newPatchGrid(c.in, c.k, c.stride, c.pad)
	y := NewMat(x.Rows, c.outC*g.positions)
	for b := range x.Rows {
		for o := range c.outC {
			for gy := range g.gridH {
				for gx := range g.gridW {
					sum := float64(bias[o])
					for ch := range c.in.C {
						for ky := range c.k {
							for kx := range c.k {
								iy, ix := gy*c.stride-c.pad+ky, gx*c.stride-c.pad+kx
								if iy < 0 || iy >= c.in.H || ix < 0 || ix >= c.in.W {
									continue
								}
								wv := w[o*g.patchLen+(ch*c.k+ky)*c.k+kx]
								sum += float64(wv * x.At(b, (ch*c.in.H+iy)*c.in.W+ix))
							}
						}
					}
					y.Set(b, (o*g.gridH+gy)*g.gridW+gx, float32(sum))
				}
			}
		}
	}
	return y
}

func TestConvMatchesDefinition(t *testing.T) {
	const tolerance = 1e-5
	rng := NewRNG(1)
	for _, c := range convCases {
		layer := Conv(c.in, c.outC, c.k, c.stride, c.pad)
		out, np := layer.Shape(c.in.Size())
		params := randomMat(rng, 1, np).Data
		x := randomMat(rng, 3, c.in.Size())
		y := NewMat(3, out)
		layer.Forward(x, y, params, &Scratch{})
		want := naiveConv(c, x, params, params[np-c.outC:])
		if d := maxAbsDiff(y, want); d > tolerance {
			t.Errorf("%v: forward differs from the definition by %g", c, d)
		}
	}
}

// TestConvTransposeIsAdjoint checks ⟨Conv(x), y⟩ = ⟨x, ConvTranspose(y)⟩
// for the same filters and no biases, which defines the transposed
// convolution.
func TestConvTransposeIsAdjoint(t *testing.T) {
	const tolerance = 1e-4
	rng := NewRNG(2)
	for _, c := range convCases {
		conv := Conv(c.in, c.outC, c.k, c.stride, c.pad).(convLayer)
		outShape := conv.OutShape()
		tconv := ConvTranspose(outShape, c.in.C, c.k, c.stride, c.pad)
		if got, _ := tconv.Shape(outShape.Size()); got != c.in.Size() {
			continue // the convolution dropped a border that its transpose cannot restore
		}
		_, np := conv.Shape(c.in.Size())
		nw := np - c.outC
		convParams := append(randomMat(rng, 1, nw).Data, make([]float32, c.outC)...)
		tconvParams := append(append([]float32{}, convParams[:nw]...), make([]float32, c.in.C)...)
		x, y := randomMat(rng, 2, c.in.Size()), randomMat(rng, 2, outShape.Size())
		cx, ty := NewMat(2, outShape.Size()), NewMat(2, c.in.Size())
		conv.Forward(x, cx, convParams, &Scratch{})
		tconv.Forward(y, ty, tconvParams, &Scratch{})
		left, right := dot(cx, y), dot(x, ty)
		if math.Abs(left-right) > tolerance*(1+math.Abs(left)) {
			t.Errorf("%v: ⟨Conv x, y⟩ = %g but ⟨x, ConvT y⟩ = %g", c, left, right)
		}
	}
}

func TestConvGradients(t *testing.T) {
	for _, c := range convCases {
		t.Run("conv "+c.String(), func(t *testing.T) {
			checkLayerGradients(t, Conv(c.in, c.outC, c.k, c.stride, c.pad), c.in.Size())
		})
		t.Run("transpose "+c.String(), func(t *testing.T) {
			checkLayerGradients(t, ConvTranspose(c.in, c.outC, c.k, c.stride, c.pad), c.in.Size())
		})
	}
}

// checkLayerGradients compares Backward with central differences of the
// loss L = Σ r⊙y for a fixed random r, for every parameter and input.
func checkLayerGradients(t *testing.T, layer Layer, in int) {
	t.Helper()
	const step, tolerance = 1e-2, 2e-3
	rng := NewRNG(3)
	out, np := layer.Shape(in)
	params := randomMat(rng, 1, np).Data
	x, r := randomMat(rng, 2, in), randomMat(rng, 2, out)
	loss := func() float64 {
		y := NewMat(2, out)
		layer.Forward(x, y, params, &Scratch{})
		return dot(y, r)
	}
	s := &Scratch{}
	y, dx, grads := NewMat(2, out), NewMat(2, in), make([]float32, np)
	layer.Forward(x, y, params, s)
	layer.Backward(x, y, r, dx, params, grads, s)
	check := func(what string, values, analytic []float32) {
		for i := range values {
			keep := values[i]
			values[i] = keep + step
			up := loss()
			values[i] = keep - step
			down := loss()
			values[i] = keep
			numeric := (up - down) / (2 * step)
			if math.Abs(numeric-float64(analytic[i])) > tolerance*(1+math.Abs(numeric)) {
				t.Errorf("%s[%d]: backward %g, finite difference %g", what, i, analytic[i], numeric)
				return
			}
		}
	}
	check("∂L/∂θ", params, grads)
	check("∂L/∂x", x.Data, dx.Data)
}

func dot(a, b *Mat) float64 {
	var sum float64
	for i := range a.Rows {
		for j, v := range a.Row(i) {
			sum += float64(v) * float64(b.At(i, j))
		}
	}
	return sum
}

func maxAbsDiff(a, b *Mat) float64 {
	var worst float64
	for i := range a.Rows {
		for j, v := range a.Row(i) {
			worst = max(worst, math.Abs(float64(v-b.At(i, j))))
		}
	}
	return worst
}

func TestConvPanicsOnBadGeometry(t *testing.T) {
	bad := map[string]func(){
		"kernel larger than padded image": func() { Conv(ImageShape{1, 2, 2}, 1, 5, 1, 0) },
		"zero stride":                     func() { Conv(ImageShape{1, 4, 4}, 1, 3, 0, 0) },
		"transpose pad ≥ k":               func() { ConvTranspose(ImageShape{1, 4, 4}, 1, 2, 2, 2) },
		"wrong input width":               func() { Conv(ImageShape{1, 4, 4}, 1, 3, 1, 1).Shape(15) },
	}
	for name, f := range bad {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// The layers of the gan scene's discriminator and generator, batch 32.
func BenchmarkConvForwardBackward(b *testing.B) {
	layer := Conv(ImageShape{8, 12, 12}, 16, 4, 2, 1)
	benchmarkLayer(b, layer, ImageShape{8, 12, 12}.Size(), 32)
}

func BenchmarkConvTransposeForwardBackward(b *testing.B) {
	layer := ConvTranspose(ImageShape{32, 6, 6}, 16, 4, 2, 1)
	benchmarkLayer(b, layer, ImageShape{32, 6, 6}.Size(), 32)
}

func benchmarkLayer(b *testing.B, layer Layer, in, batch int) {
	rng := NewRNG(4)
	out, np := layer.Shape(in)
	params, grads := randomMat(rng, 1, np).Data, make([]float32, np)
	x, y := randomMat(rng, batch, in), NewMat(batch, out)
	dy, dx := randomMat(rng, batch, out), NewMat(batch, in)
	s := &Scratch{}
	b.ResetTimer()
	for b.Loop() {
		layer.Forward(x, y, params, s)
		layer.Backward(x, y, dy, dx, params, grads, s)
	}
}

func TestPixelNormAndUpsampleGradients(t *testing.T) {
	shapes := []ImageShape{{3, 2, 2}, {4, 3, 5}, {1, 2, 3}}
	for _, s := range shapes {
		t.Run("pixelnorm "+s.String(), func(t *testing.T) {
			checkLayerGradients(t, PixelNorm(s), s.Size())
		})
		for _, f := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("upsample ×%d %v", f, s), func(t *testing.T) {
				checkLayerGradients(t, Upsample(s, f), s.Size())
			})
		}
	}
}

func TestPixelNormGivesUnitRMS(t *testing.T) {
	const tolerance = 1e-5
	s := ImageShape{5, 3, 2}
	x, y := randomMat(NewRNG(6), 2, s.Size()), NewMat(2, s.Size())
	PixelNorm(s).Forward(x, y, nil, &Scratch{})
	plane := s.H * s.W
	for b := range 2 {
		for p := range plane {
			var sq float64
			for c := range s.C {
				sq += float64(y.At(b, c*plane+p) * y.At(b, c*plane+p))
			}
			if math.Abs(sq/float64(s.C)-1) > tolerance {
				t.Errorf("image %d pixel %d: mean square %g, want 1", b, p, sq/float64(s.C))
			}
		}
	}
}

func TestUpsampleRepeatsPixels(t *testing.T) {
	x := MatFrom(1, 4, []float32{1, 2, 3, 4}) // one channel, 2×2
	y := NewMat(1, 16)
	Upsample(ImageShape{1, 2, 2}, 2).Forward(x, y, nil, &Scratch{})
	want := []float32{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}
	for i, v := range want {
		if y.Data[i] != v {
			t.Fatalf("upsampled %v, want %v", y.Data, want)
		}
	}
}

func BenchmarkPixelNormForwardBackward(b *testing.B) {
	benchmarkLayer(b, PixelNorm(ImageShape{32, 6, 6}), ImageShape{32, 6, 6}.Size(), 32)
}

func BenchmarkUpsampleForwardBackward(b *testing.B) {
	benchmarkLayer(b, Upsample(ImageShape{16, 12, 12}, 2), ImageShape{16, 12, 12}.Size(), 32)
}
