package core

import "fmt"

// Mat is a row-major float32 matrix. Element (i, j) is Data[i*Stride+j].
// A view (see RowSlice) shares Data with the matrix it was cut from.
type Mat struct {
	Rows, Cols, Stride int
	Data               []float32
}

// NewMat returns a zeroed rows×cols matrix.
func NewMat(rows, cols int) *Mat {
	return &Mat{Rows: rows, Cols: cols, Stride: cols, Data: make([]float32, rows*cols)}
}

// MatFrom wraps data (len rows*cols, row-major) without copying. It panics
// if the length does not match.
func MatFrom(rows, cols int, data []float32) *Mat {
	if len(data) != rows*cols {
		panic(fmt.Sprintf("core: MatFrom %d×%d with %d values", rows, cols, len(data)))
	}
	return &Mat{Rows: rows, Cols: cols, Stride: cols, Data: data}
}

// At returns element (i, j).
func (m *Mat) At(i, j int) float32 { return m.Data[i*m.Stride+j] }

// Set stores v at (i, j).
func (m *Mat) Set(i, j int, v float32) { m.Data[i*m.Stride+j] = v }

// Row returns row i as a slice sharing m's storage.
func (m *Mat) Row(i int) []float32 { return m.Data[i*m.Stride : i*m.Stride+m.Cols] }

// RowSlice returns a view of rows [r0, r1).
func (m *Mat) RowSlice(r0, r1 int) *Mat {
	if r0 < 0 || r1 > m.Rows || r0 > r1 {
		panic(fmt.Sprintf("core: RowSlice [%d, %d) of %d rows", r0, r1, m.Rows))
	}
	if r0 == r1 {
		return &Mat{Rows: 0, Cols: m.Cols, Stride: m.Stride}
	}
	return &Mat{Rows: r1 - r0, Cols: m.Cols, Stride: m.Stride,
		Data: m.Data[r0*m.Stride : (r1-1)*m.Stride+m.Cols]}
}

// Clone returns a contiguous copy of m (Stride == Cols).
func (m *Mat) Clone() *Mat {
	c := NewMat(m.Rows, m.Cols)
	c.CopyFrom(m)
	return c
}

// CopyFrom copies src into m element by element. It panics if the shapes
// differ.
func (m *Mat) CopyFrom(src *Mat) {
	if src.Rows != m.Rows || src.Cols != m.Cols {
		panic(fmt.Sprintf("core: CopyFrom %d×%d into %d×%d", src.Rows, src.Cols, m.Rows, m.Cols))
	}
	for i := range m.Rows {
		copy(m.Row(i), src.Row(i))
	}
}

// Zero sets every element of m to 0.
func (m *Mat) Zero() {
	for i := range m.Rows {
		clear(m.Row(i))
	}
}

// Contiguous reports whether m's elements are one unbroken run of Data.
func (m *Mat) Contiguous() bool { return m.Stride == m.Cols || m.Rows <= 1 }

// reshapeBuffer returns a rows×cols contiguous matrix that reuses *buf's
// storage when it is large enough and grows it otherwise. Workspaces use it
// so that repeated passes at the same batch size allocate nothing.
func reshapeBuffer(buf *[]float32, rows, cols int) Mat {
	n := rows * cols
	if cap(*buf) < n {
		*buf = make([]float32, n)
	}
	return Mat{Rows: rows, Cols: cols, Stride: cols, Data: (*buf)[:n]}
}

// addTo sets dst[i] += src[i] for every i of dst (src at least as long).
// Each sum is one float32 addition on either path, so the result does not
// depend on which path ran.
func addTo(dst, src []float32) {
	src = src[:len(dst)]
	if body := vectorBody(len(dst)); body > 0 {
		addToAVX2(body, &dst[0], &src[0])
		dst, src = dst[body:], src[body:]
	}
	for i, v := range src {
		dst[i] += v
	}
}
