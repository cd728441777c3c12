package core

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// gmmKMeansIterations bounds the Lloyd iterations of InitKMeans; the
// partition only has to be a sensible start for EM.
const gmmKMeansIterations = 50

// InitKMeans starts the mixture from a k-means partition of x, (n, dim):
// each component gets its cluster's share of points, mean and covariance.
// It returns an error for bad data or fewer points than components, and
// panics if x has the wrong number of columns.
func (g *GMM) InitKMeans(rng *rand.Rand, x *mat.Dense) error {
	if err := g.checkInitData(x); err != nil {
		return err
	}
	partition, err := KMeans(rng, x, g.k, gmmKMeansIterations)
	if err != nil {
		return err
	}
	return g.InitFromLabels(x, partition.Labels)
}

// InitFromLabels starts the mixture from a hard assignment of the rows of
// x, (n, dim), to components: labels (n) holds values in [0, k). A
// component with no point keeps a zero mean, the data's covariance and a
// zero weight. It returns an error for bad data or a label out of range;
// it panics if x has the wrong number of columns or len(labels) ≠ n.
func (g *GMM) InitFromLabels(x *mat.Dense, labels []int) error {
	if err := g.checkInitData(x); err != nil {
		return err
	}
	n, _ := x.Dims()
	if len(labels) != n {
		panic(fmt.Sprintf("core: gmm: %d labels for %d points", len(labels), n))
	}
	resp := mat.NewDense(n, g.k, nil)
	for i, label := range labels {
		if label < 0 || label >= g.k {
			return fmt.Errorf("core: gmm: label %d of point %d outside [0, %d): %w",
				label, i, g.k, ErrBadData)
		}
		resp.Set(i, label, 1)
	}
	g.startFromData(x)
	return g.maximise(x, resp)
}

// InitRandom starts the mixture with equal weights, means on k distinct
// rows of x, (n, dim), drawn with rng, and every covariance equal to the
// data's. It returns an error for bad data or fewer points than
// components, and panics if x has the wrong number of columns.
func (g *GMM) InitRandom(rng *rand.Rand, x *mat.Dense) error {
	if err := g.checkInitData(x); err != nil {
		return err
	}
	n, _ := x.Dims()
	g.startFromData(x)
	for c, row := range rng.Perm(n)[:g.k] {
		g.means.SetRow(c, x.RawRowView(row))
		g.weights[c] = 1 / float64(g.k)
	}
	return g.refreshFactors()
}

// checkInitData validates x for an initialisation.
func (g *GMM) checkInitData(x *mat.Dense) error {
	if err := checkData("gmm", x, g.k); err != nil {
		return err
	}
	if _, d := x.Dims(); d != g.dim {
		panic(fmt.Sprintf("core: gmm: data has %d columns, mixture has %d dimensions", d, g.dim))
	}
	return nil
}

// startFromData fixes the ridge from the data's scale and gives every
// component the data's (ridged) covariance, so that a component the
// initialisation leaves without points still has a valid shape.
func (g *GMM) startFromData(x *mat.Dense) {
	n, _ := x.Dims()
	means := columnMeans(x)
	scatter := mat.NewSymDense(g.dim, nil)
	centred := mat.NewDense(n, g.dim, nil)
	for i := range n {
		row := centred.RawRowView(i)
		for j, v := range x.RawRowView(i) {
			row[j] = v - means[j]
		}
	}
	scatter.SymOuterK(1, centred.T())

	meanVariance := mat.Trace(scatter) / float64(n*g.dim)
	if !(meanVariance > 0) {
		meanVariance = 1 // Every point is the same: any scale will do.
	}
	g.ridge = GMMRidge * meanVariance
	for c := range g.k {
		g.means.SetRow(c, means)
		g.weights[c] = 0
		for j := range g.dim {
			for l := j; l < g.dim; l++ {
				v := scatter.At(j, l) / float64(n)
				if j == l {
					v += g.ridge
				}
				if g.kind == FullCovariance {
					g.covs[c].SetSym(j, l, v)
				} else if j == l {
					g.variances.Set(c, j, v)
				}
			}
		}
	}
	g.ready = true
}
