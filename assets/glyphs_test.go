package assets

import (
	"math"
	"strings"
	"testing"
)

func TestDigitGlyphs(t *testing.T) {
	glyphs, err := DigitGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	for a := range 10 {
		for b := a + 1; b < 10; b++ {
			if glyphs[a] == glyphs[b] {
				t.Errorf("digits %d and %d print the same", a, b)
			}
		}
	}
	// The 1 lights its centre column from top to bottom; the 0 leaves its
	// middle dark.
	for r := range GlyphHeight {
		if !glyphs[1].Lit[r][2] {
			t.Errorf("digit 1: centre dot of row %d unlit", r)
		}
	}
	if glyphs[0].Lit[3][2] {
		t.Error("digit 0: centre dot lit")
	}
}

// Every grid covers the glyph exactly once, so the mean ink over the cells
// is the share of lit dots whatever the grid.
func TestGlyphInkConservesInk(t *testing.T) {
	glyphs, err := DigitGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	for digit, g := range glyphs {
		lit := 0
		for r := range GlyphHeight {
			for c := range GlyphWidth {
				if g.Lit[r][c] {
					lit++
				}
			}
		}
		want := float64(lit) / (GlyphWidth * GlyphHeight)
		for _, k := range []int{1, 2, 3, 4, 7} {
			var sum float64
			for _, v := range g.Ink(k) {
				if v < 0 || v > 1+1e-12 {
					t.Errorf("digit %d, %d×%d grid: cell ink %v outside 0…1", digit, k, k, v)
				}
				sum += v
			}
			if got := sum / float64(k*k); math.Abs(got-want) > 1e-12 {
				t.Errorf("digit %d, %d×%d grid: mean ink %v, want %v", digit, k, k, got, want)
			}
		}
	}
	ink := glyphs[7].Ink(2) // 7: a bar along the top, a stem down the left
	if !(ink[1] > 0.4 && ink[3] < 0.1) {
		t.Errorf("digit 7's ink by quadrant %v: want its top right inked, its bottom right bare", ink)
	}
}

func TestParseGlyphsRejectsBadFiles(t *testing.T) {
	good, err := files.ReadFile("digit_glyphs.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(good)
	for name, bad := range map[string]string{
		"short row":      strings.Replace(text, "digit 0\n.###.", "digit 0\n.##", 1),
		"bad dot":        strings.Replace(text, "digit 0\n.###.", "digit 0\n.#x#.", 1),
		"missing row":    strings.Replace(text, "digit 0\n.###.\n", "digit 0\n", 1),
		"out of order":   strings.Replace(text, "digit 3", "digit 4", 1),
		"missing digit":  text[:strings.Index(text, "digit 9")],
		"extra row":      strings.Replace(text, "digit 1\n", "digit 1\n.....\n", 1),
		"empty":          "",
		"eleventh digit": text + "\ndigit 10\n",
	} {
		if _, err := parseGlyphs([]byte(bad)); err == nil {
			t.Errorf("%s: parsed without error", name)
		} else if !strings.HasPrefix(err.Error(), "assets: digit_glyphs.txt") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

// FuzzParseGlyphs: any text is parsed or refused with the file's name,
// never a panic, and a parsed set inks every grid cell within 0…1.
func FuzzParseGlyphs(f *testing.F) {
	good, err := files.ReadFile("digit_glyphs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(good))
	f.Add("digit 0\n#####\n")
	f.Add("# a comment\n\ndigit 0\n.....\n.....\n.....\n.....\n.....\n.....\n.....\n")
	f.Fuzz(func(t *testing.T, text string) {
		glyphs, err := parseGlyphs([]byte(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "assets: digit_glyphs.txt") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for digit, g := range glyphs {
			for _, v := range g.Ink(3) {
				if v < 0 || v > 1+1e-12 {
					t.Fatalf("digit %d: ink %v outside 0…1", digit, v)
				}
			}
		}
	})
}
