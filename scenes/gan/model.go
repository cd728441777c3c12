package gan

import (
	"math/rand/v2"

	"replab/core"
)

// Architecture of the adversarial pair, DCGAN-like and small. With base
// width b, the generator maps a code to 4b×6×6, then doubles the size
// twice by nearest upsampling and a 3×3 convolution, to 2b×12×12 and
// 3×24×24 (tanh); the discriminator mirrors it with strided convolutions,
// 3×24×24 → b×12×12 → 2b×6×6 → one logit. LeakyReLU(0.2) everywhere
// inside, as in DCGAN. Measured here: transposed convolutions drew a
// checkerboard that 1000 iterations did not remove, and without
// normalisation samples stayed speckled; PixelNorm after the generator's
// hidden layers stands in for DCGAN's batch normalisation, which would
// need batch statistics at inference.
const (
	latentDim   = 32
	leakySlope  = 0.2
	quarterSide = FaceSide / 4
	ganShards   = 2 // a batch of 32 in two halves, one per core
)

func newGenerator(rng *rand.Rand, base int) *core.Network {
	coarse := core.ImageShape{C: 4 * base, H: quarterSide, W: quarterSide}
	coarseUp := core.ImageShape{C: coarse.C, H: 2 * quarterSide, W: 2 * quarterSide}
	mid := core.ImageShape{C: 2 * base, H: 2 * quarterSide, W: 2 * quarterSide}
	midUp := core.ImageShape{C: mid.C, H: FaceSide, W: FaceSide}
	return core.NewNetwork(rng,
		core.Dense(latentDim, coarse.Size()), core.LeakyReLU(leakySlope), core.PixelNorm(coarse),
		core.Upsample(coarse, 2), core.Conv(coarseUp, mid.C, 3, 1, 1),
		core.LeakyReLU(leakySlope), core.PixelNorm(mid),
		core.Upsample(mid, 2), core.Conv(midUp, 3, 3, 1, 1), core.Tanh())
}

func newDiscriminator(rng *rand.Rand, base int) *core.Network {
	image := core.ImageShape{C: 3, H: FaceSide, W: FaceSide}
	mid := core.ImageShape{C: base, H: FaceSide / 2, W: FaceSide / 2}
	return core.NewNetwork(rng,
		core.Conv(image, base, 4, 2, 1), core.LeakyReLU(leakySlope),
		core.Conv(mid, 2*base, 4, 2, 1), core.LeakyReLU(leakySlope),
		core.Dense(2*base*quarterSide*quarterSide, 1))
}

// newAdversaries builds the pair and its trainer: Adam with β1 = 0.5 for
// both players, one-sided label smoothing of the real target.
func newAdversaries(rng *rand.Rand, base int, lr float32) *core.GANTrainer {
	gen, disc := newGenerator(rng, base), newDiscriminator(rng, base)
	adam := func() core.Optimizer { return core.NewAdam(lr, 0.5, 0.999, 1e-8, 0) }
	t := core.NewGANTrainer(gen, disc, adam(), adam())
	t.RealTarget = 0.9
	t.Shards = ganShards
	return t
}

// drawCodes fills codes (n, latentDim) with standard normal values.
func drawCodes(rng *rand.Rand, codes *core.Mat) {
	for i := range codes.Rows {
		for j := range codes.Row(i) {
			codes.Row(i)[j] = float32(rng.NormFloat64())
		}
	}
}

// predictChunk bounds the rows net.Predict sees at once: a convolution
// unfolds every patch of its batch, which for 512 generated faces would
// hold hundreds of megabytes.
const predictChunk = 64

// predict returns net's output for x, (n, in) → (n, out), computed
// predictChunk rows at a time.
func predict(net *core.Network, x *core.Mat) *core.Mat {
	out := core.NewMat(x.Rows, net.Out())
	for r0 := 0; r0 < x.Rows; r0 += predictChunk {
		r1 := min(r0+predictChunk, x.Rows)
		part := net.Predict(x.RowSlice(r0, r1))
		for i := range part.Rows {
			copy(out.Row(r0+i), part.Row(i))
		}
	}
	return out
}
