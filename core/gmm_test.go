package core

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// stretchedBlobs draws perBlob points from each of len(centres) Gaussians
// whose shapes are random linear maps, so full covariance has work to do.
func stretchedBlobs(rng *rand.Rand, centres [][]float64, perBlob int) (*mat.Dense, []int) {
	d := len(centres[0])
	x := mat.NewDense(len(centres)*perBlob, d, nil)
	labels := make([]int, 0, len(centres)*perBlob)
	noise := make([]float64, d)
	for b, centre := range centres {
		shape := mat.NewDense(d, d, nil)
		for j := range d {
			for l := range d {
				shape.Set(j, l, 0.6*rng.NormFloat64())
			}
		}
		for p := range perBlob {
			for j := range noise {
				noise[j] = rng.NormFloat64()
			}
			row := x.RawRowView(b*perBlob + p)
			for j := range row {
				row[j] = centre[j] + mat.Dot(shape.RowView(j), mat.NewVecDense(d, noise))
			}
			labels = append(labels, b)
		}
	}
	return x, labels
}

// randomCentres returns k centres in d dimensions spread with the given scale.
func randomCentres(rng *rand.Rand, k, d int, scale float64) [][]float64 {
	centres := make([][]float64, k)
	for c := range centres {
		centres[c] = make([]float64, d)
		for j := range centres[c] {
			centres[c][j] = scale * rng.NormFloat64()
		}
	}
	return centres
}

func TestEMLogLikelihoodNeverDecreases(t *testing.T) {
	const steps = 80
	datasets := []struct {
		name string
		make func(rng *rand.Rand) *mat.Dense
		// ridgeBinds marks data where the covariance ridge holds a
		// component up: EM then climbs the penalised objective, and the
		// log-likelihood alone may dip by a hair (4.5e-9 relative, seen on
		// the clumps below), so only the objective is checked there.
		ridgeBinds bool
	}{
		// Overlapping components, more fitted than drawn: a long climb.
		{"overlapping 3-D", func(rng *rand.Rand) *mat.Dense {
			x, _ := stretchedBlobs(rng, randomCentres(rng, 3, 3, 1.5), 80)
			return x
		}, false},
		{"overlapping 5-D", func(rng *rand.Rand) *mat.Dense {
			x, _ := stretchedBlobs(rng, randomCentres(rng, 3, 5, 1.5), 80)
			return x
		}, false},
		// Tight clumps of five points: components shrink onto them until
		// the covariance ridge holds them.
		{"clumps", func(rng *rand.Rand) *mat.Dense {
			x, _ := gaussianBlobs(rng, randomCentres(rng, 6, 2, 3), 5, 1e-3)
			return x
		}, true},
	}
	for seed, data := range datasets {
		for _, kind := range []CovarianceKind{FullCovariance, DiagonalCovariance} {
			for _, init := range []string{"kmeans", "random"} {
				t.Run(fmt.Sprintf("%s %v %s", data.name, kind, init), func(t *testing.T) {
					rng := unsupervisedRNG(uint64(seed + 1))
					x := data.make(rng)
					g := newInitialisedGMM(t, rng, x, 5, kind, init)
					checkEMClimbs(t, g, x, steps, !data.ridgeBinds)
				})
			}
		}
	}
}

// checkEMClimbs runs EM steps and fails if the penalised objective EM
// provably climbs (log-likelihood plus the ridge's log prior) or, when
// logLikToo, the log-likelihood itself falls by more than rounding.
func checkEMClimbs(t *testing.T, g *GMM, x *mat.Dense, steps int, logLikToo bool) {
	t.Helper()
	const roundingTolerance = 1e-10 // relative to the value
	previousLogLik, previousObjective := math.Inf(-1), math.Inf(-1)
	for step := range steps {
		prior := ridgeLogPrior(t, g)
		logLik, err := g.EMStep(x)
		if err != nil {
			t.Fatal(err)
		}
		objective := logLik + prior
		if logLikToo && logLik < previousLogLik-roundingTolerance*math.Abs(previousLogLik) {
			t.Fatalf("step %d: log-likelihood fell from %.12g to %.12g",
				step, previousLogLik, logLik)
		}
		if objective < previousObjective-roundingTolerance*math.Abs(previousObjective) {
			t.Fatalf("step %d: penalised objective fell from %.12g to %.12g",
				step, previousObjective, objective)
		}
		previousLogLik, previousObjective = logLik, objective
	}
}

// ridgeLogPrior returns −½ρ·Σₖ tr(Σₖ⁻¹), the log prior whose MAP update is
// the ridged M-step (see GMMRidge).
func ridgeLogPrior(t *testing.T, g *GMM) float64 {
	sum := 0.0
	for c := range g.Components() {
		var chol mat.Cholesky
		if !chol.Factorize(g.Covariance(c)) {
			t.Fatalf("component %d: covariance not positive definite", c)
		}
		var inverse mat.SymDense
		if err := chol.InverseTo(&inverse); err != nil {
			t.Fatal(err)
		}
		sum += mat.Trace(&inverse)
	}
	return -0.5 * g.ridge * sum
}

