package assets

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// dataset turns the table into a Dataset, choosing the task when asked to
// (task == autoTask) by the rule documented on LoadCSV.
func (t *csvTable) dataset(task Task) (*Dataset, error) {
	numbers, firstText := t.numericTargets()
	if task == autoTask {
		task = Regression
		if firstText >= 0 || fewIntegers(numbers) {
			task = Classification
		}
	}

	d := &Dataset{
		Name:         t.name,
		Task:         task,
		X:            t.x,
		Rows:         t.rows,
		Cols:         len(t.header) - 1,
		TargetName:   t.header[t.targetCol],
		FeatureNames: slices.Delete(slices.Clone(t.header), t.targetCol, t.targetCol+1),
		Source:       "user file " + t.name,
	}
	var err error
	switch {
	case task == Regression:
		d.Y, err = t.regressionTargets(numbers, firstText)
	case firstText >= 0:
		d.Y, d.ClassNames, err = t.textClasses()
	default:
		d.Y, d.ClassNames, err = t.numericClasses(numbers)
	}
	if err != nil {
		return nil, err
	}
	d.Classes = len(d.ClassNames)
	return d, nil
}

// numericTargets parses every target; firstText is the row of the first one
// that is not a number, or -1 when all are numbers.
func (t *csvTable) numericTargets() (numbers []float64, firstText int) {
	numbers = make([]float64, len(t.targets))
	for i, cell := range t.targets {
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return nil, i
		}
		numbers[i] = v
	}
	return numbers, -1
}

// fewIntegers reports whether every value is an integer and there are at most
// MaxIntegerClasses distinct values: such a target is read as class labels.
func fewIntegers(numbers []float64) bool {
	distinct := make(map[float64]bool)
	for _, v := range numbers {
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return false
		}
		distinct[v] = true
		if len(distinct) > MaxIntegerClasses {
			return false
		}
	}
	return true
}

// regressionTargets checks that the numeric targets are finite and vary.
func (t *csvTable) regressionTargets(numbers []float64, firstText int) ([]float64, error) {
	if firstText >= 0 {
		return nil, t.targetError(firstText, fmt.Sprintf(
			"target %s is not a number (regression needs numbers)", quoteShort(t.targets[firstText])))
	}
	for i, v := range numbers {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, t.targetError(i, fmt.Sprintf("target %s is not a finite number",
				quoteShort(t.targets[i])))
		}
	}
	if slices.Min(numbers) == slices.Max(numbers) {
		return nil, &CSVError{Name: t.name, Column: t.targetCol + 1,
			ColumnName: t.header[t.targetCol],
			Problem:    fmt.Sprintf("target is constant (%v): nothing to predict", numbers[0])}
	}
	return numbers, nil
}

// textClasses numbers the distinct target texts in sorted order.
func (t *csvTable) textClasses() ([]float64, []string, error) {
	names := slices.Clone(t.targets)
	slices.Sort(names)
	names = slices.Compact(names)
	if err := t.checkClassCount(len(names), names[0]); err != nil {
		return nil, nil, err
	}
	y := make([]float64, len(t.targets))
	for i, cell := range t.targets {
		index, _ := slices.BinarySearch(names, cell)
		y[i] = float64(index)
	}
	return y, names, nil
}

// numericClasses numbers the distinct numeric targets in increasing order.
func (t *csvTable) numericClasses(numbers []float64) ([]float64, []string, error) {
	for i, v := range numbers {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, t.targetError(i, fmt.Sprintf("class %s is not a finite number",
				quoteShort(t.targets[i])))
		}
	}
	values := slices.Clone(numbers)
	slices.Sort(values)
	values = slices.Compact(values)
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	if err := t.checkClassCount(len(values), names[0]); err != nil {
		return nil, nil, err
	}
	y := make([]float64, len(numbers))
	for i, v := range numbers {
		index, _ := slices.BinarySearch(values, v)
		y[i] = float64(index)
	}
	return y, names, nil
}

func (t *csvTable) checkClassCount(count int, first string) error {
	problem := ""
	switch {
	case count < 2:
		problem = fmt.Sprintf("every row has the same class %s: nothing to predict", quoteShort(first))
	case count > MaxClasses:
		problem = fmt.Sprintf("%d classes, at most %d are supported", count, MaxClasses)
	default:
		return nil
	}
	return &CSVError{Name: t.name, Column: t.targetCol + 1, ColumnName: t.header[t.targetCol],
		Problem: problem}
}

func (t *csvTable) targetError(row int, problem string) error {
	return t.cellError(t.targetLines[row], t.targetCol, problem)
}
