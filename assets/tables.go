package assets

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*.csv data/*.csv.gz
//go:embed digit_attributes.csv digit_attribute_meanings.csv digit_glyphs.txt
var files embed.FS

// Shape of the digits set.
const (
	// DigitSide is the width and height of a digit image in pixels.
	DigitSide = 8
	// DigitMaxValue is the largest pixel value (ink counted on a 4×4 block of
	// the 32×32 original, 0…16).
	DigitMaxValue = 16
)

// cached decodes a value once and hands the same result to every caller.
type cached[T any] struct {
	once  sync.Once
	value T
	err   error
}

func (c *cached[T]) get(load func() (T, error)) (T, error) {
	c.once.Do(func() { c.value, c.err = load() })
	return c.value, c.err
}

var (
	digitsCache, irisCache, wineCache, cancerCache, diabetesCache cached[*Dataset]
)

// Digits returns the 8×8 handwritten digits: 1,797 rows of 64 pixels
// (row-major, top row first, values 0…16), 10 classes named "0"…"9".
// The dataset is shared; treat it as read-only.
func Digits() (*Dataset, error) {
	return digitsCache.get(loadDigits)
}

// Iris returns Fisher's iris flowers: 150 rows, 4 measurements in cm,
// 3 species. The dataset is shared; treat it as read-only.
func Iris() (*Dataset, error) {
	return irisCache.get(func() (*Dataset, error) {
		return loadTable("iris", "species", "Fisher's iris data (UCI), via python3-sklearn")
	})
}

// Wine returns the wine recognition set: 178 rows, 13 chemical measurements,
// 3 cultivars. The dataset is shared; treat it as read-only.
func Wine() (*Dataset, error) {
	return wineCache.get(func() (*Dataset, error) {
		return loadTable("wine", "cultivar", "UCI wine recognition data, via python3-sklearn")
	})
}

// BreastCancer returns the Wisconsin diagnostic breast cancer set: 569 rows,
// 30 cell-nucleus features, classes "benign" (0) and "malignant" (1).
// The dataset is shared; treat it as read-only.
func BreastCancer() (*Dataset, error) {
	return cancerCache.get(func() (*Dataset, error) {
		return loadTable("breast_cancer", "diagnosis",
			"UCI breast cancer Wisconsin (diagnostic) data, via python3-sklearn")
	})
}

// Diabetes returns the diabetes progression set of Efron et al. (2004): 442
// rows, 10 baseline variables in their original units (not the centred and
// scaled form sklearn returns by default), regression target "progression".
// The dataset is shared; treat it as read-only.
func Diabetes() (*Dataset, error) {
	return diabetesCache.get(func() (*Dataset, error) {
		return loadTable("diabetes", "progression",
			"diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004), via python3-sklearn")
	})
}

// loadTable reads one of the embedded CSV tables with LoadCSV.
func loadTable(name, target, source string) (*Dataset, error) {
	raw, err := files.ReadFile("data/" + name + ".csv")
	if err != nil {
		return nil, fmt.Errorf("assets: %s: %w", name, err)
	}
	d, err := LoadCSV(bytes.NewReader(raw), name, target)
	if err != nil {
		return nil, fmt.Errorf("assets: embedded %s: %w", name, err)
	}
	d.Source = source
	return d, nil
}

// loadDigits decodes digits.csv.gz: no header, 64 pixel values then the label.
func loadDigits() (*Dataset, error) {
	lines, err := gzipLines("data/digits.csv.gz")
	if err != nil {
		return nil, err
	}
	const pixels = DigitSide * DigitSide
	d := &Dataset{
		Name: "digits", Task: Classification, Cols: pixels, Classes: 10,
		X:            make([]float32, 0, len(lines)*pixels),
		Y:            make([]float64, 0, len(lines)),
		FeatureNames: make([]string, pixels),
		ClassNames:   []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
		TargetName:   "digit",
		Source:       "UCI optical recognition of handwritten digits (test set), via python3-sklearn",
	}
	for i := range d.FeatureNames {
		d.FeatureNames[i] = fmt.Sprintf("pixel_%d_%d", i/DigitSide, i%DigitSide)
	}
	for n, line := range lines {
		if err := d.addDigitRow(line); err != nil {
			return nil, fmt.Errorf("assets: embedded digits line %d: %w", n+1, err)
		}
	}
	d.Rows = len(d.Y)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// addDigitRow parses one line of 65 small integers.
func (d *Dataset) addDigitRow(line string) error {
	cells := strings.Split(line, ",")
	if len(cells) != d.Cols+1 {
		return fmt.Errorf("%d cells, want %d", len(cells), d.Cols+1)
	}
	for i, cell := range cells {
		v, err := strconv.Atoi(strings.TrimSpace(cell))
		if err != nil {
			return err
		}
		maxValue := DigitMaxValue
		if i == d.Cols {
			maxValue = d.Classes - 1
		}
		if v < 0 || v > maxValue {
			return fmt.Errorf("cell %d is %d, outside 0…%d", i+1, v, maxValue)
		}
		if i == d.Cols {
			d.Y = append(d.Y, float64(v))
		} else {
			d.X = append(d.X, float32(v))
		}
	}
	return nil
}

// openGzip opens an embedded gzip file for reading.
func openGzip(path string) (io.Reader, error) {
	raw, err := files.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("assets: %s: %w", path, err)
	}
	return zr, nil
}

// gzipLines returns the non-empty lines of an embedded gzip file.
func gzipLines(path string) ([]string, error) {
	zr, err := openGzip(path)
	if err != nil {
		return nil, err
	}
	var lines []string
	scanner := bufio.NewScanner(zr)
	scanner.Buffer(make([]byte, 64<<10), 1<<20)
	for scanner.Scan() {
		if line := strings.TrimSpace(scanner.Text()); line != "" {
			lines = append(lines, line)
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("assets: %s: %w", path, err)
	}
	return lines, nil
}
