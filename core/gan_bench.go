package core

import (
	"context"
	"fmt"
	"time"
)

// GANBench is the adversarial pair of the gan scene, measured by `replab
// bench` as workload "gan-step": a generator of 32-dimensional codes,
// Dense → 32×6×6, then twice nearest ×2 upsampling and a 3×3 convolution
// (to 16×12×12, then 3×24×24), LeakyReLU(0.2) and PixelNorm between; a
// discriminator 3×24×24 → 8×12×12 → 16×6×6 → 1 by 4×4 stride-2
// convolutions; Adam (β1 = 0.5) for both, batch 32 in two shards.
var GANBench = struct {
	Name          string
	Latent, Batch int
}{Name: "gan-step", Latent: 32, Batch: 32}

// newGANBenchPair builds GANBench's networks and trainer.
func newGANBenchPair(seed uint64) *GANTrainer {
	rng := NewRNG(seed)
	coarse, mid := ImageShape{32, 6, 6}, ImageShape{16, 12, 12}
	gen := NewNetwork(rng, Dense(GANBench.Latent, coarse.Size()), LeakyReLU(0.2), PixelNorm(coarse),
		Upsample(coarse, 2), Conv(ImageShape{32, 12, 12}, 16, 3, 1, 1), LeakyReLU(0.2), PixelNorm(mid),
		Upsample(mid, 2), Conv(ImageShape{16, 24, 24}, 3, 3, 1, 1), Tanh())
	disc := NewNetwork(rng, Conv(ImageShape{3, 24, 24}, 8, 4, 2, 1), LeakyReLU(0.2),
		Conv(ImageShape{8, 12, 12}, 16, 4, 2, 1), LeakyReLU(0.2), Dense(16*6*6, 1))
	adam := func() Optimizer { return NewAdam(2e-4, 0.5, 0.999, 1e-8, 0) }
	t := NewGANTrainer(gen, disc, adam(), adam())
	t.Shards = 2
	return t
}

// ganBenchFLOPsPerSample counts the multiply-adds of one GAN step per
// sample of the batch, times two: the generator runs forward once and
// backward once (twice its forward), the discriminator forward and
// backward on real, generated and again generated samples (nine forwards).
func ganBenchFLOPsPerSample() float64 {
	genMACs := 32.0*32*36 + 144*(32*9)*16 + 576*(16*9)*3
	discMACs := 144.0*(3*16)*8 + 36*(8*16)*16 + 16*36
	return 2 * (3*genMACs + 9*discMACs)
}

// MeasureGANStep trains GANBench on random data for benchWarmupSteps
// steps, then for about duration, and reports samples (batch rows) per
// second and GFLOP/s.
func MeasureGANStep(ctx context.Context, duration time.Duration) (BenchResult, error) {
	pair := newGANBenchPair(1)
	rng := NewRNG(2)
	real, codes := NewMat(GANBench.Batch, 3*24*24), NewMat(GANBench.Batch, GANBench.Latent)
	for i := range real.Data {
		real.Data[i] = 2*rng.Float32() - 1
	}
	for i := range codes.Data {
		codes.Data[i] = float32(rng.NormFloat64())
	}
	step := func() error {
		_, err := pair.Step(ctx, real, codes)
		if err != nil {
			return fmt.Errorf("core: bench %s: %w", GANBench.Name, err)
		}
		return nil
	}
	for range benchWarmupSteps {
		if err := step(); err != nil {
			return BenchResult{}, err
		}
	}
	steps, start := 0, time.Now()
	for time.Since(start) < duration {
		if err := step(); err != nil {
			return BenchResult{}, err
		}
		steps++
	}
	secs := time.Since(start).Seconds()
	sps := float64(steps*GANBench.Batch) / secs
	return BenchResult{Workload: GANBench.Name, SamplesPerS: sps,
		GFLOPS: sps * ganBenchFLOPsPerSample() / 1e9, Workers: min(2, WorkerBudget()),
		StepsTimed: steps, SecondsTimed: secs}, nil
}
