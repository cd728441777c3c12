package widgets

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/muesli/termenv"
)

var allProfiles = []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii}

// requireBlock fails unless s is exactly h lines of exactly w columns.
func requireBlock(t *testing.T, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if h == 0 {
		if s != "" {
			t.Fatalf("want an empty block, got %q", s)
		}
		return
	}
	if len(lines) != h {
		t.Fatalf("want %d lines, got %d", h, len(lines))
	}
	for i, line := range lines {
		if got := ansi.StringWidth(line); got != w {
			t.Fatalf("line %d: want width %d, got %d: %q", i, w, got, line)
		}
	}
}

func TestNearest256(t *testing.T) {
	tests := []struct {
		name string
		in   Color
		want int
	}{
		{"black is the cube's corner", 0x000000, 16},
		{"white is the cube's far corner", 0xffffff, 231},
		{"pure red", 0xff0000, 196},
		{"a cube point maps to itself", 0x5f87af, 67},
		{"mid grey is on the grey ramp", 0x808080, 244},
		{"near-black grey prefers the ramp", 0x0a0a0a, 232},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Nearest256(tt.in); got != tt.want {
				t.Fatalf("Nearest256(%s) = %d, want %d", tt.in.Hex(), got, tt.want)
			}
		})
	}
}

func TestNearest16(t *testing.T) {
	tests := []struct {
		in   Color
		want int
	}{{0x000000, 0}, {0xff0000, 9}, {0xf0f0f0, 15}, {0x7f7f7f, 8}, {0x008000, 2}}
	for _, tt := range tests {
		if got := Nearest16(tt.in); got != tt.want {
			t.Errorf("Nearest16(%s) = %d, want %d", tt.in.Hex(), got, tt.want)
		}
	}
}

func TestRasterMergesRepeatedColours(t *testing.T) {
	im := NewImage(10, 4)
	im.Fill(Hex(0x336699))
	got := Raster(im, Fixed(termenv.TrueColor, true))
	want := "\x1b[38;2;51;102;153;48;2;51;102;153m" + strings.Repeat("▀", 10) + "\x1b[0m"
	if got != want+"\n"+want {
		t.Fatalf("uniform image: want one escape per line, got %q", got)
	}
}

func TestRasterEmitsOnlyChangedColour(t *testing.T) {
	im := NewImage(2, 2)
	im.Set(0, 0, 0xff0000)
	im.Set(1, 0, 0x00ff00)
	im.Set(0, 1, 0x0000ff)
	im.Set(1, 1, 0x0000ff)
	got := Raster(im, Fixed(termenv.TrueColor, true))
	want := "\x1b[38;2;255;0;0;48;2;0;0;255m▀\x1b[38;2;0;255;0m▀\x1b[0m"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestRaster256AndANSI(t *testing.T) {
	im := NewImage(1, 2)
	im.Set(0, 0, 0xff0000)
	im.Set(0, 1, 0xffffff)
	got, want := Raster(im, Fixed(termenv.ANSI256, true)), "\x1b[38;5;196;48;5;231m▀\x1b[0m"
	if got != want {
		t.Errorf("256 colours: got %q, want %q", got, want)
	}
	got, want = Raster(im, Fixed(termenv.ANSI, true)), "\x1b[91;107m▀\x1b[0m"
	if got != want {
		t.Errorf("16 colours: got %q, want %q", got, want)
	}
}

func TestRasterPlainShadesByBrightness(t *testing.T) {
	im := NewImage(3, 2)
	for y := 0; y < 2; y++ {
		im.Set(0, y, 0x000000)
		im.Set(1, y, 0x808080)
		im.Set(2, y, 0xffffff)
	}
	if got := Raster(im, Fixed(termenv.Ascii, true)); got != " +@" {
		t.Errorf("dark background: got %q, want %q", got, " +@")
	}
	if got := Raster(im, Fixed(termenv.Ascii, false)); got != "@= " {
		t.Errorf("light background: got %q, want %q", got, "@= ")
	}
}

func TestRenderedBlocksHaveExactSize(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {7, 3}, {80, 24}, {123, 41}}
	for _, p := range allProfiles {
		theme := Fixed(p, true)
		for _, sz := range sizes {
			w, h := sz[0], sz[1]
			im := NewImage(w, 2*h-1) // odd pixel height: the last half row is empty
			for i := range im.Pix {
				im.Pix[i] = Heat(float64(i%97) / 96)
			}
			requireBlock(t, Raster(im, theme), w, h)
			chart := LineChart{Series: []Series{{Name: "a", Y: []float64{1, 3, 2}}}}
			requireBlock(t, chart.Render(w, h, theme), w, h)
			requireBlock(t, Box("title", "body\nmore", w, h, theme), w, h)
			requireBlock(t, Fit("x\x1b[31mred text that is long\x1b[0m", w, h), w, h)
		}
	}
}

