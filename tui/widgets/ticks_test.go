package widgets

import "testing"

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
