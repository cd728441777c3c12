package assets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Limits of LoadCSV.
const (
	// MinRows is the fewest data rows a user's file may have.
	MinRows = 10
	// MaxIntegerClasses is the most distinct values an all-integer target may
	// take and still be read as class labels by LoadCSV.
	MaxIntegerClasses = 20
	// MaxClasses is the most classes any classification target may have.
	MaxClasses = 100
	// MaxCSVBytes is the largest file LoadCSV reads.
	MaxCSVBytes = 32 << 20
)

// csvByteLimit is MaxCSVBytes; tests lower it to exercise the limit quickly.
var csvByteLimit int64 = MaxCSVBytes

// autoTask asks loadCSV to choose the task from the target column.
const autoTask Task = -1

// ErrMalformed marks a data file that cannot be read as a task.
var ErrMalformed = errors.New("malformed data file")

// CSVError describes what is wrong with a data file and where.
// It wraps ErrMalformed, and Err when a lower-level error caused it.
type CSVError struct {
	// Name is the file's name as given to LoadCSV.
	Name string
	// Line is the 1-based line in the file, or 0 when the problem is the whole file.
	Line int
	// Column is the 1-based column (cell index), or 0 when the problem is the whole line.
	Column int
	// ColumnName is the header's name for Column, when known.
	ColumnName string
	// Problem says what is wrong, in words.
	Problem string
	// Err is the underlying error, if any.
	Err error
}

// Error returns a message such as
// `assets: data.csv: line 5, column 3 ("bmi"): not a number: "abc"`.
func (e *CSVError) Error() string {
	var b strings.Builder
	b.WriteString("assets: " + e.Name)
	sep := ": "
	if e.Line > 0 {
		fmt.Fprintf(&b, "%sline %d", sep, e.Line)
		sep = ", "
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, "%scolumn %d", sep, e.Column)
		if e.ColumnName != "" {
			fmt.Fprintf(&b, " (%q)", e.ColumnName)
		}
	}
	b.WriteString(": " + e.Problem)
	return b.String()
}

// Unwrap returns ErrMalformed and, if set, the underlying error.
func (e *CSVError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrMalformed, e.Err}
	}
	return []error{ErrMalformed}
}

// LoadCSV reads a user's task from a comma-separated file: a header row naming
// the columns, then one row per example. Every column except target must hold
// numbers (they become the inputs, in file order); target names the column to
// predict. name is used in messages and as the dataset's Name.
//
// The task is chosen from the target column:
//   - classification when any target cell is not a number (the distinct texts
//     are the classes, in sorted order), or when every target is an integer
//     and there are at most MaxIntegerClasses distinct values (classes in
//     numeric order);
//   - regression otherwise.
//
// Use LoadCSVAs to choose the task yourself. A malformed file (empty, no
// header, ragged rows, empty or non-numeric cells, NaN or infinite values,
// a missing target column, fewer than MinRows rows, a constant target, more
// than MaxClasses classes, larger than MaxCSVBytes) gives a *CSVError naming
// the line and column, wrapping ErrMalformed. LoadCSV never panics on input.
func LoadCSV(r io.Reader, name, target string) (*Dataset, error) {
	return loadCSV(r, name, target, autoTask)
}

// LoadCSVAs is LoadCSV with the task chosen by the caller: Regression needs a
// numeric target; Classification takes any target with 2…MaxClasses distinct
// values.
func LoadCSVAs(r io.Reader, name, target string, task Task) (*Dataset, error) {
	if task != Classification && task != Regression {
		return nil, &CSVError{Name: name, Problem: fmt.Sprintf("unknown task %v", task)}
	}
	return loadCSV(r, name, target, task)
}

func loadCSV(r io.Reader, name, target string, task Task) (*Dataset, error) {
	table, err := readTable(r, name, strings.TrimSpace(target))
	if err != nil {
		return nil, err
	}
	if table.rows < MinRows {
		return nil, &CSVError{Name: name, Problem: fmt.Sprintf(
			"%d data rows, need at least %d", table.rows, MinRows)}
	}
	d, err := table.dataset(task)
	if err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, &CSVError{Name: name, Problem: "inconsistent table", Err: err}
	}
	return d, nil
}

// csvTable is a file read into inputs and raw target texts.
type csvTable struct {
	name        string
	header      []string
	targetCol   int
	x           []float32
	targets     []string
	targetLines []int
	rows        int
}

// readTable reads the header and every row, checking cells as it goes.
func readTable(r io.Reader, name, target string) (*csvTable, error) {
	limited := &io.LimitedReader{R: r, N: csvByteLimit + 1}
	reader := csv.NewReader(limited)
	reader.FieldsPerRecord = -1
	reader.TrimLeadingSpace = true
	t := &csvTable{name: name}

	header, err := reader.Read()
	if err == io.EOF {
		return nil, &CSVError{Name: name, Problem: "empty file: want a header row, then data rows"}
	}
	if err == nil {
		err = t.parseHeader(header, target)
	}
	for err == nil {
		var record []string
		if record, err = reader.Read(); err == nil {
			err = t.addRow(record, reader)
		}
	}
	if err != io.EOF || limited.N <= 0 {
		return nil, t.explain(err, limited)
	}
	return t, nil
}

