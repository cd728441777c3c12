package core

import (
	"context"
	"fmt"
	"math/rand/v2"
)

// PretrainConfig tunes greedy layer-wise pretraining.
type PretrainConfig struct {
	// Steps is the number of minibatch steps spent on each layer.
	Steps int
	// Batch is the minibatch size (at most the number of rows of x).
	Batch int
	// LearningRate of the Adam optimiser each layer's autoencoder gets;
	// 0 means 1e-3.
	LearningRate float32
	// Corruption is the masking probability of each layer's denoising
	// autoencoder; 0 trains plain autoencoders.
	Corruption float64
	// InputOutput is the activation reconstructing the raw input in the first
	// layer's autoencoder: ActSigmoid for data in [0, 1], ActIdentity
	// otherwise. Deeper layers reconstruct codes with the activation that
	// made them if it is bounded (sigmoid, tanh), linearly otherwise.
	InputOutput Activation
	// Trainer options for each layer's autoencoder.
	Options TrainerOptions
}

// PretrainedLayer reports one layer of greedy pretraining: its index in the
// network and the mean reconstruction error of its autoencoder on all the
// codes it was trained on, before and after training.
type PretrainedLayer struct {
	Layer         int
	Before, After float64
}

// Pretrain initialises net's Dense layers, all but the last (the output
// layer), by greedy layer-wise unsupervised training: each layer, with the
// activation after it, is the encoder of a (denoising) autoencoder trained
// with MSE to reconstruct the codes that the layers below it, already
// pretrained, give for x. The trained encoder weights are written into net,
// which can then be fine-tuned with a Trainer. It returns an error for a bad
// configuration, a cancelled ctx or a divergence, leaving the layers done so
// far pretrained.
func Pretrain(ctx context.Context, rng *rand.Rand, net *Network, x *Mat,
	cfg PretrainConfig) ([]PretrainedLayer, error) {
	if cfg.Steps <= 0 || !(cfg.Corruption >= 0 && cfg.Corruption < 1) || x.Cols != net.In() {
		return nil, fmt.Errorf("core: pretraining %d steps at corruption %v on %d columns "+
			"for %d inputs", cfg.Steps, cfg.Corruption, x.Cols, net.In())
	}
	denses := denseIndices(net)
	var report []PretrainedLayer
	codes, codeAct := x, cfg.InputOutput
	for _, i := range denses[:max(len(denses)-1, 0)] {
		layer, err := pretrainLayer(ctx, rng, net, i, codes, decoderActivation(codeAct), cfg)
		if err != nil {
			return report, err
		}
		report = append(report, layer)
		act, end := activationAfter(net, i)
		codes, codeAct = net.PredictPrefix(x, end), act
	}
	return report, nil
}

// pretrainLayer trains layer i of net as the encoder of an autoencoder on
// codes and writes the trained weights back into net.
func pretrainLayer(ctx context.Context, rng *rand.Rand, net *Network, i int, codes *Mat,
	output Activation, cfg PretrainConfig) (PretrainedLayer, error) {
	in, out := net.Width(i), net.Width(i+1)
	layers := []Layer{Dense(in, out)}
	if _, end := activationAfter(net, i); end == i+2 {
		layers = append(layers, net.layers[i+1])
	}
	encoderLayers := len(layers)
	layers = append(layers, Dense(out, in))
	if output != ActIdentity {
		layers = append(layers, output.Layer())
	}
	lr := cfg.LearningRate
	if lr == 0 {
		lr = 1e-3
	}
	ae := newAutoencoder(rng, layers, encoderLayers, MSE{}, cfg.Corruption,
		NewAdamDefault(lr), cfg.Options)
	copy(ae.Net.LayerParams(0), net.LayerParams(i)) // start from net's initialisation
	report := PretrainedLayer{Layer: i, Before: ae.ReconstructionError(codes)}
	batches, err := NewBatcher(rng, codes, nil, cfg.Batch)
	if err != nil {
		return report, err
	}
	for range cfg.Steps {
		xb, _ := batches.Next()
		if _, err := ae.Step(ctx, xb); err != nil {
			return report, fmt.Errorf("core: pretraining layer %d: %w", i, err)
		}
	}
	copy(net.LayerParams(i), ae.Net.LayerParams(0))
	report.After = ae.ReconstructionError(codes)
	return report, nil
}

// denseIndices returns the indices of net's Dense layers.
func denseIndices(net *Network) []int {
	var idx []int
	for i, l := range net.layers {
		if _, ok := l.(denseLayer); ok {
			idx = append(idx, i)
		}
	}
	return idx
}

// activationAfter returns the kind of the pointwise activation right after
// layer i (ActIdentity if there is none) and the number of layers up to and
// including it.
func activationAfter(net *Network, i int) (Activation, int) {
	if i+1 < len(net.layers) {
		if p, ok := net.layers[i+1].(pointwise); ok {
			return p.kind, i + 2
		}
	}
	return ActIdentity, i + 1
}

// decoderActivation returns the activation that reconstructs codes made by
// act: act itself when it is bounded, linear otherwise.
func decoderActivation(act Activation) Activation {
	if act == ActSigmoid || act == ActTanh {
		return act
	}
	return ActIdentity
}
