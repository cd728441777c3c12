package core

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// blobTask returns n points of 4 features in 3 well-separated classes, with
// labels as a (n, 1) matrix.
func blobTask(seed uint64, n int) (x, labels *Mat) {
	rng := NewRNG(seed)
	x, labels = NewMat(n, 4), NewMat(n, 1)
	for i := range n {
		c := rng.IntN(3)
		labels.Set(i, 0, float32(c))
		for j := range 4 {
			centre := float32(0)
			if j == c {
				centre = 3
			}
			x.Set(i, j, centre+float32(rng.NormFloat64()))
		}
	}
	return x, labels
}

// trainLosses trains a dropout network with hidden width units for steps
// and returns its losses and final parameters.
func trainLosses(t *testing.T, hidden, workers, steps int, opt Optimizer) ([]float64, []float32) {
	t.Helper()
	net := NewNetwork(NewRNG(3), Dense(4, hidden), Tanh(), Dropout(0.2), Dense(hidden, hidden),
		ReLU(), Dense(hidden, 3))
	tr := NewTrainer(net, SoftmaxCrossEntropy{}, opt,
		TrainerOptions{Shards: 4, Workers: workers, Seed: 7})
	x, y := blobTask(1, 64)
	var losses []float64
	for range steps {
		loss, err := tr.Step(context.Background(), x, y)
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, loss)
	}
	return losses, net.Params()
}

func TestTrainingIsBitIdenticalAcrossWorkerCounts(t *testing.T) {
	defer SetWorkerBudget(WorkerBudget())
	SetWorkerBudget(8)
	// 16 hidden units: one update chunk; 190: over parallelUpdateMin
	// parameters, so the update is split into as many chunks as workers.
	for _, hidden := range []int{16, 190} {
		newOpt := func() Optimizer { return NewSGD(0.05, 0.9, 1e-4) }
		if hidden > 16 {
			newOpt = func() Optimizer { return NewAdam(0.003, 0.9, 0.999, 1e-8, 1e-4) }
		}
		wantLoss, wantParams := trainLosses(t, hidden, 1, 30, newOpt())
		for _, workers := range []int{2, 8} {
			losses, params := trainLosses(t, hidden, workers, 30, newOpt())
			if !slices.Equal(losses, wantLoss) || !slices.Equal(params, wantParams) {
				t.Errorf("hidden %d: %d workers differ from 1 worker", hidden, workers)
			}
		}
		if last := wantLoss[len(wantLoss)-1]; last > 0.5*wantLoss[0] {
			t.Errorf("hidden %d: loss went from %.3f to %.3f: not learning", hidden, wantLoss[0], last)
		}
	}
}

func TestDivergenceIsReportedWithItsStep(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{4, 8, 1}, ActReLU, ActIdentity)
	tr := NewTrainer(net, MSE{}, NewSGD(50, 0, 0), TrainerOptions{})
	x, _ := blobTask(2, 32)
	y := NewMat(32, 1)
	var err error
	for range 100 {
		before := slices.Clone(net.Params())
		if _, err = tr.Step(context.Background(), x, y); err != nil {
			if !slices.Equal(before, net.Params()) {
				t.Error("a diverged step changed the parameters")
			}
			break
		}
	}
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("learning rate 50 gave %v, want ErrDiverged", err)
	}
	if !strings.Contains(err.Error(), "step ") {
		t.Errorf("error %q does not name the step", err)
	}
}

func TestNaNInputDivergesAtFirstStep(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{2, 3, 1}, ActTanh, ActSigmoid)
	tr := NewTrainer(net, BCE{}, NewAdamDefault(0.01), TrainerOptions{})
	x := MatFrom(2, 2, []float32{1, float32(math.NaN()), 0, 1})
	_, err := tr.Step(context.Background(), x, MatFrom(2, 1, []float32{1, 0}))
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "step 1") {
		t.Errorf("NaN input gave %v, want divergence at step 1", err)
	}
}

func TestCancelledStepChangesNothing(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{4, 8, 3}, ActReLU, ActIdentity)
	tr := NewTrainer(net, SoftmaxCrossEntropy{}, NewSGD(0.1, 0, 0), TrainerOptions{})
	x, y := blobTask(3, 16)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := slices.Clone(net.Params())
	if _, err := tr.Step(ctx, x, y); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled step returned %v", err)
	}
	if !slices.Equal(before, net.Params()) || tr.Steps() != 0 {
		t.Error("cancelled step changed the network")
	}
}

