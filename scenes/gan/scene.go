package gan

import "replab/scenes"

// Scene is the gan figure: a GAN trained live on faces, and latent
// arithmetic judged against pixel arithmetic.
var Scene = scenes.Scene{
	Name:   "gan",
	Figure: "15.9",
	Title:  "GAN latent arithmetic: glasses man − man + woman",
	Claim:  claim,
	Help: "A small DCGAN learns procedural faces while you watch the same latent codes " +
		"form faces. Once trained, three exemplars per concept are picked by an attribute " +
		"classifier, their codes averaged and combined (centre of the 3×3 grid, neighbours " +
		"jittered by ±0.25); beside it, the same arithmetic on their pixels. Marks: A = the " +
		"classifier sees the target attributes, R = the realness judge rates the image at " +
		"least as real as a typical sample. Change 'exemplars' to re-draw them, 'equation' " +
		"to switch queries. The lab opens on the shipped, longer-trained generator; set " +
		"start to scratch to watch one learn from noise (the default of replab run).",
	Params: params,
	LabSet: map[string]string{"start": "checkpoint"},
	Reports: []scenes.Report{
		{Figure: "15.9", Set: map[string]string{"start": "scratch"}},
		{Figure: "15.9", Set: map[string]string{"start": "checkpoint"}},
	},
	New:  newExperiment,
	View: view,
}
