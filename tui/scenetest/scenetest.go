// Package scenetest helps test scenes and the shell: a golden-file check
// of a scene's view at a fixed size, and two tiny scenes (Wave and Grid)
// whose experiments are cheap, deterministic and able to finish, diverge
// or fail on request, for the shell's and the commands' tests.
package scenetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"replab/scenes"
	"replab/tui/widgets"
)

// Golden runs the scene headless for steps steps at seed 1 on its default
// values and goldens the final snapshot at width×height (see
// GoldenSnapshot):
//
//	scenetest.Golden(t, partitions.Scene, 80, 24, 50)
func Golden(t *testing.T, scene scenes.Scene, width, height, steps int) {
	t.Helper()
	GoldenSnapshot(t, scene, run(t, scene, steps), width, height)
}

// GoldenSnapshot draws snap at width×height without colour, checks that
// the view has exactly that size, and compares it with
// testdata/<TestName>.golden (rewrite it with `go test -update`).
func GoldenSnapshot(t *testing.T, scene scenes.Scene, snap scenes.Snapshot, width, height int) {
	t.Helper()
	view := scene.View(snap, width, height, widgets.Plain())
	RequireSize(t, view, width, height)
	golden.RequireEqual(t, []byte(view))
}

// run steps the scene headless at seed 1 on its default values.
func run(t *testing.T, scene scenes.Scene, steps int) scenes.Snapshot {
	t.Helper()
	opts := scenes.HeadlessOptions{Steps: steps}
	opts.Seed, opts.Values = 1, scenes.Defaults(scene.Params)
	res, err := scenes.RunHeadless(context.Background(), scene, opts)
	if err != nil {
		t.Fatalf("%s: %v", scene.Name, err)
	}
	return res.Snapshot
}

// RequireSize fails the test unless view is exactly height lines, each at
// most width cells wide (a height of 0 wants the empty string).
func RequireSize(t testing.TB, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if height == 0 && view == "" {
		lines = nil
	}
	if len(lines) != height {
		t.Fatalf("%d×%d view is %d lines", width, height, len(lines))
	}
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > width {
			t.Fatalf("%d×%d view: line %d is %d cells wide: %q", width, height, i, w, line)
		}
	}
}

// Terminals are the terminal sizes whose layouts scenes golden: the
// smallest full layout and a roomy one.
var Terminals = [][2]int{{80, 24}, {120, 40}}

// GoldenLayouts runs the scene headless for steps steps (once) and
// goldens the result at the area it gets in each of Terminals (see
// SnapshotLayouts).
func GoldenLayouts(t *testing.T, scene scenes.Scene, steps int, area func(w, h int) (int, int)) {
	t.Helper()
	SnapshotLayouts(t, scene, run(t, scene, steps), area)
}

// SnapshotLayouts goldens snap at the area the scene gets in each of
// Terminals, as subtests named by the terminal's size. area is the shell's
// layout (tui.SceneArea), passed in because the shell's own tests import
// this package.
func SnapshotLayouts(t *testing.T, scene scenes.Scene, snap scenes.Snapshot,
	area func(w, h int) (int, int)) {
	for _, term := range Terminals {
		t.Run(fmt.Sprintf("%dx%d", term[0], term[1]), func(t *testing.T) {
			w, h := area(term[0], term[1])
			GoldenSnapshot(t, scene, snap, w, h)
		})
	}
}

// Finish runs the scene headless to the end of its own budget at the given
// seed, with the named parameters set from text like --set, and returns
// the final snapshot. A bad value, a failed step or a run that does not
// finish fails the test.
func Finish(t testing.TB, scene scenes.Scene, seed uint64, set map[string]string) scenes.Snapshot {
	t.Helper()
	opts := scenes.HeadlessOptions{Config: scenes.Config{Seed: seed, Values: Values(t, scene, set)}}
	res, err := scenes.RunHeadless(context.Background(), scene, opts)
	if err != nil {
		t.Fatalf("%s: %v", scene.Name, err)
	}
	if res.Status != scenes.Finished || !res.Snapshot.Finished {
		t.Fatalf("%s: run ended %v without finishing", scene.Name, res.Status)
	}
	return res.Snapshot
}

// Values returns the scene's defaults with set applied, as --set would
// apply them; an entry the scene refuses fails the test.
func Values(t testing.TB, scene scenes.Scene, set map[string]string) scenes.Values {
	t.Helper()
	v := scenes.Defaults(scene.Params)
	for name, text := range set {
		if err := v.Set(scene.Params, name, text); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

// New builds the scene's experiment for seed on Values(set), for tests
// that step it by hand or look inside it.
func New(t testing.TB, scene scenes.Scene, seed uint64, set map[string]string) scenes.Experiment {
	t.Helper()
	exp, err := scene.New(scenes.Config{Seed: seed, Values: Values(t, scene, set)})
	if err != nil {
		t.Fatalf("%s: %v", scene.Name, err)
	}
	return exp
}
