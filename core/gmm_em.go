package core

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// LogLikelihood returns Σᵢ log p(xᵢ) for the rows of x, (n, dim). It panics
// if the mixture is not initialised or x has the wrong number of columns.
func (g *GMM) LogLikelihood(x *mat.Dense) float64 {
	g.mustFit(x)
	n, _ := x.Dims()
	return g.responsibilities(x, mat.NewDense(n, g.k, nil))
}

// Responsibilities returns p(component c | xᵢ) for the rows of x,
// (n, dim) → (n, k); each row sums to 1. It panics like LogLikelihood.
func (g *GMM) Responsibilities(x *mat.Dense) *mat.Dense {
	g.mustFit(x)
	n, _ := x.Dims()
	resp := mat.NewDense(n, g.k, nil)
	g.responsibilities(x, resp)
	return resp
}

// Assign returns the most responsible component of each row of x,
// (n, dim) → (n). It panics like LogLikelihood.
func (g *GMM) Assign(x *mat.Dense) []int {
	resp := g.Responsibilities(x)
	n, _ := resp.Dims()
	labels := make([]int, n)
	for i := range n {
		row := resp.RawRowView(i)
		for c, r := range row {
			if r > row[labels[i]] {
				labels[i] = c
			}
		}
	}
	return labels
}

// LogDensities returns log p(xᵢ) for each row of x, (n, dim) → (n): the
// batched LogDensity, cheaper per point for a whole density map. It panics
// like LogLikelihood.
func (g *GMM) LogDensities(x *mat.Dense) []float64 {
	g.mustFit(x)
	n, _ := x.Dims()
	joint := mat.NewDense(n, g.k, nil)
	g.logJoint(x, joint)
	densities := make([]float64, n)
	for i := range n {
		densities[i] = logSumExp(joint.RawRowView(i))
	}
	return densities
}

// LogDensity returns log p(point) under the mixture, for drawing a density
// map one pixel at a time; it does not allocate for up to 16 dimensions and
// 32 components. It panics if the mixture is not initialised or
// len(point) ≠ dim.
func (g *GMM) LogDensity(point []float64) float64 {
	g.mustFit(nil)
	if len(point) != g.dim {
		panic(fmt.Sprintf("core: gmm: point of length %d, mixture has %d dimensions",
			len(point), g.dim))
	}
	var diffStore [16]float64
	var jointStore [32]float64
	diff, logJoint := diffStore[:0], jointStore[:0]
	if g.dim > len(diffStore) {
		diff = make([]float64, 0, g.dim)
	}
	if g.k > len(jointStore) {
		logJoint = make([]float64, 0, g.k)
	}
	diff = diff[:g.dim]
	for c := range g.k {
		for j, mu := range g.means.RawRowView(c) {
			diff[j] = point[j] - mu
		}
		logJoint = append(logJoint, g.logScale[c]-0.5*g.mahalanobis(c, diff))
	}
	return logSumExp(logJoint)
}

// mahalanobis returns diffᵀΣ_c⁻¹diff, overwriting diff.
func (g *GMM) mahalanobis(c int, diff []float64) float64 {
	if g.kind == DiagonalCovariance {
		return squaredNorm(diff, g.variances.RawRowView(c))
	}
	// Solve Uᵀz = diff by forward substitution, in place: ‖z‖² = diffᵀΣ⁻¹diff.
	factor := g.factors[c].RawTriangular()
	sum := 0.0
	for j := range diff {
		v := diff[j]
		for l := range j {
			v -= factor.Data[l*factor.Stride+j] * diff[l]
		}
		diff[j] = v / factor.Data[j*factor.Stride+j]
		sum += diff[j] * diff[j]
	}
	return sum
}

// responsibilities fills resp, (n, k), with p(c | xᵢ) and returns the total
// log-likelihood. Each row is normalised through log-sum-exp, so points far
// from every component neither underflow to 0/0 nor lose their likelihood.
func (g *GMM) responsibilities(x, resp *mat.Dense) float64 {
	g.logJoint(x, resp)
	n, _ := x.Dims()
	total := 0.0
	for i := range n {
		row := resp.RawRowView(i)
		logP := logSumExp(row)
		for c := range row {
			row[c] = math.Exp(row[c] - logP)
		}
		total += logP
	}
	return total
}

