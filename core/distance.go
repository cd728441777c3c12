package core

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// ErrBadData is wrapped by the errors the unsupervised learners return for
// data they cannot use: no rows, NaN or Inf values, too few points for the
// requested number of clusters, neighbours or dimensions.
var ErrBadData = errors.New("bad data")

// checkData returns an error wrapping ErrBadData when x is nil, has no rows
// or columns, has fewer than minRows rows, or holds a NaN or an Inf. what
// names the caller in the message, e.g. "k-means".
func checkData(what string, x *mat.Dense, minRows int) error {
	if x == nil || x.IsEmpty() {
		return fmt.Errorf("core: %s: no data: %w", what, ErrBadData)
	}
	rows, _ := x.Dims()
	if rows < minRows {
		return fmt.Errorf("core: %s: %d points, need at least %d: %w",
			what, rows, minRows, ErrBadData)
	}
	for i := range rows {
		for j, v := range x.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("core: %s: value %v at row %d, column %d: %w",
					what, v, i, j, ErrBadData)
			}
		}
	}
	return nil
}

// squaredDistance returns ‖a−b‖². It panics if the lengths differ.
func squaredDistance(a, b []float64) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("core: squaredDistance of lengths %d and %d", len(a), len(b)))
	}
	sum := 0.0
	for i, av := range a {
		d := av - b[i]
		sum += d * d
	}
	return sum
}

// pairwiseSquaredDistances returns the symmetric (n, n) matrix of squared
// Euclidean distances between the rows of x, (n, d) → (n, n). It uses
// ‖a‖² + ‖b‖² − 2a·b through one matrix product on centred rows (centring
// keeps the cancellation small for data far from the origin) and clamps the
// rounding error below zero, with an exact zero diagonal.
func pairwiseSquaredDistances(x *mat.Dense) *mat.Dense {
	n, d := x.Dims()
	centred := mat.NewDense(n, d, nil)
	means := columnMeans(x)
	for i := range n {
		row := centred.RawRowView(i)
		for j, v := range x.RawRowView(i) {
			row[j] = v - means[j]
		}
	}
	dist := mat.NewDense(n, n, nil)
	dist.Mul(centred, centred.T())

	norms := make([]float64, n)
	for i := range n {
		norms[i] = dist.At(i, i)
	}
	for i := range n {
		row := dist.RawRowView(i)
		for j := range row {
			row[j] = max(norms[i]+norms[j]-2*row[j], 0)
		}
		row[i] = 0
	}

	// The product is symmetric only up to rounding; make it exactly so.
	symmetrise(dist)
	return dist
}

// symmetrise replaces the square m by (m + mᵀ)/2, so that a matrix that is
// symmetric up to rounding becomes exactly symmetric.
func symmetrise(m *mat.Dense) {
	n, _ := m.Dims()
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := 0.5 * (m.At(i, j) + m.At(j, i))
			m.Set(i, j, v)
			m.Set(j, i, v)
		}
	}
}

// columnMeans returns the mean of each column of x, (n, d) → (d).
func columnMeans(x *mat.Dense) []float64 {
	n, d := x.Dims()
	means := make([]float64, d)
	for i := range n {
		for j, v := range x.RawRowView(i) {
			means[j] += v
		}
	}
	for j := range means {
		means[j] /= float64(n)
	}
	return means
}
