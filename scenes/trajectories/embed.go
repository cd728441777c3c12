package trajectories

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"replab/core"
	"replab/scenes"
)

// Embedding methods, the choices of the embedding parameter.
const (
	methodIsomap = 0
	methodTSNE   = 1
)

// Embedding schedule: the joint fit is redone whenever the records have
// grown by refitGrowth since the last fit (and at the end), so the picture
// follows training while the cost of the fits, which grows with the square
// of the points, stays a small share of the run.
const (
	refitGrowth    = 1.25
	tsneIterations = 600 // iterations of a t-SNE fit
	tsneIterStep   = 50  // iterations per Step
	tsnePerplexity = 30
)

// embedder keeps the two-dimensional embedding of every recorded function
// of every network, fitted jointly.
type embedder struct {
	method     int
	neighbours int
	coords     *mat.Dense // (epochs × networks, 2), row epoch·networks + network
	epochs     int        // recorded epochs the coordinates cover
	stale      bool
	problem    string // why the last fit failed, shown instead of a new picture
	note       string // how the last fit departed from the parameters
	tsne       *core.TSNE
	tsneIters  int
}

// configure reads the live parameters and reports whether they changed.
func (em *embedder) configure(v scenes.Values) bool {
	method, k := v.Index("embedding"), v.Int("neighbours")
	changed := method != em.method || k != em.neighbours
	em.method, em.neighbours = method, k
	return changed
}

// invalidate makes the next update refit whatever the schedule says.
func (em *embedder) invalidate() { em.stale = true }

// settled reports whether the embedding needs no more iterations.
func (em *embedder) settled() bool {
	return em.method != methodTSNE || em.tsne == nil || em.tsneIters >= tsneIterations
}

// update refits the embedding when it is due: on schedule, when stale, or
// at the end of training (final); total is the number of records a full
// run makes, so that a scheduled fit just before the final one is skipped.
func (em *embedder) update(ctx context.Context, members []*member, final bool,
	total int) error {
	recorded := len(members[0].outputs)
	grown := float64(recorded) >= refitGrowth*float64(em.epochs)
	finalSoon := refitGrowth*float64(recorded) > float64(total) // leave it to the final fit
	due := em.coords == nil || em.stale || final || grown && !finalSoon
	if !due || recorded == em.epochs && !em.stale {
		return em.refine(ctx) // a t-SNE fit goes on between refits
	}
	x := stackRecords(members, recorded)
	em.stale = false
	if em.method == methodTSNE {
		return em.startTSNE(x, recorded)
	}
	return em.fitIsomap(ctx, x, recorded)
}

// fitIsomap fits Isomap with the chosen number of neighbours. When that
// many leave the neighbour graph in pieces (the starting points of the
// networks can lie far from everything else), the pieces are joined by
// their shortest edges rather than by raising the neighbour count, which
// would flatten the geodesics everywhere; the view says so.
func (em *embedder) fitIsomap(ctx context.Context, x *mat.Dense, recorded int) error {
	n, _ := x.Dims()
	opts := core.IsomapOptions{Neighbours: min(em.neighbours, n-1), Dims: 2}
	coords, err := core.IsomapWithOptions(ctx, x, opts)
	bridged := errors.Is(err, core.ErrDisconnectedGraph)
	if bridged {
		opts.BridgeComponents = true
		coords, err = core.IsomapWithOptions(ctx, x, opts)
	}
	switch {
	case err == nil:
		em.coords, em.epochs, em.problem, em.note = coords, recorded, "", ""
		if bridged {
			em.note = fmt.Sprintf("the %d-neighbour graph fell apart: pieces joined "+
				"by their nearest points", opts.Neighbours)
		}
		return nil
	case errors.Is(err, core.ErrBadData):
		em.problem = err.Error()
		return nil
	}
	return fmt.Errorf("trajectories: %w", err)
}

// startTSNE begins a t-SNE fit of x and runs its first iterations.
func (em *embedder) startTSNE(x *mat.Dense, recorded int) error {
	n, _ := x.Dims()
	perplexity := math.Min(tsnePerplexity, float64(n-1)/3)
	t, err := core.NewTSNE(core.NewRNG(uint64(n)), x, 2, perplexity)
	if err != nil {
		em.problem = err.Error()
		return nil
	}
	em.tsne, em.tsneIters, em.epochs = t, 0, recorded
	return em.refine(context.Background())
}

// refine runs a few more t-SNE iterations.
func (em *embedder) refine(context.Context) error {
	if em.tsne == nil || em.settled() {
		return nil
	}
	iters := min(tsneIterStep, tsneIterations-em.tsneIters)
	if err := em.tsne.Step(iters); err != nil {
		em.problem, em.tsne = err.Error(), nil
		return nil
	}
	em.tsneIters += iters
	em.coords, em.problem, em.note = em.tsne.Embedding(), "", ""
	return nil
}

// projectedDims is the width the records are projected to before a fit.
// A random Gaussian projection keeps every distance within a few per cent
// (its relative error is about √(2/projectedDims) on a squared distance),
// and the fit's pairwise distances then cost a sixth of the 3,000-wide
// records'. Only the picture is fitted to projected records; the metrics
// are measured on the records themselves.
const (
	projectedDims  = 512
	projectionSeed = 0x151
)

// stackRecords puts the first epochs records of every network in the rows
// of one matrix, epoch-major, projected to projectedDims columns (when the
// records are wider).
func stackRecords(members []*member, epochs int) *mat.Dense {
	d := len(members[0].outputs[0])
	records := core.NewMat(epochs*len(members), d)
	for ep := range epochs {
		for i, m := range members {
			copy(records.Row(ep*len(members)+i), m.outputs[ep])
		}
	}
	if d > projectedDims {
		projected := core.NewMat(records.Rows, projectedDims)
		core.Gemm(false, false, 1, records, projection(d), 0, projected)
		records = projected
	}
	x := mat.NewDense(records.Rows, records.Cols, nil)
	for i := range records.Rows {
		row := x.RawRowView(i)
		for j, v := range records.Row(i) {
			row[j] = float64(v)
		}
	}
	return x
}

// projection returns a fixed (d, projectedDims) Gaussian matrix scaled by
// 1/√projectedDims, so that projected squared distances are unbiased.
func projection(d int) *core.Mat {
	rng := core.NewRNG(projectionSeed)
	p := core.NewMat(d, projectedDims)
	scale := 1 / math.Sqrt(projectedDims)
	for i := range p.Data {
		p.Data[i] = float32(rng.NormFloat64() * scale)
	}
	return p
}
