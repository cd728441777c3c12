package multitask

import (
	"fmt"
	"math/rand/v2"

	"replab/assets"
	"replab/core"
)

// A format is one way of seeing a digit: the same class, a different input
// of a different dimension, as the tasks x(1), x(2), x(3) of Figure 15.2.
type format struct {
	name  string
	width int
	// encode writes the format of an 8×8 image (64 values in 0…1) to out.
	encode func(image, out []float32)
}

// formats are the three views of a digit the scene trains on.
var formats = []format{
	{name: "image", width: 64, encode: func(image, out []float32) { copy(out, image) }},
	{name: "sums", width: 16, encode: rowColumnSums},
	{name: "coarse", width: 16, encode: coarse},
}

// rowColumnSums is the digit's ink per row and per column: 16 numbers that
// keep the digit's profile but none of its shape's details.
func rowColumnSums(image, out []float32) {
	clear(out)
	for y := range 8 {
		for x := range 8 {
			v := image[y*8+x] / 8
			out[y] += v
			out[8+x] += v
		}
	}
}

// coarse is the digit at 4×4: each value the mean of a 2×2 block.
func coarse(image, out []float32) {
	for y := range 4 {
		for x := range 4 {
			i := 2*y*8 + 2*x
			out[y*4+x] = (image[i] + image[i+1] + image[i+8] + image[i+9]) / 4
		}
	}
}

// split holds one format's data: labelled training rows and test rows.
type split struct {
	trainX, testX *core.Mat
	trainY, testY *core.Mat // class indices, (rows, 1)
}

// digitSplits encodes the digits in every format. A quarter of the digits
// is held out for testing; the scarce format keeps only labelsPerClass
// training examples of each class, the others keep all of theirs.
func digitSplits(rng *rand.Rand, scarce, labelsPerClass int) ([]split, error) {
	d, err := assets.Digits()
	if err != nil {
		return nil, fmt.Errorf("multitask: %w", err)
	}
	order := rng.Perm(d.Rows)
	test, train := order[:d.Rows/4], order[d.Rows/4:]
	var few []int
	perClass := make([]int, d.Classes)
	for _, i := range train {
		if c := d.Label(i); perClass[c] < labelsPerClass {
			perClass[c]++
			few = append(few, i)
		}
	}
	splits := make([]split, len(formats))
	for f, fm := range formats {
		rows := train
		if f == scarce {
			rows = few
		}
		splits[f].trainX, splits[f].trainY = encodeRows(d, rows, fm)
		splits[f].testX, splits[f].testY = encodeRows(d, test, fm)
	}
	return splits, nil
}

func encodeRows(d *assets.Dataset, rows []int, fm format) (*core.Mat, *core.Mat) {
	x, y := core.NewMat(len(rows), fm.width), core.NewMat(len(rows), 1)
	image := make([]float32, d.Cols)
	for r, i := range rows {
		for j, v := range d.Row(i) {
			image[j] = v / assets.DigitMaxValue
		}
		fm.encode(image, x.Row(r))
		y.Data[r] = float32(d.Label(i))
	}
	return x, y
}
