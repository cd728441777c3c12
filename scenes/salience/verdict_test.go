package salience

import (
	"testing"
)

func TestPingpongVerdictFromMeasurements(t *testing.T) {
	cases := []struct {
		name                    string
		armIoU, kept, keptLarge float64
		want                    bool
	}{
		{"figure reproduced", 0.78, 0.0, 0.9, true},
		{"at the thresholds", 0.7, 0.3, 0.7, true},
		{"arm not drawn", 0.6, 0.0, 0.9, false},
		{"small ball kept", 0.8, 0.5, 0.9, false},
		{"large ball lost too", 0.8, 0.0, 0.4, false},
	}
	for _, c := range cases {
		r := &pingpongRun{radii: [2]float64{1, largeRadius}}
		r.last[0] = pingpongScore{armIoU: c.armIoU, ballKept: c.kept}
		r.last[1] = pingpongScore{ballKept: c.keptLarge}
		if got := r.verdict(); got.Reproduced != c.want {
			t.Errorf("%s: reproduced=%v, want %v (%s)", c.name, got.Reproduced, c.want, got.Detail)
		}
	}
}

func TestHeadVerdictFromMeasurements(t *testing.T) {
	cases := []struct {
		name               string
		sharpMSE, sharpAdv float64
		want               bool
	}{
		{"figure reproduced", 0.02, 0.85, true},
		{"at the thresholds", 0.3, 0.6, true},
		{"adversarial not sharp enough", 0.0, 0.5, false},
		{"MSE sharp as well", 0.4, 0.7, false},
	}
	for _, c := range cases {
		r := &headRun{}
		r.last[0] = headScore{sharp: c.sharpMSE}
		r.last[1] = headScore{sharp: c.sharpAdv}
		if got := r.verdict(); got.Reproduced != c.want {
			t.Errorf("%s: reproduced=%v, want %v (%s)", c.name, got.Reproduced, c.want, got.Detail)
		}
	}
}
