package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// unsupervisedRNG returns the seeded source the unsupervised tests use.
func unsupervisedRNG(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x5eed))
}

// gaussianBlobs draws perBlob points around each centre with the given
// standard deviation, returning the points (n, d) and each point's blob.
func gaussianBlobs(rng *rand.Rand, centres [][]float64, perBlob int,
	spread float64) (*mat.Dense, []int) {
	d := len(centres[0])
	x := mat.NewDense(len(centres)*perBlob, d, nil)
	labels := make([]int, 0, len(centres)*perBlob)
	for b, centre := range centres {
		for p := range perBlob {
			row := x.RawRowView(b*perBlob + p)
			for j := range row {
				row[j] = centre[j] + spread*rng.NormFloat64()
			}
			labels = append(labels, b)
		}
	}
	return x, labels
}

// isSamePartition reports whether two labelings group the points
// identically, whatever the label names.
func isSamePartition(want, got []int) bool {
	forward, backward := map[int]int{}, map[int]int{}
	for i := range want {
		if g, ok := forward[want[i]]; ok && g != got[i] {
			return false
		}
		if w, ok := backward[got[i]]; ok && w != want[i] {
			return false
		}
		forward[want[i]], backward[got[i]] = got[i], want[i]
	}
	return true
}

func TestPairwiseSquaredDistancesMatchesDirect(t *testing.T) {
	const tolerance = 1e-9
	rng := unsupervisedRNG(1)
	x := mat.NewDense(30, 5, nil)
	for i := range 30 {
		for j := range 5 {
			x.Set(i, j, 1000+rng.NormFloat64()) // far from the origin on purpose
		}
	}
	dist := pairwiseSquaredDistances(x)
	for i := range 30 {
		for j := range 30 {
			want := squaredDistance(x.RawRowView(i), x.RawRowView(j))
			if got := dist.At(i, j); math.Abs(got-want) > tolerance*(1+want) {
				t.Fatalf("distance (%d, %d) = %v, want %v", i, j, got, want)
			}
		}
	}
}

func TestCheckDataRejectsBadInput(t *testing.T) {
	nan := mat.NewDense(2, 2, []float64{1, 2, math.NaN(), 4})
	inf := mat.NewDense(2, 2, []float64{1, 2, 3, math.Inf(-1)})
	cases := []struct {
		name    string
		x       *mat.Dense
		minRows int
	}{
		{"nil", nil, 1},
		{"nan", nan, 1},
		{"inf", inf, 1},
		{"too few rows", mat.NewDense(2, 2, nil), 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkData("test", tc.x, tc.minRows); err == nil {
				t.Fatal("accepted bad data")
			}
		})
	}
}
