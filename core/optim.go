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
	o.beginStep(params, grads)
	o.stepRange(params, grads, 0, len(params))
}

func (o *SGD) beginStep(params, grads []float32) {
	o.velocity = optimizerState(o.velocity, params, grads)
}

func (o *SGD) stepRange(params, grads []float32, lo, hi int) {
	params, grads, v := params[lo:hi], grads[lo:hi], o.velocity[lo:hi]
	grads, v = grads[:len(params)], v[:len(params)]
	lr, mu, wd := o.LR, o.Momentum, o.WeightDecay
	if body := vectorBody(len(params)); body > 0 {
		c := optimConsts{k: [8]float32{lr, mu, wd}, exponentMask: exponentBits}
		sgdAVX2(body, &params[0], &grads[0], &v[0], &c)
		params, grads, v = params[body:], grads[body:], v[body:]
	}
	for i, p := range params {
		vi := flushSubnormal(mu*v[i] + grads[i] + wd*p)
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
	stepSize, invRootBias                  float32 // of the current step
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
	o.beginStep(params, grads)
	o.stepRange(params, grads, 0, len(params))
}

func (o *Adam) beginStep(params, grads []float32) {
	o.first = optimizerState(o.first, params, grads)
	o.second = optimizerState(o.second, params, grads)
	o.steps++
	t := float64(o.steps)
	o.stepSize = float32(float64(o.LR) / (1 - math.Pow(float64(o.Beta1), t)))
	o.invRootBias = float32(1 / math.Sqrt(1-math.Pow(float64(o.Beta2), t)))
}

func (o *Adam) stepRange(params, grads []float32, lo, hi int) {
	params, grads, m, s := params[lo:hi], grads[lo:hi], o.first[lo:hi], o.second[lo:hi]
	grads, m, s = grads[:len(params)], m[:len(params)], s[:len(params)]
	b1, b2, eps, wd := o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay
	stepSize, invRootBias := o.stepSize, o.invRootBias
	if body := vectorBody(len(params)); body > 0 {
		c := optimConsts{k: [8]float32{wd, b1, 1 - b1, b2, 1 - b2, stepSize, invRootBias, eps},
			exponentMask: exponentBits}
		adamAVX2(body, &params[0], &grads[0], &m[0], &s[0], &c)
		params, grads, m, s = params[body:], grads[body:], m[body:], s[body:]
	}
	for i, p := range params {
		g := grads[i] + wd*p
		mi := flushSubnormal(b1*m[i] + (1-b1)*g)
		si := flushSubnormal(b2*s[i] + (1-b2)*flushSubnormal(g*g))
		m[i], s[i] = mi, si
		params[i] = p - stepSize*mi/(sqrt32(si)*invRootBias+eps)
	}
}

// optimConsts carries an optimiser's constants to its assembly loop, in the
// memory layout the assembly reads: eight float32 values, then the mask of
// the float32 exponent bits.
type optimConsts struct {
	k            [8]float32
	exponentMask uint32
}

// exponentBits masks the exponent of a float32.
const exponentBits = 0x7f800000

// optimLanes is the width of the assembly loops: they update the first
// vectorBody(n) parameters of a range and Go the rest. Trainer chunks start
// at multiples of optimLanes, so every parameter takes the same path
// whatever the chunking, and gets the same bits.
const optimLanes = 8

// vectorBody returns how many of n parameters the assembly loop updates.
func vectorBody(n int) int {
	if !hasOptimAsm {
		return 0
	}
	return n &^ (optimLanes - 1)
}

// rangeOptimizer is an Optimizer whose update is elementwise, so that a
// Trainer can split it across workers: beginStep once, then stepRange over
// disjoint ranges covering the buffer.
type rangeOptimizer interface {
	beginStep(params, grads []float32)
	stepRange(params, grads []float32, lo, hi int)
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

// flushSubnormal returns 0 for a subnormal x and x otherwise. Optimiser state
// of parameters whose gradient vanishes decays geometrically into the
// subnormal range, where x86 arithmetic is about a hundred times slower; the
// values lost are below 1.2e-38 and change no update measurably.
func flushSubnormal(x float32) float32 {
	if math.Float32bits(x)&exponentBits == 0 {
		return 0
	}
	return x
}

// sqrt32 is a float32 square root (the compiler emits one instruction).
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
