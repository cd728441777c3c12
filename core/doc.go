// Package core is replab's training core: float32 matrices, one GEMM entry
// point, layers as Forward/Backward pairs, losses, optimisers, data-parallel
// training on a shared worker budget, and the unsupervised learners the
// scenes need. It has no UI imports and does not log: it returns errors and
// numbers.
//
// # Training
//
// A Network is a sequence of Layers whose parameters live in one contiguous
// buffer; NewMLP builds the common case. A Trainer fits it with a Loss and
// an Optimizer, one minibatch per Step. Custom objectives (adversarial
// losses, a gradient through a frozen network) use a Workspace directly:
// Forward, then Backward returns ∂L/∂x. Autoencoder (plain or denoising)
// builds the unsupervised pieces on top; scenes sequence it greedily.
//
// # Determinism and parallelism
//
// Every random choice comes from a *rand.Rand the caller passes (NewRNG). A
// Trainer splits each minibatch into a number of shards fixed by the batch
// size (AutoShards) or by TrainerOptions.Shards, never by the machine, and
// sums the shard gradients in shard order, so a seed gives bit-identical
// losses and parameters with any number of workers. All work runs on one
// process-wide budget of GOMAXPROCS tokens shared by every Trainer and by
// RunJobs, so concurrent sessions queue for cores instead of
// oversubscribing them.
//
// # Limits
//
// Shards cost extra work (smaller products, a gradient sum), about a fifth
// more CPU time per sample with two shards at batch 64; they pay when a
// second core is free. Sigmoid, tanh and the optimisers have AVX2 loops;
// other elementwise kernels are scalar Go. Layers are sequential only: no
// skip connections or shared weights within a network.
package core
