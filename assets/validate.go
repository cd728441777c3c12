package assets

import (
	"errors"
	"fmt"
	"math"
)

// ErrInvalid marks a Dataset whose fields disagree with each other.
var ErrInvalid = errors.New("invalid dataset")

// Validate checks that the dataset is consistent: shapes match, every value
// is finite, class indices lie in 0…Classes-1 and every class is named,
// active columns (if any) agree with X. It returns nil or an error wrapping
// ErrInvalid that names the first problem found.
func (d *Dataset) Validate() error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("assets: %s: %s: %w", d.Name, fmt.Sprintf(format, args...), ErrInvalid)
	}
	switch {
	case d.Rows <= 0 || d.Cols <= 0:
		return fail("shape %d×%d is empty", d.Rows, d.Cols)
	case len(d.X) != d.Rows*d.Cols:
		return fail("X has %d values, want %d×%d", len(d.X), d.Rows, d.Cols)
	case len(d.Y) != d.Rows:
		return fail("Y has %d values, want %d", len(d.Y), d.Rows)
	case len(d.FeatureNames) != d.Cols:
		return fail("%d feature names for %d columns", len(d.FeatureNames), d.Cols)
	}
	for i, v := range d.X {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fail("X row %d, column %d is %v", i/d.Cols, i%d.Cols, v)
		}
	}
	if err := d.validateTargets(); err != nil {
		return fail("%v", err)
	}
	if err := d.validateActive(); err != nil {
		return fail("%v", err)
	}
	return nil
}

// validateTargets checks Y against the task.
func (d *Dataset) validateTargets() error {
	switch d.Task {
	case Classification:
		if d.Classes < 2 || len(d.ClassNames) != d.Classes {
			return fmt.Errorf("%d classes with %d names", d.Classes, len(d.ClassNames))
		}
		for i, y := range d.Y {
			if y != math.Trunc(y) || y < 0 || int(y) >= d.Classes {
				return fmt.Errorf("row %d has class %v outside 0…%d", i, y, d.Classes-1)
			}
		}
	case Regression:
		if d.Classes != 0 {
			return fmt.Errorf("regression with %d classes", d.Classes)
		}
		for i, y := range d.Y {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return fmt.Errorf("row %d has target %v", i, y)
			}
		}
	default:
		return fmt.Errorf("unknown task %v", d.Task)
	}
	return nil
}

// validateActive checks that ActiveColumns lists exactly the ones of X.
func (d *Dataset) validateActive() error {
	if d.ActiveColumns == nil {
		return nil
	}
	if len(d.ActiveColumns) != d.Rows {
		return fmt.Errorf("%d active-column rows for %d rows", len(d.ActiveColumns), d.Rows)
	}
	for i, cols := range d.ActiveColumns {
		row := d.Row(i)
		ones := 0
		for _, v := range row {
			if v != 0 {
				ones++
			}
		}
		if ones != len(cols) {
			return fmt.Errorf("row %d has %d non-zero values but %d active columns",
				i, ones, len(cols))
		}
		for _, c := range cols {
			if c < 0 || c >= d.Cols || row[c] != 1 {
				return fmt.Errorf("row %d: active column %d is not a 1 in X", i, c)
			}
		}
	}
	return nil
}
