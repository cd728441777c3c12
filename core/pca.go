package core

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCA is a fitted principal component analysis: the directions along which
// the data vary most, in decreasing order of variance.
type PCA struct {
	Mean          []float64  // (d): the data's mean, subtracted before projecting
	Components    *mat.Dense // (k, d): orthonormal rows, the principal axes
	Variances     []float64  // (k): the data's variance along each axis (divisor n−1)
	TotalVariance float64    // the sum of the variances of all d coordinates
}

// FitPCA finds the k leading principal components of the rows of x, (n, d),
// through a thin singular value decomposition of the centred data. Each
// axis's sign is fixed so that its largest-magnitude coordinate is
// positive, so the same data always give the same axes. It returns an error
// for bad data, fewer than 2 points, or k outside [1, min(n, d)].
func FitPCA(x *mat.Dense, k int) (*PCA, error) {
	if err := checkData("pca", x, 2); err != nil {
		return nil, err
	}
	n, d := x.Dims()
	if k < 1 || k > min(n, d) {
		return nil, fmt.Errorf("core: pca: %d components of %d points in %d dimensions, "+
			"need 1 ≤ k ≤ %d: %w", k, n, d, min(n, d), ErrBadData)
	}

	mean := columnMeans(x)
	centred := mat.NewDense(n, d, nil)
	for i := range n {
		row := centred.RawRowView(i)
		for j, v := range x.RawRowView(i) {
			row[j] = v - mean[j]
		}
	}
	var svd mat.SVD
	if !svd.Factorize(centred, mat.SVDThinV) {
		return nil, fmt.Errorf("core: pca: singular value decomposition of %d×%d data failed", n, d)
	}
	singular := svd.Values(nil)
	var axes mat.Dense // (d, min(n, d)), columns in decreasing singular value
	svd.VTo(&axes)

	pca := &PCA{Mean: mean, Components: mat.NewDense(k, d, nil), Variances: make([]float64, k)}
	for _, s := range singular {
		pca.TotalVariance += s * s / float64(n-1)
	}
	for c := range k {
		axis := mat.Col(nil, c, &axes)
		orientAxis(axis)
		pca.Components.SetRow(c, axis)
		pca.Variances[c] = singular[c] * singular[c] / float64(n-1)
	}
	return pca, nil
}

// orientAxis flips axis so that its largest-magnitude coordinate is positive.
func orientAxis(axis []float64) {
	largest := 0
	for j, v := range axis {
		if math.Abs(v) > math.Abs(axis[largest]) {
			largest = j
		}
	}
	if axis[largest] < 0 {
		for j := range axis {
			axis[j] = -axis[j]
		}
	}
}

// Transform projects the rows of x onto the components, (n, d) → (n, k).
// It panics if x does not have d columns.
func (p *PCA) Transform(x *mat.Dense) *mat.Dense {
	n, d := x.Dims()
	if d != len(p.Mean) {
		panic(fmt.Sprintf("core: pca: Transform of %d columns, fitted on %d", d, len(p.Mean)))
	}
	centred := mat.NewDense(n, d, nil)
	for i := range n {
		row := centred.RawRowView(i)
		for j, v := range x.RawRowView(i) {
			row[j] = v - p.Mean[j]
		}
	}
	k, _ := p.Components.Dims()
	scores := mat.NewDense(n, k, nil)
	scores.Mul(centred, p.Components.T())
	return scores
}

// InverseTransform maps scores back to the data space, (n, k) → (n, d):
// the best reconstruction of the original rows from k components. It
// panics if scores does not have k columns.
func (p *PCA) InverseTransform(scores *mat.Dense) *mat.Dense {
	n, k := scores.Dims()
	if rows, _ := p.Components.Dims(); k != rows {
		panic(fmt.Sprintf("core: pca: InverseTransform of %d columns, fitted %d components",
			k, rows))
	}
	x := mat.NewDense(n, len(p.Mean), nil)
	x.Mul(scores, p.Components)
	for i := range n {
		row := x.RawRowView(i)
		for j := range row {
			row[j] += p.Mean[j]
		}
	}
	return x
}

// ExplainedVarianceRatio returns each component's share of the total
// variance, (k); the shares sum to at most 1. A constant data set (total
// variance zero) gives zeros.
func (p *PCA) ExplainedVarianceRatio() []float64 {
	ratios := make([]float64, len(p.Variances))
	if p.TotalVariance > 0 {
		for c, v := range p.Variances {
			ratios[c] = v / p.TotalVariance
		}
	}
	return ratios
}