// newInitialisedGMM builds a mixture and initialises it the named way.
func newInitialisedGMM(t testing.TB, rng *rand.Rand, x *mat.Dense, k int,
	kind CovarianceKind, init string) *GMM {
	_, dim := x.Dims()
	g, err := NewGMM(k, dim, kind)
	if err != nil {
		t.Fatal(err)
	}
	if init == "random" {
		err = g.InitRandom(rng, x)
	} else {
		err = g.InitKMeans(rng, x)
	}
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestEMRecoversSeparatedComponents(t *testing.T) {
	const meanTolerance = 0.3 // true spread per coordinate is about 0.6–1
	const weightTolerance = 0.05
	for _, kind := range []CovarianceKind{FullCovariance, DiagonalCovariance} {
		t.Run(kind.String(), func(t *testing.T) {
			rng := unsupervisedRNG(11)
			centres := [][]float64{{-8, 0}, {8, 0}, {0, 12}}
			x, truth := stretchedBlobs(rng, centres, 200)
			g := newInitialisedGMM(t, rng, x, 3, kind, "random")
			for range 100 {
				if _, err := g.EMStep(x); err != nil {
					t.Fatal(err)
				}
			}
			if labels := g.Assign(x); !isSamePartition(truth, labels) {
				t.Error("assignments differ from the components that drew the points")
			}
			means, weights := g.Means(), g.Weights()
			for _, centre := range centres {
				c := nearestRow(means, centre)
				if d := math.Sqrt(squaredDistance(means.RawRowView(c), centre)); d > meanTolerance {
					t.Errorf("mean %v is %.3f from centre %v", means.RawRowView(c), d, centre)
				}
				if math.Abs(weights[c]-1.0/3) > weightTolerance {
					t.Errorf("weight %.3f for centre %v, want 1/3", weights[c], centre)
				}
			}
		})
	}
}

// nearestRow returns the index of the row of m closest to point.
func nearestRow(m *mat.Dense, point []float64) int {
	rows, _ := m.Dims()
	best := 0
	for r := range rows {
		if squaredDistance(m.RawRowView(r), point) < squaredDistance(m.RawRowView(best), point) {
			best = r
		}
	}
	return best
}

func TestGMMDensityIntegratesToOne(t *testing.T) {
	const integralTolerance = 2e-3
	for _, kind := range []CovarianceKind{FullCovariance, DiagonalCovariance} {
		t.Run(kind.String(), func(t *testing.T) {
			rng := unsupervisedRNG(5)
			x, _ := stretchedBlobs(rng, [][]float64{{-2, 0}, {2, 1}}, 100)
			g := newInitialisedGMM(t, rng, x, 2, kind, "kmeans")
			const half, cells = 15.0, 300
			step := 2 * half / cells
			integral := 0.0
			for a := range cells {
				for b := range cells {
					point := []float64{-half + (float64(a)+0.5)*step, -half + (float64(b)+0.5)*step}
					integral += math.Exp(g.LogDensity(point)) * step * step
				}
			}
			if math.Abs(integral-1) > integralTolerance {
				t.Fatalf("density integrates to %.5f over the box, want 1", integral)
			}
		})
	}
}

func TestGMMLogLikelihoodIsSumOfLogDensities(t *testing.T) {
	const tolerance = 1e-9
	rng := unsupervisedRNG(3)
	x, _ := stretchedBlobs(rng, randomCentres(rng, 3, 4, 3), 30)
	for _, kind := range []CovarianceKind{FullCovariance, DiagonalCovariance} {
		g := newInitialisedGMM(t, rng, x, 3, kind, "kmeans")
		sum := 0.0
		n, _ := x.Dims()
		for i := range n {
			sum += g.LogDensity(x.RawRowView(i))
		}
		if got := g.LogLikelihood(x); math.Abs(got-sum) > tolerance*math.Abs(sum) {
			t.Errorf("%v: LogLikelihood %v, sum of LogDensity %v", kind, got, sum)
		}
		for i, batched := range g.LogDensities(x) {
			single := g.LogDensity(x.RawRowView(i))
			if math.Abs(batched-single) > tolerance*math.Abs(single) {
				t.Fatalf("%v: row %d: LogDensities %v, LogDensity %v", kind, i, batched, single)
			}
		}
	}
}

func TestGMMNumParams(t *testing.T) {
	cases := []struct {
		k, dim int
		kind   CovarianceKind
		want   int
	}{
		{3, 2, FullCovariance, 2 + 6 + 9},
		{3, 2, DiagonalCovariance, 2 + 6 + 6},
		{1, 5, FullCovariance, 0 + 5 + 15},
		{4, 1, DiagonalCovariance, 3 + 4 + 4},
	}
	for _, tc := range cases {
		g, err := NewGMM(tc.k, tc.dim, tc.kind)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.NumParams(); got != tc.want {
			t.Errorf("k=%d dim=%d %v: %d parameters, want %d", tc.k, tc.dim, tc.kind, got, tc.want)
		}
	}
}

func TestGMMBICPrefersTheTrueComponentCount(t *testing.T) {
	rng := unsupervisedRNG(21)
	x, _ := stretchedBlobs(rng, [][]float64{{-6, 0}, {6, 0}, {0, 9}}, 120)
	bestK, bestBIC := 0, math.Inf(1)
	for k := 1; k <= 6; k++ {
		g := newInitialisedGMM(t, rng, x, k, FullCovariance, "kmeans")
		for range 60 {
			if _, err := g.EMStep(x); err != nil {
				t.Fatal(err)
			}
		}
		if bic := g.BIC(x); bic < bestBIC {
			bestK, bestBIC = k, bic
		}
	}
	if bestK != 3 {
		t.Fatalf("BIC chose %d components, want 3", bestK)
	}
}

func TestGMMRejectsBadArguments(t *testing.T) {
	if _, err := NewGMM(0, 2, FullCovariance); !errors.Is(err, ErrBadData) {
		t.Errorf("k = 0: error %v", err)
	}
	if _, err := NewGMM(2, 2, CovarianceKind(7)); !errors.Is(err, ErrBadData) {
		t.Errorf("unknown kind: error %v", err)
	}
	g, err := NewGMM(5, 2, DiagonalCovariance)
	if err != nil {
		t.Fatal(err)
	}
	tooFew := mat.NewDense(3, 2, nil)
	if err := g.InitRandom(unsupervisedRNG(1), tooFew); !errors.Is(err, ErrBadData) {
		t.Errorf("fewer points than components: error %v", err)
	}
	x := mat.NewDense(6, 2, []float64{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5})
	if err := g.InitFromLabels(x, []int{0, 1, 2, 3, 4, 5}); !errors.Is(err, ErrBadData) {
		t.Errorf("label out of range: error %v", err)
	}
}

func TestGMMCollapsedComponentStaysFinite(t *testing.T) {
	// Duplicated points invite a component to shrink onto them; the ridge
	// must keep its covariance positive definite and the likelihood finite.
	x := mat.NewDense(8, 2, []float64{1, 1, 1, 1, 1, 1, 1, 1, 5, 5, 6, 4, 4, 6, 5, 6})
	for _, kind := range []CovarianceKind{FullCovariance, DiagonalCovariance} {
		g, err := NewGMM(2, 2, kind)
		if err != nil {
			t.Fatal(err)
		}
		if err := g.InitKMeans(unsupervisedRNG(2), x); err != nil {
			t.Fatal(err)
		}
		for range 20 {
			logLik, err := g.EMStep(x)
			if err != nil || math.IsInf(logLik, 0) || math.IsNaN(logLik) {
				t.Fatalf("%v: log-likelihood %v, error %v", kind, logLik, err)
			}
		}
	}
}

func benchmarkEMStep(b *testing.B, kind CovarianceKind) {
	rng := unsupervisedRNG(1)
	x, _ := stretchedBlobs(rng, randomCentres(rng, 5, 8, 4), 200)
	g := newInitialisedGMM(b, rng, x, 5, kind, "kmeans")
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.EMStep(x); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEMStepFull: 1,000 points, 8 dimensions, 5 full-covariance components.
func BenchmarkEMStepFull(b *testing.B) { benchmarkEMStep(b, FullCovariance) }

// BenchmarkEMStepDiagonal: 1,000 points, 8 dimensions, 5 diagonal components.
func BenchmarkEMStepDiagonal(b *testing.B) { benchmarkEMStep(b, DiagonalCovariance) }

// densityGrid returns the centres of a 160×96 grid of pixels over [−10, 10]².
func densityGrid() *mat.Dense {
	const width, height = 160, 96
	grid := mat.NewDense(width*height, 2, nil)
	for r := range height {
		for c := range width {
			grid.SetRow(r*width+c, []float64{-10 + 20*(float64(c)+0.5)/width,
				-10 + 20*(float64(r)+0.5)/height})
		}
	}
	return grid
}

// BenchmarkGMMLogDensityMap: a 160×96 density map of a 5-component full
// mixture in 2-D, one LogDensity call per pixel.
func BenchmarkGMMLogDensityMap(b *testing.B) {
	rng := unsupervisedRNG(1)
	x, _ := stretchedBlobs(rng, randomCentres(rng, 5, 2, 4), 100)
	g := newInitialisedGMM(b, rng, x, 5, FullCovariance, "kmeans")
	grid := densityGrid()
	rows, _ := grid.Dims()
	b.ResetTimer()
	for b.Loop() {
		for i := range rows {
			g.LogDensity(grid.RawRowView(i))
		}
	}
}

// BenchmarkGMMLogDensitiesMap: the same map through one LogDensities call.
func BenchmarkGMMLogDensitiesMap(b *testing.B) {
	rng := unsupervisedRNG(1)
	x, _ := stretchedBlobs(rng, randomCentres(rng, 5, 2, 4), 100)
	g := newInitialisedGMM(b, rng, x, 5, FullCovariance, "kmeans")
	grid := densityGrid()
	b.ResetTimer()
	for b.Loop() {
		g.LogDensities(grid)
	}
}
