//go:build amd64 && !purego

package core

import (
	"math"

	"golang.org/x/sys/cpu"
)

// hasActivationAsm reports whether sigmoid and tanh may use their AVX2 loops.
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

// vectorActivate applies sigmoid or tanh (of src + bias) to the longest
// multiple-of-8 prefix of src and returns its length; 0 for other
// activations or without AVX2. A given element always takes the same path,
// which gives the same bits as the Go loop anyway.
func (p pointwise) vectorActivate(dst, src, bias []float32) int {
	body := len(src) &^ 7
	if !hasActivationAsm || body == 0 || (p.kind != ActSigmoid && p.kind != ActTanh) {
		return 0
	}
	var b *float32
	if bias != nil {
		b = &bias[:body][0]
	}
	d, s := &dst[:body][0], &src[:body][0]
	if p.kind == ActSigmoid {
		sigmoidAVX2(body, d, s, b, vectorActivationConsts)
	} else {
		tanhAVX2(body, d, s, b, vectorActivationConsts)
	}
	return body
}
