package core

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// TSNEOptions tune t-SNE. Zero fields take the defaults named below.
type TSNEOptions struct {
	// Perplexity is the effective number of neighbours each point's
	// Gaussian covers in the input space. Default 30; it must lie in
	// [1, n−1).
	Perplexity float64
	// LearningRate is the gradient step. Default max(n/Exaggeration/4, 50).
	LearningRate float64
	// Exaggeration multiplies the input affinities during the first
	// ExaggerationIterations, so that clusters form before they spread.
	// Default 12 for the first 250 iterations; an Exaggeration of 1 turns
	// it off.
	Exaggeration           float64
	ExaggerationIterations int
	// Momentum applies while affinities are exaggerated, FinalMomentum
	// afterwards. Defaults 0.5 and 0.8.
	Momentum, FinalMomentum float64
}

// withDefaults fills the zero fields of o for n points.
func (o TSNEOptions) withDefaults(n int) TSNEOptions {
	if o.Perplexity == 0 {
		o.Perplexity = 30
	}
	if o.Exaggeration == 0 {
		o.Exaggeration = 12
	}
	if o.ExaggerationIterations == 0 {
		o.ExaggerationIterations = 250
	}
	if o.LearningRate == 0 {
		o.LearningRate = max(float64(n)/o.Exaggeration/4, 50)
	}
	if o.Momentum == 0 {
		o.Momentum = 0.5
	}
	if o.FinalMomentum == 0 {
		o.FinalMomentum = 0.8
	}
	return o
}

// validate returns an error wrapping ErrBadData for options (defaults
// filled in) that t-SNE cannot run with on n points.
func (o TSNEOptions) validate(n int) error {
	problem := ""
	switch {
	case !(o.Perplexity >= 1 && o.Perplexity < float64(n-1)):
		problem = fmt.Sprintf("perplexity %v for %d points, need 1 ≤ perplexity < %d",
			o.Perplexity, n, n-1)
	case !(o.LearningRate > 0 && o.LearningRate < math.Inf(1)):
		problem = fmt.Sprintf("learning rate %v, need a positive number", o.LearningRate)
	case !(o.Exaggeration > 0 && o.Exaggeration < math.Inf(1)):
		problem = fmt.Sprintf("exaggeration %v, need a positive number (1 for none)",
			o.Exaggeration)
	case o.ExaggerationIterations < 0:
		problem = fmt.Sprintf("%d exaggeration iterations, need at least 0",
			o.ExaggerationIterations)
	case !(o.Momentum >= 0 && o.Momentum < 1 && o.FinalMomentum >= 0 && o.FinalMomentum < 1):
		problem = fmt.Sprintf("momentum %v then %v, need each in [0, 1)",
			o.Momentum, o.FinalMomentum)
	}
	if problem != "" {
		return fmt.Errorf("core: t-sne: %s: %w", problem, ErrBadData)
	}
	return nil
}

// Gain bounds of the per-coordinate step adaptation.
const (
	tsneGainUp   = 0.2  // added when the gradient changes sign against the motion
	tsneGainDown = 0.8  // factor when it keeps pushing the same way
	tsneMinGain  = 0.01 // floor
	// tsneInitialSpread is the standard deviation of the random start.
	tsneInitialSpread = 1e-4
)

// TSNE is a t-distributed stochastic neighbour embedding in progress, with
// the exact O(n²) gradient. Advance it with Step and read Embedding between
// steps to draw it live. A TSNE is not safe for concurrent use.
//
// Limits: each iteration visits every pair once and the affinities take
// 8n² bytes (13.5 MB at 1,300 points), which suits up to a couple of
// thousand points.
type TSNE struct {
	opts      TSNEOptions
	n, dims   int
	affinity  *mat.Dense // (n, n): symmetric joint probabilities pᵢⱼ, summing to 1
	embedding *mat.Dense // (n, dims)
	update    *mat.Dense // (n, dims): the last step, for momentum
	gains     *mat.Dense // (n, dims)
	gradient  *mat.Dense // (n, dims): workspace
	repulsive *mat.Dense // (n, dims): workspace
	tiles     []pairTile // the pairs cut into tiles of work; see pairTiles
	blocks    int        // blocks of rows the tiles are made of
	iteration int
}

// NewTSNE prepares a t-SNE of the rows of x, (n, d), into dims dimensions
// with the given perplexity and default options; rng draws the start.
func NewTSNE(rng *rand.Rand, x *mat.Dense, dims int, perplexity float64) (*TSNE, error) {
	return NewTSNEWithOptions(rng, x, dims, TSNEOptions{Perplexity: perplexity})
}

