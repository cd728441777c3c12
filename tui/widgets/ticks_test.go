package widgets

import (
	"testing"

	"github.com/muesli/termenv"
)

func TestTickLabelsStayApart(t *testing.T) {
	lc := LineChart{}
	cases := [][]float64{{-1.6421, -1.6425, -1.6429}, {0, 0.5, 1}, {2580, 2080, 1580}}
	for _, values := range cases {
		labels := lc.tickLabels(values...)
		if !distinct(labels) {
			t.Errorf("%v labelled %v", values, labels)
		}
	}
	if got := lc.tickLabels(0, 0.5, 1); got[1] != "0.5" {
		t.Errorf("a plain range got %v, want the shortest labels", got)
	}
}

// A series whose colour was left unset takes the theme's colour: the zero
// Color is black, which would hide the line on a dark terminal.
func TestUnsetSeriesColourIsTheThemes(t *testing.T) {
	theme := Fixed(termenv.TrueColor, true)
	unset := LineChart{Series: []Series{{Y: []float64{0, 1, 0, 1}}}}
	themed := LineChart{Series: []Series{{Y: []float64{0, 1, 0, 1}, Color: theme.Series(0)}}}
	if a, b := unset.Render(20, 6, theme), themed.Render(20, 6, theme); a != b {
		t.Errorf("an unset series colour drew\n%q\nwant\n%q", a, b)
	}
}
