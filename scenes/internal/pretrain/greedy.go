// Package pretrain holds what the pretraining scene (Ma et al. 2015) and
// the trajectories scene (Figure 15.1 of Deep Learning) share: a
// multilayer perceptron whose hidden layers can be initialised by greedy
// layer-wise denoising-autoencoder pretraining, and a fine-tuning run of
// it, both advanced a few minibatches at a time so that a scene's Step
// stays short and a paused scene computes nothing.
//
// Greedy pretraining sequences core's autoencoders: each hidden layer, with
// its activation, is the encoder of a denoising autoencoder trained on the
// codes of the layers below, starting from the network's own
// initialisation, one minibatch at a time so that it can be paused.
package pretrain

import (
	"context"
	"fmt"
	"math/rand/v2"

	"replab/core"
)

// GreedyConfig tunes greedy layer-wise pretraining.
type GreedyConfig struct {
	StepsPerLayer int     // minibatch steps spent on each hidden layer
	Batch         int     // minibatch size (clamped to the number of rows)
	LearningRate  float32 // Adam's learning rate for each autoencoder (0: 1e-3)
	// Optimizer, if set, makes each autoencoder's optimiser instead of Adam;
	// it is told the width the autoencoder reconstructs.
	Optimizer  func(reconstructed int) core.Optimizer
	Corruption float64 // masking probability of the denoising autoencoders
	// InputOutput reconstructs the raw input in the first layer's
	// autoencoder: core.ActSigmoid for data in [0, 1], ActIdentity otherwise.
	InputOutput core.Activation
	// InputLoss, if set, is the first layer's reconstruction loss (core.BCE
	// for inputs in [0, 1]); deeper layers and the default use MSE.
	InputLoss core.Loss
	// Init redraws each autoencoder's decoder as the network was drawn
	// (its encoder starts from the network's layer whatever Init says).
	Init Init
}

// Greedy pretrains the hidden layers of a network built by NewNet, one
// layer after the other, a few minibatches per call of Advance.
type Greedy struct {
	net     *Net
	x       *core.Mat
	cfg     GreedyConfig
	rng     *rand.Rand
	layer   int // hidden layer being trained
	steps   int // steps done on it
	ae      *core.Autoencoder
	batches *core.Batcher
	codes   *core.Mat

	// Layers reports each finished layer's reconstruction error before and
	// after its training, on all the codes it was trained on.
	Layers []LayerReport
}

// LayerReport is one pretrained layer: its index in the network and the
// mean reconstruction error of its autoencoder on all the codes it was
// trained on, before and after training.
type LayerReport struct {
	Layer         int
	Before, After float64
}

// NewGreedy prepares pretraining of net on the rows of x (unlabelled). It
// returns an error for a bad configuration.
func NewGreedy(rng *rand.Rand, net *Net, x *core.Mat, cfg GreedyConfig) (*Greedy, error) {
	if cfg.StepsPerLayer < 0 || !(cfg.Corruption >= 0 && cfg.Corruption < 1) ||
		x.Cols != net.Net.In() || x.Rows == 0 || cfg.Batch <= 0 {
		return nil, fmt.Errorf("pretrain: %d steps a layer at corruption %v, batch %d, "+
			"on (%d,%d) for %d inputs", cfg.StepsPerLayer, cfg.Corruption, cfg.Batch,
			x.Rows, x.Cols, net.Net.In())
	}
	if cfg.LearningRate == 0 {
		cfg.LearningRate = 1e-3
	}
	cfg.Batch = min(cfg.Batch, x.Rows)
	return &Greedy{net: net, x: x, cfg: cfg, rng: rng, codes: x}, nil
}

// Done reports whether every hidden layer has been pretrained.
func (g *Greedy) Done() bool {
	return g.layer >= g.net.Hidden() || g.cfg.StepsPerLayer == 0
}