// NewTSNEWithOptions prepares a t-SNE of the rows of x, (n, d), into dims
// dimensions: it calibrates each point's Gaussian to the perplexity by
// Newton's method, symmetrises the affinities, and draws the start from
// rng. It returns an error wrapping ErrBadData for bad data, fewer than 3
// points, dims < 1, a perplexity outside [1, n−1), or options out of range.
func NewTSNEWithOptions(rng *rand.Rand, x *mat.Dense, dims int, opts TSNEOptions) (*TSNE, error) {
	if err := checkData("t-sne", x, 3); err != nil {
		return nil, err
	}
	n, _ := x.Dims()
	opts = opts.withDefaults(n)
	if dims < 1 {
		return nil, fmt.Errorf("core: t-sne: %d dimensions, need at least 1: %w", dims, ErrBadData)
	}
	if err := opts.validate(n); err != nil {
		return nil, err
	}
	t := &TSNE{
		opts: opts, n: n, dims: dims,
		affinity:  jointAffinities(pairwiseSquaredDistances(x), opts.Perplexity),
		embedding: mat.NewDense(n, dims, nil),
		update:    mat.NewDense(n, dims, nil),
		gains:     mat.NewDense(n, dims, nil),
		gradient:  mat.NewDense(n, dims, nil),
		repulsive: mat.NewDense(n, dims, nil),
	}
	for i := range n {
		for c := range dims {
			t.embedding.Set(i, c, tsneInitialSpread*rng.NormFloat64())
			t.gains.Set(i, c, 1)
		}
	}
	return t, nil
}

// Step runs iters gradient iterations on the calling goroutine. If a step
// produces a NaN or an infinity, the embedding is restored to before that
// step and the error wraps ErrDiverged (a learning rate far too large does
// that).
func (t *TSNE) Step(iters int) error {
	return t.step(context.Background(), iters, false)
}

// StepContext is Step with the pair sums of each iteration spread over
// core's worker budget, checking ctx between iterations (it returns
// ctx.Err() when ctx is done). The numbers are bit-identical to Step's
// whatever the worker count: the pairs are cut into a fixed set of tiles
// whose sums are combined in a fixed order. Inside a RunJobs job, pass the
// job's context.
func (t *TSNE) StepContext(ctx context.Context, iters int) error {
	return t.step(ctx, iters, true)
}

// step runs iters iterations, spreading each over the worker budget when
// parallel is set.
func (t *TSNE) step(ctx context.Context, iters int, parallel bool) error {
	previous := mat.NewDense(t.n, t.dims, nil)
	for range iters {
		if err := ctx.Err(); err != nil {
			return err
		}
		previous.Copy(t.embedding)
		exaggeration, momentum := 1.0, t.opts.FinalMomentum
		if t.iteration < t.opts.ExaggerationIterations {
			exaggeration, momentum = t.opts.Exaggeration, t.opts.Momentum
		}
		if err := t.computeGradient(ctx, parallel, exaggeration, t.gradient); err != nil {
			return fmt.Errorf("core: t-sne: %w", err)
		}
		t.move(momentum)
		if !allFinite64(t.embedding.RawMatrix().Data) {
			t.embedding.Copy(previous)
			t.update.Zero()
			return fmt.Errorf("core: t-sne: iteration %d, learning rate %v: %w",
				t.iteration, t.opts.LearningRate, ErrDiverged)
		}
		t.iteration++
	}
	return nil
}

// move applies one momentum step with per-coordinate adaptive gains
// (a gain grows while the gradient reverses the motion and shrinks while
// it agrees), then re-centres the embedding on the origin.
func (t *TSNE) move(momentum float64) {
	grad, update, gains := t.gradient.RawMatrix().Data, t.update.RawMatrix().Data,
		t.gains.RawMatrix().Data
	for e, g := range grad {
		if (g > 0) != (update[e] > 0) {
			gains[e] += tsneGainUp
		} else {
			gains[e] = max(gains[e]*tsneGainDown, tsneMinGain)
		}
		update[e] = momentum*update[e] - t.opts.LearningRate*gains[e]*g
	}
	y := t.embedding.RawMatrix().Data
	for e, u := range update {
		y[e] += u
	}
	means := columnMeans(t.embedding)
	for i := range t.n {
		row := t.embedding.RawRowView(i)
		for c := range row {
			row[c] -= means[c]
		}
	}
}

// Embedding returns a copy of the current embedding, (n, dims).
func (t *TSNE) Embedding() *mat.Dense { return mat.DenseCopyOf(t.embedding) }

// Iteration returns the number of iterations run so far.
func (t *TSNE) Iteration() int { return t.iteration }

