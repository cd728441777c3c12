package assets

import (
	"slices"
	"testing"
)

func TestDigitAttributes(t *testing.T) {
	table, err := DigitAttributes()
	if err != nil {
		t.Fatal(err)
	}
	const fewest, most = 8, 12
	if n := len(table.Names); n < fewest || n > most || len(table.Meanings) != n {
		t.Fatalf("%d attributes and %d meanings, want %d…%d of each",
			n, len(table.Meanings), fewest, most)
	}
	for i, meaning := range table.Meanings {
		if len(meaning) < 20 {
			t.Errorf("attribute %s: meaning %q is too short to explain it", table.Names[i], meaning)
		}
	}
	for digit, row := range table.Values {
		if len(row) != len(table.Names) {
			t.Fatalf("digit %d has %d values for %d attributes", digit, len(row), len(table.Names))
		}
	}
}

// Zero-shot recognition by nearest description needs every class to have its
// own description, and every attribute to tell some classes apart.
func TestDigitAttributesTellClassesApart(t *testing.T) {
	table, err := DigitAttributes()
	if err != nil {
		t.Fatal(err)
	}
	for a := range 10 {
		for b := a + 1; b < 10; b++ {
			if slices.Equal(table.Values[a], table.Values[b]) {
				t.Errorf("digits %d and %d have the same attributes", a, b)
			}
		}
	}
	for i, name := range table.Names {
		column := make([]float64, 10)
		for digit := range 10 {
			column[digit] = table.Values[digit][i]
		}
		if slices.Min(column) == slices.Max(column) {
			t.Errorf("attribute %s has one value for every digit", name)
		}
	}
	vector := table.Vector(8)
	vector[0] = -1
	if table.Values[8][0] == -1 {
		t.Error("Vector returned the table's own slice")
	}
}
