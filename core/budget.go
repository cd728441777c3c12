package core

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// The worker budget: one process-wide set of tokens, GOMAXPROCS of them by
// default. Every goroutine that computes for core holds a token, so however
// many trainers and sweeps run at once (one per SSH session, say) the cores
// are never oversubscribed. A parallel call blocks until it holds one token
// (its caller's) and takes more only when they are free, for helper
// goroutines; waiting callers are served in arrival order by the channel.

var budget atomic.Pointer[chan struct{}]

func init() { SetWorkerBudget(runtime.GOMAXPROCS(0)) }

// SetWorkerBudget sets the number of goroutines core may compute on at once
// (at least 1). Calls already running keep the tokens they hold.
func SetWorkerBudget(n int) {
	n = max(n, 1)
	tokens := make(chan struct{}, n)
	for range n {
		tokens <- struct{}{}
	}
	budget.Store(&tokens)
}

// WorkerBudget returns the number of tokens in the worker budget.
func WorkerBudget() int { return cap(*budget.Load()) }

// tokenHeld marks a context whose goroutine already holds a token.
type tokenHeld struct{}

// holdsToken reports whether ctx says its goroutine holds a token.
func holdsToken(ctx context.Context) bool { return ctx.Value(tokenHeld{}) != nil }

// Parallel calls fn(i) for i in 0…n−1 on the worker budget: on the calling
// goroutine (after it obtains a token, unless ctx comes from RunJobs, whose
// jobs already hold one) and on helper goroutines for tokens that are free.
// Which goroutine runs which i is not fixed, so fn must write only to state
// owned by i. It stops claiming new indices once ctx is done or an fn fails,
// and returns the error of the lowest failing index, or ctx.Err(). fn must
// not itself call Parallel or Trainer.Step with a context from outside a
// RunJobs job: such a call waits for a second token while holding one.
func Parallel(ctx context.Context, n int, fn func(i int) error) error {
	return runOnBudget(ctx, n, n, fn, false)
}

// RunJobs runs independent jobs (seeds or datasets of a sweep) on the worker
// budget, at most WorkerBudget() at a time, and waits for them. Each job gets
// a context that records its token: a job must pass that context to core
// calls it makes (Trainer.Step, Parallel), which then compute on the job's
// token instead of waiting for another. The first failing job cancels those
// not yet started; RunJobs returns the lowest-index job's error. A job that
// wants a sweep to go on after, say, a divergence should record it and
// return nil.
func RunJobs(ctx context.Context, jobs []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobCtx := context.WithValue(ctx, tokenHeld{}, true)
	return runOnBudget(ctx, len(jobs), len(jobs), func(i int) error {
		err := jobs[i](jobCtx)
		if err != nil {
			cancel()
		}
		return err
	}, true)
}

// budgetMode adjusts runOnBudget.
type budgetMode struct {
	// callerHoldsToken: the calling goroutine already holds a token.
	callerHoldsToken bool
	// keepRecruiting: workers try to add helpers before every index (long
	// jobs), not only at the start (short shards).
	keepRecruiting bool
	// ignoreCancel: run every index even if ctx is done (a parameter update
	// must not stop half-way).
	ignoreCancel bool
}

// acquireToken blocks until the calling goroutine holds a token, unless ctx
// says it holds one already (then it returns nil). Pass the result to
// releaseToken.
func acquireToken(ctx context.Context) (chan struct{}, error) {
	if holdsToken(ctx) {
		return nil, nil
	}
	tokens := *budget.Load()
	select {
	case <-tokens:
		return tokens, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// releaseToken returns a token from acquireToken; nil is a no-op.
func releaseToken(tokens chan struct{}) {
	if tokens != nil {
		tokens <- struct{}{}
	}
}

// runOnBudget runs fn over 0…n−1 with at most maxWorkers goroutines, taking
// a token for the caller unless ctx says it holds one. With keepRecruiting,
// workers try to add helpers before every index (long jobs), otherwise only
// at the start (short shards).
func runOnBudget(ctx context.Context, n, maxWorkers int, fn func(int) error,
	keepRecruiting bool) error {
	mode := budgetMode{callerHoldsToken: holdsToken(ctx), keepRecruiting: keepRecruiting}
	return runOnBudgetMode(ctx, n, maxWorkers, fn, mode)
}

// runOnBudgetMode is runOnBudget with every option of budgetMode.
func runOnBudgetMode(ctx context.Context, n, maxWorkers int, fn func(int) error,
	mode budgetMode) error {
	if n <= 0 {
		return ctx.Err()
	}
	if !mode.callerHoldsToken {
		tokens, err := acquireToken(ctx)
		if err != nil {
			return err
		}
		defer releaseToken(tokens)
	}
	if mode.ignoreCancel {
		ctx = context.Background() // keeps no values: helpers do not read them
	}
	if n == 1 || maxWorkers <= 1 {
		return runSerially(ctx, n, fn)
	}
	r := &budgetRun{ctx: ctx, n: n, maxWorkers: min(maxWorkers, n), fn: fn,
		keepRecruiting: mode.keepRecruiting, firstFailed: n}
	r.active.Store(1)
	r.recruit()
	r.work()
	r.helpers.Wait()
	if len(r.panicked) > 0 {
		panic(r.panicked[0])
	}
	return r.err
}

// runSerially runs fn over 0…n−1 on the calling goroutine, which holds a
// token, stopping at the first error or when ctx is done.
func runSerially(ctx context.Context, n int, fn func(int) error) error {
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(i); err != nil {
			return err
		}
	}
	return nil
}

// budgetRun is the shared state of one runOnBudget call.
type budgetRun struct {
	ctx            context.Context
	n, maxWorkers  int
	fn             func(int) error
	keepRecruiting bool
	next, active   atomic.Int64
	failed         atomic.Bool
	helpers        sync.WaitGroup
	mu             sync.Mutex
	firstFailed    int
	err            error
	panicked       []any
}

// recruit starts helper goroutines for free tokens while work remains.
func (r *budgetRun) recruit() {
	tokens := *budget.Load()
	for r.active.Load() < int64(r.maxWorkers) && r.next.Load() < int64(r.n)-r.active.Load() {
		select {
		case <-tokens:
		default:
			return
		}
		r.active.Add(1)
		r.helpers.Add(1)
		go func() {
			defer r.helpers.Done()
			defer func() { tokens <- struct{}{} }()
			r.work()
		}()
	}
}

// work claims and runs indices until none are left or the run failed.
func (r *budgetRun) work() {
	for !r.failed.Load() {
		if r.keepRecruiting {
			r.recruit()
		}
		i := int(r.next.Add(1) - 1)
		if i >= r.n {
			return
		}
		if err := r.ctx.Err(); err != nil {
			r.fail(i, err)
			return
		}
		if err := r.runOne(i); err != nil {
			r.fail(i, err)
		}
	}
}

// runOne calls fn(i). A panic in a helper goroutine is caught and raised
// again on the calling goroutine by runOnBudget, as if fn had run there.
func (r *budgetRun) runOne(i int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.mu.Lock()
			r.panicked = append(r.panicked, p)
			r.mu.Unlock()
			err = fmt.Errorf("core: parallel task %d panicked", i)
		}
	}()
	return r.fn(i)
}

// fail records err if i is the lowest failing index so far.
func (r *budgetRun) fail(i int, err error) {
	r.failed.Store(true)
	r.mu.Lock()
	if i < r.firstFailed {
		r.firstFailed, r.err = i, err
	}
	r.mu.Unlock()
}
