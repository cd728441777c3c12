package mixture

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"replab/assets"
	"replab/core"
)

// pointsPerClass is the size of each synthetic class.
const pointsPerClass = 150

// sample is a labelled 2-D data set, standardised so that the view can
// use one fixed frame.
type sample struct {
	x      *mat.Dense // (n, 2)
	labels []int      // (n): the true class of each point
	names  []string   // class names, indexed by class
}

// blobs draws `classes` Gaussian classes in the plane whose centres sit on
// a circle, neighbouring centres `separation` class standard deviations
// apart. Each class is stretched and turned at random, so that full and
// diagonal covariances behave differently.
func blobs(rng *rand.Rand, classes int, separation float64) sample {
	radius := separation / 2
	if classes > 2 {
		radius = separation / (2 * math.Sin(math.Pi/float64(classes)))
	}
	n := classes * pointsPerClass
	x := mat.NewDense(n, 2, nil)
	labels := make([]int, n)
	names := make([]string, classes)
	for c := range classes {
		names[c] = fmt.Sprintf("class %c", 'A'+c)
		angle := 2*math.Pi*float64(c)/float64(classes) + math.Pi/2
		cx, cy := radius*math.Cos(angle), radius*math.Sin(angle)
		stretch := 0.45 + 0.55*rng.Float64()
		turn := math.Pi * rng.Float64()
		cos, sin := math.Cos(turn), math.Sin(turn)
		for i := range pointsPerClass {
			u, v := rng.NormFloat64(), stretch*rng.NormFloat64()
			row := c*pointsPerClass + i
			x.Set(row, 0, cx+cos*u-sin*v)
			x.Set(row, 1, cy+sin*u+cos*v)
			labels[row] = c
		}
	}
	return standardise(sample{x: x, labels: labels, names: names})
}

// digits returns the handwritten digits of the first `classes` classes
// (0, 1, …) projected to their two leading principal axes. Unlike the
// synthetic blobs, these classes overlap in two dimensions: the contrast
// is part of what the scene shows.
func digits(classes int) (sample, error) {
	d, err := assets.Digits()
	if err != nil {
		return sample{}, fmt.Errorf("mixture: %w", err)
	}
	var rows []int
	for i := range d.Rows {
		if d.Label(i) < classes {
			rows = append(rows, i)
		}
	}
	x := mat.NewDense(len(rows), d.Cols, nil)
	labels := make([]int, len(rows))
	for r, i := range rows {
		for j, v := range d.Row(i) {
			x.Set(r, j, float64(v))
		}
		labels[r] = d.Label(i)
	}
	pca, err := core.FitPCA(x, 2)
	if err != nil {
		return sample{}, fmt.Errorf("mixture: digits: %w", err)
	}
	names := make([]string, classes)
	for c := range names {
		names[c] = "digit " + d.ClassNames[c]
	}
	return standardise(sample{x: pca.Transform(x), labels: labels, names: names}), nil
}

// standardise shifts and scales both coordinates together to zero mean and
// unit overall variance, keeping the shapes of the classes.
func standardise(s sample) sample {
	n, _ := s.x.Dims()
	var mean [2]float64
	for i := range n {
		mean[0] += s.x.At(i, 0) / float64(n)
		mean[1] += s.x.At(i, 1) / float64(n)
	}
	variance := 0.0
	for i := range n {
		dx, dy := s.x.At(i, 0)-mean[0], s.x.At(i, 1)-mean[1]
		variance += (dx*dx + dy*dy) / float64(2*n)
	}
	scale := 1 / math.Sqrt(math.Max(variance, 1e-12))
	for i := range n {
		s.x.Set(i, 0, (s.x.At(i, 0)-mean[0])*scale)
		s.x.Set(i, 1, (s.x.At(i, 1)-mean[1])*scale)
	}
	return s
}

// pickOnePerClass chooses one labelled example of every class at random:
// the only labels the "one label per class" classifier gets to see.
func pickOnePerClass(rng *rand.Rand, labels []int, classes int) []int {
	byClass := make([][]int, classes)
	for i, c := range labels {
		byClass[c] = append(byClass[c], i)
	}
	picks := make([]int, 0, classes)
	for _, members := range byClass {
		if len(members) > 0 {
			picks = append(picks, members[rng.IntN(len(members))])
		}
	}
	return picks
}