// logJoint fills out, (n, k), with log πc + log N(xᵢ | μc, Σc).
func (g *GMM) logJoint(x, out *mat.Dense) {
	n, _ := x.Dims()
	diff := mat.NewDense(n, g.dim, nil)
	for c := range g.k {
		mean := g.means.RawRowView(c)
		for i := range n {
			row := diff.RawRowView(i)
			for j, v := range x.RawRowView(i) {
				row[j] = v - mean[j]
			}
		}
		if g.kind == FullCovariance {
			// Rows zᵢ of D·U⁻¹ solve Uᵀzᵢ = dᵢ, so ‖zᵢ‖² = dᵢᵀΣ⁻¹dᵢ.
			blas64.Trsm(blas.Right, blas.NoTrans, 1, g.factors[c].RawTriangular(),
				diff.RawMatrix())
		}
		var variances []float64
		if g.kind == DiagonalCovariance {
			variances = g.variances.RawRowView(c)
		}
		for i := range n {
			out.Set(i, c, g.logScale[c]-0.5*squaredNorm(diff.RawRowView(i), variances))
		}
	}
}

// squaredNorm returns Σ v² (or Σ v²/scale when scale is not nil).
func squaredNorm(v, scale []float64) float64 {
	sum := 0.0
	for j, e := range v {
		if scale != nil {
			sum += e * e / scale[j]
		} else {
			sum += e * e
		}
	}
	return sum
}

// logSumExp returns log Σ exp(v) without overflow; −Inf entries (a weight
// of zero) drop out.
func logSumExp(v []float64) float64 {
	top := math.Inf(-1)
	for _, e := range v {
		top = max(top, e)
	}
	if math.IsInf(top, 0) {
		return top
	}
	sum := 0.0
	for _, e := range v {
		sum += math.Exp(e - top)
	}
	return top + math.Log(sum)
}

// maximise is the M-step: weights, means and covariances from the
// responsibilities resp, (n, k), of the rows of x, (n, dim).
func (g *GMM) maximise(x, resp *mat.Dense) error {
	n, _ := x.Dims()
	counts := make([]float64, g.k)
	for i := range n {
		for c, r := range resp.RawRowView(i) {
			counts[c] += r
		}
	}
	weighted := mat.NewDense(g.k, g.dim, nil)
	weighted.Mul(resp.T(), x) // Σᵢ rᵢc·xᵢ

	for c, count := range counts {
		g.weights[c] = count / float64(n)
		if count < deadComponentCount {
			continue // Keep the old mean and covariance; see deadComponentCount.
		}
		mean := g.means.RawRowView(c)
		for j, v := range weighted.RawRowView(c) {
			mean[j] = v / count
		}
		if err := g.updateCovariance(c, x, resp, count); err != nil {
			return err
		}
	}
	return g.refreshFactors()
}

// updateCovariance sets component c's covariance to
// (Σᵢ rᵢc(xᵢ−μc)(xᵢ−μc)ᵀ + ρI) / count, or its diagonal.
func (g *GMM) updateCovariance(c int, x, resp *mat.Dense, count float64) error {
	n, _ := x.Dims()
	mean := g.means.RawRowView(c)
	scaled := mat.NewDense(n, g.dim, nil) // √rᵢc·(xᵢ − μc)
	for i := range n {
		s := math.Sqrt(resp.At(i, c))
		row := scaled.RawRowView(i)
		for j, v := range x.RawRowView(i) {
			row[j] = s * (v - mean[j])
		}
	}
	if g.kind == DiagonalCovariance {
		variances := g.variances.RawRowView(c)
		clear(variances)
		for i := range n {
			for j, v := range scaled.RawRowView(i) {
				variances[j] += v * v
			}
		}
		for j := range variances {
			variances[j] = (variances[j] + g.ridge) / count
		}
		return nil
	}
	cov := g.covs[c]
	cov.SymOuterK(1/count, scaled.T())
	for j := range g.dim {
		cov.SetSym(j, j, cov.At(j, j)+g.ridge/count)
	}
	return nil
}

// refreshFactors recomputes the Cholesky factors and the log scales (log
// weight plus log normaliser) from the weights and covariances.
func (g *GMM) refreshFactors() error {
	halfDimLog2Pi := 0.5 * float64(g.dim) * math.Log(2*math.Pi)
	for c := range g.k {
		logWeight := math.Log(g.weights[c]) // −Inf for an emptied component
		if g.kind == DiagonalCovariance {
			logDet := 0.0
			for _, v := range g.variances.RawRowView(c) {
				logDet += math.Log(v)
			}
			g.logScale[c] = logWeight - halfDimLog2Pi - 0.5*logDet
			continue
		}
		var chol mat.Cholesky
		if !chol.Factorize(g.covs[c]) {
			return fmt.Errorf("core: gmm: component %d: %w", c, ErrNotPositiveDefinite)
		}
		chol.UTo(g.factors[c])
		g.logScale[c] = logWeight - halfDimLog2Pi - 0.5*chol.LogDet()
	}
	return nil
}