// explain turns what stopped the reading into a CSVError. A file over the
// size limit is reported as such even when the cut left a broken last row.
func (t *csvTable) explain(err error, limited *io.LimitedReader) error {
	var csvErr *CSVError
	var parseErr *csv.ParseError
	switch {
	case limited.N <= 0:
		return &CSVError{Name: t.name, Problem: fmt.Sprintf(
			"file larger than %d bytes", csvByteLimit)}
	case errors.As(err, &csvErr):
		return err
	case errors.As(err, &parseErr):
		return &CSVError{Name: t.name, Line: parseErr.Line, Problem: parseErr.Err.Error(), Err: err}
	}
	return &CSVError{Name: t.name, Problem: "cannot read: " + err.Error(), Err: err}
}

// parseHeader checks the column names and finds the target column.
func (t *csvTable) parseHeader(header []string, target string) error {
	t.header = make([]string, len(header))
	seen := make(map[string]int, len(header))
	t.targetCol = -1
	for i, cell := range header {
		cell = strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
		if cell == "" {
			return &CSVError{Name: t.name, Line: 1, Column: i + 1, Problem: "empty column name"}
		}
		if first, dup := seen[cell]; dup {
			return &CSVError{Name: t.name, Line: 1, Column: i + 1, ColumnName: cell,
				Problem: fmt.Sprintf("column name repeats column %d", first+1)}
		}
		seen[cell] = i
		t.header[i] = cell
		if cell == target {
			t.targetCol = i
		}
	}
	if t.targetCol < 0 {
		return &CSVError{Name: t.name, Line: 1, Problem: missingTarget(t.header, target)}
	}
	if len(header) < 2 {
		return &CSVError{Name: t.name, Line: 1,
			Problem: "only the target column: want at least one input column beside it"}
	}
	return nil
}

// missingTarget says that target is not among the columns, and which are.
func missingTarget(header []string, target string) string {
	shown := header
	if len(shown) > 8 {
		shown = shown[:8]
	}
	msg := fmt.Sprintf("no column named %q; columns are %s", target, strings.Join(shown, ", "))
	if len(header) > len(shown) {
		msg += fmt.Sprintf(" … (%d in all)", len(header))
	}
	looksNumeric := true
	for _, cell := range header {
		if _, err := strconv.ParseFloat(cell, 64); err != nil {
			looksNumeric = false
		}
	}
	switch {
	case looksNumeric:
		msg += " (the first row looks like data: the file needs a header row)"
	case len(header) == 1 && strings.ContainsAny(header[0], ";\t"):
		msg += " (cells seem to be separated by ';' or tabs: replab reads commas)"
	}
	return msg
}

// addRow checks one data row and appends its inputs and target text.
func (t *csvTable) addRow(record []string, reader *csv.Reader) error {
	line, _ := reader.FieldPos(0)
	if len(record) != len(t.header) {
		return &CSVError{Name: t.name, Line: line, Problem: fmt.Sprintf(
			"%d cells, but the header has %d", len(record), len(t.header))}
	}
	for i, cell := range record {
		cellLine, _ := reader.FieldPos(i)
		cell = strings.TrimSpace(cell)
		if i == t.targetCol {
			if cell == "" {
				return t.cellError(cellLine, i, "empty target")
			}
			t.targets = append(t.targets, cell)
			t.targetLines = append(t.targetLines, cellLine)
			continue
		}
		value, problem := parseInput(cell)
		if problem != "" {
			return t.cellError(cellLine, i, problem)
		}
		t.x = append(t.x, value)
	}
	t.rows++
	return nil
}

func (t *csvTable) cellError(line, col int, problem string) error {
	return &CSVError{Name: t.name, Line: line, Column: col + 1, ColumnName: t.header[col],
		Problem: problem}
}

// parseInput reads one input cell; problem is empty when the cell is fine.
func parseInput(cell string) (value float32, problem string) {
	if cell == "" {
		return 0, "empty cell (missing values are not supported)"
	}
	v, err := strconv.ParseFloat(cell, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Sprintf("number out of range: %s", quoteShort(cell))
	case err != nil:
		return 0, fmt.Sprintf("not a number: %s", quoteShort(cell))
	case math.IsNaN(v):
		return 0, "NaN is not allowed (missing values are not supported)"
	case math.IsInf(v, 0):
		return 0, "infinite value is not allowed"
	case math.Abs(v) > math.MaxFloat32:
		return 0, fmt.Sprintf("%s is too large for float32", quoteShort(cell))
	}
	return float32(v), ""
}

// quoteShort quotes a cell for a message, cutting long ones.
func quoteShort(cell string) string {
	const most = 40
	if len(cell) > most {
		return strconv.Quote(cell[:most]) + "…"
	}
	return strconv.Quote(cell)
}
