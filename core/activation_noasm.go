//go:build !amd64 || purego

package core

// vectorActivate is the hook for vector activation loops, which this
// platform does not have: it always returns 0.
func (p pointwise) vectorActivate(dst, src, bias []float32) int { return 0 }

// vectorDerivative is the hook for vector derivative loops: none here.
func (p pointwise) vectorDerivative(dz, y, dy []float32) int { return 0 }