// Options returns the options in use, defaults filled in.
func (t *TSNE) Options() TSNEOptions { return t.opts }

// SetLearningRate changes the step size for the following iterations, for
// live tuning. Values that are not positive and finite are ignored.
func (t *TSNE) SetLearningRate(rate float64) {
	if rate > 0 && !math.IsInf(rate, 1) {
		t.opts.LearningRate = rate
	}
}

// KL returns KL(P ‖ Q), the cost t-SNE descends, for the current embedding
// without exaggeration. It costs one pass over all pairs.
func (t *TSNE) KL() float64 {
	kernel := func(i, j int) float64 {
		return 1 / (1 + squaredDistance(t.embedding.RawRowView(i), t.embedding.RawRowView(j)))
	}
	normaliser := 0.0
	for i := range t.n {
		for j := i + 1; j < t.n; j++ {
			normaliser += 2 * kernel(i, j)
		}
	}
	cost := 0.0
	for i := range t.n {
		for j, p := range t.affinity.RawRowView(i) {
			if j != i && p > 0 {
				cost += p * math.Log(p*normaliser/kernel(i, j))
			}
		}
	}
	return cost
}

// allFinite64 reports whether every value is neither NaN nor infinite.
func allFinite64(values []float64) bool {
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// jointAffinities turns squared distances, (n, n), into t-SNE's symmetric
// joint probabilities pᵢⱼ = (pⱼ|ᵢ + pᵢ|ⱼ)/2n, each conditional row
// calibrated to the perplexity. It overwrites and returns squared. It runs
// on the calling goroutine: the constructor has no context through which a
// caller inside a RunJobs job could lend its worker token, and waiting for
// another token there could wait forever.
func jointAffinities(squared *mat.Dense, perplexity float64) *mat.Dense {
	n, _ := squared.Dims()
	target := math.Log(perplexity)
	for i := range n {
		calibrateRow(squared.RawRowView(i), i, target)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			p := (squared.At(i, j) + squared.At(j, i)) / float64(2*n)
			squared.Set(i, j, p)
			squared.Set(j, i, p)
		}
	}
	return squared
}

// Settings of the perplexity calibration.
const (
	perplexityTolerance    = 1e-5 // on the entropy, in nats
	perplexityMaxIteration = 100
)

// calibrateRow overwrites row (squared distances from point self) with the
// conditional probabilities pⱼ|ᵢ ∝ exp(−β·dⱼ) whose entropy is target
// (the log of the perplexity). It finds β by Newton's method on the
// entropy, whose slope in β is −β·Var(d), kept inside a shrinking bracket
// by bisection whenever a Newton step would leave it; that takes a handful
// of passes where bisection alone takes a few dozen. Distances are taken
// relative to the nearest one so that the exponentials cannot all vanish.
func calibrateRow(row []float64, self int, target float64) {
	nearest, spread := math.Inf(1), 0.0
	for j, d := range row {
		if j != self {
			nearest = min(nearest, d)
		}
	}
	for j, d := range row {
		if j != self {
			row[j] = d - nearest
			spread += row[j] / float64(len(row)-1)
		}
	}
	row[self] = 0

	beta, low, high := 1.0, 0.0, math.Inf(1)
	if spread > 0 {
		beta = 1 / spread
	}
	probabilities := make([]float64, len(row))
	for range perplexityMaxIteration {
		entropy, variance := conditionalRow(row, self, beta, probabilities)
		gap := entropy - target
		if math.Abs(gap) < perplexityTolerance {
			break
		}
		if gap > 0 { // too flat: narrow the Gaussian
			low = beta
		} else {
			high = beta
		}
		next := beta + gap/(beta*variance) // Newton: slope −β·Var(d)
		if !(next > low && next < high) {
			next = (low + high) / 2
			if math.IsInf(high, 1) {
				next = 2 * beta
			}
		}
		beta = next
	}
	copy(row, probabilities)
}

// conditionalRow fills probabilities with exp(−β·dⱼ)/S (zero at self) and
// returns their entropy log S + β·E[d] and the variance of d under them.
func conditionalRow(distances []float64, self int, beta float64,
	probabilities []float64) (entropy, variance float64) {
	sum, first, second := 0.0, 0.0, 0.0
	for j, d := range distances {
		if j == self {
			probabilities[j] = 0
			continue
		}
		p := math.Exp(-beta * d)
		probabilities[j] = p
		sum += p
		first += p * d
		second += p * d * d
	}
	for j := range probabilities {
		probabilities[j] /= sum
	}
	mean := first / sum
	return math.Log(sum) + beta*mean, max(second/sum-mean*mean, 0)
}
