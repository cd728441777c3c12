package partitions

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// marginTol is how closely two solvers must agree on an optimal margin.
const marginTol = 1e-7

func line(wx, wy, b float64) Hyperplane { return normalised([]float64{wx, wy}, b) }

func TestMarginHandMade(t *testing.T) {
	square := []Hyperplane{line(1, 0, 1), line(-1, 0, 1), line(0, 1, 1), line(0, -1, 1)}
	tests := []struct {
		name     string
		planes   []Hyperplane
		positive []bool
		want     float64
	}{
		// |x| < 1, |y| < 1: the inscribed disc has radius 1.
		{"inside the square", square, []bool{true, true, true, true}, 1},
		// x > 1 and x < −1 at once: empty, best margin −1.
		{"both outside x", square[:2], []bool{false, false}, -1},
		// x > −1 alone: unbounded, capped at 1.
		{"one half-plane", square[:1], []bool{true}, 1},
		// the strip 0 < x < 0.5: half-width 0.25.
		{"thin strip", []Hyperplane{line(1, 0, 0), line(1, 0, -0.5)}, []bool{true, false}, 0.25},
		// x > 0, y > 0, x + y < 1: inradius of the right triangle (2 − √2)/2.
		{"triangle", []Hyperplane{line(1, 0, 0), line(0, 1, 0), line(1, 1, -1)},
			[]bool{true, true, false}, (2 - math.Sqrt2) / 2},
		// x > 0, y > 0, x + y < 0: empty, touching only at the origin.
		{"degenerate corner", []Hyperplane{line(1, 0, 0), line(0, 1, 0), line(1, 1, 0)},
			[]bool{true, true, false}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, x, err := regionMargin(tc.planes, 2, tc.positive)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tc.want) > marginTol {
				t.Fatalf("margin %v, want %v", got, tc.want)
			}
			for i, p := range tc.planes {
				dist := p.eval(x)
				if !tc.positive[i] {
					dist = -dist
				}
				if dist < got-marginTol {
					t.Fatalf("witness %v has margin %v < %v on plane %d", x, dist, got, i)
				}
			}
		})
	}
}

// gonumMargin solves the same margin program with gonum's general simplex.
func gonumMargin(planes []Hyperplane, d int, positive []bool) (float64, error) {
	n := len(planes)
	g := mat.NewDense(n+1, d+1, nil)
	h := make([]float64, n+1)
	for i, p := range planes {
		sign := -1.0
		if positive[i] {
			sign = 1
		}
		for j := range d {
			g.Set(i, j, -sign*p.Normal[j])
		}
		g.Set(i, d, 1)
		h[i] = sign * p.Offset
	}
	g.Set(n, d, 1)
	h[n] = 1
	c := make([]float64, d+1)
	c[d] = -1
	cNew, aNew, bNew := lp.Convert(c, g, h, nil, nil)
	f, _, err := lp.Simplex(cNew, aNew, bNew, 1e-10, nil)
	return -f, err
}

func TestMarginAgreesWithGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	for trial := range 200 {
		d := 2 + trial%4
		n := 1 + rng.IntN(10)
		planes := drawArrangement(rng, n, d, General)
		positive := make([]bool, n)
		for i := range positive {
			positive[i] = rng.IntN(2) == 1
		}
		got, _, err := regionMargin(planes, d, positive)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		want, err := gonumMargin(planes, d, positive)
		if err != nil {
			t.Fatalf("trial %d: gonum: %v", trial, err)
		}
		if math.Abs(got-want) > marginTol {
			t.Fatalf("trial %d (d=%d n=%d): margin %v, gonum %v", trial, d, n, got, want)
		}
	}
}

func TestRegionFormula(t *testing.T) {
	tests := []struct{ n, d, want int }{
		{0, 2, 1}, {1, 2, 2}, {2, 2, 4}, {3, 2, 7}, {4, 2, 11}, {16, 2, 137},
		{3, 3, 8}, {4, 3, 15}, {2, 6, 4}, {16, 6, 14893},
	}
	for _, tc := range tests {
		if got := regionFormula(tc.n, tc.d); got != tc.want {
			t.Errorf("regionFormula(%d, %d) = %d, want %d", tc.n, tc.d, got, tc.want)
		}
	}
}

func TestCountMatchesFormulaInGeneralPosition(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 3))
	for trial := range 24 {
		d := 2 + trial%3
		n := 10 + trial%4
		planes := drawArrangement(rng, n, d, General)
		if pos := checkPosition(planes, d); !pos.General {
			t.Fatalf("trial %d: random draw not in general position: %+v", trial, pos)
		}
		_, counts := countRegions(planes, d)
		for m, got := range counts {
			if want := regionFormula(m+1, d); got != want {
				t.Fatalf("trial %d d=%d: %d hyperplanes gave %d regions, formula %d",
					trial, d, m+1, got, want)
			}
		}
	}
}

func TestCountDegenerateArrangements(t *testing.T) {
	tests := []struct {
		name   string
		planes []Hyperplane
		want   int
	}{
		// Three lines in general position: Figure 15.7's seven regions.
		{"three lines", []Hyperplane{line(1, 0, 0), line(0, 1, 0), line(1, 1, -1)}, 7},
		// Three parallel lines: four strips, not seven.
		{"three parallel", []Hyperplane{line(1, 0, 0), line(1, 0, -1), line(1, 0, 1)}, 4},
		// Three lines through one point: six sectors.
		{"three concurrent", []Hyperplane{line(1, 0, 0), line(0, 1, 0), line(1, 1, 0)}, 6},
		// Two pairs of parallel lines: a 3×3 grid.
		{"grid", []Hyperplane{line(1, 0, 0), line(1, 0, 1), line(0, 1, 0), line(0, 1, 1)}, 9},
		// The same line twice: two regions, the second feature adds nothing.
		{"repeated", []Hyperplane{line(1, 2, 0.5), line(1, 2, 0.5)}, 2},
		// A feature with zero weights is constant: always on, or always off.
		{"constant on", []Hyperplane{line(1, 0, 0), line(0, 0, 2)}, 2},
		{"constant off", []Hyperplane{line(0, 0, 0), line(1, 0, 0), line(0, 1, 0)}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			regions, _ := countRegions(tc.planes, 2)
			if len(regions) != tc.want {
				t.Fatalf("%d regions, want %d", len(regions), tc.want)
			}
			assertWitnessesInside(t, tc.planes, regions)
		})
	}
}

