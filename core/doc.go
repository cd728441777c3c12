// Package core is replab's training core: float32 matrices, one GEMM entry
// point, layers as Forward/Backward pairs, losses, optimisers, data-parallel
// training on a shared worker budget, and the unsupervised learners the
// scenes need. It has no UI imports and does not log: it returns errors and
// numbers.
package core
