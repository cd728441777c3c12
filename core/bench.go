package core

import (
	"context"
	"fmt"
	"time"
)

// BenchWorkload is a named training-throughput workload: an MLP with ReLU
// hidden layers trained on random data, mirroring one workload of the
// PyTorch anchor (shared/anchors/torch_mlp.py) in sizes, batch, loss and
// optimiser, so that samples per second can be compared directly.
type BenchWorkload struct {
	Name  string
	Sizes []int // layer widths, input first
	Batch int
	Loss  string // "ce" (softmax cross-entropy on logits), "mse" or "bce" (both after a sigmoid)
	Optim string // "sgd" (lr 0.01, momentum 0.9) or "adam" (lr 1e-3)
}

// BenchWorkloads are the workloads of `replab bench`, in the anchor's order.
var BenchWorkloads = []BenchWorkload{
	{Name: "digits-mlp", Sizes: []int{64, 128, 128, 10}, Batch: 64, Loss: "ce", Optim: "sgd"},
	{Name: "autoencoder", Sizes: []int{256, 64, 256}, Batch: 32, Loss: "mse", Optim: "adam"},
	{Name: "mnist-mlp", Sizes: []int{784, 512, 512, 10}, Batch: 256, Loss: "ce", Optim: "sgd"},
	{Name: "gan-discriminator", Sizes: []int{256, 256, 256, 1}, Batch: 64, Loss: "bce", Optim: "adam"},
}

// FLOPsPerSample returns the floating-point operations of one training
// sample as the anchor counts them: 6 per multiply-add of the Dense layers
// (2 forward, 4 backward).
func (w BenchWorkload) FLOPsPerSample() float64 {
	macs := 0
	for i := 0; i+1 < len(w.Sizes); i++ {
		macs += w.Sizes[i] * w.Sizes[i+1]
	}
	return 6 * float64(macs)
}

// BenchRun is a workload ready to step: network, trainer and 16 batches of
// seeded random data cycled through, as in the anchor.
type BenchRun struct {
	Workload BenchWorkload
	Trainer  *Trainer
	x, y     *Mat
	next     int
}

// NewRun builds the workload's network and data from seed.
func (w BenchWorkload) NewRun(seed uint64, opts TrainerOptions) *BenchRun {
	rng := NewRNG(seed)
	output, loss := ActIdentity, Loss(SoftmaxCrossEntropy{})
	switch w.Loss {
	case "mse":
		output, loss = ActSigmoid, MSE{}
	case "bce":
		output, loss = ActSigmoid, BCE{}
	}
	net := NewMLP(rng, w.Sizes, ActReLU, output)
	var opt Optimizer = NewSGD(0.01, 0.9, 0)
	if w.Optim == "adam" {
		opt = NewAdamDefault(1e-3)
	}
	rows := 16 * w.Batch
	x := NewMat(rows, w.Sizes[0])
	for i := range x.Data {
		x.Data[i] = rng.Float32()
	}
	y := x
	if w.Loss != "mse" {
		y = NewMat(rows, 1)
		for i := range y.Data {
			y.Data[i] = float32(rng.IntN(max(w.Sizes[len(w.Sizes)-1], 2)))
		}
	}
	return &BenchRun{Workload: w, Trainer: NewTrainer(net, loss, opt, opts), x: x, y: y}
}

// Step trains on the next of the 16 batches.
func (r *BenchRun) Step(ctx context.Context) error {
	b := r.Workload.Batch
	s := (r.next % 16) * b
	r.next++
	x, y := rowView(r.x, s, s+b), rowView(r.y, s, s+b)
	_, err := r.Trainer.Step(ctx, &x, &y)
	return err
}

// Workers returns the goroutines a step of this run may use: the shard
// count capped by the trainer's worker option and the budget.
func (r *BenchRun) Workers() int {
	shards := r.Trainer.opts.Shards
	if shards <= 0 {
		shards = AutoShards(r.Workload.Batch)
	}
	workers := r.Trainer.opts.Workers
	if workers <= 0 {
		workers = WorkerBudget()
	}
	return min(shards, workers, WorkerBudget())
}

// BenchResult is one line of `replab bench`.
type BenchResult struct {
	Workload     string  `json:"workload"`
	SamplesPerS  float64 `json:"samples_per_s"`
	GFLOPS       float64 `json:"gflops"`
	Workers      int     `json:"workers"`
	StepsTimed   int     `json:"-"`
	SecondsTimed float64 `json:"-"`
}

// benchWarmupSteps matches the anchor's warm-up.
const benchWarmupSteps = 50

// MeasureWorkload trains w for benchWarmupSteps, then for about duration,
// and reports its throughput.
func MeasureWorkload(ctx context.Context, w BenchWorkload, duration time.Duration,
	opts TrainerOptions) (BenchResult, error) {
	run := w.NewRun(1, opts)
	for range benchWarmupSteps {
		if err := run.Step(ctx); err != nil {
			return BenchResult{}, fmt.Errorf("core: bench %s: %w", w.Name, err)
		}
	}
	steps, start := 0, time.Now()
	for time.Since(start) < duration {
		if err := run.Step(ctx); err != nil {
			return BenchResult{}, fmt.Errorf("core: bench %s: %w", w.Name, err)
		}
		steps++
	}
	secs := time.Since(start).Seconds()
	sps := float64(steps*w.Batch) / secs
	return BenchResult{Workload: w.Name, SamplesPerS: sps, GFLOPS: sps * w.FLOPsPerSample() / 1e9,
		Workers: run.Workers(), StepsTimed: steps, SecondsTimed: secs}, nil
}

// MeasureGemm times Gemm on n×n matrices for about duration after one
// warm-up call and reports GFLOP/s (2n³ per product) as workload
// "gemm-N". Gemm runs on the calling goroutine.
func MeasureGemm(ctx context.Context, n int, duration time.Duration) (BenchResult, error) {
	rng := NewRNG(2)
	a, b, c := NewMat(n, n), NewMat(n, n), NewMat(n, n)
	for i := range a.Data {
		a.Data[i], b.Data[i] = rng.Float32(), rng.Float32()
	}
	Gemm(false, false, 1, a, b, 0, c)
	calls, start := 0, time.Now()
	for time.Since(start) < duration {
		if err := ctx.Err(); err != nil {
			return BenchResult{}, err
		}
		Gemm(false, false, 1, a, b, 0, c)
		calls++
	}
	secs := time.Since(start).Seconds()
	return BenchResult{Workload: fmt.Sprintf("gemm-%d", n), Workers: 1, StepsTimed: calls,
		GFLOPS:      2 * float64(n) * float64(n) * float64(n) * float64(calls) / secs / 1e9,
		SamplesPerS: 0, SecondsTimed: secs}, nil
}
