package core

import (
	"math"
	"slices"
	"testing"
)

// optimTolerance is float32 rounding over two steps of small numbers.
const optimTolerance = 1e-6

func TestSGDMatchesHandComputedSteps(t *testing.T) {
	// θ = (1, −2), g = (0.5, 1) both steps, lr 0.1, μ 0.9, λ 0.01.
	// step 1: v = g + λθ = (0.51, 0.98); θ = (0.949, −2.098)
	// step 2: v = 0.9·v + g + λθ = (0.459+0.5+0.00949, 0.882+1−0.02098)
	//           = (0.96849, 1.86102); θ = (0.852151, −2.284102)
	params := []float32{1, -2}
	opt := NewSGD(0.1, 0.9, 0.01)
	for range 2 {
		opt.Step(params, []float32{0.5, 1})
	}
	want := []float64{0.852151, -2.284102}
	for i, w := range want {
		if math.Abs(float64(params[i])-w) > optimTolerance {
			t.Errorf("θ[%d] = %.7f, want %.7f", i, params[i], w)
		}
	}
}

func TestAdamMatchesHandComputedSteps(t *testing.T) {
	// One parameter θ = 1, g = 2 then g = −1, lr 0.1, β1 0.9, β2 0.999, ε 0.
	// step 1: m = 0.2, s = 0.004; m̂ = 2, ŝ = 4; θ = 1 − 0.1·2/2 = 0.9
	// step 2: m = 0.18 − 0.1 = 0.08, s = 0.003996 + 0.001 = 0.004996;
	//   m̂ = 0.08/0.19 = 0.4210526, ŝ = 0.004996/0.001999 = 2.4992496;
	//   θ = 0.9 − 0.1·0.4210526/1.5808952 = 0.8733663
	params := []float32{1}
	opt := NewAdam(0.1, 0.9, 0.999, 0, 0)
	opt.Step(params, []float32{2})
	if math.Abs(float64(params[0])-0.9) > optimTolerance {
		t.Fatalf("after step 1 θ = %.7f, want 0.9", params[0])
	}
	opt.Step(params, []float32{-1})
	if math.Abs(float64(params[0])-0.8733663) > optimTolerance {
		t.Errorf("after step 2 θ = %.7f, want 0.8733663", params[0])
	}
}

func TestLearningRateIsSettable(t *testing.T) {
	for _, opt := range []Optimizer{NewSGD(0.1, 0, 0), NewAdamDefault(0.1)} {
		opt.SetLearningRate(0)
		params := []float32{3}
		opt.Step(params, []float32{1})
		if params[0] != 3 || opt.LearningRate() != 0 {
			t.Errorf("%T with learning rate 0 moved θ to %v", opt, params[0])
		}
	}
}

// TestOptimizerPathsAgreeBitForBit feeds identical parameters to the
// vector loop (the first 8) and to the Go tail (the last 3) and wants the
// same bits from both, subnormal-prone inputs included: a Trainer's chunking
// decides which path a parameter takes, and must not change the numbers.
func TestOptimizerPathsAgreeBitForBit(t *testing.T) {
	// The first three (copied to the tail) make subnormal momenta, squared
	// gradients and second moments respectively.
	lane := []float32{0, 0, 0, 0.5, 1e-19, -2, 1e-3, 7}
	grads := []float32{5e-39, 3e-20, 1e-18, 0, 1e-22, 5, -1e-3, 1e-37}
	for _, opt := range []Optimizer{NewSGD(0.1, 0.9, 1e-4), NewAdam(1e-3, 0.9, 0.999, 1e-8, 1e-4)} {
		params := append(slices.Clone(lane), lane[:3]...)
		g := append(slices.Clone(grads), grads[:3]...)
		for range 50 {
			opt.Step(params, g)
		}
		states := [][]float32{params}
		if sgd, ok := opt.(*SGD); ok {
			states = append(states, sgd.velocity)
		} else {
			states = append(states, opt.(*Adam).first, opt.(*Adam).second)
		}
		for k, v := range states {
			for i := range 3 {
				if math.Float32bits(v[i]) != math.Float32bits(v[8+i]) {
					t.Errorf("%T: state %d of parameter %d is %g on one path, %g on the other",
						opt, k, i, v[i], v[8+i])
				}
			}
		}
	}
}
