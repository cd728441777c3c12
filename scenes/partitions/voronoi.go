package partitions

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"replab/core"
)

// kmeansMaxIter bounds the Lloyd iterations of each k in the sweep; on 240
// points k-means settles in far fewer.
const kmeansMaxIter = 100

// voronoiCells counts the nearest-centroid regions with a non-empty
// interior, with the same margin program as the arrangement: the cell of
// centroid i is {x : (c_i − c_j)·x + (|c_j|² − |c_i|²)/2 > 0 for all j ≠ i}.
// A repeated centroid gives a zero normal, which no point satisfies
// strictly, so duplicates count once fewer, as they should.
func voronoiCells(centroids [][2]float64) int {
	var solver marginSolver
	cells := 0
	cons := make([]sideConstraint, 0, len(centroids))
	for i, ci := range centroids {
		cons = cons[:0]
		for j, cj := range centroids {
			if j == i {
				continue
			}
			w := []float64{ci[0] - cj[0], ci[1] - cj[1]}
			b := (cj[0]*cj[0] + cj[1]*cj[1] - ci[0]*ci[0] - ci[1]*ci[1]) / 2
			h := normalised(w, b)
			cons = append(cons, sideConstraint{normal: h.Normal, offset: h.Offset, sign: 1})
		}
		margin, _, err := solver.solve(2, cons)
		if err == nil && margin > feasibleMargin {
			cells++
		}
	}
	return cells
}

// nearestCentroid returns the index of the centroid closest to p.
func nearestCentroid(centroids [][2]float64, p [2]float64) int {
	best, bestDist := -1, 0.0
	for i, c := range centroids {
		dx, dy := p[0]-c[0], p[1]-c[1]
		if dist := dx*dx + dy*dy; best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	return best
}

// pointsMatrix copies the dataset's points into an (n, 2) matrix for k-means.
func pointsMatrix(points [][2]float64) *mat.Dense {
	x := mat.NewDense(len(points), 2, nil)
	for i, p := range points {
		x.Set(i, 0, p[0])
		x.Set(i, 1, p[1])
	}
	return x
}

// centroidsOf copies a (k, 2) centroid matrix into points.
func centroidsOf(m *mat.Dense) [][2]float64 {
	k, _ := m.Dims()
	out := make([][2]float64, k)
	for i := range out {
		out[i] = [2]float64{m.At(i, 0), m.At(i, 1)}
	}
	return out
}

// kmeansCells runs k-means to convergence for one k and counts the Voronoi
// cells of its centroids.
func kmeansCells(rng *rand.Rand, x *mat.Dense, k int) (int, error) {
	res, err := core.KMeans(rng, x, k, kmeansMaxIter)
	if err != nil {
		return 0, err
	}
	return voronoiCells(centroidsOf(res.Centroids)), nil
}