func TestRegionMapPlainGlyphs(t *testing.T) {
	m := NewRegionMap(6, 4)
	for y := 0; y < 4; y++ {
		for x := 0; x < 6; x++ {
			m.Labels[y*6+x] = x / 3 // left half region 0, right half region 1
		}
	}
	m.Marks = []Mark{{X: 4, Y: 2, Glyph: '+', Color: 0xffffff}}
	got := m.Render(Plain())
	want := "AAABBB\nAAAB+B"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	m.Lines = []Line{{X0: 0, Y0: 0.5, X1: 6, Y1: 0.5, Color: 0xffffff}}
	if got := m.Render(Plain()); !strings.HasPrefix(got, "------\n") {
		t.Fatalf("a horizontal line should draw dashes, got %q", got)
	}
}

func TestRegionMapLineFarOutsideIsClipped(t *testing.T) {
	m := NewRegionMap(8, 8)
	m.Lines = []Line{
		{X0: -1e12, Y0: 4, X1: 1e12, Y1: 4, Color: 0xffffff},
		{X0: math.Inf(-1), Y0: 0, X1: 3, Y1: 3, Color: 0xffffff},
		{X0: math.NaN(), Y0: 0, X1: 3, Y1: 3, Color: 0xffffff},
	}
	got := m.Render(Plain())
	if lines := strings.Split(got, "\n"); lines[2] != "--------" {
		t.Fatalf("want a full row of dashes on line 2, got %q", got)
	}
}

func TestChartPlainHasNoEscapesAndMarksSeries(t *testing.T) {
	chart := LineChart{Series: []Series{
		{Name: "measured", Y: []float64{1, 2, 4, 8}},
		{Name: "formula", X: []float64{0, 3}, Y: []float64{1, 8}},
	}}
	got := chart.Render(40, 10, Plain())
	if strings.Contains(got, "\x1b") {
		t.Fatalf("plain chart contains escapes: %q", got)
	}
	for _, want := range []string{"1 measured", "2 formula", "└", "8"} {
		if !strings.Contains(got, want) {
			t.Errorf("plain chart lacks %q:\n%s", want, got)
		}
	}
	if !strings.ContainsFunc(got, func(r rune) bool { return r > 0x2800 && r <= 0x28ff }) {
		t.Errorf("plain chart has no braille dots:\n%s", got)
	}
}

func TestChartSurvivesBadData(t *testing.T) {
	chart := LineChart{Series: []Series{
		{Name: "nan", Y: []float64{math.NaN(), 1, math.Inf(1), 2, 1e300, -1e300}},
		{Name: "empty"},
		{Name: "short x", X: []float64{1}, Y: []float64{1, 2, 3}},
	}}
	for _, p := range allProfiles {
		requireBlock(t, chart.Render(50, 12, Fixed(p, false)), 50, 12)
	}
	empty := LineChart{}
	requireBlock(t, empty.Render(20, 6, Plain()), 20, 6)
}

