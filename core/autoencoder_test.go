package core

import (
	"context"
	"math"
	"slices"
	"testing"
)

// latentData returns n points in (0, 1)^dim that lie near a 3-dimensional
// manifold: sigmoid(A·z) for z ~ N(0, I₃) and a fixed random A.
func latentData(seed uint64, n, dim int) *Mat {
	rng := NewRNG(seed)
	a := nnRandMat(rng, 3, dim, 1.5, 0)
	x := NewMat(n, dim)
	for i := range n {
		z := []float32{float32(rng.NormFloat64()), float32(rng.NormFloat64()), float32(rng.NormFloat64())}
		for j := range dim {
			x.Set(i, j, fastSigmoid(z[0]*a.At(0, j)+z[1]*a.At(1, j)+z[2]*a.At(2, j)))
		}
	}
	return x
}

// reconstructionFall is the least factor by which training must cut the
// reconstruction error of data that truly has a low-dimensional code.
const reconstructionFall = 0.5

func TestAutoencodersLearnToReconstruct(t *testing.T) {
	x := latentData(1, 256, 16)
	for _, corruption := range []float64{0, 0.25} {
		rng := NewRNG(2)
		cfg := AutoencoderConfig{Sizes: []int{16, 8, 4}, Hidden: ActTanh, Output: ActSigmoid,
			Corruption: corruption}
		ae, err := NewAutoencoder(rng, cfg, NewAdamDefault(0.01), TrainerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		before := ae.ReconstructionError(x)
		batches, _ := NewBatcher(rng, x, nil, 32)
		for range 400 {
			xb, _ := batches.Next()
			if _, err := ae.Step(context.Background(), xb); err != nil {
				t.Fatal(err)
			}
		}
		after := ae.ReconstructionError(x)
		t.Logf("corruption %v: reconstruction error %.4f → %.4f", corruption, before, after)
		if after > reconstructionFall*before {
			t.Errorf("corruption %v: reconstruction error %.4f → %.4f", corruption, before, after)
		}
		if code := ae.Encode(x); code.Rows != 256 || code.Cols != 4 {
			t.Errorf("code shape (%d,%d), want (256,4)", code.Rows, code.Cols)
		}
	}
}

func TestMaskingZeroesTheRequestedFraction(t *testing.T) {
	const p, n = 0.3, 20000
	x := NewMat(1, n)
	for i := range x.Data {
		x.Data[i] = 1
	}
	noisy := NewMat(1, n)
	maskInto(noisy, x, p, NewRNG(3))
	zeros := 0
	for _, v := range noisy.Data {
		if v == 0 {
			zeros++
		}
	}
	sd := math.Sqrt(p * (1 - p) / n)
	if got := float64(zeros) / n; math.Abs(got-p) > 5*sd {
		t.Errorf("masked fraction %.4f, want %.2f ± %.4f", got, p, 5*sd)
	}
}

func TestAutoencoderRejectsBadConfig(t *testing.T) {
	bad := []AutoencoderConfig{
		{Sizes: []int{8}},
		{Sizes: []int{8, 0}},
		{Sizes: []int{8, 4}, Corruption: 1},
		{Sizes: []int{8, 4}, Corruption: math.NaN()},
	}
	for _, cfg := range bad {
		if _, err := NewAutoencoder(NewRNG(1), cfg, NewAdamDefault(0.01), TrainerOptions{}); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}

func TestBatcherCoversEveryRowOncePerEpoch(t *testing.T) {
	x := NewMat(10, 1)
	for i := range 10 {
		x.Set(i, 0, float32(i))
	}
	b, err := NewBatcher(NewRNG(1), x, x, 5)
	if err != nil {
		t.Fatal(err)
	}
	var seen []float32
	for range 2 {
		xb, yb := b.Next()
		if !slices.Equal(xb.Data, yb.Data) {
			t.Fatal("inputs and targets out of step")
		}
		seen = append(seen, xb.Data...)
	}
	slices.Sort(seen)
	for i, v := range seen {
		if v != float32(i) {
			t.Fatalf("epoch drew %v", seen)
		}
	}
	if _, err := NewBatcher(NewRNG(1), x, nil, 11); err == nil {
		t.Error("a batch larger than the data was accepted")
	}
}
