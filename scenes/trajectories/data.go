package trajectories

import (
	"fmt"

	"replab/assets"
	"replab/core"
)

// The digits are split once, with a fixed seed, so that every network of
// every run sees the same training rows and is followed on the same test
// inputs.
const (
	trainRows = 1200
	probeRows = 300 // the fixed test inputs whose outputs trace each network
	splitSeed = 15_1
	pixelMax  = 16 // the digits' pixels run 0…16; inputs are scaled to [0, 1]
)

// digitData is the training part and the fixed test inputs.
type digitData struct {
	xTrain, yTrain *core.Mat
	xProbe, yProbe *core.Mat
}

func loadDigits() (*digitData, error) {
	d, err := assets.Digits()
	if err != nil {
		return nil, fmt.Errorf("trajectories: %w", err)
	}
	if d.Rows < trainRows+probeRows {
		return nil, fmt.Errorf("trajectories: %d digits, need %d", d.Rows, trainRows+probeRows)
	}
	order := core.NewRNG(splitSeed).Perm(d.Rows)
	pick := func(rows []int) (*core.Mat, *core.Mat) {
		x, y := core.NewMat(len(rows), d.Cols), core.NewMat(len(rows), 1)
		for i, r := range rows {
			for j, v := range d.Row(r) {
				x.Set(i, j, v/pixelMax)
			}
			y.Set(i, 0, float32(d.Label(r)))
		}
		return x, y
	}
	data := &digitData{}
	data.xTrain, data.yTrain = pick(order[:trainRows])
	data.xProbe, data.yProbe = pick(order[trainRows : trainRows+probeRows])
	return data, nil
}
