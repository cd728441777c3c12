package core

import (
	"context"
	"fmt"
	"testing"
)

// Benchmarks of every network kernel at the sizes of the bench workloads.
// Run with -benchtime=200ms on a shared machine; compare ratios.

const benchBatch = 64

func BenchmarkLayerForwardBackward(b *testing.B) {
	cases := []struct {
		name  string
		layer Layer
		in    int
	}{
		{"dense-256x256", Dense(256, 256), 256},
		{"relu-256", ReLU(), 256},
		{"leaky-relu-256", LeakyReLU(0.2), 256},
		{"tanh-256", Tanh(), 256},
		{"sigmoid-256", Sigmoid(), 256},
		{"softmax-10", Softmax(), 10},
		{"dropout-256", Dropout(0.5), 256},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			rng := NewRNG(1)
			out, np := c.layer.Shape(c.in)
			params := nnRandMat(rng, 1, np, 0.1, 0).Data
			grads := make([]float32, np)
			x, y := nnRandMat(rng, benchBatch, c.in, 1, 0), NewMat(benchBatch, out)
			dy, dx := nnRandMat(rng, benchBatch, out, 1, 0), NewMat(benchBatch, c.in)
			s := &Scratch{Train: true, RNG: rng}
			b.ReportAllocs()
			for b.Loop() {
				c.layer.Forward(x, y, params, s)
				c.layer.Backward(x, y, dy, dx, params, grads, s)
			}
		})
	}
}

func BenchmarkLoss(b *testing.B) {
	rng := NewRNG(1)
	labels := NewMat(benchBatch, 1)
	for i := range labels.Data {
		labels.Data[i] = float32(rng.IntN(10))
	}
	probs := nnRandMat(rng, benchBatch, 256, 0.4, 0)
	for i := range probs.Data {
		probs.Data[i] += 0.5
	}
	cases := []struct {
		name         string
		loss         Loss
		pred, target *Mat
	}{
		{"mse-256", MSE{}, probs, probs},
		{"bce-256", BCE{}, probs, probs},
		{"bce-logits-256", BCELogits{}, probs, probs},
		{"softmax-ce-10", SoftmaxCrossEntropy{}, nnRandMat(rng, benchBatch, 10, 2, 0), labels},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			grad := NewMat(c.pred.Rows, c.pred.Cols)
			b.ReportAllocs()
			for b.Loop() {
				MeanLoss(c.loss, c.pred, c.target, grad)
			}
		})
	}
}

func BenchmarkOptimizerStep(b *testing.B) {
	const n = 131_585 // the gan-discriminator's parameters
	for _, opt := range []Optimizer{NewSGD(0.01, 0.9, 1e-4), NewAdamDefault(1e-3)} {
		b.Run(fmt.Sprintf("%T", opt), func(b *testing.B) {
			params, grads := make([]float32, n), make([]float32, n)
			for i := range grads {
				grads[i] = float32(i%7) - 3
			}
			b.SetBytes(4 * n)
			for b.Loop() {
				opt.Step(params, grads)
			}
		})
	}
}

// BenchmarkTrainStep is one training step of each `replab bench` workload;
// samples/s = batch / (ns/op) · 1e9.
func BenchmarkTrainStep(b *testing.B) {
	for _, w := range BenchWorkloads {
		b.Run(w.Name, func(b *testing.B) {
			run := w.NewRun(1, TrainerOptions{})
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := run.Step(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w.Batch)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}

func BenchmarkPredict(b *testing.B) {
	run := BenchWorkloads[0].NewRun(1, TrainerOptions{})
	x := nnRandMat(NewRNG(1), benchBatch, run.Workload.Sizes[0], 1, 0)
	b.ReportAllocs()
	for b.Loop() {
		run.Trainer.Net.Predict(x)
	}
}

func BenchmarkParallelOverhead(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		Parallel(ctx, 4, func(int) error { return nil })
	}
}

func BenchmarkElementwiseKernels(b *testing.B) {
	const n = 131_584
	v := nnRandMat(NewRNG(1), 1, n, 1, 0).Data
	w := nnRandMat(NewRNG(2), 1, n, 1, 0).Data
	b.Run("allFinite", func(b *testing.B) {
		b.SetBytes(4 * n)
		for b.Loop() {
			AllFinite(v)
		}
	})
	b.Run("addTo", func(b *testing.B) {
		b.SetBytes(4 * n)
		for b.Loop() {
			addTo(w, v)
		}
	})
	b.Run("fastExp", func(b *testing.B) {
		b.SetBytes(4 * 1024)
		for b.Loop() {
			for _, x := range v[:1024] {
				w[0] += fastExp(x)
			}
		}
	})
}

func BenchmarkAutoencoderStep(b *testing.B) {
	x := latentData(1, 256, 64)
	cfg := AutoencoderConfig{Sizes: []int{64, 32, 8}, Hidden: ActTanh, Output: ActSigmoid,
		Corruption: 0.2}
	ae, err := NewAutoencoder(NewRNG(1), cfg, NewAdamDefault(1e-3), TrainerOptions{})
	if err != nil {
		b.Fatal(err)
	}
	batches, _ := NewBatcher(NewRNG(2), x, nil, 32)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		xb, _ := batches.Next()
		if _, err := ae.Step(ctx, xb); err != nil {
			b.Fatal(err)
		}
	}
}
