package core

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Subspace iteration settings of TopEigenSym.
const (
	// eigenDirectBelow is the size under which a full decomposition is
	// cheaper than iterating.
	eigenDirectBelow = 96
	// eigenTolerance bounds each returned pair's residual ‖Av − λv‖
	// relative to the largest eigenvalue magnitude seen in the block.
	eigenTolerance = 1e-9
	// eigenMaxIterations bounds the subspace iterations before falling
	// back to the full decomposition.
	eigenMaxIterations = 500
)

// TopEigenSym returns the k largest eigenvalues of the symmetric a, (n, n),
// in decreasing order, and their unit eigenvectors as the columns of an
// (n, k) matrix. For large n it runs subspace iteration with Rayleigh–Ritz
// on a block of a few more than k vectors, which costs O(n²·k) per
// iteration against O(n³) for a full decomposition; rng seeds the start
// block. It falls back to gonum's full EigenSym when n is small, when the
// iteration stalls, or when large negative eigenvalues crowd the block (the
// iteration finds the largest magnitudes, the caller wants the largest
// values). It returns an error only if that full decomposition fails. It
// panics if k is outside [1, n].
func TopEigenSym(rng *rand.Rand, a *mat.SymDense, k int) ([]float64, *mat.Dense, error) {
	n := a.SymmetricDim()
	if k < 1 || k > n {
		panic(fmt.Sprintf("core: TopEigenSym: %d eigenpairs of a %d×%d matrix", k, n, n))
	}
	block := min(n, 2*k+8)
	if n < eigenDirectBelow || 2*block > n {
		return topEigenDirect(a, k)
	}
	if values, vectors, ok := topEigenSubspace(rng, a, k, block); ok {
		return values, vectors, nil
	}
	return topEigenDirect(a, k)
}

// topEigenDirect takes the top k pairs of a full decomposition.
func topEigenDirect(a *mat.SymDense, k int) ([]float64, *mat.Dense, error) {
	n := a.SymmetricDim()
	var eigen mat.EigenSym
	if !eigen.Factorize(a, true) {
		return nil, nil, fmt.Errorf("core: eigen-decomposition of a %d×%d matrix failed", n, n)
	}
	all := eigen.Values(nil) // ascending
	var allVectors mat.Dense
	eigen.VectorsTo(&allVectors)
	values := make([]float64, k)
	vectors := mat.NewDense(n, k, nil)
	for j := range k {
		values[j] = all[n-1-j]
		vectors.SetCol(j, mat.Col(nil, n-1-j, &allVectors))
	}
	return values, vectors, nil
}

// topEigenSubspace iterates a block of vectors stored as rows, (block, n).
// It reports false if it did not converge or cannot vouch for the result.
func topEigenSubspace(rng *rand.Rand, a *mat.SymDense, k, block int) (
	[]float64, *mat.Dense, bool) {
	n := a.SymmetricDim()
	basis := mat.NewDense(block, n, nil)
	for i := range block {
		for j := range n {
			basis.Set(i, j, rng.NormFloat64())
		}
	}
	orthonormaliseRows(rng, basis)

	// A general matrix multiplies faster than a symmetric one (gonum's Dgemm
	// is blocked and parallel, its Dsymm is not), so expand a once.
	full := mat.NewDense(n, n, nil)
	full.Copy(a)
	product := mat.NewDense(block, n, nil) // basis·A: rows are A times the basis
	ritz := mat.NewDense(block, n, nil)
	ritzProduct := mat.NewDense(block, n, nil)
	for range eigenMaxIterations {
		product.Mul(basis, full)
		values, rotation := rayleighRitz(basis, product)
		ritz.Mul(rotation.T(), basis) // Ritz vectors as rows
		ritzProduct.Mul(rotation.T(), product)
		if ritzConverged(values, ritz, ritzProduct, k) {
			if !topValuesInBlock(values, k) {
				return nil, nil, false
			}
			return values[:k], mat.DenseCopyOf(ritz.Slice(0, k, 0, n).T()), true
		}
		basis.Copy(ritzProduct)
		orthonormaliseRows(rng, basis)
	}
	return nil, nil, false
}

