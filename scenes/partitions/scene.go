package partitions

import "replab/scenes"

// Scene is Figures 15.7 and 15.8: distributed codes against nearest
// neighbour.
var Scene = scenes.Scene{
	Name:   "partitions",
	Figure: "15.7, 15.8",
	Title:  "binary features carve many regions, nearest neighbour only k",
	Claim:  Claim,
	Help: "Left: n half-planes give every region its own binary code (the cursor's code " +
		"is shown). Right: k-means centroids give k nearest-neighbour cells. Below: " +
		"regions counted with a linear program against Σ C(n,j). Raise n and d to see " +
		"the distributed code outgrow nearest neighbour; change draw for other lines; " +
		"set layout to parallel or " +
		"concurrent to see the count fall below the formula; switch mode to learned " +
		"to watch a trained hidden layer partition the data.",
	Params: params,
	New:    newExperiment,
	View:   View,
}

var params = []scenes.Param{
	{Name: "n", Label: "features n", Help: "half-planes shown on the left",
		Kind: scenes.Int, Min: 1, Max: maxFeatures, Step: 1, Default: "3", Live: true},
	{Name: "k", Label: "centroids k", Help: "k-means centroids on the right",
		Kind: scenes.Int, Min: 1, Max: maxCentroids, Step: 1, Default: "7", Live: true},
	{Name: "d", Label: "dimension d", Help: "dimension of the second count in the chart",
		Kind: scenes.Int, Min: 2, Max: 6, Step: 1, Default: "3"},
	{Name: "mode", Label: "mode", Help: "random lines, or hidden units of a trained net",
		Kind: scenes.Choice, Choices: modeNames, Default: modeNames[Random]},
	{Name: "layout", Label: "layout", Help: "how random hyperplanes are drawn",
		Kind: scenes.Choice, Choices: layoutNames, Default: layoutNames[General]},
	{Name: "draw", Label: "draw", Help: "which random hyperplanes: change to re-draw them",
		Kind: scenes.Int, Min: 1, Max: 999, Step: 1, Default: "1"},
	{Name: "data", Label: "data", Help: "the 2-D sample for k-means and learned mode",
		Kind: scenes.Choice, Choices: datasetNames, Default: datasetNames[0]},
	{Name: "x", Label: "cursor x", Help: "where the code is read off",
		Kind: scenes.Float, Min: -planeHalfWidth, Max: planeHalfWidth, Step: 0.1,
		Default: "0.3", Live: true},
	{Name: "y", Label: "cursor y", Help: "where the code is read off",
		Kind: scenes.Float, Min: -planeHalfWidth, Max: planeHalfWidth, Step: 0.1,
		Default: "0.2", Live: true},
}

// planeHalfWidth is half the side of the square of the plane both maps show.
const planeHalfWidth = 1.5
