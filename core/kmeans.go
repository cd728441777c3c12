package core

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// KMeansResult is a partition of n points of dimension d into k clusters.
type KMeansResult struct {
	Centroids  *mat.Dense // (k, d): the mean of each cluster
	Labels     []int      // (n): the cluster of each point, in [0, k)
	Inertia    float64    // Σ‖xᵢ − centroid(labelᵢ)‖²
	Iterations int        // Lloyd iterations run
	Converged  bool       // the last iteration moved no point
}

// KMeans partitions the rows of x, (n, d), into k clusters: k-means++
// seeding from rng, then Lloyd iterations until no point changes cluster or
// maxIter iterations have run. It returns an error for bad data (see
// ErrBadData), for k outside [1, n] or for maxIter < 1.
func KMeans(rng *rand.Rand, x *mat.Dense, k, maxIter int) (KMeansResult, error) {
	if maxIter < 1 {
		return KMeansResult{}, fmt.Errorf("core: k-means: maxIter %d, need at least 1: %w",
			maxIter, ErrBadData)
	}
	run, err := NewKMeansRun(rng, x, k)
	if err != nil {
		return KMeansResult{}, err
	}
	for range maxIter {
		run.Step()
		if run.Converged() {
			break
		}
	}
	return run.Result(), nil
}

// KMeansRun is a k-means fit in progress, advanced one Lloyd iteration per
// Step so that a scene can draw the partition as it settles. It keeps a
// reference to x: the caller must not change x while the run is in use.
// A KMeansRun is not safe for concurrent use.
type KMeansRun struct {
	x          *mat.Dense
	centroids  *mat.Dense // (k, d)
	labels     []int      // (n), −1 before the first step
	pointCost  []float64  // (n): squared distance to the assigned centroid
	counts     []int      // (k): points per cluster
	inertia    float64
	iterations int
	converged  bool
}

// NewKMeansRun seeds k centroids among the rows of x, (n, d), with
// k-means++ (each new centroid drawn with probability proportional to its
// squared distance from the nearest centroid so far), using rng. It returns
// an error for bad data or for k outside [1, n].
func NewKMeansRun(rng *rand.Rand, x *mat.Dense, k int) (*KMeansRun, error) {
	if err := checkData("k-means", x, 1); err != nil {
		return nil, err
	}
	n, d := x.Dims()
	if k < 1 || k > n {
		return nil, fmt.Errorf("core: k-means: k = %d, need 1 ≤ k ≤ %d points: %w",
			k, n, ErrBadData)
	}
	run := &KMeansRun{
		x:         x,
		centroids: mat.NewDense(k, d, nil),
		labels:    make([]int, n),
		pointCost: make([]float64, n),
		counts:    make([]int, k),
	}
	for i := range run.labels {
		run.labels[i] = -1
	}
	run.inertia = seedKMeansPlusPlus(rng, x, run.centroids)
	return run, nil
}

// seedKMeansPlusPlus fills the rows of centroids with k-means++ draws from
// the rows of x and returns the seeds' inertia (each point's squared
// distance to its nearest seed, summed). When every point already sits on a
// centroid (fewer distinct points than clusters) it draws uniformly instead.
func seedKMeansPlusPlus(rng *rand.Rand, x, centroids *mat.Dense) (inertia float64) {
	n, _ := x.Dims()
	k, _ := centroids.Dims()
	nearest := make([]float64, n)
	for i := range nearest {
		nearest[i] = math.Inf(1)
	}
	chosen := rng.IntN(n)
	for c := range k {
		centroids.SetRow(c, x.RawRowView(chosen))
		inertia = 0
		for i := range n {
			nearest[i] = min(nearest[i], squaredDistance(x.RawRowView(i), centroids.RawRowView(c)))
			inertia += nearest[i]
		}
		// The draw after the last seed is unused; it stays so that callers'
		// random streams (and their golden files) do not shift.
		chosen = drawProportional(rng, nearest, inertia)
	}
	return inertia
}

