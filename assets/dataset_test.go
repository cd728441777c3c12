package assets

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestSplitIsStratifiedAndSeeded(t *testing.T) {
	iris, err := Iris()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := iris.Split(0.7, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := train.ClassCounts(); !slices.Equal(got, []int{35, 35, 35}) {
		t.Errorf("train class counts %v, want 35 each", got)
	}
	if got := test.ClassCounts(); !slices.Equal(got, []int{15, 15, 15}) {
		t.Errorf("test class counts %v, want 15 each", got)
	}
	again, _, _ := iris.Split(0.7, 1)
	other, _, _ := iris.Split(0.7, 2)
	if !slices.Equal(train.X, again.X) || slices.Equal(train.X, other.X) {
		t.Error("want the same split for a seed and a different one for another seed")
	}
	if len(train.X)+len(test.X) != len(iris.X) || train.Rows+test.Rows != iris.Rows {
		t.Error("split lost or duplicated rows")
	}
}

func TestSplitRegressionKeepsEveryRow(t *testing.T) {
	diabetes, err := Diabetes()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := diabetes.Split(0.5, 3)
	if err != nil {
		t.Fatal(err)
	}
	got := append(slices.Clone(train.Y), test.Y...)
	want := slices.Clone(diabetes.Y)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || train.Rows != 221 {
		t.Errorf("split of 442 rows gave %d + %d with other targets", train.Rows, test.Rows)
	}
	for _, fraction := range []float64{0, 1, -0.5, math.NaN(), 0.0001} {
		if _, _, err := diabetes.Split(fraction, 1); err == nil {
			t.Errorf("Split(%v): want an error", fraction)
		}
	}
}

func TestSubsetAndCloneCopy(t *testing.T) {
	chem, err := ChemTasks()
	if err != nil {
		t.Fatal(err)
	}
	source := chem[0]
	sub := source.Subset([]int{5, 0, 5})
	if sub.Rows != 3 || !slices.Equal(sub.Row(1), source.Row(0)) || sub.Y[2] != source.Y[5] {
		t.Fatal("subset rows do not match the source rows")
	}
	if err := sub.Validate(); err != nil {
		t.Fatal(err)
	}
	clone := source.Clone()
	clone.X[0], clone.Y[0], clone.FeatureNames[0] = 7, -1, "changed"
	clone.ActiveColumns[0][0] = -1
	if source.X[0] == 7 || source.Y[0] == -1 || source.FeatureNames[0] == "changed" ||
		source.ActiveColumns[0][0] == -1 {
		t.Error("changing a clone changed the shared dataset")
	}
}

func TestValidateFindsBrokenDatasets(t *testing.T) {
	good := func() *Dataset {
		return &Dataset{Name: "t", Task: Classification, Rows: 2, Cols: 2,
			X: []float32{0, 1, 1, 0}, Y: []float64{0, 1}, Classes: 2,
			FeatureNames: []string{"a", "b"}, ClassNames: []string{"n", "y"},
			ActiveColumns: [][]int{{1}, {0}}}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("good dataset: %v", err)
	}
	breaks := map[string]func(d *Dataset){
		"short X":        func(d *Dataset) { d.X = d.X[:3] },
		"NaN input":      func(d *Dataset) { d.X[0] = float32(math.NaN()) },
		"class too big":  func(d *Dataset) { d.Y[1] = 2 },
		"fractional":     func(d *Dataset) { d.Y[1] = 0.5 },
		"missing name":   func(d *Dataset) { d.ClassNames = d.ClassNames[:1] },
		"feature names":  func(d *Dataset) { d.FeatureNames = nil },
		"active wrong":   func(d *Dataset) { d.ActiveColumns[0] = []int{0} },
		"active missing": func(d *Dataset) { d.ActiveColumns[1] = nil },
		"regression NaN": func(d *Dataset) {
			d.Task, d.Classes, d.ClassNames, d.Y[0] = Regression, 0, nil, math.Inf(1)
		},
	}
	for name, breakIt := range breaks {
		d := good()
		breakIt(d)
		if err := d.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Validate = %v, want ErrInvalid", name, err)
		}
	}
}

func TestTaskString(t *testing.T) {
	if Classification.String() != "classification" || Regression.String() != "regression" ||
		Task(9).String() != "Task(9)" {
		t.Error("Task.String gives the wrong names")
	}
}
