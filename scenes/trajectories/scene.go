package trajectories

import "replab/scenes"

// Scene is the trajectories scene.
var Scene = scenes.Scene{
	Name:   "trajectories",
	Figure: "15.1",
	Title:  "trajectories of nets with and without pretraining",
	Claim:  claim,
	Help: "Two groups of networks learn the digits from different seeds: one group " +
		"starts from greedy layer-wise denoising-autoencoder pretraining, the other from " +
		"random weights. After every epoch each network's outputs on 300 fixed test " +
		"digits make one point of function space; all points of all networks are " +
		"embedded together, and each network is drawn as a trajectory from dim (early) " +
		"to bright (late). The groups start together and end in different regions, the " +
		"pretrained one smaller. Switch the embedding to t-SNE, try sigmoid units (the " +
		"random group then learns slowly, so a separation means little), or raise the " +
		"pretraining rate: a stronger pretraining pulled the pretrained group further " +
		"from the other in our runs. The nets start from small weights (±1/√fan-in), so " +
		"the random ones start near the uniform prediction; core's larger Glorot scale " +
		"(init=glorot) starts every net further from the others.",
	Params: []scenes.Param{
		{Name: "nets", Label: "nets/group", Help: "networks in each group",
			Kind: scenes.Int, Min: 5, Max: 50, Step: 5, Default: "20"},
		{Name: "epochs", Label: "epochs", Help: "epochs of supervised training",
			Kind: scenes.Int, Min: 2, Max: 60, Step: 2, Default: "30"},
		{Name: "width", Label: "width", Help: "units in each of the two hidden layers",
			Kind: scenes.Int, Min: 20, Max: 300, Step: 20, Default: "100"},
		{Name: "activation", Label: "activation", Help: "hidden units' nonlinearity",
			Kind: scenes.Choice, Choices: []string{"tanh", "sigmoid", "relu"}, Default: "tanh"},
		{Name: "lr", Label: "learning rate", Help: "SGD step of supervised training",
			Kind: scenes.Float, Min: 0.001, Max: 100, Step: 2, Log: true, Default: "0.1"},
		{Name: "init", Label: "initialisation", Help: "starting weights: core's Glorot (He " +
			"before relu), or every weight and bias uniform in ±1/√fan-in (PyTorch's default)",
			Kind: scenes.Choice, Choices: initChoices, Default: "fanin"},
		{Name: "pretrain", Label: "pretrain epochs", Help: "autoencoder epochs per layer",
			Kind: scenes.Int, Min: 1, Max: 30, Step: 1, Default: "10"},
		{Name: "aelr", Label: "pretrain rate", Help: "Adam step of each autoencoder",
			Kind: scenes.Float, Min: 1e-4, Max: 0.1, Step: 2, Log: true, Default: "0.001"},
		{Name: "dae", Label: "DAE training", Help: "Adam at the pretrain rate, or classic SGD",
			Kind: scenes.Choice, Choices: []string{"adam", "sgd"}, Default: "adam"},
		{Name: "corruption", Label: "corruption", Help: "share of inputs masked by the DAEs",
			Kind: scenes.Float, Min: 0, Max: 0.9, Step: 0.05, Default: "0.25"},
		{Name: "embedding", Label: "embedding", Help: "joint embedding of every record",
			Kind: scenes.Choice, Choices: []string{"isomap", "tsne"}, Default: "isomap",
			Live: true},
		{Name: "neighbours", Label: "neighbours", Help: "Isomap's nearest neighbours",
			Kind: scenes.Int, Min: 3, Max: 40, Step: 1, Default: "10", Live: true},
	},
	New:  newExperiment,
	View: view,
}