// assertWitnessesInside checks every region's witness has the region's code.
func assertWitnessesInside(t *testing.T, planes []Hyperplane, regions []Region) {
	t.Helper()
	seen := map[uint32]bool{}
	for _, r := range regions {
		if seen[r.Code] {
			t.Fatalf("code %b counted twice", r.Code)
		}
		seen[r.Code] = true
		for i, p := range planes {
			if p.Side(r.Witness) != (r.Code&(1<<i) != 0) {
				t.Fatalf("witness %v of code %b on the wrong side of plane %d", r.Witness, r.Code, i)
			}
		}
	}
}

func TestCountRandomDegenerateLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for trial := range 10 {
		n := 3 + trial
		concurrent := drawArrangement(rng, n, 2, Concurrent)
		if got, _ := countRegions(concurrent, 2); len(got) != 2*n {
			t.Errorf("%d lines through the origin: %d regions, want %d", n, len(got), 2*n)
		}
		parallel := drawArrangement(rng, n, 2, Parallel)
		first := 0
		for _, p := range parallel {
			if p.Normal[0] == parallel[0].Normal[0] {
				first++
			}
		}
		want := (first + 1) * (n - first + 1)
		if got, _ := countRegions(parallel, 2); len(got) != want {
			t.Errorf("%d+%d parallel lines: %d regions, want %d", first, n-first, len(got), want)
		}
		if checkPosition(parallel, 2).General || checkPosition(concurrent, 2).General {
			t.Errorf("trial %d: degenerate layout reported in general position", trial)
		}
	}
}

func TestCountBruteForceAgreement(t *testing.T) {
	// Every one of the 2^n sign vectors checked by its own program must
	// agree with the incremental enumeration.
	rng := rand.New(rand.NewPCG(2, 9))
	for _, layout := range []Layout{General, Parallel, Concurrent} {
		planes := drawArrangement(rng, 8, 3, layout)
		regions, _ := countRegions(planes, 3)
		brute := 0
		positive := make([]bool, len(planes))
		for code := range 1 << len(planes) {
			for i := range positive {
				positive[i] = code&(1<<i) != 0
			}
			if m, _, err := regionMargin(planes, 3, positive); err == nil && m > feasibleMargin {
				brute++
			}
		}
		if brute != len(regions) {
			t.Errorf("%s: incremental %d regions, brute force %d", layoutNames[layout], len(regions), brute)
		}
	}
}

func BenchmarkCountRegions(b *testing.B) {
	for _, d := range []int{2, 4, 6} {
		planes := drawArrangement(rand.New(rand.NewPCG(1, 1)), 16, d, General)
		b.Run(fmt.Sprintf("d=%d/n=16", d), func(b *testing.B) {
			for b.Loop() {
				countRegions(planes, d)
			}
		})
	}
}

// BenchmarkMarginProgram solves one program of 16 hyperplanes with the
// tableau solver and with gonum's general simplex, side by side.
func BenchmarkMarginProgram(b *testing.B) {
	for _, d := range []int{2, 6} {
		rng := rand.New(rand.NewPCG(3, uint64(d)))
		planes := drawArrangement(rng, 16, d, General)
		positive := make([]bool, len(planes))
		for i := range positive {
			positive[i] = rng.IntN(2) == 1
		}
		b.Run(fmt.Sprintf("tableau/d=%d", d), func(b *testing.B) {
			for b.Loop() {
				regionMargin(planes, d, positive)
			}
		})
		b.Run(fmt.Sprintf("gonum/d=%d", d), func(b *testing.B) {
			for b.Loop() {
				gonumMargin(planes, d, positive)
			}
		})
	}
}

func TestCountIgnoresOrder(t *testing.T) {
	// The number of regions is a property of the set of hyperplanes; the
	// incremental enumeration must not depend on the order it adds them in.
	rng := rand.New(rand.NewPCG(13, 4))
	for _, layout := range []Layout{General, Parallel, Concurrent} {
		planes := drawArrangement(rng, 9, 3, layout)
		want, _ := countRegions(planes, 3)
		for range 3 {
			shuffled := slices.Clone(planes)
			rng.Shuffle(len(shuffled), func(i, j int) {
				shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
			})
			if got, _ := countRegions(shuffled, 3); len(got) != len(want) {
				t.Fatalf("%s: %d regions shuffled, %d in order", layoutNames[layout], len(got),
					len(want))
			}
		}
	}
}

// regionMargin, for the tests, solves one margin program: the largest t such that a point of
// the sign vector's region is at distance ≥ t from every hyperplane (capped
// at 1), and that point.
func regionMargin(planes []Hyperplane, dim int, positive []bool) (float64, []float64, error) {
	cons := make([]sideConstraint, len(planes))
	for i, p := range planes {
		sign := -1.0
		if positive[i] {
			sign = 1
		}
		cons[i] = sideConstraint{normal: p.Normal, offset: p.Offset, sign: sign}
	}
	var s marginSolver
	return s.solve(dim, cons)
}
