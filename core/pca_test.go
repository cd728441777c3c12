package core

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// randomRotation returns a random d×d orthogonal matrix (Q of a Gaussian
// matrix's QR decomposition).
func randomRotation(rng *rand.Rand, d int) *mat.Dense {
	gaussian := mat.NewDense(d, d, nil)
	for i := range d {
		for j := range d {
			gaussian.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(gaussian)
	var q mat.Dense
	qr.QTo(&q)
	return &q
}

// axisAlignedData returns n points whose columns are centred, mutually
// orthogonal and have exactly the given standard deviations (divisor n−1),
// so their sample covariance is exactly diagonal.
func axisAlignedData(rng *rand.Rand, n int, deviations []float64) *mat.Dense {
	d := len(deviations)
	columns := mat.NewDense(d, n, nil)
	for j := range d {
		for i := range n {
			columns.Set(j, i, rng.NormFloat64())
		}
		row := columns.RawRowView(j)
		mean := 0.0
		for _, v := range row {
			mean += v / float64(n)
		}
		for i := range row {
			row[i] -= mean // centred, so orthogonal to the all-ones vector
		}
	}
	orthonormaliseRows(rng, columns)
	for j, deviation := range deviations {
		row := columns.RawRowView(j)
		for i := range row {
			row[i] *= deviation * math.Sqrt(float64(n-1))
		}
	}
	return mat.DenseCopyOf(columns.T())
}

func TestPCARecoversRotatedAxes(t *testing.T) {
	const tolerance = 1e-9
	deviations := []float64{5, 2, 1, 0.5}
	rng := unsupervisedRNG(4)
	rotation := randomRotation(rng, len(deviations))
	aligned := axisAlignedData(rng, 500, deviations)
	var x mat.Dense
	x.Mul(aligned, rotation.T()) // point i is R·zᵢ
	shift := []float64{3, -1, 7, 2}
	for i := range 500 {
		for j, s := range shift {
			x.Set(i, j, x.At(i, j)+s)
		}
	}

	pca, err := FitPCA(&x, 3)
	if err != nil {
		t.Fatal(err)
	}
	for c := range 3 {
		axis := mat.Col(nil, c, rotation)
		if cos := math.Abs(dotProduct(axis, pca.Components.RawRowView(c))); 1-cos > tolerance {
			t.Errorf("component %d: |cos| with the true axis %.12f", c, cos)
		}
		want := deviations[c] * deviations[c]
		if math.Abs(pca.Variances[c]-want) > tolerance*want {
			t.Errorf("component %d: variance %v, want %v", c, pca.Variances[c], want)
		}
		if math.Abs(pca.Mean[c]-shift[c]) > tolerance {
			t.Errorf("mean %d: %v, want %v", c, pca.Mean[c], shift[c])
		}
	}
	if math.Abs(pca.TotalVariance-(25+4+1+0.25)) > tolerance {
		t.Errorf("total variance %v, want 30.25", pca.TotalVariance)
	}
}

func TestPCARoundTripWithAllComponents(t *testing.T) {
	const tolerance = 1e-9
	rng := unsupervisedRNG(8)
	x, _ := stretchedBlobs(rng, randomCentres(rng, 2, 5, 3), 40)
	pca, err := FitPCA(x, 5)
	if err != nil {
		t.Fatal(err)
	}
	back := pca.InverseTransform(pca.Transform(x))
	if !mat.EqualApprox(back, x, tolerance) {
		t.Fatal("InverseTransform(Transform(x)) differs from x")
	}
	ratios := pca.ExplainedVarianceRatio()
	sum := 0.0
	for c, r := range ratios {
		sum += r
		if c > 0 && r > ratios[c-1] {
			t.Errorf("ratios %v not decreasing", ratios)
		}
	}
	if math.Abs(sum-1) > tolerance {
		t.Errorf("ratios sum to %v with every component, want 1", sum)
	}
}

func TestPCARejectsBadArguments(t *testing.T) {
	x := mat.NewDense(4, 3, nil)
	for _, k := range []int{0, 4} {
		if _, err := FitPCA(x, k); !errors.Is(err, ErrBadData) {
			t.Errorf("k = %d: error %v", k, err)
		}
	}
	if _, err := FitPCA(mat.NewDense(1, 3, nil), 1); !errors.Is(err, ErrBadData) {
		t.Errorf("one point: error %v", err)
	}
}

// BenchmarkFitPCA: 1,000 points in 64 dimensions, 10 components.
func BenchmarkFitPCA(b *testing.B) {
	rng := unsupervisedRNG(1)
	x, _ := stretchedBlobs(rng, randomCentres(rng, 10, 64, 3), 100)
	b.ResetTimer()
	for b.Loop() {
		if _, err := FitPCA(x, 10); err != nil {
			b.Fatal(err)
		}
	}
}
