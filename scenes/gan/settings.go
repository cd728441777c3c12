package gan

import (
	"replab/scenes"
)

// Defaults of a run from scratch: the budget is chosen so that judges,
// training and evaluation finish within about five minutes on a shared
// 2-core machine.

// params are the scene's parameters, declared once for keys, mouse and
// --set.
var params = []scenes.Param{
	{Name: "start", Label: "start", Kind: scenes.Choice, Choices: []string{"scratch", "checkpoint"},
		Default: "scratch",
		Help:    "train the GAN from scratch, or evaluate the shipped checkpoint"},
	{Name: "equation", Label: "equation", Kind: scenes.Choice, Live: true,
		Choices: []string{"glasses", "smile"}, Default: "glasses",
		Help: "glasses: glasses man − man + woman; smile: smiling woman − woman + man"},
	{Name: "draw", Label: "exemplars", Kind: scenes.Int, Min: 1, Max: 999, Step: 1,
		Default: "1", Live: true,
		Help: "which draw of exemplars the panel shows: change it to re-draw them"},
	{Name: "lr", Label: "learning rate", Kind: scenes.Float, Min: 1e-5, Max: 1e-2, Step: 2,
		Log: true, Default: "0.0005", Live: true,
		Help: "Adam's learning rate for both players (β1 = 0.5)"},
	{Name: "iterations", Label: "iterations", Kind: scenes.Int, Min: 0, Max: 1_000_000,
		Step: 500, Default: "3000",
		Help: "GAN iterations (batch 32) before the final evaluation"},
	{Name: "width", Label: "width", Kind: scenes.Int, Min: 4, Max: 32, Step: 4,
		Default: "8",
		Help:    "base channel count of both networks when training from scratch"},
	{Name: "load", Label: "load from", Kind: scenes.Text, Default: "",
		Help: "with start=checkpoint, a checkpoint file to use instead of the shipped one"},
	{Name: "save", Label: "save to", Kind: scenes.Text, Default: "",
		Help: "write the trained generator and discriminator to this file at the end"},
}

// settings are the parameter values the experiment reads.
type settings struct {
	fromCheckpoint bool
	equation, draw int
	learningRate   float32
	iterations     int
	width          int
	savePath       string
	loadPath       string
}

func readSettings(v scenes.Values) (settings, error) {
	s := settings{
		fromCheckpoint: v.Index("start") == 1,
		equation:       v.Index("equation"),
		draw:           v.Int("draw"),
		learningRate:   float32(v.Float("lr")),
		iterations:     v.Int("iterations"),
		width:          v.Int("width"),
		savePath:       v.String("save"),
		loadPath:       v.String("load"),
	}
	s.equation = min(max(s.equation, 0), len(equations)-1)
	s.width = max(s.width, 1)
	return s, checkSavePath(s.savePath)
}