// rayleighRitz returns the eigenvalues of H = basis·A·basisᵀ in decreasing
// order and the matching eigenvectors as columns, given product = basis·A.
func rayleighRitz(basis, product *mat.Dense) ([]float64, *mat.Dense) {
	block, _ := basis.Dims()
	projected := mat.NewSymDense(block, nil)
	for i := range block {
		for j := i; j < block; j++ {
			h := 0.5 * (dotProduct(basis.RawRowView(i), product.RawRowView(j)) +
				dotProduct(basis.RawRowView(j), product.RawRowView(i)))
			projected.SetSym(i, j, h)
		}
	}
	var eigen mat.EigenSym
	if !eigen.Factorize(projected, true) {
		// A block-sized symmetric problem does not fail on finite input;
		// leave the basis as it is and let the iteration continue.
		identity := mat.NewDense(block, block, nil)
		for i := range block {
			identity.Set(i, i, 1)
		}
		return make([]float64, block), identity
	}
	ascending := eigen.Values(nil)
	var vectors mat.Dense
	eigen.VectorsTo(&vectors)
	values := make([]float64, block)
	rotation := mat.NewDense(block, block, nil)
	for j := range block {
		values[j] = ascending[block-1-j]
		rotation.SetCol(j, mat.Col(nil, block-1-j, &vectors))
	}
	return values, rotation
}

// ritzConverged reports whether the first k Ritz pairs have small residuals.
func ritzConverged(values []float64, ritz, product *mat.Dense, k int) bool {
	scale := 0.0
	for _, v := range values {
		scale = max(scale, math.Abs(v))
	}
	if scale == 0 {
		return true // A is zero on the block: every vector is an eigenvector.
	}
	for j := range k {
		residual := 0.0
		for c, av := range product.RawRowView(j) {
			r := av - values[j]*ritz.At(j, c)
			residual += r * r
		}
		if math.Sqrt(residual) > eigenTolerance*scale {
			return false
		}
	}
	return true
}

// topValuesInBlock reports whether the block, which holds the eigenvalues
// of largest magnitude, must also hold the k largest values: that fails
// only if so many negative eigenvalues outweigh the k-th value that they
// may have pushed a larger positive one out.
func topValuesInBlock(values []float64, k int) bool {
	negativeOutweighing := 0
	for _, v := range values {
		if v < -math.Abs(values[k-1]) {
			negativeOutweighing++
		}
	}
	return negativeOutweighing < len(values)-k
}

// orthonormaliseRows makes the rows of m orthonormal by two passes of
// modified Gram–Schmidt; a row that vanishes (rank deficiency) is replaced
// by a fresh random direction.
func orthonormaliseRows(rng *rand.Rand, m *mat.Dense) {
	rows, _ := m.Dims()
	for i := range rows {
		row := m.RawRowView(i)
		for attempt := 0; ; attempt++ {
			original := math.Sqrt(squaredNorm(row, nil))
			for range 2 {
				for j := range i {
					previous := m.RawRowView(j)
					overlap := dotProduct(row, previous)
					for c := range row {
						row[c] -= overlap * previous[c]
					}
				}
			}
			norm := math.Sqrt(squaredNorm(row, nil))
			if norm > 1e-10*original && norm > 0 || attempt > 3 && norm > 0 {
				for c := range row {
					row[c] /= norm
				}
				break
			}
			for c := range row {
				row[c] = rng.NormFloat64()
			}
		}
	}
}

// dotProduct returns Σ aᵢbᵢ.
func dotProduct(a, b []float64) float64 {
	sum := 0.0
	for i, v := range a {
		sum += v * b[i]
	}
	return sum
}
