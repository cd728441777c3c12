package core

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Activation names an elementwise nonlinearity (or softmax), for
// constructors such as NewMLP that take the kind rather than a Layer.
type Activation int

// The activations. ActLeakyReLU has slope DefaultLeakySlope.
const (
	ActIdentity Activation = iota
	ActReLU
	ActLeakyReLU
	ActTanh
	ActSigmoid
	ActSoftmax
)

// DefaultLeakySlope is the negative-side slope of ActLeakyReLU.
const DefaultLeakySlope = 0.01

var activationNames = [...]string{"identity", "relu", "leaky-relu", "tanh", "sigmoid", "softmax"}

// String returns the activation's lower-case name.
func (a Activation) String() string {
	if a < 0 || int(a) >= len(activationNames) {
		return fmt.Sprintf("activation(%d)", int(a))
	}
	return activationNames[a]
}

// Layer returns the layer computing a. It panics on an unknown Activation.
func (a Activation) Layer() Layer {
	switch a {
	case ActIdentity, ActReLU, ActTanh, ActSigmoid:
		return pointwise{kind: a}
	case ActLeakyReLU:
		return LeakyReLU(DefaultLeakySlope)
	case ActSoftmax:
		return Softmax()
	}
	panic(fmt.Sprintf("core: unknown activation %d", int(a)))
}

// Identity returns the layer y = x: (batch, n) → (batch, n).
func Identity() Layer { return pointwise{kind: ActIdentity} }

// ReLU returns the layer y = max(x, 0): (batch, n) → (batch, n).
func ReLU() Layer { return pointwise{kind: ActReLU} }

// Tanh returns the layer y = tanh x: (batch, n) → (batch, n).
func Tanh() Layer { return pointwise{kind: ActTanh} }

// Sigmoid returns the layer y = 1/(1+e^−x): (batch, n) → (batch, n).
func Sigmoid() Layer { return pointwise{kind: ActSigmoid} }

// LeakyReLU returns the layer y = x for x > 0 and slope·x otherwise:
// (batch, n) → (batch, n). It panics unless 0 ≤ slope < 1 (the backward pass
// reads the sign of x off y, which needs a positive slope).
func LeakyReLU(slope float32) Layer {
	if !(slope >= 0 && slope < 1) {
		panic(fmt.Sprintf("core: LeakyReLU slope %v outside [0, 1)", slope))
	}
	return pointwise{kind: ActLeakyReLU, slope: slope}
}

// pointwise is an elementwise activation whose derivative can be computed
// from its output alone, which lets the Network fuse it into the Dense layer
// before it (bias, activation and the product's output in one buffer).
type pointwise struct {
	kind  Activation
	slope float32
}

// Shape and Init implement Layer: no parameters, width unchanged.
func (p pointwise) Shape(in int) (int, int)                    { return in, 0 }
func (p pointwise) Init(*rand.Rand, int, []float32, Layer)     {}
func (p pointwise) Forward(x, y *Mat, _ []float32, _ *Scratch) { p.forward(x, y, nil) }

// rectifier tells Dense.Init to use He's scale.
func (p pointwise) rectifier() bool { return p.kind == ActReLU || p.kind == ActLeakyReLU }

// forward stores f(x + bias) in y, row by row; bias may be nil.
func (p pointwise) forward(x, y *Mat, bias []float32) {
	checkBatch(p.kind.String(), x, y, x.Cols, x.Cols)
	for i := range x.Rows {
		p.activate(y.Row(i), x.Row(i), bias)
	}
}

// Backward computes dx = f'(x)·dy from y. grads is untouched (no parameters).
func (p pointwise) Backward(_, y, dy, dx *Mat, _, _ []float32, _ *Scratch) {
	if dx == nil {
		return
	}
	for i := range y.Rows {
		p.derivative(dx.Row(i), y.Row(i), dy.Row(i))
	}
}

// activate stores f(src[j] + bias[j]) in dst[j]; bias may be nil.
func (p pointwise) activate(dst, src, bias []float32) {
	dst = dst[:len(src)]
	if done := p.vectorActivate(dst, src, bias); done > 0 {
		dst, src = dst[done:], src[done:]
		if bias != nil {
			bias = bias[done:]
		}
	}
	if bias != nil {
		bias = bias[:len(src)]
		for j, v := range src {
			dst[j] = v + bias[j]
		}
		src = dst
	}
	switch p.kind {
	case ActIdentity:
		copy(dst, src)
	case ActReLU:
		for j, v := range src {
			dst[j] = relu(v)
		}
	case ActLeakyReLU:
		for j, v := range src {
			dst[j] = relu(v) + p.slope*(v-relu(v))
		}
	case ActTanh:
		for j, v := range src {
			dst[j] = fastTanh(v)
		}
	case ActSigmoid:
		for j, v := range src {
			dst[j] = fastSigmoid(v)
		}
	}
}

// derivative stores f'·dy in dz, with f' written in terms of the output y.
func (p pointwise) derivative(dz, y, dy []float32) {
	dz, dy = dz[:len(y)], dy[:len(y)]
	if done := p.vectorDerivative(dz, y, dy); done > 0 {
		dz, y, dy = dz[done:], y[done:], dy[done:]
	}
	switch p.kind {
	case ActIdentity:
		copy(dz, dy)
	case ActReLU:
		for j, v := range y {
			dz[j] = math.Float32frombits(math.Float32bits(dy[j]) & positiveMask(v))
		}
	case ActLeakyReLU:
		one, slope := math.Float32bits(1), math.Float32bits(p.slope)
		for j, v := range y {
			bits := math.Float32bits(v)
			positive := uint32(int32(-bits|bits)>>31) &^ uint32(int32(bits)>>31)
			dz[j] = dy[j] * math.Float32frombits(one&positive|slope&^positive)
		}
	case ActTanh:
		for j, v := range y {
			dz[j] = dy[j] * (1 - v*v)
		}
	case ActSigmoid:
		for j, v := range y {
			dz[j] = dy[j] * v * (1 - v)
		}
	}
}

// relu returns max(v, 0) without a branch (a branch on the sign of random
// activations mispredicts half the time): the sign bit, spread over the
// word, masks v out. −0 and negative NaNs become +0.
func relu(v float32) float32 {
	bits := math.Float32bits(v)
	return math.Float32frombits(bits &^ uint32(int32(bits)>>31))
}

// positiveMask returns all ones if the ReLU output y is positive and zero if
// it is 0, without a branch; y is never negative. (Leaky ReLU's derivative
// spells out the same test with negative outputs masked too.)
func positiveMask(y float32) uint32 {
	bits := math.Float32bits(y)
	return uint32(int32(-bits|bits) >> 31)
}
