package core

import (
	"context"
	"errors"
	"math"
	"testing"
)

// toyGAN is a generator of 1-D samples (an affine map of a 2-D code)
// against a small discriminator; real samples are N(realMean, 0.5²).
func toyGAN(seed uint64) *GANTrainer {
	rng := NewRNG(seed)
	gen := NewNetwork(rng, Dense(2, 1))
	disc := NewNetwork(rng, Dense(1, 16), LeakyReLU(0.2), Dense(16, 1))
	return NewGANTrainer(gen, disc, NewAdam(0.02, 0.5, 0.999, 1e-8, 0),
		NewAdam(0.02, 0.5, 0.999, 1e-8, 0))
}

const realMean = 3.0

func toyBatch(seed uint64, step, batch int) (real, codes *Mat) {
	rng := NewRNG(seed*7919 + uint64(step))
	real, codes = NewMat(batch, 1), NewMat(batch, 2)
	for i := range batch {
		real.Data[i] = float32(realMean + 0.5*rng.NormFloat64())
		codes.Data[2*i], codes.Data[2*i+1] = float32(rng.NormFloat64()), float32(rng.NormFloat64())
	}
	return real, codes
}

func runToyGAN(t *testing.T, seed uint64, steps int) (*GANTrainer, []GANLosses) {
	t.Helper()
	g := toyGAN(seed)
	var history []GANLosses
	for step := range steps {
		real, codes := toyBatch(seed, step, 128)
		l, err := g.Step(context.Background(), real, codes)
		if err != nil {
			t.Fatal(err)
		}
		history = append(history, l)
	}
	return g, history
}

func TestGANGeneratorMovesToTheData(t *testing.T) {
	const steps, tolerance = 400, 0.5
	g, _ := runToyGAN(t, 1, steps)
	_, codes := toyBatch(99, 0, 2000)
	out := g.Gen.Predict(codes)
	var mean float64
	for _, v := range out.Data {
		mean += float64(v)
	}
	mean /= float64(out.Rows)
	if math.Abs(mean-realMean) > tolerance {
		t.Errorf("generated mean %.3f after %d steps, want %.1f±%.1f", mean, steps, realMean, tolerance)
	}
}

func TestGANSameNumbersForAnyWorkerCount(t *testing.T) {
	defer SetWorkerBudget(WorkerBudget())
	var runs [][]GANLosses
	for _, workers := range []int{1, 3} {
		SetWorkerBudget(workers)
		_, h := runToyGAN(t, 2, 20)
		runs = append(runs, h)
	}
	for i := range runs[0] {
		if runs[0][i] != runs[1][i] {
			t.Fatalf("step %d: losses %+v with 1 worker, %+v with 3", i, runs[0][i], runs[1][i])
		}
	}
}

func TestGANReportsDivergence(t *testing.T) {
	g := toyGAN(3)
	real, codes := toyBatch(3, 0, 64)
	real.Data[5] = float32(math.NaN())
	before := append([]float32(nil), g.Disc.Params()...)
	if _, err := g.Step(context.Background(), real, codes); !errors.Is(err, ErrDiverged) {
		t.Fatalf("NaN in the data gave %v, want ErrDiverged", err)
	}
	for i, v := range g.Disc.Params() {
		if v != before[i] {
			t.Fatal("the discriminator was updated by a diverged step")
		}
	}
}

func TestGANRejectsMismatchedBatch(t *testing.T) {
	g := toyGAN(4)
	real, _ := toyBatch(4, 0, 8)
	if _, err := g.Step(context.Background(), real, NewMat(7, 2)); err == nil {
		t.Error("8 real samples with 7 codes: no error")
	}
}

// The gan scene's step: GANBench, batch 32.
func BenchmarkGANStep(b *testing.B) {
	g := newGANBenchPair(5)
	rng := NewRNG(6)
	real := randomMat(rng, GANBench.Batch, 3*24*24)
	codes := randomMat(rng, GANBench.Batch, GANBench.Latent)
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.Step(context.Background(), real, codes); err != nil {
			b.Fatal(err)
		}
	}
}
