package gan

import (
	"context"
	"math"
	"math/rand/v2"

	"replab/core"
)

// judges score images in [−1, 1]: an attribute classifier, (n, FacePixels)
// → (n, numAttrs) logits, and a realness judge, (n, FacePixels) → (n, 1)
// logit, trained to tell a single face from a superposition of faces.
type judges struct {
	classifier, realness *core.Network
}

// judgeNet is a small convolutional network: 24×24 → 12×12 → 6×6 → outputs.
func judgeNet(rng *rand.Rand, outputs int) *core.Network {
	const c1, c2 = 16, 32
	return core.NewNetwork(rng,
		core.Conv(core.ImageShape{C: 3, H: FaceSide, W: FaceSide}, c1, 4, 2, 1), core.LeakyReLU(0.2),
		core.Conv(core.ImageShape{C: c1, H: FaceSide / 2, W: FaceSide / 2}, c2, 4, 2, 1),
		core.LeakyReLU(0.2),
		core.Dense(c2*(FaceSide/4)*(FaceSide/4), outputs))
}

// judgeTrainer trains both judges on faces of a pool, one minibatch each
// per step.
type judgeTrainer struct {
	judges
	pool            facePool
	rng             *rand.Rand
	cls, real       *core.Trainer
	x, attrs, truth *core.Mat
	steps, total    int
}

// Judges' optimisation: Adam at judgeRate, divided by judgeRateDrop for the
// last third of the steps. Measured here: at a constant rate the realness
// judge's pass rate on superpositions swung between about 0.08 and 0.2 from
// one check to the next.
const (
	judgeBatch    = 64
	judgeRate     = 2e-3
	judgeRateDrop = 4
)

// newJudgeTrainer returns a trainer of fresh judges on pool for total
// steps.
func newJudgeTrainer(rng *rand.Rand, pool facePool, total int) *judgeTrainer {
	j := &judgeTrainer{pool: pool, rng: rng, total: total,
		x: core.NewMat(judgeBatch, FacePixels), attrs: core.NewMat(judgeBatch, numAttrs),
		truth: core.NewMat(judgeBatch, 1)}
	j.classifier, j.realness = judgeNet(rng, numAttrs), judgeNet(rng, 1)
	adam := func() core.Optimizer { return core.NewAdamDefault(judgeRate) }
	opts := core.TrainerOptions{Shards: 2} // a batch in two halves, one per core
	j.cls = core.NewTrainer(j.classifier, core.BCELogits{}, adam(), opts)
	j.real = core.NewTrainer(j.realness, core.BCELogits{}, adam(), opts)
	return j
}

// step trains the classifier on a batch of labelled faces and the realness
// judge on a batch that is half faces, half superpositions.
func (j *judgeTrainer) step(ctx context.Context) (clsLoss, realLoss float64, err error) {
	if j.steps == 2*j.total/3 {
		for _, opt := range []core.Optimizer{j.cls.Opt, j.real.Opt} {
			opt.SetLearningRate(judgeRate / judgeRateDrop)
		}
	}
	for i, k := range j.pool.batch(j.rng, j.x) {
		v := attrVector(j.pool.attrs[k])
		copy(j.attrs.Row(i), v[:])
	}
	addPixelNoise(j.rng, j.x)
	if clsLoss, err = j.cls.Step(ctx, j.x, j.attrs); err != nil {
		return 0, 0, err
	}
	j.pool.batch(j.rng, j.x)
	for i := range judgeBatch {
		j.truth.Data[i] = 1
		if i%2 == 1 {
			j.pool.superpose(j.rng, j.rng.IntN(superKinds), j.x.Row(i))
			j.truth.Data[i] = 0
		}
	}
	addPixelNoise(j.rng, j.x)
	realLoss, err = j.real.Step(ctx, j.x, j.truth)
	j.steps++
	return clsLoss, realLoss, err
}

// maxJudgeNoise is the largest standard deviation of the pixel noise added
// to the judges' training images (pixels in [−1, 1]).
const maxJudgeNoise = 0.3

// addPixelNoise adds Gaussian noise of a random strength, up to
// maxJudgeNoise, to every image of x. Real faces and superpositions get the
// same noise, so the realness judge cannot use noise as a sign of fakery
// and must look for ghosts; a young generator's samples are noisy, and a
// judge that rejected noise would reject them all and make its percentile
// gate meaningless.
func addPixelNoise(rng *rand.Rand, x *core.Mat) {
	for i := range x.Rows {
		sigma := maxJudgeNoise * rng.Float64()
		row := x.Row(i)
		for j, v := range row {
			row[j] = clampUnit(v + float32(sigma*rng.NormFloat64()))
		}
	}
}

// attributes returns the classifier's probability of each attribute for
// every image of x (n, FacePixels).
func (j judges) attributes(x *core.Mat) [][numAttrs]float32 {
	logits := predict(j.classifier, x)
	probs := make([][numAttrs]float32, x.Rows)
	for i := range probs {
		for a, z := range logits.Row(i) {
			probs[i][a] = sigmoid(z)
		}
	}
	return probs
}

// realScores returns the realness judge's probability that each image of x
// is a single face.
func (j judges) realScores(x *core.Mat) []float32 {
	logits := predict(j.realness, x)
	scores := make([]float32, x.Rows)
	for i := range scores {
		scores[i] = sigmoid(logits.At(i, 0))
	}
	return scores
}

func sigmoid(z float32) float32 { return float32(1 / (1 + math.Exp(-float64(z)))) }

// heldOut measures the judges on faces they never saw: the classifier's
// accuracy per attribute, and the share of real faces and of
// superpositions the realness judge calls real (score ≥ 0.5).
type heldOut struct {
	attrAccuracy           [numAttrs]float64
	realPassed, superPassd float64
}

func measureJudges(j judges, test facePool, rng *rand.Rand) heldOut {
	var h heldOut
	n := test.size()
	for i, p := range j.attributes(test.images) {
		want := attrVector(test.attrs[i])
		for a := range numAttrs {
			if (p[a] >= 0.5) == (want[a] == 1) {
				h.attrAccuracy[a] += 1 / float64(n)
			}
		}
	}
	for _, s := range j.realScores(test.images) {
		h.realPassed += b64(s >= 0.5) / float64(n)
	}
	supers := core.NewMat(n, FacePixels)
	for i := range n {
		test.superpose(rng, i%superKinds, supers.Row(i))
	}
	for _, s := range j.realScores(supers) {
		h.superPassd += b64(s >= 0.5) / float64(n)
	}
	return h
}

func b64(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
