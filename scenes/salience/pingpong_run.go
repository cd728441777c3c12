package salience

import (
	"context"
	"fmt"
	"math/rand/v2"

	"replab/core"
	"replab/scenes"
)

// pingpongRun trains two identical autoencoders with MSE side by side: one
// on frames with the chosen ball radius, one with a large ball.
type pingpongRun struct {
	radii  [2]float64
	models [2]*core.Trainer
	tests  [2][]PingpongFrame
	testX  [2]*core.Mat
	rng    *rand.Rand
	batch  int
	curves curves
	last   [2]pingpongScore
}

// pingpongScore is one autoencoder measured on its test set.
type pingpongScore struct {
	mse, ballKept, armIoU float64
	outputs               *core.Mat
}

func newPingpongRun(seed uint64, set settings, b budget) *pingpongRun {
	r := &pingpongRun{radii: [2]float64{set.radius, largeRadius}, batch: b.batch,
		rng: core.NewRNG(seed)}
	testRNG := core.NewRNG(seed ^ 0x7e57)
	for k, radius := range r.radii {
		net := newAutoencoder(seed+uint64(k)+1, frameLen, b.hidden, set.bottleneck)
		r.models[k] = newTrainer(net, set.lrAutoenc)
		r.tests[k] = pingpongFrames(testRNG, radius, b.testFrames)
		r.testX[k] = framesMat(pingpongImages(r.tests[k]))
	}
	return r
}

func (r *pingpongRun) train(ctx context.Context, _ settings) error {
	for k, radius := range r.radii {
		x := framesMat(pingpongImages(pingpongFrames(r.rng, radius, r.batch)))
		if _, err := r.models[k].Step(ctx, x, x); err != nil {
			return fmt.Errorf("autoencoder at radius %g: %w", radius, err)
		}
	}
	return nil
}

func (r *pingpongRun) setRates(set settings) {
	for _, m := range r.models {
		m.Opt.SetLearningRate(float32(set.lrAutoenc))
	}
}

// evaluate measures both autoencoders on their test frames and records a
// point of every curve.
func (r *pingpongRun) evaluate(step int) {
	for k := range r.models {
		r.last[k] = scorePingpong(r.models[k].Net, r.tests[k], r.testX[k])
	}
	r.curves.add(step, map[string]float64{
		"mse small": r.last[0].mse, "mse large": r.last[1].mse,
		"kept small": r.last[0].ballKept, "kept large": r.last[1].ballKept,
		"arm IoU": r.last[0].armIoU,
	})
}

func scorePingpong(net *core.Network, frames []PingpongFrame, x *core.Mat) pingpongScore {
	out := net.Predict(x)
	s := pingpongScore{mse: meanSquaredError(out, x), outputs: out}
	for i, f := range frames {
		img := rowImage(out, i)
		if BallKept(img, f) {
			s.ballKept++
		}
		s.armIoU += ArmIoU(img, f)
	}
	s.ballKept /= float64(len(frames))
	s.armIoU /= float64(len(frames))
	return s
}

func (r *pingpongRun) metrics() map[string]any {
	return map[string]any{
		"mse_recon":           r.last[0].mse,
		"ball_kept_mse":       r.last[0].ballKept,
		"arm_iou_mse":         r.last[0].armIoU,
		"ball_kept_mse_large": r.last[1].ballKept,
		"mse_recon_large":     r.last[1].mse,
		"arm_iou_mse_large":   r.last[1].armIoU,
		"radius":              r.radii[0],
		"radius_large":        r.radii[1],
	}
}

// verdict checks Figure 15.5 on the measurements.
func (r *pingpongRun) verdict() scenes.Verdict {
	small, large := r.last[0], r.last[1]
	ok := small.armIoU >= verdictArmIoU && small.ballKept <= verdictLostMax &&
		large.ballKept >= verdictKeptMin
	return scenes.Verdict{
		Claim:      claimPingpong,
		Reproduced: ok,
		Detail: fmt.Sprintf("radius %g: arm IoU %.2f (want ≥ %.1f), ball kept %.2f (want ≤ %.1f); "+
			"radius %g: ball kept %.2f (want ≥ %.1f)", r.radii[0], small.armIoU, verdictArmIoU,
			small.ballKept, verdictLostMax, r.radii[1], large.ballKept, verdictKeptMin),
	}
}
