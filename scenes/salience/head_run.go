package salience

import (
	"context"
	"fmt"
	"math/rand/v2"

	"replab/core"
	"replab/scenes"
)

// headRun trains two next-frame predictors of identical architecture side
// by side on the same minibatches: one with MSE, one with MSE +
// λ·adversarial against a discriminator of (input, next frame) pairs.
type headRun struct {
	plain        *core.Trainer
	adv          *adversarial
	tests        []HeadSample
	testX, testY *core.Mat
	rng          *rand.Rand
	batch        int
	delta        float64
	curves       curves
	last         [2]headScore // [0] MSE predictor, [1] adversarial predictor
	discLoss     float64      // running means since the last measurement
	advLoss      float64
	lossCount    int
}

// headScore is one predictor measured on the test set.
type headScore struct {
	mse, sharp, ghost float64
	shares            [][2]float64
	outputs           *core.Mat
}

func newHeadRun(seed uint64, set settings, b budget) *headRun {
	r := &headRun{rng: core.NewRNG(seed), batch: b.batch, delta: set.delta}
	// Both predictors start from the same weights: only the loss differs.
	plain := newAutoencoder(seed+1, frameLen, b.hidden, set.bottleneck)
	r.plain = newTrainer(plain, set.lrPredict)
	gen := newModel(plain.Clone(), set.lrPredict, 0.9)
	disc := newModel(newDiscriminator(seed+2, frameLen, b.discHidden), set.lrDisc, 0.5)
	r.adv = newAdversarial(gen, disc)
	r.tests = headSamples(core.NewRNG(seed^0x7e57), set.delta, b.testFrames)
	r.testX, r.testY = headMats(r.tests)
	return r
}

func (r *headRun) train(ctx context.Context, set settings) error {
	x, y := headMats(headSamples(r.rng, r.delta, r.batch))
	if _, err := r.plain.Step(ctx, x, y); err != nil {
		return fmt.Errorf("MSE predictor: %w", err)
	}
	discLoss, err := r.adv.discStep(ctx, x, y)
	if err != nil {
		return fmt.Errorf("discriminator: %w", err)
	}
	_, advLoss, err := r.adv.genStep(ctx, x, y, set.lambda)
	if err != nil {
		return fmt.Errorf("adversarial predictor: %w", err)
	}
	r.discLoss += discLoss
	r.advLoss += advLoss
	r.lossCount++
	return nil
}

func (r *headRun) setRates(set settings) {
	r.plain.Opt.SetLearningRate(float32(set.lrPredict))
	r.adv.gen.opt.SetLearningRate(float32(set.lrPredict))
	r.adv.disc.opt.SetLearningRate(float32(set.lrDisc))
}

// evaluate measures both predictors on the test set and records a point of
// every curve, with the adversarial losses averaged since the last point.
func (r *headRun) evaluate(step int) {
	r.last[0] = scoreHead(r.plain.Net, r.tests, r.testX, r.testY)
	r.last[1] = scoreHead(r.adv.gen.net, r.tests, r.testX, r.testY)
	point := map[string]float64{
		"mse MSE": r.last[0].mse, "mse adv": r.last[1].mse,
		"sharp MSE": r.last[0].sharp, "sharp adv": r.last[1].sharp,
		"ghost MSE": r.last[0].ghost,
	}
	if r.lossCount > 0 {
		point["D loss"] = r.discLoss / float64(r.lossCount)
		point["adv loss"] = r.advLoss / float64(r.lossCount)
		r.discLoss, r.advLoss, r.lossCount = 0, 0, 0
	}
	r.curves.add(step, point)
}

func scoreHead(net *core.Network, samples []HeadSample, x, y *core.Mat) headScore {
	out := net.Predict(x)
	s := headScore{mse: meanSquaredError(out, y), outputs: out}
	for i, sample := range samples {
		shares := EarShares(rowImage(out, i), sample)
		s.shares = append(s.shares, shares)
		if EarSharp(shares) {
			s.sharp++
		}
		if EarGhost(shares) {
			s.ghost++
		}
	}
	s.sharp /= float64(len(samples))
	s.ghost /= float64(len(samples))
	return s
}

func (r *headRun) metrics() map[string]any {
	return map[string]any{
		"ear_sharp_mse": r.last[0].sharp,
		"ear_sharp_adv": r.last[1].sharp,
		"ear_ghost_mse": r.last[0].ghost,
		"ear_ghost_adv": r.last[1].ghost,
		"mse_mse":       r.last[0].mse,
		"mse_adv":       r.last[1].mse,
		"delta":         r.delta,
	}
}

// verdict checks Figure 15.6 on the measurements.
func (r *headRun) verdict() scenes.Verdict {
	plain, adv := r.last[0], r.last[1]
	ok := adv.sharp >= verdictSharp && adv.sharp >= verdictRatio*plain.sharp
	return scenes.Verdict{
		Claim:      claimHead,
		Reproduced: ok,
		Detail: fmt.Sprintf("sharp ear: adversarial %.2f (want ≥ %.1f), MSE %.2f (want ≤ half); "+
			"ghost ears: MSE %.2f, adversarial %.2f; MSE of the predictions %.4f vs %.4f",
			adv.sharp, verdictSharp, plain.sharp, plain.ghost, adv.ghost, plain.mse, adv.mse),
	}
}
