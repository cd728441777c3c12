// Package mixture is the scene of Figure 15.4 of Deep Learning: when the
// data's density p(x) is a mixture whose components are the classes,
// modelling p(x) alone — with no label at all — finds the classes, and one
// labelled example per class is then enough to name them.
//
// The experiment fits a Gaussian mixture by EM, one iteration a step, to
// synthetic classes in the plane (or to handwritten digits projected to
// two dimensions, where the classes overlap and the claim meets its
// limits). It measures how well the components match the classes (the
// adjusted Rand index), classifies every point from one label per class,
// and finally fits mixtures of 1…8 components to draw BIC against k.
package mixture

import "replab/scenes"

const claim = "a mixture fitted to p(x) alone finds the classes; " +
	"one label per class then classifies"

// Choice indices of the scene's parameters.
const (
	dataBlobs   = 0
	dataDigits  = 1
	covFull     = 0
	covDiagonal = 1
	initKMeans  = 0
	initRandom  = 1
)

// Scene is the mixture scene.
var Scene = scenes.Scene{
	Name:   "mixture",
	Figure: "15.4",
	Title:  "mixtures discover classes",
	Claim:  claim,
	Help: "EM fits a Gaussian mixture to unlabelled points; the shading is the fitted " +
		"density, each point is coloured by the component responsible for it, and the " +
		"ellipses are the components at two standard deviations. The points marked A, B, C… " +
		"are the only labels used: one per class names the components, and the accuracy " +
		"shows how far that goes; pick other labelled points (live) and see whether it " +
		"matters. Lower the separation until the classes overlap, start from random points " +
		"instead of k-means, or switch to the digits, whose classes overlap in 2-D.",
	Params: []scenes.Param{
		{Name: "data", Label: "data", Help: "synthetic Gaussian classes, or digits in 2-D PCA",
			Kind: scenes.Choice, Choices: []string{"blobs", "digits"}, Default: "blobs"},
		{Name: "classes", Label: "classes", Help: "number of true classes",
			Kind: scenes.Int, Min: 2, Max: 6, Step: 1, Default: "3"},
		{Name: "separation", Label: "separation",
			Help: "distance between neighbouring class centres, in class σ",
			Kind: scenes.Float, Min: 0.5, Max: 10, Step: 0.5, Default: "6"},
		{Name: "k", Label: "components", Help: "number of mixture components EM fits",
			Kind: scenes.Int, Min: 1, Max: maxK, Step: 1, Default: "3"},
		{Name: "cov", Label: "covariance", Help: "full or diagonal covariance matrices",
			Kind: scenes.Choice, Choices: []string{"full", "diagonal"}, Default: "full"},
		{Name: "init", Label: "start", Help: "start EM from k-means or from random points",
			Kind: scenes.Choice, Choices: []string{"kmeans", "random"}, Default: "kmeans"},
		{Name: "pick", Label: "labelled pick", Help: "which random choice of one labelled " +
			"point per class names the components (live)",
			Kind: scenes.Int, Min: 1, Max: 99, Step: 1, Default: "1", Live: true},
	},
	Pace: emPace,
	New:  newExperiment,
	View: view,
}

// emPace is how many EM iterations a second the lab shows: slow enough to
// watch the components move.
const emPace = 6
