package assets

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScalerStandardisesTrainingColumns(t *testing.T) {
	const tolerance = 1e-4
	wine, err := Wine()
	if err != nil {
		t.Fatal(err)
	}
	scaled := FitScaler(wine).Apply(wine)
	again := FitScaler(scaled)
	for j := range wine.Cols {
		if math.Abs(float64(again.Mean[j])) > tolerance ||
			math.Abs(float64(again.Scale[j])-1) > tolerance {
			t.Errorf("column %s after scaling: mean %v, std %v; want 0 and 1",
				wine.FeatureNames[j], again.Mean[j], again.Scale[j])
		}
	}
	if wine.X[0] != 14.23 {
		t.Error("Apply changed the shared dataset")
	}
}

func TestScalerConstantColumn(t *testing.T) {
	d := &Dataset{Rows: 3, Cols: 1, X: []float32{5, 5, 5}}
	scaled := FitScaler(d).Apply(d)
	for _, v := range scaled.X {
		if v != 0 {
			t.Fatalf("constant column scaled to %v, want 0", scaled.X)
		}
	}
}

func TestTargetMeanStd(t *testing.T) {
	const tolerance = 1e-12
	d := &Dataset{Y: []float64{1, 3, 5, 7}}
	mean, std := d.TargetMeanStd()
	if math.Abs(mean-4) > tolerance || math.Abs(std-math.Sqrt(5)) > tolerance {
		t.Errorf("mean %v std %v, want 4 and √5", mean, std)
	}
}

func TestLoadCSVFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.csv")
	text := "x,y\n" + strings.Repeat("1,0\n2,1\n", 5)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := LoadCSVFile(path, "y")
	if err != nil || d.Rows != 10 || d.Name != path {
		t.Fatalf("LoadCSVFile = %v, %v", d, err)
	}
	_, err = LoadCSVFile(filepath.Join(t.TempDir(), "absent.csv"), "y")
	if err == nil || !strings.Contains(err.Error(), "absent.csv") {
		t.Errorf("missing file: got %v, want an error naming it", err)
	}
}
