package zeroshot

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"replab/tui"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// The view at the scene's area in the standard terminals; rewrite the
// files with go test -update.
func TestViewGolden(t *testing.T) { scenetest.GoldenLayouts(t, Scene, goldenSteps, tui.SceneArea) }

// The digits after the report's run: few unseen classes, so the confusion
// matrix is written in numbers.
func TestDigitsViewGolden(t *testing.T) {
	snap := scenetest.Finish(t, Scene, 1, digitsReport(t))
	for _, term := range scenetest.Terminals {
		t.Run(fmt.Sprintf("%dx%d", term[0], term[1]), func(t *testing.T) {
			w, h := tui.SceneArea(term[0], term[1])
			out := view(snap, w, h, widgets.Plain())
			scenetest.RequireSize(t, out, w, h)
			golden.RequireEqual(t, []byte(out))
		})
	}
}
