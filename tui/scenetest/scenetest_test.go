package scenetest

import "testing"

func TestWaveGolden(t *testing.T) { Golden(t, Wave, 60, 16, 30) }

func TestGridGolden(t *testing.T) { Golden(t, Grid, 40, 10, 5) }

func TestRequireSizeCatchesWrongSizes(t *testing.T) {
	for _, view := range []string{"a\nb", "a\nb\nc\nd", "toolong\nb\nc"} {
		probe := &testing.T{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			RequireSize(probe, view, 3, 3)
		}()
		<-done
		if !probe.Failed() {
			t.Errorf("RequireSize accepted %q at 3×3", view)
		}
	}
}
