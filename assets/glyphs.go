package assets

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Size of a printed digit's dot matrix.
const (
	GlyphWidth  = 5
	GlyphHeight = 7
)

// Glyph is a digit as a 5×7 dot-matrix display prints it: Lit[r][c] is
// true where the dot in row r (from the top) and column c is lit.
type Glyph struct {
	Lit [GlyphHeight][GlyphWidth]bool
}

var glyphCache cached[*[10]Glyph]

// DigitGlyphs returns the printed forms of the digits 0…9, read from
// assets/digit_glyphs.txt: a description of each class in another medium
// than handwriting, for zero-shot learning. The array is shared; treat it
// as read-only.
func DigitGlyphs() (*[10]Glyph, error) {
	return glyphCache.get(func() (*[10]Glyph, error) {
		raw, err := files.ReadFile("digit_glyphs.txt")
		if err != nil {
			return nil, fmt.Errorf("assets: %w", err)
		}
		return parseGlyphs(raw)
	})
}

// parseGlyphs reads blocks of a "digit N" line and GlyphHeight rows of
// '#' and '.', for N = 0…9 in order. Lines starting with '#' followed by a
// space are comments; blank lines separate blocks.
func parseGlyphs(raw []byte) (*[10]Glyph, error) {
	var out [10]Glyph
	digit, row := -1, GlyphHeight
	lines := bufio.NewScanner(bytes.NewReader(raw))
	for n := 1; lines.Scan(); n++ {
		line := strings.TrimSpace(lines.Text())
		bad := func(format string, args ...any) error {
			return fmt.Errorf("assets: digit_glyphs.txt line %d: "+format, append([]any{n}, args...)...)
		}
		switch {
		case line == "" || strings.HasPrefix(line, "# "):
			if line == "" && digit >= 0 && row < GlyphHeight {
				return nil, bad("digit %d has %d rows, want %d", digit, row, GlyphHeight)
			}
		case strings.HasPrefix(line, "digit "):
			if row < GlyphHeight {
				return nil, bad("digit %d has %d rows, want %d", digit, row, GlyphHeight)
			}
			if digit == 9 {
				return nil, bad("%q after digit 9", line)
			}
			if line != fmt.Sprintf("digit %d", digit+1) {
				return nil, bad("%q out of order, want \"digit %d\"", line, digit+1)
			}
			digit, row = digit+1, 0
		default:
			if digit < 0 || row == GlyphHeight {
				return nil, bad("dot row %q outside a digit's block", line)
			}
			if len(line) != GlyphWidth || strings.Trim(line, "#.") != "" {
				return nil, bad("dot row %q: want %d of '#' and '.'", line, GlyphWidth)
			}
			for c, ch := range line {
				out[digit].Lit[row][c] = ch == '#'
			}
			row++
		}
	}
	if err := lines.Err(); err != nil {
		return nil, fmt.Errorf("assets: digit_glyphs.txt: %w", err)
	}
	if digit != 9 || row != GlyphHeight {
		return nil, fmt.Errorf("assets: digit_glyphs.txt: ends inside or before digit %d", max(digit, 0))
	}
	return &out, nil
}

// Ink returns the share of each cell of a k×k grid laid over the glyph
// that lit dots cover, row by row from the top left: a coarse picture of
// where the printed digit puts ink, which still holds for other fonts and
// for handwriting. It panics if k < 1, a programmer error.
func (g *Glyph) Ink(k int) []float64 {
	if k < 1 {
		panic(fmt.Sprintf("assets: glyph grid of %d cells", k))
	}
	out := make([]float64, k*k)
	for r := range GlyphHeight {
		for c := range GlyphWidth {
			if !g.Lit[r][c] {
				continue
			}
			for i := range k {
				dy := overlap(r, GlyphHeight, i, k)
				for j := range k {
					out[i*k+j] += dy * overlap(c, GlyphWidth, j, k)
				}
			}
		}
	}
	for i := range out {
		out[i] *= float64(k * k) // a cell's area is 1/k² of the glyph
	}
	return out
}

// overlap is the length of the intersection of dot d's span [d/n, (d+1)/n]
// with cell i's span [i/k, (i+1)/k], both on the unit interval.
func overlap(d, n, i, k int) float64 {
	lo := max(float64(d)/float64(n), float64(i)/float64(k))
	hi := min(float64(d+1)/float64(n), float64(i+1)/float64(k))
	return max(0, hi-lo)
}
