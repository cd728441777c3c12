//go:build amd64 && !purego

package core

import (
	"math"

	"golang.org/x/sys/cpu"
)

// hasActivationAsm reports whether activations may use their AVX2 loops.
var hasActivationAsm = cpu.X86.HasAVX2

// activationConsts holds the constants of the AVX2 sigmoid and tanh, eight
// copies of each so that the assembly reads them as whole vectors. The slot
// order is the assembly's: log2e, ½, ln2 high, ln2 low, 1/720, 1/120, 1/24,
// 1/6, 1, expHigh, expLow, 127 (int32), 2, sign bit.
type activationConsts [14][8]float32

var vectorActivationConsts = func() *activationConsts {
	slots := [14]float32{log2e, 0.5, ln2Hi, ln2Lo, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6,
		1, expHigh, expLow, math.Float32frombits(127), 2, math.Float32frombits(1 << 31)}
	var c activationConsts
	for i, v := range slots {
		for j := range c[i] {
			c[i][j] = v
		}
	}
	return &c
}()

// sigmoidAVX2 stores fastSigmoid(src[i] + bias[i]) in dst[i] for n values
// (a multiple of 8); bias may be nil.
//
//go:noescape
func sigmoidAVX2(n int, dst, src, bias *float32, c *activationConsts)

// tanhAVX2 is sigmoidAVX2 for fastTanh.
//
//go:noescape
func tanhAVX2(n int, dst, src, bias *float32, c *activationConsts)

// reluAVX2 stores relu(src[i] + bias[i]) in dst[i] for n values (a
// multiple of 8); bias may be nil.
//
//go:noescape
func reluAVX2(n int, dst, src, bias *float32)

// leakyAVX2 is reluAVX2 for the leaky rectifier with the given slope.
//
//go:noescape
func leakyAVX2(n int, dst, src, bias *float32, slope float32)

// reluGradAVX2, sigmoidGradAVX2 and tanhGradAVX2 run pointwise.derivative's
// loops over n values (a multiple of 8).
//
//go:noescape
func reluGradAVX2(n int, dz, y, dy *float32)

//go:noescape
func sigmoidGradAVX2(n int, dz, y, dy *float32)

//go:noescape
func tanhGradAVX2(n int, dz, y, dy *float32)

// vectorActivate applies the activation (of src + bias) to the longest
// multiple-of-8 prefix of src and returns its length; 0 for the identity
// or without AVX2. A given element always takes the same path, and both
// paths give the same bits anyway (tested).
func (p pointwise) vectorActivate(dst, src, bias []float32) int {
	body := len(src) &^ 7
	if !hasActivationAsm || body == 0 || p.kind == ActIdentity {
		return 0
	}
	var b *float32
	if bias != nil {
		b = &bias[:body][0]
	}
	d, s := &dst[:body][0], &src[:body][0]
	switch p.kind {
	case ActSigmoid:
		sigmoidAVX2(body, d, s, b, vectorActivationConsts)
	case ActTanh:
		tanhAVX2(body, d, s, b, vectorActivationConsts)
	case ActReLU:
		reluAVX2(body, d, s, b)
	case ActLeakyReLU:
		leakyAVX2(body, d, s, b, p.slope)
	default:
		return 0
	}
	return body
}

// vectorDerivative runs derivative's loop on the longest multiple-of-8
// prefix and returns its length; 0 where there is no vector loop.
func (p pointwise) vectorDerivative(dz, y, dy []float32) int {
	body := len(y) &^ 7
	if !hasActivationAsm || body == 0 {
		return 0
	}
	z, yv, d := &dz[:body][0], &y[:body][0], &dy[:body][0]
	switch p.kind {
	case ActReLU:
		reluGradAVX2(body, z, yv, d)
	case ActSigmoid:
		sigmoidGradAVX2(body, z, yv, d)
	case ActTanh:
		tanhGradAVX2(body, z, yv, d)
	default:
		return 0
	}
	return body
}
