package zeroshot

import (
	"testing"

	"replab/tui"
	"replab/tui/scenetest"
)

// The view at the scene's area in the standard terminals; rewrite the
// files with go test -update.
func TestViewGolden(t *testing.T) { scenetest.GoldenLayouts(t, Scene, goldenSteps, tui.SceneArea) }

// The digits after the report's run: few unseen classes, so the confusion
// matrix is written in numbers.
func TestDigitsViewGolden(t *testing.T) {
	snap := scenetest.Finish(t, Scene, 1, digitsReport(t))
	scenetest.SnapshotLayouts(t, Scene, snap, tui.SceneArea)
}
