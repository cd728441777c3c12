package gan

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"replab/core"
)

// Small seeded budget for the judges in tests: a pool of 1200 faces and
// 400 minibatches each.
const testJudgeSteps, testPoolFaces = 400, 1200

var (
	trainedOnce   sync.Once
	trainedJudges judges
	trainedErr    error
)

// testJudges trains the judges once for all tests of the package.
func testJudges(t *testing.T) judges {
	t.Helper()
	trainedOnce.Do(func() {
		rng := rand.New(rand.NewPCG(1, 1))
		j := newJudgeTrainer(rng, newFacePool(rng, testPoolFaces), testJudgeSteps)
		for range testJudgeSteps {
			if _, _, err := j.step(context.Background()); err != nil {
				trainedErr = err
				return
			}
		}
		trainedJudges = j.judges
	})
	if trainedErr != nil {
		t.Fatal(trainedErr)
	}
	return trainedJudges
}

func TestJudgesOnHeldOutFaces(t *testing.T) {
	const minAttrAccuracy, minRealPassed, maxSuperPassed = 0.9, 0.9, 0.3
	j := testJudges(t)
	rng := rand.New(rand.NewPCG(2, 2))
	h := measureJudges(j, newFacePool(rng, 400), rng)
	t.Logf("held out: %+v", h)
	for a, acc := range h.attrAccuracy {
		if acc < minAttrAccuracy {
			t.Errorf("classifier accuracy on %s %.3f, want ≥ %.2f", attrNames[a], acc, minAttrAccuracy)
		}
	}
	if h.realPassed < minRealPassed {
		t.Errorf("realness judge passes %.3f of real faces, want ≥ %.2f", h.realPassed, minRealPassed)
	}
	if h.superPassd > maxSuperPassed {
		t.Errorf("realness judge passes %.3f of superpositions, want ≤ %.2f",
			h.superPassd, maxSuperPassed)
	}
}

// TestPixelArithmeticFoolsTheClassifierNotTheJudge does the figure's pixel
// arithmetic on real faces: the attribute classifier mostly sees the target
// attributes in the overlay, the realness judge mostly rejects it.
func TestPixelArithmeticFoolsTheClassifierNotTheJudge(t *testing.T) {
	const trials, minAttrRate, maxRealRate = 60, 0.5, 0.2
	j := testJudges(t)
	rng := rand.New(rand.NewPCG(3, 3))
	pool := newFacePool(rng, 600)
	eq := equations[0]
	results := core.NewMat(trials, FacePixels)
	for i := range trials {
		var sum [FacePixels]float32
		for term, c := range []concept{eq.a, eq.b, eq.c} {
			sign := float32(1)
			if term == 1 {
				sign = -1
			}
			for _, k := range pickReal(rng, pool, c, perConcept) {
				addScaled(sum[:], pool.images.Row(k), sign/perConcept)
			}
		}
		for p, v := range sum {
			results.Row(i)[p] = clampUnit(v)
		}
	}
	var attrRate, realRate float64
	for _, m := range judge(j, results, eq.want, 0.5) {
		attrRate += b64(m.attrs) / trials
		realRate += b64(m.realGated) / trials
	}
	t.Logf("pixel arithmetic on real faces: attributes %.2f, real %.2f", attrRate, realRate)
	if attrRate < minAttrRate || realRate > maxRealRate {
		t.Errorf("attributes seen in %.2f (want ≥ %.2f), judged real %.2f (want ≤ %.2f)",
			attrRate, minAttrRate, realRate, maxRealRate)
	}
}

// pickReal returns n random faces of the pool whose labels show concept c.
func pickReal(rng *rand.Rand, pool facePool, c concept, n int) []int {
	var picks []int
	for len(picks) < n {
		k := rng.IntN(pool.size())
		if c.holds(attrVector(pool.attrs[k])) {
			picks = append(picks, k)
		}
	}
	return picks
}