// drawProportional returns index i with probability weights[i]/total, or a
// uniform index when total is zero.
func drawProportional(rng *rand.Rand, weights []float64, total float64) int {
	if !(total > 0) {
		return rng.IntN(len(weights))
	}
	target := rng.Float64() * total
	for i, w := range weights {
		target -= w
		if target < 0 {
			return i
		}
	}
	// Rounding can leave target a hair above zero: take the last positive weight.
	for i := len(weights) - 1; i >= 0; i-- {
		if weights[i] > 0 {
			return i
		}
	}
	return len(weights) - 1
}

// Step runs one Lloyd iteration: every point moves to its nearest centroid,
// a cluster left empty takes the point that is farthest from its own
// centroid (from a cluster with more than one point), and every centroid
// moves to the mean of its cluster. It returns how many points changed
// cluster (all n on the first step). Inertia never increases from one step
// to the next.
func (r *KMeansRun) Step() (moved int) {
	moved = r.assign()
	moved += r.refillEmptyClusters()
	r.updateCentroids()
	r.iterations++
	r.converged = moved == 0
	return moved
}

// assign labels every point with its nearest centroid and records its cost.
func (r *KMeansRun) assign() (moved int) {
	k, _ := r.centroids.Dims()
	clear(r.counts)
	for i := range r.labels {
		point := r.x.RawRowView(i)
		best, bestCost := 0, math.Inf(1)
		for c := range k {
			if cost := squaredDistance(point, r.centroids.RawRowView(c)); cost < bestCost {
				best, bestCost = c, cost
			}
		}
		if r.labels[i] != best {
			moved++
		}
		r.labels[i], r.pointCost[i] = best, bestCost
		r.counts[best]++
	}
	return moved
}

// refillEmptyClusters gives each empty cluster the costliest point of a
// cluster that can spare one. Moving that point onto its own centroid can
// only lower the inertia. It returns how many points it moved.
func (r *KMeansRun) refillEmptyClusters() (moved int) {
	for c, count := range r.counts {
		if count > 0 {
			continue
		}
		farthest := -1
		for i, cost := range r.pointCost {
			if r.counts[r.labels[i]] > 1 && (farthest < 0 || cost > r.pointCost[farthest]) {
				farthest = i
			}
		}
		if farthest < 0 {
			return moved // Unreachable while k ≤ n: some cluster has two points.
		}
		r.counts[r.labels[farthest]]--
		r.labels[farthest], r.pointCost[farthest] = c, 0
		r.counts[c] = 1
		moved++
	}
	return moved
}

// updateCentroids moves each centroid to the mean of its points and
// recomputes the inertia against the new centroids.
func (r *KMeansRun) updateCentroids() {
	r.centroids.Zero()
	for i, label := range r.labels {
		row := r.centroids.RawRowView(label)
		for j, v := range r.x.RawRowView(i) {
			row[j] += v
		}
	}
	for c, count := range r.counts {
		if count > 0 {
			row := r.centroids.RawRowView(c)
			for j := range row {
				row[j] /= float64(count)
			}
		}
	}
	r.inertia = 0
	for i, label := range r.labels {
		r.inertia += squaredDistance(r.x.RawRowView(i), r.centroids.RawRowView(label))
	}
}

// Converged reports whether the last step moved no point, so further steps
// change nothing.
func (r *KMeansRun) Converged() bool { return r.converged }

// Inertia returns Σ‖xᵢ − centroid(labelᵢ)‖² after the last step; before
// the first step, each point's squared distance to its nearest seed.
func (r *KMeansRun) Inertia() float64 { return r.inertia }

// Result returns a copy of the current partition. Before the first Step the
// labels are all −1, the centroids are the k-means++ seeds and the inertia
// is theirs.
func (r *KMeansRun) Result() KMeansResult {
	return KMeansResult{
		Centroids:  mat.DenseCopyOf(r.centroids),
		Labels:     append([]int(nil), r.labels...),
		Inertia:    r.inertia,
		Iterations: r.iterations,
		Converged:  r.converged,
	}
}
