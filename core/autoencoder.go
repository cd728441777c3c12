package core

import (
	"context"
	"fmt"
	"math/rand/v2"
)

// AutoencoderConfig describes an autoencoder: an encoder of Dense layers
// through Sizes (input width first, code width last) and a decoder mirroring
// it back to the input width.
type AutoencoderConfig struct {
	Sizes []int
	// Hidden is the activation of every layer but the decoder's last; the
	// code layer uses it too.
	Hidden Activation
	// Output is the activation of the reconstruction: ActSigmoid for data in
	// [0, 1], ActIdentity for unbounded data.
	Output Activation
	// Corruption is the probability that masking noise zeroes an input
	// element in a training step (a denoising autoencoder); 0 trains a plain
	// autoencoder. The target is always the clean input.
	Corruption float64
	// Loss compares reconstruction and input; nil means MSE.
	Loss Loss
}

// Autoencoder is a network trained to reproduce its input through a code.
// Its Net holds the encoder's layers followed by the decoder's.
type Autoencoder struct {
	Net     *Network
	Trainer *Trainer

	encoderLayers int
	corruption    float64
	rng           *rand.Rand
	noisy         Mat
	noisyBuf      []float32
}

// NewAutoencoder builds an autoencoder from cfg with its parameters drawn
// from rng and trained by opt. It returns an error for fewer than two sizes,
// a non-positive size or a corruption outside [0, 1).
func NewAutoencoder(rng *rand.Rand, cfg AutoencoderConfig, opt Optimizer,
	opts TrainerOptions) (*Autoencoder, error) {
	if err := checkAutoencoderConfig(cfg); err != nil {
		return nil, err
	}
	var layers []Layer
	add := func(in, out int, act Activation) {
		layers = append(layers, Dense(in, out))
		if act != ActIdentity {
			layers = append(layers, act.Layer())
		}
	}
	s := cfg.Sizes
	for i := 0; i+1 < len(s); i++ {
		add(s[i], s[i+1], cfg.Hidden)
	}
	encoderLayers := len(layers)
	for i := len(s) - 1; i > 0; i-- {
		act := cfg.Hidden
		if i == 1 {
			act = cfg.Output
		}
		add(s[i], s[i-1], act)
	}
	return newAutoencoder(rng, layers, encoderLayers, cfg.Loss, cfg.Corruption, opt, opts), nil
}

// newAutoencoder wraps layers (encoder first, its last layer encoderLayers−1)
// as an Autoencoder; a nil loss means MSE.
func newAutoencoder(rng *rand.Rand, layers []Layer, encoderLayers int, loss Loss,
	corruption float64, opt Optimizer, opts TrainerOptions) *Autoencoder {
	if loss == nil {
		loss = MSE{}
	}
	net := NewNetwork(rng, layers...)
	return &Autoencoder{Net: net, Trainer: NewTrainer(net, loss, opt, opts),
		encoderLayers: encoderLayers, corruption: corruption,
		rng: rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))}
}

func checkAutoencoderConfig(cfg AutoencoderConfig) error {
	if len(cfg.Sizes) < 2 {
		return fmt.Errorf("core: autoencoder needs input and code sizes, got %v", cfg.Sizes)
	}
	for _, s := range cfg.Sizes {
		if s <= 0 {
			return fmt.Errorf("core: autoencoder sizes must be positive, got %v", cfg.Sizes)
		}
	}
	if !(cfg.Corruption >= 0 && cfg.Corruption < 1) {
		return fmt.Errorf("core: corruption %v outside [0, 1)", cfg.Corruption)
	}
	return nil
}

// SetCorruption changes the masking probability for the next steps. It
// returns an error outside [0, 1) and keeps the old value.
func (a *Autoencoder) SetCorruption(p float64) error {
	if !(p >= 0 && p < 1) {
		return fmt.Errorf("core: corruption %v outside [0, 1)", p)
	}
	a.corruption = p
	return nil
}

// Step trains on one minibatch x (batch, In()): the input is corrupted by
// masking noise (if any) and the target is x itself. It returns the mean
// loss of the batch, with errors as Trainer.Step.
func (a *Autoencoder) Step(ctx context.Context, x *Mat) (float64, error) {
	input := x
	if a.corruption > 0 {
		a.noisy = reshapeBuffer(&a.noisyBuf, x.Rows, x.Cols)
		maskInto(&a.noisy, x, a.corruption, a.rng)
		input = &a.noisy
	}
	return a.Trainer.Step(ctx, input, x)
}

// maskInto copies x into dst with each element zeroed with probability p.
func maskInto(dst, x *Mat, p float64, rng *rand.Rand) {
	for i := range x.Rows {
		src, out := x.Row(i), dst.Row(i)
		for j, v := range src {
			if rng.Float64() < p {
				v = 0
			}
			out[j] = v
		}
	}
}

// Encode returns the codes of x: (batch, In()) → (batch, code width).
func (a *Autoencoder) Encode(x *Mat) *Mat { return a.Net.PredictPrefix(x, a.encoderLayers) }

// Reconstruct returns the reconstruction of x from its clean code:
// (batch, In()) → (batch, In()).
func (a *Autoencoder) Reconstruct(x *Mat) *Mat { return a.Net.Predict(x) }

// ReconstructionError returns the mean loss between x and its
// reconstruction.
func (a *Autoencoder) ReconstructionError(x *Mat) float64 {
	return MeanLoss(a.Trainer.Loss, a.Reconstruct(x), x, nil)
}
