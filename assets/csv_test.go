package assets

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// rowsOf builds a CSV body of n rows from a row pattern taking the row index.
func rowsOf(n int, pattern func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(pattern(i) + "\n")
	}
	return b.String()
}

func TestLoadCSVGood(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		target     string
		task       Task
		rows, cols int
		classNames []string
		features   []string
	}{
		{"text classes sorted", "a,b,kind\n" + rowsOf(12, func(i int) string {
			return fmt.Sprintf("%d,%d.5,%s", i, i, []string{"pear", "apple", "fig"}[i%3])
		}), "kind", Classification, 12, 2, []string{"apple", "fig", "pear"}, []string{"a", "b"}},
		{"few integers are classes", "y,x\n" + rowsOf(10, func(i int) string {
			return fmt.Sprintf("%d,%d", []int{3, -1}[i%2], i)
		}), "y", Classification, 10, 1, []string{"-1", "3"}, []string{"x"}},
		{"many integers are regression", "x,y\n" + rowsOf(30, func(i int) string {
			return fmt.Sprintf("%d,%d", i, i*7)
		}), "y", Regression, 30, 1, nil, []string{"x"}},
		{"fractions are regression", "x,y\n" + rowsOf(10, func(i int) string {
			return fmt.Sprintf("%d,%d.25", i, i%2)
		}), "y", Regression, 10, 1, nil, []string{"x"}},
		{"spaces, BOM, CRLF, quotes, 1e3", "\ufeff x , \"y\"\r\n" + rowsOf(10, func(i int) string {
			return fmt.Sprintf(" %de3 , \"%d\"\r", i, i%2)
		}), "y", Classification, 10, 1, []string{"0", "1"}, []string{"x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := LoadCSV(strings.NewReader(tc.text), "test.csv", tc.target)
			if err != nil {
				t.Fatal(err)
			}
			if d.Task != tc.task || d.Rows != tc.rows || d.Cols != tc.cols {
				t.Fatalf("got %v %d×%d, want %v %d×%d", d.Task, d.Rows, d.Cols,
					tc.task, tc.rows, tc.cols)
			}
			if !slices.Equal(d.ClassNames, tc.classNames) ||
				!slices.Equal(d.FeatureNames, tc.features) {
				t.Errorf("classes %q features %q, want %q %q",
					d.ClassNames, d.FeatureNames, tc.classNames, tc.features)
			}
		})
	}
}

func TestLoadCSVValues(t *testing.T) {
	text := "x1,label,x2\n" + rowsOf(10, func(i int) string {
		return fmt.Sprintf("%d,%s,%d", i, []string{"b", "a"}[i%2], -i)
	})
	d, err := LoadCSV(strings.NewReader(text), "v.csv", "label")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Row(3); !slices.Equal(got, []float32{3, -3}) {
		t.Errorf("row 3 = %v, want [3 -3] (target column left out)", got)
	}
	if d.Y[0] != 1 || d.Y[1] != 0 || d.TargetName != "label" {
		t.Errorf("targets %v name %q: want b→1, a→0, name label", d.Y[:2], d.TargetName)
	}
}

func TestLoadCSVAs(t *testing.T) {
	text := "x,y\n" + rowsOf(10, func(i int) string { return fmt.Sprintf("%d,%d", i, i%3) })
	d, err := LoadCSVAs(strings.NewReader(text), "as.csv", "y", Regression)
	if err != nil || d.Task != Regression {
		t.Fatalf("forced regression: %v, %v", d, err)
	}
	text = "x,y\n" + rowsOf(10, func(i int) string {
		return fmt.Sprintf("%d,%s", i, "abc"[i%3:i%3+1])
	})
	if _, err := LoadCSVAs(strings.NewReader(text), "as.csv", "y", Regression); err == nil {
		t.Error("forced regression on text targets: want an error")
	}
	if _, err := LoadCSVAs(strings.NewReader(text), "as.csv", "y", Task(7)); err == nil {
		t.Error("unknown task: want an error")
	}
}

// validBody is ten good rows for the header "a,b,y".
var validBody = rowsOf(10, func(i int) string { return fmt.Sprintf("%d,%d,%d", i, 2*i, i%2) })

