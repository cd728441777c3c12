package assets

import (
	"fmt"
	"math"
	"os"
)

// Scaler shifts and scales each input column: x' = (x - Mean) / Scale.
// Fit it on a training part and apply it to both parts, so that the test
// part is scaled by statistics it did not contribute to.
type Scaler struct {
	// Mean and Scale hold one value per column.
	Mean, Scale []float32
}

// FitScaler measures each column's mean and standard deviation on d. A
// column with no spread gets Scale 1, so it maps to zeros instead of NaN.
func FitScaler(d *Dataset) Scaler {
	s := Scaler{Mean: make([]float32, d.Cols), Scale: make([]float32, d.Cols)}
	sum := make([]float64, d.Cols)
	sumSquares := make([]float64, d.Cols)
	for i := range d.Rows {
		for j, v := range d.Row(i) {
			sum[j] += float64(v)
			sumSquares[j] += float64(v) * float64(v)
		}
	}
	n := float64(max(d.Rows, 1))
	for j := range d.Cols {
		mean := sum[j] / n
		variance := max(sumSquares[j]/n-mean*mean, 0)
		s.Mean[j] = float32(mean)
		s.Scale[j] = 1
		if std := math.Sqrt(variance); std > 1e-12*max(1, math.Abs(mean)) {
			s.Scale[j] = float32(std)
		}
	}
	return s
}

// Apply returns a scaled copy of d. The copy has no ActiveColumns, since its
// inputs are no longer 0/1. It panics if d's column count differs from the
// scaler's, which is a programmer error.
func (s Scaler) Apply(d *Dataset) *Dataset {
	if d.Cols != len(s.Mean) {
		panic(fmt.Sprintf("assets: scaler for %d columns applied to %d", len(s.Mean), d.Cols))
	}
	out := d.Clone()
	out.ActiveColumns = nil
	for i := range out.Rows {
		row := out.Row(i)
		for j := range row {
			row[j] = (row[j] - s.Mean[j]) / s.Scale[j]
		}
	}
	return out
}

// TargetMeanStd returns the mean and standard deviation of a regression
// target, for scaling it during training and back for reporting.
func (d *Dataset) TargetMeanStd() (mean, std float64) {
	if len(d.Y) == 0 {
		return 0, 0
	}
	for _, y := range d.Y {
		mean += y
	}
	mean /= float64(len(d.Y))
	for _, y := range d.Y {
		std += (y - mean) * (y - mean)
	}
	return mean, math.Sqrt(std / float64(len(d.Y)))
}

// LoadCSVFile opens path and reads it with LoadCSV, naming the dataset by
// the path. A file that cannot be opened gives an error naming it.
func LoadCSVFile(path, target string) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("assets: cannot open data file: %w", err)
	}
	defer f.Close()
	return LoadCSV(f, path, target)
}
