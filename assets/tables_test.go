package assets

import (
	"math"
	"slices"
	"testing"
)

func TestEmbeddedTables(t *testing.T) {
	tests := []struct {
		name        string
		load        func() (*Dataset, error)
		task        Task
		rows, cols  int
		classCounts []int
		firstRow    []float32
		firstY      float64
	}{
		{"digits", Digits, Classification, 1797, 64,
			[]int{178, 182, 177, 183, 181, 182, 181, 179, 174, 180},
			[]float32{0, 0, 5, 13, 9, 1, 0, 0}, 0},
		{"iris", Iris, Classification, 150, 4, []int{50, 50, 50},
			[]float32{5.1, 3.5, 1.4, 0.2}, 0},
		{"wine", Wine, Classification, 178, 13, []int{59, 71, 48},
			[]float32{14.23, 1.71, 2.43, 15.6}, 0},
		{"breast_cancer", BreastCancer, Classification, 569, 30, []int{357, 212},
			[]float32{17.99, 10.38, 122.8, 1001}, 1},
		{"diabetes", Diabetes, Regression, 442, 10, nil,
			[]float32{59, 2, 32.1, 101}, 151},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := tc.load()
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			if d.Name != tc.name || d.Task != tc.task || d.Rows != tc.rows || d.Cols != tc.cols {
				t.Fatalf("got %s %v %d×%d, want %s %v %d×%d",
					d.Name, d.Task, d.Rows, d.Cols, tc.name, tc.task, tc.rows, tc.cols)
			}
			if got := d.ClassCounts(); !slices.Equal(got, tc.classCounts) {
				t.Errorf("class counts %v, want %v", got, tc.classCounts)
			}
			if got := d.Row(0)[:len(tc.firstRow)]; !slices.Equal(got, tc.firstRow) {
				t.Errorf("first row starts %v, want %v", got, tc.firstRow)
			}
			if d.Y[0] != tc.firstY {
				t.Errorf("first target %v, want %v", d.Y[0], tc.firstY)
			}
			if d.Source == "" || d.TargetName == "" {
				t.Errorf("source %q, target name %q: want both set", d.Source, d.TargetName)
			}
		})
	}
}

func TestDigitPixelsAreSmallIntegers(t *testing.T) {
	d, err := Digits()
	if err != nil {
		t.Fatal(err)
	}
	maxSeen := float32(0)
	for i, v := range d.X {
		if v < 0 || v > DigitMaxValue || v != float32(math.Trunc(float64(v))) {
			t.Fatalf("pixel %d of row %d is %v, want an integer in 0…%d",
				i%d.Cols, i/d.Cols, v, DigitMaxValue)
		}
		maxSeen = max(maxSeen, v)
	}
	if maxSeen != DigitMaxValue {
		t.Errorf("brightest pixel %v, want %d", maxSeen, DigitMaxValue)
	}
}

func TestLoadersCacheOneDataset(t *testing.T) {
	first, err := Digits()
	if err != nil {
		t.Fatal(err)
	}
	second, _ := Digits()
	if first != second {
		t.Error("Digits decoded twice: want one shared dataset")
	}
}

func TestTasks(t *testing.T) {
	tasks, err := Tasks()
	if err != nil {
		t.Fatal(err)
	}
	const wantTasks, wantChem = 12, 6
	chem := 0
	names := map[string]bool{}
	for _, d := range tasks {
		if err := d.Validate(); err != nil {
			t.Error(err)
		}
		if names[d.Name] {
			t.Errorf("task %q listed twice", d.Name)
		}
		names[d.Name] = true
		if d.ActiveColumns != nil {
			chem++
		}
	}
	if len(tasks) < wantTasks || chem < wantChem {
		t.Errorf("%d tasks, %d chemistry: want at least %d and %d",
			len(tasks), chem, wantTasks, wantChem)
	}
	tasks[0] = nil
	again, _ := Tasks()
	if again[0] == nil {
		t.Error("changing the returned slice changed the cache")
	}
	if d, ok, err := TaskByName("wine"); err != nil || !ok || d.Name != "wine" {
		t.Errorf("TaskByName(wine) = %v, %v, %v", d, ok, err)
	}
	if _, ok, _ := TaskByName("no such task"); ok {
		t.Error("TaskByName found a task that does not exist")
	}
}

func TestLoadersAreSafeForConcurrentUse(t *testing.T) {
	const callers = 8
	results := make(chan *Dataset, callers)
	for range callers {
		go func() {
			d, err := Digits()
			if err != nil {
				t.Error(err)
			}
			results <- d
		}()
	}
	first := <-results
	for range callers - 1 {
		if d := <-results; d != first {
			t.Fatal("concurrent callers got different digit datasets")
		}
	}
}
