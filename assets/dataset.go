package assets

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Task says how a dataset's target is scored.
type Task int

const (
	// Classification targets are class indices 0…Classes-1, scored by accuracy.
	Classification Task = iota
	// Regression targets are real numbers, scored by R².
	Regression
)

// String returns "classification" or "regression".
func (t Task) String() string {
	switch t {
	case Classification:
		return "classification"
	case Regression:
		return "regression"
	}
	return fmt.Sprintf("Task(%d)", int(t))
}

// Dataset is a table of inputs with one target per row.
//
// Datasets returned by this package's loaders are shared and read-only;
// call Clone before changing one.
type Dataset struct {
	// Name identifies the task, e.g. "digits" or "nci_tpsa".
	Name string
	// Task says whether Y holds class indices or real targets.
	Task Task
	// X holds the inputs, Rows×Cols, row-major: row i is X[i*Cols : (i+1)*Cols].
	X []float32
	// Rows and Cols are X's shape.
	Rows, Cols int
	// Y holds one target per row: a class index for classification,
	// a real value for regression.
	Y []float64
	// Classes is the number of classes (0 for regression).
	Classes int
	// FeatureNames names the Cols input columns.
	FeatureNames []string
	// ClassNames names the classes, indexed by class (nil for regression).
	ClassNames []string
	// TargetName names the target column.
	TargetName string
	// ActiveColumns, for binary sparse inputs such as fingerprints, lists per row
	// the columns whose value is 1 (all other columns are 0); nil for dense sets.
	ActiveColumns [][]int
	// Source says where the data came from, in one line.
	Source string
}

// Row returns row i of X as a view (not a copy). It panics if i is out of
// range, which is a programmer error.
func (d *Dataset) Row(i int) []float32 {
	if i < 0 || i >= d.Rows {
		panic(fmt.Sprintf("assets: row %d out of range [0, %d)", i, d.Rows))
	}
	return d.X[i*d.Cols : (i+1)*d.Cols]
}

// Label returns row i's class index. It panics if i is out of range or the
// dataset is not a classification task, which are programmer errors.
func (d *Dataset) Label(i int) int {
	if d.Task != Classification {
		panic("assets: Label on a regression dataset " + d.Name)
	}
	return int(d.Y[i])
}

// ClassCounts returns how many rows each class has (nil for regression).
func (d *Dataset) ClassCounts() []int {
	if d.Task != Classification {
		return nil
	}
	counts := make([]int, d.Classes)
	for _, y := range d.Y {
		counts[int(y)]++
	}
	return counts
}

// Clone returns a deep copy that the caller may change freely.
func (d *Dataset) Clone() *Dataset {
	out := *d
	out.X = append([]float32(nil), d.X...)
	out.Y = append([]float64(nil), d.Y...)
	out.FeatureNames = append([]string(nil), d.FeatureNames...)
	out.ClassNames = append([]string(nil), d.ClassNames...)
	if d.ClassNames == nil {
		out.ClassNames = nil
	}
	if d.ActiveColumns != nil {
		out.ActiveColumns = make([][]int, len(d.ActiveColumns))
		for i, cols := range d.ActiveColumns {
			out.ActiveColumns[i] = append([]int(nil), cols...)
		}
	}
	return &out
}

// Subset returns a new dataset holding the given rows, in the given order
// (repeats allowed). It copies the rows; names are shared. It panics on an
// index out of range, which is a programmer error.
func (d *Dataset) Subset(rows []int) *Dataset {
	out := *d
	out.Rows = len(rows)
	out.X = make([]float32, 0, len(rows)*d.Cols)
	out.Y = make([]float64, len(rows))
	if d.ActiveColumns != nil {
		out.ActiveColumns = make([][]int, len(rows))
	}
	for k, i := range rows {
		out.X = append(out.X, d.Row(i)...)
		out.Y[k] = d.Y[i]
		if d.ActiveColumns != nil {
			out.ActiveColumns[k] = d.ActiveColumns[i]
		}
	}
	return &out
}

// Split shuffles the rows with the given seed and returns a training part
// holding about trainFraction of them and a test part holding the rest.
// Classification sets are split class by class (stratified), so each class
// keeps its share on both sides. trainFraction must lie in (0, 1) and both
// parts must be non-empty.
func (d *Dataset) Split(trainFraction float64, seed uint64) (train, test *Dataset, err error) {
	if !(trainFraction > 0 && trainFraction < 1) {
		return nil, nil, fmt.Errorf("assets: %s: train fraction %v outside (0, 1)",
			d.Name, trainFraction)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var trainRows, testRows []int
	for _, group := range d.splitGroups() {
		rng.Shuffle(len(group), func(i, j int) { group[i], group[j] = group[j], group[i] })
		cut := int(math.Round(trainFraction * float64(len(group))))
		trainRows = append(trainRows, group[:cut]...)
		testRows = append(testRows, group[cut:]...)
	}
	if len(trainRows) == 0 || len(testRows) == 0 {
		return nil, nil, fmt.Errorf("assets: %s: split of %d rows at %v leaves a part empty",
			d.Name, d.Rows, trainFraction)
	}
	rng.Shuffle(len(trainRows), func(i, j int) {
		trainRows[i], trainRows[j] = trainRows[j], trainRows[i]
	})
	rng.Shuffle(len(testRows), func(i, j int) { testRows[i], testRows[j] = testRows[j], testRows[i] })
	return d.Subset(trainRows), d.Subset(testRows), nil
}

// splitGroups returns the row indices to split independently: one group per
// class for classification, a single group for regression.
func (d *Dataset) splitGroups() [][]int {
	if d.Task != Classification {
		all := make([]int, d.Rows)
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	groups := make([][]int, d.Classes)
	for i, y := range d.Y {
		groups[int(y)] = append(groups[int(y)], i)
	}
	return groups
}
