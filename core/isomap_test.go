package core

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// swissRoll draws n points on a rolled-up sheet in 3-D and returns them
// with each point's position along the roll (the angle t).
func swissRoll(rng *rand.Rand, n int, height float64) (*mat.Dense, []float64) {
	x := mat.NewDense(n, 3, nil)
	along := make([]float64, n)
	for i := range n {
		t := 1.5 * math.Pi * (1 + 2*rng.Float64())
		x.SetRow(i, []float64{t * math.Cos(t), height * rng.Float64(), t * math.Sin(t)})
		along[i] = t
	}
	return x, along
}

// ranks returns the rank of each value (0 for the smallest); values are
// assumed distinct, as continuous draws are.
func ranks(values []float64) []float64 {
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareFloat(values[a], values[b]) })
	rank := make([]float64, len(values))
	for r, i := range order {
		rank[i] = float64(r)
	}
	return rank
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// spearman returns the rank correlation of a and b.
func spearman(a, b []float64) float64 {
	ra, rb := ranks(a), ranks(b)
	mean := float64(len(a)-1) / 2
	var cov, va, vb float64
	for i := range ra {
		cov += (ra[i] - mean) * (rb[i] - mean)
		va += (ra[i] - mean) * (ra[i] - mean)
		vb += (rb[i] - mean) * (rb[i] - mean)
	}
	return cov / math.Sqrt(va*vb)
}

func TestIsomapUnrollsSwissRoll(t *testing.T) {
	const minRankCorrelation = 0.9
	// The roll is drawn uniformly in angle, so its outer turns are sparse:
	// with 500 points, 8 or more neighbours start to bridge adjacent turns
	// for some seeds (the short circuits Isomap is known for); 6 stay on
	// the sheet.
	for _, seed := range []uint64{1, 2, 3} {
		rng := unsupervisedRNG(seed)
		x, along := swissRoll(rng, 500, 15)
		embedding, err := Isomap(context.Background(), x, 6, 2)
		if err != nil {
			t.Fatal(err)
		}
		first := mat.Col(nil, 0, embedding)
		if rho := math.Abs(spearman(first, along)); rho < minRankCorrelation {
			t.Errorf("seed %d: |Spearman| of the first coordinate with the roll angle "+
				"%.3f, want ≥ %v", seed, rho, minRankCorrelation)
		}
		// The straight-line embedding of the same roll does not unroll it:
		// the test can tell the two apart.
		pca, err := FitPCA(x, 1)
		if err != nil {
			t.Fatal(err)
		}
		linear := mat.Col(nil, 0, pca.Transform(x))
		if rho := math.Abs(spearman(linear, along)); rho >= minRankCorrelation {
			t.Errorf("seed %d: PCA alone reaches %.3f; the roll is too easy", seed, rho)
		}
	}
}

func TestShortestPathsMatchFloydWarshall(t *testing.T) {
	const tolerance = 1e-12
	rng := unsupervisedRNG(9)
	x, _ := gaussianBlobs(rng, [][]float64{{0, 0, 0}}, 60, 1)
	squared := pairwiseSquaredDistances(x)
	graph := neighbourGraph(squared, 4)
	n := len(graph)
	want := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			want.Set(i, j, math.Inf(1))
		}
		want.Set(i, i, 0)
		for _, e := range graph[i] {
			want.Set(i, e.to, e.length)
		}
	}
	for via := range n {
		for i := range n {
			for j := range n {
				want.Set(i, j, min(want.At(i, j), want.At(i, via)+want.At(via, j)))
			}
		}
	}
	got := mat.NewDense(n, n, nil)
	if err := shortestPaths(context.Background(), graph, got); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		for j := range n {
			if w := want.At(i, j); math.Abs(got.At(i, j)-w) > tolerance*(1+w) {
				t.Fatalf("path %d→%d: %v, Floyd–Warshall %v", i, j, got.At(i, j), w)
			}
		}
	}
}

func TestIsomapOfALineKeepsItsDistances(t *testing.T) {
	const tolerance = 1e-8
	positions := []float64{0, 1, 1.5, 3, 4.5, 5, 7, 7.2, 9, 12}
	x := mat.NewDense(len(positions), 2, nil)
	for i, p := range positions {
		x.SetRow(i, []float64{p * 0.6, p * 0.8}) // a line through the plane
	}
	embedding, err := Isomap(context.Background(), x, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range positions {
		for j := range positions {
			want := math.Abs(positions[i] - positions[j])
			got := math.Abs(embedding.At(i, 0) - embedding.At(j, 0))
			if math.Abs(got-want) > tolerance {
				t.Fatalf("distance %d–%d: %v, want %v", i, j, got, want)
			}
		}
	}
}

func TestIsomapReportsBadInput(t *testing.T) {
	rng := unsupervisedRNG(3)
	apart, _ := gaussianBlobs(rng, [][]float64{{0, 0}, {100, 0}}, 20, 1)
	cases := []struct {
		name             string
		x                *mat.Dense
		neighbours, dims int
		want             error
	}{
		{"two far blobs", apart, 5, 2, ErrDisconnectedGraph},
		{"no neighbours", apart, 0, 2, ErrBadData},
		{"too many neighbours", apart, 40, 2, ErrBadData},
		{"no dimensions", apart, 5, 0, ErrBadData},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Isomap(context.Background(), tc.x, tc.neighbours, tc.dims)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want one wrapping %v", err, tc.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Isomap(ctx, apart, 30, 2); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
}

// BenchmarkIsomap: a 1,000-point Swiss roll, 10 neighbours, 2 dimensions.
func BenchmarkIsomap(b *testing.B) {
	x, _ := swissRoll(unsupervisedRNG(1), 1000, 15)
	for b.Loop() {
		if _, err := Isomap(context.Background(), x, 10, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func TestIsomapBridgesPieces(t *testing.T) {
	rng := unsupervisedRNG(5)
	centres := [][]float64{{0, 0, 0}, {40, 0, 0}, {0, 60, 0}}
	x, labels := gaussianBlobs(rng, centres, 30, 1)
	if _, err := Isomap(context.Background(), x, 5, 2); !errors.Is(err, ErrDisconnectedGraph) {
		t.Fatalf("without bridges: error %v, want ErrDisconnectedGraph", err)
	}
	opts := IsomapOptions{Neighbours: 5, Dims: 2, BridgeComponents: true}
	embedding, err := IsomapWithOptions(context.Background(), x, opts)
	if err != nil {
		t.Fatal(err)
	}
	spread, gap := clusterSpreadAndGap(embedding, labels, len(centres))
	if gap <= 2*spread {
		t.Errorf("bridged pieces: smallest gap %.3f between pieces, largest spread %.3f",
			gap, spread)
	}
}

func TestBridgeComponentsAddsTheShortestEdges(t *testing.T) {
	// Two pairs on a line: {0, 1} and {5, 7}; the bridge must join 1 and 5.
	x := mat.NewDense(4, 1, []float64{0, 1, 5, 7})
	squared := pairwiseSquaredDistances(x)
	graph := neighbourGraph(squared, 1)
	labels, pieces := componentLabels(graph)
	if pieces != 2 {
		t.Fatalf("%d pieces before bridging, want 2", pieces)
	}
	bridgeComponents(graph, squared, labels, pieces)
	if _, after := componentLabels(graph); after != 1 {
		t.Fatalf("%d pieces after bridging, want 1", after)
	}
	found := false
	for _, e := range graph[1] {
		found = found || e.to == 2 && e.length == 4
	}
	if !found {
		t.Errorf("edges of point 1: %v, want a bridge of length 4 to point 2", graph[1])
	}
}
