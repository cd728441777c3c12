package core

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestKMeansRecoversSeparatedBlobs(t *testing.T) {
	centres := [][]float64{{0, 0}, {10, 0}, {0, 10}, {10, 10}, {5, 20}}
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		rng := unsupervisedRNG(seed)
		x, truth := gaussianBlobs(rng, centres, 40, 0.8)
		result, err := KMeans(rng, x, len(centres), 100)
		if err != nil {
			t.Fatal(err)
		}
		if !result.Converged {
			t.Errorf("seed %d: not converged after %d iterations", seed, result.Iterations)
		}
		if !isSamePartition(truth, result.Labels) {
			t.Errorf("seed %d: partition differs from the blobs (inertia %.1f)",
				seed, result.Inertia)
		}
	}
}

func TestKMeansInertiaNeverIncreases(t *testing.T) {
	const roundingTolerance = 1e-9
	rng := unsupervisedRNG(7)
	// Overlapping blobs and many clusters: Lloyd takes many steps here.
	x, _ := gaussianBlobs(rng, [][]float64{{0, 0}, {2, 1}, {1, 3}}, 100, 1.5)
	run, err := NewKMeansRun(rng, x, 12)
	if err != nil {
		t.Fatal(err)
	}
	previous := run.Inertia()
	for step := range 50 {
		run.Step()
		if run.Inertia() > previous*(1+roundingTolerance) {
			t.Fatalf("step %d: inertia rose from %v to %v", step, previous, run.Inertia())
		}
		previous = run.Inertia()
	}
}

func TestKMeansRefillsEmptyCluster(t *testing.T) {
	// Four points, three clusters, every centroid on the duplicated point:
	// two clusters start empty and must each take a point.
	x := mat.NewDense(4, 1, []float64{0, 0, 5, 9})
	run, err := NewKMeansRun(unsupervisedRNG(1), x, 3)
	if err != nil {
		t.Fatal(err)
	}
	run.centroids = mat.NewDense(3, 1, []float64{0, 0, 0})
	run.Step()
	result := run.Result()
	used := map[int]bool{}
	for _, label := range result.Labels {
		used[label] = true
	}
	if len(used) != 3 {
		t.Fatalf("labels %v use %d clusters, want 3", result.Labels, len(used))
	}
}

func TestKMeansRejectsBadArguments(t *testing.T) {
	x := mat.NewDense(5, 2, nil)
	cases := []struct {
		name       string
		k, maxIter int
	}{
		{"zero clusters", 0, 10},
		{"more clusters than points", 6, 10},
		{"no iterations", 2, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := KMeans(unsupervisedRNG(1), x, tc.k, tc.maxIter)
			if !errors.Is(err, ErrBadData) {
				t.Fatalf("error %v, want one wrapping ErrBadData", err)
			}
		})
	}
}

func BenchmarkKMeansStep(b *testing.B) {
	rng := unsupervisedRNG(1)
	centres := make([][]float64, 10)
	for c := range centres {
		centres[c] = make([]float64, 16)
		for j := range centres[c] {
			centres[c][j] = 10 * rng.NormFloat64()
		}
	}
	x, _ := gaussianBlobs(rng, centres, 200, 1)
	run, err := NewKMeansRun(rng, x, 10)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		run.Step()
	}
}