// Progress is the fraction of pretraining steps done, 0…1.
func (g *Greedy) Progress() float64 {
	if g.Done() {
		return 1
	}
	total := g.cfg.StepsPerLayer * g.net.Hidden()
	return float64(g.layer*g.cfg.StepsPerLayer+g.steps) / float64(total)
}

// Layer returns the hidden layer being pretrained (0 first).
func (g *Greedy) Layer() int { return g.layer }

// Advance runs up to steps minibatch steps, moving to the next layer when
// one is done. It returns an error wrapping core.ErrDiverged if the numbers
// went wrong, or ctx's error.
func (g *Greedy) Advance(ctx context.Context, steps int) error {
	for ; steps > 0 && !g.Done(); steps-- {
		if g.ae == nil {
			if err := g.startLayer(); err != nil {
				return err
			}
		}
		xb, _ := g.batches.Next()
		if _, err := g.ae.Step(ctx, xb); err != nil {
			return fmt.Errorf("pretrain: layer %d: %w", g.layer, err)
		}
		g.steps++
		if g.steps == g.cfg.StepsPerLayer {
			g.finishLayer()
		}
	}
	return nil
}

// startLayer builds the autoencoder of the current layer, its encoder
// starting from the network's weights.
func (g *Greedy) startLayer() error {
	in, out := g.net.Width(g.layer), g.net.Width(g.layer+1)
	decoder, loss := g.cfg.InputOutput, g.cfg.InputLoss
	if g.layer > 0 {
		decoder, loss = reconstructionOf(g.net.Act), nil
	}
	ae, err := core.NewAutoencoder(g.rng, core.AutoencoderConfig{
		Sizes: []int{in, out}, Hidden: g.net.Act, Output: decoder, Corruption: g.cfg.Corruption,
		Loss: loss,
	}, g.optimizer(in), core.TrainerOptions{Workers: 1})
	if err != nil {
		return fmt.Errorf("pretrain: layer %d: %w", g.layer, err)
	}
	Reinit(g.rng, ae.Net, g.cfg.Init)
	copy(ae.Net.LayerParams(0), g.net.Net.LayerParams(g.net.DenseLayer(g.layer)))
	batches, err := core.NewBatcher(g.rng, g.codes, nil, g.cfg.Batch)
	if err != nil {
		return fmt.Errorf("pretrain: layer %d: %w", g.layer, err)
	}
	g.ae, g.batches, g.steps = ae, batches, 0
	g.Layers = append(g.Layers, LayerReport{
		Layer: g.layer, Before: ae.ReconstructionError(g.codes)})
	return nil
}

// finishLayer writes the trained encoder into the network and computes the
// codes the next layer learns to reconstruct.
func (g *Greedy) finishLayer() {
	copy(g.net.Net.LayerParams(g.net.DenseLayer(g.layer)), g.ae.Net.LayerParams(0))
	g.Layers[len(g.Layers)-1].After = g.ae.ReconstructionError(g.codes)
	g.layer++
	g.ae, g.batches = nil, nil
	if !g.Done() {
		g.codes = g.net.Net.PredictPrefix(g.x, g.net.DenseLayer(g.layer))
	}
}

// reconstructionOf is the activation that reconstructs codes made by act:
// act itself when it is bounded, linear otherwise.
func reconstructionOf(act core.Activation) core.Activation {
	if act == core.ActSigmoid || act == core.ActTanh {
		return act
	}
	return core.ActIdentity
}

// Remaining returns the number of pretraining steps left.
func (g *Greedy) Remaining() int {
	if g.Done() {
		return 0
	}
	return g.cfg.StepsPerLayer*g.net.Hidden() - g.layer*g.cfg.StepsPerLayer - g.steps
}

func (g *Greedy) optimizer(reconstructed int) core.Optimizer {
	if g.cfg.Optimizer != nil {
		return g.cfg.Optimizer(reconstructed)
	}
	return core.NewAdamDefault(g.cfg.LearningRate)
}
