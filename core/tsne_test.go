package core

import (
	"context"
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestTSNEKeepsSeparatedClustersApart(t *testing.T) {
	const minNeighbourAgreement = 0.98
	rng := unsupervisedRNG(6)
	x, labels := gaussianBlobs(rng, randomCentres(rng, 4, 10, 6), 40, 1)
	tsne, err := NewTSNE(rng, x, 2, 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := tsne.Step(500); err != nil {
		t.Fatal(err)
	}
	embedding := tsne.Embedding()
	agreement := nearestNeighbourAgreement(embedding, labels)
	if agreement < minNeighbourAgreement {
		t.Errorf("nearest neighbour shares the label for %.3f of points, want ≥ %v",
			agreement, minNeighbourAgreement)
	}
	// Every cluster's closest outsider is farther than its own diameter
	// would suggest: the gap between clusters beats the spread inside one.
	spread, gap := clusterSpreadAndGap(embedding, labels, 4)
	if gap <= spread {
		t.Errorf("smallest gap between clusters %.3f, largest spread within one %.3f", gap, spread)
	}
}

// nearestNeighbourAgreement returns the fraction of rows whose nearest
// other row has the same label.
func nearestNeighbourAgreement(y *mat.Dense, labels []int) float64 {
	n, _ := y.Dims()
	agree := 0
	for i := range n {
		best, bestDist := -1, math.Inf(1)
		for j := range n {
			if d := squaredDistance(y.RawRowView(i), y.RawRowView(j)); j != i && d < bestDist {
				best, bestDist = j, d
			}
		}
		if labels[best] == labels[i] {
			agree++
		}
	}
	return float64(agree) / float64(n)
}

// clusterSpreadAndGap returns the largest distance from a point to its own
// cluster's centroid, and the smallest distance between points of two
// different clusters.
func clusterSpreadAndGap(y *mat.Dense, labels []int, clusters int) (spread, gap float64) {
	n, dims := y.Dims()
	centroids := mat.NewDense(clusters, dims, nil)
	counts := make([]float64, clusters)
	for i, label := range labels {
		counts[label]++
		for c := range dims {
			centroids.Set(label, c, centroids.At(label, c)+y.At(i, c))
		}
	}
	for label := range clusters {
		for c := range dims {
			centroids.Set(label, c, centroids.At(label, c)/counts[label])
		}
	}
	gap = math.Inf(1)
	for i := range n {
		own := math.Sqrt(squaredDistance(y.RawRowView(i), centroids.RawRowView(labels[i])))
		spread = max(spread, own)
		for j := range n {
			if labels[j] != labels[i] {
				gap = min(gap, math.Sqrt(squaredDistance(y.RawRowView(i), y.RawRowView(j))))
			}
		}
	}
	return spread, gap
}

func TestTSNEPerplexityCalibration(t *testing.T) {
	const entropyTolerance = 1e-4
	const sumTolerance = 1e-12
	rng := unsupervisedRNG(2)
	x, _ := gaussianBlobs(rng, randomCentres(rng, 3, 5, 4), 30, 1)
	squared := pairwiseSquaredDistances(x)
	for _, perplexity := range []float64{2, 10, 40} {
		for i := range 90 {
			row := append([]float64(nil), squared.RawRowView(i)...)
			calibrateRow(row, i, math.Log(perplexity))
			entropy, total := 0.0, 0.0
			for j, p := range row {
				if p > 0 && j != i {
					entropy -= p * math.Log(p)
				}
				total += p
			}
			entropyOff := math.Abs(entropy - math.Log(perplexity))
			if entropyOff > entropyTolerance || math.Abs(total-1) > sumTolerance {
				t.Fatalf("perplexity %v, row %d: entropy %v (want %v), sum %v",
					perplexity, i, entropy, math.Log(perplexity), total)
			}
		}
	}
}

func TestTSNEGradientMatchesFiniteDifferences(t *testing.T) {
	const step = 1e-6
	const relativeTolerance = 1e-5
	for _, dims := range []int{2, 3} { // the planar fast path and the general one
		rng := unsupervisedRNG(12)
		x, _ := gaussianBlobs(rng, randomCentres(rng, 2, 4, 3), 12, 1)
		tsne, err := NewTSNE(rng, x, dims, 5)
		if err != nil {
			t.Fatal(err)
		}
		for e := range tsne.embedding.RawMatrix().Data {
			tsne.embedding.RawMatrix().Data[e] = rng.NormFloat64() // away from the tiny start
		}
		grad := mat.NewDense(24, dims, nil)
		if err := tsne.computeGradient(context.Background(), false, 1, grad); err != nil {
			t.Fatal(err)
		}
		for i := range 24 {
			for c := range dims {
				numeric := centralDifference(tsne, i, c, step)
				if math.Abs(numeric-grad.At(i, c)) > relativeTolerance*(1+math.Abs(numeric)) {
					t.Fatalf("%d-D: ∂KL/∂y[%d][%d]: analytic %v, numeric %v",
						dims, i, c, grad.At(i, c), numeric)
				}
			}
		}
	}
}

// centralDifference estimates ∂KL/∂y[i][c] by a central difference.
func centralDifference(tsne *TSNE, i, c int, step float64) float64 {
	original := tsne.embedding.At(i, c)
	tsne.embedding.Set(i, c, original+step)
	up := tsne.KL()
	tsne.embedding.Set(i, c, original-step)
	down := tsne.KL()
	tsne.embedding.Set(i, c, original)
	return (up - down) / (2 * step)
}

func TestTSNEReportsDivergenceAndBadInput(t *testing.T) {
	rng := unsupervisedRNG(4)
	x, _ := gaussianBlobs(rng, randomCentres(rng, 2, 3, 3), 20, 1)
	tsne, err := NewTSNEWithOptions(rng, x, 2, TSNEOptions{Perplexity: 5, LearningRate: 1e300})
	if err != nil {
		t.Fatal(err)
	}
	err = tsne.Step(50)
	if !errors.Is(err, ErrDiverged) {
		t.Errorf("absurd learning rate: error %v, want one wrapping ErrDiverged", err)
	}
	if !allFinite64(tsne.Embedding().RawMatrix().Data) {
		t.Error("embedding left non-finite after divergence")
	}
	for _, perplexity := range []float64{0.5, 39, math.NaN()} {
		if _, err := NewTSNE(rng, x, 2, perplexity); !errors.Is(err, ErrBadData) {
			t.Errorf("perplexity %v: error %v", perplexity, err)
		}
	}
	if _, err := NewTSNE(rng, x, 0, 5); !errors.Is(err, ErrBadData) {
		t.Errorf("0 dimensions: error %v", err)
	}
	badOptions := map[string]TSNEOptions{
		"negative learning rate":   {LearningRate: -1},
		"infinite learning rate":   {LearningRate: math.Inf(1)},
		"negative exaggeration":    {Exaggeration: -2},
		"negative exaggeration it": {ExaggerationIterations: -1},
		"momentum of 1":            {Momentum: 1},
		"negative final momentum":  {FinalMomentum: -0.1},
	}
	for name, opts := range badOptions {
		opts.Perplexity = 5
		if _, err := NewTSNEWithOptions(rng, x, 2, opts); !errors.Is(err, ErrBadData) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

func benchmarkTSNEIteration(b *testing.B, parallel bool) {
	rng := unsupervisedRNG(1)
	x, _ := gaussianBlobs(rng, randomCentres(rng, 10, 20, 5), 100, 1)
	tsne, err := NewTSNE(rng, x, 2, 30)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if parallel {
			err = tsne.StepContext(context.Background(), 1)
		} else {
			err = tsne.Step(1)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTSNEIteration: one exact-gradient iteration on 1,000 points, on
// the calling goroutine.
func BenchmarkTSNEIteration(b *testing.B) { benchmarkTSNEIteration(b, false) }

// BenchmarkTSNEIterationParallel: the same on the worker budget.
func BenchmarkTSNEIterationParallel(b *testing.B) { benchmarkTSNEIteration(b, true) }

// BenchmarkNewTSNE: distances and perplexity calibration for 1,000 points
// in 20 dimensions, perplexity 30.
func BenchmarkNewTSNE(b *testing.B) {
	rng := unsupervisedRNG(1)
	x, _ := gaussianBlobs(rng, randomCentres(rng, 10, 20, 5), 100, 1)
	for b.Loop() {
		if _, err := NewTSNE(rng, x, 2, 30); err != nil {
			b.Fatal(err)
		}
	}
}

// referenceGradient is the t-SNE gradient written straight from its
// formula, 4·Σⱼ (e·pᵢⱼ − wᵢⱼ/Z)·wᵢⱼ·(yᵢ − yⱼ), pair by pair in both orders.
func referenceGradient(tsne *TSNE, exaggeration float64) *mat.Dense {
	n, dims := tsne.n, tsne.dims
	kernel := mat.NewDense(n, n, nil)
	normaliser := 0.0
	for i := range n {
		for j := range n {
			if i != j {
				yi, yj := tsne.embedding.RawRowView(i), tsne.embedding.RawRowView(j)
				w := 1 / (1 + squaredDistance(yi, yj))
				kernel.Set(i, j, w)
				normaliser += w
			}
		}
	}
	grad := mat.NewDense(n, dims, nil)
	for i := range n {
		for j := range n {
			w := kernel.At(i, j)
			scale := 4 * (exaggeration*tsne.affinity.At(i, j) - w/normaliser) * w
			for c := range dims {
				d := tsne.embedding.At(i, c) - tsne.embedding.At(j, c)
				grad.Set(i, c, grad.At(i, c)+scale*d)
			}
		}
	}
	return grad
}

func TestTSNETiledGradientMatchesFormula(t *testing.T) {
	const tolerance = 1e-10 // relative to the largest gradient entry
	for _, dims := range []int{2, 3} {
		rng := unsupervisedRNG(13)
		x, _ := gaussianBlobs(rng, randomCentres(rng, 3, 6, 4), 110, 1) // 330 rows: 2 blocks
		tsne, err := NewTSNE(rng, x, dims, 20)
		if err != nil {
			t.Fatal(err)
		}
		for e := range tsne.embedding.RawMatrix().Data {
			tsne.embedding.RawMatrix().Data[e] = 3 * rng.NormFloat64()
		}
		if len(tsne.pairTiles()) < 3 {
			t.Fatalf("%d tiles, want the pairs cut into several", len(tsne.pairTiles()))
		}
		want := referenceGradient(tsne, 4)
		got := mat.NewDense(tsne.n, dims, nil)
		if err := tsne.computeGradient(context.Background(), true, 4, got); err != nil {
			t.Fatal(err)
		}
		scale := mat.Norm(want, math.Inf(1))
		if !mat.EqualApprox(got, want, tolerance*scale) {
			t.Errorf("%d-D: tiled gradient differs from the formula", dims)
		}
	}
}

func TestTSNEStepsIdenticalWhateverTheWorkers(t *testing.T) {
	defer SetWorkerBudget(WorkerBudget())
	rng := unsupervisedRNG(14)
	x, _ := gaussianBlobs(rng, randomCentres(rng, 3, 6, 4), 100, 1)
	run := func(parallel bool, workers int) *mat.Dense {
		SetWorkerBudget(workers)
		tsne, err := NewTSNE(unsupervisedRNG(15), x, 2, 20)
		if err != nil {
			t.Fatal(err)
		}
		if parallel {
			err = tsne.StepContext(context.Background(), 30)
		} else {
			err = tsne.Step(30)
		}
		if err != nil {
			t.Fatal(err)
		}
		return tsne.Embedding()
	}
	serial := run(false, 1)
	for _, workers := range []int{1, 2, 8} {
		if !mat.Equal(serial, run(true, workers)) {
			t.Errorf("%d workers: embedding differs from the serial one", workers)
		}
	}
}

func TestTSNEStepContextStopsWhenCancelled(t *testing.T) {
	rng := unsupervisedRNG(16)
	x, _ := gaussianBlobs(rng, randomCentres(rng, 2, 3, 3), 20, 1)
	tsne, err := NewTSNE(rng, x, 2, 5)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tsne.StepContext(ctx, 10); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if tsne.Iteration() != 0 {
		t.Errorf("%d iterations ran after cancellation", tsne.Iteration())
	}
}