func TestLoadCSVMalformed(t *testing.T) {
	tests := []struct {
		name, text, target string
		line, column       int
		problem            string
	}{
		{"empty file", "", "y", 0, 0, "empty file"},
		{"header only", "a,b,y\n", "y", 0, 0, "0 data rows"},
		{"too few rows", "a,b,y\n1,2,0\n3,4,1\n", "y", 0, 0, "2 data rows, need at least 10"},
		{"missing target", "a,b,y\n" + validBody, "z", 1, 0, `no column named "z"`},
		{"no header", "1,2,0\n" + validBody, "y", 1, 0, "needs a header row"},
		{"semicolons", "a;b;y\n" + validBody, "y", 1, 0, "replab reads commas"},
		{"only target", "y\n" + rowsOf(10, func(i int) string { return "1" }), "y", 1, 0,
			"at least one input column"},
		{"empty name", "a,,y\n" + validBody, "y", 1, 2, "empty column name"},
		{"duplicate name", "a,a,y\n" + validBody, "y", 1, 2, "repeats column 1"},
		{"ragged short", "a,b,y\n" + validBody + "1,2\n", "y", 12, 0, "2 cells, but the header has 3"},
		{"ragged long", "a,b,y\n1,2,0,9\n" + validBody, "y", 2, 0, "4 cells"},
		{"not a number", "a,b,y\n" + validBody[:6] + "1,x7,1\n" + validBody, "y", 3, 2,
			`not a number: "x7"`},
		{"empty cell", "a,b,y\n1,,0\n" + validBody, "y", 2, 2, "empty cell"},
		{"NaN input", "a,b,y\nNaN,1,0\n" + validBody, "y", 2, 1, "NaN is not allowed"},
		{"infinite input", "a,b,y\n1,-Inf,0\n" + validBody, "y", 2, 2, "infinite"},
		{"float32 overflow", "a,b,y\n1,1e300,0\n" + validBody, "y", 2, 2, "too large for float32"},
		{"out of range", "a,b,y\n1,1e999,0\n" + validBody, "y", 2, 2, "out of range"},
		{"empty target", "a,b,y\n1,2,\n" + validBody, "y", 2, 3, "empty target"},
		{"NaN target", "a,b,y\n" + validBody + "1,2,NaN\n", "y", 12, 3, "not a finite number"},
		{"one class", "a,b,y\n" + rowsOf(10, func(i int) string { return "1,2,cat" }), "y", 0, 3,
			"same class"},
		{"constant target", "a,b,y\n" + rowsOf(10, func(i int) string { return "1,2,0.5" }), "y",
			0, 3, "constant"},
		{"bare quote", "a,b,y\n1,2\"x,0\n" + validBody, "y", 2, 0, "bare"},
		{"too many classes", "a,y\n" + rowsOf(MaxClasses+1, func(i int) string {
			return fmt.Sprintf("1,c%d", i)
		}), "y", 0, 2, "at most 100"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := LoadCSV(strings.NewReader(tc.text), "bad.csv", tc.target)
			if err == nil {
				t.Fatalf("want an error, got a %d×%d dataset", d.Rows, d.Cols)
			}
			var csvErr *CSVError
			if !errors.As(err, &csvErr) || !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v is not a *CSVError wrapping ErrMalformed", err)
			}
			if csvErr.Line != tc.line || csvErr.Column != tc.column {
				t.Errorf("at line %d column %d, want %d %d: %v",
					csvErr.Line, csvErr.Column, tc.line, tc.column, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.problem) || !strings.HasPrefix(msg, "assets: bad.csv") {
				t.Errorf("message %q: want prefix \"assets: bad.csv\" and %q", err, tc.problem)
			}
		})
	}
}

func TestCSVErrorMessage(t *testing.T) {
	err := &CSVError{Name: "d.csv", Line: 5, Column: 3, ColumnName: "bmi", Problem: "not a number"}
	const want = `assets: d.csv: line 5, column 3 ("bmi"): not a number`
	if err.Error() != want {
		t.Errorf("got %q, want %q", err.Error(), want)
	}
}

func TestLoadCSVTooLarge(t *testing.T) {
	defer func(saved int64) { csvByteLimit = saved }(csvByteLimit)
	csvByteLimit = 1000
	big := strings.NewReader("a,y\n" + strings.Repeat("1,0\n", 300))
	_, err := LoadCSV(big, "big.csv", "y")
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("got %v, want a too-large error", err)
	}
}

func FuzzLoadCSV(f *testing.F) {
	f.Add("a,b,y\n"+validBody, "y")
	f.Add("x,y\n1,2\n3,4\n", "y")
	f.Add("y,x\n\"a\nb\",1\n", "x")
	f.Add("\ufeffa;b;y\n1;2;3\n", "y")
	f.Fuzz(func(t *testing.T, text, target string) {
		d, err := LoadCSV(strings.NewReader(text), "fuzz.csv", target)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if verr := d.Validate(); verr != nil || d.Rows < MinRows {
			t.Fatalf("accepted an invalid dataset (%d rows): %v", d.Rows, verr)
		}
	})
}
