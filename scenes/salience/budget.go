package salience

// budget is the size of a run: networks, minibatch, steps and test set.
// The default is what `replab run salience` and the TUI use; tests use a
// much smaller one.
type budget struct {
	hidden       int // width of the autoencoders' and predictors' hidden layers
	discHidden   int // width of the discriminator's hidden layers
	batch        int // minibatch size
	trainSteps   int // optimiser steps per model
	evalEvery    int // optimiser steps between two measurements on the test set
	testFrames   int // frames in the test set
	stepsPerCall int // optimiser steps per Experiment.Step
}

// defaultBudgets are sized so that each data set runs headless within a
// few minutes on two cores (see the package doc's limits). Ping-pong
// trains two autoencoders per step, the head three networks.
var defaultBudgets = map[int]budget{
	datasetPingpong: {hidden: 256, batch: 32, trainSteps: 2500, evalEvery: 25,
		testFrames: 64, stepsPerCall: 2},
	datasetHead: {hidden: 128, discHidden: 128, batch: 32, trainSteps: 2000, evalEvery: 25,
		testFrames: 64, stepsPerCall: 2},
}

// settings are the scene's parameters, read once from scenes.Values.
type settings struct {
	dataset    int // datasetPingpong or datasetHead
	bottleneck int
	radius     float64 // ball radius of the small-ball run
	delta      float64 // yaw step Δ of the head, radians
	lambda     float64 // weight of the adversarial loss
	lrAutoenc  float64 // learning rate of the ping-pong autoencoders
	lrPredict  float64 // learning rate of the head predictors
	lrDisc     float64 // learning rate of the discriminator
	magnify    bool
}

// Data sets, in the order of the "data" parameter's choices.
const (
	datasetPingpong = iota
	datasetHead
)

// largeRadius is the ball radius of the comparison run of Figure 15.5.
const largeRadius = 5
