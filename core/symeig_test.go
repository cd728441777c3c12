package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// symmetricWithSpectrum returns Q·diag(values)·Qᵀ for a random rotation Q.
func symmetricWithSpectrum(rng *rand.Rand, values []float64) *mat.SymDense {
	n := len(values)
	rotation := randomRotation(rng, n)
	scaled := mat.DenseCopyOf(rotation)
	for j, v := range values {
		for i := range n {
			scaled.Set(i, j, scaled.At(i, j)*v)
		}
	}
	var product mat.Dense
	product.Mul(scaled, rotation.T())
	sym := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, 0.5*(product.At(i, j)+product.At(j, i)))
		}
	}
	return sym
}

func TestTopEigenSymMatchesFullDecomposition(t *testing.T) {
	cases := []struct {
		name     string
		n, k     int
		spectrum func(i, n int) float64
		// iterates says the subspace iteration itself must vouch for
		// the answer, rather than the full decomposition it falls back on.
		iterates bool
	}{
		{"decaying", 200, 3, func(i, n int) float64 {
			return 100 * math.Pow(0.9, float64(i))
		}, true},
		{"mds-like with negatives", 240, 2, func(i, n int) float64 {
			if i%5 == 4 {
				return -20 * math.Pow(0.8, float64(i))
			}
			return 500 * math.Pow(0.7, float64(i))
		}, true},
		{"slow gap", 160, 4, func(i, n int) float64 { return 10 - 0.05*float64(i) }, true},
		{"negatives outweigh", 160, 2, func(i, n int) float64 {
			// The twelve largest magnitudes are negative and well apart, so
			// the block settles on them quickly and must not report them.
			if i < 12 {
				return -100 * math.Pow(0.5, float64(i))
			}
			return 1e-3 * math.Pow(0.5, float64(i-12))
		}, false},
		{"small", 30, 2, func(i, n int) float64 { return float64(n - i) }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := unsupervisedRNG(uint64(tc.n))
			values := make([]float64, tc.n)
			for i := range values {
				values[i] = tc.spectrum(i, tc.n)
			}
			a := symmetricWithSpectrum(rng, values)
			got, gotVectors, err := TopEigenSym(rng, a, tc.k)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, ok := topEigenSubspace(rng, a, tc.k, 2*tc.k+8); tc.iterates && !ok {
				t.Error("subspace iteration fell back to the full decomposition")
			}
			compareWithEigenSym(t, a, got, gotVectors)
		})
	}
}

// compareWithEigenSym checks eigenpairs against gonum's full EigenSym.
func compareWithEigenSym(t *testing.T, a *mat.SymDense, got []float64, gotVectors *mat.Dense) {
	t.Helper()
	const valueTolerance = 1e-8  // relative to the largest eigenvalue
	const vectorTolerance = 1e-6 // on 1 − |cos| between the two solvers' vectors
	want, wantVectors, err := topEigenDirect(a, len(got))
	if err != nil {
		t.Fatal(err)
	}
	scale := math.Abs(want[0])
	for j := range got {
		if math.Abs(got[j]-want[j]) > valueTolerance*scale {
			t.Errorf("value %d: %v, EigenSym %v", j, got[j], want[j])
		}
		gotVector, wantVector := mat.Col(nil, j, gotVectors), mat.Col(nil, j, wantVectors)
		if cos := math.Abs(dotProduct(gotVector, wantVector)); 1-cos > vectorTolerance {
			t.Errorf("vector %d: |cos| %v with EigenSym's", j, cos)
		}
	}
}

func benchmarkTopEigen(b *testing.B, direct bool) {
	const n = 1000
	rng := unsupervisedRNG(1)
	values := make([]float64, n)
	for i := range values {
		values[i] = 500 * math.Pow(0.7, float64(i))
	}
	a := symmetricWithSpectrum(rng, values)
	b.ResetTimer()
	for b.Loop() {
		if direct {
			_, _, _ = topEigenDirect(a, 2)
		} else {
			_, _, _ = TopEigenSym(rng, a, 2)
		}
	}
}

// BenchmarkTopEigenSym: top 2 pairs of a 1,000×1,000 matrix by subspace iteration.
func BenchmarkTopEigenSym(b *testing.B) { benchmarkTopEigen(b, false) }

// BenchmarkTopEigenSymDirect: the same through gonum's full EigenSym.
func BenchmarkTopEigenSymDirect(b *testing.B) { benchmarkTopEigen(b, true) }
