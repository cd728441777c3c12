//go:build !amd64 || purego

package core

// hasOptimAsm reports whether the optimisers may use assembly loops: not on
// this platform.
const hasOptimAsm = false

func adamAVX2(int, *float32, *float32, *float32, *float32, *optimConsts) {
	panic("core: adamAVX2 without assembly")
}

func sgdAVX2(int, *float32, *float32, *float32, *optimConsts) {
	panic("core: sgdAVX2 without assembly")
}

func zeroProductSumAVX2(int, *float32) float32 {
	panic("core: zeroProductSumAVX2 without assembly")
}

func addToAVX2(int, *float32, *float32) { panic("core: addToAVX2 without assembly") }
