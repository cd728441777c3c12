package salience

import (
	"math/rand/v2"

	"replab/core"
)

// frameLen is the length of a frame as a network sees it.
const frameLen = 3 * FrameSize * FrameSize

// framesMat stacks images as the rows of a matrix (n, frameLen).
func framesMat(images []Image) *core.Mat {
	m := core.NewMat(len(images), frameLen)
	for i, img := range images {
		copy(m.Row(i), img.Pix)
	}
	return m
}

// rowImage copies row i of m into an image.
func rowImage(m *core.Mat, i int) Image {
	return Image{W: FrameSize, H: FrameSize, Pix: append([]float32(nil), m.Row(i)...)}
}

// pingpongFrames draws n frames with balls of the given radius.
func pingpongFrames(rng *rand.Rand, radius float64, n int) []PingpongFrame {
	frames := make([]PingpongFrame, n)
	for i := range frames {
		frames[i] = NewPingpongFrame(rng, radius)
	}
	return frames
}

// pingpongImages returns the frames' pictures.
func pingpongImages(frames []PingpongFrame) []Image {
	images := make([]Image, len(frames))
	for i, f := range frames {
		images[i] = f.Image
	}
	return images
}

// headSamples draws n next-frame examples.
func headSamples(rng *rand.Rand, delta float64, n int) []HeadSample {
	samples := make([]HeadSample, n)
	for i := range samples {
		samples[i] = NewHeadSample(rng, delta)
	}
	return samples
}

// headMats returns the inputs and targets of samples as matrices.
func headMats(samples []HeadSample) (inputs, targets *core.Mat) {
	in := make([]Image, len(samples))
	out := make([]Image, len(samples))
	for i, s := range samples {
		in[i], out[i] = s.Input.Image, s.Target().Image
	}
	return framesMat(in), framesMat(out)
}

// meanSquaredError is the per-value MSE between two stacks of frames.
func meanSquaredError(pred, target *core.Mat) float64 {
	return core.MeanLoss(core.MSE{}, pred, target, nil)
}
