package assets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// MaxAttributeValue is the largest value in the digit attribute table (the
// loop count of 8); every other attribute lies in 0…1.
const MaxAttributeValue = 2

// DigitAttributeTable describes each digit class 0…9 by visual attributes of
// its usual written shape, for zero-shot learning: a class never seen in
// training can be recognised from its row of attributes.
type DigitAttributeTable struct {
	// Names are the attributes, e.g. "loops", "horizontal_stroke".
	Names []string
	// Meanings say in words what each attribute describes, indexed like Names.
	Meanings []string
	// Values[digit] holds one value per attribute: 0 absent, 1 present, 0.5
	// where two common ways of writing the digit disagree; "loops" counts
	// closed loops (0…2).
	Values [10][]float64
}

var attributeCache cached[*DigitAttributeTable]

// DigitAttributes returns the attribute table of the ten digit classes, read
// from assets/digit_attributes.csv and assets/digit_attribute_meanings.csv.
// The table is shared; treat it as read-only.
func DigitAttributes() (*DigitAttributeTable, error) {
	return attributeCache.get(loadDigitAttributes)
}

func loadDigitAttributes() (*DigitAttributeTable, error) {
	values, err := readEmbeddedCSV("digit_attributes.csv")
	if err != nil {
		return nil, err
	}
	meanings, err := readEmbeddedCSV("digit_attribute_meanings.csv")
	if err != nil {
		return nil, err
	}
	table := &DigitAttributeTable{Names: values[0][1:]}
	if len(values) != 11 || len(meanings) != len(table.Names)+1 {
		return nil, fmt.Errorf("assets: digit attributes: %d rows and %d meanings for %d names",
			len(values)-1, len(meanings)-1, len(table.Names))
	}
	for i, row := range meanings[1:] {
		if row[0] != table.Names[i] {
			return nil, fmt.Errorf("assets: digit attributes: meaning %d is for %q, want %q",
				i+1, row[0], table.Names[i])
		}
		table.Meanings = append(table.Meanings, row[1])
	}
	for digit, row := range values[1:] {
		if table.Values[digit], err = attributeRow(digit, row); err != nil {
			return nil, err
		}
	}
	return table, nil
}

// attributeRow parses the row of one digit: its label, then the values.
func attributeRow(digit int, row []string) ([]float64, error) {
	if row[0] != strconv.Itoa(digit) {
		return nil, fmt.Errorf("assets: digit attributes: row %d is for %q", digit, row[0])
	}
	out := make([]float64, len(row)-1)
	for i, cell := range row[1:] {
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > MaxAttributeValue {
			return nil, fmt.Errorf("assets: digit attributes: digit %d, attribute %d: bad value %q",
				digit, i+1, cell)
		}
		out[i] = v
	}
	return out, nil
}

// readEmbeddedCSV reads an embedded CSV file whose rows all have the same length.
func readEmbeddedCSV(path string) ([][]string, error) {
	raw, err := files.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	records, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("assets: %s: %w", path, err)
	}
	if len(records) < 2 {
		return nil, fmt.Errorf("assets: %s: no rows", path)
	}
	return records, nil
}

// Vector returns a copy of the attribute values of a digit 0…9. It panics
// for any other digit, which is a programmer error.
func (t *DigitAttributeTable) Vector(digit int) []float64 {
	if digit < 0 || digit > 9 {
		panic(fmt.Sprintf("assets: digit %d outside 0…9", digit))
	}
	return slices.Clone(t.Values[digit])
}
