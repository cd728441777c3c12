package core

import (
	"fmt"
	"math"
)

// Optimizer updates a parameter buffer from its gradient, both laid out like
// Network.Params. Its first Step fixes the buffer length; later calls must
// pass buffers of that length (it panics otherwise). The learning rate may be
// changed between steps, for live tuning.
type Optimizer interface {
	Step(params, grads []float32)
	LearningRate() float32
	SetLearningRate(lr float32)
}

// SGD is stochastic gradient descent with momentum and L2 weight decay:
// v ← μ·v + g + λ·θ, θ ← θ − η·v (the form PyTorch uses). Its fields may be
// changed between steps.
type SGD struct {
	LR, Momentum, WeightDecay float32
	velocity                  []float32
}

// NewSGD returns SGD with learning rate lr, momentum and weight decay.
func NewSGD(lr, momentum, weightDecay float32) *SGD {
	return &SGD{LR: lr, Momentum: momentum, WeightDecay: weightDecay}
}

// LearningRate returns the learning rate.
func (o *SGD) LearningRate() float32 { return o.LR }

// SetLearningRate sets the learning rate for the next steps.
func (o *SGD) SetLearningRate(lr float32) { o.LR = lr }

// Step applies one update.
func (o *SGD) Step(params, grads []float32) {
	o.velocity = optimizerState(o.velocity, params, grads)
	v := o.velocity[:len(params)]
	grads = grads[:len(params)]
	lr, mu, wd := o.LR, o.Momentum, o.WeightDecay
	for i, p := range params {
		vi := mu*v[i] + grads[i] + wd*p
		v[i] = vi
		params[i] = p - lr*vi
	}
}

// Adam is the Adam optimiser with bias-corrected moments and L2 weight decay
// added to the gradient (as in PyTorch's Adam, not AdamW). Its fields may
// be changed between steps.
type Adam struct {
	LR, Beta1, Beta2, Epsilon, WeightDecay float32
	first, second                          []float32
	steps                                  int
}

// NewAdam returns Adam with the given hyper-parameters.
func NewAdam(lr, beta1, beta2, epsilon, weightDecay float32) *Adam {
	return &Adam{LR: lr, Beta1: beta1, Beta2: beta2, Epsilon: epsilon, WeightDecay: weightDecay}
}

// NewAdamDefault returns Adam with learning rate lr and the usual β1 = 0.9,
// β2 = 0.999, ε = 1e-8, no weight decay.
func NewAdamDefault(lr float32) *Adam { return NewAdam(lr, 0.9, 0.999, 1e-8, 0) }

// LearningRate returns the learning rate.
func (o *Adam) LearningRate() float32 { return o.LR }

// SetLearningRate sets the learning rate for the next steps.
func (o *Adam) SetLearningRate(lr float32) { o.LR = lr }

// Step applies one update: m ← β1·m + (1−β1)·g, s ← β2·s + (1−β2)·g²,
// θ ← θ − η·m̂/(√ŝ + ε) with m̂, ŝ the bias-corrected moments.
func (o *Adam) Step(params, grads []float32) {
	o.first = optimizerState(o.first, params, grads)
	o.second = optimizerState(o.second, params, grads)
	o.steps++
	t := float64(o.steps)
	stepSize := float32(float64(o.LR) / (1 - math.Pow(float64(o.Beta1), t)))
	invRootBias := float32(1 / math.Sqrt(1-math.Pow(float64(o.Beta2), t)))
	b1, b2, eps, wd := o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay
	m, s := o.first[:len(params)], o.second[:len(params)]
	grads = grads[:len(params)]
	for i, p := range params {
		g := grads[i] + wd*p
		mi := b1*m[i] + (1-b1)*g
		si := b2*s[i] + (1-b2)*g*g
		m[i], s[i] = mi, si
		params[i] = p - stepSize*mi/(sqrt32(si)*invRootBias+eps)
	}
}

// optimizerState returns state sized for params, allocating it on first use.
// It panics if params and grads differ in length or the length changed.
func optimizerState(state, params, grads []float32) []float32 {
	if len(params) != len(grads) || (state != nil && len(state) != len(params)) {
		panic(fmt.Sprintf("core: optimiser step on %d params, %d grads, state %d",
			len(params), len(grads), len(state)))
	}
	if state == nil {
		state = make([]float32, len(params))
	}
	return state
}

// sqrt32 is a float32 square root (the compiler emits one instruction).
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
