package salience

import (
	"fmt"

	"replab/scenes"
)

// The claims the verdicts check, one per data set.
const (
	claimPingpong = "an MSE autoencoder keeps the large arm but loses the small ball (radius 1); " +
		"a large ball (radius 5) survives"
	claimHead = "predicting a turning head's next frame, MSE blurs the ear into two ghosts; " +
		"MSE + adversarial draws one sharp ear"
)

// Params are the scene's parameters.
var Params = []scenes.Param{
	{Name: "data", Label: "data set", Kind: scenes.Choice, Choices: []string{"pingpong", "head"},
		Default: "pingpong", Help: "robot arm and ball (Fig. 15.5) or turning head (Fig. 15.6)"},
	{Name: "bottleneck", Label: "bottleneck", Kind: scenes.Int, Min: 2, Max: 64, Step: 2,
		Default: "16", Help: "width of the narrowest layer of every network"},
	{Name: "radius", Label: "ball radius", Kind: scenes.Int, Min: 1, Max: 6, Step: 1,
		Default: "1", Help: "ball radius of the small-ball run (the other uses radius 5)"},
	{Name: "delta", Label: "Δ yaw", Kind: scenes.Float, Min: 0.6, Max: 1, Step: 0.1,
		Default: "0.8", Help: "head turn between frames, radians (direction random)"},
	{Name: "lambda", Label: "λ adv", Kind: scenes.Float, Min: 0, Max: 0.2, Step: 0.005,
		Default: "0.02", Live: true, Help: "weight of the adversarial loss"},
	{Name: "lr_ae", Label: "lr autoenc", Kind: scenes.Float, Min: 1e-5, Max: 1e-2, Step: 2,
		Log: true, Default: "0.001", Live: true, Help: "Adam learning rate of the autoencoders"},
	{Name: "lr", Label: "lr predict", Kind: scenes.Float, Min: 1e-5, Max: 1e-2, Step: 2, Log: true,
		Default: "0.0005", Live: true, Help: "Adam learning rate of both head predictors"},
	{Name: "lr_d", Label: "lr critic", Kind: scenes.Float, Min: 1e-5, Max: 1e-2, Step: 2,
		Log: true, Default: "0.0002", Live: true, Help: "Adam learning rate of the discriminator"},
	{Name: "magnify", Label: "magnifier", Kind: scenes.Choice, Choices: []string{"off", "on"},
		Default: "off", Live: true, Help: "zoom every frame on the ball or the ears"},
}

// Scene is the salience scene (Figures 15.5 and 15.6).
var Scene = scenes.Scene{
	Name:   "salience",
	Figure: "15.5, 15.6",
	Title:  "What MSE drops: the ping-pong ball and the ear",
	Claim:  claimPingpong + "; " + claimHead,
	Help: "Ping-pong: two identical autoencoders trained with MSE, one on a radius-1 ball, " +
		"one on a radius-5 ball; the small ball fades from the reconstructions while the arm " +
		"stays. Head: the next frame turns by ±Δ, direction unseen; the MSE predictor draws " +
		"two faint ears, the MSE+adversarial one commits to one. Try the magnifier, λ = 0, " +
		"a wider bottleneck, or a larger radius.",
	Params: Params,
	Reports: []scenes.Report{
		{Figure: "15.5", Set: map[string]string{"data": "pingpong"}},
		{Figure: "15.6", Set: map[string]string{"data": "head"}},
	},
	New:  newFromConfig,
	View: View,
}

// readSettings reads the parameters' values.
func readSettings(v scenes.Values) settings {
	return settings{
		dataset:    v.Index("data"),
		bottleneck: v.Int("bottleneck"),
		radius:     float64(v.Int("radius")),
		delta:      v.Float("delta"),
		lambda:     v.Float("lambda"),
		lrAutoenc:  v.Float("lr_ae"),
		lrPredict:  v.Float("lr"),
		lrDisc:     v.Float("lr_d"),
		magnify:    v.Index("magnify") == 1,
	}
}

func newFromConfig(cfg scenes.Config) (scenes.Experiment, error) {
	set := readSettings(cfg.Values)
	if set.dataset != datasetPingpong && set.dataset != datasetHead {
		return nil, fmt.Errorf("salience: unknown data set index %d", set.dataset)
	}
	return newExperiment(cfg.Seed, set, defaultBudgets[set.dataset]), nil
}
