package zeroshot

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// shapeSide is the width and height of a shape image in pixels.
const shapeSide = 16

// The attributes of the procedural shapes: every combination of one value
// from each group is a class, so a class never seen in training is still
// made of attribute values that were.
var (
	shapeNames  = []string{"circle", "square", "triangle", "cross"}
	colourNames = []string{"red", "green", "blue", "yellow"}
	colourRGB   = [][3]float32{{0.9, 0.15, 0.1}, {0.15, 0.8, 0.2}, {0.15, 0.3, 0.95}, {0.95, 0.85, 0.1}}
	sizeNames   = []string{"small", "large"}
	fillNames   = []string{"solid", "outline"}
)

// shapeClass is one combination of attribute values.
type shapeClass struct{ shape, colour, size, fill int }

// shapeClasses lists every combination, in a fixed order.
func shapeClasses() []shapeClass {
	var classes []shapeClass
	for s := range shapeNames {
		for c := range colourNames {
			for z := range sizeNames {
				for f := range fillNames {
					classes = append(classes, shapeClass{s, c, z, f})
				}
			}
		}
	}
	return classes
}

// name is a short label such as "small red solid circle".
func (c shapeClass) name() string {
	return fmt.Sprintf("%s %s %s %s", sizeNames[c.size], colourNames[c.colour],
		fillNames[c.fill], shapeNames[c.shape])
}

// short is a four-letter label for crowded places: size (s, l), colour
// (r, g, b, y), fill (f, o) and shape (o circle, s square, t triangle, x
// cross).
func (c shapeClass) short() string {
	return string([]byte{sizeNames[c.size][0], colourNames[c.colour][0],
		"fo"[c.fill], "ostx"[c.shape]})
}

// description is the class's attribute vector: one one-hot block per
// attribute group.
func (c shapeClass) description() []float32 {
	d := make([]float32, len(shapeNames)+len(colourNames)+len(sizeNames)+len(fillNames))
	d[c.shape] = 1
	d[len(shapeNames)+c.colour] = 1
	d[len(shapeNames)+len(colourNames)+c.size] = 1
	d[len(shapeNames)+len(colourNames)+len(sizeNames)+c.fill] = 1
	return d
}

// drawShape renders one example of a class into pix (shapeSide² × 3, RGB
// planes interleaved per pixel, values 0…1): a random position, a jittered
// size and colour, and a little pixel noise, so that no two examples are
// the same picture.
func drawShape(rng *rand.Rand, c shapeClass, pix []float32) {
	radius := 3.0 + 0.6*rng.Float64()
	if c.size == 1 {
		radius = 5.6 + 0.8*rng.Float64()
	}
	margin := radius + 0.5
	cx := margin + rng.Float64()*(shapeSide-2*margin)
	cy := margin + rng.Float64()*(shapeSide-2*margin)
	colour := colourRGB[c.colour]
	for y := range shapeSide {
		for x := range shapeSide {
			u, v := (float64(x)+0.5-cx)/radius, (float64(y)+0.5-cy)/radius
			ink := coverage(c, u, v, radius)
			for ch := range 3 {
				noise := float32(0.04 * rng.NormFloat64())
				pix[(y*shapeSide+x)*3+ch] = clamp01(ink*colour[ch] + noise)
			}
		}
	}
}

// coverage says whether the point (u, v), in units of the shape's radius
// around its centre, is inked.
func coverage(c shapeClass, u, v, radius float64) float32 {
	inside, border := shapeDistance(c.shape, u, v)
	if c.fill == 0 {
		return boolInk(inside)
	}
	width := 1.3 / radius // an outline about one pixel wide
	return boolInk(inside && border < width)
}

// shapeDistance reports whether (u, v) lies inside the unit shape and how
// far it is from the shape's edge, in the same units.
func shapeDistance(shape int, u, v float64) (bool, float64) {
	switch shape {
	case 0: // circle
		r := math.Hypot(u, v)
		return r <= 1, 1 - r
	case 1: // square
		m := math.Max(math.Abs(u), math.Abs(v))
		return m <= 0.85, 0.85 - m
	case 2: // triangle, pointing up
		edge := math.Min(v+0.8, math.Min(0.9-v-1.8*u, 0.9-v+1.8*u)/2.06)
		return edge >= 0, edge
	default: // cross
		arm := math.Min(math.Max(math.Abs(u), math.Abs(v)), 1) - 1
		bar := math.Min(math.Abs(u), math.Abs(v))
		return bar <= 0.32 && arm <= 0, math.Min(0.32-bar, -arm)
	}
}

func boolInk(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

func clamp01(x float32) float32 { return min(1, max(0, x)) }
