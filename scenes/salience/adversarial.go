package salience

import (
	"context"

	"replab/core"
)

// adversarial trains a next-frame predictor with MSE + λ·adversarial loss
// against a discriminator that sees (input frame, next frame) pairs. The
// predictor's adversarial gradient is the discriminator's ∂L/∂input,
// restricted to the next-frame half of the pair.
type adversarial struct {
	gen, disc *model
	pairs     [numShards]*core.Mat // discriminator inputs (rows, 2·frame)
	discSink  [numShards][]float32 // discriminator gradients of the predictor's step, unused
	real      *core.Mat            // labels: ones
	fake      *core.Mat            // labels: zeros
}

func newAdversarial(gen, disc *model) *adversarial {
	a := &adversarial{gen: gen, disc: disc}
	for s := range numShards {
		a.discSink[s] = make([]float32, disc.net.NumParams())
	}
	return a
}

// labels returns a column of rows copies of v.
func labels(rows int, v float32) *core.Mat {
	m := core.NewMat(rows, 1)
	for i := range m.Data {
		m.Data[i] = v
	}
	return m
}

// pair writes (x, next) side by side into shard s's discriminator input.
func (a *adversarial) pair(s int, x, next *core.Mat) *core.Mat {
	p := a.pairs[s]
	if p == nil || p.Rows != x.Rows {
		p = core.NewMat(x.Rows, x.Cols+next.Cols)
		a.pairs[s] = p
	}
	for i := range x.Rows {
		row := p.Row(i)
		copy(row, x.Row(i))
		copy(row[x.Cols:], next.Row(i))
	}
	return p
}

// ensureLabels sizes the label columns for a shard of rows.
func (a *adversarial) ensureLabels(rows int) {
	if a.real == nil || a.real.Rows < rows {
		a.real, a.fake = labels(rows, 1), labels(rows, 0)
	}
}

// discStep trains the discriminator one step to call (x, target) real and
// (x, prediction) fake; it returns its mean loss over both.
func (a *adversarial) discStep(ctx context.Context, x, target *core.Mat) (float64, error) {
	d := a.disc
	d.zeroGrads()
	var losses [numShards]float64
	scale := 1 / float32(2*x.Rows)
	a.ensureLabels(x.Rows)
	err := core.Parallel(ctx, numShards, func(s int) error {
		xs, ts := shard(x, s), shard(target, s)
		predicted := a.gen.net.Forward(a.gen.spaces[s], xs, false)
		for _, side := range [2]struct{ next, label *core.Mat }{
			{ts, a.real}, {predicted, a.fake},
		} {
			logits := d.net.Forward(d.spaces[s], a.pair(s, xs, side.next), true)
			dl := d.delta(s, logits.Rows, 1)
			losses[s] += core.BCELogits{}.Sum(logits, side.label.RowSlice(0, xs.Rows), dl, scale)
			d.net.Backward(d.spaces[s], dl, d.grads[s])
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return finiteLoss(sum(losses[:])/float64(2*x.Rows), d.apply())
}

// genStep trains the predictor one step on MSE + λ·(−log D(x, prediction))
// and returns its mean MSE and mean adversarial loss.
func (a *adversarial) genStep(ctx context.Context, x, target *core.Mat,
	lambda float64) (mse, adv float64, err error) {
	g, d := a.gen, a.disc
	g.zeroGrads()
	var mses, advs [numShards]float64
	scale := 1 / float32(x.Rows)
	a.ensureLabels(x.Rows)
	err = core.Parallel(ctx, numShards, func(s int) error {
		xs, ts := shard(x, s), shard(target, s)
		y := g.net.Forward(g.spaces[s], xs, true)
		dy := g.delta(s, y.Rows, y.Cols)
		mses[s] = core.MSE{}.Sum(y, ts, dy, scale)
		logits := d.net.Forward(d.spaces[s], a.pair(s, xs, y), false)
		dl := d.delta(s, logits.Rows, 1)
		advs[s] = core.BCELogits{}.Sum(logits, a.real.RowSlice(0, xs.Rows), dl, float32(lambda)*scale)
		clear(a.discSink[s])
		dPair := d.net.Backward(d.spaces[s], dl, a.discSink[s])
		for i := range dy.Rows {
			row, fromDisc := dy.Row(i), dPair.Row(i)[xs.Cols:]
			for j := range row {
				row[j] += fromDisc[j]
			}
		}
		g.net.Backward(g.spaces[s], dy, g.grads[s])
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	if _, err = finiteLoss(sum(advs[:]), g.apply()); err != nil {
		return 0, 0, err
	}
	return sum(mses[:]) / float64(x.Rows), sum(advs[:]) / float64(x.Rows), nil
}