func TestThemeColoursDifferByBackground(t *testing.T) {
	dark, light := Fixed(termenv.TrueColor, true), Fixed(termenv.TrueColor, false)
	if dark.Text() == light.Text() || dark.Series(0) == light.Series(0) {
		t.Fatal("text and series colours should adapt to the background")
	}
	if dark.Text().Luminance() < 0.5 || light.Text().Luminance() > 0.5 {
		t.Fatal("text should be light on dark and dark on light")
	}
	p := dark.Palette(8)
	seen := map[Color]bool{}
	for _, c := range p {
		seen[c] = true
	}
	if len(seen) != 8 {
		t.Fatalf("palette of 8 has %d distinct colours", len(seen))
	}
	var nilTheme *Theme
	requireBlock(t, Box("x", "y", 5, 3, nilTheme), 5, 3)
}

func TestQuickWidthAgreesWithAnsi(t *testing.T) {
	lines := []string{
		"", "plain", "\x1b[38;2;1;2;3;48;5;7m▀▀\x1b[0m ok", "Σ C(n,j) → 7 regions ● ↻ ▸ …",
		"⣀⠤⠒⠊ │ └──", "wide 漢字 falls back", "emoji 🙂", "\x1b]8;;url\x1b\\link",
		"é and e\u0301",
	}
	for _, l := range lines {
		got, ok := quickWidth(l)
		if ok && got != ansi.StringWidth(l) {
			t.Errorf("quickWidth(%q) = %d, ansi says %d", l, got, ansi.StringWidth(l))
		}
	}
	if _, ok := quickWidth("漢"); ok {
		t.Error("a wide rune must fall back to the full measure")
	}
}

func TestChartWithWideTickLabels(t *testing.T) {
	chart := LineChart{Series: []Series{{Y: []float64{-2, 1}}}, NoLegend: true,
		Format: func(v float64) string { return "−" + strconv.FormatFloat(math.Abs(v), 'f', 1, 64) }}
	got := chart.Render(30, 8, Plain())
	requireBlock(t, got, 30, 8)
	if !strings.HasPrefix(got, "−1.0│") {
		t.Fatalf("y labels should sit right against the axis:\n%s", got)
	}
}

func TestPaletteStaysDistinctOnSixteenColours(t *testing.T) {
	theme := Fixed(termenv.ANSI, true)
	seen := map[int]bool{}
	for _, c := range theme.Palette(12) {
		seen[Nearest16(c)] = true
	}
	if len(seen) != 12 {
		t.Fatalf("12 regions map to %d of the 16 colours, want 12 distinct", len(seen))
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		text string
		w    int
		want []string
	}{
		{"on the digits a linear map does best", 14,
			[]string{"on the digits", "a linear map", "does best"}},
		{"  spaced   out  ", 20, []string{"spaced out"}},
		{"a unbreakableword b", 5, []string{"a", "unbre", "akabl", "eword", "b"}},
		{"ab cdefgh", 3, []string{"ab", "cde", "fgh"}},
		{"x", 0, []string{"x"}},
		{"chance 1.5× — ≥ 0.500", 10, []string{"chance", "1.5× — ≥", "0.500"}},
		{"", 10, nil},
	} {
		got := Wrap(c.text, c.w)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.text, c.w, got, c.want)
		}
	}
}

// Every palette colour keeps its perceived lightness clear of the
// background (a dark blue vanished on dark terminals), and the colours stay
// apart from each other.
func TestPaletteIsReadableAndDistinct(t *testing.T) {
	const tolerance = 0.01 // rounding to 8-bit channels
	for _, dark := range []bool{true, false} {
		colours := Fixed(termenv.TrueColor, dark).Palette(16)
		var seen []colorful.Color
		for i, c := range colours {
			r, g, b := c.Channels()
			col := colorful.Color{R: float64(r) / 255, G: float64(g) / 255, B: float64(b) / 255}
			_, _, l := col.Hcl()
			if dark && l < minLightOnDark-tolerance {
				t.Errorf("dark %v: colour %d (%s) has lightness %.2f", dark, i, c.Hex(), l)
			}
			for j, other := range seen {
				if d := col.DistanceCIEDE2000(other); d < 0.05 {
					t.Errorf("dark %v: colours %d and %d are %.3f apart", dark, j, i, d)
				}
			}
			seen = append(seen, col)
		}
	}
}
