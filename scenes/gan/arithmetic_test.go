package gan

import (
	"math/rand/v2"
	"testing"

	"replab/core"
)

// shippedGenerator loads the generator of the embedded checkpoint.
func shippedGenerator(t *testing.T) (*core.Network, checkpoint) {
	t.Helper()
	c, err := decodeCheckpoint(shippedCheckpoint)
	if err != nil {
		t.Fatalf("shipped checkpoint: %v", err)
	}
	pair := newAdversaries(rand.New(rand.NewPCG(0, 0)), c.base, 1e-4)
	c.restore(pair)
	return pair.Gen, c
}

// TestArithmeticOnShippedCheckpoint measures the figure's claim on the
// fixed, shipped generator with the tests' judges. For every equation the
// pixel arithmetic's ghosts mostly fail the gated realness judge. For the
// figure's own equation, glasses man − man + woman, latent arithmetic
// passes both judges far more often (the scene's from-scratch criterion).
// The smile equation is not held to it: measured on this generator, its
// most confident "man" exemplars are small faces whose mouths the smile
// direction taken from women barely changes (see the package doc).
func TestArithmeticOnShippedCheckpoint(t *testing.T) {
	const draws, gateSamples = 8, 256
	const minLatent, minMargin, maxPixel = 0.3, 0.2, 0.3
	gen, c := shippedGenerator(t)
	j := testJudges(t)
	for k, eq := range equations {
		rng := rand.New(rand.NewPCG(11, uint64(k)))
		gate, realRate, _ := sampleGate(rng, gen, j, gateSamples)
		var latent, pixel float64
		for range draws {
			d := drawArithmetic(rng, gen, j, eq, gate)
			for _, m := range d.gridMarks {
				latent += b64(m.success(true)) / gridCells / draws
			}
			pixel += b64(d.pixelMark.success(true)) / draws
		}
		t.Logf("%s after %d iterations: latent %.2f, pixel %.2f, samples real %.2f (gate %.3f)",
			eq.name, c.iterations, latent, pixel, realRate, gate)
		if pixel > maxPixel {
			t.Errorf("%s: pixel arithmetic passes %.2f, want ≤ %.2f", eq.name, pixel, maxPixel)
		}
		if k == 0 && (latent < minLatent || latent < pixel+minMargin) {
			t.Errorf("%s: latent %.2f, pixel %.2f; want latent ≥ %.2f and ≥ pixel + %.2f",
				eq.name, latent, pixel, minLatent, minMargin)
		}
	}
}

// TestGridNeighboursStayNearTheResult checks the 3×3 grid's codes: the
// centre is the result itself, the neighbours within ±gridNoise of it.
func TestGridNeighboursStayNearTheResult(t *testing.T) {
	centre := make([]float32, latentDim)
	for i := range centre {
		centre[i] = float32(i) / latentDim
	}
	codes := gridCodes(rand.New(rand.NewPCG(1, 2)), centre)
	moved := 0
	for i := range gridCells {
		for j, v := range codes.Row(i) {
			d := float64(v - centre[j])
			if d < -gridNoise || d > gridNoise || (i == 0 && d != 0) {
				t.Fatalf("code %d coordinate %d is %+.3f from the result", i, j, d)
			}
			moved += b2i(d != 0)
		}
	}
	if moved == 0 {
		t.Error("the neighbours are all equal to the result")
	}
}
