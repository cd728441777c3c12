package gan

import (
	"math/rand/v2"
	"slices"

	"replab/core"
)

// concept is a set of required attribute values: wanted[a] is 1 (present),
// 0 (absent) or −1 (either).
type concept [numAttrs]int8

// conceptOf builds a concept from attribute → present pairs.
func conceptOf(pairs map[int]bool) concept {
	c := concept{-1, -1, -1, -1}
	for a, present := range pairs {
		c[a] = int8(b32(present))
	}
	return c
}

// confidence is the classifier's probability of the concept, its required
// attributes taken as independent.
func (c concept) confidence(probs [numAttrs]float32) float64 {
	p := 1.0
	for a, want := range c {
		switch want {
		case 1:
			p *= float64(probs[a])
		case 0:
			p *= float64(1 - probs[a])
		}
	}
	return p
}

// holds reports whether the classifier gives every required attribute.
func (c concept) holds(probs [numAttrs]float32) bool {
	for a, want := range c {
		if want >= 0 && (probs[a] >= 0.5) != (want == 1) {
			return false
		}
	}
	return true
}

// equation is a latent-arithmetic query: a − b + c should show target.
type equation struct {
	name          string
	a, b, c, want concept
}

// equations are the queries a user chooses from, in Choice order.
var equations = []equation{
	{
		name: "glasses man − man + woman",
		a:    conceptOf(map[int]bool{attrWoman: false, attrGlasses: true}),
		b:    conceptOf(map[int]bool{attrWoman: false, attrGlasses: false}),
		c:    conceptOf(map[int]bool{attrWoman: true, attrGlasses: false}),
		want: conceptOf(map[int]bool{attrWoman: true, attrGlasses: true}),
	},
	{
		name: "smiling woman − woman + man",
		a:    conceptOf(map[int]bool{attrWoman: true, attrSmile: true}),
		b:    conceptOf(map[int]bool{attrWoman: true, attrSmile: false}),
		c:    conceptOf(map[int]bool{attrWoman: false, attrSmile: false}),
		want: conceptOf(map[int]bool{attrWoman: false, attrSmile: true}),
	},
}

// Sizes of one exemplar draw.
const (
	exemplarPool = 96   // generated samples the exemplars are picked from
	perConcept   = 3    // exemplars per concept
	gridCells    = 9    // the 3×3 result grid, centre first
	gridNoise    = 0.25 // neighbours: result + U(±gridNoise) per coordinate
)

// draw is one exemplar draw and its arithmetic: exemplar images per term
// (a, b, c), the 3×3 grid decoded around the latent result (centre first),
// the pixel result, and the judges' marks.
type draw struct {
	exemplars  [3]*core.Mat // (perConcept, FacePixels) each
	grid       *core.Mat    // (gridCells, FacePixels)
	pixel      *core.Mat    // (1, FacePixels)
	gridMarks  []mark
	pixelMark  mark
	exemplarOK bool // every term found perConcept samples the classifier accepts
}

// mark is what the judges said of one image.
type mark struct {
	attrs     bool    // the classifier gives the target attributes
	realness  float32 // the realness judge's score
	realGated bool    // score ≥ the gate (25th percentile of samples)
}

// success reports whether the image passes: target attributes, and real
// by the gate (gated) or by the fixed threshold 0.5.
func (m mark) success(gated bool) bool {
	if gated {
		return m.attrs && m.realGated
	}
	return m.attrs && m.realness >= 0.5
}

// drawArithmetic picks exemplars among fresh samples of gen, does the
// arithmetic on their codes and on their pixels, and judges the results
// against gate.
func drawArithmetic(rng *rand.Rand, gen *core.Network, j judges, eq equation, gate float32) draw {
	codes := core.NewMat(exemplarPool, latentDim)
	drawCodes(rng, codes)
	images := predict(gen, codes)
	probs := j.attributes(images)
	var d draw
	d.exemplarOK = true
	var means [3][]float32
	for t, term := range []concept{eq.a, eq.b, eq.c} {
		picks := topConfident(probs, term, perConcept)
		d.exemplarOK = d.exemplarOK && term.holds(probs[picks[perConcept-1]])
		d.exemplars[t] = core.NewMat(perConcept, FacePixels)
		means[t] = make([]float32, latentDim+FacePixels)
		for i, k := range picks {
			copy(d.exemplars[t].Row(i), images.Row(k))
			addScaled(means[t][:latentDim], codes.Row(k), 1.0/perConcept)
			addScaled(means[t][latentDim:], images.Row(k), 1.0/perConcept)
		}
	}
	result := make([]float32, latentDim+FacePixels)
	for i := range result {
		result[i] = means[0][i] - means[1][i] + means[2][i]
	}
	d.grid = predict(gen, gridCodes(rng, result[:latentDim]))
	d.pixel = core.NewMat(1, FacePixels)
	for i, v := range result[latentDim:] {
		d.pixel.Data[i] = clampUnit(v)
	}
	d.gridMarks = judge(j, d.grid, eq.want, gate)
	d.pixelMark = judge(j, d.pixel, eq.want, gate)[0]
	return d
}

// topConfident returns the indices of the n samples the classifier is most
// confident show concept c, most confident first.
func topConfident(probs [][numAttrs]float32, c concept, n int) []int {
	order := make([]int, len(probs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		cx, cy := c.confidence(probs[x]), c.confidence(probs[y])
		switch {
		case cx > cy:
			return -1
		case cx < cy:
			return 1
		}
		return 0
	})
	return order[:n]
}

// gridCodes returns the 3×3 grid's codes: centre first, then the centre
// plus uniform noise of ±gridNoise per coordinate.
func gridCodes(rng *rand.Rand, centre []float32) *core.Mat {
	codes := core.NewMat(gridCells, latentDim)
	for i := range gridCells {
		for j, v := range centre {
			if i > 0 {
				v += float32((2*rng.Float64() - 1) * gridNoise)
			}
			codes.Set(i, j, v)
		}
	}
	return codes
}

// judge marks every image of x against the target concept and the gate.
func judge(j judges, x *core.Mat, want concept, gate float32) []mark {
	probs, scores := j.attributes(x), j.realScores(x)
	marks := make([]mark, x.Rows)
	for i := range marks {
		marks[i] = mark{attrs: want.holds(probs[i]), realness: scores[i], realGated: scores[i] >= gate}
	}
	return marks
}

func addScaled(dst, src []float32, scale float32) {
	for i, v := range src {
		dst[i] += v * scale
	}
}