func TestStepRejectsMismatchedBatch(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{4, 3}, ActIdentity, ActIdentity)
	tr := NewTrainer(net, MSE{}, NewSGD(0.1, 0, 0), TrainerOptions{})
	if _, err := tr.Step(context.Background(), NewMat(2, 5), NewMat(2, 3)); err == nil {
		t.Error("5 inputs to a 4-input network gave no error")
	}
}

func TestSteadyStepDoesNotAllocateBuffers(t *testing.T) {
	if raceEnabled {
		t.Skip("-race instrumentation allocates")
	}
	net := NewMLP(NewRNG(1), []int{8, 16, 4}, ActReLU, ActIdentity)
	tr := NewTrainer(net, SoftmaxCrossEntropy{}, NewSGD(0.1, 0.9, 0),
		TrainerOptions{Shards: 1, Workers: 1})
	x := nnRandMat(NewRNG(2), 32, 8, 1, 0)
	y := NewMat(32, 1)
	ctx := context.Background()
	tr.Step(ctx, x, y)
	allocs := testing.AllocsPerRun(20, func() { tr.Step(ctx, x, y) })
	if allocs > 0 {
		t.Errorf("a steady single-shard step allocates %.0f times", allocs)
	}
}

func TestAllFiniteFindsEveryNonFiniteValue(t *testing.T) {
	for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
		for _, n := range []int{1, 7, 8, 9, 40, 1000} {
			for _, at := range []int{0, n / 2, n - 1} {
				v := make([]float32, n)
				for i := range v {
					v[i] = float32(i) - 3e38*float32(i%2) // large finite values too
				}
				if !AllFinite(v) {
					t.Fatalf("n=%d: finite values reported non-finite", n)
				}
				v[at] = bad
				if AllFinite(v) {
					t.Errorf("n=%d: %v at %d not found", n, bad, at)
				}
			}
		}
	}
}

func TestPredictIsSafeForConcurrentUse(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{8, 32, 4}, ActTanh, ActSoftmax)
	x := nnRandMat(NewRNG(2), 16, 8, 1, 0)
	want := net.Predict(x)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for range 50 {
				if got := net.Predict(x); !slices.Equal(got.Data, want.Data) {
					errs <- errors.New("concurrent Predict disagrees")
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestCloneTrainsIndependently(t *testing.T) {
	net := NewMLP(NewRNG(1), []int{4, 8, 3}, ActReLU, ActIdentity)
	clone := net.Clone()
	before := slices.Clone(net.Params())
	x, y := blobTask(5, 32)
	tr := NewTrainer(clone, SoftmaxCrossEntropy{}, NewSGD(0.1, 0, 0), TrainerOptions{})
	if _, err := tr.Step(context.Background(), x, y); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before, net.Params()) || slices.Equal(before, clone.Params()) {
		t.Error("training a clone changed the original, or did not change the clone")
	}
	ws := net.NewWorkspace() // a workspace serves clones of its network too
	if got, want := clone.Forward(ws, x, false), clone.Predict(x); !slices.Equal(got.Data, want.Data) {
		t.Error("a clone run in its original's workspace used the original's parameters")
	}
}

// TestTrainerGradientMatchesBackward checks the Trainer's gradient (Dense
// layers overwrite theirs, sharded, summed) against one plain Backward of
// the whole batch, which adds into a zeroed buffer.
func TestTrainerGradientMatchesBackward(t *testing.T) {
	const sameGradient = 1e-6
	net := NewMLP(NewRNG(1), []int{4, 12, 12, 3}, ActTanh, ActIdentity)
	x, y := blobTask(6, 48)
	ws := net.NewWorkspace()
	pred := net.Forward(ws, x, true)
	dpred := NewMat(pred.Rows, pred.Cols)
	MeanLoss(SoftmaxCrossEntropy{}, pred, y, dpred)
	want := make([]float32, net.NumParams())
	net.Backward(ws, dpred, want)
	for _, shards := range []int{1, 3} {
		tr := NewTrainer(net, SoftmaxCrossEntropy{}, NewSGD(0, 0, 0), TrainerOptions{Shards: shards})
		for range 2 { // the second step must not add to the first one's gradient
			if _, err := tr.Step(context.Background(), x, y); err != nil {
				t.Fatal(err)
			}
		}
		if e := relGradError(f64(want), tr.Grads()); e > sameGradient {
			t.Errorf("%d shards: trainer gradient off by %.2g", shards, e)
		}
	}
}
