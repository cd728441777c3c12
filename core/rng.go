package core

import "math/rand/v2"

// NewRNG returns a deterministic random source for seed. Every constructor in
// core takes its randomness from such a source; nothing reads a global one.
func NewRNG(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}
