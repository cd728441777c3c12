package multitask

import (
	"testing"

	"replab/tui"
	"replab/tui/scenetest"
)

// The view at the scene's area in the standard terminals; rewrite the
// files with go test -update.
func TestViewGolden(t *testing.T) { scenetest.GoldenLayouts(t, Scene, goldenSteps, tui.SceneArea) }
