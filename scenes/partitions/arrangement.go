package partitions

import (
	"math"
	"math/rand/v2"
)

// Hyperplane is one binary feature h(x) = [Normal·x + Offset > 0] in R^d.
// Normal is unit length (see normalised), so Normal·x + Offset is the signed
// distance of x to the hyperplane.
type Hyperplane struct {
	Normal []float64
	Offset float64
}

// Side is the feature's value at x: true on the positive side.
func (h Hyperplane) Side(x []float64) bool { return h.eval(x) > 0 }

func (h Hyperplane) eval(x []float64) float64 {
	v := h.Offset
	for j, w := range h.Normal {
		v += w * x[j]
	}
	return v
}

// normalised returns the hyperplane w·x + b = 0 with a unit normal. When w
// is zero the feature [b > 0] is constant: the normal stays zero and the
// offset becomes +1 or −1, as if the hyperplane were at distance 1 outside
// everything, so the one side it has is a region and the other is empty.
func normalised(w []float64, b float64) Hyperplane {
	norm := 0.0
	for _, v := range w {
		norm += v * v
	}
	norm = math.Sqrt(norm)
	h := Hyperplane{Normal: make([]float64, len(w))}
	if norm == 0 {
		h.Offset = -1
		if b > 0 {
			h.Offset = 1
		}
		return h
	}
	for j, v := range w {
		h.Normal[j] = v / norm
	}
	h.Offset = b / norm
	return h
}

// Layout is how random hyperplanes are drawn.
type Layout int

const (
	// General draws normals uniformly on the sphere, each hyperplane through
	// a uniform point of [-1, 1]^d: in general position with probability one.
	General Layout = iota
	// Parallel draws normals from only two directions: families of parallel
	// hyperplanes, so the formula over-counts.
	Parallel
	// Concurrent puts every hyperplane through the origin: a central
	// arrangement, again fewer regions than the formula.
	Concurrent
)

// layoutNames are the choices of the layout parameter, in Layout order.
var layoutNames = []string{"general", "parallel", "concurrent"}

// drawArrangement draws n hyperplanes in R^d.
func drawArrangement(rng *rand.Rand, n, d int, layout Layout) []Hyperplane {
	families := [][]float64{randomDirection(rng, d), randomDirection(rng, d)}
	planes := make([]Hyperplane, n)
	for i := range planes {
		normal := randomDirection(rng, d)
		if layout == Parallel {
			normal = families[rng.IntN(len(families))]
		}
		offset := 0.0
		if layout != Concurrent {
			for _, w := range normal {
				offset -= w * (2*rng.Float64() - 1)
			}
		}
		planes[i] = normalised(normal, offset)
	}
	return planes
}

// randomDirection is a uniform unit vector of R^d.
func randomDirection(rng *rand.Rand, d int) []float64 {
	for {
		v := make([]float64, d)
		norm := 0.0
		for j := range v {
			v[j] = rng.NormFloat64()
			norm += v[j] * v[j]
		}
		if norm > 1e-12 {
			norm = math.Sqrt(norm)
			for j := range v {
				v[j] /= norm
			}
			return v
		}
	}
}

// regionFormula is Σ_{j=0..d} C(n, j): the regions of n hyperplanes in
// general position in R^d.
func regionFormula(n, d int) int {
	total, binom := 0, 1
	for j := 0; j <= d && j <= n; j++ {
		total += binom
		binom = binom * (n - j) / (j + 1)
	}
	return total
}

// generalPositionTol is the smallest determinant (of unit normals, or of
// normals with offsets) accepted as non-zero in the general-position check.
const generalPositionTol = 1e-9

// Position reports how far an arrangement is from degenerate.
type Position struct {
	General     bool    // every d normals independent, no d+1 through one point
	MinNormals  float64 // min |det| over d-subsets of normals (1 when n < d)
	MinAffine   float64 // min |det [w b]| over (d+1)-subsets (1 when n ≤ d)
	SubsetsSeen int     // determinants computed
}

// checkPosition checks general position of an arrangement in R^d. Only
// subsets of size d and d+1 matter: fewer normals are independent when any d
// containing them are (n ≥ d), or are checked through a Gram determinant.
func checkPosition(planes []Hyperplane, d int) Position {
	p := Position{MinNormals: 1, MinAffine: 1}
	n := len(planes)
	size := min(d, n)
	forEachSubset(n, size, func(idx []int) {
		p.MinNormals = math.Min(p.MinNormals, normalsVolume(planes, idx, d))
		p.SubsetsSeen++
	})
	if n > d {
		forEachSubset(n, d+1, func(idx []int) {
			m := make([]float64, 0, (d+1)*(d+1))
			for _, i := range idx {
				m = append(m, planes[i].Normal...)
				m = append(m, planes[i].Offset)
			}
			p.MinAffine = math.Min(p.MinAffine, math.Abs(determinant(m, d+1)))
			p.SubsetsSeen++
		})
	}
	p.General = p.MinNormals > generalPositionTol && p.MinAffine > generalPositionTol
	return p
}

// normalsVolume is the volume spanned by the chosen unit normals: sqrt of
// their Gram determinant (|det| when len(idx) = d).
func normalsVolume(planes []Hyperplane, idx []int, d int) float64 {
	k := len(idx)
	gram := make([]float64, k*k)
	for a, i := range idx {
		for b, j := range idx {
			dot := 0.0
			for c := range d {
				dot += planes[i].Normal[c] * planes[j].Normal[c]
			}
			gram[a*k+b] = dot
		}
	}
	return math.Sqrt(math.Max(0, determinant(gram, k)))
}

// forEachSubset calls fn with every size-k subset of 0..n-1 in lexicographic
// order; idx is reused between calls.
func forEachSubset(n, k int, fn func(idx []int)) {
	if k > n {
		return
	}
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	for {
		fn(idx)
		i := k - 1
		for i >= 0 && idx[i] == n-k+i {
			i--
		}
		if i < 0 {
			return
		}
		idx[i]++
		for j := i + 1; j < k; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
}

// determinant of a k×k row-major matrix by Gaussian elimination with
// partial pivoting. It overwrites m.
func determinant(m []float64, k int) float64 {
	det := 1.0
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(m[r*k+c]) > math.Abs(m[p*k+c]) {
				p = r
			}
		}
		if m[p*k+c] == 0 {
			return 0
		}
		if p != c {
			for j := range k {
				m[c*k+j], m[p*k+j] = m[p*k+j], m[c*k+j]
			}
			det = -det
		}
		det *= m[c*k+c]
		for r := c + 1; r < k; r++ {
			f := m[r*k+c] / m[c*k+c]
			for j := c; j < k; j++ {
				m[r*k+j] -= f * m[c*k+j]
			}
		}
	}
	return det
}
