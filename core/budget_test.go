package core

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunJobsStaysWithinBudget(t *testing.T) {
	defer SetWorkerBudget(WorkerBudget())
	SetWorkerBudget(3)
	var running, peak, done atomic.Int64
	jobs := make([]func(context.Context) error, 12)
	for i := range jobs {
		jobs[i] = func(context.Context) error {
			now := running.Add(1)
			for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
			}
			time.Sleep(2 * time.Millisecond)
			running.Add(-1)
			done.Add(1)
			return nil
		}
	}
	if err := RunJobs(context.Background(), jobs); err != nil {
		t.Fatal(err)
	}
	if done.Load() != 12 || peak.Load() > 3 {
		t.Errorf("%d jobs done, peak concurrency %d with a budget of 3", done.Load(), peak.Load())
	}
}

func TestRunJobsReturnsLowestFailingJob(t *testing.T) {
	first, second := errors.New("first"), errors.New("second")
	started := make(chan struct{})
	jobs := []func(context.Context) error{
		func(context.Context) error { return nil },
		func(context.Context) error {
			close(started)
			time.Sleep(5 * time.Millisecond)
			return first
		},
		func(context.Context) error {
			<-started // job 1 was claimed first, so it runs or has run
			return second
		},
	}
	defer SetWorkerBudget(WorkerBudget())
	SetWorkerBudget(3)
	if err := RunJobs(context.Background(), jobs); !errors.Is(err, first) {
		t.Errorf("got %v, want the error of job 1", err)
	}
}

// TestJobsTrainingOnAFullBudgetDoNotDeadlock runs more training jobs than
// tokens: each job's Step must use the job's own token.
func TestJobsTrainingOnAFullBudgetDoNotDeadlock(t *testing.T) {
	defer SetWorkerBudget(WorkerBudget())
	SetWorkerBudget(1)
	x, y := blobTask(4, 64)
	jobs := make([]func(context.Context) error, 3)
	for i := range jobs {
		jobs[i] = func(ctx context.Context) error {
			net := NewMLP(NewRNG(uint64(i)), []int{4, 8, 3}, ActReLU, ActIdentity)
			tr := NewTrainer(net, SoftmaxCrossEntropy{}, NewSGD(0.1, 0, 0), TrainerOptions{Shards: 2})
			_, err := tr.Step(ctx, x, y)
			return err
		}
	}
	if err := RunJobs(context.Background(), jobs); err != nil {
		t.Fatal(err)
	}
}

func TestRunJobsStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int64
	jobs := make([]func(context.Context) error, 50)
	for i := range jobs {
		jobs[i] = func(ctx context.Context) error {
			if started.Add(1) == 2 {
				cancel()
			}
			<-ctx.Done()
			return ctx.Err()
		}
	}
	if err := RunJobs(ctx, jobs); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if started.Load() >= 50 {
		t.Error("every job started after cancellation")
	}
}

func TestParallelRaisesPanicOnCaller(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a panicking task did not panic Parallel's caller")
		}
	}()
	Parallel(context.Background(), 4, func(i int) error {
		if i == 2 {
			panic("boom")
		}
		return nil
	})
}

// countingLoss is MSE that records how many shard computations run at once.
type countingLoss struct{ running, peak *atomic.Int64 }

func (c countingLoss) Sum(pred, target, grad *Mat, scale float32) float64 {
	now := c.running.Add(1)
	for p := c.peak.Load(); now > p && !c.peak.CompareAndSwap(p, now); p = c.peak.Load() {
	}
	time.Sleep(100 * time.Microsecond) // widen the window in which overlaps show
	defer c.running.Add(-1)
	return MSE{}.Sum(pred, target, grad, scale)
}

// TestConcurrentTrainersShareTheBudget runs more trainers than tokens, as
// many sessions would, and checks that shard work never runs on more
// goroutines than the budget allows.
func TestConcurrentTrainersShareTheBudget(t *testing.T) {
	defer SetWorkerBudget(WorkerBudget())
	SetWorkerBudget(2)
	var running, peak atomic.Int64
	x := nnRandMat(NewRNG(1), 64, 4, 1, 0)
	done := make(chan error, 6)
	for i := range 6 {
		go func() {
			net := NewMLP(NewRNG(uint64(i)), []int{4, 8, 4}, ActTanh, ActIdentity)
			tr := NewTrainer(net, countingLoss{&running, &peak}, NewSGD(0.01, 0, 0),
				TrainerOptions{Shards: 4})
			for range 10 {
				if _, err := tr.Step(context.Background(), x, x); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 6 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if peak.Load() > 2 || peak.Load() < 1 {
		t.Errorf("peak of %d shard computations at once with a budget of 2", peak.Load())
	}
}
