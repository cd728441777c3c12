package pretraining

import "replab/scenes"

// Scene is the pretraining scene.
var Scene = scenes.Scene{
	Name:   "pretraining",
	Figure: "Ma et al. 2015",
	Title:  "pretraining: usually hurts, sometimes helps",
	Claim:  claim,
	Help: "Every task is learned twice from the same initial weights, on the same " +
		"minibatches, for the same fine-tuning budget: once as is, once after greedy " +
		"layer-wise pretraining by denoising autoencoders. Each dot is one seed's harm: " +
		"score without pretraining minus score with it (R² or accuracy), above the " +
		"break-even line when pretraining hurt. With ReLU units it usually hurts; switch " +
		"the activation to sigmoid and watch the verdict flip as the mean harm turns " +
		"negative: sigmoid nets trained from random weights underfit, and pretraining " +
		"mostly helps optimisation. " +
		"Fewer labels or a smaller budget change the picture too. Add a task of your own " +
		"with --set data=file.csv --set target=COLUMN.",
	Params: []scenes.Param{
		{Name: "width", Label: "width", Help: "units in each hidden layer",
			Kind: scenes.Int, Min: 16, Max: 512, Step: 16, Default: "128"},
		{Name: "depth", Label: "depth", Help: "number of hidden layers",
			Kind: scenes.Int, Min: 1, Max: 4, Step: 1, Default: "2"},
		{Name: "activation", Label: "activation", Help: "hidden units' nonlinearity",
			Kind: scenes.Choice, Choices: []string{"relu", "sigmoid", "tanh"}, Default: "relu"},
		{Name: "pretrain", Label: "pretrain epochs", Help: "autoencoder epochs per layer",
			Kind: scenes.Int, Min: 1, Max: 50, Step: 1, Default: "10"},
		{Name: "corruption", Label: "corruption", Help: "share of inputs masked by the DAEs",
			Kind: scenes.Float, Min: 0, Max: 0.9, Step: 0.05, Default: "0.25"},
		{Name: "budget", Label: "fine-tune steps", Help: "minibatches of fine-tuning, both nets",
			Kind: scenes.Int, Min: 50, Max: 5000, Step: 50, Default: "600"},
		{Name: "labels", Label: "labels/task", Help: "labelled training rows per task",
			Kind: scenes.Int, Min: 20, Max: 2000, Step: 20, Default: "2000"},
		{Name: "seeds", Label: "seeds", Help: "pairs per task (small tasks get at least 10)",
			Kind: scenes.Int, Min: 3, Max: 20, Step: 1, Default: "3"},
		{Name: "data", Label: "data file", Help: "a CSV file to add as a task",
			Kind: scenes.Text},
		{Name: "target", Label: "target", Help: "the data file's column to predict",
			Kind: scenes.Text},
	},
	New:  newExperiment,
	View: view,
}
