package widgets

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// An unset pixel must show the terminal's background: a half block whose
// unset half took the default foreground would paint it in text colour.
func TestUnsetPixelsShowTheBackground(t *testing.T) {
	red := RGB(255, 0, 0)
	cases := []struct {
		top, bottom Color
		want        Cell
	}{
		{Default, Default, Cell{Rune: ' ', FG: Default, BG: Default}},
		{Default, red, Cell{Rune: LowerHalfBlock, FG: red, BG: Default}},
		{red, Default, Cell{Rune: HalfBlock, FG: red, BG: Default}},
		{red, red, Cell{Rune: HalfBlock, FG: red, BG: red}},
	}
	for _, c := range cases {
		if got := halfBlockCell(c.top, c.bottom); got != c.want {
			t.Errorf("top %v bottom %v: %+v, want %+v", c.top, c.bottom, got, c.want)
		}
	}
	im := NewImage(3, 2)
	im.Set(1, 1, red)
	out := Raster(im, Fixed(termenv.TrueColor, true))
	if strings.Contains(out, string(HalfBlock)) || !strings.Contains(out, string(LowerHalfBlock)) {
		t.Errorf("one bottom pixel drew %q", out)
	}
}
